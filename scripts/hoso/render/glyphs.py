"""Which characters the bundled fonts can draw, and which printed values they cannot.

A TrueType font lists the characters it has glyphs for in its ``cmap`` table. This module reads
that table directly (formats 4 and 12, the two that Unicode fonts use) with :mod:`struct`, so no
font library is needed. Before a PDF is written, every printed value of the dossier is checked
against the characters that *all* bundled faces (regular, bold, italic, bold italic) can draw: a
character without a glyph would otherwise be drawn as an empty box, silently.
"""

from __future__ import annotations

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


def _table(data: bytes, tag: bytes) -> tuple[int, int]:
    """Offset and length of table ``tag`` in an sfnt file."""
    if len(data) < 12:
        raise FontFormatError("tệp quá ngắn")
    (num_tables,) = struct.unpack_from(">H", data, 4)
    for i in range(num_tables):
        rec = 12 + 16 * i
        name, _checksum, offset, length = struct.unpack_from(">4sIII", data, rec)
        if name == tag:
            return offset, length
    raise FontFormatError(f"không có bảng {tag.decode()}")


def _format4(data: bytes, off: int) -> set[int]:
    seg_x2 = struct.unpack_from(">H", data, off + 6)[0]
    segs = seg_x2 // 2
    ends_at = off + 14
    starts_at = ends_at + seg_x2 + 2
    deltas_at = starts_at + seg_x2
    ranges_at = deltas_at + seg_x2
    ends = struct.unpack_from(f">{segs}H", data, ends_at)
    starts = struct.unpack_from(f">{segs}H", data, starts_at)
    deltas = struct.unpack_from(f">{segs}h", data, deltas_at)
    range_offsets = struct.unpack_from(f">{segs}H", data, ranges_at)
    out: set[int] = set()
    for i in range(segs):
        start, end, delta, ro = starts[i], ends[i], deltas[i], range_offsets[i]
        if start == 0xFFFF:
            continue
        for cp in range(start, end + 1):
            if ro == 0:
                glyph = (cp + delta) & 0xFFFF
            else:
                addr = ranges_at + 2 * i + ro + 2 * (cp - start)
                glyph = struct.unpack_from(">H", data, addr)[0]
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                out.add(cp)
    return out


def _format12(data: bytes, off: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", data, off + 12)
    out: set[int] = set()
    for g in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, off + 16 + 12 * g)
        if glyph == 0:
            start += 1  # the first character maps to .notdef
        out.update(range(start, end + 1))
    return out


def read_cmap(data: bytes) -> frozenset[int]:
    """The code points a font maps to a real glyph (not ``.notdef``)."""
    cmap_off, _ = _table(data, b"cmap")
    _version, count = struct.unpack_from(">HH", data, cmap_off)
    best: tuple[int, int] | None = None  # (format, offset)
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap_off + 4 + 8 * i)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if not unicode:
            continue
        off = cmap_off + sub
        (fmt,) = struct.unpack_from(">H", data, off)
        if fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, off)
    if best is None:
        raise FontFormatError("không có bảng cmap Unicode dạng 4 hoặc 12")
    fmt, off = best
    return frozenset(_format12(data, off) if fmt == 12 else _format4(data, off))


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
