"""The click group of the verbs: each verb's module is imported only when it is called."""

from __future__ import annotations

import importlib
import keyword
from collections.abc import Sequence

import click

from hoso import __version__
from hoso.cli import _vi
from hoso.cli._verbs import VERBS

HELP = """hoso — hồ sơ kết nạp Đảng (Mẫu 2-KNĐ) trong git.

\b
Các lệnh thường dùng:
  hoso new MÃ --chi-bo CHI_BỘ   tạo hồ sơ trống đủ các mục
  hoso word MÃ --chi-bo CHI_BỘ  tạo Mẫu 2-KNĐ dạng Word để quần chúng khai
  hoso form                     tạo trang khai lý lịch (HTML, chạy trên máy, cả điện thoại)
  hoso import TỆP.docx          đọc tệp Word đã khai vào hồ sơ
  hoso check [ĐƯỜNG_DẪN…]       kiểm tra hồ sơ theo lược đồ và quy định
  hoso render [ĐƯỜNG_DẪN…]      in Mẫu 2-KNĐ ra DOCX và PDF
  hoso build                    việc chính: kiểm tra, in, dựng trang hướng dẫn
"""


class VietnameseHelpFormatter(click.HelpFormatter):
    """click's help screens with a Vietnamese usage line."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: " if prefix is None else prefix)


click.Context.formatter_class = VietnameseHelpFormatter
_vi.install()


def _verbs() -> list[str]:
    return list(VERBS)


def _module(verb: str) -> str:
    name = verb.replace("-", "_")
    return f"hoso.cli.{name}_" if keyword.iskeyword(name) else f"hoso.cli.{name}"


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return _verbs()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _verbs():
            return None
        module = importlib.import_module(_module(cmd_name))
        command: click.Command = module.command
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[no-untyped-def]
        name = args[0] if args else ""
        if name and name not in _verbs() and not name.startswith("-"):
            import difflib

            guess = difflib.get_close_matches(name, _verbs(), n=1)
            hint = f" Có phải ý bạn là “hoso {guess[0]}”?" if guess else ""
            raise click.UsageError(f"Không có lệnh “{name}”.{hint}", ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=LazyGroup, help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, message="hoso %(version)s")
def cli() -> None:
    pass


def run(argv: Sequence[str] | None) -> int:
    """The command line through click; click's own exceptions become messages and exit codes,
    the others are :func:`hoso.cli.main`'s."""
    from hoso.cli._program import startup_done

    startup_done()  # a verb may run long: the collector on from here
    try:
        rv = cli.main(args=list(argv) if argv is not None else None, prog_name="hoso",
                      standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Đã hủy.", err=True)
        return 2
    except click.UsageError as exc:
        click.echo(f"Lỗi cách dùng: {exc.format_message()}", err=True)
        if exc.ctx is not None:
            click.echo(f"Xem: {exc.ctx.command_path} --help", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"Lỗi: {exc.format_message()}", err=True)
        return exc.exit_code
    return int(rv or 0)
