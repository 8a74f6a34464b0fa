"""The date model of the form: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``"nay"`` (now).

This module is the one place that parses a dossier's dates, prints them and does calendar
arithmetic on them; every other module asks it (a lint test holds the line).

A dossier keeps each date at the precision the person knew it, so every comparison here says
which end of a partial date it uses: :meth:`PDate.first` (the earliest day the text can mean)
or :meth:`PDate.last` (the latest). Ages and durations are counted in completed months, the way
the Party rules count them ("tính theo tháng").

Printing follows the booklet: days as "ngày 17-4-1999", months as "tháng 9-2016", years as
"năm 1962" (no leading zeros); the "ngày … tháng … năm …" blanks filled as "ngày 10 tháng 2 năm
2026"; periods as "9-2017 đến 6-2022" in a table column and "Từ tháng 9-2005 đến nay" in a
sentence. A value that is not a date is printed unchanged.

**Working days are Monday to Friday** minus the days off a caller passes (``holidays``) plus the
weekend days the government makes working days in exchange (``workdays``, "làm bù"). The
Vietnamese calendar — public holidays, Tết, substitute days and the days a committee adds in
``to-chuc.yaml`` — is :class:`hoso.form.calendar.Calendar`, which calls these functions; with no
calendar, holidays are not subtracted and a deadline falls on or *before* the legal one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
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

    def bare(self) -> str:
        """Without its unit: ``26-3-2026``, ``9-2016``, ``1962``."""
        if self.day is not None and self.month is not None:
            return f"{self.day}-{self.month}-{self.year}"
        if self.month is not None:
            return f"{self.month}-{self.year}"
        return str(self.year)

    def unit(self) -> str:
        """The word the form puts before it: ``ngày``, ``tháng`` or ``năm``."""
        return "ngày" if self.day is not None else "tháng" if self.month is not None else "năm"

    def show(self) -> str:
        """The form's way of writing it: ``ngày 26-3-2026``, ``tháng 9-2016``, ``năm 1962``."""
        return f"{self.unit()} {self.bare()}"

    def blanks(self) -> str:
        """The blanks of "ngày … tháng … năm …" filled: ``ngày 10 tháng 2 năm 2026``."""
        parts = []
        if self.day is not None:
            parts.append(f"ngày {self.day}")
        if self.month is not None:
            parts.append(f"tháng {self.month}")
        parts.append(f"năm {self.year}")
        return " ".join(parts)


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


#: A day written with slashes in prose ("26/3/2014"; the form writes "ngày 26-3-2014"): groups
#: day, month, year.
SLASH_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


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
    """``2026-03-05`` → ``5-3-2026`` (the way the form writes a day)."""
    return f"{d.day}-{d.month}-{d.year}"


def show_month_index(index: int) -> str:
    year, month0 = divmod(index, 12)
    return f"tháng {month0 + 1}-{year}"


# --------------------------------------------------------------------------------------------
# printing a dossier's value


def so(value: object) -> str:
    """Bare form: "17-4-1999", "9-2016", "1962", "nay"; a value that is no date unchanged."""
    p = parse(value)
    return p.bare() if p else str(value).strip()


def ngay(value: object) -> str:
    """With its unit: "ngày 17-4-1999", "tháng 9-2016", "năm 1962", "nay"."""
    p = parse(value)
    return p.show() if p else str(value).strip()


def ngay_thang_nam(value: object) -> str:
    """The blanks of "ngày … tháng … năm …" filled: "ngày 10 tháng 2 năm 2026"."""
    p = parse(value)
    return p.blanks() if p else str(value).strip()


def khoang(tu: object, den: object) -> str:
    """A period for the "Từ tháng, năm đến tháng, năm" column: "9-2017 đến 6-2022",
    "10-2022 đến nay"."""
    a, b = so(tu), so(den)
    return a if a == b else f"{a} đến {b}"


def tu_den(tu: object, den: object) -> str:
    """A period in a sentence: "Từ tháng 9-2005 đến tháng 5-2010", "Từ tháng 10-2022 đến nay"."""
    a, b = ngay(tu), ngay(den)
    if a == b:
        return a[:1].upper() + a[1:]
    return f"Từ {a} đến {b}"


