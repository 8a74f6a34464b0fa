"""The form model: dates, limits and the schema's labels, asked the way every stage asks them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hoso.errors import UserError
from hoso.form import Form, dates, limits, load_form

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "2-knd-2025.schema.json"


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(SCHEMA)


# ------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(("text", "parsed"), [
    ("2026-03-26", dates.PDate(2026, 3, 26)),
    ("2016-09", dates.PDate(2016, 9)),
    ("1962", dates.PDate(1962)),
    (" 2024-02-29 ", dates.PDate(2024, 2, 29)),
])
def test_parse_keeps_the_precision(text: str, parsed: dates.PDate) -> None:
    assert dates.parse(text) == parsed


@pytest.mark.parametrize("text", ["nay", "2023-02-29", "2026-13", "2026-3-26", "26/3/2026", "1799",
                                  "", "2026-04-31", "năm 2026"])
def test_parse_refuses_what_is_not_a_real_date(text: str) -> None:
    assert dates.parse(text) is None


def test_parse_refuses_non_strings() -> None:
    assert dates.parse(2026) is None
    assert dates.parse(None) is None


def test_problem_says_why_in_vietnamese() -> None:
    assert dates.problem("2026-02-30") == "tháng 2-2026 chỉ có 28 ngày, không có ngày 30"
    assert dates.problem("2026-13") == "không có tháng 13"
    assert dates.problem("1700") == "năm 1700 không hợp lý"
    assert dates.problem("2026-02-28") is None


def test_first_and_last_day_of_a_partial_date() -> None:
    assert dates.PDate(2024, 2).first == date(2024, 2, 1)
    assert dates.PDate(2024, 2).last == date(2024, 2, 29)
    assert dates.PDate(2023).last == date(2023, 12, 31)
    assert dates.PDate(2023, 5, 7).first == dates.PDate(2023, 5, 7).last == date(2023, 5, 7)


@pytest.mark.parametrize(("value", "so", "ngay", "blanks"), [
    ("2026-02-10", "10-2-2026", "ngày 10-2-2026", "ngày 10 tháng 2 năm 2026"),
    ("2016-09", "9-2016", "tháng 9-2016", "tháng 9 năm 2016"),
    ("1962", "1962", "năm 1962", "năm 1962"),
    ("nay", "nay", "nay", "nay"),
    ("Không rõ", "Không rõ", "Không rõ", "Không rõ"),
])
def test_every_printing_style(value: str, so: str, ngay: str, blanks: str) -> None:
    assert dates.so(value) == so
    assert dates.ngay(value) == ngay
    assert dates.ngay_thang_nam(value) == blanks


def test_periods_in_a_column_and_in_a_sentence() -> None:
    assert dates.khoang("2017-09", "2022-06") == "9-2017 đến 6-2022"
    assert dates.khoang("2022-10", "nay") == "10-2022 đến nay"
    assert dates.khoang("2020", "2020") == "2020"
    assert dates.tu_den("2005-09", "2010-05") == "Từ tháng 9-2005 đến tháng 5-2010"
    assert dates.tu_den("2022-10", "nay") == "Từ tháng 10-2022 đến nay"
    assert dates.tu_den("2020-01", "2020-01") == "Tháng 1-2020"


def test_show_value_day_and_age() -> None:
    assert dates.show_value("2020-09") == "tháng 9-2020"
    assert dates.show_value("nay") == "nay"
    assert dates.show_value("9/2020") is None
    assert dates.show_day(date(2026, 3, 5)) == "5-3-2026"
    assert dates.show_age(221) == "18 tuổi 5 tháng"
    assert dates.show_age(216) == "18 tuổi"
    assert dates.show_month_index(2016 * 12 + 8) == "tháng 9-2016"
    assert dates.parse_day("2026-03-05") == date(2026, 3, 5)
    assert dates.parse_day("2026-03") is None


def test_month_arithmetic_clamps_and_counts_completed_months() -> None:
    assert dates.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert dates.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert dates.add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    # 18 years old exactly on the birthday, one day before is still 17 years 11 months
    assert dates.age_months(date(2008, 3, 26), date(2026, 3, 26)) == 18 * 12
    assert dates.age_months(date(2008, 3, 26), date(2026, 3, 25)) == 18 * 12 - 1
    assert dates.months_between(date(2026, 3, 26), date(2025, 3, 26)) == -12


def test_working_days_skip_weekends_and_the_given_holidays() -> None:
    friday = date(2026, 4, 24)
    assert dates.add_workdays(friday, 1) == date(2026, 4, 27)
    assert dates.working_days_after(friday, date(2026, 4, 27)) == 1
    holidays = {date(2026, 4, 30), date(2026, 5, 1)}
    assert dates.add_workdays(date(2026, 4, 29), 1, holidays) == date(2026, 5, 4)
    assert dates.working_days_after(date(2026, 4, 29), date(2026, 5, 4), holidays) == 1
    assert dates.working_days_after(date(2026, 4, 29), date(2026, 5, 4)) == 3
    # the two functions agree: n working days after start end on add_workdays(start, n)
    for n in range(0, 40):
        end = dates.add_workdays(friday, n, holidays)
        assert dates.working_days_after(friday, end, holidays) == n
    with pytest.raises(ValueError, match="n must be"):
        dates.add_workdays(friday, -1)


# ------------------------------------------------------------------------------------ limits


def test_every_limit_is_named_sourced_and_listed_once() -> None:
    names = [limit.name for limit in limits.ALL]
    assert len(names) == len(set(names))
    module_limits = {v.name for v in vars(limits).values() if isinstance(v, limits.Limit)}
    assert module_limits == set(names)
    for limit in limits.ALL:
        assert getattr(limits, limit.name) is limit
        assert limit.value > 0
        assert limit.source.strip()
        assert limit.what.strip()
        assert limit.tag in ("C", "T", "U")


def test_limits_print_with_their_unit() -> None:
    assert limits.PROBATION_MONTHS.show() == "12 tháng"
    assert limits.VERIFY_WORKDAYS.show() == "30 ngày làm việc"
    assert int(limits.CERTIFICATE_MONTHS) == 60


# ------------------------------------------------------------------------------------ labels


def test_items_and_their_numbers(form: Form) -> None:
    assert form.item("cong_viec_chuc_vu") == "Mục (15) Những công việc, chức vụ đã qua"
    assert form.number("gia_dinh") == "21"
    assert form.number("quy_trinh") is None
    assert form.item("quy_trinh") == "Quy trình"
    assert form.short_item("khong_co_muc_nay") == "Hồ sơ"
    filled, total = form.items_filled({"ho_ten_khai_sinh": "A", "gia_dinh": []})
    assert (filled, total) == (2, 26)


def test_path_labels_name_people_by_relationship(form: Form) -> None:
    data = {"gia_dinh": [{"quan_he": "ong_noi"}, {"quan_he": "ba_noi"}]}
    assert form.path_label(("gia_dinh", 1, "nam_sinh"), data) == (
        "Mục (21) Hoàn cảnh gia đình › người thứ 2 (Bà nội) › Năm sinh")
    assert form.path_label(("lich_su_ban_than", 0, "tu")).startswith(
        "Mục (14) Lịch sử bản thân › dòng thứ 1 › ")
    assert form.path_label(()) == "Hồ sơ"


def test_closed_lists_and_relationships(form: Form) -> None:
    assert form.relations["ong_noi_ben_vo_chong"] == "Ông nội bên vợ (chồng)"
    assert form.relation_label("ong_noi_ben_vo_chong") == "ông nội bên vợ (chồng)"
    assert form.relation_label("khong_co") == "khong_co"
    assert form.relation_label(None) == "người thân"
    assert form.relation_groups["vo"] == 2
    assert form.enum_labels(("quy_trinh", "giai_doan"))["tham_tra"] == "Thẩm tra lý lịch"
    assert form.field_label(("gia_dinh", 0, "nam_sinh")) == "năm sinh"


def test_the_schema_is_read_once_and_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"properties": {"a": {"title": "Một", "x-muc": "1"}}}', encoding="utf-8")
    first = load_form(path)
    assert load_form(path) is first
    assert first.item("a") == "Mục (1) Một"
    path.write_text('{"properties": {"a": {"title": "Mục một mới", "x-muc": "1"}}}',
                    encoding="utf-8")
    assert load_form(path).item("a") == "Mục (1) Mục một mới"


def test_a_missing_or_broken_schema_is_a_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không tìm thấy tệp lược đồ"):
        load_form(tmp_path / "khong-co.json")
    bad = tmp_path / "hong.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(UserError, match="Không đọc được tệp lược đồ"):
        load_form(bad)


# ---------------------------------------------------------------------- edges found by mutmut


@pytest.mark.parametrize(("year", "days"), [(2024, 29), (2023, 28), (1900, 28), (2000, 29),
                                            (2100, 28), (2400, 29)])
def test_february_in_leap_and_century_years(year: int, days: int) -> None:
    assert dates.days_in_month(year, 2) == days
    assert (dates.parse(f"{year}-02-29") is not None) is (days == 29)


@pytest.mark.parametrize(("text", "ok"), [
    ("1800", True), ("1799", False), ("1800-01-01", True),
    ("2026-01", True), ("2026-12", True), ("2026-00", False), ("2026-13", False),
    ("2026-01-01", True), ("2026-01-31", True), ("2026-01-00", False), ("2026-01-32", False),
    ("2026-12-31", True), ("2026-04-30", True), ("2026-04-31", False),
])
def test_the_first_and_last_of_every_range_is_a_date(text: str, ok: bool) -> None:
    assert (dates.parse(text) is not None) is ok
    assert (dates.problem(text) is None) is ok


def test_months_between_counts_completed_months_both_ways() -> None:
    a = date(2026, 3, 15)
    assert dates.months_between(a, a) == 0
    assert dates.months_between(a, date(2026, 4, 14)) == 0
    assert dates.months_between(a, date(2026, 4, 15)) == 1
    assert dates.months_between(a, date(2026, 4, 16)) == 1
    # backwards: not yet a whole month before is 0, a whole month before is -1
    assert dates.months_between(a, date(2026, 2, 16)) == 0
    assert dates.months_between(a, date(2026, 2, 15)) == -1
    assert dates.months_between(a, date(2026, 2, 14)) == -1
    assert dates.months_between(a, date(2026, 1, 15)) == -2
    # the end of a longer month against a shorter one
    assert dates.months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert dates.months_between(date(2026, 3, 31), date(2026, 2, 28)) == -1


def test_a_holiday_on_the_first_or_the_last_day_of_a_window() -> None:
    start, end = date(2026, 4, 27), date(2026, 5, 1)  # Monday to Friday
    # the start day itself is never counted, the end day is
    assert dates.working_days_after(start, end) == 4
    assert dates.working_days_after(start, end, {start}) == 4
    assert dates.working_days_after(start, end, {end}) == 3
    assert dates.working_days_after(start, start) == 0
    assert dates.working_days_after(end, start) == 0


def test_the_fold_table_of_the_latin_blocks_is_the_whole_ranges() -> None:
    from hoso.form import text

    assert text._fold_table() == text._fold_table(((0xC0, 0x1F00),))
