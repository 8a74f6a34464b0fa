"""``hoso report``: thống kê hồ sơ, kết nạp, chất lượng và các thời hạn."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from hoso import extras
from hoso.cli._common import REPO, parse_date, repo_of

HELP = """Thống kê hồ sơ kết nạp Đảng từ dữ liệu và lịch sử git: hồ sơ theo chi bộ và giai đoạn;
kết nạp theo năm và nhiệm kỳ so với chỉ tiêu trong to-chuc.yaml; công nhận đảng viên chính thức;
tỷ lệ hồ sơ không có lỗi khi lên Đảng ủy xem xét, số lần trả lại, các mã quy tắc hay gặp; các
thời hạn tính bằng ngày làm việc thật (trả lời thẩm tra, quyết định kết nạp, lễ kết nạp,
xét và quyết định công nhận chính thức; có căn cứ, đánh dấu việc quá hạn), hết dự bị, giấy
chứng nhận bồi dưỡng, giấy tờ quá 12 tháng.

In báo cáo theo --format ra màn hình, đồng thời ghi bản Markdown, hai biểu đồ SVG và trang thống
kê nội bộ (index.html) vào thư mục --out. Báo cáo có thông tin cá nhân: không bao giờ ghi vào
trang hướng dẫn công khai.

Mã thoát: 0 đã lập báo cáo, 2 lỗi cách dùng hoặc môi trường."""


@click.command(help=HELP)
@click.option("--nam", "year", type=click.IntRange(1930, 2200), default=None, metavar="NĂM",
              help="Năm xem xét (mặc định: năm của ngày tính).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Cách in báo cáo ra màn hình.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi báo cáo Markdown, biểu đồ SVG và trang thống kê nội bộ "
                   "(mặc định: build/thong-ke trong kho).")
@click.option("--khong-ghi", "no_files", is_flag=True,
              help="Chỉ in ra màn hình, không ghi tệp nào.")
@click.option("--ngay", "on_date", default=None, metavar="YYYY-MM-DD", envvar="HOSO_NGAY",
              help="Ngày tính các thời hạn (mặc định: hôm nay).")
@click.option("--trong", "horizon", type=click.IntRange(0, 3650), default=90, show_default=True,
              metavar="SỐ_NGÀY",
              help="Liệt kê giấy chứng nhận, giấy tờ đã hoặc sẽ hết giá trị trong số ngày này.")
@REPO
def command(year: int | None, fmt: str, out_dir: Path | None, no_files: bool, on_date: str | None,
            horizon: int, repo_dir: Path | None) -> int:
    extras.require("report")
    from hoso.report import DEFAULT_OUT, check_out_dir, make_report
    from hoso.report.render import render, write_outputs

    repo = repo_of(repo_dir)
    on = parse_date(on_date) or date.today()
    out = None
    if not no_files:
        out = out_dir if out_dir is not None else repo.root / DEFAULT_OUT
        check_out_dir(repo, out)
    with _progress() as step:
        report = make_report(repo, on, year, horizon, progress=step)
    click.echo(render(report, fmt), nl=False)
    if out is not None:
        written = write_outputs(report, out)
        names = ", ".join(p.name for p in written)
        click.echo(f"Đã ghi báo cáo vào {repo.relative(out)}: {names}.", err=True)
    return 0


@contextmanager
def _progress() -> Iterator[Callable[[str], None] | None]:
    """A status line while the history is replayed, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    status = Console(stderr=True).status("Đang kiểm tra lại lịch sử hồ sơ…")
    count = 0

    def step(path: str) -> None:
        nonlocal count
        count += 1
        status.update(f"Đang kiểm tra lại lịch sử hồ sơ… {count}: {path}")

    with status:
        yield step
