"""``hoso check``: kiểm tra hồ sơ."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import DATE, FORMAT, REPO, SHARD
from hoso.cli._plain import check


@click.command(help="Kiểm tra hồ sơ (tệp hoặc thư mục; mặc định: dossiers/) theo lược đồ Mẫu 2-KNĐ "
                    "và các quy định kết nạp. Mã thoát: 0 đạt, 1 có lỗi, 2 lỗi cách dùng.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
@click.option("--strict", is_flag=True, help="Coi cảnh báo như lỗi.")
@click.option("--chi-luoc-do", "schema_only", is_flag=True,
              help="Chỉ kiểm tra theo lược đồ, bỏ qua quy định.")
@DATE
@SHARD
@click.option("--jobs", "-j", "jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình kiểm tra song song khi có nhiều hồ sơ (mặc định: số lõi CPU).")
@REPO
def command(paths: tuple[Path, ...], fmt: str, strict: bool, schema_only: bool,
            on_date: str | None, shard: str | None, jobs: int | None,
            repo_dir: Path | None) -> int:
    # (the same function runs a plain ``hoso check FILE`` without click: hoso.cli._plain)
    return check(paths, fmt, strict, schema_only, on_date, shard, jobs, repo_dir,
                 write=lambda text: click.echo(text, nl=False))