def show_value(value: object) -> str | None:
    """``"2020-09"`` → ``"tháng 9-2020"``; ``"nay"`` → ``"nay"``; None if not a date."""
    if isinstance(value, str) and value.strip() == NAY:
        return NAY
    p = parse(value)
    return p.show() if p else None


def parse_day(text: object) -> date | None:
    """A full day ``YYYY-MM-DD`` (a command's ``--ngay``, a workflow record) or None."""
    p = parse(text)
    return p.first if p is not None and p.day is not None else None


# --------------------------------------------------------------------------------------------
# working days


WEEKEND = (5, 6)  # Saturday, Sunday


def is_workday(d: date, holidays: Collection[date] = (), workdays: Collection[date] = ()) -> bool:
    """Monday to Friday and not a day off; a weekend day in ``workdays`` is a working day."""
    if d in holidays:
        return False
    return d.weekday() not in WEEKEND or d in workdays


def add_workdays(start: date, n: int, holidays: Collection[date] = (),
                 workdays: Collection[date] = ()) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted; ``n`` ≥ 0).

    "Within 30 working days from the day the probation ends" ends on ``add_workdays(end, 30)``.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    d = start
    while n > 0:
        d += timedelta(days=1)
        if is_workday(d, holidays, workdays):
            n -= 1
    return d


def working_days_after(start: date, end: date, holidays: Collection[date] = (),
                       workdays: Collection[date] = ()) -> int:
    """Working days after ``start``, up to and including ``end``.

    ``holidays`` and ``workdays`` must be finite collections here (they are iterated).
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    wd = start.weekday()
    for i in range(1, rest + 1):
        if (wd + i) % 7 < 5:
            count += 1
    if holidays:
        count -= sum(1 for h in set(holidays) if start < h <= end and h.weekday() not in WEEKEND)
    if workdays:
        count += sum(1 for w in set(workdays) if start < w <= end and w.weekday() in WEEKEND
                     and w not in holidays)
    return count


# --------------------------------------------------------------------------------------------
# reading dates people write by hand (a Word form, an old typed biography)

#: The shapes of a dossier date, as :func:`shapes` names them.
SHAPES = ("ngay", "thang", "nam", NAY)
_SHAPE_SAMPLES = {"ngay": "2016-09-26", "thang": "2016-09", "nam": "2016", NAY: NAY}


def shapes(pattern: object) -> frozenset[str]:
    """Which date shapes a schema ``pattern`` accepts ("ngay", "thang", "nam", "nay"); empty for
    a pattern that is not a date's (one that also accepts ordinary words)."""
    if not isinstance(pattern, str):
        return frozenset()
    try:
        rx = re.compile(pattern)
    except re.error:
        return frozenset()
    # a date's pattern takes neither words nor codes ("KT-2026-001": hoso's dossier codes)
    if rx.search("chữ") or rx.search("x") or rx.search("1") or rx.search("KT-2026-001"):
        return frozenset()
    return frozenset(name for name, sample in _SHAPE_SAMPLES.items() if rx.search(sample))


@dataclass(frozen=True, slots=True)
class Reading:
    """What a hand-written date says: ``value`` in the format's notation (``"2016-09"``,
    ``"nay"``), or None with ``problem`` saying why (Vietnamese); ``exact`` when the text was
    already written the form's way (``17-4-1999``, ``9-2016``, ``1962``, ``nay`` or the format's
    own ``1999-04-17``), so turning it into the format is no change worth reporting."""

    value: str | None
    exact: bool = False
    problem: str | None = None


_SEP = r"\s*[-/.]\s*"
_NAY_WORDS = re.compile(r"(?:đến\s+|tới\s+)?(?:nay|hiện\s+nay|bây\s+giờ|hiện\s+tại)", re.I)
_LOOSE_DAY = re.compile(
    r"(?:ngày\s*)?(\d{1,2})" + f"({_SEP})" + r"(?:tháng\s*)?(\d{1,2})" + _SEP + r"(?:năm\s*)?(\d{4})",
    re.I)
