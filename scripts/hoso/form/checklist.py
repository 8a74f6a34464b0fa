"""The dossier checklist ("danh mục hồ sơ"): every document the texts list, present or missing.

The lists and their order are HD 38-HD/BTCTW §II.1.1 a–c (reference §4.1, [C]): (a) what the chi
bộ considers, (b) what follows its agreement, (c) what is added on recognition (the first eight of
thirteen; the rest — yearly sheets, later decisions, transfer letters — belong to the member's
later life and are not tracked). For each document the checklist says where the dossier records
it, its date, and — for the papers that lapse — whether it is still valid at the chi bộ meeting
(or today when there is none): the party-awareness certificate 60 months (HD 06 §5.4 b); the
introducer's letter, the Youth Union / trade-union resolution and the summary of opinions 12
months (HD 06 §5.4 a); the application and the biography do not lapse.

The same rows feed the printed checklist (``templates/van-ban/danh-muc-ho-so.md.j2``) and the
findings of the rule ``danh-muc-ho-so`` at the stage where each document is due.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoso.form import dates
from hoso.form.limits import CERTIFICATE_MONTHS, PAPER_MONTHS

XKN = "xet_ket_nap"


@dataclass(frozen=True)
class Entry:
    """One document of the list and where the dossier records it."""

    part: str
    number: int
    title: str
    #: Where its date (or, for a table, its rows) is recorded; None: not tracked by hoso.
    path: tuple[str | int, ...] | None
    #: Months it stays valid until the chi bộ meeting (None: does not lapse).
    valid_months: int | None = None
    #: The stage from which the document must be in the dossier (None: only "if any").
    due: str | None = None
    #: Printed note ("nếu có", the old form code, …).
    note: str = ""


ADMISSION: tuple[Entry, ...] = (
    Entry("a", 1, "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
          (XKN, "chung_nhan_boi_duong", "ngay"), CERTIFICATE_MONTHS.value, "bieu_quyet"),
    Entry("a", 2, "Đơn xin vào Đảng", (XKN, "don_xin_vao_dang", "ngay"), None, "bieu_quyet"),
    Entry("a", 3, "Lý lịch của người xin vào Đảng và các văn bản thẩm tra kèm theo",
          ("cam_doan", "ngay"), None, "bieu_quyet", "Mẫu 2-KNĐ"),
    Entry("a", 4, "Giấy giới thiệu của đảng viên chính thức được phân công giúp đỡ",
          (XKN, "nguoi_gioi_thieu"), PAPER_MONTHS.value, "bieu_quyet"),
    Entry("a", 5, "Nghị quyết giới thiệu đoàn viên của Đoàn (hoặc của công đoàn cơ sở)",
          (XKN, "gioi_thieu_cua_doan", "ngay"), PAPER_MONTHS.value, None, "nếu có"),
    Entry("a", 6, "Tổng hợp ý kiến nhận xét của tổ chức đoàn thể chính trị – xã hội nơi làm "
                  "việc và chi ủy (chi bộ) nơi cư trú", (XKN, "tong_hop_y_kien", "ngay"),
          PAPER_MONTHS.value, "bieu_quyet"),
    Entry("b", 1, "Nghị quyết của chi bộ xét, đề nghị kết nạp", (XKN, "hop_chi_bo", "ngay"),
          None, "bieu_quyet"),
    Entry("b", 2, "Báo cáo thẩm định của đảng ủy bộ phận", None, None, None, "nếu có"),
    Entry("b", 3, "Nghị quyết của đảng ủy cơ sở đề nghị kết nạp", (XKN, "hop_dang_uy", "ngay"),
          None, "ket_nap"),
    Entry("b", 4, "Quyết định kết nạp đảng viên của cấp ủy có thẩm quyền",
          (XKN, "quyet_dinh_ket_nap", "ngay"), None, "ket_nap"),
    Entry("b", 5, "Lý lịch đảng viên", None, None, None, "Mẫu 1-HSĐV; hoso chưa theo dõi"),
    Entry("b", 6, "Phiếu đảng viên", None, None, None, "Mẫu 2-HSĐV; hoso chưa theo dõi"),
)
RECOGNITION: tuple[Entry, ...] = (
    Entry("c", 1, "Giấy chứng nhận học lớp bồi dưỡng đảng viên mới",
          (XKN, "du_bi", "chung_nhan_dang_vien_moi", "ngay"), None, "chinh_thuc"),
    Entry("c", 2, "Bản tự kiểm điểm của đảng viên dự bị", (XKN, "du_bi", "tu_kiem_diem", "ngay"),
          None, "chinh_thuc"),
    Entry("c", 3, "Bản nhận xét đảng viên dự bị của đảng viên chính thức được phân công giúp đỡ",
          (XKN, "du_bi", "nhan_xet_nguoi_giup_do", "ngay"), None, "chinh_thuc"),
    Entry("c", 4, "Tổng hợp ý kiến nhận xét của tổ chức đoàn thể chính trị – xã hội và chi ủy "
                  "(chi bộ) nơi cư trú", (XKN, "du_bi", "tong_hop_y_kien", "ngay"), None,
          "chinh_thuc"),
    Entry("c", 5, "Nghị quyết của chi bộ xét, đề nghị công nhận đảng viên chính thức",
          (XKN, "du_bi", "hop_chi_bo", "ngay"), None, "chinh_thuc"),
    Entry("c", 6, "Báo cáo thẩm định của đảng ủy bộ phận", None, None, None, "nếu có"),
    Entry("c", 7, "Nghị quyết của đảng ủy cơ sở đề nghị công nhận đảng viên chính thức",
          (XKN, "du_bi", "hop_dang_uy", "ngay"), None, "chinh_thuc"),
    Entry("c", 8, "Quyết định công nhận đảng viên chính thức",
          (XKN, "cong_nhan_chinh_thuc", "ngay"), None, "chinh_thuc"),
)
PARTS = {"a": "Khi xét kết nạp (HD 38 §II.1.1 a)", "b": "Sau khi chi bộ đồng ý (HD 38 §II.1.1 b)",
         "c": "Khi công nhận đảng viên chính thức (HD 38 §II.1.1 c)"}


@dataclass(frozen=True)
class Row:
    entry: Entry
    #: "có", "thiếu", "chưa đến lúc", "nếu có", "không theo dõi".
    status: str
    #: The document's date as the dossier writes it, or None.
    day: str | None
    #: "còn hạn đến 20-6-2030", "quá hạn từ 1-3-2026" or "".
    validity: str
    #: False when the document has lapsed at the reference date.
    valid: bool = True


def _dig(data: object, path: Sequence[str | int]) -> Any:
    cur: Any = data
    for k in path:
        if isinstance(cur, Mapping) and isinstance(k, str):
            cur = cur.get(k)
        else:
            return None
    return cur


def _present(value: object) -> bool:
    if isinstance(value, Mapping | list):
        return bool(value)
    return isinstance(value, str) and value.strip().casefold() not in ("", "không")


def _day_of(data: Mapping[str, Any], entry: Entry) -> tuple[bool, str | None]:
    """(recorded, the date written) of one entry."""
    assert entry.path is not None
    value = _dig(data, entry.path)
    if entry.path[-1] == "nguoi_gioi_thieu":
        people = [p for p in value or () if isinstance(p, Mapping)] if isinstance(value, list) \
            else []
        written = [p.get("ngay_giay_gioi_thieu") for p in people]
        days = sorted(w for w in written if isinstance(w, str) and dates.parse(w))
        return bool(people), (days[0] if days else None)
    if entry.path == (XKN, "gioi_thieu_cua_doan", "ngay") and not _present(value):
        value = _dig(data, (XKN, "gioi_thieu_cua_cong_doan", "ngay"))
    return _present(value), value if isinstance(value, str) else None


def rows(data: Mapping[str, Any], stage_index: int, stage_rank: Mapping[str, int],
         on: date, *, recognition: bool | None = None) -> list[Row]:
    """The checklist of a dossier at the stage of rank ``stage_index``, judged at ``on`` (the
    chi bộ meeting, else today). ``recognition`` adds part c (default: from the ``du_bi``
    stage on)."""
    entries = list(ADMISSION)
    if recognition if recognition is not None else stage_index >= stage_rank["du_bi"]:
        entries += RECOGNITION
    meeting = dates.parse_day(_dig(data, (XKN, "hop_chi_bo", "ngay")))
    out: list[Row] = []
    for e in entries:
        if e.path is None:
            out.append(Row(e, "không theo dõi" if e.due is None and "hoso" in e.note
                           else "nếu có", None, ""))
            continue
        recorded, day = _day_of(data, e)
        if recorded:
            status = "có"
        elif e.due is None:
            status = "nếu có"
        elif stage_index >= stage_rank[e.due]:
            status = "thiếu"
        else:
            status = "chưa đến lúc"
        validity, valid = "", True
        parsed = dates.parse(day) if day else None
        if recorded and parsed is not None and e.valid_months is not None:
            until = dates.add_months(parsed.last, e.valid_months)
            judged = meeting if meeting is not None and e.part == "a" else on
            if meeting is not None or stage_index < stage_rank["ket_nap"]:
                valid = judged <= until
                validity = (f"còn hạn đến {dates.show_day(until)}" if valid
                            else f"quá hạn từ {dates.show_day(until)}")
        out.append(Row(e, status, day, validity, valid))
    return out
