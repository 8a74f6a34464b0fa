"""The dossier loader: data as text, positions, and one located finding per problem kind."""

from __future__ import annotations

import os
import runpy
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from hoso.findings import Severity
from hoso.load import MAX_BYTES, MAX_DEPTH, MAX_ITEMS, Loaded, load_bytes, load_file

# Hypothesis's pytest plugin caches files under ./.hypothesis while collecting; tests never write
# into the repository, so its storage goes to the temporary directory unless set already.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "hoso-hypothesis")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "load"
SAMPLE_DOSSIER = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"


def load(text: str | bytes) -> Loaded:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "ho-so.yaml")


def located(loaded: Loaded) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in loaded.findings]


def only(loaded: Loaded, code: str) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in loaded.findings if f.code == code]


def message(loaded: Loaded, code: str) -> str:
    return next(f.message for f in loaded.findings if f.code == code)


# ---- data and positions


def test_every_scalar_stays_text_and_only_null_and_bool_are_typed() -> None:
    loaded = load(
        "ngay_sinh: 2026-03-26\n"
        "thang: 2016-09\n"
        "so_can_cuoc: 020099004517\n"
        "nam_sinh: 1968\n"
        "he_so: 1.50\n"
        "bat: 0x1F\n"
        "gio: 12:30\n"
        "ghi_chu: ~\n"
        "trong:\n"
        "khong: null\n"
        "co: yes\n"
        "dung: True\n"
        "tat: off\n"
        "chu: 'yes'\n"
        "1968: khóa số\n"
        "no: khóa bool\n"
        "danh_sach: [1968, 2026-03-26, false, null, '']\n"
    )
    assert loaded.ok, loaded.findings
    assert loaded.data == {
        "ngay_sinh": "2026-03-26",
        "thang": "2016-09",
        "so_can_cuoc": "020099004517",
        "nam_sinh": "1968",
        "he_so": "1.50",
        "bat": "0x1F",
        "gio": "12:30",
        "ghi_chu": None,
        "trong": None,
        "khong": None,
        "co": True,
        "dung": True,
        "tat": False,
        "chu": "yes",
        "1968": "khóa số",
        "no": "khóa bool",
        "danh_sach": ["1968", "2026-03-26", False, None, ""],
    }


def test_positions_of_nested_values_and_keys_count_characters() -> None:
    loaded = load(
        "ho_ten: Hoàng Đồng\n"           # 1
        "que_quan:\n"                     # 2
        "  xã: Phường Tam Thanh\n"        # 3
        "gia_dinh:\n"                     # 4
        "  - quan_he: bố\n"               # 5
        "    nam_sinh: \"1968\"\n"        # 6
        "  - {quan_he: mẹ, ghi_chú: [Đã mất, Lạng Sơn]}\n"  # 7
    )
    assert loaded.ok
    pos, keys = loaded.positions, loaded.key_positions
    assert pos[()] == (1, 1)
    assert pos[("ho_ten",)] == (1, 9)
    assert pos[("que_quan",)] == (3, 3)
    assert pos[("que_quan", "xã")] == (3, 7)
    assert keys[("que_quan", "xã")] == (3, 3)
    assert pos[("gia_dinh",)] == (5, 3)
    assert pos[("gia_dinh", 0)] == (5, 5)
    assert pos[("gia_dinh", 0, "nam_sinh")] == (6, 15)
    assert keys[("gia_dinh", 0, "nam_sinh")] == (6, 5)
    assert pos[("gia_dinh", 1)] == (7, 5)
    assert keys[("gia_dinh", 1, "ghi_chú")] == (7, 19)
    assert pos[("gia_dinh", 1, "ghi_chú", 1)] == (7, 37)
    assert loaded.locate(("gia_dinh", 0, "nam_sinh")) == (6, 15)
    assert loaded.locate(("gia_dinh", 0, "khong_co", 3)) == (5, 5)  # nearest ancestor
    assert loaded.locate(("khong_co",)) == (1, 1)
    assert loaded.text is not None
    assert loaded.text.startswith("ho_ten")


