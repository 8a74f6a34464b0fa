"""``hoso import`` of 2-KNĐ files typed in Word versions hoso did not make: four real-life layouts
built here with python-docx, each with the values it must give, the dates it must report rather
than guess, and the blanks and leftovers it must list."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from hoso.errors import UserError
from hoso.load.encoding import _TCVN3_LETTERS
from hoso.repo import Repo
from hoso.word.importer import CODE_PERSON, Imported, import_docx
from hoso.word.normalise import CHANGED, EXACT, PERSON

TODAY = date(2026, 11, 27)
TCVN3 = {v: k for k, v in _TCVN3_LETTERS.items()}


def tcvn3(text: str) -> str:
    """``text`` as Word keeps it when typed with a TCVN3 (.VnTime) font."""
    return "".join(bytes([TCVN3[c]]).decode("cp1252") if c in TCVN3 else c for c in text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


FAMILY = [
    "- Cha đẻ: Lê Văn Bình, sinh năm 1965",
    "Quê quán: Xã Hoàng Đồng, tỉnh Lạng Sơn",
    "Chỗ ở hiện nay: Phường Tam Thanh, tỉnh Lạng Sơn",
    "Nghề nghiệp: Nông dân",
    "- Mẹ đẻ: Nông Thị Hoa, sinh năm 1968",
    "Nghề nghiệp: Nông dân",
]
HISTORY = [("Từ tháng 9-2012 đến tháng 6-2016", "Sinh viên Trường Đại học Nông Lâm Thái Nguyên", "Không"),
           ("7/2016 đến nay", "Nhân viên kỹ thuật, VNPT Lạng Sơn", "Tổ trưởng")]


def work_table(document: Any) -> None:
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Từ tháng, năm đến tháng, năm", "Làm việc gì, ở đâu",
                                                "Chức vụ"), strict=True):
        cell.text = text
    for row in HISTORY:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def dotted(document: Any) -> None:
    """The committee's own Word: numbered paragraphs, dotted leaders, tabs."""
    p = document.add_paragraph
    p("LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG")
    p("1. Họ và tên khai sinh: ……………… Lê Thị Mai")
    p("2. Các tên gọi khác: ............ không")
    p("3. Sinh ngày 14 tháng 8 năm 1994")
    p("4. Giới tính: Nữ")
    p("5. Nơi đăng ký khai sinh: xã Hoàng Đồng, thành phố Lạng Sơn, tỉnh Lạng Sơn")
    p("6. Quê quán: Phường Tam Thanh, tỉnh Lạng Sơn")
    p("7. Nơi cư trú:")
    p("- Nơi thường trú: Số 5, đường Lê Lợi, Phường Tam Thanh, Tỉnh Lạng Sơn")
    p("- Nơi tạm trú: Không")
    p("8. Dân tộc: Tày\t\tQuốc tịch: Việt Nam")
    p("9. Tôn giáo: Không")
    p("10. Nghề nghiệp hiện nay: Viên chức")
    p("11. Trình độ hiện nay:")
    p("- Giáo dục phổ thông: 12/12 phổ thông")
    p("12. Ngày và nơi kết nạp vào Đoàn Thanh niên Cộng sản Hồ Chí Minh: 26/3/2010, tại Chi đoàn "
      "lớp 10A2, Đoàn trường Trung học phổ thông Việt Bắc")
    p("13. Đối với người xin được kết nạp lại vào Đảng: Không")
    p("14. Lịch sử bản thân:")
    p("Từ tháng 9-2000 đến tháng 5-2012: Học phổ thông tại thành phố Lạng Sơn")
    p("15. Những công việc, chức vụ đã qua")
    work_table(document)
    p("16. Đặc điểm lịch sử: Không bị bắt, bị tù.")
    p("18. Đi nước ngoài: Không")
    p("20. Kỷ luật: Không")
    p("21. Hoàn cảnh gia đình:")
    for line in FAMILY:
        p(line)
    p("22. Tự nhận xét:")
    p("Ưu điểm: Nhiệt tình, trách nhiệm.")
    p("Khuyết điểm: Còn rụt rè.")
    p("23. Cam đoan và ký tên")
    p("Lạng Sơn, ngày 03/04/2026")


