"""The dossier's dates and dated tables, read once per dossier for the date and table rules.

:func:`date_values` — every date-like value, parsed, with whether it is judged against "now"
(records after the chi bộ meeting) and whether it belongs to the candidate's own life;
:func:`periods` — the (from, to) of each row of (14), (15), (17), (18); :func:`chain` — the rows
of (14), (15) placed month by month, for the gap and overlap rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any

from hoso.findings import Path_
from hoso.form import dates
from hoso.validate.rules.base import Ctx, rows

# Records written after the chi bộ meeting: judged against "now", not the meeting date.
# Introducers' own dates are judged against "now" too (whether they were official members at the
# meeting is nguoi-gioi-thieu-chinh-thuc's question), and so are the other papers (giay_to), some
# of which follow the meeting (the grassroots committee's resolution, Mẫu 8-KNĐ).
AFTER_MEETING = frozenset({"hop_chi_bo", "quyet_dinh_ket_nap", "le_ket_nap",
                           "cong_nhan_chinh_thuc", "dong_y_tren_60_tuoi",
                           "dong_y_cua_ban_thuong_vu_tinh", "nguoi_gioi_thieu", "giay_to",
                           "quy_trinh", "hop_dang_uy", "hop_thuong_vu", "du_bi"})
# Dates that are not the candidate's own life: relatives, introducers, the workflow history.
NOT_OWN = frozenset({"gia_dinh", "nguoi_gioi_thieu", "quy_trinh", "tham_tra", "nhan_xet_chi_bo",
                     "chung_nhan_cap_uy", "hop_chi_bo", "quyet_dinh_ket_nap", "le_ket_nap",
                     "cong_nhan_chinh_thuc", "dong_y_tren_60_tuoi",
                     "dong_y_cua_ban_thuong_vu_tinh", "giay_to"})


# (value index in ctx.texts, text, parsed date, judged against "now" rather than the reference
# date, a date of the candidate's own life)
DateValue = tuple[int, str, "dates.PDate | None", bool, bool]


def date_values(ctx: Ctx) -> list[DateValue]:
    """Every date-like value of the dossier, parsed once per dossier."""
    cached = ctx.memo.get("dates")
    if cached is None:
        t = ctx.texts
        cached = []
        kinds: dict[Path_, tuple[bool, bool]] = {}  # parent path → (after meeting, own)
        for i in t.dates:
            parent, key = t.refs[i]
            kind = kinds.get(parent)
            if kind is None:
                names = set(parent)
                kind = kinds[parent] = (not names.isdisjoint(AFTER_MEETING),
                                        names.isdisjoint(NOT_OWN))
            value = t.values[i]
            cached.append((i, value, dates.parse(value), kind[0], kind[1] and key != "ngay_sinh"))
        ctx.memo["dates"] = cached
    return cached


Period = tuple[int, "dates.PDate | None", "dates.PDate | None", bool]


def period(row: Mapping[str, Any]) -> tuple[dates.PDate | None, dates.PDate | None, bool]:
    """(from, to, open-ended) of a table row."""
    to_raw = row.get("den")
    open_end = isinstance(to_raw, str) and to_raw.strip() == dates.NAY
    return dates.parse(row.get("tu")), (None if open_end else dates.parse(to_raw)), open_end


def periods(ctx: Ctx, table: str) -> list[Period]:
    """(row, from, to, open-ended) of every row of a dated table, read once per dossier."""
    key = f"periods:{table}"
    cached: list[Period] | None = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = [(i, *period(row)) for i, row in rows(ctx.data, table)]
    return cached


def chain(ctx: Ctx, table: str) -> list[tuple[int, int, int | None] | None]:
    """(row, first month, last month or None for "nay") of each row in order; None for a row
    that cannot be placed month by month (unreadable, year only, or "from" after "to": those
    are other rules' findings), so that no gap or overlap is reported next to it."""
    key = f"chain:{table}"
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = _build(ctx, table)
    return cached


def _build(ctx: Ctx, table: str) -> list[tuple[int, int, int | None] | None]:
    out: list[tuple[int, int, int | None] | None] = []
    for i, start, end, open_end in periods(ctx, table):
        if start is None or start.month is None or (end is None and not open_end) or (
                end is not None and (end.month is None or start.first_month > end.last_month)):
            out.append(None)
            continue
        out.append((i, start.first_month, None if end is None else end.last_month))
    return out


def span(first: int, last: int) -> str:
    """``tháng 6-2010`` or ``từ tháng 6-2010 đến tháng 8-2010 (3 tháng)``."""
    if first == last:
        return dates.show_month_index(first)
    return (f"từ {dates.show_month_index(first)} đến {dates.show_month_index(last)} "
            f"({last - first + 1} tháng)")


def pairs(chain: list[tuple[int, int, int | None] | None]
          ) -> Iterator[tuple[int | None, int, int]]:
    """(end of the previous row, start of this row, this row's index) for placeable neighbours."""
    for prev, cur in pairwise(chain):
        if prev is not None and cur is not None:
            yield prev[2], cur[1], cur[0]
