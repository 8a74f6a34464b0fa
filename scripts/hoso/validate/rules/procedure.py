"""Steps 5 and 6 and the probation: votes, verification requests, deadlines in working days.

Reference R19 (vote ratios), R20–R22, R30, R31 (deadlines), R32 (số lý lịch), §3A. Working days
are counted on the dossier's calendar (``ctx.calendar``: weekends, public holidays, Tết,
substitute days and the days off in ``to-chuc.yaml``); counting them so is the reference's
reading of "ngày làm việc" [U].
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from hoso.findings import Path_, Severity
from hoso.form import dates
from hoso.form.limits import (
    CHI_BO_VOTE,
    COMMITTEE_VOTE,
    DECISION_EXTENSION_WORKDAYS,
    DECISION_WORKDAYS,
    MEETING_RATIOS,
    PROBATION_MONTHS,
    RECOGNITION_DECISION_WORKDAYS,
    RECOGNITION_WORKDAYS,
    STANDING_VOTE,
    VERIFY_ABROAD_WORKDAYS,
    VERIFY_WORKDAYS,
    Ratio,
)
from hoso.form.numbers import percent
from hoso.validate.rules.base import Ctx, Hit, dig, rows, rule
from hoso.validate.rules.samples import (
    AT_ADMISSION,
    AT_OFFICIAL,
    AT_VOTE,
    COMMENTS,
    DECISION,
    VERIFIED,
    VOTE_CELL,
)
from hoso.workflow import stages as stage_mod

XKN = "xet_ket_nap"
#: (path of the meeting, what it is, its ratio) for every vote the dossier can record.
MEETINGS: tuple[tuple[tuple[str, ...], str, Ratio], ...] = tuple(
    ((*path, key), what, MEETING_RATIOS[key]) for path, key, what in (
        ((XKN,), "hop_chi_bo", "Chi bộ xét kết nạp"),
        ((XKN,), "hop_dang_uy", "Đảng ủy cơ sở xét, đề nghị kết nạp"),
        ((XKN,), "hop_thuong_vu", "Ban thường vụ xét kết nạp"),
        ((XKN, "du_bi"), "hop_chi_bo", "Chi bộ xét công nhận chính thức"),
        ((XKN, "du_bi"), "hop_dang_uy", "Đảng ủy cơ sở xét, đề nghị công nhận chính thức"),
        ((XKN, "du_bi"), "hop_thuong_vu", "Ban thường vụ xét công nhận chính thức"),
    ))
MEMBERS = {CHI_BO_VOTE.name: "đảng viên chính thức của chi bộ",
           COMMITTEE_VOTE.name: "cấp ủy viên", STANDING_VOTE.name: "ủy viên ban thường vụ"}


def _stage(ctx: Ctx) -> str:
    return stage_mod.label(ctx.stage) if ctx.stage else "hiện tại"


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def vote_of(block: object) -> tuple[int, int, int, int] | None:
    """(members, present, for, against) of a meeting's ``bieu_quyet``, or None."""
    vote = dig(block, "bieu_quyet")
    if not isinstance(vote, Mapping):
        return None
    got = [_int(vote.get(k)) for k in ("tong_so", "co_mat", "tan_thanh", "khong_tan_thanh")]
    if any(v is None for v in got):
        return None
    total, present, yes, no = (v for v in got if v is not None)
    return total, present, yes, no


def _with_vote(where: str, **changes: str) -> list[dict[str, Any]]:
    return [{"dat": f"xet_ket_nap.{where}.bieu_quyet", "gia_tri": {**VOTE_CELL, **changes}}]


