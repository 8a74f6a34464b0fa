"""What each workflow stage requires (DESIGN.md section 4; reference 1.7, R12–R22)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hoso.form import dates
from hoso.form.limits import (
    CEREMONY_WORKDAYS,
    PROBATION_MONTHS,
    RECOGNITION_WORKDAYS,
    VERIFY_CHILD_AGE,
)
from hoso.form.text import fold
from hoso.validate.rules.base import (
    CARER,
    CHILDREN,
    PARENTS,
    PARENTS_IN_LAW,
    SPOUSES,
    Ctx,
    Hit,
    dig,
    none_word,
    present,
    rows,
    rule,
)
from hoso.validate.rules.family import _DEAD
from hoso.validate.rules.samples import (
    AFTER_PROBATION,
    AT_ADMISSION,
    AT_OFFICIAL,
    AT_VOTE,
    CELL_COMMENT,
    CEREMONY,
    COMMENTS,
    COMMITTEE_MEETING,
    DECISION,
    MEETING,
    OFFICIAL,
    RECOGNITION_MEETING,
    VERIFIED,
    VERIFY_FATHER,
    VERIFY_SELF,
)
from hoso.workflow import stages as stage_mod

VERIFY = ("tham_tra",)
CELL = ("nhan_xet_chi_bo",)
CERT = ("chung_nhan_cap_uy",)
PROBATION = PROBATION_MONTHS.show()
CEREMONY_DAYS = CEREMONY_WORKDAYS.show()
RECOGNITION_DAYS = RECOGNITION_WORKDAYS.show()
ADULT = VERIFY_CHILD_AGE.value


def _stage(ctx: Ctx) -> str:
    return stage_mod.label(ctx.stage) if ctx.stage else "hiện tại"


def _verifications(ctx: Ctx) -> list[tuple[int, Mapping[str, Any]]]:
    return rows(ctx.data, "tham_tra")


@rule(
    "nhan-xet-truoc-tham-tra",
    title="Có nhận xét, chứng nhận trước khi thẩm tra lý lịch",
    explanation=(
        "Trước giai đoạn thẩm tra, chi bộ và cấp ủy cơ sở không nhận xét, không chứng nhận, không "
        "ký vào lý lịch; chỉ đóng dấu giáp lai. Các mục (24), (25), (26) chỉ được ghi từ giai đoạn "
        "thẩm tra (tham_tra) trở đi."),
    basis="“Lưu ý” trong quyển lý lịch; Hướng dẫn 06-HD/TW điểm 3.4.d theo trích dẫn (tài liệu "
          "tham khảo 1.3, R18; lỗi thường gặp số 14).",
    confidence="T",
    items=("24", "25", "26"),
    failing={"patches": VERIFIED, "at": "tham_tra"},
    passing={"patches": VERIFIED, "giai_doan": "tham_tra"},
)
def before_verification(ctx: Ctx) -> Iterator[Hit]:
    if ctx.stage is None or ctx.at_or_past("tham_tra"):
        return
    for path in (VERIFY, CELL, CERT):
        if present(ctx.data.get(path[0])):
            yield Hit(path, f"{ctx.item(path[0])}: hồ sơ đang ở giai đoạn «{_stage(ctx)}», chưa thẩm tra lý "
                            "lịch; mục này chỉ được ghi từ giai đoạn "
                            f"«{stage_mod.label('tham_tra')}». Trước đó chi bộ, cấp ủy chỉ đóng "
                            "dấu giáp lai. Để trống (ghi “Không” hoặc []).")


def _must_verify(ctx: Ctx) -> list[tuple[int | None, str, str]]:
    """(family index or None for the candidate, relation, name) of everyone to be verified."""
    out: list[tuple[int | None, str, str]] = [
        (None, "ban_than", str(ctx.data.get("ho_ten_khai_sinh") or ""))]
    for rel in (*PARENTS, CARER, *PARENTS_IN_LAW, *SPOUSES, *CHILDREN):
        for i, person in ctx.by_relation.get(rel, ()):
            if present(person.get("dang_vien")):
                continue  # a Party member already declared: no separate verification (R14)
            if isinstance(person.get("da_mat"), Mapping) or (
                    isinstance(person.get("noi_o"), str) and _DEAD.search(person["noi_o"])):
                continue  # the deceased are not verified here [U]
            if rel in CHILDREN:
                born = dates.parse(person.get("nam_sinh"))
                if born is None or ctx.ref.year - born.year < ADULT or (
                        born.month and dates.add_months(born.first, ADULT * 12) > ctx.ref):
                    continue
            out.append((i, rel, str(person.get("ho_ten") or "")))
    return out


def _covered(ctx: Ctx, rel: str, name: str) -> bool:
    for _, row in _verifications(ctx):
        if row.get("doi_tuong") != rel:
            continue
        who = row.get("ho_ten_nguoi_duoc_tham_tra")
        if rel not in CHILDREN or not isinstance(who, str) or fold(who) == fold(name):
            return True
    return False


@rule(
    "tham-tra-du-doi-tuong",
    title="Chưa thẩm tra đủ người phải thẩm tra",
    explanation=(
        "Trước khi chi ủy nhận xét (25), cấp ủy cơ sở chứng nhận (26) và chi bộ biểu quyết, mục "
        "(24) phải có kết quả thẩm tra người xin vào Đảng và những người thân phải thẩm tra: cha, "
        f"mẹ đẻ (hoặc người nuôi dưỡng), cha, mẹ vợ (chồng), vợ (chồng), con đẻ (con nuôi) đủ "
        f"{ADULT} tuổi. Người thân là đảng viên đã khai đầy đủ thì không phải thẩm tra riêng; người đã mất "
        "không thẩm tra ở đây."),
    basis="Hướng dẫn 12-HD/BTCTW: thẩm tra người vào Đảng và người thân (quy tắc R12, R13; miễn "
          "thẩm tra người thân là đảng viên: R14, chưa xác nhận).",
    confidence="C",
    items=("24",),
    failing={"patches": [{"dat": "tham_tra", "gia_tri": [VERIFY_SELF]}, *COMMENTS],
             "giai_doan": "tham_tra", "at": "tham_tra"},
    passing={"patches": [*VERIFIED, *COMMENTS], "giai_doan": "tham_tra"},
)
def verification_complete(ctx: Ctx) -> Iterator[Hit]:
    if not (ctx.at_or_past("bieu_quyet") or present(ctx.data.get("nhan_xet_chi_bo"))
            or present(ctx.data.get("chung_nhan_cap_uy"))):
        return
    missing = [f"{'bản thân người xin vào Đảng' if rel == 'ban_than' else ctx.relation(rel)}"
               f"{' ' + name if name and rel != 'ban_than' else ''}"
               for _, rel, name in _must_verify(ctx) if not _covered(ctx, rel, name)]
    if missing:
        who = ctx.form.title(ctx.form.node_at(("tham_tra", 0, "doi_tuong")), "doi_tuong")
        yield Hit(VERIFY, f"{ctx.item(VERIFY[0])}: chưa có kết quả thẩm tra {', '.join(missing)} "
                          f"(mỗi người một dòng, ghi “{who}” (doi_tuong)). "
                          "Phải thẩm tra xong trước khi chi ủy nhận xét "
                          "(25), cấp ủy cơ sở chứng nhận (26) và chi bộ xét kết nạp.")


@rule(
    "tham-tra-dong-dau",
    title="Kết quả thẩm tra chưa đóng dấu",
    explanation=(
        "Mỗi kết quả thẩm tra ở mục (24) do người đại diện ký, ghi rõ chức vụ và đóng dấu của cấp "
        "ủy (hoặc cơ quan tham mưu của cấp ủy) nơi đến thẩm tra (dong_dau: true)."),
    basis="Hướng dẫn ghi mục (24) trong quyển lý lịch (tài liệu tham khảo 1.7).",
    confidence="T",
    items=("24",),
    failing={"patches": [{"dat": "tham_tra", "gia_tri": [VERIFY_SELF, {**VERIFY_FATHER,
                                                                      "dong_dau": False}]}],
             "giai_doan": "tham_tra", "at": "tham_tra[1].dong_dau"},
    passing={"patches": VERIFIED, "giai_doan": "tham_tra"},
)
def verification_sealed(ctx: Ctx) -> Iterator[Hit]:
    for i, row in _verifications(ctx):
        if row.get("dong_dau") is not True:
            yield Hit(("tham_tra", i, "dong_dau") if "dong_dau" in row else ("tham_tra", i),
                      f"{ctx.item(VERIFY[0])}, dòng {i + 1}: kết quả thẩm tra phải có chữ ký, "
                      "chức vụ người ký và dấu của cấp ủy nơi đến thẩm tra (dong_dau: true).")


@rule(
    "tham-tra-nguoi-than-ky",
    title="Người xin vào Đảng hoặc người thân ký kết quả thẩm tra",
    explanation=(
        "Không được cử người xin vào Đảng hoặc người thân của họ (cha, mẹ, vợ, chồng, anh chị em "
        "ruột, con) đi thẩm tra hay ký xác nhận kết quả thẩm tra lý lịch."),
    basis="Hướng dẫn trong quyển lý lịch (quy tắc R16).",
    confidence="T",
    items=("24",),
    failing={"patches": [{"dat": "tham_tra", "gia_tri": [VERIFY_SELF, {**VERIFY_FATHER,
                                                                      "nguoi_ky": "Vi Thị Hạnh"}]}],
             "giai_doan": "tham_tra", "at": "tham_tra[1].nguoi_ky"},
    passing={"patches": VERIFIED, "giai_doan": "tham_tra"},
)
def verifier_related(ctx: Ctx) -> Iterator[Hit]:
    verifications = _verifications(ctx)
    if not verifications:
        return
    own = ctx.data.get("ho_ten_khai_sinh")
    names = {fold(own): "chính người xin vào Đảng"} if isinstance(own, str) else {}
    for _, person in ctx.family:
        name = person.get("ho_ten")
        if isinstance(name, str) and name.strip():
            names.setdefault(fold(name), ctx.relation(person.get("quan_he")))
    for i, row in verifications:
        signer = row.get("nguoi_ky")
        if isinstance(signer, str) and fold(signer) in names:
            yield Hit(("tham_tra", i, "nguoi_ky"),
                      f"{ctx.item(VERIFY[0])}, dòng {i + 1}: người ký “{signer.strip()}” là "
                      f"{names[fold(signer)]}; người xin vào Đảng và người thân không được thẩm "
                      "tra, xác nhận lý lịch.")


def _latest_verification(ctx: Ctx) -> dates.PDate | None:
    found = [d for _, row in _verifications(ctx) if (d := dates.parse(row.get("ngay")))]
    return max(found, key=lambda d: d.first) if found else None


@rule(
    "nhan-xet-sau-tham-tra",
    title="Nhận xét (25), chứng nhận (26) trước khi có kết quả thẩm tra",
    explanation=(
        "Chi ủy nhận xét (25) sau khi đã có đủ kết quả thẩm tra (24); cấp ủy cơ sở chứng nhận (26) "
        "sau nhận xét của chi ủy; chi bộ họp xét kết nạp sau chứng nhận của cấp ủy cơ sở."),
    basis="Hướng dẫn ghi mục (25), (26) trong quyển lý lịch (tài liệu tham khảo 1.7, R18).",
    confidence="T",
    items=("24", "25", "26"),
    failing={"patches": [*VERIFIED, *COMMENTS,
                         {"dat": "nhan_xet_chi_bo.ngay", "gia_tri": "2026-04-21"}],
             "giai_doan": "tham_tra", "at": "nhan_xet_chi_bo.ngay"},
    passing={"patches": [*VERIFIED, *COMMENTS], "giai_doan": "tham_tra"},
)
def comments_after(ctx: Ctx) -> Iterator[Hit]:
    latest = _latest_verification(ctx)
    cell = dates.parse(dig(ctx.data, "nhan_xet_chi_bo", "ngay"))
    cert = dates.parse(dig(ctx.data, "chung_nhan_cap_uy", "ngay"))
    meeting = dates.parse(dig(ctx.xkn, "hop_chi_bo", "ngay"))
    if latest and cell and cell.last < latest.first:
        yield Hit((*CELL, "ngay"), f"{ctx.item(CELL[0])}: ghi {cell.show()}, trước kết quả thẩm "
                                   f"tra cuối cùng ở mục (24) ({latest.show()}); chi ủy chỉ nhận "
                                   "xét sau khi có đủ kết quả thẩm tra.")
    if cell and cert and cert.last < cell.first:
        yield Hit((*CERT, "ngay"), f"{ctx.item(CERT[0])}: ghi {cert.show()}, trước nhận xét của "
                                   f"chi ủy ở mục (25) ({cell.show()}).")
    elif latest and cert and cert.last < latest.first:
        yield Hit((*CERT, "ngay"), f"{ctx.item(CERT[0])}: ghi {cert.show()}, trước kết quả thẩm "
                                   f"tra cuối cùng ở mục (24) ({latest.show()}).")
    last = cert or cell
    if last and meeting and meeting.last < last.first:
        yield Hit(("xet_ket_nap", "hop_chi_bo", "ngay"),
                  f"Ngày họp chi bộ xét kết nạp ({meeting.show()}) trước "
                  f"{'chứng nhận của cấp ủy cơ sở (26)' if cert else 'nhận xét của chi ủy (25)'} "
                  f"({last.show()}); chi bộ chỉ xét sau khi có nhận xét và chứng nhận.")


@rule(
    "bieu-quyet-thieu-nhan-xet",
    title="Biểu quyết khi chưa có nhận xét (25) hoặc chứng nhận (26)",
    explanation=(
        "Từ giai đoạn biểu quyết, lý lịch phải có nhận xét của chi ủy (25) và chứng nhận của cấp "
        "ủy cơ sở (26), mỗi mục có nội dung, ngày, người ký thay mặt (T/M) với chức vụ."),
    basis="Hướng dẫn ghi mục (25), (26) trong quyển lý lịch (tài liệu tham khảo 1.7, 4.3).",
    confidence="T",
    items=("25", "26"),
    from_stage="bieu_quyet",
    failing={"patches": [*VERIFIED, {"dat": "nhan_xet_chi_bo", "gia_tri": CELL_COMMENT}, *MEETING],
             "giai_doan": "bieu_quyet", "at": "chung_nhan_cap_uy"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def vote_needs_comments(ctx: Ctx) -> Iterator[Hit]:
    for path in (CELL, CERT):
        block = ctx.data.get(path[0])
        if not isinstance(block, dict) or not present(block.get("noi_dung")) \
                or not present(block.get("ngay")) or not present(block.get("nguoi_ky")):
            yield Hit(path, f"{ctx.item(path[0])}: hồ sơ ở giai đoạn «{_stage(ctx)}» phải có mục này (nội "
                            "dung, ngày, người ký thay mặt và chức vụ).")


@rule(
    "bieu-quyet-thieu-hop-chi-bo",
    title="Biểu quyết khi chưa ghi cuộc họp chi bộ xét kết nạp",
    explanation=(
        "Từ giai đoạn biểu quyết, ghi ngày chi bộ họp xét kết nạp và số nghị quyết đề nghị kết nạp "
        "của chi bộ (xet_ket_nap.hop_chi_bo: ngay, so_nghi_quyet). Ngày họp chi bộ là mốc tính "
        "tuổi và hạn giấy tờ."),
    basis="Hướng dẫn 12-HD/BTCTW: nghị quyết chi bộ đề nghị kết nạp (Mẫu 6-KNĐ) (tài liệu tham "
          "khảo 4.1 b, 4.2).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="bieu_quyet",
    failing={"patches": [*VERIFIED, *COMMENTS], "giai_doan": "bieu_quyet", "at": "xet_ket_nap"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def vote_needs_meeting(ctx: Ctx) -> Iterator[Hit]:
    block = ctx.xkn.get("hop_chi_bo")
    if not isinstance(block, dict):
        yield Hit(("xet_ket_nap",), f"Hồ sơ ở giai đoạn «{_stage(ctx)}»: ghi ngày chi bộ họp xét "
                                    f"kết nạp và số nghị quyết vào "
                                    f"{ctx.named('xet_ket_nap', 'hop_chi_bo')}.")
        return
    if ctx.meeting is None:
        yield Hit(("xet_ket_nap", "hop_chi_bo", "ngay"),
                  "Ngày chi bộ họp xét kết nạp phải ghi đủ ngày, tháng, năm (YYYY-MM-DD).")
    if none_word(block.get("so_nghi_quyet")):
        where = ctx.named("xet_ket_nap", "hop_chi_bo", "so_nghi_quyet")
        yield Hit(("xet_ket_nap", "hop_chi_bo"),
                  f"Ghi số nghị quyết đề nghị kết nạp của chi bộ vào {where}.")


def _need(ctx: Ctx, key: str, what: str, fields: tuple[str, ...]) -> Iterator[Hit]:
    block = ctx.xkn.get(key)
    if not isinstance(block, dict):
        shown = f" ({', '.join(ctx.field('xet_ket_nap', key, f) for f in fields)})" \
            if len(fields) > 1 else ""
        yield Hit(("xet_ket_nap",), f"Hồ sơ ở giai đoạn «{_stage(ctx)}»: ghi {what}{shown} vào "
                                    f"{ctx.named('xet_ket_nap', key)}.")
        return
    missing = [f for f in fields if none_word(block.get(f))]
    if missing:
        shown = ", ".join(ctx.field("xet_ket_nap", key, f) for f in missing)
        yield Hit(("xet_ket_nap", key), f"{ctx.named('xet_ket_nap', key)} thiếu: {shown}.")


@rule(
    "ket-nap-thieu-quyet-dinh",
    title="Kết nạp khi chưa ghi quyết định kết nạp",
    explanation=(
        "Từ giai đoạn kết nạp, ghi số, ngày và cơ quan ra quyết định kết nạp đảng viên "
        "(xet_ket_nap.quyet_dinh_ket_nap). Tuổi đảng tính từ ngày ghi trong quyết định."),
    basis="Hướng dẫn 12-HD/BTCTW: quyết định kết nạp (Mẫu 9-KNĐ); tuổi đảng tính từ ngày ghi trong "
          "quyết định (tài liệu tham khảo 4.2, R23).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="ket_nap",
    failing={"patches": [*AT_VOTE, *COMMITTEE_MEETING, *CEREMONY], "giai_doan": "ket_nap",
             "at": "xet_ket_nap"},
    passing={"patches": AT_ADMISSION, "giai_doan": "ket_nap"},
)
def admission_decision(ctx: Ctx) -> Iterator[Hit]:
    yield from _need(ctx, "quyet_dinh_ket_nap", "quyết định kết nạp", ("so", "ngay"))


@rule(
    "ket-nap-thieu-le",
    title="Kết nạp khi chưa ghi ngày lễ kết nạp",
    explanation=(
        "Từ giai đoạn kết nạp, ghi ngày chi bộ tổ chức lễ kết nạp (xet_ket_nap.le_ket_nap.ngay): "
        f"thời kỳ dự bị {PROBATION} tính từ ngày này."),
    basis="Điều lệ Đảng, Điều 5; Hướng dẫn 12-HD/BTCTW (tài liệu tham khảo R20, R21).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="ket_nap",
    failing={"patches": [*AT_VOTE, *DECISION], "giai_doan": "ket_nap", "at": "xet_ket_nap"},
    passing={"patches": AT_ADMISSION, "giai_doan": "du_bi"},
)
def ceremony(ctx: Ctx) -> Iterator[Hit]:
    yield from _need(ctx, "le_ket_nap", "ngày lễ kết nạp", ("ngay",))


@rule(
    "trinh-tu-ket-nap",
    title="Các mốc kết nạp không theo thứ tự",
    explanation=(
        "Thứ tự phải là: chi bộ họp xét kết nạp → quyết định kết nạp → lễ kết nạp → quyết định "
        "công nhận đảng viên chính thức."),
    basis="Hướng dẫn 12-HD/BTCTW; Điều lệ Đảng, Điều 5 (tài liệu tham khảo 4.3).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_VOTE, *DECISION, {"dat": "xet_ket_nap.le_ket_nap",
                                               "gia_tri": {"ngay": "2026-07-08"}}],
             "giai_doan": "ket_nap", "at": "xet_ket_nap.le_ket_nap.ngay"},
    passing={"patches": AT_ADMISSION, "giai_doan": "ket_nap"},
)
def admission_order(ctx: Ctx) -> Iterator[Hit]:
    chain = (("hop_chi_bo", "ngày họp chi bộ xét kết nạp"),
             ("quyet_dinh_ket_nap", "quyết định kết nạp"),
             ("le_ket_nap", "lễ kết nạp"),
             ("cong_nhan_chinh_thuc", "quyết định công nhận chính thức"))
    prev: tuple[str, dates.PDate] | None = None
    for key, label in chain:
        d = dates.parse(dig(ctx.xkn, key, "ngay"))
        if d is None:
            continue
        if prev and d.last < prev[1].first:
            yield Hit(("xet_ket_nap", key, "ngay"),
                      f"Ngày {label} ({d.show()}) ở trước {prev[0]} ({prev[1].show()}).")
        prev = (label, d)


@rule(
    "le-ket-nap-dung-han",
    title=f"Lễ kết nạp quá {CEREMONY_DAYS} sau quyết định",
    explanation=(
        f"Chi bộ tổ chức lễ kết nạp trong thời hạn {CEREMONY_DAYS} kể từ khi nhận quyết định "
        "kết nạp (ngày nhận: quyet_dinh_ket_nap.ngay_nhan; không ghi thì tính từ ngày quyết "
        "định). Ngày làm việc trừ thứ Bảy, Chủ nhật, ngày lễ, Tết, ngày nghỉ bù và các ngày "
        "nghỉ ghi trong to-chuc.yaml; muộn hơn phải báo cáo và được cấp ủy cấp trên đồng ý."),
    basis="QĐ 294-QĐ/TW §4.1 (quy tắc R20); cách tính ngày làm việc theo lịch nghỉ lễ là "
          "suy luận (tài liệu tham khảo 3A).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_VOTE, *DECISION, {"dat": "xet_ket_nap.le_ket_nap",
                                               "gia_tri": {"ngay": "2026-09-10"}}],
             "giai_doan": "du_bi", "at": "xet_ket_nap.le_ket_nap.ngay"},
    passing={"patches": AT_ADMISSION, "giai_doan": "du_bi"},
)
def ceremony_deadline(ctx: Ctx) -> Iterator[Hit]:
    received = dates.parse_day(dig(ctx.xkn, "quyet_dinh_ket_nap", "ngay_nhan"))
    decision = received or dates.parse_day(dig(ctx.xkn, "quyet_dinh_ket_nap", "ngay"))
    held = dates.parse_day(dig(ctx.xkn, "le_ket_nap", "ngay"))
    if not (decision and held):
        return
    days = ctx.calendar.working_days_after(decision, held)
    if days > CEREMONY_WORKDAYS.value:
        last = ctx.calendar.add_workdays(decision, CEREMONY_WORKDAYS.value)
        what = "nhận quyết định kết nạp" if received else "quyết định kết nạp"
        off = ctx.calendar.explain(decision, held)
        yield Hit(("xet_ket_nap", "le_ket_nap", "ngay"),
                  f"Lễ kết nạp (ngày {dates.show_day(held)}) cách ngày {what} "
                  f"({dates.show_day(decision)}) {days} ngày làm việc"
                  f"{' (' + off + ')' if off else ''}; chi bộ phải tổ chức lễ trong "
                  f"{CEREMONY_DAYS}, chậm nhất ngày {dates.show_day(last)}. Muộn hơn phải báo "
                  "cáo và được cấp ủy cấp trên trực tiếp đồng ý.")


@rule(
    "chinh-thuc-thieu-quyet-dinh",
    title="Chính thức khi chưa ghi quyết định công nhận",
    explanation=(
        "Ở giai đoạn đảng viên chính thức, ghi số, ngày và cơ quan ra quyết định công nhận đảng "
        "viên chính thức (xet_ket_nap.cong_nhan_chinh_thuc)."),
    basis="Hướng dẫn 12-HD/BTCTW: hồ sơ công nhận đảng viên chính thức (tài liệu tham khảo 4.1 c, "
          "4.2).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="chinh_thuc",
    failing={"patches": [*AT_ADMISSION, *RECOGNITION_MEETING], "giai_doan": "chinh_thuc",
             "ngay": AFTER_PROBATION, "at": "xet_ket_nap"},
    passing={"patches": AT_OFFICIAL, "giai_doan": "chinh_thuc", "ngay": AFTER_PROBATION},
)
def official_decision(ctx: Ctx) -> Iterator[Hit]:
    yield from _need(ctx, "cong_nhan_chinh_thuc", "quyết định công nhận đảng viên chính thức",
                     ("so", "ngay"))


@rule(
    "du-bi-12-thang",
    title=f"Công nhận chính thức khi chưa đủ {PROBATION} dự bị",
    explanation=(
        f"Đảng viên dự bị được xét công nhận chính thức khi đã đủ {PROBATION} dự bị, tính từ ngày "
        "lễ kết nạp."),
    basis=f"Điều lệ Đảng, Điều 5: thời kỳ dự bị {PROBATION} kể từ ngày chi bộ tổ chức lễ kết nạp (quy "
          "tắc R21).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="chinh_thuc",
    failing={"patches": [*AT_ADMISSION, *OFFICIAL,
                         {"dat": "xet_ket_nap.cong_nhan_chinh_thuc.ngay", "gia_tri": "2027-06-01"}],
             "giai_doan": "chinh_thuc", "ngay": AFTER_PROBATION,
             "at": "xet_ket_nap.cong_nhan_chinh_thuc.ngay"},
    passing={"patches": AT_OFFICIAL, "giai_doan": "chinh_thuc", "ngay": AFTER_PROBATION},
)
def probation(ctx: Ctx) -> Iterator[Hit]:
    held = dates.parse(dig(ctx.xkn, "le_ket_nap", "ngay"))
    if held is None:
        return
    end = dates.add_months(held.last, PROBATION_MONTHS.value)
    recognised = dates.parse(dig(ctx.xkn, "cong_nhan_chinh_thuc", "ngay"))
    when = recognised.first if recognised else ctx.now
    if when < end:
        where = ("xet_ket_nap", "cong_nhan_chinh_thuc", "ngay") if recognised \
            else ("quy_trinh", "giai_doan")
        yield Hit(where, f"Lễ kết nạp {held.show()}: thời kỳ dự bị {PROBATION} kết thúc ngày "
                         f"{dates.show_day(end)}; công nhận chính thức "
                         f"{recognised.show() if recognised else 'tại ngày xét'} là chưa đủ "
                         f"{PROBATION} dự bị.")


@rule(
    "xet-chinh-thuc-dung-han",
    title="Quá hạn xét công nhận đảng viên chính thức",
    explanation=(
        f"Chậm nhất {RECOGNITION_DAYS} sau khi đảng viên dự bị hết {PROBATION} dự bị, chi bộ "
        "phải xét công nhận chính thức (hoặc đề nghị xóa tên nếu không đủ điều kiện)."),
    basis="QĐ 294-QĐ/TW điểm 4.2 theo trích dẫn (quy tắc R22, chưa xác nhận).",
    confidence="U",
    items=("xét kết nạp",),
    stages=("du_bi",),
    failing={"patches": AT_ADMISSION, "giai_doan": "du_bi", "ngay": "2027-10-01",
             "at": "xet_ket_nap.le_ket_nap.ngay"},
    passing={"patches": AT_ADMISSION, "giai_doan": "du_bi", "ngay": "2027-08-15"},
)
def conversion_deadline(ctx: Ctx) -> Iterator[Hit]:
    held = dates.parse(dig(ctx.xkn, "le_ket_nap", "ngay"))
    if held is None or held.day is None:
        return
    end = dates.add_months(held.first, PROBATION_MONTHS.value)
    days = ctx.calendar.working_days_after(end, ctx.now)
    if days > RECOGNITION_WORKDAYS.value:
        yield Hit(("xet_ket_nap", "le_ket_nap", "ngay"),
                  f"Đảng viên dự bị từ lễ kết nạp {held.show()} đã hết {PROBATION} dự bị ngày "
                  f"{dates.show_day(end)}; đến ngày xét ({dates.show_day(ctx.now)}) đã quá "
                  f"{RECOGNITION_DAYS} mà hồ sơ vẫn ở giai đoạn dự bị. Chi bộ cần xét công nhận chính thức.")


@rule(
    "quy-trinh-lich-su",
    title="Lịch sử quy trình không khớp giai đoạn hiện tại",
    explanation=(
        "quy_trinh.lich_su ghi các lần chuyển giai đoạn theo thứ tự thời gian; dòng cuối cùng là "
        "giai đoạn hiện tại (quy_trinh.giai_doan). Dùng lệnh “hoso advance” để chuyển giai đoạn."),
    basis="Quy trình của hoso (DESIGN.md mục 4).",
    confidence="U",
    items=("quy trình",),
    failing={"patches": [{"dat": "quy_trinh.giai_doan", "gia_tri": "dang_uy_xem_xet"}],
             "at": "quy_trinh.giai_doan"},
)
def history(ctx: Ctx) -> Iterator[Hit]:
    entries = rows(ctx.data.get("quy_trinh") or {}, "lich_su")
    prev: dates.PDate | None = None
    for i, entry in entries:
        d = dates.parse(entry.get("ngay"))
        if d and prev and d.last < prev.first:
            yield Hit(("quy_trinh", "lich_su", i, "ngay"),
                      f"Quy trình, lịch sử dòng {i + 1}: {d.show()} ở trước dòng trên "
                      f"({prev.show()}); các dòng ghi theo thứ tự thời gian.")
        prev = d or prev
    current = dig(ctx.data, "quy_trinh", "giai_doan")
    if entries and isinstance(current, str) and not ctx.stage_given:
        last = entries[-1][1].get("giai_doan")
        if isinstance(last, str) and last != current and not (
                current == stage_mod.TRA_LAI and last == stage_mod.KHAI):
            yield Hit(("quy_trinh", "giai_doan"),
                      f"Quy trình: giai đoạn hiện tại là «{stage_mod.label(current)}» nhưng dòng cuối của "
                      f"lịch sử ghi «{stage_mod.label(last)}». Chuyển giai đoạn bằng lệnh “hoso advance” để "
                      "lịch sử được ghi đúng.")

