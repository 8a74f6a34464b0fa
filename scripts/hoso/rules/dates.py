"""Dates as the form writes them: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``"nay"`` (now).

A dossier keeps each date at the precision the person knew it, so every comparison here says
which end of a partial date it uses: :meth:`PDate.first` (the earliest day the text can mean)
or :meth:`PDate.last` (the latest). Ages and durations are counted in completed months, the way
the Party rules count them ("tính theo tháng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

NAY = "nay"
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]

_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class PDate:
    """A date with its precision: ``month`` and ``day`` are None when the text leaves them out."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first(self) -> date:
        """The earliest day the text can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        """The latest day the text can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or days_in_month(self.year, month))

    @property
    def first_month(self) -> int:
        """Month number (year * 12 + month - 1) of the earliest month meant."""
        return self.year * 12 + (self.month or 1) - 1

    @property
    def last_month(self) -> int:
        return self.year * 12 + (self.month or 12) - 1

    def show(self) -> str:
        """The form's way of writing it: ``ngày 26-3-2026``, ``tháng 9-2016``, ``năm 1962``."""
        if self.day is not None and self.month is not None:
            return f"ngày {self.day}-{self.month}-{self.year}"
        if self.month is not None:
            return f"tháng {self.month}-{self.year}"
        return f"năm {self.year}"


@lru_cache(maxsize=8192)
def parse(text: object) -> PDate | None:
    """``"2016-09"`` → ``PDate(2016, 9)``; None for anything that is not a valid date.

    ``"nay"`` is not a date: callers test for :data:`NAY` themselves.
    """
    if not isinstance(text, str):
        return None
    m = _SHAPE.fullmatch(text.strip())
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if year < 1800 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None:
        assert month is not None
        if not 1 <= day <= days_in_month(year, month):
            return None
    return PDate(year, month, day)


def problem(text: str) -> str | None:
    """Why ``text`` written in a date's shape is not a real date (Vietnamese), or None."""
    m = _SHAPE.fullmatch(text.strip())
    if m is None:
        return None
    year = int(m.group(1))
    if year < 1800:
        return f"năm {year} không hợp lý"
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return f"không có tháng {month}"
        if m.group(3):
            day = int(m.group(3))
            days = days_in_month(year, month)
            if not 1 <= day <= days:
                return f"tháng {month}-{year} chỉ có {days} ngày, không có ngày {day}"
    return None


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months; the day is clamped to the end of a shorter month."""
    index = d.year * 12 + d.month - 1 + n
    year, month0 = divmod(index, 12)
    day = min(d.day, days_in_month(year, month0 + 1))
    return date(year, month0 + 1, day)


def months_between(start: date, end: date) -> int:
    """Completed months from ``start`` to ``end`` (negative when ``end`` comes first)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end >= start:
        if end.day < start.day and add_months(start, months) > end:
            months -= 1
    elif end.day > start.day and add_months(start, months) < end:
        months += 1
    return months


def age_months(birth: date, on: date) -> int:
    """Age in completed months on ``on``."""
    return months_between(birth, on)


def show_age(months: int) -> str:
    """``221`` → ``18 tuổi 5 tháng``."""
    years, rest = divmod(months, 12)
    return f"{years} tuổi {rest} tháng" if rest else f"{years} tuổi"


def show_day(d: date) -> str:
    return f"{d.day}-{d.month}-{d.year}"


def show_month_index(index: int) -> str:
    year, month0 = divmod(index, 12)
    return f"tháng {month0 + 1}-{year}"


def working_days_after(start: date, end: date) -> int:
    """Working days (Monday to Friday; public holidays are not known here) after ``start``, up to
    and including ``end``."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    wd = start.weekday()
    for i in range(1, rest + 1):
        if (wd + i) % 7 < 5:
            count += 1
    return count
