"""``hoso ghi``: ghi thông tin của giai đoạn hiện tại, không chuyển giai đoạn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hoso.cli._common import REPO, parse_date, repo_of
from hoso.cli.advance import Triple, dry_run_diff, fact_options, verifications
from hoso.form import dates

HELP = """Ghi vào mục xet_ket_nap của hồ sơ TỆP các thông tin của giai đoạn hồ sơ đang ở, không
chuyển giai đoạn: những việc đến sau khi đã chuyển, như các yêu cầu và trả lời thẩm tra về dần,
hoặc sửa một thông tin đã ghi sai (số nghị quyết, số quyết định, ngày nhận…).

\b
Ghi được ở giai đoạn:
  tham_tra     yêu cầu thẩm tra đã gửi và trả lời: --gui-tham-tra, --gui-tham-tra-nuoc-ngoai,
               --tra-loi-tham-tra
  bieu_quyet   cuộc họp chi bộ xét kết nạp (--ngay-hop …); trả lời thẩm tra
  ket_nap      nghị quyết Đảng ủy (--dang-uy-…), quyết định kết nạp (--so-quyet-dinh
               --ngay-quyet-dinh --co-quan-quyet-dinh --ngay-nhan-quyet-dinh), --ngay-le
  chinh_thuc   các cuộc họp và quyết định công nhận đảng viên chính thức

Các giá trị được kiểm tra như khi chuyển giai đoạn (ngày có thật, số có mặt không lớn hơn tổng
số, trả lời phải có yêu cầu đã gửi…); rồi hồ sơ được kiểm tra ở giai đoạn của nó: chỉ lỗi do
chính các giá trị mới gây ra mới làm lệnh không ghi. Tệp chỉ đổi ở những dòng được ghi.

Mã thoát: 0 đã ghi, 1 không ghi được (có lỗi), 2 lỗi cách dùng."""


@click.command(help=HELP)
@click.argument("file", metavar="TỆP", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--ngay", "on_date", default=None, metavar="YYYY-MM-DD",
              help="Ngày xét các thời hạn khi kiểm tra (mặc định: hôm nay).")
@click.option("--xem-truoc", "dry_run", is_flag=True,
              help="Chỉ in phần thay đổi, không ghi tệp.")
@REPO
@fact_options
def command(file: Path, on_date: str | None, dry_run: bool, sent: Triple, sent_abroad: Triple,
            answered: Triple, repo_dir: Path | None, **given: str | None) -> int:
    from hoso.findings import Result, render_text
    from hoso.workflow.advance import Request, record

    repo = repo_of(repo_dir)
    on = parse_date(on_date) or date.today()
    request = Request("", on, "", facts={k: v for k, v in given.items() if v is not None},
                      verifications=verifications(sent, sent_abroad, answered))
    outcome = record(repo, file, request, dry_run=dry_run)
    if outcome.findings:
        result = Result(findings=outcome.findings, files=[outcome.display])
        click.echo(render_text(result), nl=False, err=outcome.refused)
    if outcome.refused:
        click.echo(f"Không ghi vào hồ sơ {outcome.display}: hãy sửa các lỗi trên rồi chạy lại.",
                   err=True)
        return 1
    assert outcome.new is not None
    if dry_run:
        click.echo(dry_run_diff(outcome.old, outcome.new, outcome.display), nl=False)
        click.echo("(Xem trước, chưa ghi tệp.)")
        return 0
    click.echo(f"Đã ghi vào {outcome.display} (giai đoạn giữ nguyên: {outcome.stage}), ngày xét "
               f"{dates.show_day(on)}.")
    return 0
