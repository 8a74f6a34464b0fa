"""The bundled fonts embedded in the DOCX (ECMA-376 Part 1 §17.8.1): obfuscation, the font table,
its relationships and the settings. LibreOffice reading them is tests/test_render_libreoffice.py."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from fontTools.ttLib import TTFont

from hoso.render import docx_fonts, glyphs
from hoso.render.docx import finish
from hoso.render.make_reference_docx import FONT

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "templates" / "fonts"
REFERENCE = ROOT / "templates" / "reference.docx"


def _finished(draft: bool = False) -> dict[str, bytes]:
    out = finish(REFERENCE.read_bytes(), code="TT-1", commit="abc1234", content_hash="0" * 12,
                 draft=draft, fonts_dir=FONTS)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_obfuscation_follows_the_guid_in_reverse_byte_order() -> None:
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(64)
    hidden = docx_fonts.obfuscate(data, key)
    reversed_guid = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert hidden[:32] == reversed_guid * 2
    assert hidden[32:] == data[32:]
    assert docx_fonts.obfuscate(hidden, key) == data


def test_font_key_is_a_guid_fixed_by_the_font() -> None:
    data = (FONTS / "Tinos-Regular.ttf").read_bytes()
    key = docx_fonts.font_key(data)
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", key)
    assert docx_fonts.font_key(data) == key
    assert docx_fonts.font_key(data + b"\0") != key


def test_every_bundled_font_is_embedded_and_reads_back() -> None:
    parts = _finished()
    table = parts["word/fontTable.xml"].decode()
    rels = parts["word/_rels/fontTable.xml.rels"].decode()
    entry = re.search(rf'<w:font w:name="{FONT}">(.*?)</w:font>', table, re.S)
    assert entry is not None
    assert table.count(f'<w:font w:name="{FONT}">') == 1
    embeds = re.findall(r'<w:(embed\w+) r:id="([^"]+)" w:fontKey="([^"]+)" w:subsetted="1" />',
                        entry.group(1))
    assert [e for e, _, _ in embeds] == ["embedRegular", "embedBold", "embedItalic",
                                         "embedBoldItalic"]
    for element, rel_id, key in embeds:
        target = re.search(rf'Id="{rel_id}" Type="[^"]+/font" Target="fonts/([^"]+)"', rels)
        assert target is not None, element
        ttf = docx_fonts.obfuscate(parts[f"word/fonts/{target.group(1)}"], key)
        font = TTFont(io.BytesIO(ttf))
        assert font["name"].getBestFamilyName() == FONT
        style = {"embedRegular": "Regular", "embedBold": "Bold", "embedItalic": "Italic",
                 "embedBoldItalic": "Bold Italic"}[element]
        assert font["name"].getBestSubFamilyName() == style
        whole = TTFont(FONTS / f"{FONT}-{style.replace(' ', '')}.ttf")
        # the face cut down: the same outlines for what it keeps
        cmap, whole_cmap = font.getBestCmap(), whole.getBestCmap()
        assert cmap[ord("ẫ")] == whole_cmap[ord("ẫ")]
        assert font["glyf"][cmap[ord("ẫ")]].getCoordinates(font["glyf"])[0] == \
            whole["glyf"][whole_cmap[ord("ẫ")]].getCoordinates(whole["glyf"])[0]
    assert 'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.' \
           'obfuscatedFont"' in parts["[Content_Types].xml"].decode()
    settings = parts["word/settings.xml"].decode()
    # CT_Settings sequence: embedTrueTypeFonts, embedSystemFonts, saveSubsetFonts
    assert settings.index("<w:embedTrueTypeFonts />") < settings.index("<w:embedSystemFonts") \
        < settings.index("<w:saveSubsetFonts />")


def test_styles_name_the_embedded_family_and_python_docx_opens_the_file() -> None:
    parts = _finished()
    styles = parts["word/styles.xml"].decode()
    assert f'w:ascii="{FONT}"' in styles
    assert "Times New Roman" not in styles
    out = finish(REFERENCE.read_bytes(), code="TT-1", commit="abc1234", content_hash="0" * 12,
                 draft=False, fonts_dir=FONTS)
    document = python_docx.Document(io.BytesIO(out))
    assert document.styles["Normal"] is not None


def test_same_fonts_give_the_same_bytes() -> None:
    a = finish(REFERENCE.read_bytes(), code="TT-1", commit="c", content_hash="h", draft=True,
               fonts_dir=FONTS)
    b = finish(REFERENCE.read_bytes(), code="TT-1", commit="c", content_hash="h", draft=True,
               fonts_dir=FONTS)
    assert a == b


def _finish(**kw: object) -> bytes:
    return finish(REFERENCE.read_bytes(), code="TT-1", commit="abc1234", content_hash="0" * 12,
                  draft=False, fonts_dir=FONTS, **kw)  # type: ignore[arg-type]


def test_the_fonts_are_cut_down_deflated_once_and_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2.2 MB of fonts: a DOCX carries them cut down to the Latin and Vietnamese letters and
    # deflated (about 0.3 MB), made once and kept in the user's cache folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts = docx_fonts.bundled(FONTS)
    docx_fonts._PACKED.clear()
    out = _finish()
    assert len(out) < 0.2 * sum(len(f.data) for f in fonts)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.testzip() is None
        table = z.read("word/fontTable.xml").decode("utf-8")
        assert table.count('w:subsetted="1"') == len(fonts)
        assert "<w:saveSubsetFonts />" in z.read("word/settings.xml").decode("utf-8")
        for f in fonts:
            assert z.getinfo(f.part).compress_type == zipfile.ZIP_DEFLATED
            cut = docx_fonts.obfuscate(z.read(f.part), f.key)  # the key undoes it
            font = TTFont(io.BytesIO(cut))
            kept = set(font.getBestCmap())
            assert {ord(c) for c in "ẠặỄđƯơ–…₫"} <= kept
            assert all(docx_fonts.in_subset(cp) for cp in kept)
            assert font["OS/2"].fsType == 0  # the embedding permission stays
            assert font["name"].getDebugName(1) == FONT
    kept_files = list((tmp_path / "cache" / "hoso").glob("phong-chu-*.zip"))
    assert len(kept_files) == 1
    # the next process reads the kept ZIP: the same DOCX bytes
    docx_fonts._PACKED.clear()
    assert _finish() == out
    # a damaged copy is made again, never used
    kept_files[0].write_bytes(kept_files[0].read_bytes()[: len(out) // 3])
    docx_fonts._PACKED.clear()
    assert _finish() == out
    with zipfile.ZipFile(kept_files[0]) as z:
        assert z.testzip() is None


def test_a_document_with_a_letter_the_cut_fonts_lack_carries_them_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts = docx_fonts.bundled(FONTS)
    with zipfile.ZipFile(io.BytesIO(REFERENCE.read_bytes())) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    greek = "Giải thưởng Olympic Toán α-β"  # the fonts draw Greek; the cut-down ones do not
    assert ord("α") in glyphs.charset(FONTS)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:body>", f"<w:p><w:r><w:t>{greek}</w:t></w:r></w:p></w:body>".encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    docx_fonts._PACKED.clear()
    out = finish(buffer.getvalue(), code="TT-1", commit="abc1234", content_hash="0" * 12,
                 draft=False, fonts_dir=FONTS)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert 'w:subsetted' not in z.read("word/fontTable.xml").decode("utf-8")
        for f in fonts:
            assert z.read(f.part) == f.data
    assert docx_fonts.needs_whole(["&#945;"], glyphs.charset(FONTS))  # written as a reference
    assert not docx_fonts.needs_whole(["Nguyễn Thị Ánh — 5 %"], glyphs.charset(FONTS))


def test_a_cache_that_cannot_be_written_still_gives_the_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "tep"
    blocked.write_text("không phải thư mục", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    docx_fonts._PACKED.clear()
    out = _finish(fonts_cache=blocked / "bo-nho")
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.testzip() is None
