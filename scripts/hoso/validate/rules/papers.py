"""The party-awareness certificate, the other papers and the dossier checklist (reference R9–R11,
§4.1).

That the certificate and the application letter exist is the schema's business (both are required
in ``xet_ket_nap``); these rules judge their dates.
"""

from __future__ import annotations

from collections.abc import Iterator

from hoso.form import checklist, dates
from hoso.form.limits import CERTIFICATE_MONTHS, PAPER_MONTHS
from hoso.form.text import lower_first
from hoso.validate.rules.base import Ctx, Hit, dig, rows, rule
from hoso.validate.rules.samples import AT_VOTE
from hoso.workflow import stages as stage_mod

CERT = ("xet_ket_nap", "chung_nhan_boi_duong")
LETTER = ("xet_ket_nap", "don_xin_vao_dang")
CERT_VALID = CERTIFICATE_MONTHS.show()
PAPER_VALID = PAPER_MONTHS.show()


@rule(
    "chung-nhan-boi-duong-het-han",
    title=f"Giấy chứng nhận bồi dưỡng nhận thức về Đảng đã quá {CERT_VALID}",
    explanation=(
        f"Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng có giá trị {CERT_VALID} tính đến "
        "ngày chi bộ họp xét kết nạp. Quá hạn thì người xin vào Đảng phải học lại trước khi chi bộ xét."),
    basis=f"Hướng dẫn 12-HD/BTCTW; Hướng dẫn 06-HD/TW điểm 5.4 (giá trị {CERT_VALID}) (quy tắc R9).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [{"dat": "xet_ket_nap.chung_nhan_boi_duong.ngay", "gia_tri": "2021-10-24"}],
             "at": "xet_ket_nap.chung_nhan_boi_duong.ngay"},
)
def certificate_expired(ctx: Ctx) -> Iterator[Hit]:
    issued = dates.parse(dig(ctx.xkn, "chung_nhan_boi_duong", "ngay"))
    if issued is None:
        return
    until = dates.add_months(issued.last, CERTIFICATE_MONTHS.value)
    if ctx.ref > until:
        yield Hit((*CERT, "ngay"),
                  f"Giấy chứng nhận bồi dưỡng nhận thức về Đảng cấp {issued.show()} chỉ có giá trị "
                  f"{CERT_VALID} (đến ngày {dates.show_day(until)}); đến {ctx.ref_phrase()} đã hết "
                  "hạn. Người xin vào Đảng phải học lại lớp bồi dưỡng trước khi chi bộ xét.")


