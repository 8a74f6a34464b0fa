"""Missing glyphs: the cmap reader, and a character the bundled fonts cannot draw stops the PDF
with a finding that names the item and the character."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render_support import FIXTURE_REL, ROOT, make_kho

from hoso.render import glyphs, render_paths
from hoso.repo import Repo

FONTS = ROOT / "templates" / "fonts"


def test_bundled_fonts_cover_vietnamese() -> None:
    chars = glyphs.charset(FONTS)
    sample = "ĐẢNG CỘNG SẢN VIỆT NAM đảng cộng sản việt nam ăâêôơư ắằẳẵặ ỹỷỵ – — “” … · ₫ №"
    assert glyphs.missing(sample, chars) == []
    # decomposed input is normalised before the check
    assert glyphs.missing("Nguye\u0302\u0303n", chars) == []


def test_missing_characters_are_found() -> None:
    chars = glyphs.charset(FONTS)
    assert glyphs.missing("a😀b𝔸c中😀", chars) == ["😀", "𝔸", "中"]
    assert glyphs.missing("x\u202ey\x07", chars) == ["\u202e", "\x07"]
    assert glyphs.describe("😀") == "U+1F600 (GRINNING FACE)"


def test_each_face_is_read() -> None:
    for face in glyphs.font_files(FONTS):
        table = glyphs.read_cmap(face.read_bytes())
        assert ord("ệ") in table
        assert ord("A") in table
        assert 0x1F600 not in table


def test_not_a_font() -> None:
    with pytest.raises(glyphs.FontFormatError):
        glyphs.read_cmap(b"\x00\x01\x00\x00\x00\x00")


def test_check_values_walks_every_printed_string() -> None:
    data = {"a": "ổn", "b": ["x", {"c": "y😀"}], "quy_trinh": {"ghi_chu": "😀"}}
    found = glyphs.check_values(data, glyphs.charset(FONTS), skip=["quy_trinh"])
    assert found == [(("b", 1, "c"), "😀")]


@pytest.mark.slow
def test_pdf_refused_with_item_and_character(tmp_path: Path) -> None:
    repo: Repo = make_kho(tmp_path / "kho")
    src = repo.root / FIXTURE_REL
    text = src.read_text(encoding="utf-8")
    text = text.replace("ten_goi_khac: Không", "ten_goi_khac: Hương 😀")
    text = text.replace("ho_ten: Lương Minh An", "ho_ten: Lương Minh 𝔸n")
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    report = render_paths([src], repo, out, jobs=1)
    assert report.exit_code() == 1
    by_path = {f.path: f for f in report.findings}
    assert set(f.code for f in report.findings) == {"ky-tu-khong-in-duoc"}
    name = by_path[("ten_goi_khac",)]
    assert "Mục (2) Các tên gọi khác" in name.message
    assert "U+1F600" in name.message
    assert name.line == text.splitlines().index("ten_goi_khac: Hương 😀") + 1
    child = next(f for p, f in by_path.items() if p[0] == "gia_dinh")
    assert "Mục (21) Hoàn cảnh gia đình" in child.message
    assert "Họ và tên" in child.message
    assert "U+1D538" in child.message
    assert not list(out.rglob("*.pdf"))
    assert not list(out.rglob("*.docx"))
    # a DOCX alone is still written: Word draws the character with a fallback font
    report = render_paths([src], repo, out, formats=["docx"], jobs=1)
    assert report.exit_code() == 0
    assert len(list(out.rglob("*.docx"))) == 1