@rule(
    "bieu-quyet-ty-le",
    title="Số tán thành chưa đạt tỷ lệ quy định",
    explanation=(
        f"Chi bộ xét kết nạp và xét công nhận chính thức: {CHI_BO_VOTE.show()} tổng số đảng viên "
        f"chính thức của chi bộ tán thành; Đảng ủy cơ sở: {COMMITTEE_VOTE.show()} tổng số cấp ủy "
        f"viên; ban thường vụ cấp ủy có thẩm quyền: {STANDING_VOTE.show()} tổng số ủy viên. Mẫu số "
        "là tổng số thành viên của tổ chức (trừ người sinh hoạt tạm thời nơi khác, được miễn sinh "
        "hoạt mà không dự họp, đang bị đình chỉ sinh hoạt, khởi tố, truy tố, tạm giam), không phải "
        "số người có mặt. Không đạt tỷ lệ thì báo cáo đầy đủ kết quả lên cấp ủy có thẩm quyền."),
    basis="HD 06-HD/TW §3.6 b–c, §3.7 a, §4.5 a, §5.1; QĐ 294-QĐ/TW §4.3.2, §9.3.2–9.3.4 "
          "(quy tắc R19, R34).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_VOTE, *_with_vote("hop_chi_bo", tan_thanh="7",
                                               khong_tan_thanh="4")],
             "giai_doan": "bieu_quyet", "at": "xet_ket_nap.hop_chi_bo.bieu_quyet.tan_thanh"},
    passing={"patches": [*AT_VOTE, *_with_vote("hop_chi_bo", co_mat="8", tan_thanh="8",
                                               khong_tan_thanh="0")],
             "giai_doan": "bieu_quyet"},
)
def vote_ratio(ctx: Ctx) -> Iterator[Hit]:
    for path, what, ratio in MEETINGS:
        got = vote_of(dig(ctx.data, *path))
        if got is None:
            continue
        total, _, yes, _ = got
        if total and not ratio.met(yes, total):
            yield Hit((*path, "bieu_quyet", "tan_thanh"),
                      f"{what}: {yes}/{total} {MEMBERS[ratio.name]} tán thành "
                      f"({percent(yes, total)}), chưa đạt {ratio.show()} (cần ít nhất "
                      f"{ratio.needed(total)}/{total}). Nghị quyết không được thông qua; báo cáo "
                      "đầy đủ kết quả lên cấp ủy có thẩm quyền.")