def two_columns(document: Any) -> None:
    """Label and value in a two-column table, numbers in their own column."""
    rows = [("1", "Họ và tên khai sinh", "LÊ THỊ MAI"), ("2", "Các tên gọi khác", "Không"),
            ("3", "Ngày sinh", "14/8/1994"), ("4", "Giới tính", "nữ"),
            ("5", "Nơi đăng ký khai sinh", "Xã Hoàng Đồng, Thành phố Lạng Sơn, Tỉnh Lạng Sơn"),
            ("6", "Quê quán", "Phường Tam Thanh, Tỉnh Lạng Sơn"),
            ("8", "Dân tộc", "Tày"), ("9", "Tôn giáo", ""),
            ("10", "Nghề nghiệp hiện nay", "Viên chức"),
            ("", "Ghi chú của người khai", "Đã nộp bản sao giấy khai sinh")]
    table = document.add_table(rows=0, cols=3)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph("(15) Những công việc, chức vụ đã qua")
    work_table(document)


def next_line(document: Any) -> None:
    """The booklet's "(N)" headings, the value on the line below, text in decomposed Unicode."""
    p = document.add_paragraph
    for heading, value in [("(1) Họ và tên khai sinh", nfd("LÊ THỊ MAI")),
                           ("(2) Các tên gọi khác", "Không"),
                           ("(3) Sinh ngày ... tháng ... năm ...", "14-8-1994"),
                           ("(4) Giới tính (nam, nữ)", "nữ"),
                           ("(8) Dân tộc", nfd("Tày")),
                           ("(10) Nghề nghiệp hiện nay", nfd("Viên chức")),
                           ("(16) Đặc điểm lịch sử", "Không bị bắt, bị tù."),
                           ("(23) Cam đoan và ký tên", "Lạng Sơn, ngày 10 tháng 2 năm 2026")]:
        p(heading)
        p(value)


def form_2022(document: Any) -> None:
    """The 2022 booklet's numbering and labels, district-level addresses, TCVN3 text."""
    p = document.add_paragraph
    p("01. Họ và tên đang dùng: LÊ THỊ MAI")
    p("02. Nam, nữ: Nữ")
    p("03. Họ và tên khai sinh: LÊ THỊ MAI")
    p("04. Các bí danh: Không")
    p("05. Sinh ngày: 14/08/1994")
    p("06. Nơi sinh: xã Hoàng Đồng, huyện Cao Lộc, tỉnh Lạng Sơn")
    p("07. Quê quán: " + tcvn3("phường Tam Thanh, thành phố Lạng Sơn, tỉnh Lạng Sơn"))
    p("09. Dân tộc: " + tcvn3("Tày"))
    p("10. Tôn giáo: Không")
    p("11. Nghề nghiệp hiện nay: Viên chức")
    p("13. Ngày và nơi vào Đoàn TNCS Hồ Chí Minh: 26-3-2010, Chi đoàn lớp 10A2")
    p("16. Những công tác và chức vụ đã qua")
    work_table(document)


LAYOUTS: dict[str, Callable[[Any], None]] = {
    "dotted": dotted, "two_columns": two_columns, "next_line": next_line, "form_2022": form_2022}

