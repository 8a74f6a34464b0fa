"""The due-date board of ``hoso report``: every open time limit of the procedure, in real working
days, from the same calendar (:mod:`hoso.form.calendar`: weekends, public holidays, Tết,
substitute days, ``to-chuc.yaml``'s days off) and the same limits (:mod:`hoso.form.limits`) as
the rules.

A limit is *open* while the step it waits for is not recorded:

- a verification request (``yeu_cau_tham_tra``) without ``ngay_tra_loi``: the reply is due
  ``VERIFY_WORKDAYS`` (``VERIFY_ABROAD_WORKDAYS`` abroad) after ``ngay_nhan``, else ``ngay_gui``;
- a chi bộ resolution proposing admission (``hop_chi_bo.ngay``) without a decision: due
  ``DECISION_WORKDAYS`` after it, ``+ DECISION_EXTENSION_WORKDAYS`` when ``gia_han`` is true
  (QĐ 294 §4.3.1 counts from the chi bộ resolution, not the Đảng ủy's);
- a decision without a ceremony: ``CEREMONY_WORKDAYS`` after the day the chi bộ received it
  (``ngay_nhan``, else the decision's day);
- a ceremony without the recognition meeting: ``RECOGNITION_WORKDAYS`` after the end of the
  ``PROBATION_MONTHS``;
- a recognition meeting without the decision: ``RECOGNITION_DECISION_WORKDAYS`` after it (+ the
  extension when ``gia_han``).

Pure functions of the dossiers, the reference date and the calendar (no I/O, no clock).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoso.form import limits
from hoso.form.calendar import Calendar
from hoso.form.dates import add_months, parse_day, show_day
from hoso.workflow import stages

XKN = "xet_ket_nap"


@dataclass(frozen=True)
class Due:
    """One open limit of one dossier."""

    code: str
    cell: str
    what: str  # the step awaited, Vietnamese
    since: str  # what the count starts from, Vietnamese ("gửi ngày …")
    start: date
    due: date
    limit: limits.Limit
    extended: bool = False

    def left(self, on: date, calendar: Calendar) -> int:
        """Working days left until the due day (negative: working days overdue)."""
        if on <= self.due:
            return calendar.working_days_after(on, self.due)
        return -calendar.working_days_after(self.due, on)

    def basis(self) -> str:
        """The limit and its source: "45 ngày làm việc + 15 kéo dài (QĐ 294 §4.3.1)"."""
        shown = self.limit.show()
        if self.extended:
            shown += f" + {limits.DECISION_EXTENSION_WORKDAYS.value} kéo dài"
        unconfirmed = "; chưa xác nhận" if self.limit.tag == "U" else ""
        return f"{shown} ({self.limit.source}{unconfirmed})"


def show_left(days: int) -> str:
    if days < 0:
        return f"QUÁ HẠN {-days} ngày làm việc"
    if days == 0:
        return "hết hạn hôm nay"
    return f"còn {days} ngày làm việc"


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, Mapping) else None
    return data


def _day(data: Any, *keys: str) -> date | None:
    return parse_day(_dig(data, *keys))


def dossier_dues(code: str, cell: str, data: Any, calendar: Calendar) -> list[Due]:
    """The open limits of one dossier."""
    if not isinstance(data, Mapping):
        return []
    out: list[Due] = []
    xkn = data.get(XKN)
    stage = _dig(data, "quy_trinh", "giai_doan")
    requests = _dig(xkn, "yeu_cau_tham_tra")
    for i, row in enumerate(requests if isinstance(requests, list) else []):
        if not isinstance(row, Mapping) or row.get("ngay_tra_loi"):
            continue
        received = parse_day(row.get("ngay_nhan"))
        start = received or parse_day(row.get("ngay_gui"))
        if start is None:
            continue
        abroad = row.get("nuoc_ngoai") is True
        limit = limits.VERIFY_ABROAD_WORKDAYS if abroad else limits.VERIFY_WORKDAYS
        to = " ".join(str(row.get("gui_den") or "nơi được đề nghị").split())
        out.append(Due(code, cell, f"Trả lời thẩm tra dòng {i + 1} ({to})"
                                   f"{', ở nước ngoài' if abroad else ''}",
                       f"{'nhận' if received else 'gửi'} ngày {show_day(start)}", start,
                       calendar.add_workdays(start, limit.value), limit))
    official = _day(xkn, "cong_nhan_chinh_thuc", "ngay") is not None or \
        stage == stages.CHINH_THUC
    resolution = _day(xkn, "hop_chi_bo", "ngay")
    decided = _day(xkn, "quyet_dinh_ket_nap", "ngay")
    if resolution is not None and decided is None and not official:
        out.append(_decision(code, cell, "Quyết định kết nạp", resolution,
                             limits.DECISION_WORKDAYS,
                             _dig(xkn, "quyet_dinh_ket_nap", "gia_han") is True, calendar))
    received = _day(xkn, "quyet_dinh_ket_nap", "ngay_nhan") or decided
    ceremony = _day(xkn, "le_ket_nap", "ngay")
    if received is not None and ceremony is None and not official:
        limit = limits.CEREMONY_WORKDAYS
        what = "nhận quyết định" if received != decided else "quyết định kết nạp"
        out.append(Due(code, cell, "Lễ kết nạp", f"{what} ngày {show_day(received)}", received,
                       calendar.add_workdays(received, limit.value), limit))
    recognition = _day(xkn, "du_bi", "hop_chi_bo", "ngay")
    if ceremony is not None and recognition is None and not official:
        ends = add_months(ceremony, limits.PROBATION_MONTHS.value)
        limit = limits.RECOGNITION_WORKDAYS
        out.append(Due(code, cell, "Chi bộ xét công nhận chính thức",
                       f"hết {limits.PROBATION_MONTHS.show()} dự bị ngày {show_day(ends)}", ends,
                       calendar.add_workdays(ends, limit.value), limit))
    if recognition is not None and not official:
        out.append(_decision(code, cell, "Quyết định công nhận chính thức", recognition,
                             limits.RECOGNITION_DECISION_WORKDAYS,
                             _dig(xkn, "cong_nhan_chinh_thuc", "gia_han") is True, calendar))
    return out


def _decision(code: str, cell: str, what: str, resolution: date, limit: limits.Limit,
              extended: bool, calendar: Calendar) -> Due:
    n = limit.value + (limits.DECISION_EXTENSION_WORKDAYS.value if extended else 0)
    return Due(code, cell, what, f"nghị quyết chi bộ ngày {show_day(resolution)}", resolution,
               calendar.add_workdays(resolution, n), limit, extended)


def board(dossiers: Sequence[tuple[str, str, Any]], calendar: Calendar) -> list[Due]:
    """Every open limit of ``(code, chi bộ, data)`` triples, soonest due first."""
    out = [d for code, cell, data in dossiers for d in dossier_dues(code, cell, data, calendar)]
    out.sort(key=lambda d: (d.due, d.code, d.what))
    return out


def to_json(dues: Sequence[Due], on: date, calendar: Calendar) -> list[dict[str, object]]:
    return [{"ma": d.code, "chi_bo": d.cell, "viec": d.what, "tinh_tu": d.start.isoformat(),
             "han": d.due.isoformat(), "con_ngay_lam_viec": d.left(on, calendar),
             "qua_han": d.left(on, calendar) < 0, "thoi_han": d.limit.show(),
             "keo_dai": d.extended, "can_cu": d.limit.source, "muc_tin_cay": d.limit.tag}
            for d in dues]