def test_locate_without_positions_is_first_line() -> None:
    assert load(b"\xff").locate(("a", 1)) == (1, 1)


@pytest.mark.skipif(not SAMPLE_DOSSIER.exists(), reason="no sample dossier")
def test_the_sample_dossier_loads_cleanly() -> None:
    loaded = load_file(SAMPLE_DOSSIER, display="dossiers/ky-thuat/KT-2026-001.yaml")
    assert loaded.ok
    assert loaded.findings == []
    assert loaded.file == "dossiers/ky-thuat/KT-2026-001.yaml"
    assert loaded.data["so_can_cuoc"] == "020099004517"
    assert loaded.data["ngay_sinh"] == "1999-04-17"


# ---- one test per finding kind


def test_yaml_syntax_missing_colon_points_at_the_key() -> None:
    loaded = load("ho_ten: An\nngay_sinh 1999\ndan_toc: Tày\n")
    assert located(loaded) == [("yaml-cu-phap", 2, 1)]
    msg = message(loaded, "yaml-cu-phap")
    assert "thiếu dấu hai chấm" in msg
    assert msg.endswith("[while scanning a simple key: could not find expected ':']")
    assert loaded.data is None
    assert not loaded.ok


def test_yaml_syntax_uneven_indentation() -> None:
    loaded = load("que_quan:\n  xa: A\n tinh: B\n")
    assert located(loaded) == [("yaml-cu-phap", 3, 2)]
    assert "thụt lề không đều" in message(loaded, "yaml-cu-phap")


def test_yaml_syntax_unclosed_quote_points_at_the_opening_quote() -> None:
    loaded = load("a: 1\nb: \"chưa đóng\nc: 2\n")
    assert located(loaded) == [("yaml-cu-phap", 2, 4)]
    assert "ngoặc" in message(loaded, "yaml-cu-phap")


def test_yaml_syntax_still_reports_the_text_checks() -> None:
    loaded = load("a:\tx\nb c\n")
    assert {code for code, _, _ in located(loaded)} == {"ky-tu-tab", "yaml-cu-phap"}


def test_duplicate_key_at_second_occurrence_names_the_first_line() -> None:
    loaded = load("ho_ten: An\ndan_toc: Tày\nque_quan:\n  xa: A\n  xa: B\ndan_toc: Kinh\n")
    assert located(loaded) == [("khoa-trung-lap", 5, 3), ("khoa-trung-lap", 6, 1)]
    first, second = loaded.findings
    assert "“xa”" in first.message
    assert "dòng 4" in first.message
    assert "“dan_toc”" in second.message
    assert "dòng 2" in second.message
    assert second.path == ("dan_toc",)
    assert loaded.data["dan_toc"] == "Tày"  # the first one is kept, nothing merged silently
    assert loaded.positions[("dan_toc",)] == (2, 10)


def test_anchor_and_alias_are_refused_where_they_are() -> None:
    loaded = load("a: &ten Hoàng\nb: *ten\nc:\n  - [x, *ten]\n")
    assert located(loaded) == [("yaml-bi-danh", 1, 4), ("yaml-bi-danh", 2, 4),
                               ("yaml-bi-danh", 4, 9)]
    assert [f.path for f in loaded.findings] == [("a",), ("b",), ("c", 0, 1)]
    assert loaded.data == {"a": "Hoàng", "b": None, "c": [["x", None]]}


def test_undefined_alias_is_refused() -> None:
    loaded = load("a: 1\nb: *khong_co\n")
    assert located(loaded) == [("yaml-bi-danh", 2, 4)]
    assert loaded.data is None


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a: &a ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    loaded = load("\n".join(lines) + "\n")
    assert not loaded.ok
    assert only(loaded, "yaml-bi-danh")[0] == (1, 4)
    assert len(loaded.findings) == 21  # 20 listed, then one summary
    assert "Còn" in loaded.findings[-1].message
    assert loaded.data["j"] == [None] * 9


def test_tab_is_located_once_per_line() -> None:
    loaded = load("ho_ten: An\nque_quan:\n\txa: A\t# tab\ndan_toc:\tTày\n")
    assert located(loaded) == [("ky-tu-tab", 3, 1), ("ky-tu-tab", 4, 9)]
    # still read, with the problem reported: the tab is a separator here
    assert loaded.data == {"ho_ten": "An", "que_quan": {"xa": "A"}, "dan_toc": "Tày"}