EXPECTED: dict[str, dict[str, Any]] = {
    "dotted": {
        "ho_ten_khai_sinh": "LÊ THỊ MAI", "ten_goi_khac": "Không", "ngay_sinh": "1994-08-14",
        "gioi_tinh": "nữ",
        "noi_dang_ky_khai_sinh": {"xa": "Xã Hoàng Đồng", "huyen": "Thành phố Lạng Sơn",
                                  "tinh": "Tỉnh Lạng Sơn"},
        "que_quan": {"xa": "Phường Tam Thanh", "tinh": "Tỉnh Lạng Sơn"},
        "noi_cu_tru": {"thuong_tru": {"chi_tiet": "Số 5, đường Lê Lợi", "xa": "Phường Tam Thanh",
                                      "tinh": "Tỉnh Lạng Sơn"}, "tam_tru": "Không"},
        "dan_toc": "Tày", "quoc_tich": "Việt Nam", "ton_giao": "Không", "nghe_nghiep": "Viên chức",
        "trinh_do": {"giao_duc_pho_thong": "12/12 phổ thông"},
        "doan_thanh_nien": {"ngay": "2010-03-26",
                            "noi": "Chi đoàn lớp 10A2, Đoàn trường Trung học phổ thông Việt Bắc"},
        "ket_nap_lai": "Không",
        "lich_su_ban_than": [{"tu": "2000-09", "den": "2012-05",
                              "noi_dung": "Học phổ thông tại thành phố Lạng Sơn"}],
        "cong_viec_chuc_vu": [
            {"tu": "2012-09", "den": "2016-06", "cong_viec": HISTORY[0][1], "chuc_vu": "Không"},
            {"tu": "2016-07", "den": "nay", "cong_viec": HISTORY[1][1], "chuc_vu": "Tổ trưởng"}],
        "dac_diem_lich_su": "Không bị bắt, bị tù.", "di_nuoc_ngoai": [], "ky_luat": [],
        "gia_dinh": [{"quan_he": "cha_de", "ho_ten": "Lê Văn Bình", "nam_sinh": "1965",
                      "que_quan": "Xã Hoàng Đồng, tỉnh Lạng Sơn",
                      "noi_o": "Phường Tam Thanh, tỉnh Lạng Sơn", "nghe_nghiep": "Nông dân"},
                     {"quan_he": "me_de", "ho_ten": "Nông Thị Hoa", "nam_sinh": "1968",
                      "nghe_nghiep": "Nông dân"}],
        "tu_nhan_xet": {"uu_diem": "Nhiệt tình, trách nhiệm.", "khuyet_diem": "Còn rụt rè."},
        "cam_doan": {"noi_viet": "Lạng Sơn", "ngay": "03/04/2026"},  # ambiguous: kept as typed
    },
    "two_columns": {
        "ho_ten_khai_sinh": "LÊ THỊ MAI", "ten_goi_khac": "Không", "ngay_sinh": "1994-08-14",
        "gioi_tinh": "nữ",
        "noi_dang_ky_khai_sinh": {"xa": "Xã Hoàng Đồng", "huyen": "Thành phố Lạng Sơn",
                                  "tinh": "Tỉnh Lạng Sơn"},
        "que_quan": {"xa": "Phường Tam Thanh", "tinh": "Tỉnh Lạng Sơn"},
        "dan_toc": "Tày", "nghe_nghiep": "Viên chức",
        "cong_viec_chuc_vu": EXPECTED_WORK if (EXPECTED_WORK := [
            {"tu": "2012-09", "den": "2016-06", "cong_viec": HISTORY[0][1], "chuc_vu": "Không"},
            {"tu": "2016-07", "den": "nay", "cong_viec": HISTORY[1][1], "chuc_vu": "Tổ trưởng"}])
        else [],
    },
    "next_line": {
        "ho_ten_khai_sinh": "LÊ THỊ MAI", "ten_goi_khac": "Không", "ngay_sinh": "1994-08-14",
        "gioi_tinh": "nữ", "dan_toc": "Tày", "nghe_nghiep": "Viên chức",
        "dac_diem_lich_su": "Không bị bắt, bị tù.",
        "cam_doan": {"noi_viet": "Lạng Sơn", "ngay": "2026-02-10"},
    },
    "form_2022": {
        "ho_ten_thuong_dung": "LÊ THỊ MAI", "gioi_tinh": "nữ", "ho_ten_khai_sinh": "LÊ THỊ MAI",
        "ten_goi_khac": "Không", "ngay_sinh": "1994-08-14",
        "noi_dang_ky_khai_sinh": {"xa": "Xã Hoàng Đồng", "huyen": "Huyện Cao Lộc",
                                  "tinh": "Tỉnh Lạng Sơn"},
        "que_quan": {"xa": "Phường Tam Thanh", "huyen": "Thành phố Lạng Sơn",
                     "tinh": "Tỉnh Lạng Sơn"},
        "dan_toc": "Tày", "ton_giao": "Không", "nghe_nghiep": "Viên chức",
        "doan_thanh_nien": {"ngay": "2010-03-26", "noi": "Chi đoàn lớp 10A2"},
        "cong_viec_chuc_vu": [
            {"tu": "2012-09", "den": "2016-06", "cong_viec": HISTORY[0][1], "chuc_vu": "Không"},
            {"tu": "2016-07", "den": "nay", "cong_viec": HISTORY[1][1], "chuc_vu": "Tổ trưởng"}],
    },
}