_WORDS_DAY = re.compile(r"(?:ngày\s*)?(\d{1,2})\s*,?\s*tháng\s*(\d{1,2})\s*,?\s*năm\s*(\d{4})", re.I)
_LOOSE_MONTH = re.compile(r"(?:tháng\s*|t\s*)?(\d{1,2})" + f"({_SEP})" + r"(?:năm\s*)?(\d{4})", re.I)
_WORDS_MONTH = re.compile(r"tháng\s*(\d{1,2})\s*,?\s*năm\s*(\d{4})", re.I)
_LOOSE_YEAR = re.compile(r"(?:năm\s*)?(\d{4})", re.I)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return text if parse(text) is not None else None


def read(text: str) -> Reading:
    """One hand-written date: "14/8/1994", "ngày 14 tháng 8 năm 1994", "tháng 9-2016", "9/2016",
    "năm 1962", "nay" → the format's date. A day and a month both 12 or less written with "/"
    or "." ("03/04/2015") may be either way round (Word's American default writes the month
    first), so it is not guessed: ``problem`` says so. The form's own "3-4-2015" is day first."""
    t = " ".join(text.split()).strip(" ,;")
    if not t:
        return Reading(None, problem="để trống")
    if t == NAY:
        return Reading(NAY, exact=True)
    if _NAY_WORDS.fullmatch(t):
        return Reading(NAY)
    if parse(t) is not None:
        return Reading(t, exact=True)
    m = _WORDS_DAY.fullmatch(t)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        iso = _iso(y, mo, d)
        return Reading(iso) if iso else Reading(None, problem=_no_such(y, mo, d))
    m = _LOOSE_DAY.fullmatch(t)
    if m:
        d, sep, mo, y = int(m.group(1)), m.group(2).strip(), int(m.group(3)), int(m.group(4))
        if sep != "-" and d <= 12 and mo <= 12 and d != mo:
            return Reading(None, problem=(
                f"“{t}” có thể là ngày {d} tháng {mo} hoặc ngày {mo} tháng {d} năm {y}; "
                f"ghi lại theo kiểu “{d}-{mo}-{y}” (ngày-tháng-năm) cho rõ"))
        iso = _iso(y, mo, d)
        if iso is None:
            return Reading(None, problem=_no_such(y, mo, d))
        plain = t == f"{d}-{mo}-{y}"
        return Reading(iso, exact=plain)
    m = _WORDS_MONTH.fullmatch(t) or _LOOSE_MONTH.fullmatch(t)
    if m:
        mo, y = int(m.group(1)), int(m.group(m.lastindex or 2))
        iso = _iso(y, mo)
        if iso is None:
            return Reading(None, problem=_no_such(y, mo, None))
        return Reading(iso, exact=t == f"{mo}-{y}")
    m = _LOOSE_YEAR.fullmatch(t)
    if m:
        iso = _iso(int(m.group(1)))
        return Reading(iso) if iso else Reading(None, problem=f"năm {m.group(1)} không hợp lý")
    return Reading(None, problem=f"không đọc được “{t}” là ngày, tháng hay năm")


def _no_such(year: int, month: int, day: int | None) -> str:
    if year < 1800:
        return f"năm {year} không hợp lý"
    if not 1 <= month <= 12:
        return f"không có tháng {month}"
    return f"tháng {month}-{year} chỉ có {days_in_month(year, month)} ngày, không có ngày {day}"


_PERIOD_SPLIT = re.compile(r"\s*(?:\bđến\b|\btới\b|–|—|\s-\s|→)\s*", re.I)
_FROM = re.compile(r"^\s*(?:từ\s+)", re.I)


def read_period(text: str) -> tuple[Reading, Reading] | None:
    """A period written in one cell: "9/2016 đến nay", "Từ tháng 9-2016 đến tháng 6-2020",
    "9/2016 - 6/2020" → (from, to); None when the text is not two dates joined that way."""
    t = _FROM.sub("", " ".join(text.split()))
    parts = _PERIOD_SPLIT.split(t, maxsplit=1)
    if len(parts) != 2:
        return None
    start, end = read(parts[0]), read(parts[1])
    if start.value is None and end.value is None:
        return None
    return start, end