def test_bom_is_reported_and_the_rest_is_read() -> None:
    loaded = load(b"\xef\xbb\xbfho_ten: An\ndan_toc: T\xc3\xa0y\n")
    assert located(loaded) == [("co-bom", 1, 1)]
    assert loaded.data == {"ho_ten": "An", "dan_toc": "Tày"}
    assert loaded.positions[("ho_ten",)] == (1, 9)  # the BOM is not a column


@pytest.mark.parametrize(("name", "code", "line", "col", "shown"), [
    ("tcvn3.yaml", "ma-hoa-tcvn3", 2, 21, "ho_ten_khai_sinh: Hoàng Thị Hạnh"),
    ("vni.yaml", "ma-hoa-vni", 2, 22, "ho_ten_khai_sinh: Hoàng Thị Hạnh"),
    ("cp1258.yaml", "ma-hoa-windows-1258", 2, 22, "ho_ten_khai_sinh: Hoàng Thị Hạnh"),
    # UTF-8 text before the first TCVN3 byte: the column counts characters, not bytes
    ("mixed-tcvn3.yaml", "ma-hoa-tcvn3", 2, 31, "ho_ten_khai_sinh: Nguyễn Văn Hạnh ở Lạng Sơn"),
])
def test_legacy_vietnamese_encoding_is_named(name: str, code: str, line: int, col: int,
                                             shown: str) -> None:
    loaded = load_file(FIXTURES / name)
    assert located(loaded) == [(code, line, col)]
    msg = loaded.findings[0].message
    assert f"“{shown}”" in msg  # decoded with the guessed table: the user sees their text
    assert "UTF-8" in msg
    assert "Công cụ chuyển mã" in msg
    assert loaded.data is None
    assert loaded.text is None
    assert not loaded.ok


def test_legacy_encoding_fixtures_hold_the_expected_bytes() -> None:
    assert b"Ho\xb5ng Th\xde H\xb9nh" in (FIXTURES / "tcvn3.yaml").read_bytes()
    assert b"Hoa\xf8ng Th\xf2 Ha\xefnh" in (FIXTURES / "vni.yaml").read_bytes()
    assert b"Hoa\xccng Thi\xf2 Ha\xf2nh" in (FIXTURES / "cp1258.yaml").read_bytes()
    assert b"Vie\xe4t" not in (FIXTURES / "vni.yaml").read_bytes()
    assert b"vie\xe3n" in (FIXTURES / "vni.yaml").read_bytes()  # viễn: e + circumflex-ngã


def test_legacy_encoding_fixtures_are_up_to_date() -> None:
    script = runpy.run_path(str(FIXTURES / "make_fixtures.py"))  # no bytecode written
    for name, data in script["build"]().items():
        assert (FIXTURES / name).read_bytes() == data, f"run make_fixtures.py: {name}"


def test_other_legacy_encoding_is_unknown() -> None:
    loaded = load_file(FIXTURES / "cp1251.yaml")
    assert located(loaded) == [("ma-hoa-khong-ro", 2, 7)]
    assert loaded.data is None


def test_utf16_is_named() -> None:
    loaded = load_file(FIXTURES / "utf16.yaml")
    assert located(loaded) == [("ma-hoa-khong-ro", 1, 1)]
    assert "UTF-16" in loaded.findings[0].message
    assert loaded.data is None


def test_legacy_encoding_still_reports_other_problems() -> None:
    loaded = load(b"a: Ho\xb5ng\na: x\n")
    assert located(loaded) == [("ma-hoa-tcvn3", 1, 6), ("khoa-trung-lap", 2, 1)]
    assert loaded.data is None


