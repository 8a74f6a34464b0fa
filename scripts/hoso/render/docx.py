"""Per-dossier touches on the DOCX pandoc wrote: the footer's provenance, the draft mark, and
table layout pandoc has no option for (full text width, rows that never split across pages).

``reference.docx`` carries a footer with ``HOSO_…`` placeholders and a header with the draft mark
(see :mod:`hoso.render.make_reference_docx`). pandoc copies both into every document; here the
placeholders get the dossier's values (XML-escaped), for a final document the header is
replaced by an empty one, and the bundled fonts are embedded (:mod:`hoso.render.docx_fonts`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from hoso.escape import xml
from hoso.render import docx_fonts, docx_letter, glyphs
from hoso.render.make_reference_docx import (
    EMPTY_HEADER,
    FIXED_TIME,
    PHOTO_TWIPS,
    PLACEHOLDER_CODE,
    PLACEHOLDER_COMMIT,
    PLACEHOLDER_HASH,
    TEXT_WIDTH_TWIPS,
)

HEADER = "word/header1.xml"
FOOTER = "word/footer1.xml"
DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
_GRID = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.S)
_COL = re.compile(r'<w:gridCol w:w="(\d+)"\s*/>')


def full_width_tables(xml: str) -> str:
    """pandoc sizes table columns for a 6-inch text width; scale them to our A4 text width."""

    def scale(m: re.Match[str]) -> str:
        widths = [int(w) for w in _COL.findall(m.group(1))]
        total = sum(widths)
        if not total:
            return m.group(0)
        cols = "".join(f'<w:gridCol w:w="{w * TEXT_WIDTH_TWIPS // total}" />' for w in widths)
        return f"<w:tblGrid>{cols}</w:tblGrid>"

    return _GRID.sub(scale, xml)


_ROW = re.compile(r"<w:tr>(<w:trPr>)?")


def rows_never_split(xml: str) -> str:
    """Every table row keeps together on one page (``w:cantSplit``); pandoc already marks the
    header row ``w:tblHeader``, so it repeats at the top of each page a table runs onto."""

    def keep(m: re.Match[str]) -> str:
        return "<w:tr><w:trPr><w:cantSplit />" + ("" if m.group(1) else "</w:trPr>")

    return _ROW.sub(keep, xml)


_COVER_NUMBER = '<w:pPr><w:pStyle w:val="Solylich" />'
# a frame as wide as the text, at the foot of the text area of the page it falls on (the cover)
_COVER_NUMBER_FRAME = (f'<w:framePr w:w="{TEXT_WIDTH_TWIPS}" w:wrap="notBeside" '
                       'w:hAnchor="margin" w:vAnchor="margin" w:xAlign="center" '
                       'w:yAlign="bottom" />')
_PHOTO = re.compile(r'<w:p><w:pPr><w:pStyle w:val="Oanh" /></w:pPr>.*?</w:p>', re.S)


def cover_number_at_foot(xml: str) -> str:
    """"Số lý lịch" at the bottom of the cover, like ``v(1fr)`` in 2-knd.typ: a paragraph frame
    (``w:framePr``) anchored to the bottom margin."""
    return xml.replace(_COVER_NUMBER, _COVER_NUMBER.replace("/>", "/>" + _COVER_NUMBER_FRAME, 1))


def photo_box(xml: str) -> str:
    """The photo paragraph inside a ruled one-cell table of exactly 3 × 4 cm (the box of the
    printed form), the photo or the words "Ảnh 3x4" centred in it."""
    width, height = PHOTO_TWIPS
    rule = '"single" w:sz="6" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} w:val={rule} />" for side in ("top", "left", "bottom", "right"))
    zero = "".join(f'<w:{side} w:w="0" w:type="dxa" />' for side in ("top", "left", "bottom",
                                                                      "right"))

    def box(m: re.Match[str]) -> str:
        return (f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa" />'
                f'<w:tblInd w:w="0" w:type="dxa" /><w:tblBorders>{borders}</w:tblBorders>'
                f'<w:tblLayout w:type="fixed" /><w:tblCellMar>{zero}</w:tblCellMar>'
                f'<w:tblLook w:val="0000" /></w:tblPr>'
                f'<w:tblGrid><w:gridCol w:w="{width}" /></w:tblGrid>'
                f'<w:tr><w:trPr><w:cantSplit /><w:trHeight w:val="{height}" w:hRule="exact" />'
                f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" />'
                f'<w:vAlign w:val="center" /></w:tcPr>{m.group(0)}</w:tc></w:tr></w:tbl>')

    return _PHOTO.sub(box, xml)


class DocxLayoutError(RuntimeError):
    """pandoc's DOCX lacks the header/footer of reference.docx (the reference is out of date)."""


def finish(docx: bytes, *, code: str, commit: str, content_hash: str, draft: bool,
           fonts_dir: Path | None = None, letter: bool = False,
           fonts_cache: Path | None = None) -> bytes:
    """The DOCX with its footer filled in, unless ``draft`` without the draft mark, the fonts of
    ``fonts_dir`` embedded (:mod:`hoso.render.docx_fonts`; deflated once and kept in
    ``fonts_cache``) and, for a committee document (``letter``), the Party document layout
    (:mod:`hoso.render.docx_letter`)."""
    values = {PLACEHOLDER_CODE: code, PLACEHOLDER_COMMIT: commit, PLACEHOLDER_HASH: content_hash}
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        infos = {info.filename: info for info in src.infolist()}
        parts = {name: src.read(name) for name in infos}
    if FOOTER not in parts:
        raise DocxLayoutError(f"thiếu {FOOTER}")
    text = parts[FOOTER].decode("utf-8")
    for placeholder, value in values.items():
        if placeholder not in text:
            raise DocxLayoutError(f"{FOOTER}: thiếu {placeholder}")
        text = text.replace(placeholder, xml(value))
    parts[FOOTER] = text.encode("utf-8")
    text = rows_never_split(full_width_tables(parts[DOCUMENT].decode("utf-8")))
    parts[DOCUMENT] = photo_box(cover_number_at_foot(text)).encode("utf-8")
    if HEADER in parts and not draft:
        parts[HEADER] = EMPTY_HEADER
    if letter:
        parts[DOCUMENT] = docx_letter.document(parts[DOCUMENT].decode("utf-8")).encode("utf-8")
        parts[STYLES] = docx_letter.styles(parts[STYLES].decode("utf-8")).encode("utf-8")
        if HEADER in parts:
            parts[HEADER] = docx_letter.header(parts[HEADER].decode("utf-8")).encode("utf-8")
    fonts_zip = b""
    if fonts_dir is not None and (fonts := docx_fonts.bundled(fonts_dir)):
        whole = docx_fonts.needs_whole(
            (data.decode("utf-8", "replace") for name, data in parts.items()
             if name.startswith("word/") and name.endswith(".xml")), glyphs.charset(fonts_dir))
        docx_fonts.embed(parts, fonts, subsetted=not whole)
        # the font parts themselves, cut down and deflated once: the DOCX is that ZIP with its
        # other parts appended
        fonts_zip = docx_fonts.packed(fonts, fonts_cache, whole=whole)
    out = io.BytesIO(fonts_zip)
    with zipfile.ZipFile(out, "a" if fonts_zip else "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            fixed = zipfile.ZipInfo(name, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = infos[name].external_attr if name in infos else 0o644 << 16
            dst.writestr(fixed, data)
    return out.getvalue()
