"""``hoso advance``: chuyển hồ sơ sang giai đoạn kế tiếp, hoặc trả lại để sửa."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import click

from hoso.cli._common import REPO, parse_date, repo_of
from hoso.form import dates
from hoso.workflow import stages

_STAGE_HELP = "\n".join(f"  {s.code:<16} {s.label} — {s.actor}" for s in stages.ORDER)

HELP = f"""Chuyển hồ sơ TỆP sang GIAI_ĐOẠN kế tiếp, hoặc trả lại để sửa (tra_lai).

Hồ sơ được kiểm tra như thể đã ở giai đoạn mới; nếu còn lỗi thì không chuyển và in các lỗi.
Tệp được ghi lại nguyên vẹn (giữ chú thích, thứ tự, định dạng), chỉ đổi dòng giai đoạn và thêm
một dòng vào lịch sử quy trình.

\b
Các giai đoạn, theo thứ tự:
{_STAGE_HELP}
  {stages.TRA_LAI:<16} {stages.TRA_LAI_LABEL} — về “{stages.label(stages.KHAI)}”,
                   từ một giai đoạn xem xét

Mã thoát: 0 đã chuyển, 1 không chuyển được (có lỗi), 2 lỗi cách dùng."""


@click.command(help=HELP)
@click.argument("file", metavar="TỆP", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("target", metavar="GIAI_ĐOẠN")
@click.option("--ngay", "on_date", default=None, metavar="YYYY-MM-DD",
              help="Ngày chuyển giai đoạn (mặc định: hôm nay).")
@click.option("--nguoi", "person", required=True, metavar="HỌ_TÊN",
              help="Người quyết định việc chuyển, ví dụ đồng chí bí thư chi bộ.")
@click.option("--ghi-chu", "note", default="", metavar="NỘI_DUNG",
              help="Ghi chú; bắt buộc khi trả lại (nói rõ cần sửa gì).")
@click.option("--xem-truoc", "dry_run", is_flag=True,
              help="Chỉ in phần thay đổi, không ghi tệp.")
@REPO
def command(file: Path, target: str, on_date: str | None, person: str, note: str,
            dry_run: bool, repo_dir: Path | None) -> int:
    from hoso.findings import Result, render_text
    from hoso.workflow.advance import Request, advance

    repo = repo_of(repo_dir)
    if not person.strip():
        raise click.UsageError("--nguoi không được để trống.")
    on = parse_date(on_date) or date.today()
    outcome = advance(repo, file, Request(target, on, person, note), dry_run=dry_run)
    if outcome.findings:
        result = Result(findings=outcome.findings, files=[outcome.display])
        click.echo(render_text(result), nl=False, err=outcome.refused)
    move = outcome.move
    if outcome.refused:
        what = move.title if move else f"sang “{target}”"
        click.echo(f"Không chuyển hồ sơ {outcome.display} ({what}): "
                   "hãy sửa các lỗi trên rồi chạy lại.", err=True)
        return 1
    assert move is not None
    assert outcome.new is not None
    if dry_run:
        diff = difflib.unified_diff(
            outcome.old.decode("utf-8").splitlines(keepends=True),
            outcome.new.decode("utf-8").splitlines(keepends=True),
            fromfile=f"a/{outcome.display}", tofile=f"b/{outcome.display}")
        click.echo("".join(diff), nl=False)
        click.echo(f"(Xem trước, chưa ghi tệp) {move.title}.")
        return 0
    click.echo(f"Đã chuyển {outcome.display}: {move.title}, ngày {dates.show_day(on)}.")
    nxt = stages.get(move.target)
    click.echo(f"Bây giờ: {nxt.work} Người thực hiện: {nxt.actor}.")
    return 0
