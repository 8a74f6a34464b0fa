"""Dates printed the way Mẫu 2-KNĐ writes them.

Dossier dates keep their precision (``"1999-04-17"``, ``"2016-09"``, ``"1962"``, ``"nay"``). The
booklet writes days as "ngày 17-4-1999", months as "tháng 9-2016", years as "năm 1962" (no leading
zeros), and fills the "ngày … tháng … năm …" blanks as "ngày 10 tháng 2 năm 2026". A value that is
not a date is printed unchanged (it is escaped like any other value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAY = "nay"
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class Partial:
    year: int
    month: int | None = None
    day: int | None = None


def parse(value: object) -> Partial | None:
    """``"2016-09"`` → ``Partial(2016, 9)``; None for ``"nay"`` or anything that is not a date."""
    m = _DATE.match(str(value).strip())
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    return Partial(year, month, day)


def so(value: object) -> str:
    """Bare form: "17-4-1999", "9-2016", "1962", "nay"."""
    p = parse(value)
    if p is None:
        return str(value).strip()
    if p.day is not None:
        return f"{p.day}-{p.month}-{p.year}"
    if p.month is not None:
        return f"{p.month}-{p.year}"
    return str(p.year)


def ngay(value: object) -> str:
    """With its unit: "ngày 17-4-1999", "tháng 9-2016", "năm 1962", "nay"."""
    p = parse(value)
    if p is None:
        return str(value).strip()
    unit = "ngày" if p.day is not None else "tháng" if p.month is not None else "năm"
    return f"{unit} {so(value)}"


def ngay_thang_nam(value: object) -> str:
    """The blanks of "ngày … tháng … năm …" filled: "ngày 10 tháng 2 năm 2026"."""
    p = parse(value)
    if p is None:
        return str(value).strip()
    parts = []
    if p.day is not None:
        parts.append(f"ngày {p.day}")
    if p.month is not None:
        parts.append(f"tháng {p.month}")
    parts.append(f"năm {p.year}")
    return " ".join(parts)


def khoang(tu: object, den: object) -> str:
    """A period for the "Từ tháng, năm đến tháng, năm" column: "9-2017 đến 6-2022",
    "10-2022 đến nay"."""
    a, b = so(tu), so(den)
    if a == b:
        return a
    return f"{a} đến {b}"


def tu_den(tu: object, den: object) -> str:
    """A period in a sentence: "Từ tháng 9-2005 đến tháng 5-2010", "Từ tháng 10-2022 đến nay"."""
    a, b = ngay(tu), ngay(den)
    if a == b:
        return a[:1].upper() + a[1:]
    return f"Từ {a} đến {b}"