@rule(
    "bieu-quyet-so-lieu",
    title="Số liệu biểu quyết không khớp nhau",
    explanation=(
        "Số có mặt không vượt tổng số thành viên; số tán thành cộng số không tán thành không vượt "
        "số có mặt; tổng số thành viên lớn hơn 0."),
    basis="HD 06-HD/TW §3.6 b (ghi rõ số đảng viên tán thành, không tán thành); QĐ 294-QĐ/TW "
          "§9.3 (quy tắc R19, R35).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_VOTE, *_with_vote("hop_chi_bo", co_mat="13")],
             "giai_doan": "bieu_quyet", "at": "xet_ket_nap.hop_chi_bo.bieu_quyet.co_mat"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def vote_consistent(ctx: Ctx) -> Iterator[Hit]:
    for path, what, _ in MEETINGS:
        got = vote_of(dig(ctx.data, *path))
        if got is None:
            continue
        total, present, yes, no = got
        where: Path_ = (*path, "bieu_quyet")
        if total == 0:
            yield Hit((*where, "tong_so"), f"{what}: tổng số thành viên phải lớn hơn 0.")
        elif present > total:
            yield Hit((*where, "co_mat"), f"{what}: số có mặt ({present}) nhiều hơn tổng số "
                                          f"thành viên ({total}).")
        elif yes + no > present:
            yield Hit((*where, "tan_thanh"), f"{what}: {yes} tán thành và {no} không tán thành "
                                             f"nhiều hơn số có mặt ({present}).")


@rule(
    "bieu-quyet-thieu-so-lieu",
    title="Thiếu kết quả biểu quyết của cuộc họp",
    explanation=(
        "Từ giai đoạn biểu quyết, ghi kết quả biểu quyết của chi bộ (xet_ket_nap.hop_chi_bo."
        "bieu_quyet: tổng số đảng viên chính thức, có mặt, tán thành, không tán thành). Từ giai "
        "đoạn kết nạp, ghi thêm nghị quyết và kết quả biểu quyết của Đảng ủy cơ sở (xet_ket_nap."
        "hop_dang_uy). Ở giai đoạn đảng viên chính thức, ghi cuộc họp chi bộ xét công nhận "
        "(xet_ket_nap.du_bi.hop_chi_bo) với kết quả biểu quyết."),
    basis="HD 06-HD/TW §3.6 b–c, §4.5 a; HD 38-HD/BTCTW §II.1.1 b, c (quy tắc R19, R35).",
    confidence="C",
    items=("xét kết nạp",),
    from_stage="bieu_quyet",
    failing={"patches": [*VERIFIED, *COMMENTS, {"dat": "xet_ket_nap.hop_chi_bo",
                                               "gia_tri": {"ngay": "2026-06-15",
                                                           "so_nghi_quyet": "08-NQ/CB"}}],
             "giai_doan": "bieu_quyet", "at": "xet_ket_nap.hop_chi_bo"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def vote_recorded(ctx: Ctx) -> Iterator[Hit]:
    needed: list[tuple[tuple[str, ...], str]] = [((XKN, "hop_chi_bo"), "chi bộ xét kết nạp")]
    if ctx.at_or_past("ket_nap"):
        needed.append(((XKN, "hop_dang_uy"), "Đảng ủy cơ sở xét, đề nghị kết nạp"))
    if ctx.at_or_past("chinh_thuc"):
        needed.append(((XKN, "du_bi", "hop_chi_bo"), "chi bộ xét công nhận chính thức"))
    for path, what in needed:
        block = dig(ctx.data, *path)
        if not isinstance(block, Mapping):
            if path[-1] != "hop_chi_bo" or len(path) > 2:  # the chi bộ meeting has its own rule
                fields = ", ".join(ctx.field(*path, k) for k in ("ngay", "so_nghi_quyet", "bieu_quyet"))
                yield Hit(path[:-1], f"Hồ sơ ở giai đoạn «{_stage(ctx)}»: ghi cuộc họp {what} "
                                     f"vào {ctx.named(*path)}: {fields}.")
            continue
        if vote_of(block) is None:
            vote = (*path, "bieu_quyet")
            fields = ", ".join(ctx.field(*vote, k)
                               for k in ("tong_so", "co_mat", "tan_thanh", "khong_tan_thanh"))
            yield Hit(path, f"Cuộc họp {what}: ghi kết quả biểu quyết vào {ctx.named(*vote)}: "
                            f"{fields}.")


# ----------------------------------------------------------------------------- verification


def _requests(ctx: Ctx) -> list[tuple[int, Mapping[str, Any]]]:
    return rows(ctx.xkn, "yeu_cau_tham_tra")


_REQUEST = {"gui_den": "Chi ủy Chi bộ Khu phố 5, Đảng bộ phường Tam Thanh",
            "doi_tuong": "ban_than", "ngay_gui": "2026-03-02"}


@rule(
    "tham-tra-tra-loi-dung-han",
    title="Trả lời thẩm tra lý lịch quá hạn",
    explanation=(
        f"Nơi được đề nghị thẩm tra trả lời bằng văn bản trong {VERIFY_WORKDAYS.show()} (trong "
        f"nước) hoặc {VERIFY_ABROAD_WORKDAYS.show()} (ở nước ngoài) kể từ khi nhận văn bản đề "
        "nghị (ngay_nhan; không ghi thì tính từ ngày gửi). Quá hạn mà chưa có trả lời thì chi ủy "
        "đôn đốc hoặc cử người đi thẩm tra trực tiếp. Ngày làm việc trừ thứ Bảy, Chủ nhật, ngày "
        "lễ, Tết, ngày nghỉ bù và các ngày nghỉ ghi trong to-chuc.yaml."),
    basis="HD 06-HD/TW §3.4 d (quy tắc R31); cách tính ngày làm việc theo lịch nghỉ lễ là suy "
          "luận (tài liệu tham khảo 3A).",
    confidence="C",
    severity=Severity.WARNING,
    items=("24",),
    failing={"patches": [{"dat": "xet_ket_nap.yeu_cau_tham_tra",
                          "gia_tri": [{**_REQUEST, "ngay_tra_loi": "2026-04-20"}]}],
             "at": "xet_ket_nap.yeu_cau_tham_tra[0].ngay_tra_loi"},
    passing=[{"dat": "xet_ket_nap.yeu_cau_tham_tra",
              "gia_tri": [{**_REQUEST, "ngay_tra_loi": "2026-04-10"}]}],
)
def verification_reply(ctx: Ctx) -> Iterator[Hit]:
    for i, row in _requests(ctx):
        start = dates.parse_day(row.get("ngay_nhan")) or dates.parse_day(row.get("ngay_gui"))
        if start is None:
            continue
        limit = VERIFY_ABROAD_WORKDAYS if row.get("nuoc_ngoai") is True else VERIFY_WORKDAYS
        answered = dates.parse_day(row.get("ngay_tra_loi"))
        end = answered or ctx.now
        days = ctx.calendar.working_days_after(start, end)
        if days <= limit.value:
            continue
        last = ctx.calendar.add_workdays(start, limit.value)
        to = str(row.get("gui_den") or "nơi được đề nghị").strip()
        if answered:
            yield Hit((XKN, "yeu_cau_tham_tra", i, "ngay_tra_loi"),
                      f"Yêu cầu thẩm tra dòng {i + 1} ({to}): trả lời ngày "
                      f"{dates.show_day(answered)}, sau {days} ngày làm việc; hạn là "
                      f"{limit.show()}, tức ngày {dates.show_day(last)}.")
        else:
            yield Hit((XKN, "yeu_cau_tham_tra", i),
                      f"Yêu cầu thẩm tra dòng {i + 1} ({to}) gửi ngày {dates.show_day(start)} "
                      f"đã quá hạn trả lời {limit.show()} (hạn ngày {dates.show_day(last)}) mà "
                      "chưa ghi ngày trả lời (ngay_tra_loi). Đôn đốc hoặc cử người đi thẩm tra.")


# ----------------------------------------------------------------------------- deadlines


def _deadline(ctx: Ctx, start: date, limit_days: int, extended: bool) -> tuple[int, date]:
    total = limit_days + (DECISION_EXTENSION_WORKDAYS.value if extended else 0)
    return total, ctx.calendar.add_workdays(start, total)


@rule(
    "quyet-dinh-ket-nap-dung-han",
    title=f"Quyết định kết nạp quá {DECISION_WORKDAYS.show()} sau nghị quyết chi bộ",
    explanation=(
        f"Cấp ủy có thẩm quyền xem xét, quyết định kết nạp trong {DECISION_WORKDAYS.show()} kể "
        "từ ngày chi bộ có nghị quyết đề nghị; trường hợp đặc biệt được kéo dài thêm tối đa "
        f"{DECISION_EXTENSION_WORKDAYS.show()} (ghi quyet_dinh_ket_nap.gia_han: true). Ngày làm "
        "việc trừ ngày nghỉ lễ, Tết và ngày nghỉ bù."),
    basis="QĐ 294-QĐ/TW §4.3.1 (quy tắc R30).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_VOTE, *DECISION,
                         {"dat": "xet_ket_nap.quyet_dinh_ket_nap.ngay", "gia_tri": "2026-08-20"}],
             "giai_doan": "bieu_quyet", "at": "xet_ket_nap.quyet_dinh_ket_nap.ngay"},
    passing={"patches": [*AT_VOTE, *DECISION,
                         {"dat": "xet_ket_nap.quyet_dinh_ket_nap.ngay", "gia_tri": "2026-08-20"},
                         {"dat": "xet_ket_nap.quyet_dinh_ket_nap.gia_han", "gia_tri": True}],
             "giai_doan": "bieu_quyet"},
)
def decision_deadline(ctx: Ctx) -> Iterator[Hit]:
    resolution = dates.parse_day(dig(ctx.xkn, "hop_chi_bo", "ngay"))
    decided = dates.parse_day(dig(ctx.xkn, "quyet_dinh_ket_nap", "ngay"))
    if resolution is None or decided is None:
        return
    extended = dig(ctx.xkn, "quyet_dinh_ket_nap", "gia_han") is True
    total, last = _deadline(ctx, resolution, DECISION_WORKDAYS.value, extended)
    days = ctx.calendar.working_days_after(resolution, decided)
    if days > total:
        off = ctx.calendar.explain(resolution, decided)
        yield Hit((XKN, "quyet_dinh_ket_nap", "ngay"),
                  f"Quyết định kết nạp ngày {dates.show_day(decided)}, sau nghị quyết chi bộ "
                  f"(ngày {dates.show_day(resolution)}) {days} ngày làm việc"
                  f"{' (' + off + ')' if off else ''}; hạn là {total} ngày làm việc"
                  f"{' (đã tính kéo dài)' if extended else ''}, tức ngày {dates.show_day(last)}.")


def _probation_end(ctx: Ctx) -> date | None:
    held = dates.parse_day(dig(ctx.xkn, "le_ket_nap", "ngay"))
    return dates.add_months(held, PROBATION_MONTHS.value) if held else None


@rule(
    "hop-cong-nhan-dung-han",
    title="Chi bộ xét công nhận chính thức không đúng thời hạn",
    explanation=(
        f"Chi bộ xét công nhận chính thức sau khi đảng viên dự bị đủ {PROBATION_MONTHS.show()} "
        f"(tính từ ngày lễ kết nạp) và chậm nhất {RECOGNITION_WORKDAYS.show()} sau đó. Đảng viên "
        "được công nhận chính thức kể từ ngày hết 12 tháng dự bị, dù chi bộ họp muộn."),
    basis="QĐ 294-QĐ/TW §4.2.1–4.2.2; HD 06-HD/TW §4.5 (quy tắc R21, R22).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_OFFICIAL, {"dat": "xet_ket_nap.du_bi.hop_chi_bo.ngay",
                                        "gia_tri": "2027-09-15"}],
             "giai_doan": "chinh_thuc", "ngay": "2027-10-01",
             "at": "xet_ket_nap.du_bi.hop_chi_bo.ngay"},
    passing={"patches": AT_OFFICIAL, "giai_doan": "chinh_thuc", "ngay": "2027-09-01"},
)
def recognition_meeting(ctx: Ctx) -> Iterator[Hit]:
    end = _probation_end(ctx)
    met = dates.parse_day(dig(ctx.xkn, "du_bi", "hop_chi_bo", "ngay"))
    if end is None or met is None:
        return
    where = (XKN, "du_bi", "hop_chi_bo", "ngay")
    if met < end:
        yield Hit(where, f"Chi bộ họp xét công nhận chính thức ngày {dates.show_day(met)}, trước "
                         f"khi hết {PROBATION_MONTHS.show()} dự bị (ngày {dates.show_day(end)}).")
        return
    days = ctx.calendar.working_days_after(end, met)
    if days > RECOGNITION_WORKDAYS.value:
        last = ctx.calendar.add_workdays(end, RECOGNITION_WORKDAYS.value)
        yield Hit(where, f"Chi bộ họp xét công nhận chính thức ngày {dates.show_day(met)}, "
                         f"{days} ngày làm việc sau khi hết dự bị (ngày {dates.show_day(end)}); "
                         f"hạn là {RECOGNITION_WORKDAYS.show()}, tức ngày {dates.show_day(last)}.")


