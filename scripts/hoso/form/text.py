"""Comparing Vietnamese text loosely: no case, no diacritics, single spaces."""

from __future__ import annotations

import re
import unicodedata

#: The blocks of the letters that decompose to an ASCII letter and marks: Latin-1 Supplement,
#: Latin Extended-A and -B, Latin Extended Additional (tests/test_form.py holds the table equal to
#: the one of every code point from U+00C0 to U+1EFF; the blocks between hold none, and the
#: table is built at every start).
FOLD_BLOCKS = ((0xC0, 0x250), (0x1E00, 0x1F00))


def _fold_table(blocks: tuple[tuple[int, int], ...] = FOLD_BLOCKS) -> dict[int, str | None]:
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "d"}
    # decomposed text (NFD, as some macOS tools write it): the combining marks go too
    table.update(dict.fromkeys(range(0x300, 0x370)))
    for cp in (cp for start, end in blocks for cp in range(start, end)):
        base = unicodedata.normalize("NFD", chr(cp))[:1]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), single spaces: for comparing names loosely."""
    return " ".join(text.translate(_FOLD).lower().split())


def lower_first(text: str) -> str:
    """A label or a name inside a sentence: "Tỉnh Bắc Giang" → "tỉnh Bắc Giang"."""
    return text[:1].lower() + text[1:]


#: The signature line of (24)–(26) starts with "T/M" (thay mặt, on behalf of). The printed form
#: owns the prefix: a dossier names only the body the signer speaks for ("Chi ủy").
ON_BEHALF = "T/M"
_ON_BEHALF = re.compile(r"^\s*(?:t\s*/\s*m|t\.\s*m\.?|tm\.?|thay\s+mặt)(?:\s+|\s*[:.]\s*|$)",
                        re.IGNORECASE)


def on_behalf_body(text: str) -> str:
    """The body a signer speaks for, without a "T/M" the writer added: "T/M Chi ủy" → "Chi ủy"."""
    stripped = _ON_BEHALF.sub("", unicodedata.normalize("NFC", text), count=1)
    return " ".join(stripped.split())


def on_behalf_prefix(text: str) -> str:
    """The "T/M" (or "TM", "Thay mặt") ``text`` starts with, as written; "" when there is none."""
    m = _ON_BEHALF.match(unicodedata.normalize("NFC", text))
    return m.group(0).strip() if m else ""


def has_on_behalf_prefix(text: str) -> bool:
    """True when ``text`` already starts with "T/M" (or "TM", "Thay mặt")."""
    return bool(on_behalf_prefix(text))
