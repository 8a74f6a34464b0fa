"""The DOCX read by another word processor: LibreOffice converts the fixture's final DOCX to PDF,
and that PDF must hold the same words on the same number of pages as hoso's own PDF; the cover's
"Số lý lịch" sits in a frame at the foot of the page and the photo box is exactly 3 × 4 cm.

The conversion runs twice: with the machine's fonts, and with a private fontconfig that shows
LibreOffice one sans-serif font only (no Times New Roman, Tinos or Liberation Serif), the reader
the issue describes; there the PDF's fonts must be the DOCX's embedded Tinos.

Without ``soffice`` the conversion test is skipped, except on CI (``CI`` set), where it fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_render_support import FIXTURE_REL, docx_part, make_kho, nfc

from hoso.render import RenderReport, render_paths

pytestmark = pytest.mark.slow

PINNED = date(2026, 3, 15)  # the day the rules judge the fixture as a final


@pytest.fixture(scope="module")
def final(tmp_path_factory: pytest.TempPathFactory) -> RenderReport:
    kho = make_kho(tmp_path_factory.mktemp("kho"))
    report = render_paths([kho.root / FIXTURE_REL], kho, kho.root / "build", final=True, jobs=1,
                          on_date=PINNED)
    assert report.exit_code() == 0, (report.errors, report.findings)
    return report


def _out(report: RenderReport, fmt: str) -> Path:
    (outcome,) = report.outcomes
    return Path(outcome.outputs[fmt])


def _words(pdf: Path) -> Counter[str]:
    """The PDF's words; a line broken after a hyphen ("6-" / "2012") counts as one word."""
    text = nfc(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    return Counter(re.sub(r"-\s+", "-", text).split())


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required on CI to check the DOCX")
    pytest.skip("LibreOffice (soffice) is not installed")


def _fontconfig(tmp_path: Path) -> dict[str, str]:
    """An environment whose fontconfig lists only Nimbus Sans (LibreOffice does not start without
    any font): any text not in the embedded fonts would come out in a sans-serif face."""
    sans = Path("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf")
    if not sans.exists():
        found = subprocess.run(["fc-match", "-f", "%{file}", "sans-serif"], capture_output=True,
                               text=True, check=False).stdout.strip()
        sans = Path(found)
    assert sans.is_file(), "no sans-serif font to give LibreOffice"
    assert not re.search(r"tinos|times|liberationserif", sans.name.lower().replace(" ", ""))
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / sans.name).symlink_to(sans)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{tmp_path / "fonts"}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>
""")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def _pdf_fonts(pdf: Path) -> set[str]:
    """The base font names the PDF uses, without the subset tag ("ABCDEF+Tinos" → "Tinos")."""
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


@pytest.mark.parametrize("fonts", ["system", "without-times"])
def test_libreoffice_prints_the_docx_like_the_pdf(final: RenderReport, tmp_path: Path,
                                                  fonts: str) -> None:
    soffice = _soffice()
    env = _fontconfig(tmp_path) if fonts == "without-times" else None
    docx, pdf = _out(final, "docx"), _out(final, "pdf")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180, env=env)
    converted = tmp_path / (docx.stem + ".pdf")
    assert len(PdfReader(converted).pages) == len(PdfReader(pdf).pages)
    ours, theirs = _words(pdf), _words(converted)
    assert theirs == ours, {"only LibreOffice": theirs - ours, "only hoso": ours - theirs}
    cover = nfc(PdfReader(converted).pages[0].extract_text())
    assert "Số lý lịch: 000901LS" in cover
    # the embedded fonts, the same family as hoso's PDF, and nothing else
    assert _pdf_fonts(converted) == {"Tinos", "Tinos-Bold", "Tinos-Italic"}
    assert _pdf_fonts(converted) == _pdf_fonts(pdf)


def test_cover_number_is_framed_at_the_foot_and_the_photo_box_is_3_by_4_cm(
        final: RenderReport) -> None:
    document = docx_part(_out(final, "docx"), "word/document.xml")
    number = re.search(r'<w:pStyle w:val="Solylich" />(<w:framePr [^>]*/>)', document)
    assert number is not None
    assert 'w:vAnchor="margin"' in number.group(1)
    assert 'w:yAlign="bottom"' in number.group(1)
    box = re.search(r'<w:tbl>(?:(?!</w:tbl>).)*w:val="Oanh"', document, re.S)
    assert box is not None
    assert '<w:tblW w:w="1701" w:type="dxa" />' in box.group(0)  # 3 cm
    assert '<w:trHeight w:val="2268" w:hRule="exact" />' in box.group(0)  # 4 cm
