"""The pieces of rendering that need no external tool: escaping, dates, the template sandbox,
schema labels."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from hoso.escape import MdSafe
from hoso.escape import pandoc as escape
from hoso.escape import pandoc_paragraphs as paragraphs
from hoso.form import dates, load_form
from hoso.render.markdown import address, blank, make_env, person_name

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("ch", list(string.punctuation))
def test_every_ascii_punctuation_gets_a_backslash(ch: str) -> None:
    assert escape(f"a{ch}b") == f"a\\{ch}b"


def test_whitespace_that_could_start_a_block_is_collapsed() -> None:
    assert escape("  dòng 1\n\n    dòng 2\r\n\t- x\u2028y  ") == "dòng 1 dòng 2 \\- x y"


def test_nfc_and_non_strings() -> None:
    assert escape("Nguye\u0302\u0303n") == "Nguyễn"
    assert escape(None) == ""
    assert escape(1990) == "1990"
    assert escape(MdSafe("**đậm**")) == "**đậm**"
    with pytest.raises(TypeError):
        escape(["danh", "sách"])
    with pytest.raises(TypeError):
        escape(True)


def test_paragraphs_keep_blank_lines_and_escape_each() -> None:
    assert paragraphs("một *\n\nhai #") == "một \\*\n\nhai \\#"
    assert isinstance(paragraphs("x"), MdSafe)


@pytest.mark.parametrize(("value", "so", "ngay", "ntn"), [
    ("1999-04-17", "17-4-1999", "ngày 17-4-1999", "ngày 17 tháng 4 năm 1999"),
    ("2016-09", "9-2016", "tháng 9-2016", "tháng 9 năm 2016"),
    ("1962", "1962", "năm 1962", "năm 1962"),
    ("nay", "nay", "nay", "nay"),
])
def test_dates_print_like_the_form(value: str, so: str, ngay: str, ntn: str) -> None:
    assert dates.so(value) == so
    assert dates.ngay(value) == ngay
    assert dates.ngay_thang_nam(value) == ntn


def test_periods() -> None:
    assert dates.khoang("2017-09", "2022-06") == "9-2017 đến 6-2022"
    assert dates.khoang("2022-10", "nay") == "10-2022 đến nay"
    assert dates.khoang("2025-10", "2025-10") == "10-2025"
    assert dates.tu_den("2005-09", "2010-05") == "Từ tháng 9-2005 đến tháng 5-2010"
    assert dates.tu_den("2005", "2005") == "Năm 2005"


def test_address_and_names() -> None:
    assert address({"chi_tiet": "Số 1", "xa": "Xã A", "tinh": "Tỉnh B",
                    "truoc_day": "Xã C"}) == "Số 1, xã A, tỉnh B (trước đây là xã C)"
    abroad = {"quoc_gia": "Nhật Bản", "dia_chi": "1-2 Chiyoda, Tokyo"}
    assert address(abroad) == "1-2 Chiyoda, Tokyo, Nhật Bản"
    assert address("Không") == "Không"
    assert person_name("ĐINH THỊ THU HƯƠNG") == "Đinh Thị Thu Hương"
    assert blank("Không")
    assert blank([])
    assert blank(None)
    assert not blank({"a": 1})


def _render(source: str, **ctx: object) -> str:
    env = make_env(ROOT / "templates")
    return env.from_string(source).render(**ctx)


def test_every_expression_is_escaped_even_through_filters() -> None:
    out = _render("{{ x }}|{{ x | upper }}|{{ [x, x] | join(',') }}|{{ x ~ '!' }}", x="*a*")
    assert out == "\\*a\\*|\\*A\\*|\\*a\\*\\,\\*a\\*|\\*a\\*\\!"


def test_templates_are_sandboxed_and_strict() -> None:
    with pytest.raises(SecurityError):
        _render("{{ x.__class__.__mro__ }}", x="a")
    with pytest.raises(SecurityError):
        _render("{{ l.append(1) }}", l=[])
    with pytest.raises(UndefinedError):
        _render("{{ hs.khong_co }}", hs={})


def test_schema_labels() -> None:
    labels = load_form(ROOT / "schema" / "2-knd-2025.schema.json")
    assert labels.relations["cha_de"] == "Cha đẻ"
    assert labels.path_label(("gia_dinh", 3, "ho_ten")) == (
        "Mục (21) Hoàn cảnh gia đình › người thứ 4 › Họ và tên")
    assert labels.path_label(("gia_dinh", 0, "ho_ten"), {"gia_dinh": [{"quan_he": "cha_de"}]}) == (
        "Mục (21) Hoàn cảnh gia đình › người thứ 1 (Cha đẻ) › Họ và tên")
    assert labels.path_label(("que_quan", "xa")).startswith("Mục (6) Quê quán › ")
    groups = labels.family_groups([
        {"quan_he": "em_ruot", "ho_ten": "C"},
        {"quan_he": "me_de", "ho_ten": "B"},
        {"quan_he": "cha_de", "ho_ten": "A"},
        {"quan_he": "la_hoac", "ho_ten": "D"},
    ])
    assert [g.number for g in groups] == [1, 2, 3, 4]
    assert [p["ho_ten"] for _, p in groups[1].members] == ["A", "B"]
    assert groups[3].members[0][0] == "la_hoac"  # an unknown relationship is never dropped
