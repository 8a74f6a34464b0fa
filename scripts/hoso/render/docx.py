"""Per-dossier touches on the DOCX pandoc wrote: the footer's provenance, the draft mark, and
table layout pandoc has no option for (full text width, rows that never split across pages).

``reference.docx`` carries a footer with ``HOSO_…`` placeholders and a header with the draft mark
(see :mod:`hoso.render.make_reference_docx`). pandoc copies both into every document; here the
placeholders get the dossier's values (XML-escaped) and, for a final document, the header is
replaced by an empty one.
"""

from __future__ import annotations

import io
import re
import zipfile

from hoso.escape import xml
from hoso.render.make_reference_docx import (
    EMPTY_HEADER,
    FIXED_TIME,
    PLACEHOLDER_CODE,
    PLACEHOLDER_COMMIT,
    PLACEHOLDER_HASH,
    TEXT_WIDTH_TWIPS,
)

HEADER = "word/header1.xml"
FOOTER = "word/footer1.xml"
DOCUMENT = "word/document.xml"
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


class DocxLayoutError(RuntimeError):
    """pandoc's DOCX lacks the header/footer of reference.docx (the reference is out of date)."""


def finish(docx: bytes, *, code: str, commit: str, content_hash: str, draft: bool) -> bytes:
    """The DOCX with its footer filled in and, unless ``draft``, without the draft mark."""
    values = {PLACEHOLDER_CODE: code, PLACEHOLDER_COMMIT: commit, PLACEHOLDER_HASH: content_hash}
    out = io.BytesIO()
    seen_footer = False
    with zipfile.ZipFile(io.BytesIO(docx)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == FOOTER:
                text = data.decode("utf-8")
                for placeholder, value in values.items():
                    if placeholder not in text:
                        raise DocxLayoutError(f"{FOOTER}: thiếu {placeholder}")
                    text = text.replace(placeholder, xml(value))
                data = text.encode("utf-8")
                seen_footer = True
            elif info.filename == DOCUMENT:
                data = rows_never_split(full_width_tables(data.decode("utf-8"))).encode("utf-8")
            elif info.filename == HEADER and not draft:
                data = EMPTY_HEADER
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
    if not seen_footer:
        raise DocxLayoutError(f"thiếu {FOOTER}")
    return out.getvalue()
