"""The DOCX and PDF of the fixed fixture, read back: booklet order, labels and values, page set-up,
draft mark, footer, finals, photo."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Length
from pypdf import PdfReader
from test_render_support import (
    FIXTURE_REL,
    docx_blocks,
    docx_part,
    in_order,
    make_kho,
    nfc,
    pdf_pages,
    squash,
)

from hoso.errors import UserError
from hoso.render import RenderReport, render_paths
from hoso.render.photo import resolve
from hoso.render.provenance import content_hash
from hoso.repo import Repo

pytestmark = pytest.mark.slow

# Every item of the fixture, label and value, in the booklet's order.
BOOKLET = [
    "Mẫu 2-KNĐ", "ĐẢNG CỘNG SẢN VIỆT NAM", "LÝ LỊCH", "CỦA NGƯỜI XIN VÀO ĐẢNG",
    "Họ và tên khai sinh: ĐINH THỊ THU HƯƠNG", "Họ và tên thường dùng: ĐINH THỊ THU HƯƠNG",
    "Ngày sinh: 5-11-1990", "Quê quán: xã Chi Lăng, tỉnh Lạng Sơn (trước đây là xã Đồng Bành",
    "Số lý lịch: 000901LS",
    "Ảnh 3x4", "SƠ LƯỢC LÝ LỊCH",
    "(1) Họ và tên khai sinh: ĐINH THỊ THU HƯƠNG",
    "(2) Các tên gọi khác: Không",
    "(3) Sinh ngày 5 tháng 11 năm 1990; Số căn cước: 020190011105",
    "(4) Giới tính: nữ",
    "(5) Nơi đăng ký khai sinh: xã Đồng Bành, huyện Chi Lăng, tỉnh Lạng Sơn",
    "(6) Quê quán: xã Chi Lăng, tỉnh Lạng Sơn",
    "(7) Nơi cư trú:",
    "- Nơi thường trú: Số 8, ngõ 3, đường Lê Lợi, tổ dân phố 2, phường Đông Kinh, tỉnh Lạng Sơn",
    "- Nơi tạm trú: Phòng 204, nhà C, khu tập thể Viễn thông, phường Lương Văn Tri",
    "(8) Dân tộc: Nùng; Quốc tịch: Việt Nam",
    "(9) Tôn giáo: Phật giáo",
    "(10) Nghề nghiệp hiện nay: Chuyên viên kinh doanh, viên chức",
    "(11) Trình độ hiện nay:",
    "- Giáo dục phổ thông: 12/12 phổ thông",
    "- Chuyên môn, nghiệp vụ: Cử nhân quản trị kinh doanh",
    "- Khoa học công nghệ: Không",
    "- Học vị cao nhất: Thạc sĩ quản trị kinh doanh",
    "- Học hàm cao nhất: Không",
    "- Lý luận chính trị: Trung cấp, không tập trung",
    "- Ngoại ngữ: Tiếng Anh, IELTS 6.5",
    "- Tin học: Chứng chỉ ứng dụng công nghệ thông tin nâng cao",
    "- Tiếng dân tộc thiểu số: Tiếng Nùng",
    "(12) Ngày và nơi kết nạp vào Đoàn Thanh niên Cộng sản Hồ Chí Minh: ngày 26-3-2006, tại "
    "Chi đoàn lớp 10C",
    "(13) Đối với người xin được kết nạp lại vào Đảng:",
    "- Ngày và nơi kết nạp vào Đảng Cộng sản Việt Nam lần thứ nhất: ngày 15-6-2012",
    "- Ngày và nơi công nhận chính thức lần thứ nhất: ngày 15-6-2013",
    "- Người giới thiệu vào Đảng lần thứ nhất: Trần Văn Bình, Bí thư Chi bộ Sinh viên",
    "Lê Thị Mai, Giảng viên",
    "- Ngày ra khỏi Đảng: ngày 1-3-2018; hình thức: Xin ra khỏi Đảng; lý do: Hoàn cảnh gia đình",
    "- Xin kết nạp lại lần thứ: 1",
    "- Văn bản đồng ý của ban thường vụ tỉnh ủy (thành ủy): số 123-CV/TU, ngày 1-12-2025",
    "(14) LỊCH SỬ BẢN THÂN",
    "Từ tháng 9-1996 đến tháng 8-2005: Học tiểu học và trung học cơ sở",
    "Từ tháng 9-2005 đến tháng 8-2008: Học trung học phổ thông",
    "(15) NHỮNG CÔNG VIỆC, CHỨC VỤ ĐÃ QUA",
    "Từ tháng, năm đến tháng, năm", "Làm việc gì, ở đâu", "Chức vụ",
    "9-2008 đến 6-2012", "Sinh viên ngành Quản trị kinh doanh", "Bí thư chi đoàn lớp",
    "7-2012 đến 12-2015", "Nhân viên kinh doanh", "Không",
    "1-2016 đến nay", "Chuyên viên kinh doanh, Phòng Kinh doanh, VNPT Lạng Sơn",
    "Tổ trưởng tổ khách hàng doanh nghiệp",
    "(16) ĐẶC ĐIỂM LỊCH SỬ",
    "Năm 2018 xin ra khỏi Đảng", "Không bị bắt, bị tù",
    "(17) NHỮNG LỚP ĐÀO TẠO, BỒI DƯỠNG ĐÃ QUA",
    "Ngành học hoặc tên lớp học", "Tên trường, cấp phụ trách", "Hình thức học",
    "Văn bằng, chứng chỉ, trình độ gì",
    "Quản trị kinh doanh", "Trường Đại học Thương mại", "Chính quy", "Bằng cử nhân",
    "9-2019 đến 6-2021", "Trường Đại học Kinh tế Quốc dân", "Vừa làm vừa học", "Bằng thạc sĩ",
    "(18) ĐI NƯỚC NGOÀI",
    "Nội dung đi", "Nước nào", "Cơ quan, đơn vị, tổ chức quyết định",
    "2-2023 đến 7-2023", "Học tập ngắn hạn về quản trị bán hàng", "Nhật Bản",
    "Tập đoàn Bưu chính Viễn thông Việt Nam",
    "(19) KHEN THƯỞNG", "Tháng, năm", "Lý do, hình thức", "Cấp quyết định",
    "12-2022", "Hoàn thành xuất sắc nhiệm vụ năm 2022; Bằng khen",
    "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
    "(20) KỶ LUẬT",
    "5-2014", "Bị xem xét nhưng không kỷ luật: Chậm nộp báo cáo doanh thu quý I năm 2014; "
    "Nhắc nhở, không kỷ luật",
    "(21) HOÀN CẢNH GIA ĐÌNH",
    "1. Ông, bà nội, ngoại", "Ông nội: Đinh Văn Lục, sinh năm 1930",
    "- Quê quán: xã Chi Lăng, tỉnh Lạng Sơn", "- Chỗ ở hiện nay: Đã mất",
    "- Nghề nghiệp: Nông dân", "- Tôn giáo: Không; Dân tộc: Nùng; Quốc tịch: Việt Nam",
    "- Lịch sử chính trị, thái độ chính trị: Làm ruộng",
    "- Đã mất năm 1999, tại xã Chi Lăng, tỉnh Lạng Sơn; lý do: Tuổi già",
    "2. Cha, mẹ đẻ", "Cha đẻ: Đinh Văn Sơn, sinh năm 1960", "- Nơi sinh: xã Đồng Bành",
    "- Thành phần giai cấp: trong cải cách ruộng đất 1954: bần nông",
    "Mẹ đẻ: Hoàng Thị Lan, sinh năm 1963", "- Thành phần giai cấp:",
    "Chồng: Lương Văn Đạt, sinh năm 1988",
    "- Đảng viên: Đảng viên Chi bộ Công ty xây dựng số 1",
    "3. Anh, chị, em ruột", "Con đẻ: Lương Minh An, sinh năm 2016",
    "- Hoàn cảnh kinh tế: Sống cùng bố mẹ", "- Tiền án, tiền sự: Không",
    "(22) TỰ NHẬN XÉT",
    "Ưu điểm: Có lập trường tư tưởng vững vàng", "Khuyết điểm: Đôi khi còn nóng vội",
    "(23) CAM ĐOAN VÀ KÝ TÊN",
    "Tôi cam đoan đã khai đầy đủ, rõ ràng, trung thực và chịu trách nhiệm trước Đảng về những "
    "nội dung đã khai trong lý lịch",
    "Lạng Sơn, ngày 15 tháng 1 năm 2026", "NGƯỜI KHAI", "(Ký và ghi rõ họ tên)",
    "Đinh Thị Thu Hương",
    "(24) NHẬN XÉT CỦA CẤP ỦY, TỔ CHỨC ĐẢNG NƠI ĐẾN THẨM TRA LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG",
    "Người được thẩm tra: Đinh Thị Thu Hương (Bản thân người xin vào Đảng)",
    "Những nội dung đồng chí khai trong lý lịch là đúng sự thật.",
    "ngày 20 tháng 2 năm 2026", "T/M ĐẢNG ỦY PHƯỜNG ĐÔNG KINH", "PHÓ BÍ THƯ ĐẢNG ỦY",
    "(Ký tên, đóng dấu)", "Nguyễn Văn Hùng",
    "(25) NHẬN XÉT CỦA CHI ỦY HOẶC CỦA CHI BỘ (NƠI KHÔNG CÓ CHI ỦY)",
    "khai lý lịch trung thực, đầy đủ", "Lạng Sơn, ngày 2 tháng 3 năm 2026",
    "T/M CHI ỦY CHI BỘ KINH DOANH", "BÍ THƯ", "(Ký, ghi rõ họ tên)", "Nguyễn Thị Thanh",
    "(26) CHỨNG NHẬN CỦA CẤP ỦY CƠ SỞ HOẶC CẤP ỦY CẤP TRÊN TRỰC TIẾP",
    "là đúng sự thật; đủ điều kiện để xem xét kết nạp lại vào Đảng.",
    "Lạng Sơn, ngày 10 tháng 3 năm 2026", "T/M ĐẢNG ỦY", "BÍ THƯ", "(Ký tên, đóng dấu)",
    "Hà Văn Quang",
]


PINNED = date(2026, 3, 15)  # the day the rules judge the fixture as a final


def _variant(repo: Repo, code: str, *replacements: tuple[str, str]) -> Path:
    src = repo.root / FIXTURE_REL
    text = src.read_text(encoding="utf-8").replace("ma_ho_so: TT-2026-901", f"ma_ho_so: {code}")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    target = src.with_name(f"{code}.yaml")
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def kho(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return make_kho(tmp_path_factory.mktemp("kho"))


@pytest.fixture(scope="module")
def draft(kho: Repo) -> RenderReport:
    report = render_paths([kho.root / FIXTURE_REL], kho, kho.root / "build" / "nhap", jobs=1)
    assert report.exit_code() == 0, (report.errors, report.findings)
    return report


@pytest.fixture(scope="module")
def final(kho: Repo) -> RenderReport:
    report = render_paths([kho.root / FIXTURE_REL], kho, kho.root / "build" / "chinh-thuc",
                          final=True, jobs=1, on_date=PINNED)
    assert report.exit_code() == 0, (report.errors, report.findings)
    return report


def _out(report: RenderReport, fmt: str) -> Path:
    (outcome,) = report.outcomes
    return Path(outcome.outputs[fmt])


def test_outputs_are_named_by_cell_and_code(draft: RenderReport, kho: Repo) -> None:
    out = kho.root / "build" / "nhap"
    assert _out(draft, "docx") == out / "kinh-doanh" / "TT-2026-901.docx"
    assert _out(draft, "pdf") == out / "kinh-doanh" / "TT-2026-901.pdf"
    cache = out / ".hoso-cache" / "kinh-doanh"
    assert (cache / "TT-2026-901.md").is_file()
    assert (cache / "TT-2026-901.typ").is_file()
    assert not list(out.glob("kinh-doanh/*.md"))


def test_docx_holds_every_label_and_value_in_booklet_order(draft: RenderReport) -> None:
    text = "\n".join(docx_blocks(_out(draft, "docx")))
    assert in_order(nfc(text), BOOKLET) == []


def test_pdf_text_holds_them_with_diacritics(draft: RenderReport) -> None:
    text = squash("".join(pdf_pages(_out(draft, "pdf"))))
    assert in_order(text, [squash(s) for s in BOOKLET]) == []
    for word in ("Đảng", "Nùng", "Hương", "phường Đông Kinh", "trưởng", "Ưu điểm", "KỶ LUẬT"):
        assert squash(word) in text


def _mm(length: Length | None) -> float:
    assert length is not None
    return float(length.mm)


def test_docx_page_setup_and_fonts(draft: RenderReport) -> None:
    document = docx.Document(str(_out(draft, "docx")))
    (section,) = document.sections
    assert (round(_mm(section.page_width)), round(_mm(section.page_height))) == (210, 297)  # A4
    assert round(_mm(section.top_margin)) == 20
    assert round(_mm(section.bottom_margin)) == 20
    assert round(_mm(section.left_margin)) == 30
    assert round(_mm(section.right_margin)) == 15
    styles = docx_part(_out(draft, "docx"), "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults"):styles.index("</w:docDefaults>")]
    # Tinos (metric-compatible with Times New Roman), embedded: tests/test_render_docx_fonts.py
    assert 'w:ascii="Tinos"' in defaults
    assert "word/fonts/Tinos-Regular.odttf" in zipfile.ZipFile(_out(draft, "docx")).namelist()
    size = int(re.search(r'<w:sz w:val="(\d+)"', defaults).group(1))  # type: ignore[union-attr]
    assert 26 <= size <= 28  # 13–14 pt
    assert "Aptos" not in styles


def test_pages_follow_the_booklet(draft: RenderReport) -> None:
    document = docx_part(_out(draft, "docx"), "word/document.xml")
    assert document.count('<w:br w:type="page"/>') == 11
    pages = pdf_pages(_out(draft, "pdf"))
    starts = ["LÝ LỊCH", "SƠ LƯỢC LÝ LỊCH", "(14) LỊCH SỬ BẢN THÂN", "(15) NHỮNG CÔNG VIỆC",
              "(16) ĐẶC ĐIỂM LỊCH SỬ", "(17) NHỮNG LỚP ĐÀO TẠO", "(19) KHEN THƯỞNG",
              "(21) HOÀN CẢNH GIA ĐÌNH", "(22) TỰ NHẬN XÉT", "(24) NHẬN XÉT", "(25) NHẬN XÉT",
              "(26) CHỨNG NHẬN"]
    found = [next((i for i, p in enumerate(pages) if squash(s) in squash(p)), -1) for s in starts]
    assert -1 not in found
    assert found == sorted(found)
    assert len(set(found)) == len(found)
    assert "(18)" in pages[found[5]]
    assert "(20)" in pages[found[6]]
    assert "(23)" in pages[found[8]]


def test_draft_mark_and_footer_on_every_page(draft: RenderReport, kho: Repo) -> None:
    bam = content_hash((kho.root / FIXTURE_REL).read_bytes())[:8]
    pages = pdf_pages(_out(draft, "pdf"))
    assert len(pages) >= 12
    for i, page in enumerate(pages, start=1):
        assert "BẢN NHÁP" in page
        assert f"Mã hồ sơ TT-2026-901 · Trang {i}/{len(pages)} · chưa commit · {bam}" in page
    header = docx_part(_out(draft, "docx"), "word/header1.xml")
    assert "BẢN NHÁP" in header
    assert 'string="BẢN NHÁP"' in header
    footer = re.sub(r"<[^>]+>", "", docx_part(_out(draft, "docx"), "word/footer1.xml"))
    assert f"Mã hồ sơ TT-2026-901 · Trang  PAGE 1/ NUMPAGES 1 · chưa commit · {bam}" in footer
    document = docx_part(_out(draft, "docx"), "word/document.xml")
    assert 'r:id="rIdHosoHeader"' in document
    assert 'r:id="rIdHosoFooter"' in document


def test_final_has_no_draft_mark(final: RenderReport) -> None:
    pages = pdf_pages(_out(final, "pdf"))
    assert all("BẢN NHÁP" not in p for p in pages)
    assert all("Mã hồ sơ TT-2026-901 · Trang" in p for p in pages)
    assert "BẢN NHÁP" not in docx_part(_out(final, "docx"), "word/header1.xml")
    text = "\n".join(docx_blocks(_out(final, "docx")))
    assert in_order(nfc(text), BOOKLET) == []


def test_final_is_refused_before_the_official_copy(kho: Repo) -> None:
    early = _variant(kho, "TT-2026-902", ("\n  giai_doan: tham_tra\n", "\n  giai_doan: khai\n"))
    try:
        report = render_paths([early], kho, kho.root / "build" / "tu-choi", final=True,
                              on_date=PINNED)
        assert report.exit_code() == 1
        stage = next(f for f in report.findings if f.code == "chua-den-ban-chinh-thuc")
        assert stage.path == ("quy_trinh", "giai_doan")
        assert "Chép bản chính thức" in stage.message
        assert not (kho.root / "build" / "tu-choi" / "kinh-doanh").exists()
        # the same dossier prints as a draft
        draft = render_paths([early], kho, kho.root / "build" / "tu-choi", formats=["docx"])
        assert draft.exit_code() == 0
    finally:
        early.unlink()


def test_final_is_refused_when_the_rules_find_errors(kho: Repo) -> None:
    report = render_paths([kho.root / FIXTURE_REL], kho, kho.root / "build" / "qua-han",
                          final=True, on_date=date(2031, 1, 5))
    assert report.exit_code() == 1
    # the certificate of 20-11-2025 lapses after 60 months (the application does not, HD 06 §5.4)
    assert "chung-nhan-boi-duong-het-han" in {f.code for f in report.findings}
    assert not (kho.root / "build" / "qua-han" / "kinh-doanh").exists()


def test_schema_errors_refuse_drafts_and_finals(kho: Repo) -> None:
    bad = _variant(kho, "TT-2026-903", ("gioi_tinh: nữ", "gioi_tinh: Nữ giới"))
    try:
        for final_doc in (False, True):
            report = render_paths([bad], kho, kho.root / "build" / "loi", final=final_doc,
                                  on_date=PINNED)
            assert report.exit_code() == 1
            assert report.findings
            assert all(f.file.endswith("TT-2026-903.yaml")
                                           for f in report.findings)
            assert any("Mục (4)" in f.message for f in report.findings)
        assert not (kho.root / "build" / "loi" / "kinh-doanh").exists()
    finally:
        bad.unlink()


def _png(width: int = 3, height: int = 4) -> bytes:
    raw = b"".join(b"\x00" + b"\xc0\x30\x30" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def test_photo_inside_the_repository_is_printed(kho: Repo) -> None:
    (kho.root / "anh").mkdir(exist_ok=True)
    (kho.root / "anh" / "TT-2026-904.png").write_bytes(_png())
    with_photo = _variant(kho, "TT-2026-904",
                          ("so_ly_lich:", "anh: anh/TT-2026-904.png\nso_ly_lich:"))
    try:
        report = render_paths([with_photo], kho, kho.root / "build" / "anh", jobs=1)
        assert report.exit_code() == 0, report.findings

        with zipfile.ZipFile(_out(report, "docx")) as z:
            assert any(n.startswith("word/media/") for n in z.namelist())

        page = PdfReader(str(_out(report, "pdf"))).pages[1]
        assert len(page.images) == 1
        assert "Ảnh 3x4" not in pdf_pages(_out(report, "pdf"))[1]
        (outcome,) = report.outcomes
        assert outcome.deps
        assert outcome.deps[0][0] == "anh/TT-2026-904.png"
    finally:
        with_photo.unlink()


@pytest.mark.parametrize("value", ["../ngoai-kho.png", "/etc/hostname.png", "anh/lien-ket.png"])
def test_photo_outside_the_repository_is_refused(kho: Repo, value: str) -> None:
    outside = kho.root.parent / "ngoai-kho.png"
    outside.write_bytes(_png())
    (kho.root / "anh").mkdir(exist_ok=True)
    link = kho.root / "anh" / "lien-ket.png"
    if not link.is_symlink():
        link.symlink_to(outside)
    bad = _variant(kho, "TT-2026-905", ("so_ly_lich:", f'anh: "{value}"\nso_ly_lich:'))
    try:
        report = render_paths([bad], kho, kho.root / "build" / "anh-ngoai", jobs=1)
        assert report.exit_code() == 1
        messages = [f.message for f in report.findings]
        assert any("Ảnh 3x4" in m or "Mục ảnh" in m for m in messages), messages
        assert not (kho.root / "build" / "anh-ngoai" / "kinh-doanh").exists()
    finally:
        bad.unlink()


def test_photo_resolver_raises_a_user_error(kho: Repo) -> None:
    with pytest.raises(UserError, match="Mục ảnh"):
        resolve(kho.root, "../../etc/passwd.png")
    (kho.root / "gia.png").write_text("không phải ảnh", encoding="utf-8")
    with pytest.raises(UserError, match="không phải ảnh PNG hoặc JPEG"):
        resolve(kho.root, "gia.png")
