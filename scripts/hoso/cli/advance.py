"""``hoso advance``: chuyển hồ sơ sang giai đoạn kế tiếp, hoặc trả lại để sửa."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

import click

from hoso.cli._common import REPO, parse_date, repo_of
from hoso.form import dates
from hoso.workflow import facts, stages

_STAGE_HELP = "\n".join(f"  {s.code:<16} {s.label} — {s.actor}" for s in stages.ORDER)

HELP = f"""Chuyển hồ sơ TỆP sang GIAI_ĐOẠN kế tiếp, hoặc trả lại để sửa (tra_lai).

Hồ sơ được kiểm tra như thể đã ở giai đoạn mới; nếu còn lỗi thì không chuyển và in các lỗi.
Tệp được ghi lại nguyên vẹn (giữ chú thích, thứ tự, định dạng), chỉ đổi dòng giai đoạn, thêm
một dòng vào lịch sử quy trình và ghi các thông tin của bước (cuộc họp, biểu quyết, quyết định,
lễ kết nạp, thẩm tra) cho bằng các tùy chọn dưới đây vào mục xet_ket_nap.

\b
Thông tin ghi kèm khi chuyển:
  bieu_quyet   cuộc họp chi bộ xét kết nạp: --ngay-hop --so-nghi-quyet --tong-so --co-mat
               --tan-thanh --khong-tan-thanh --hinh-thuc; trả lời thẩm tra còn thiếu
  ket_nap      nghị quyết Đảng ủy cơ sở: --dang-uy-… ; quyết định kết nạp: --so-quyet-dinh
               --ngay-quyet-dinh --co-quan-quyet-dinh --ngay-nhan-quyet-dinh; --ngay-le
  chinh_thuc   chi bộ xét công nhận chính thức (--ngay-hop …), Đảng ủy (--dang-uy-…),
               quyết định công nhận (--so-quyet-dinh …)
  tham_tra     yêu cầu thẩm tra đã gửi: --gui-tham-tra, --gui-tham-tra-nuoc-ngoai

Thông tin có sau khi chuyển (yêu cầu và trả lời thẩm tra về dần) hoặc ghi sai cần sửa thì
ghi bằng “hoso ghi”, không chuyển giai đoạn.

\b
Các giai đoạn, theo thứ tự:
{_STAGE_HELP}
  {stages.TRA_LAI:<16} {stages.TRA_LAI_LABEL} — về “{stages.label(stages.KHAI)}”,
                   từ một giai đoạn xem xét

Mã thoát: 0 đã chuyển, 1 không chuyển được (có lỗi), 2 lỗi cách dùng."""


def fact_options(func: Any) -> Any:
    """The options of the facts (meetings, votes, decisions, ceremony, verifications), shared
    with ``hoso ghi``."""
    for fact in reversed(facts.FACTS):
        func = click.option(fact.option, fact.name, default=None, help=fact.help,
                            metavar="NGÀY" if fact.kind == facts.DATE else
                            "SỐ" if fact.kind == facts.COUNT else "GIÁ_TRỊ")(func)
    func = click.option("--tra-loi-tham-tra", "answered", multiple=True, nargs=3,
                        metavar="ĐỐI_TƯỢNG NGÀY KẾT_QUẢ",
                        help="Trả lời của một yêu cầu thẩm tra đã ghi, ví dụ: cha_de 2026-03-20 "
                             "\"Lời khai đúng\".")(func)
    func = click.option("--gui-tham-tra-nuoc-ngoai", "sent_abroad", multiple=True, nargs=3,
                        metavar="ĐỐI_TƯỢNG NƠI_NHẬN NGÀY",
                        help="Như --gui-tham-tra, cho người ở nước ngoài (hạn trả lời 90 ngày "
                             "làm việc).")(func)
    return click.option("--gui-tham-tra", "sent", multiple=True, nargs=3,
                        metavar="ĐỐI_TƯỢNG NƠI_NHẬN NGÀY",
                        help="Một yêu cầu thẩm tra đã gửi (trong nước), ví dụ: cha_de \"Ban "
                             "Thường vụ Đảng ủy xã Thất Khê\" 2026-03-02. Dùng nhiều lần cho "
                             "nhiều yêu cầu.")(func)


Triple = tuple[tuple[str, str, str], ...]


def verifications(sent: Triple, sent_abroad: Triple, answered: Triple) -> tuple[Any, ...]:
    """The verification options as the facts module takes them."""
    return (*(facts.Verification(facts.SENT, w, d, t) for w, t, d in sent),
            *(facts.Verification(facts.SENT, w, d, t, abroad=True) for w, t, d in sent_abroad),
            *(facts.Verification(facts.ANSWERED, w, d, t) for w, d, t in answered))


def dry_run_diff(old: bytes, new: bytes, display: str) -> str:
    """The change ``--xem-truoc`` shows."""
    return "".join(difflib.unified_diff(
        old.decode("utf-8").splitlines(keepends=True), new.decode("utf-8").splitlines(keepends=True),
        fromfile=f"a/{display}", tofile=f"b/{display}"))


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
@fact_options
def command(file: Path, target: str, on_date: str | None, person: str, note: str,
            dry_run: bool, sent: Triple, sent_abroad: Triple, answered: Triple,
            repo_dir: Path | None, **given: str | None) -> int:
    from hoso.findings import Result, render_text
    from hoso.workflow.advance import Request, advance

    repo = repo_of(repo_dir)
    if not person.strip():
        raise click.UsageError("--nguoi không được để trống.")
    on = parse_date(on_date) or date.today()
    request = Request(target, on, person, note,
                      facts={k: v for k, v in given.items() if v is not None},
                      verifications=verifications(sent, sent_abroad, answered))
    outcome = advance(repo, file, request, dry_run=dry_run)
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
        click.echo(dry_run_diff(outcome.old, outcome.new, outcome.display), nl=False)
        click.echo(f"(Xem trước, chưa ghi tệp) {move.title}.")
        return 0
    click.echo(f"Đã chuyển {outcome.display}: {move.title}, ngày {dates.show_day(on)}.")
    nxt = stages.get(move.target)
    click.echo(f"Bây giờ: {nxt.work} Người thực hiện: {nxt.actor}.")
    return 0
