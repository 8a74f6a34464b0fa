"""The rules on cases beyond their catalogue examples: limits, variants, mistakes seen in practice.

Each case patches the sample dossier and runs one rule directly, so a case shows exactly what
that rule says about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pytest
from rulecases import PINNED, hits, sample

from hoso.form import dates
from hoso.validate.rules import catalogue
from hoso.validate.rules.base import Ctx
from hoso.validate.rules.education import Level, parse_level
from hoso.validate.rules.family import SPOUSE_SIDE
from hoso.validate.rules.places import units
from hoso.validate.rules.readmission import READMISSION
from hoso.validate.rules.samples import AT_ADMISSION, AT_VOTE, COMMENTS, VERIFIED
from hoso.validate.rules.timeline import _reward_rank

_base = sample


def paths(code: str, patches: Sequence[Mapping[str, Any]] = (), **kw: Any) -> list[str]:
    return [p for p, _ in hits(code, patches, **kw)]


def test_no_rule_fires_on_the_sample() -> None:
    data = _base()
    ctx = Ctx(data, on_date=PINNED)
    found = [(r.code, h) for r in catalogue.rules() if r.applies_at(ctx.stage)
             for h in r.check(ctx)]
    assert found == []


# --------------------------------------------------------------------------------------------
# dates


def test_months_and_ages() -> None:
    assert dates.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert dates.add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert dates.age_months(date(2008, 11, 27), date(2026, 11, 27)) == 216
    assert dates.age_months(date(2008, 11, 28), date(2026, 11, 27)) == 215
    assert dates.age_months(date(2008, 1, 31), date(2008, 2, 29)) == 1  # end of a short month
    assert dates.months_between(date(2022, 10, 1), date(2023, 10, 1)) == 12
    assert dates.show_age(221) == "18 tuổi 5 tháng"


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-02-28", dates.PDate(2026, 2, 28)), ("2024-02-29", dates.PDate(2024, 2, 29)),
    ("2016-09", dates.PDate(2016, 9)), ("1962", dates.PDate(1962)),
    ("2026-02-30", None), ("2025-02-29", None), ("2026-13", None), ("2026-00-10", None),
    ("nay", None), ("26/3/2014", None),
])
def test_parse(text: str, expected: dates.PDate | None) -> None:
    assert dates.parse(text) == expected


def test_partial_dates_have_both_ends() -> None:
    d = dates.PDate(2024, 2)
    assert (d.first, d.last) == (date(2024, 2, 1), date(2024, 2, 29))
    assert dates.PDate(2023).last == date(2023, 12, 31)
    assert dates.problem("2026-02-30") == "tháng 2-2026 chỉ có 28 ngày, không có ngày 30"
    assert dates.working_days_after(date(2026, 7, 10), date(2026, 7, 24)) == 10


# --------------------------------------------------------------------------------------------
# age


def test_age_counted_by_month_at_the_meeting() -> None:
    assert hits("tuoi-toi-thieu", [{"dat": "ngay_sinh", "gia_tri": "2008-11-27"}]) == []
    found = hits("tuoi-toi-thieu", [{"dat": "ngay_sinh", "gia_tri": "2008-11-28"}])
    assert found
    assert "17 tuổi 11 tháng" in found[0][1]
    assert "ngày xét (27-11-2026)" in found[0][1]
    # the meeting date, not --ngay, is the reference once the meeting is recorded
    meeting = [{"dat": "ngay_sinh", "gia_tri": "2008-06-20"}, *AT_VOTE]
    msg = hits("tuoi-toi-thieu", meeting, on=date(2027, 1, 1))[0][1]
    assert "ngày họp chi bộ xét kết nạp (15-6-2026)" in msg


def test_over_sixty_needs_the_written_consent_before_the_decision() -> None:
    assert hits("tuoi-tren-60", [{"dat": "ngay_sinh", "gia_tri": "1966-11-27"}]) == []
    assert paths("tuoi-tren-60", [{"dat": "ngay_sinh", "gia_tri": "1966-10-26"}]) == ["ngay_sinh"]
    consent = {"so": "45-CV/TU", "ngay": "2026-07-01", "co_quan": "Ban Thường vụ Tỉnh ủy"}
    ok: list[dict[str, Any]] = [{"dat": "ngay_sinh", "gia_tri": "1960-01-01"},
                                {"dat": "xet_ket_nap.dong_y_tren_60_tuoi", "gia_tri": consent},
                                *AT_ADMISSION]
    assert hits("tuoi-tren-60", ok) == []
    late = [*ok, {"dat": "xet_ket_nap.dong_y_tren_60_tuoi.ngay", "gia_tri": "2026-07-20"}]
    assert paths("tuoi-tren-60", late) == ["xet_ket_nap.dong_y_tren_60_tuoi.ngay"]


def test_id_number_against_birth_year_and_sex() -> None:
    assert paths("so-can-cuoc-khop", [{"dat": "gioi_tinh", "gia_tri": "nữ"}]) == ["so_can_cuoc"]
    assert hits("so-can-cuoc-khop", [{"dat": "gioi_tinh", "gia_tri": "nữ"},
                                     {"dat": "so_can_cuoc", "gia_tri": "020199004517"}]) == []


# --------------------------------------------------------------------------------------------
# education


@pytest.mark.parametrize(("text", "level"), [
    ("12/12", Level(12, 12)), ("12/12 phổ thông", Level(12, 12)), ("9/12 bổ túc", Level(9, 12)),
    ("8/10 phổ thông", Level(8, 10)), ("Lớp 7/10", Level(7, 10)),
    ("tốt nghiệp trung học phổ thông hệ 12 năm", Level(12, 12)),
    ("Tốt nghiệp trung học cơ sở", Level(9, 12)),
    ("tốt nghiệp trung học phổ thông hệ 10 năm", Level(10, 10)),
])
def test_general_education_forms(text: str, level: Level) -> None:
    assert parse_level(text) == level


@pytest.mark.parametrize("text", ["THPT", "12", "Lớp 12", "Cấp 3", "Đại học", "13/12",
                                  "Tốt nghiệp THPT"])
def test_loose_general_education(text: str) -> None:
    assert isinstance(parse_level(text), str)
    assert paths("giao-duc-pho-thong-dinh-dang",
                 [{"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": text}]) == [
        "trinh_do.giao_duc_pho_thong"]


def test_lower_secondary_minimum_in_both_systems() -> None:
    for text, bad in (("9/12", False), ("8/12", True), ("7/10", False), ("6/10 phổ thông", True)):
        found = hits("hoc-van-toi-thieu", [{"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": text}])
        assert bool(found) is bad, text


# --------------------------------------------------------------------------------------------
# Youth Union and introducers

TRADE_UNION = {"so": "02-NQ/CĐCS", "ngay": "2026-01-25",
               "to_chuc": "Ban Chấp hành Công đoàn cơ sở VNPT Lạng Sơn"}


def test_youth_union_member_cannot_be_introduced_by_the_trade_union() -> None:
    patches: list[dict[str, Any]] = [
        {"xoa": "xet_ket_nap.gioi_thieu_cua_doan"},
        {"dat": "xet_ket_nap.gioi_thieu_cua_cong_doan", "gia_tri": TRADE_UNION}]
    assert paths("gioi-thieu-doan", patches) == ["xet_ket_nap.gioi_thieu_cua_cong_doan"]
    assert hits("so-nguoi-gioi-thieu", patches) == []


def test_both_organisations_is_one_too_many() -> None:
    patches = [{"dat": "xet_ket_nap.gioi_thieu_cua_cong_doan", "gia_tri": TRADE_UNION}]
    assert paths("so-nguoi-gioi-thieu", patches) == ["xet_ket_nap.gioi_thieu_cua_cong_doan"]


def test_introductions_are_required_from_the_vote() -> None:
    patches = [{"xoa": "xet_ket_nap.gioi_thieu_cua_doan"}, {"xoa": "xet_ket_nap.nguoi_gioi_thieu"}]
    assert hits("so-nguoi-gioi-thieu", patches) == []
    assert paths("so-nguoi-gioi-thieu", [*patches, *AT_VOTE], stage="bieu_quyet") == [
        "xet_ket_nap"]


def test_introducer_probationary_at_the_meeting() -> None:
    patches = [*AT_VOTE, {"dat": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc",
                          "gia_tri": "2026-06-16"}]
    assert paths("nguoi-gioi-thieu-chinh-thuc", patches) == [
        "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc"]
    # a date after "now" is the introducer rule's, not also a "future date"
    future = [{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc", "gia_tri": "2027-01-05"}]
    assert paths("nguoi-gioi-thieu-chinh-thuc", future) == [
        "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc"]
    assert hits("ngay-tuong-lai", future) == []


def test_twelve_months_together_at_the_limit() -> None:
    at = "xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu"
    assert hits("nguoi-gioi-thieu-cung-cong-tac", [{"dat": at, "gia_tri": "2025-11"}]) == []
    assert paths("nguoi-gioi-thieu-cung-cong-tac", [{"dat": at, "gia_tri": "2025-12"}]) == [at]


# --------------------------------------------------------------------------------------------
# papers


def test_certificate_sixty_months_to_the_day() -> None:
    at = "xet_ket_nap.chung_nhan_boi_duong.ngay"
    assert hits("chung-nhan-boi-duong-het-han", [{"dat": at, "gia_tri": "2021-11-27"}]) == []
    assert paths("chung-nhan-boi-duong-het-han", [{"dat": at, "gia_tri": "2021-11-26"}]) == [at]


def test_papers_twelve_months() -> None:
    # HD 06 §5.4 a: the introducer's letter lapses after 12 months, on both sides of the day
    at = "xet_ket_nap.nguoi_gioi_thieu[0].ngay_giay_gioi_thieu"
    assert hits("giay-to-qua-han", [{"dat": at, "gia_tri": "2025-11-27"}]) == []
    assert paths("giay-to-qua-han", [{"dat": at, "gia_tri": "2025-11-26"}]) == [at]
    summary = "xet_ket_nap.tong_hop_y_kien"
    assert paths("giay-to-qua-han", [{"dat": summary, "gia_tri": {
        "ngay": "2025-11-26", "y_kien": [{"to_chuc": "Chi đoàn", "noi_dung": "Tốt."}]}}]) == [
        f"{summary}.ngay"]
    # the application letter and the biography are not redone: no finding however old
    letter = "xet_ket_nap.don_xin_vao_dang.ngay"
    assert hits("giay-to-qua-han", [{"dat": letter, "gia_tri": "2024-01-05"},
                                    {"dat": "cam_doan.ngay", "gia_tri": "2024-01-10"}]) == []
    other = [{"them": "xet_ket_nap.giay_to", "gia_tri": {"ten": "Giấy tờ khác",
                                                         "ngay": "2025-10-01"}}]
    assert paths("giay-to-qua-han", other) == ["xet_ket_nap.giay_to[0].ngay"]


# --------------------------------------------------------------------------------------------
# timelines


def test_summer_gap_in_the_history_is_a_gap() -> None:
    found = hits("thoi-gian-ngat-quang", [{"dat": "lich_su_ban_than[0].den", "gia_tri": "2010-05"}])
    assert [p for p, _ in found] == ["lich_su_ban_than[1].tu"]
    assert "từ tháng 6-2010 đến tháng 8-2010 (3 tháng)" in found[0][1]


def test_nay_only_on_the_last_row() -> None:
    assert paths("thoi-gian-trung-lap", [{"dat": "cong_viec_chuc_vu[1].den", "gia_tri": "nay"}]) \
        == ["cong_viec_chuc_vu[2].tu"]


def test_rows_out_of_order() -> None:
    rows = [{"dat": "cong_viec_chuc_vu[1].tu", "gia_tri": "2017-09"}]
    assert paths("thoi-gian-trung-lap", rows) == ["cong_viec_chuc_vu[1].tu"]


def test_abroad_three_months() -> None:
    row = {"tu": "2019-07", "den": "2019-09", "noi_dung": "Thực tập", "nuoc": "Nhật Bản",
           "co_quan_quyet_dinh": "Trường Đại học Bách khoa Hà Nội"}
    assert hits("nuoc-ngoai-3-thang", [{"dat": "di_nuoc_ngoai", "gia_tri": [row]}]) == []
    short = {**row, "tu": "2019-07-01", "den": "2019-09-15"}
    assert paths("nuoc-ngoai-3-thang", [{"dat": "di_nuoc_ngoai", "gia_tri": [short]}]) == [
        "di_nuoc_ngoai[0]"]


def test_future_end_of_an_ongoing_course_suggests_nay() -> None:
    found = hits("ngay-tuong-lai", [{"dat": "dao_tao_boi_duong[1].den", "gia_tri": "2027-06"}])
    assert found[0][0] == "dao_tao_boi_duong[1].den"
    assert "“đến: nay”" in found[0][1]


@pytest.mark.parametrize(("form", "rank"), [
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "high"),
    ("Bằng khen vì đã hoàn thành xuất sắc nhiệm vụ", "high"),
    ("Huân chương Lao động hạng Ba", "high"), ("Huy chương Vì thế hệ trẻ", "high"),
    ("Chiến sĩ thi đua toàn quốc", "high"), ("Danh hiệu Chiến sĩ thi đua cấp tỉnh", "high"),
    ("Nhà giáo ưu tú", "high"), ("Nghệ sỹ nhân dân", "high"), ("Cờ thi đua của Chính phủ", "high"),
    ("Giấy khen của Giám đốc", "low"), ("Danh hiệu Chiến sĩ thi đua cơ sở", "low"),
    ("Lao động tiên tiến", "low"), ("Hoàn thành xuất sắc nhiệm vụ", "low"),
    ("Kỷ niệm chương", None), ("Khen thưởng đột xuất", None),
])
def test_reward_forms(form: str, rank: str | None) -> None:
    assert _reward_rank(form) == rank


def test_discipline_considered_but_not_imposed_is_not_judged_by_its_form() -> None:
    row = {"thang": "2023-05", "loai": "xem_xet_khong_ky_luat", "ly_do": "Chậm báo cáo",
           "hinh_thuc": "Không kỷ luật", "cap_quyet_dinh": "Giám đốc VNPT Lạng Sơn"}
    for code in ("ky-luat-duoi-khien-trach", "ky-luat-khong-ro"):
        assert hits(code, [{"dat": "ky_luat", "gia_tri": [row]}]) == []
    warned = {**row, "loai": "ky_luat", "hinh_thuc": "Khiển trách"}
    assert hits("ky-luat-khong-ro", [{"dat": "ky_luat", "gia_tri": [warned]}]) == []


# --------------------------------------------------------------------------------------------
# family


def test_carer_instead_of_parents() -> None:
    carer = {"quan_he": "nguoi_nuoi_duong", "ho_ten": "Hoàng Văn Tư", "nam_sinh": "1960",
             "noi_sinh": "Xã Hoàng Đồng, tỉnh Lạng Sơn", "que_quan": "Xã Hoàng Đồng, tỉnh Lạng Sơn",
             "noi_o": "Xã Hoàng Đồng, tỉnh Lạng Sơn", "nghe_nghiep": "Nông dân",
             "ton_giao": "Không", "dan_toc": "Tày", "quoc_tich": "Việt Nam",
             "thanh_phan_giai_cap": {"chua_phan_dinh": True},
             "chinh_tri": "Làm ruộng; chấp hành tốt chủ trương, chính sách của Đảng."}
    no_parents = [{"xoa": "gia_dinh[5]"}, {"xoa": "gia_dinh[4]"}]
    assert paths("gia-dinh-cha-me", no_parents) == ["gia_dinh"]
    assert hits("gia-dinh-cha-me", [*no_parents, {"them": "gia_dinh", "gia_tri": carer}]) == []
    # without the father, the paternal grandparents are not required
    assert hits("gia-dinh-ong-ba", [{"xoa": "gia_dinh[4]"}, {"xoa": "gia_dinh[1]"}]) == []


def test_deceased_written_another_way() -> None:
    assert paths("gia-dinh-da-mat", [{"dat": "gia_dinh[1].noi_o", "gia_tri": "Đã qua đời"}]) == [
        "gia_dinh[1].noi_o"]
    assert paths("gia-dinh-da-mat", [{"dat": "gia_dinh[0].da_mat.nam", "gia_tri": "1930"}]) == [
        "gia_dinh[0].da_mat.nam"]


def test_political_history_of_a_child_may_be_short() -> None:
    child = {"quan_he": "con_de", "ho_ten": "Hoàng Minh An", "nam_sinh": "2022",
             "noi_o": "Phường Tam Thanh, tỉnh Lạng Sơn", "nghe_nghiep": "Còn nhỏ",
             "quoc_tich": "Việt Nam", "hoan_canh_kinh_te": "Sống cùng cha mẹ",
             "chinh_tri": "Còn nhỏ."}
    assert hits("gia-dinh-lich-su-chinh-tri", [{"them": "gia_dinh", "gia_tri": child}]) == []
    adult = {**child, "nam_sinh": "1995", "chinh_tri": "Tốt."}
    assert paths("gia-dinh-lich-su-chinh-tri", [{"them": "gia_dinh", "gia_tri": adult}]) == [
        "gia_dinh[7].chinh_tri"]


# --------------------------------------------------------------------------------------------
# places


def test_the_data_file_has_34_units_and_their_predecessors() -> None:
    table = units()
    assert len(set(table.current.values())) == 34
    assert len({old for old, _ in table.former.values()}) == 30  # 29 merged + Thừa Thiên Huế
    assert table.former["bacgiang"] == ("Tỉnh Bắc Giang", "Tỉnh Bắc Ninh")
    assert table.former["hoabinh"][1] == "Tỉnh Phú Thọ"
    assert table.current["hochiminh"] == "Thành phố Hồ Chí Minh"


def test_former_province_names_the_current_one() -> None:
    found = hits("tinh-hien-hanh", [{"dat": "noi_cu_tru.thuong_tru.tinh",
                                     "gia_tri": "Tỉnh Bắc Giang"}])
    assert found[0][0] == "noi_cu_tru.thuong_tru.tinh"
    assert "“Tỉnh Bắc Ninh (trước đây là tỉnh Bắc Giang)”" in found[0][1]
    assert paths("tinh-hien-hanh", [{"dat": "que_quan.tinh", "gia_tri": "Tỉnh Hoà Bình"}]) == [
        "que_quan.tinh"]


def test_provincial_city_is_not_a_province() -> None:
    found = hits("tinh-khong-ro", [{"dat": "noi_cu_tru.thuong_tru.tinh",
                                    "gia_tri": "Thành phố Lạng Sơn"}])
    assert found
    assert "“Tỉnh Lạng Sơn”" in found[0][1]
    assert "Có phải là “Tỉnh Lạng Sơn”" in hits(
        "tinh-khong-ro", [{"dat": "que_quan.tinh", "gia_tri": "Tỉnh Lạng Sơm"}])[0][1]


def test_district_in_current_residence_but_not_in_birth_registration() -> None:
    assert paths("dia-chi-khong-huyen", [{"dat": "noi_cu_tru.thuong_tru.huyen",
                                          "gia_tri": "Thành phố Lạng Sơn"}]) == [
        "noi_cu_tru.thuong_tru.huyen"]
    assert hits("dia-chi-khong-huyen") == []  # (5) keeps its huyen


def test_relatives_former_province_unless_in_brackets() -> None:
    at = "gia_dinh[6].noi_o"
    found = hits("tinh-cu-nguoi-than", [{"dat": at, "gia_tri": "Xã Minh Tân, tỉnh Hà Giang"}])
    assert found[0][0] == at
    assert "tỉnh Tuyên Quang" in found[0][1]
    bracketed = "Xã Minh Tân, tỉnh Tuyên Quang (trước đây là tỉnh Hà Giang)"
    assert hits("tinh-cu-nguoi-than", [{"dat": at, "gia_tri": bracketed}]) == []


# --------------------------------------------------------------------------------------------
# writing


@pytest.mark.parametrize("text", ["ViÖt Nam", "Vieät Nam", "Viá»‡t Nam", "Bµ NguyÔn ThÞ H¹nh",
                                  "Ñaûng", "Phường Tam Thanh, tỉnh LÃ¡ng SÆ¡n", "®i häc"])
def test_legacy_encoding_debris(text: str) -> None:
    assert paths("ma-cu", [{"dat": "gia_dinh[4].chinh_tri", "gia_tri": text}]) == [
        "gia_dinh[4].chinh_tri"]


@pytest.mark.parametrize("name", ["Nguyeãn Thu Trang", "NguyÔn Thu Trang"])
def test_legacy_encoding_in_a_short_name(name: str) -> None:
    """Names are tested in full: they may hold only letters that Vietnamese also uses."""
    assert paths("ma-cu", [{"dat": "gia_dinh[6].ho_ten", "gia_tri": name}]) == [
        "gia_dinh[6].ho_ten"]


@pytest.mark.parametrize("text", [
    "Hòa thuận, khỏe mạnh, hoà nhã, khoẻ, thuỷ lợi, quà tặng, giúp đỡ, Nguyễn, Ưu tú, Phở, Quý",
    "ĐẢNG CỘNG SẢN VIỆT NAM – Khoa Điện tử – Viễn thông; “ngoặc kép” … (ghi chú)",
    "Bà Nguyễn Thị Ngọc Ánh, Đắk Lắk, Ia Grai, H'Wen Niê, Y Moan Ênuôl",
    "Chứng chỉ Microsoft® Office Specialist, nhà 100 m², 25 °C",
])
def test_no_debris_in_ordinary_vietnamese(text: str) -> None:
    assert hits("ma-cu", [{"dat": "gia_dinh[4].chinh_tri", "gia_tri": text}]) == []


@pytest.mark.parametrize(("text", "what"), [
    (" Giáo viên", "ở đầu"), ("Giáo viên ", "ở cuối"), ("Giáo  viên", "hai dấu cách"),
    ("Giáo\u00a0viên", "không ngắt"),
])
def test_stray_spaces(text: str, what: str) -> None:
    found = hits("khoang-trang-thua", [{"dat": "gia_dinh[5].nghe_nghiep", "gia_tri": text}])
    assert found[0][0] == "gia_dinh[5].nghe_nghiep"
    assert what in found[0][1]


def test_block_text_keeps_its_line_breaks() -> None:
    text = "Dòng thứ nhất.\nDòng thứ hai.\n"
    assert hits("khoang-trang-thua", [{"dat": "tu_nhan_xet.uu_diem", "gia_tri": text}]) == []


@pytest.mark.parametrize(("text", "bad"), [("-", True), ("...", True), ("x", True), ("N/A", True),
                                           ("Không", False), ("Nông dân", False)])
def test_placeholders(text: str, bad: bool) -> None:
    assert bool(hits("khong-de-trong", [{"dat": "gia_dinh[5].nghe_nghiep", "gia_tri": text}])) \
        is bad


@pytest.mark.parametrize(("text", "bad"), [("Học THPT tại Trường Chu Văn An", True),
                                           ("Kỹ sư VNPT Lạng Sơn", False),
                                           ("Ở TP. Lạng Sơn", True), ("Mã TPHCM", False)])
def test_abbreviations(text: str, bad: bool) -> None:
    assert bool(hits("viet-tat", [{"dat": "cong_viec_chuc_vu[0].cong_viec", "gia_tri": text}])) \
        is bad


def test_names_in_capitals() -> None:
    assert paths("ho-ten-in-hoa", [{"dat": "ho_ten_thuong_dung", "gia_tri": "HOÀNG Minh KHÔI"}]) \
        == ["ho_ten_thuong_dung"]
    assert hits("ho-ten-chu-hoa-dau", [{"dat": "gia_dinh[4].ho_ten", "gia_tri": "Lò Văn Pắng"}]) \
        == []


# --------------------------------------------------------------------------------------------
# stages


def test_comments_before_verification() -> None:
    assert paths("nhan-xet-truoc-tham-tra", COMMENTS) == ["nhan_xet_chi_bo", "chung_nhan_cap_uy"]
    assert hits("nhan-xet-truoc-tham-tra", COMMENTS, stage="tham_tra") == []


def test_spouse_and_adult_children_must_be_verified() -> None:
    married = [{"them": "gia_dinh", "gia_tri": p} for p in SPOUSE_SIDE]
    found = hits("tham-tra-du-doi-tuong", [*married, *VERIFIED, *COMMENTS], stage="tham_tra")
    assert found
    assert "vợ Lương Thu Hà" in found[0][1]
    assert "cha vợ (chồng)" in found[0][1]
    child = {"quan_he": "con_de", "ho_ten": "Hoàng Minh An", "nam_sinh": "2022",
             "noi_o": "Phường Tam Thanh, tỉnh Lạng Sơn", "nghe_nghiep": "Còn nhỏ",
             "quoc_tich": "Việt Nam", "hoan_canh_kinh_te": "Sống cùng cha mẹ",
             "chinh_tri": "Còn nhỏ."}
    young = [{"them": "gia_dinh", "gia_tri": child}, *VERIFIED, *COMMENTS]
    assert hits("tham-tra-du-doi-tuong", young, stage="tham_tra") == []
    adult = [{"them": "gia_dinh", "gia_tri": {**child, "nam_sinh": "2004"}}, *VERIFIED, *COMMENTS]
    assert "con đẻ Hoàng Minh An" in hits("tham-tra-du-doi-tuong", adult, stage="tham_tra")[0][1]


def test_probation_counted_from_the_ceremony() -> None:
    official = {"so": "2210-QĐ/ĐU", "ngay": "2027-07-24", "co_quan": "Đảng ủy"}
    ok = [*AT_ADMISSION, {"dat": "xet_ket_nap.cong_nhan_chinh_thuc", "gia_tri": official}]
    assert hits("du-bi-12-thang", ok, on=date(2027, 9, 1), stage="chinh_thuc") == []
    early = [*ok, {"dat": "xet_ket_nap.cong_nhan_chinh_thuc.ngay", "gia_tri": "2027-07-23"}]
    assert paths("du-bi-12-thang", early, on=date(2027, 9, 1), stage="chinh_thuc") == [
        "xet_ket_nap.cong_nhan_chinh_thuc.ngay"]


# --------------------------------------------------------------------------------------------
# re-admission


def _readmit(**changes: Any) -> list[dict[str, Any]]:
    return [{"dat": "ket_nap_lai", "gia_tri": {**READMISSION, **changes}}]


def test_readmission_after_36_months_to_the_day() -> None:
    assert hits("ket-nap-lai-36-thang", _readmit(ngay_ra_khoi_dang="2023-11-27")) == []
    assert paths("ket-nap-lai-36-thang", _readmit(ngay_ra_khoi_dang="2023-11-28")) == [
        "ket_nap_lai.ngay_ra_khoi_dang"]


@pytest.mark.parametrize(("how", "why", "bad"), [
    ("xin_ra", "Xin ra khỏi Đảng vì lý do cá nhân", True),
    ("xin_ra", "Hoàn cảnh gia đình đặc biệt khó khăn", False),
    ("khai_tru", "Bị kết án về tội tham nhũng", True),
    ("khai_tru", "Vi phạm đạo đức lối sống", False),
    ("xoa_ten", "Xóa tên vì bỏ sinh hoạt đảng 3 tháng", True),
    ("xoa_ten", "Không đóng đảng phí 3 tháng", False),
    ("bo_sinh_hoat", "Không liên lạc với chi bộ", True),
])
def test_readmission_exclusions(how: str, why: str, bad: bool) -> None:
    found = hits("ket-nap-lai-loai-tru",
                 _readmit(hinh_thuc_ra_khoi_dang=how, ly_do_ra_khoi_dang=why))
    assert bool(found) is bad


def test_readmission_needs_provincial_consent_from_the_admission() -> None:
    assert paths("ket-nap-lai-dong-y-tinh", [*AT_ADMISSION, *_readmit()], stage="ket_nap") == [
        "ket_nap_lai"]
    assert catalogue.by_code()["ket-nap-lai-dong-y-tinh"].applies_at("bieu_quyet") is False


# ------------------------------------------------------------------ communes since 01-7-2025

_RESIDENCE = "noi_cu_tru.thuong_tru"


def _commune(value: str, province: str = "Tỉnh Lạng Sơn") -> list[tuple[str, str]]:
    return hits("xa-khong-co-trong-tinh", [{"dat": f"{_RESIDENCE}.xa", "gia_tri": value},
                                           {"dat": f"{_RESIDENCE}.tinh", "gia_tri": province}])


def test_commune_of_the_province_passes() -> None:
    assert _commune("Phường Tam Thanh") == []
    assert _commune("Xã Đồng Đăng") == []
    assert _commune("phường  tam thanh") == []  # case and spaces do not matter


def test_commune_with_the_wrong_kind_names_the_right_one() -> None:
    [(where, message)] = _commune("Xã Tam Thanh")
    assert where == f"{_RESIDENCE}.xa"
    assert "là “Phường Tam Thanh”, không phải “Xã Tam Thanh”" in message


def test_wrong_marks_name_the_right_commune() -> None:
    [(_, message)] = _commune("Phường Tam Thành")
    assert "là “Phường Tam Thanh”, không phải “Phường Tam Thành”" in message


def test_misspelt_commune_gets_a_suggestion() -> None:
    [(_, message)] = _commune("Phường Tam Thnah")
    assert "không có “Phường Tam Thnah” trong các xã, phường, đặc khu của Tỉnh Lạng Sơn" in message
    assert "Có phải là “Phường Tam Thanh”?" in message
    assert "truoc_day" in message


def test_commune_of_another_province_says_where_it_is() -> None:
    [(_, message)] = _commune("Phường Hồng Bàng")
    assert "Thành phố Hải Phòng" in message


def test_former_province_and_district_addresses_are_left_to_other_rules() -> None:
    assert _commune("Xã Không Có Thật", "Tỉnh Bắc Giang") == []
    with_district = [{"dat": "noi_dang_ky_khai_sinh.xa", "gia_tri": "Xã Không Có Thật"},
                     {"dat": "noi_dang_ky_khai_sinh.huyen", "gia_tri": "Thành phố Lạng Sơn"}]
    assert hits("xa-khong-co-trong-tinh", with_district) == []


def test_every_province_of_the_commune_list_is_one_of_the_34() -> None:
    from hoso.form.places import communes

    table = communes()
    assert len(table.names) == 34
    assert sum(len(names) for _official, names in table.names.values()) == 3321
    assert table.in_province(next(iter(table.names)))
