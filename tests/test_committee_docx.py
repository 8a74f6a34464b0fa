"""The committee documents' DOCX in the Party document format (issue 15 item 7, with
hoso.render.docx_letter and the styles of reference.docx): the same layout as their PDF, read by
Word or by LibreOffice without Times New Roman."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx as python_docx
import pytest
from pypdf import PdfReader
from test_render_libreoffice import _fontconfig, _pdf_fonts, _soffice

from hoso.load import load_file
from hoso.org import load_org
from hoso.render.committee import CommitteeRenderer

ROOT = Path(__file__).resolve().parents[1]
VP = ROOT / "dossiers" / "van-phong" / "VP-2025-003.yaml"
_CUSTOM = re.compile(r'custom-style="([^"]+)"')


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    loaded = load_file(VP)
    assert loaded.ok
    out = tmp_path_factory.mktemp("van-ban")
    renderer = CommitteeRenderer(ROOT / "templates")
    try:
        org = load_org(ROOT / "to-chuc.yaml")
        return {slug: {fmt: Path(p) for fmt, p in renderer.render(slug, loaded.data, org,
                                                                    out).items()}
                for slug in ("nghi-quyet-chi-bo-ket-nap", "quyet-dinh-ket-nap")}
    finally:
        renderer.close()


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_every_custom_style_of_the_templates_is_in_the_reference() -> None:
    """A style missing from reference.docx is one pandoc makes up: an unstyled paragraph."""
    used = {name for path in (ROOT / "templates").rglob("*.md.j2")
            for name in _CUSTOM.findall(path.read_text("utf-8")) if name != "…"}
    assert {"Căn cứ", "Tên loại", "Cơ quan ban hành", "Nơi nhận", "Chức danh ký"} <= used
    styles = _part(ROOT / "templates" / "reference.docx", "word/styles.xml")
    defined = set(re.findall(r'<w:name w:val="([^"]+)"', styles))
    assert used - defined == set()


def _cells(table: Any) -> list[str]:
    return [" ".join(p.text for p in cell.paragraphs) for cell in table.rows[0].cells]


def test_header_and_closing_blocks_sit_side_by_side(rendered: dict[str, dict[str, Path]]) -> None:
    document = python_docx.Document(str(rendered["nghi-quyet-chi-bo-ket-nap"]["docx"]))
    head, *_, foot = document.tables
    left, right = _cells(head)
    assert left.startswith("ĐẢNG BỘ VNPT LẠNG SƠN CHI BỘ VĂN PHÒNG * Số ")
    assert right.startswith("ĐẢNG CỘNG SẢN VIỆT NAM Lạng Sơn, ngày ")
    left, right = _cells(foot)
    assert left.startswith("Nơi nhận:")
    assert right.startswith("T/M CHI BỘ")
    styles = [p.style.name for p in head.rows[0].cells[0].paragraphs]
    assert styles == ["Cấp trên", "Cơ quan ban hành", "Giữa", "Số ký hiệu"]
    # after the header: type, summary, the short rule under it (a bordered empty paragraph)
    body = document.paragraphs[:4]
    assert [p.style.name for p in body] == ["Tên loại", "Trích yếu", "Normal", "Căn cứ"]
    assert body[2].text == ""
    assert "<w:pBdr><w:top " in body[2]._p.xml.replace("\n", "").replace("  ", "")


def test_page_margins_body_size_and_draft_mark(rendered: dict[str, dict[str, Path]]) -> None:
    path = rendered["quyet-dinh-ket-nap"]["docx"]
    (section,) = python_docx.Document(str(path)).sections
    margins = [section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin]
    assert [round(m.mm) for m in margins if m is not None] == [25, 25, 35, 15]
    styles = _part(path, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults"):styles.index("</w:docDefaults>")]
    assert '<w:sz w:val="28" />' in defaults  # 14 pt
    header = _part(path, "word/header1.xml")
    assert "DỰ THẢO — hoso tạo từ dữ liệu hồ sơ" in header
    assert "BẢN NHÁP" not in header


def test_booklet_styles_are_untouched_by_the_letter_layout() -> None:
    from hoso.render.docx import finish

    reference = (ROOT / "templates" / "reference.docx").read_bytes()
    booklet = finish(reference, code="X", commit="c", content_hash="h", draft=True)
    with zipfile.ZipFile(io.BytesIO(booklet)) as z:
        styles = z.read("word/styles.xml").decode()
        header = z.read("word/header1.xml").decode()
    assert 'w:before="1300"' in styles  # the booklet's 23 mm to sign in
    assert "<w:caps />" not in styles[styles.index('w:styleId="Chucdanhky"'):][:600]
    assert "BẢN NHÁP" in header


def _words(pdf: Path) -> Counter[str]:
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in PdfReader(pdf).pages))
    return Counter(re.sub(r"-\s+", "-", text).split())


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["nghi-quyet-chi-bo-ket-nap", "quyet-dinh-ket-nap"])
def test_libreoffice_without_times_prints_the_docx_like_the_pdf(
        rendered: dict[str, dict[str, Path]], tmp_path: Path, slug: str) -> None:
    soffice = _soffice()
    docx, pdf = rendered[slug]["docx"], rendered[slug]["pdf"]
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180, env=_fontconfig(tmp_path))
    converted = tmp_path / f"{slug}.pdf"
    assert _pdf_fonts(converted) <= {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-BoldItalic"}
    assert len(PdfReader(converted).pages) == len(PdfReader(pdf).pages)
    # every word of hoso's PDF but its watermark and page numbers, as often, in capitals alike
    missing = _words(pdf) - _words(converted)
    assert set(missing) <= {"DỰ", "THẢO", "2"}, missing