def test_decomposed_unicode_is_located_per_line() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    loaded = load(f"ho_ten: {decomposed} Văn An\nghi_chu: ok\nx: Tie\u0302\u0301n\n")
    # at the first character that differs from NFC: the "e" carrying the separate marks
    assert located(loaded) == [("unicode-chua-chuan-hoa", 1, 13),
                               ("unicode-chua-chuan-hoa", 3, 6)]
    assert "“Nguyễn”" in loaded.findings[0].message
    assert "dựng sẵn" in loaded.findings[0].message
    assert "“Tiến”" in loaded.findings[1].message
    assert loaded.data["x"] == "Tie\u0302\u0301n"  # reported, not silently normalised


def test_decomposed_unicode_lists_twenty_lines_then_a_summary() -> None:
    text = "".join(f"k{i}: Vie\u0323\u0302t\n" for i in range(25))
    loaded = load(text)
    assert len(loaded.findings) == 21
    assert located(loaded)[:2] == [("unicode-chua-chuan-hoa", 1, 7),
                                   ("unicode-chua-chuan-hoa", 2, 7)]
    summary = loaded.findings[-1]
    assert (summary.code, summary.line, summary.col) == ("unicode-chua-chuan-hoa", 21, 8)
    assert "Còn 5 chỗ" in summary.message


