"""Calendar arithmetic for the due dates: months and working days.

**Working days are Monday to Friday.** Vietnamese public holidays (Tết Dương lịch, Tết Nguyên đán,
Giỗ Tổ Hùng Vương, 30-4, 1-5, Quốc khánh and its adjacent day) are *not* subtracted by default:
the lunar dates need a calendar table, and the actual days off (the day added next to 2-9, the
make-up days when a holiday falls on a weekend, the swaps the Government announces every year)
are only known year by year. Leaving them out makes a deadline fall on or *before* the legal one
— never after it — so the committee is warned early rather than late. The rules layer counts the
same way (``hoso.rules.dates.working_days_after``). A caller that knows the holidays of a year
passes them as ``holidays``.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta

WEEKEND = (5, 6)  # Saturday, Sunday


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months; the day is clamped to the end of a shorter month."""
    index = d.year * 12 + d.month - 1 + n
    year, month0 = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


def is_workday(d: date, holidays: Collection[date] = ()) -> bool:
    return d.weekday() not in WEEKEND and d not in holidays


def add_workdays(start: date, n: int, holidays: Collection[date] = ()) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted; ``n`` ≥ 0).

    "Within 30 working days from the day the probation ends" ends on ``add_workdays(end, 30)``.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    d = start
    while n > 0:
        d += timedelta(days=1)
        if is_workday(d, holidays):
            n -= 1
    return d
