"""The bundled fonts embedded in every DOCX, so that a reader without them (LibreOffice on Linux,
Word on a machine without Times New Roman) lays out the same booklet as hoso's PDF.

OOXML font embedding (ECMA-376 Part 1, §17.8.1 and §17.8.3.3): each TrueType file is stored as an
obfuscated part ``word/fonts/<name>.odttf`` — its first 32 bytes XORed with the 16 bytes of a GUID
read from its last hex pair to its first — named by ``w:embedRegular`` / ``w:embedBold`` /
``w:embedItalic`` / ``w:embedBoldItalic`` (relationship id and that GUID as ``w:fontKey``) in the
font's ``w:font`` entry of ``word/fontTable.xml``; ``w:embedTrueTypeFonts`` in ``settings.xml``
keeps them when Word saves the file again. The GUID is derived from the font file's hash, so the
same fonts give the same DOCX bytes.

The four faces are 2.2 MB. A DOCX carries them cut down to the characters of Vietnamese and
the other Latin letters, marks, punctuation and currency (:data:`SUBSET`, with fontTools'
subsetter, as Word's "embed only the characters used" does; ``w:subsetted`` says so) and
deflated: about 0.3 MB. A document with another character the fonts have carries them whole
(1.2 MB deflated; :func:`needs_whole`). Cutting takes about 1.5 s and deflating 0.1 s, so both
are done once (:func:`packed`: a ZIP of the font parts alone, kept in the user's cache folder,
else in the render cache, and in the process) and every DOCX starts as a copy of that ZIP, its
own parts appended (``zipfile`` in mode ``"a"`` keeps the entries it finds as they are).

The bundled fonts (``templates/fonts``: Tinos, metric-compatible with Times New Roman) are under
the SIL Open Font License 1.1, which allows embedding them in documents; their OS/2 ``fsType`` is 0
(installable embedding). ``make_reference_docx.FONT`` names the same family in the styles.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hoso.escape import xml
from hoso.render.glyphs import font_files
from hoso.util import write_atomic

FONT_TABLE = "word/fontTable.xml"
FONT_TABLE_RELS = "word/_rels/fontTable.xml.rels"
SETTINGS = "word/settings.xml"
CONTENT_TYPES = "[Content_Types].xml"
_REL_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
#: OS/2 style bits → the fontTable element that names the file (bold 0x20, italic 0x01).
_EMBED = {(False, False): "embedRegular", (True, False): "embedBold",
          (False, True): "embedItalic", (True, True): "embedBoldItalic"}


@dataclass(frozen=True)
class EmbeddedFont:
    family: str  # "Tinos"
    element: str  # "embedBold"
    key: str  # "{0A1B…}" (w:fontKey)
    part: str  # "word/fonts/Tinos-Bold.odttf"
    data: bytes  # obfuscated


def font_key(data: bytes) -> str:
    """A GUID for ``w:fontKey``, the same for the same font file."""
    h = hashlib.sha256(data).hexdigest()[:32].upper()
    return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}}}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: XOR the first 32 bytes with the GUID's bytes in reverse order.
    The same operation undoes it."""
    guid = bytes.fromhex(re.sub(r"[{}-]", "", key))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


@cache
def bundled(fonts_dir: Path) -> tuple[EmbeddedFont, ...]:
    """The fonts of ``fonts_dir`` as DOCX parts (read and obfuscated once per process).

    They are the family the styles name (``make_reference_docx.FONT``); the face comes from the
    ``head`` table's ``macStyle`` (bold, italic). tests/test_render_docx_fonts.py holds both equal
    to each file's ``name`` table, which is not read here: its fontTools module alone costs about
    30 ms of every render's start.
    """
    from fontTools.ttLib import TTFont

    from hoso.render.make_reference_docx import FONT

    out = []
    for path in font_files(fonts_dir):
        data = path.read_bytes()
        with TTFont(io.BytesIO(data), lazy=True) as font:
            mac = font["head"].macStyle
        bold, italic = bool(mac & 1), bool(mac & 2)
        key = font_key(data)
        out.append(EmbeddedFont(FONT, _EMBED[bold, italic], key,
                                f"word/fonts/{path.stem}.odttf", obfuscate(data, key)))
    return tuple(out)


def _font_entry(family: str, fonts: list[EmbeddedFont], rel_ids: dict[str, str],
                subsetted: bool) -> str:
    order = list(_EMBED.values())
    cut = ' w:subsetted="1"' if subsetted else ""
    embeds = "".join(
        f'<w:{f.element} r:id="{rel_ids[f.part]}" w:fontKey="{f.key}"{cut} />'
        for f in sorted(fonts, key=lambda f: order.index(f.element)))
    return (f'<w:font w:name="{xml(family)}"><w:altName w:val="Times New Roman" />'
            '<w:panose1 w:val="02020603050405020304" /><w:charset w:val="00" />'
            f'<w:family w:val="roman" /><w:pitch w:val="variable" />{embeds}</w:font>')