def test_oversized_bytes_are_refused_without_parsing() -> None:
    loaded = load(b"a: [" + b"1," * (MAX_BYTES // 2) + b"]")
    assert located(loaded) == [("tep-qua-lon", 1, 1)]
    assert loaded.data is None


def test_50_mb_file_is_refused_from_its_size(tmp_path: Path) -> None:
    big = tmp_path / "lon.yaml"
    with big.open("wb") as fh:
        fh.truncate(50_000_000)
    started = time.perf_counter()
    loaded = load_file(big)
    elapsed = time.perf_counter() - started
    assert located(loaded) == [("tep-qua-lon", 1, 1)]
    assert "50.000.000 byte" in loaded.findings[0].message
    print(f"50 MB file refused in {elapsed * 1000:.2f} ms")


@pytest.mark.parametrize("raw", ["", "\n\n  \n", "# chỉ có chú thích\n# nữa\n", "---\n"])
def test_empty_file(raw: str) -> None:
    loaded = load(raw)
    assert located(loaded) == [("tep-rong", 1, 1)]
    assert loaded.data is None


def test_bom_only_file_is_empty_too() -> None:
    assert located(load(b"\xef\xbb\xbf")) == [("co-bom", 1, 1), ("tep-rong", 1, 1)]


NOT_A_DOSSIER = "Hồ sơ phải là một bảng các mục (khóa: giá trị) của Mẫu 2-KNĐ"


# Issue 19, item 1: a file that is only `~` passed `hoso check`. Every top level that is not a
# mapping is an error of the loader now; the empty file and the extra documents keep their codes.
@pytest.mark.parametrize(("raw", "finding"), [
    ("~", ("khong-phai-ho-so", 1, 1)),
    ("null", ("khong-phai-ho-so", 1, 1)),
    ("", ("tep-rong", 1, 1)),
    ("# chỉ có chú thích\n# nữa\n", ("tep-rong", 1, 1)),
    ("42", ("khong-phai-ho-so", 1, 1)),
    ("- a", ("khong-phai-ho-so", 1, 1)),
    ("a: 1\n---\nb: 2\n", ("nhieu-tai-lieu", 2, 1)),
], ids=["tilde", "null", "empty", "comments", "number", "list", "two-documents"])
def test_a_top_level_that_is_not_a_mapping_is_an_error(raw: str,
                                                       finding: tuple[str, int, int]) -> None:
    loaded = load(raw)
    assert located(loaded) == [finding]
    assert not loaded.ok


@pytest.mark.parametrize(("raw", "line", "col", "found"), [
    ("~\n", 1, 1, "giá trị rỗng “~”"),
    ("null\n", 1, 1, "giá trị rỗng “null”"),
    ("# đầu tệp\n\n  Null\n", 3, 3, "giá trị rỗng “Null”"),
    ("--- ~\n", 1, 5, "giá trị rỗng “~”"),
    ("42\n", 1, 1, "một giá trị đơn lẻ “42”"),
    ("yes\n", 1, 1, "một giá trị đơn lẻ “yes”"),
    ("''\n", 1, 1, "một chuỗi chữ rỗng"),
    ("Họ và tên Hoàng Minh Khôi, sinh ngày 17 tháng 4 năm 1999\n", 1, 1,
     "một giá trị đơn lẻ “Họ và tên Hoàng Minh Khôi, sinh ngày 17…”"),
    ("|\n  dòng một\n  dòng hai\n", 1, 1, "một giá trị đơn lẻ “dòng một…”"),
    ("- mau: 2-KNĐ\n- ho_ten: An\n", 1, 1, "một danh sách (các dòng bắt đầu bằng dấu “- ”)"),
    ("[a, b]\n", 1, 1, "một danh sách viết trong ngoặc vuông “[…]”"),
    ("[]\n", 1, 1, "một danh sách rỗng “[]”"),
], ids=["tilde", "null", "after-comments", "explicit-document", "number", "boolean", "quoted-empty",
        "long-text", "block-text", "list", "flow-list", "empty-list"])
def test_not_a_dossier_names_what_the_file_has(raw: str, line: int, col: int, found: str) -> None:
    loaded = load(raw)
    assert located(loaded) == [("khong-phai-ho-so", line, col)]
    message = loaded.findings[0].message
    assert message.startswith(NOT_A_DOSSIER + ", bắt đầu bằng dòng “mau: 2-KNĐ”")
    assert f"tệp này chỉ có {found}." in message


@pytest.mark.parametrize(("raw", "findings"), [
    (b"- a\n---\nb: [x\n", [("yaml-cu-phap", 4, 1)]),
    ("~\n".encode("utf-16"), [("ma-hoa-khong-ro", 1, 1)]),
], ids=["syntax-error", "utf-16"])
def test_not_a_dossier_is_not_added_to_a_graver_error(raw: bytes,
                                                      findings: list[tuple[str, int, int]]) -> None:
    # the first document's shape may be the syntax error's doing; a stand-in text's says nothing
    assert located(load(raw)) == findings


def test_other_yaml_files_may_have_any_top_level() -> None:
    loaded = load_bytes(b"~\n", "to-chuc.yaml", dossier=False)
    assert loaded.findings == []


def test_an_empty_mapping_is_left_to_the_schema() -> None:
    loaded = load("{}\n")
    assert loaded.findings == []
    assert loaded.data == {}


def _nested(levels: int) -> str:
    return "a: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n"


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert load(_nested(MAX_DEPTH)).ok


def test_too_deep_nesting() -> None:
    loaded = load(_nested(MAX_DEPTH + 1))
    # the root mapping is level 1; the 21st level is the innermost list, at column 3 + 20
    assert located(loaded) == [("qua-sau", 1, 3 + MAX_DEPTH)]


def test_nesting_beyond_libyaml_limit() -> None:
    loaded = load("[" * 5000 + "]" * 5000)
    assert [code for code, _, _ in located(loaded)] == ["qua-sau"]
    assert loaded.data is None


def test_too_many_items() -> None:
    items = "".join(f"  - {i}\n" for i in range(MAX_ITEMS + 1))
    loaded = load(f"ho_ten: An\nlich_su:\n{items}")
    assert located(loaded) == [("qua-nhieu-phan-tu", 3, 3)]
    assert load("lich_su:\n" + "".join(f"  - {i}\n" for i in range(MAX_ITEMS))).ok


@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: 1\n? [x, y]\n: 2\n", 2, 3),        # a list as key
    ("a: 1\n{x: 1}: 2\n", 2, 1),             # a mapping as key
    ("a: 1\n? b\n: 2\n", 2, 1),              # complex key, at the "?"
    ("a: 1\n~: 2\n", 2, 1),                  # null key
    ("a: 1\nnull: 2\n", 2, 1),
])
def test_key_that_is_not_a_plain_name(text: str, line: int, col: int) -> None:
    loaded = load(text)
    assert located(loaded) == [("khoa-khong-phai-chuoi", line, col)]


def test_quoted_key_is_a_name() -> None:
    assert load("\"ho_ten\": An\n'1968': x\n").data == {"ho_ten": "An", "1968": "x"}


