from hoso.cli import run

run()
