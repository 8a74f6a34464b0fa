"""Every kind of change ``hoso diff`` tells, in its exact words, and every message a stage guard
gives. A reviewer reads these sentences instead of the YAML, so a swapped or dropped word is a bug.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hoso.form import Form, load_form
from hoso.workflow import stages
from hoso.workflow.diff.compare import Describer, compare_data, text_change

ROOT = Path(__file__).resolve().parents[1]
LONG = ("Từ tháng 9-2017 đến tháng 6-2022 học đại học tại Trường Đại học Bách khoa Hà Nội, "
        "ngành Kỹ thuật điện tử viễn thông, tốt nghiệp loại giỏi.")


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(ROOT / "schema" / "2-knd-2025.schema.json")


def changes(form: Form, old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c.item, c.text) for c in compare_data(old, new, form)]


# ------------------------------------------------------------------------------- long texts


def test_a_deleted_word_is_told_as_removed(form: Form) -> None:
    told = text_change(LONG, LONG.replace("ngành ", ""), Describer(form), None)
    assert told == "sửa nội dung: bỏ “ngành”"


def test_an_inserted_word_is_told_as_added(form: Form) -> None:
    told = text_change(LONG, LONG.replace("học đại học", "học đại học chính quy"),
                       Describer(form), None)
    assert told == "sửa nội dung: thêm “chính quy”"


def test_a_replaced_word_is_told_as_replaced(form: Form) -> None:
    told = text_change(LONG, LONG.replace("giỏi", "khá"), Describer(form), None)
    assert told == "sửa nội dung: thay “giỏi.” bằng “khá.”"


def test_more_than_three_edits_are_counted(form: Form) -> None:
    new = (LONG.replace("Từ", "Kể từ").replace("học đại học", "học")
           .replace("Bách khoa", "Bách Khoa").replace("ngành ", "").replace("giỏi", "khá"))
    told = text_change(LONG, new, Describer(form), None)
    assert told.startswith("sửa nội dung: ")
    assert told.count("; ") == 3
    assert told.endswith("; và 2 chỗ khác")


def test_whitespace_only_edits_are_named_as_such(form: Form) -> None:
    told = text_change(LONG, LONG.replace(" ", "  ", 3), Describer(form), None)
    assert told == "sửa khoảng trắng"


def test_short_texts_are_shown_whole(form: Form) -> None:
    assert text_change("Kỹ sư", "Kỹ sư điện tử", Describer(form), None) == (
        "sửa “Kỹ sư” thành “Kỹ sư điện tử”")


# ------------------------------------------------------------------------------- items


def test_filled_cleared_added_and_removed_items(form: Form) -> None:
    item = "Mục (2) Các tên gọi khác"
    assert changes(form, {"ten_goi_khac": ""}, {"ten_goi_khac": "Khôi"}) == [
        (item, "điền “Khôi”")]
    assert changes(form, {"ten_goi_khac": "Khôi"}, {"ten_goi_khac": ""}) == [
        (item, "xóa “Khôi”")]
    assert changes(form, {}, {"ten_goi_khac": "Khôi"}) == [(item, "thêm “Khôi”")]
    assert changes(form, {"ten_goi_khac": "Khôi"}, {}) == [
        (item, "bỏ mục này (trước đây: “Khôi”)")]


def test_table_rows_added_removed_edited_and_reordered(form: Form) -> None:
    a = {"tu": "2017-09", "den": "2022-06", "noi_dung": "Học đại học tại Hà Nội"}
    b = {"tu": "2022-07", "den": "nay", "noi_dung": "Kỹ sư tại Viễn thông Lạng Sơn"}
    item = "Mục (14) Lịch sử bản thân"
    assert changes(form, {"lich_su_ban_than": [a]}, {"lich_su_ban_than": [a, b]}) == [
        (item, "thêm dòng “tháng 7-2022 – nay: Kỹ sư tại Viễn thông Lạng Sơn”")]
    assert changes(form, {"lich_su_ban_than": [a, b]}, {"lich_su_ban_than": [b]}) == [
        (item, "bỏ dòng “tháng 9-2017 – 6-2022: Học đại học tại Hà Nội”")]
    edited = {**a, "noi_dung": "Học đại học tại Hà Nội, ngành điện tử"}
    [(where, text)] = changes(form, {"lich_su_ban_than": [a, b]},
                              {"lich_su_ban_than": [edited, b]})
    assert where == item
    assert text.startswith("sửa dòng “tháng 9-2017 – 6-2022: Học đại học tại Hà Nội, ngành")
    assert text.endswith("sửa “Học đại học tại Hà Nội” thành “Học đại học tại Hà Nội, ngành điện tử”")
    assert changes(form, {"lich_su_ban_than": [a, b]}, {"lich_su_ban_than": [b, a]}) != []


# ------------------------------------------------------------------------------- relatives


def _person(relation: str, born: str, job: str) -> dict[str, str]:
    return {"quan_he": relation, "ho_ten": "Nguyễn Văn An", "nam_sinh": born, "nghe_nghiep": job}


def test_two_relatives_with_one_name_are_told_apart_by_relation(form: Form) -> None:
    grandfather = _person("ong_noi", "1940", "Làm ruộng")
    brother = _person("anh_ruot", "1995", "Công nhân")
    old = {"gia_dinh": [grandfather, brother]}
    new = {"gia_dinh": [grandfather, {**brother, "nghe_nghiep": "Kỹ sư"}]}
    told = changes(form, old, new)
    assert told == [("Mục (21) Hoàn cảnh gia đình",
                     "sửa người thân “Anh ruột: Nguyễn Văn An (sinh năm 1995)”: "
                     "Nghề nghiệp: sửa “Công nhân” thành “Kỹ sư”")]


def test_a_relative_removed_beside_a_namesake_is_the_right_one(form: Form) -> None:
    grandfather = _person("ong_noi", "1940", "Làm ruộng")
    brother = _person("anh_ruot", "1995", "Công nhân")
    told = changes(form, {"gia_dinh": [grandfather, brother]}, {"gia_dinh": [brother]})
    assert told == [("Mục (21) Hoàn cảnh gia đình",
                     "bỏ người thân “Ông nội: Nguyễn Văn An (sinh năm 1940)”")]


# ------------------------------------------------------------------------------- stage guards


def test_moving_to_the_stage_the_dossier_is_at_says_so() -> None:
    with pytest.raises(stages.MoveNotAllowed) as info:
        stages.plan_move("ket_nap", "ket_nap")
    assert str(info.value) == ("Hồ sơ đã ở giai đoạn «Đã kết nạp». Có thể chuyển sang: "
                               "du_bi (Đảng viên dự bị).")


def test_moving_back_says_it_cannot_go_back() -> None:
    with pytest.raises(stages.MoveNotAllowed) as info:
        stages.plan_move("bieu_quyet", "tham_tra")
    assert str(info.value).startswith(
        "Không thể lùi về «Thẩm tra lý lịch» từ «Biểu quyết, đề nghị kết nạp»: ")


def test_a_return_from_a_stage_that_is_not_a_review_says_where_returns_are_allowed() -> None:
    with pytest.raises(stages.MoveNotAllowed) as info:
        stages.plan_move("du_bi", stages.TRA_LAI)
    text = str(info.value)
    assert text.startswith("Không thể trả lại hồ sơ đang ở giai đoạn «Đảng viên dự bị»: chỉ trả "
                           "lại được từ một giai đoạn xem xét (")
    assert "chi_uy_xem_xet" in text


def test_an_unknown_stage_is_named() -> None:
    with pytest.raises(stages.UnknownStage) as info:
        stages.plan_move("khai", "xet_duyet")
    assert "xet_duyet" in str(info.value)


def test_namesakes_edited_and_reordered_keep_their_own_changes(form: Form) -> None:
    grandfather = _person("ong_noi", "1940", "Làm ruộng")
    brother = _person("anh_ruot", "1995", "Công nhân")
    old = {"gia_dinh": [grandfather, brother]}
    new = {"gia_dinh": [{**brother, "nghe_nghiep": "Kỹ sư"},
                        {**grandfather, "nghe_nghiep": "Nghỉ hưu"}]}
    assert changes(form, old, new) == [
        ("Mục (21) Hoàn cảnh gia đình", "sửa người thân “Anh ruột: Nguyễn Văn An (sinh năm 1995)”: "
                                        "Nghề nghiệp: sửa “Công nhân” thành “Kỹ sư”"),
        ("Mục (21) Hoàn cảnh gia đình", "sửa người thân “Ông nội: Nguyễn Văn An (sinh năm 1940)”: "
                                        "Nghề nghiệp: sửa “Làm ruộng” thành “Nghỉ hưu”"),
    ]


# ------------------------------------------------------------------------------- votes


def _vote(yes: int, present: int, against: int, total: int = 15,
          how: str = "bo_phieu_kin") -> dict[str, str]:
    return {"tong_so": str(total), "co_mat": str(present), "tan_thanh": str(yes),
            "khong_tan_thanh": str(against), "hinh_thuc": how}


def _meeting(vote: dict[str, str], *where: str) -> dict[str, Any]:
    block: dict[str, Any] = {"ngay": "2026-06-18", "bieu_quyet": vote}
    for key in reversed(where):
        block = {key: block}
    return {"xet_ket_nap": block}


def test_a_changed_vote_is_told_as_ratios_with_the_threshold(form: Form) -> None:
    old = _meeting(_vote(8, 9, 1, total=10), "hop_chi_bo")
    new = _meeting(_vote(9, 10, 1, total=10), "hop_chi_bo")
    assert changes(form, old, new) == [(
        "Thông tin xét kết nạp",
        "Họp chi bộ xét kết nạp: Kết quả biểu quyết: tán thành 8/10 → 9/10; có mặt 9/10 → 10/10 "
        "(ít nhất 2/3 tổng số: đạt)")]


@pytest.mark.parametrize(("yes", "verdict"), [(10, "đạt"), (9, "KHÔNG ĐẠT")])
def test_the_chi_bo_threshold_at_exactly_two_thirds_and_one_short(
        form: Form, yes: int, verdict: str) -> None:
    old = _meeting(_vote(11, 14, 3), "hop_chi_bo")
    new = _meeting(_vote(yes, 14, 14 - yes), "hop_chi_bo")
    ((_, text),) = changes(form, old, new)
    assert text == (f"Họp chi bộ xét kết nạp: Kết quả biểu quyết: tán thành 11/15 → {yes}/15; "
                    f"không tán thành 3 → {14 - yes} (ít nhất 2/3 tổng số: {verdict})")


def test_a_vote_recorded_for_the_first_time_with_its_meeting(form: Form) -> None:
    new = _meeting(_vote(6, 7, 1, total=7, how="gio_the"), "du_bi", "hop_thuong_vu")
    assert changes(form, {"xet_ket_nap": {}}, new) == [
        ("Thông tin xét kết nạp", "Thời kỳ dự bị và công nhận chính thức: Ban thường vụ xét "
                                  "công nhận chính thức: thêm “Ngày họp: ngày 18-6-2026”"),
        ("Thông tin xét kết nạp", "Thời kỳ dự bị và công nhận chính thức: Ban thường vụ xét "
                                  "công nhận chính thức: Kết quả biểu quyết: tán thành 6/7, "
                                  "không tán thành 1, có mặt 7/7, giơ thẻ đảng viên (quá 1/2 tổng số: "
                                  "đạt)"),
    ]


def test_the_committee_vote_and_the_form_of_voting(form: Form) -> None:
    old = _meeting(_vote(8, 10, 2, total=11), "hop_dang_uy")
    new = _meeting(_vote(7, 10, 3, total=11, how="gio_the"), "hop_dang_uy")
    ((_, text),) = changes(form, old, new)
    assert text == ("Đảng ủy cơ sở xét, đề nghị kết nạp: Kết quả biểu quyết: tán thành 8/11 → "
                    "7/11; không tán thành 2 → 3; hình thức bỏ phiếu kín → giơ thẻ đảng viên "
                    "(ít nhất 2/3 tổng số: KHÔNG ĐẠT)")
