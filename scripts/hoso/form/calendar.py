"""The Vietnamese working-day calendar: one calendar for the rules and the report's due dates.

The texts count many limits in working days ("ngày làm việc") without defining them; in practice
weekends and public holidays are excluded (reference §3A, tagged [U]). The calendar is:

* Monday to Friday;
* minus the public holidays of the Labour Code as the ``holidays`` package computes them for
  Vietnam, with their Vietnamese names: Tết Dương lịch, Tết Nguyên Đán (with the days the
  government adds around it), Giỗ Tổ Hùng Vương, 30-4, 1-5, Quốc khánh, and the substitute days
  ("nghỉ bù") when a holiday falls on a weekend, and the swapped days the government announces;
* plus the weekend days worked in exchange for a swapped day ("làm bù"), as the package knows them;
* adjusted by the committee in ``to-chuc.yaml`` for what the package does not know yet (a year's
  announcement, a provincial day off): ``ngay_nghi`` adds days off, ``ngay_lam_bu`` adds weekend
  working days (:func:`hoso.org.calendar`).

The package is imported only when a working day is first counted (it costs about 0.1 s), and
computes everything locally: nothing reaches the network. Day arithmetic is
:mod:`hoso.form.dates`; this module only says which days are off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

from hoso.form import dates

#: The country code and language asked of the ``holidays`` package.
COUNTRY = "VN"
LANGUAGE = "vi"


@lru_cache(maxsize=64)
def _national(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """(days off with their Vietnamese names, weekend working days) of one year."""
    import holidays  # lazy: only when a working day is counted

    vn = holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE)
    off = {d: str(name) for d, name in vn.items() if d.year == year}
    work = frozenset(d for d in getattr(vn, "weekend_workdays", ()) if d.year == year)
    return off, work


class Calendar:
    """Days off and extra working days; every working-day count of the program goes through one.

    ``national=False`` leaves the package out (weekends and the given days only), for tests and
    for a committee that wants only its own list.
    """

    def __init__(self, off: Mapping[date, str] | None = None,
                 work: Iterable[date] = (), *, national: bool = True) -> None:
        self._off = dict(off or {})
        self._work = frozenset(work)
        self.national = national

    def __repr__(self) -> str:
        return (f"Calendar(national={self.national}, extra_off={len(self._off)}, "
                f"extra_work={len(self._work)})")

    # ---- which days

    def _year(self, year: int) -> tuple[dict[date, str], frozenset[date]]:
        if self.national:
            off, work = _national(year)
            off = {**off, **{d: n for d, n in self._off.items() if d.year == year}}
            return off, work | {d for d in self._work if d.year == year}
        return ({d: n for d, n in self._off.items() if d.year == year},
                frozenset(d for d in self._work if d.year == year))

    def days_off(self, start: date, end: date) -> dict[date, str]:
        """Days off on working weekdays after ``start`` up to ``end``, with their names."""
        out: dict[date, str] = {}
        for year in range(start.year, end.year + 1):
            off, work = self._year(year)
            out.update((d, n) for d, n in off.items()
                       if start < d <= end and d.weekday() not in dates.WEEKEND
                       and d not in work)
        return dict(sorted(out.items()))

    def extra_workdays(self, start: date, end: date) -> frozenset[date]:
        """Weekend days after ``start`` up to ``end`` that are working days ("làm bù")."""
        found: set[date] = set()
        for year in range(start.year, end.year + 1):
            off, work = self._year(year)
            found.update(d for d in work if start < d <= end and d not in off)
        return frozenset(found)

    def name(self, d: date) -> str | None:
        """The Vietnamese name of a day off, or None."""
        return self._year(d.year)[0].get(d)

    def is_workday(self, d: date) -> bool:
        off, work = self._year(d.year)
        return dates.is_workday(d, off, work)

    # ---- counting

    def working_days_after(self, start: date, end: date) -> int:
        """Working days after ``start``, up to and including ``end`` (0 when ``end`` ≤ ``start``)."""
        if end <= start:
            return 0
        return dates.working_days_after(start, end, self.days_off(start, end),
                                        self.extra_workdays(start, end))

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (the last day of "within n working days")."""
        span = 2 * n + 40
        while True:
            end = start + timedelta(days=span)
            got = dates.add_workdays(start, n, self.days_off(start, end),
                                     self.extra_workdays(start, end))
            if got <= end:
                return got
            span *= 2

    def explain(self, start: date, end: date) -> str:
        """The days off inside a window, for a message: "trừ 5 ngày nghỉ: Tết Nguyên Đán
        (17-2-2026), …"; empty when there is none."""
        off = self.days_off(start, end)
        if not off:
            return ""
        shown = ", ".join(f"{name} ({dates.show_day(d)})" for d, name in off.items())
        return f"đã trừ {len(off)} ngày nghỉ lễ, Tết: {shown}"


#: The national calendar with no committee additions.
NATIONAL = Calendar()
#: Monday to Friday only (the fallback when a committee turns the national calendar off).
WEEKDAYS_ONLY = Calendar(national=False)
