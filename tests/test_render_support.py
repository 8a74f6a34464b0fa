"""Helpers shared by the render tests (no tests here): a scratch repository with the fixed
fictional fixture, and readers that turn DOCX and PDF back into text."""

from __future__ import annotations

import shutil
import unicodedata
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader

from hoso.repo import Repo

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "render"
FIXTURE = FIXTURES / "TT-2026-901.yaml"
FIXTURE_REL = Path("dossiers") / "kinh-doanh" / "TT-2026-901.yaml"


def make_kho(dest: Path, examples: bool = False) -> Repo:
    """A repository in ``dest``: schema, templates, to-chuc.yaml, the fixture (and the examples)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("schema", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "to-chuc.yaml", dest / "to-chuc.yaml")
    if examples:
        shutil.copytree(ROOT / "dossiers", dest / "dossiers")
    target = dest / FIXTURE_REL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(FIXTURE, target)
    return Repo(dest)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def docx_blocks(path: Path) -> list[str]:
    """Paragraph and table-cell texts of the body, in document order (python-docx)."""

    document = docx.Document(str(path))
    out: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    out.append(cell.text)
        else:
            out.append(block.text)
    return out


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def pdf_pages(path: Path) -> list[str]:
    return [nfc(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    """Whitespace-insensitive form (PDF text breaks lines where the page did)."""
    return "".join(nfc(text).split())


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles that are missing from ``haystack`` or out of order (empty when all good)."""
    problems = []
    pos = 0
    for needle in needles:
        i = haystack.find(needle, pos)
        if i < 0:
            problems.append(needle)
        else:
            pos = i + len(needle)
    return problems