@rule(
    "quyet-dinh-cong-nhan-dung-han",
    title="Quyết định công nhận chính thức quá hạn",
    explanation=(
        f"Cấp ủy có thẩm quyền quyết định công nhận chính thức trong "
        f"{RECOGNITION_DECISION_WORKDAYS.show()} kể từ ngày chi bộ có nghị quyết đề nghị; trường "
        f"hợp đặc biệt kéo dài thêm tối đa {DECISION_EXTENSION_WORKDAYS.show()} "
        "(cong_nhan_chinh_thuc.gia_han: true)."),
    basis="QĐ 294-QĐ/TW §4.3.1 (quy tắc R22).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_OFFICIAL, {"dat": "xet_ket_nap.cong_nhan_chinh_thuc.ngay",
                                        "gia_tri": "2027-09-20"}],
             "giai_doan": "chinh_thuc", "ngay": "2027-10-01",
             "at": "xet_ket_nap.cong_nhan_chinh_thuc.ngay"},
    passing={"patches": AT_OFFICIAL, "giai_doan": "chinh_thuc", "ngay": "2027-09-01"},
)
def recognition_decision(ctx: Ctx) -> Iterator[Hit]:
    resolution = dates.parse_day(dig(ctx.xkn, "du_bi", "hop_chi_bo", "ngay"))
    decided = dates.parse_day(dig(ctx.xkn, "cong_nhan_chinh_thuc", "ngay"))
    if resolution is None or decided is None:
        return
    extended = dig(ctx.xkn, "cong_nhan_chinh_thuc", "gia_han") is True
    total, last = _deadline(ctx, resolution, RECOGNITION_DECISION_WORKDAYS.value, extended)
    days = ctx.calendar.working_days_after(resolution, decided)
    if days > total:
        yield Hit((XKN, "cong_nhan_chinh_thuc", "ngay"),
                  f"Quyết định công nhận chính thức ngày {dates.show_day(decided)}, sau nghị "
                  f"quyết chi bộ (ngày {dates.show_day(resolution)}) {days} ngày làm việc; hạn "
                  f"là {total} ngày làm việc, tức ngày {dates.show_day(last)}.")