@pytest.mark.parametrize(("text", "line", "col"), [
    ("ho_ten: An\x07\n", 1, 11),                     # C0
    ("ho_ten: An\ndan_toc: T\u0085ày\n", 2, 11),     # C1 (NEL)
    ("ho_ten: \u202eAn\n", 1, 9),                    # bidi override
    ("ho_ten: Lê\u200fVăn\n", 1, 11),                # right-to-left mark
    ("a: 1\nb: \"An\\u202e\"\n", 2, 4),              # made by an escape in double quotes
])
def test_control_characters(text: str, line: int, col: int) -> None:
    loaded = load(text)
    assert located(loaded) == [("ky-tu-dieu-khien", line, col)]
    assert loaded.data is not None  # the rest is still read


def test_several_documents() -> None:
    loaded = load("ho_ten: An\n---\nho_ten: Bình\n")
    assert located(loaded) == [("nhieu-tai-lieu", 2, 1)]
    assert loaded.data == {"ho_ten": "An"}


def test_explicit_tags_are_refused() -> None:
    loaded = load("a: !quan trọng\nb: !!str 12\nc: !!binary aGk=\n")
    assert located(loaded) == [("yaml-the", 1, 4), ("yaml-the", 3, 4)]
    assert loaded.data == {"a": "trọng", "b": "12", "c": "aGk="}


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    loaded = load_file(tmp_path / "khong-co.yaml", display="dossiers/x/khong-co.yaml")
    assert located(loaded) == [("khong-doc-duoc", 1, 1)]
    assert loaded.file == "dossiers/x/khong-co.yaml"
    assert "không tồn tại" in loaded.findings[0].message
    assert located(load_file(tmp_path)) == [("khong-doc-duoc", 1, 1)]


def test_findings_are_errors_with_vietnamese_messages() -> None:
    loaded = load("a: 1\na: 2\nb: \u202ex\nc:\td\n")
    assert loaded.findings
    for f in loaded.findings:
        assert f.severity is Severity.ERROR
        assert f.file == "ho-so.yaml"
        assert any(ch in f.message for ch in "ăâđêôơưáàạảãếềệểễ"), f.message
        assert "Traceback" not in f.message


# ---- never raises


def _check_never_raises(raw: bytes) -> None:
    loaded = load(raw)
    assert isinstance(loaded, Loaded)
    for f in loaded.findings:
        assert f.line >= 1, f
        assert f.col >= 1, f
        assert f.message
    _assert_plain(loaded.data)


def _assert_plain(value: Any, depth: int = 0) -> None:
    assert depth <= MAX_DEPTH + 1
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str)
            _assert_plain(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _assert_plain(v, depth + 1)
    else:
        assert value is None or isinstance(value, (str, bool))


# Text is built from code points rather than st.text(), whose Unicode cache would be written
# into the repository (.hypothesis/); the example database is off for the same reason.
_ANY_CHAR = st.integers(0, 0x10FFFF).filter(lambda c: not 0xD800 <= c <= 0xDFFF).map(chr)
_YAML_BITS = st.sampled_from([
    "\n", " ", "  ", "\t", ":", ": ", "- ", "? ", "[", "]", "{", "}", ",", "#", "&a ", "*a",
    "!x ", "!!str ", "'", '"', "\\", "|", ">", "---\n", "...\n", "~", "null", "yes", "a", "b",
    "ho_ten", "Nguyễn", "e\u0302\u0301", "\u202e", "\x00", "\x85", "\ufeff", "\u2028", "%",
    "@", "`", "1968", "2026-03-26",
])


@settings(database=None, max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    _check_never_raises(raw)


@settings(database=None, max_examples=300, deadline=None)
@given(st.lists(_ANY_CHAR, max_size=200).map("".join))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check_never_raises(text.encode("utf-8"))


@settings(database=None, max_examples=500, deadline=None)
@given(st.lists(_YAML_BITS, max_size=60).map("".join))
def test_yaml_like_text_never_raises(text: str) -> None:
    _check_never_raises(text.encode("utf-8"))
    _check_never_raises(b"\xef\xbb\xbf" + text.encode("utf-8"))