def build(tmp_path: Path, layout: str) -> Path:
    document = docx.Document()
    LAYOUTS[layout](document)
    path = tmp_path / f"{layout}.docx"
    document.save(str(path))
    return path


def run(repo_copy: Path, layout: str) -> tuple[Imported, dict[str, Any]]:
    path = build(repo_copy, layout)
    result = import_docx(Repo(repo_copy), path, code="KT-2026-080", chi_bo="ky-thuat",
                         today=TODAY)
    data = yaml.safe_load(result.target.read_text(encoding="utf-8"))
    return result, data


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_legacy_layout_gives_the_expected_values(repo_copy: Path, layout: str) -> None:
    result, data = run(repo_copy, layout)
    assert result.legacy
    for key, value in EXPECTED[layout].items():
        assert data.get(key) == value, key
    counts = result.outcome.counts
    total = counts[EXACT] + counts[CHANGED] + counts[PERSON]
    assert total > 0
    print(f"{layout}: {counts[EXACT]}/{total} exact, {counts[CHANGED]} normalised, "
          f"{counts[PERSON]} for a person")


def test_legacy_reports_ambiguous_dates_blanks_and_leftovers(repo_copy: Path) -> None:
    result, data = run(repo_copy, "dotted")
    person = [f.message for f in result.notes if f.code == CODE_PERSON]
    assert any("Mục (23)" in m and "ngày 3 tháng 4 hoặc ngày 4 tháng 3" in m for m in person)
    result, data = run(repo_copy, "two_columns")
    person = [f.message for f in result.notes if f.code == CODE_PERSON]
    assert any("Đã nộp bản sao giấy khai sinh" in m for m in person)  # kept, not dropped
    assert "Đã nộp bản sao giấy khai sinh" in result.target.read_text(encoding="utf-8")
    assert "ton_giao" not in data  # left blank: listed, and the checker asks for it
    assert any("Mục (9) Tôn giáo" in m and "để trống" in m for m in person)
    assert "ton_giao" in result.target.read_text(encoding="utf-8")


def test_legacy_reports_each_normalisation_with_its_word_place(repo_copy: Path) -> None:
    result, _ = run(repo_copy, "form_2022")
    changed = [f.message for f in result.notes if f.code != CODE_PERSON]
    assert any("bảng mã TCVN3" in m and "Mục (6) Quê quán" in m for m in changed)
    assert any("“Nam, nữ” (mẫu cũ)" in m for m in changed)
    assert any("cấp huyện" in m for m in changed)
    assert any("“14/08/1994” thành ngày 14-8-1994" in m for m in changed)
    assert all("trong tệp Word:" in m for m in changed)
    result, _ = run(repo_copy, "next_line")
    changed = [f.message for f in result.notes if f.code != CODE_PERSON]
    assert any("NFC" in m and "Mục (1)" in m for m in changed)


def test_legacy_file_needs_code_and_chi_bo(repo_copy: Path) -> None:
    path = build(repo_copy, "dotted")
    with pytest.raises(UserError, match="--ma MÃ_HỒ_SƠ và --chi-bo CHI_BỘ"):
        import_docx(Repo(repo_copy), path, today=TODAY)
