"""Issue 15, the printed 2-KNĐ: what a close review of every page found, one test per point.

The documents are read back (pypdf for the PDF's text layer, the DOCX's XML); layout questions
(a table row, a signature block across a page break) are asked of the PDF page by page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_render_support import (
    FIXTURE,
    FIXTURE_REL,
    ROOT,
    docx_part,
    make_kho,
    pdf_pages,
    squash,
)

from hoso.load import load_file
from hoso.render.api import render_paths
from hoso.render.document import Renderer
from hoso.render.markdown import signs_for
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions

VP = ROOT / "dossiers" / "van-phong" / "VP-2025-003.yaml"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(ROOT)


def _data(path: Path = VP) -> dict[str, Any]:
    data = load_file(path).data
    assert isinstance(data, dict)
    return data


# ---- 1. "T/M": the print owns the prefix, the data names the body


@pytest.mark.parametrize("value", ["Chi ủy", "T/M Chi ủy", "T/M CHI ỦY", "t/m chi ủy", "TM. Chi ủy",
                                   "Thay mặt Chi ủy", "  T / M   Chi ủy "])
def test_the_signature_line_has_one_on_behalf_prefix(value: str) -> None:
    assert signs_for(value) == "T/M CHI ỦY"


def test_no_block_prints_a_doubled_prefix(renderer: Renderer) -> None:
    data = _data()
    data["nhan_xet_chi_bo"] = {**data["nhan_xet_chi_bo"], "thay_mat": "T/M CHI ỦY"}
    data["chung_nhan_cap_uy"] = {**data["chung_nhan_cap_uy"], "thay_mat": "Đảng ủy"}
    markdown = renderer.markdown(data)
    assert "T\\/M T\\/M" not in markdown
    assert "T\\/M CHI ỦY" in markdown
    assert "T\\/M ĐẢNG ỦY" in markdown


def test_a_prefix_in_the_data_is_a_located_warning(tmp_path: Path) -> None:
    text = VP.read_text(encoding="utf-8").replace("thay_mat: Chi ủy", "thay_mat: T/M CHI ỦY")
    path = tmp_path / "VP-2025-003.yaml"
    path.write_text(text, encoding="utf-8")
    found = Checker(Repo(ROOT), CheckOptions()).check_loaded(load_file(path))
    hits = [f for f in found if f.code == "thay-mat-ghi-tm"]
    assert len(hits) == 1
    (hit,) = hits
    assert hit.severity.value == "cảnh báo"
    assert hit.path == ("nhan_xet_chi_bo", "thay_mat")
    assert hit.line == text.splitlines().index("  thay_mat: T/M CHI ỦY") + 1
    assert "Mục (25)" in hit.message
    assert "“CHI ỦY”" in hit.message


def test_the_schema_and_the_skeleton_say_who_owns_the_prefix() -> None:
    from hoso.form.schema import read_schema
    from hoso.new import skeleton

    schema = read_schema(ROOT / "schema" / "2-knd-2025.schema.json")
    for key in ("nhan_xet_chi_bo", "chung_nhan_cap_uy"):
        block = schema["properties"][key]["oneOf"][1]["properties"]["thay_mat"]
        assert not any(str(e).upper().startswith("T/M") for e in block["examples"])
        assert "Không ghi “T/M”" in block["description"]
    from datetime import date

    text = skeleton(schema, "KT-2026-010", "ky-thuat", date(2026, 3, 1))
    assert re.search(r"^#   thay_mat: \"\"  # ví dụ “Chi ủy”$", text, re.M)
    assert "bản in tự thêm “T/M”" in text
    yaml.safe_load(text)


# ---- rendering a variant of the fixture: layout is asked of the PDF page by page

LONG = ("làm việc tại phòng kỹ thuật, phụ trách vận hành mạng truy nhập quang, bảo dưỡng thiết bị "
        "trạm, hướng dẫn khách hàng doanh nghiệp sử dụng dịch vụ và lập báo cáo định kỳ hằng tháng")


def _variant(kho: Repo, code: str, change: Callable[[dict[str, Any]], None]) -> Path:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["ma_ho_so"] = code
    change(data)
    target = kho.root / FIXTURE_REL.with_name(f"{code}.yaml")
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _render(kho: Repo, path: Path, formats: str = "pdf,docx") -> dict[str, Path]:
    report = render_paths([path], kho, kho.root / "build" / path.stem, formats=formats, jobs=1,
                          use_cache=False)
    assert report.exit_code() == 0, (report.errors, report.findings)
    (outcome,) = report.outcomes
    return {fmt: Path(p) for fmt, p in outcome.outputs.items()}


@pytest.fixture(scope="module")
def kho(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return make_kho(tmp_path_factory.mktemp("kho"))


def _long_rows(data: dict[str, Any]) -> None:
    rows = []
    for i in range(1, 19):
        year = 2000 + i
        rows.append({"tu": f"{year}-01", "den": f"{year}-12",
                     "cong_viec": f"Mởđầu{i:02d} {LONG} {LONG} kếtthúc{i:02d}",
                     "chuc_vu": f"Chứcvụ{i:02d} tổ trưởng tổ kỹ thuật"})
    data["cong_viec_chuc_vu"] = rows


@pytest.fixture(scope="module")
def long_table(kho: Repo) -> dict[str, Path]:
    return _render(kho, _variant(kho, "TT-2026-902", _long_rows))


def test_a_table_row_never_splits_across_pdf_pages(long_table: dict[str, Path]) -> None:
    pages = [squash(p) for p in pdf_pages(long_table["pdf"])]
    table_pages = [n for n, p in enumerate(pages) if "Mởđầu" in p or "kếtthúc" in p]
    assert len(table_pages) >= 2, "the variant's table must run over a page break"
    for i in range(1, 19):
        marks = (f"Mởđầu{i:02d}", f"kếtthúc{i:02d}", f"Chứcvụ{i:02d}", f"1-{2000 + i}đến12-{2000 + i}")
        where = {m: [n for n, p in enumerate(pages) if m in p] for m in marks}
        assert all(len(v) == 1 for v in where.values()), where
        assert len({v[0] for v in where.values()}) == 1, f"row {i} split: {where}"
    for n in table_pages:  # the header repeats on every page the table runs onto
        assert squash("Làm việc gì, ở đâu") in pages[n]


def test_a_docx_table_row_never_splits_and_its_header_repeats(long_table: dict[str, Path]) -> None:
    xml = docx_part(long_table["docx"], "word/document.xml")
    rows = re.findall(r"<w:tr>(.*?)</w:tr>", xml, re.S)
    assert rows
    assert all(re.match(r"<w:trPr><w:cantSplit ?/>", r) for r in rows), rows[0][:120]
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    # every table of data repeats its header; the one-cell 3x4 photo box is a frame, not data
    data_tables = [t for t in tables if "Oanh" not in t]
    assert len(data_tables) == len(tables) - 1
    for table in data_tables:
        first = re.search(r"<w:tr>(.*?)</w:tr>", table, re.S)
        assert first is not None
        assert "<w:tblHeader" in first.group(1)


# ---- 3. A signature block stays with the end of what it signs

SIGNERS = ["Nguyễn Văn Một", "Trần Văn Hai", "Lê Văn Ba", "Phạm Văn Bốn", "Hoàng Văn Năm",
           "Vũ Văn Sáu", "Đỗ Văn Bảy", "Bùi Văn Tám", "Đặng Văn Chín"]
SENTENCE = ("Lời khai về năm sinh, quê quán, nơi ở, nghề nghiệp và quá trình công tác là đúng; "
            "chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước. ")


def _many_verifications(data: dict[str, Any]) -> None:
    rows = []
    for i, (name, size) in enumerate(zip(SIGNERS, (1, 3, 6, 2, 5, 8, 4, 7, 3), strict=True)):
        rows.append({"doi_tuong": "ban_than", "ho_ten_nguoi_duoc_tham_tra": "Đinh Thị Thu Hương",
                     "to_chuc": f"Đảng ủy phường Đông Kinh {i + 1}",
                     "noi_dung": SENTENCE * size + f"Hếtlời{i + 1}.",
                     "ngay": f"2026-02-{i + 10:02d}", "nguoi_ky": name,
                     "chuc_vu": "Phó Bí thư Đảng ủy", "dong_dau": True})
    data["tham_tra"] = rows


@pytest.fixture(scope="module")
def signed(kho: Repo) -> dict[str, Path]:
    return _render(kho, _variant(kho, "TT-2026-903", _many_verifications))


def test_a_signature_block_stays_with_the_end_of_its_text(signed: dict[str, Path]) -> None:
    pages = [squash(p) for p in pdf_pages(signed["pdf"])]
    for i, name in enumerate(SIGNERS):
        marks = (f"Đảngủyphường ĐôngKinh{i + 1}".replace(" ", ""), f"Hếtlời{i + 1}",
                 f"ngày{i + 10}tháng2năm2026", squash(name))
        where = {m: [n for n, p in enumerate(pages) if m in p] for m in marks}
        # the heading also appears in the T/M line: its last page is the signature's
        where[marks[0]] = where[marks[0]][-1:]
        assert all(len(v) == 1 for v in where.values()), where
        assert len({v[0] for v in where.values()}) == 1, f"block {i + 1} torn apart: {where}"
    # (23), (25), (26): the signer's name on the page of the text's last words
    text = "Tôicamđoanđãkhaiđầyđủ"
    assert [n for n, p in enumerate(pages) if text in p] == \
        [n for n, p in enumerate(pages) if "NGƯỜIKHAI" in p]


def test_the_docx_keeps_the_end_of_a_signed_text_with_its_signature(
        signed: dict[str, Path]) -> None:
    xml = docx_part(signed["docx"], "word/document.xml")
    styles = docx_part(signed["docx"], "word/styles.xml")
    style = re.search(r'<w:style [^>]*w:styleId="Liensau".*?</w:style>', styles, re.S)
    assert style is not None
    assert "<w:keepNext" in style.group(0)
    for i in range(len(SIGNERS)):
        para = re.search(r"<w:p>(?:(?!<w:p>).)*?Hếtlời" + str(i + 1), xml, re.S)
        assert para is not None
        assert '<w:pStyle w:val="Liensau"' in para.group(0)


# ---- 6. The PDF's text layer is the data: nothing inserted inside a value

LONG_WORDS = {
    "nghe_nghiep": "Quản trị hệ thống https://quantri.vnptlangson.example.vn/he-thong/tai-lieu-huong-dan",
    "ten_goi_khac": "Hương-Đinh-Thị-Thu-Hương-Kinh-Doanh-Lạng-Sơn-VNPT",
    "dac_diem_lich_su": "Liên hệ: dinhthithuhuong.kinhdoanh.vnptlangson@example.vn, số 0912345678.",
    "ton_giao": "Mãthamchiếu" + "0123456789" * 14,
}


@pytest.fixture(scope="module")
def long_words(kho: Repo) -> dict[str, Path]:
    return _render(kho, _variant(kho, "TT-2026-904", lambda d: d.update(LONG_WORDS)), "pdf")


def test_the_pdf_text_layer_equals_the_data(long_words: dict[str, Path]) -> None:
    text = "\n".join(pdf_pages(long_words["pdf"]))
    assert "\u200b" not in text
    invisible = [hex(ord(c)) for c in text if c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"]
    assert invisible == []
    flat = squash(text)
    for value in LONG_WORDS.values():
        assert squash(value) in flat
    # a word with no break opportunity of its own still breaks instead of running off the page
    lines = [ln for ln in text.splitlines() if "0123456789" in ln]
    assert len(lines) >= 2
    assert max(len(ln) for ln in lines) < 100


# ---- 4. Every signature's date line names a place, (24) as (23), (25), (26)


def _date_lines(markdown: str) -> list[str]:
    found = re.findall(r'::: \{custom-style="Ngày ký"\}\n(.*)\n:::', markdown)
    return [re.sub(r"\\(.)", r"\1", line) for line in found]  # the escapes of pandoc Markdown


@pytest.mark.parametrize("path", [VP, FIXTURE], ids=lambda p: p.stem)
def test_every_signature_date_line_names_a_place(renderer: Renderer, path: Path) -> None:
    data = _data(path)
    lines = _date_lines(renderer.markdown(data))
    # (23), (24) each, (25), (26) and its second paragraph (blank until written)
    assert len(lines) == 1 + len(data["tham_tra"]) + 3
    for line in lines:
        assert re.fullmatch(r"[^,]+, ngày \d{1,2} tháng \d{1,2} năm \d{4}", line) \
            or line == "……………, ngày …… tháng …… năm ……", line


def test_a_verification_prints_its_place_or_a_blank_for_it(renderer: Renderer) -> None:
    data = _data()
    first, second = data["tham_tra"][:2]
    data["tham_tra"] = [{**first, "noi_viet": "Thất Khê"},
                        {k: v for k, v in second.items() if k != "noi_viet"}]
    lines = _date_lines(renderer.markdown(data))
    assert lines[1] == "Thất Khê, ngày 8 tháng 7 năm 2025"
    assert lines[2] == "……………, ngày 22 tháng 7 năm 2025"


# ---- 5. Administrative nouns in lower case inside running text

UNIT_CAPITALISED = re.compile(
    r"(?:^|, |: |\(trước đây là )(?:Xã|Phường|Thị trấn|Đặc khu|Huyện|Quận|Thị xã|Thành phố|Tỉnh) "
    r"(?=[A-ZĐÀ-Ỹ0-9])", re.M)


# the lines that print an address (the cover, (5)–(7), the places of (21))
ADDRESS_LINES = ("Quê quán:", "(5) ", "(6) ", "- Nơi thường trú:", "- Nơi tạm trú:", "- Nơi sinh:",
                 "- Quê quán:", "- Chỗ ở hiện nay:", "- Đã mất năm")


@pytest.mark.parametrize("path", [*sorted((ROOT / "dossiers").rglob("*.yaml")), FIXTURE],
                         ids=lambda p: p.stem)
def test_addresses_print_the_unit_nouns_in_lower_case(renderer: Renderer, path: Path) -> None:
    markdown = re.sub(r"\\(.)", r"\1", renderer.markdown(_data(path)))
    lines = [ln for ln in markdown.splitlines() if ln.startswith(ADDRESS_LINES)]
    assert len(lines) >= 6
    assert [ln for ln in lines if UNIT_CAPITALISED.search(ln)] == []


def test_an_address_in_running_text() -> None:
    from hoso.render.markdown import address

    assert address({"xa": "Xã Tân Dĩnh", "tinh": "Tỉnh Bắc Ninh",
                    "truoc_day": "Xã Tân Dĩnh, Huyện Lạng Giang, Tỉnh Bắc Giang"}) == (
        "xã Tân Dĩnh, tỉnh Bắc Ninh (trước đây là xã Tân Dĩnh, huyện Lạng Giang, tỉnh Bắc Giang)")
    assert address({"chi_tiet": "Số 5, Tổ dân phố 2", "xa": "Phường 5",
                    "tinh": "Thành phố Hồ Chí Minh"}) == (
        "Số 5, Tổ dân phố 2, phường 5, thành phố Hồ Chí Minh")
    assert address("Xã hội chủ nghĩa") == "Xã hội chủ nghĩa"
    assert address("Không") == "Không"


# ---- 8. (21) asks each group what HD 38 asks; (26) has the committee directly above's paragraph


def _schema_findings(data: dict[str, Any], tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "VP-2025-003.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = Checker(Repo(ROOT), CheckOptions()).check_loaded(load_file(path))
    return [(f.code, ".".join(map(str, f.path))) for f in found if f.severity.value == "lỗi"]


def test_religion_ethnicity_and_nationality_are_asked_as_hd38_asks(tmp_path: Path) -> None:
    data = _data()
    people = data["gia_dinh"]
    groups = {"ong_noi": 1, "cha_de": 2, "em_ruot": 3, "con_de": 3}
    for person in people:
        if person["quan_he"] in ("ong_noi", "cha_de", "vo"):
            for key in ("ton_giao", "dan_toc", "quoc_tich"):
                person.pop(key, None)
    assert _schema_findings(data, tmp_path) == []
    sibling = next(i for i, p in enumerate(people) if groups.get(p["quan_he"]) == 3)
    del people[sibling]["quoc_tich"]
    assert _schema_findings(data, tmp_path) == [("thieu-muc", f"gia_dinh.{sibling}.quoc_tich")]


def test_the_print_leaves_out_what_a_relative_was_not_asked(renderer: Renderer) -> None:
    data = _data()
    grandfather = next(p for p in data["gia_dinh"] if p["quan_he"] == "ong_noi")
    for key in ("ton_giao", "dan_toc", "quoc_tich"):
        grandfather.pop(key, None)
    markdown = renderer.markdown(data)
    block = markdown.split(f"Ông nội\\: {grandfather['ho_ten']}", 1)[1].split(":::\n\n", 2)[1]
    assert "Tôn giáo" not in block
    assert "Quốc tịch" not in block
    assert "Quê quán" in block


def test_26_prints_the_committee_directly_above(renderer: Renderer) -> None:
    data = _data()
    markdown = renderer.markdown(data)
    tail = markdown.split("# (26)", 1)[1]
    assert "## Chứng nhận của cấp ủy cấp trên trực tiếp" in tail
    assert "T\\/M BAN THƯỜNG VỤ ĐẢNG ỦY" in tail
    assert tail.index("T\\/M ĐẢNG ỦY") < tail.index("T\\/M BAN THƯỜNG VỤ ĐẢNG ỦY")
    del data["chung_nhan_cap_uy"]["cap_tren"]
    blank = renderer.markdown(data).split("## Chứng nhận của cấp ủy cấp trên trực tiếp", 1)[1]
    assert "T\\/M ………………………" in blank
    data["chung_nhan_cap_uy"] = "Không"
    empty = renderer.markdown(data).split("# (26)", 1)[1]
    assert empty.count("T\\/M ………………………") == 2