# ----------------------------------------------------------------------------- số lý lịch

SO_LY_LICH = re.compile(r"\d{6}[A-ZĐ]{2,3}")


@rule(
    "so-ly-lich",
    title="Số lý lịch không đúng dạng",
    explanation=(
        "Số lý lịch gồm 6 chữ số và 2–3 chữ in hoa (ví dụ 000215LS), do cơ quan tổ chức của cấp "
        "ủy cấp trên trực tiếp của tổ chức cơ sở đảng ghi."),
    basis="HD 38-HD/BTCTW §II.1.2 a–b (quy tắc R32); thứ tự chữ số rồi chữ cái là cách đọc của "
          "tài liệu tham khảo.",
    confidence="C",
    items=("bìa",),
    failing={"patches": [*AT_ADMISSION, {"dat": "so_ly_lich", "gia_tri": "LS-2026-015"}],
             "giai_doan": "ket_nap", "at": "so_ly_lich"},
    passing={"patches": [*AT_ADMISSION, {"dat": "so_ly_lich", "gia_tri": "000215LS"}],
             "giai_doan": "ket_nap"},
)
def record_number(ctx: Ctx) -> Iterator[Hit]:
    value = ctx.data.get("so_ly_lich")
    if isinstance(value, str) and value.strip() and not SO_LY_LICH.fullmatch(value.strip()):
        yield Hit(("so_ly_lich",), f"{ctx.item('so_ly_lich')}: “{value.strip()}” không đúng dạng; "
                                   "số lý lịch gồm 6 chữ số và 2–3 chữ in hoa, ví dụ 000215LS.")