def embed(parts: dict[str, bytes], fonts: tuple[EmbeddedFont, ...], *,
          subsetted: bool = False) -> None:
    """Name ``fonts`` in the DOCX ``parts`` (name → bytes), in place: the font table, its
    relationships, the content type, the settings. The font parts themselves come from
    :func:`packed`; ``subsetted``: they are the cut-down ones, and the document says so."""
    if not fonts:
        return
    rel_ids = {f.part: f"rIdHosoFont{i}" for i, f in enumerate(fonts, 1)}
    families: dict[str, list[EmbeddedFont]] = {}
    for f in fonts:
        families.setdefault(f.family, []).append(f)

    table = parts[FONT_TABLE].decode("utf-8")
    for family, members in families.items():
        table = re.sub(rf'<w:font w:name="{re.escape(xml(family))}">.*?</w:font>\s*', "", table,
                       flags=re.S)
        table = table.replace("</w:fonts>",
                              _font_entry(family, members, rel_ids, subsetted) + "</w:fonts>")
    parts[FONT_TABLE] = table.encode("utf-8")

    rels = "".join(f'<Relationship Id="{rel_ids[f.part]}" Type="{_REL_FONT}" '
                   f'Target="fonts/{f.part.rsplit("/", 1)[1]}" />' for f in fonts)
    parts[FONT_TABLE_RELS] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        f'schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>\n'
    ).encode()

    types = parts[CONTENT_TYPES].decode("utf-8")
    if 'Extension="odttf"' not in types:
        types = types.replace(
            "<Default ", f'<Default Extension="odttf" ContentType="{_OBFUSCATED}" /><Default ', 1)
    parts[CONTENT_TYPES] = types.encode("utf-8")

    settings = parts[SETTINGS].decode("utf-8")
    if "<w:embedTrueTypeFonts" not in settings:
        # CT_Settings order: … zoom, …, printFormsData, embedTrueTypeFonts, embedSystemFonts, …
        at = settings.find("<w:embedSystemFonts")
        if at < 0:
            m = re.search(r"<w:zoom[^>]*/>", settings) or re.search(r"<w:settings[^>]*>", settings)
            assert m is not None, "settings.xml without w:settings"
            at = m.end()
        settings = settings[:at] + "<w:embedTrueTypeFonts />" + settings[at:]
    if subsetted and "<w:saveSubsetFonts" not in settings:
        # … embedTrueTypeFonts, embedSystemFonts, saveSubsetFonts: Word keeps them cut down
        m = re.search(r"<w:embedSystemFonts[^>]*/>", settings) or \
            re.search(r"<w:embedTrueTypeFonts[^>]*/>", settings)
        assert m is not None
        settings = settings[:m.end()] + "<w:saveSubsetFonts />" + settings[m.end():]
    parts[SETTINGS] = settings.encode("utf-8")


#: The characters the embedded fonts keep, as ranges of code points (end excluded): Basic
#: Latin, Latin-1, Latin Extended-A and -B, combining marks, Latin Extended Additional (the
#: Vietnamese letters), general punctuation, currency signs.
SUBSET = ((0x20, 0x7F), (0xA0, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070),
          (0x20A0, 0x20C0))


def in_subset(cp: int) -> bool:
    return any(start <= cp < end for start, end in SUBSET)


def needs_whole(texts: Iterable[str], font_chars: frozenset[int]) -> bool:
    """True when the texts (a DOCX's XML parts) hold a character the fonts draw that the cut-down
    fonts do not keep: the document then carries the whole fonts."""
    for text in texts:
        chars = set(html.unescape(text) if "&#" in text else text)  # "&#945;" is a character
        if any(ord(ch) in font_chars and not in_subset(ord(ch)) for ch in chars):
            return True
    return False


def _cut(raw: bytes) -> bytes:
    """``raw`` (a TrueType file) with only the glyphs of :data:`SUBSET` (and what they need:
    accents, ligatures, kerning, hinting); its names and embedding permission kept."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.notdef_outline = True
    options.legacy_kern = True
    font = TTFont(io.BytesIO(raw), recalcTimestamp=False)  # the same input, the same bytes
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[cp for start, end in SUBSET for cp in range(start, end)])
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


#: zlib's level for the fonts: paid once per cache, so the smallest.
PACK_LEVEL = 9
_PACKED: dict[str, bytes] = {}


def user_cache() -> Path | None:
    """hoso's folder in the user's cache (``~/.cache/hoso``, ``%LOCALAPPDATA%\\hoso\\Cache``…);
    None when there is no home to hold it."""
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("hoso", appauthor=False))
    except (ImportError, OSError, RuntimeError, KeyError):
        return None


def packed(fonts: tuple[EmbeddedFont, ...], cache_dir: Path | None = None, *,
           whole: bool = False) -> bytes:
    """A ZIP holding only the parts of ``fonts`` (cut down to :data:`SUBSET` unless ``whole``),
    deflated: made once per process, and kept in the user's cache folder (else ``cache_dir``,
    the render cache) for the next; a kept copy that does not read back whole is made again."""
    h = hashlib.sha256(f"{zlib.ZLIB_VERSION} {PACK_LEVEL}".encode())
    if not whole:
        from fontTools import version as fonttools_version

        h.update(f" cut {fonttools_version} {SUBSET}".encode())
    for f in fonts:
        h.update(f"\n{f.part} {f.key} {len(f.data)}".encode())
    key = h.hexdigest()[:16]
    if key in _PACKED:
        return _PACKED[key]
    name = f"phong-chu-{key}.zip"
    folders = [d for d in (user_cache(), cache_dir) if d is not None]
    data = next((found for d in folders if (found := _read_packed(d / name, fonts))), None)
    if data is None:
        data = _pack(fonts, whole)
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomic(folder / name, data)
                break
            except OSError:
                continue  # a cache that cannot be written: the next, or made again next time
    _PACKED[key] = data
    return data


def _pack(fonts: tuple[EmbeddedFont, ...], whole: bool) -> bytes:
    from hoso.render.make_reference_docx import FIXED_TIME  # the DOCX parts' time too

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for f in fonts:
            data = f.data if whole else obfuscate(_cut(obfuscate(f.data, f.key)), f.key)
            info = zipfile.ZipInfo(f.part, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=PACK_LEVEL)
    return buffer.getvalue()


def _read_packed(path: Path, fonts: tuple[EmbeddedFont, ...]) -> bytes | None:
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if zf.namelist() != [f.part for f in fonts] or zf.testzip() is not None:
                return None
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return None
    return data
