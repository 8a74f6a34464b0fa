"""Which characters the bundled fonts can draw, and which printed values they cannot.

A TrueType font lists the characters it has glyphs for in its ``cmap`` table; fontTools reads it
(the best Unicode subtable, as a text engine would choose). Before a PDF is written, every printed
value of the dossier is checked against the characters that *all* bundled faces (regular, bold,
italic, bold italic) can draw: a character without a glyph would otherwise be drawn as an empty
box, silently.
"""

from __future__ import annotations

import io
import struct
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

# Whitespace the Markdown escaper turns into a plain space: it never reaches the font.
_COLLAPSED = frozenset("\t\n\r")
# Direction controls have glyphs (empty ones) in Tinos but must never be printed: they reorder
# what the reader sees. The loader refuses them first (code ky-tu-dieu-khien); this is the backstop.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(ch: str, chars: frozenset[int]) -> bool:
    """True when ``ch`` can be printed with the bundled fonts (and is not a control character)."""
    if ch in _COLLAPSED:
        return True
    if ch in _BIDI or unicodedata.category(ch) == "Cc":
        return False
    return ord(ch) in chars


class FontFormatError(ValueError):
    """The file is not a TrueType/OpenType font with a Unicode cmap we can read."""


def read_cmap(data: bytes) -> frozenset[int]:
    """The code points a font maps to a real glyph (not ``.notdef``), read with fontTools."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        cmap = font.getBestCmap()
    except (TTLibError, KeyError, ValueError, struct.error, EOFError, AssertionError) as exc:
        raise FontFormatError(f"không đọc được tệp phông: {exc}") from exc
    if not cmap:
        raise FontFormatError("không có bảng cmap Unicode")
    return frozenset(cp for cp, glyph in cmap.items() if glyph != ".notdef")


@lru_cache(maxsize=8)
def _charset_of(paths: tuple[Path, ...]) -> frozenset[int]:
    sets = [read_cmap(p.read_bytes()) for p in paths]
    return frozenset.intersection(*sets) if sets else frozenset()


def font_files(fonts_dir: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in fonts_dir.iterdir() if p.suffix.lower() in (".ttf", ".otf")))


def charset(fonts_dir: Path) -> frozenset[int]:
    """Characters every bundled face can draw (intersection of their cmaps)."""
    return _charset_of(font_files(fonts_dir))


def describe(ch: str) -> str:
    """``"😀"`` → ``U+1F600 (GRINNING FACE)``."""
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}"
    return f"{code} ({name})" if name else code


def missing(text: str, chars: frozenset[int]) -> list[str]:
    """Distinct characters of ``text`` (after NFC) the fonts cannot draw, in order of appearance."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in out or printable(ch, chars):
            continue
        out.append(ch)
    return out


Path_ = tuple[str | int, ...]


def walk_strings(value: object, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string inside a dossier with its JSON path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from walk_strings(v, (*path, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_strings(v, (*path, i))


def check_values(data: Mapping[str, object], chars: frozenset[int],
                 skip: Iterable[str] = ()) -> list[tuple[Path_, str]]:
    """``(path, character)`` for every printed value holding a character without a glyph."""
    skipped = set(skip)
    out: list[tuple[Path_, str]] = []
    for path, text in walk_strings(data):
        if path and path[0] in skipped:
            continue
        out.extend((path, ch) for ch in missing(text, chars))
    return out