@rule(
    "so-ly-lich-truoc-ket-nap",
    title="Số lý lịch ghi trước khi kết nạp",
    explanation=(
        "Số lý lịch do cấp ủy ghi sau khi có quyết định kết nạp; trên bản khai của người xin vào "
        "Đảng để trống (bỏ khóa so_ly_lich)."),
    basis="HD 38-HD/BTCTW §II.1.2 a–b (quy tắc R32).",
    confidence="C",
    severity=Severity.WARNING,
    items=("bìa",),
    failing={"patches": [{"dat": "so_ly_lich", "gia_tri": "000215LS"}],
             "giai_doan": "tham_tra", "at": "so_ly_lich"},
    passing={"patches": [*AT_ADMISSION, {"dat": "so_ly_lich", "gia_tri": "000215LS"}],
             "giai_doan": "ket_nap"},
)
def record_number_early(ctx: Ctx) -> Iterator[Hit]:
    value = ctx.data.get("so_ly_lich")
    if isinstance(value, str) and value.strip() and ctx.stage is not None \
            and not ctx.at_or_past("ket_nap"):
        yield Hit(("so_ly_lich",), f"{ctx.item('so_ly_lich')}: chỉ ghi sau khi có quyết định kết "
                                   f"nạp (hồ sơ đang ở giai đoạn «{_stage(ctx)}»); bây giờ bỏ "
                                   "khóa này.")