def _papers(ctx: Ctx) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path of the date, the paper's name) for every dated paper valid :data:`PAPER_MONTHS`.

    HD 06 §5.4 a lists them: the introducer's letter, the Youth Union / trade-union resolution,
    the summary of opinions (and a supplementary verification only if something changed). The
    application letter and the biography are not redone."""
    for i, person in rows(ctx.xkn, "nguoi_gioi_thieu"):
        name = person.get("ho_ten")
        yield (("xet_ket_nap", "nguoi_gioi_thieu", i, "ngay_giay_gioi_thieu"),
               f"Giấy giới thiệu của {name if isinstance(name, str) else 'người giới thiệu'}")
    yield ("xet_ket_nap", "tong_hop_y_kien", "ngay"), "Tổng hợp ý kiến nhận xét"
    yield ("xet_ket_nap", "gioi_thieu_cua_doan", "ngay"), "Nghị quyết giới thiệu của Đoàn"
    yield ("xet_ket_nap", "gioi_thieu_cua_cong_doan", "ngay"), "Nghị quyết giới thiệu của công đoàn"
    for i, paper in rows(ctx.xkn, "giay_to"):
        name = paper.get("ten")
        yield ("xet_ket_nap", "giay_to", i, "ngay"), name if isinstance(name, str) else "Giấy tờ"


@rule(
    "giay-to-qua-han",
    title=f"Giấy tờ trong hồ sơ đã quá {PAPER_VALID}",
    explanation=(
        f"Quá {PAPER_VALID} kể từ khi lập mà chi bộ chưa xét kết nạp thì làm lại: giấy giới thiệu "
        "của người giới thiệu, nghị quyết giới thiệu của Đoàn hoặc công đoàn, tổng hợp ý kiến nhận "
        "xét của đoàn thể và chi ủy nơi cư trú (và các giấy tờ khác ghi ở giay_to). Đơn xin vào "
        "Đảng và lý lịch không phải làm lại."),
    basis="HD 06-HD/TW §5.4 a (quy tắc R10).",
    confidence="C",
    items=("23", "xét kết nạp"),
    failing={"patches": [{"dat": "xet_ket_nap.gioi_thieu_cua_doan.ngay", "gia_tri": "2025-10-25"}],
             "at": "xet_ket_nap.gioi_thieu_cua_doan.ngay"},
)
def paper_expired(ctx: Ctx) -> Iterator[Hit]:
    for path, name in _papers(ctx):
        written = dates.parse(dig(ctx.data, *path))
        if written is None:
            continue
        until = dates.add_months(written.last, PAPER_MONTHS.value)
        if ctx.ref > until:
            yield Hit(path, f"{name} ({written.show()}) chỉ có giá trị {PAPER_VALID} (đến ngày "
                            f"{dates.show_day(until)}); đến {ctx.ref_phrase()} đã quá hạn. Làm lại "
                            "giấy tờ này trước khi chi bộ xét kết nạp.")


@rule(
    "don-truoc-ly-lich",
    title="Đơn xin vào Đảng viết sau lý lịch",
    explanation=(
        "Người xin vào Đảng viết đơn (Mẫu 1-KNĐ) trước, rồi mới khai lý lịch (Mẫu 2-KNĐ). Ngày "
        "viết đơn không được sau ngày ký cam đoan ở mục (23)."),
    basis="Hướng dẫn 06-HD/TW mục 3 theo trích dẫn (quy tắc R11, chưa xác nhận).",
    confidence="U",
    items=("23", "xét kết nạp"),
    failing={"patches": [{"dat": "xet_ket_nap.don_xin_vao_dang.ngay", "gia_tri": "2026-02-11"}],
             "at": "xet_ket_nap.don_xin_vao_dang.ngay"},
)
def letter_first(ctx: Ctx) -> Iterator[Hit]:
    letter = dates.parse(dig(ctx.xkn, "don_xin_vao_dang", "ngay"))
    signed = dates.parse(dig(ctx.data, "cam_doan", "ngay"))
    if letter and signed and letter.first > signed.last:
        yield Hit((*LETTER, "ngay"),
                  f"Đơn xin vào Đảng ({letter.show()}) viết sau ngày ký lý lịch ở "
                  f"{lower_first(ctx.item('cam_doan'))} ({signed.show()}); đơn phải được viết trước lý lịch.")


#: Checklist documents another rule already asks for at its stage (no second finding).
_ASKED_ELSEWHERE = {("a", 1), ("a", 2), ("a", 3), ("a", 4), ("b", 1), ("b", 3), ("b", 4),
                    ("c", 5), ("c", 8)}


@rule(
    "danh-muc-ho-so",
    title="Hồ sơ thiếu tài liệu theo danh mục",
    explanation=(
        "Danh mục hồ sơ kết nạp theo thứ tự của Hướng dẫn 38-HD/BTCTW: khi chi bộ xét kết nạp "
        "phải có tổng hợp ý kiến nhận xét của đoàn thể nơi làm việc và chi ủy nơi cư trú "
        "(xet_ket_nap.tong_hop_y_kien); khi công nhận đảng viên chính thức phải có giấy chứng "
        "nhận bồi dưỡng đảng viên mới, bản tự kiểm điểm, bản nhận xét của đảng viên giúp đỡ, "
        "tổng hợp ý kiến nhận xét và nghị quyết của Đảng ủy cơ sở (xet_ket_nap.du_bi). Các tài "
        "liệu khác của danh mục có quy tắc riêng."),
    basis="HD 38-HD/BTCTW §II.1.1 a–c; HD 06-HD/TW §3.5, §4.1–4.5 (tài liệu tham khảo 4.1).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="bieu_quyet",
    failing={"patches": [*AT_VOTE, {"xoa": "xet_ket_nap.tong_hop_y_kien"}],
             "giai_doan": "bieu_quyet", "at": "xet_ket_nap"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def checklist_complete(ctx: Ctx) -> Iterator[Hit]:
    rank = {s: stage_mod.index(s) for s in stage_mod.CODES}
    for row in checklist.rows(ctx.data, ctx.stage_index, rank, ctx.ref,
                              recognition=ctx.at_or_past("chinh_thuc")):
        entry = row.entry
        if row.status != "thiếu" or (entry.part, entry.number) in _ASKED_ELSEWHERE:
            continue
        assert entry.path is not None
        assert entry.due is not None
        where = tuple(entry.path[:-1])
        found = next((where[:n] for n in range(len(where) - 1, 0, -1)
                      if dig(ctx.data, *where[:n]) is not None), ("xet_ket_nap",))
        yield Hit(found, f"Danh mục hồ sơ, mục {entry.part}.{entry.number}: thiếu “{entry.title}” "
                         f"(ghi vào {ctx.named(*where)}); hồ sơ ở giai đoạn "
                         f"«{stage_mod.label(ctx.stage or entry.due)}» phải có tài liệu này.")
