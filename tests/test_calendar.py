"""The Vietnamese working-day calendar (issue 14 item 3; reference §3A "WD").

One calendar serves the rules and ``hoso report``: weekends, public holidays with Tết and the
substitute days from the ``holidays`` package (Vietnamese names), and the days a committee adds in
``to-chuc.yaml``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from hoso.errors import UserError
from hoso.form import dates
from hoso.form.calendar import NATIONAL, WEEKDAYS_ONLY, Calendar
from hoso.org import calendar, calendar_of


def test_tet_2026_is_not_working_days() -> None:
    # Tết Bính Ngọ: Monday 16-2 to Friday 20-2-2026 are days off, with Vietnamese names
    for d in range(16, 21):
        assert not NATIONAL.is_workday(date(2026, 2, d))
    assert NATIONAL.name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert "Giao thừa" in (NATIONAL.name(date(2026, 2, 16)) or "")
    # the whole Tết week counts nothing: Friday 13-2 → Monday 23-2 is one working day
    assert NATIONAL.working_days_after(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert WEEKDAYS_ONLY.working_days_after(date(2026, 2, 13), date(2026, 2, 23)) == 6


def test_substitute_day_for_a_holiday_on_sunday() -> None:
    # Giỗ Tổ Hùng Vương 2026 falls on Sunday 26-4: Monday 27-4 is the substitute day off
    assert NATIONAL.name(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert not NATIONAL.is_workday(date(2026, 4, 27))
    # 30-4 and 1-5 (Thursday, Friday) are off too: Friday 24-4 → Monday 4-5 counts only
    # Tuesday 28-4, Wednesday 29-4 and Monday 4-5
    assert NATIONAL.working_days_after(date(2026, 4, 24), date(2026, 5, 4)) == 3


def test_swapped_day_and_its_working_saturday() -> None:
    # 2026: Monday 31-8 off in exchange for Saturday 22-8 worked
    assert not NATIONAL.is_workday(date(2026, 8, 31))
    assert NATIONAL.is_workday(date(2026, 8, 22))
    assert NATIONAL.working_days_after(date(2026, 8, 21), date(2026, 8, 24)) == 2


def test_a_30_day_window_with_tet_and_a_substitute_day_inside() -> None:
    """Both sides of a 30-working-day limit whose window holds Tết 2027 (which includes a
    weekend) and the day before it ("29 Tết")."""
    start = date(2027, 1, 20)
    last = NATIONAL.add_workdays(start, 30)
    assert NATIONAL.working_days_after(start, last) == 30
    after = NATIONAL.add_workdays(last, 1)
    assert NATIONAL.working_days_after(start, after) == 31
    assert NATIONAL.working_days_after(start, last - timedelta(days=1)) <= 29
    # seven days off fall on weekdays (4-2 … 10-2 less the weekend): the deadline moves a week
    naive = dates.add_workdays(start, 30)
    assert (last - naive).days >= 7
    off = NATIONAL.days_off(start, last)
    assert date(2027, 2, 4) in off
    assert date(2027, 2, 10) in off
    assert "Tết" in NATIONAL.explain(start, last)


def test_add_and_count_agree_across_years() -> None:
    cal = NATIONAL
    for start in (date(2025, 12, 24), date(2026, 4, 24), date(2026, 8, 20), date(2027, 1, 29)):
        for n in (0, 1, 5, 30, 45, 90):
            end = cal.add_workdays(start, n)
            assert cal.working_days_after(start, end) == n
            if n:
                assert cal.is_workday(end)


def test_committee_days_off_and_working_weekends() -> None:
    extra = Calendar({date(2026, 2, 13): "Nghỉ Tết theo Thông báo của Chính phủ"},
                     [date(2026, 2, 28)])
    assert not extra.is_workday(date(2026, 2, 13))
    assert extra.is_workday(date(2026, 2, 28))
    assert extra.name(date(2026, 2, 13)) == "Nghỉ Tết theo Thông báo của Chính phủ"
    assert NATIONAL.working_days_after(date(2026, 2, 12), date(2026, 3, 2)) == 7
    assert extra.working_days_after(date(2026, 2, 12), date(2026, 3, 2)) == 7  # −1 +1


def _org_file(folder: Path, days: str) -> Path:
    """A minimal to-chuc.yaml (with its schema beside it) followed by ``days``."""
    (folder / "schema").mkdir()
    root = Path(__file__).resolve().parents[1]
    (folder / "schema" / "to-chuc.schema.json").write_bytes(
        (root / "schema" / "to-chuc.schema.json").read_bytes())
    org = folder / "to-chuc.yaml"
    org.write_text(
        "dang_bo: {ten: Đảng bộ Thử, nhom_dang_uy: \"@thu/dang-uy\"}\n"
        "chi_bo: [{ma: a, ten: Chi bộ A, nguoi_xem_xet: [\"@thu/a\"]}]\n" + days,
        encoding="utf-8")
    return org


def test_calendar_from_to_chuc_yaml(tmp_path: Path) -> None:
    org = _org_file(tmp_path,
        "ngay_nghi:\n  - ngay: \"2026-02-13\"\n    ten: Nghỉ Tết theo thông báo\n"
        "ngay_lam_bu:\n  - ngay: \"2026-02-28\"\n    ten: Làm bù\n")
    cal = calendar(org)
    assert not cal.is_workday(date(2026, 2, 13))
    assert cal.is_workday(date(2026, 2, 28))
    assert calendar(None) is NATIONAL
    assert calendar_of({}) is NATIONAL


def test_a_bad_day_off_is_a_located_vietnamese_error(tmp_path: Path) -> None:
    org = _org_file(tmp_path, "ngay_nghi:\n  - ngay: 13/2/2026\n    ten: Nghỉ Tết\n")
    with pytest.raises(UserError) as info:
        calendar(org)
    message = str(info.value)
    assert "to-chuc.yaml:4:" in message
    assert "YYYY-MM-DD" in message
