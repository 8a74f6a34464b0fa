"""Bytes → text: UTF-8 only, and a named finding for anything else.

A UTF-8 BOM is reported and skipped. UTF-16 is recognised from its zero bytes. A file that is
not UTF-8 is read line by line as each legacy Vietnamese encoding (TCVN3/ABC, VNI-Windows,
Windows-1258); the one whose words look most like Vietnamese syllables is named in the finding,
with a sample line, so that the user knows what to convert from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from hoso.load.result import Sink

_SURROGATE = re.compile("[\udc80-\udcff]")
_SURROGATE_RUN = re.compile("[\udc80-\udcff]+")


def decode(sink: Sink, raw: bytes) -> tuple[str, bool]:
    """The text of ``raw`` and whether it is the file's own (UTF-8) text.

    When it is not, the encoding is reported and the text returned is a stand-in to check the
    rest of the file with (UTF-16 decoded, undecodable bytes blanked out one character per
    byte); its data is not used: the file must be converted first.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        sink.add("co-bom", 1, 1,
                 "Tệp bắt đầu bằng dấu BOM (byte-order mark) của UTF-8. Hãy lưu lại tệp với bảng "
                 "mã “UTF-8” không có BOM (VS Code: bấm tên bảng mã ở thanh trạng thái → “Save "
                 "with Encoding” → “UTF-8”; Notepad: chọn “UTF-8”, không chọn “UTF-8 with "
                 "BOM”).")
        raw = raw[3:]

    utf16 = _utf16_codec(raw)
    if utf16 is not None:
        sink.add("ma-hoa-khong-ro", 1, 1,
                 "Tệp được lưu theo bảng mã UTF-16 (mục “Unicode” của Notepad đời cũ), không phải "
                 "UTF-8. Hãy mở tệp và lưu lại với bảng mã “UTF-8” (VS Code: “Save with "
                 "Encoding” → “UTF-8”; Notepad: chọn “UTF-8”).")
        return raw.decode(utf16, "replace"), False

    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        _report_encoding(sink, raw, exc.start)
        return _SURROGATE.sub("\ufffd", raw.decode("utf-8", "surrogateescape")), False


_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_TONE_SET = frozenset(_TONES)

# TCVN 5712:1993 VN3 ("ABC", .VnTime): lower-case letters, plus the seven upper-case base
# letters; upper-case toned letters live in a separate font (.VnTimeH) at the same codes.
_TCVN3_LETTERS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}


def _tcvn3_table() -> dict[int, str]:
    table = {b: bytes([b]).decode("cp1252", "replace") for b in range(0x80, 0x100)}
    table.update(_TCVN3_LETTERS)
    return table


def _vni_table() -> dict[str, str]:
    """VNI-Windows sequences (as seen through cp1252) → Unicode letters."""
    marks = {  # per shape: tone marks in the order none, sắc, huyền, hỏi, ngã, nặng
        "": ("", "ù", "ø", "û", "õ", "ï"),
        "\u0302": ("â", "á", "à", "å", "ã", "ä"),  # circumflex
        "\u0306": ("ê", "é", "è", "ú", "ü", "ë"),  # breve
    }
    out: dict[str, str] = {}
    for base, shapes in (("a", ("", "\u0302", "\u0306")), ("e", ("", "\u0302")),
                         ("o", ("", "\u0302")), ("u", ("",)), ("y", ("",))):
        for shape in shapes:
            for tone_i, mark in enumerate(marks[shape]):
                if base == "y" and tone_i == 5:
                    continue  # ỵ is a single byte
                tone = "" if tone_i == 0 else _TONES[tone_i - 1]
                letter = unicodedata.normalize("NFC", base + shape + tone)
                if base + mark != base:
                    out[base + mark] = letter
                    out[(base + mark).upper()] = letter.upper()
    for horn, seq in (("ơ", "ô"), ("ư", "ö")):
        out[seq] = horn
        out[seq.upper()] = horn.upper()
        for tone, mark in zip(_TONES, marks[""][1:], strict=True):
            letter = unicodedata.normalize("NFC", horn + tone)
            out[seq + mark] = letter
            out[(seq + mark).upper()] = letter.upper()
    singles = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}
    for seq, letter in singles.items():
        out[seq] = letter
        out[seq.upper()] = letter.upper()
    return out


@cache
def _legacy() -> tuple[dict[int, str], dict[str, str], re.Pattern[str]]:
    """The TCVN3 and VNI tables and the VNI pattern, built when a file is not UTF-8 (not at
    import: every check would pay for them)."""
    vni = _vni_table()
    return _tcvn3_table(), vni, re.compile("|".join(sorted(map(re.escape, vni), key=len,
                                                             reverse=True)))


_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
           "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_OPEN_ONLY = frozenset((  # no final consonant may follow
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"))
_NEED_CODA = frozenset(("ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"))
_NUCLEI = _OPEN_ONLY | _NEED_CODA | frozenset((
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", "oo", "uơ"))


@cache
def _syllable() -> re.Pattern[str]:
    """One Vietnamese syllable without its tone (compiled when a file is not UTF-8)."""
    return re.compile("(" + "|".join(_ONSETS) + ")?"
                      + "(" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + ")"
                      + "(ch|ng|nh|c|m|n|p|t)?")

_SHAPED = frozenset("ăâêôơư")
_TOKEN = re.compile(r"([^\W\d_]+)|([^\x00-\x7f])")

_ENCODINGS = {
    # code: (name shown, UniKey's name for it); on a tie the first one wins (the most common)
    "tcvn3": ("TCVN3 (ABC)", "TCVN3 (ABC)"),
    "vni": ("VNI-Windows", "VNI Windows"),
    "windows-1258": ("Windows-1258 (CP1258)", "Vietnamese locale CP 1258"),
}


def _decode_legacy(raw: bytes, encoding: str) -> str:
    """Decode ``raw`` as ``encoding``, keeping the parts that are valid UTF-8 (mixed files)."""
    text = raw.decode("utf-8", "surrogateescape")
    tcvn3, vni, vni_re = _legacy()

    def convert(m: re.Match[str]) -> str:
        chunk = m.group().encode("utf-8", "surrogateescape")
        if encoding == "windows-1258":
            return chunk.decode("cp1258", "replace")
        if encoding == "tcvn3":
            return "".join(tcvn3[b] for b in chunk)
        return chunk.decode("cp1252", "replace")

    text = _SURROGATE_RUN.sub(convert, text)
    if encoding == "vni":
        return vni_re.sub(lambda m: vni[m.group()], text)
    return unicodedata.normalize("NFC", text)


def _split_tone(word: str) -> tuple[str, int] | None:
    """'Hoàng' → ('hoang', 2): the toneless lower-case letters and the index of the toned one
    (-1 without tone); None when a letter carries two tones or a mark has no letter."""
    bases: list[str] = []
    tone_at = -1
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_SET:
            if tone_at >= 0 or not bases:
                return None
            tone_at = len(bases) - 1
        elif bases and unicodedata.combining(ch):
            bases[-1] += ch
        else:
            bases.append(ch)
    base = unicodedata.normalize("NFC", "".join(bases))
    return None if len(base) != len(bases) else (base, tone_at)


def _tone_in_place(nucleus: str, coda: str, t: int) -> bool:
    """Whether the tone sits on the vowel of ``nucleus`` that carries it (``t``, 0-based)."""
    shaped = [i for i, ch in enumerate(nucleus) if ch in _SHAPED]
    if shaped:
        return t == shaped[-1]  # ươ: on the ơ; uyê: on the ê
    if coda or len(nucleus) == 1:
        return t == len(nucleus) - 1
    if len(nucleus) == 2:  # open: on the first (mái, mùa), oa/oe/uy either way (hoà, hòa)
        return t == 0 or (t == 1 and nucleus in ("oa", "oe", "uy"))
    return t == 1  # oái, khuỷu


def _plausible(word: str) -> bool:
    """Whether ``word`` reads as one Vietnamese syllable, tone mark on the right vowel."""
    split = _split_tone(word)
    m = None if split is None else _syllable().fullmatch(split[0])
    if split is None or m is None:
        return False
    nucleus, coda = m.group(2), m.group(3) or ""
    if (coda and nucleus in _OPEN_ONLY) or (not coda and nucleus in _NEED_CODA):
        return False
    return split[1] < 0 or _tone_in_place(nucleus, coda, split[1] - m.start(2))


def _score(text: str) -> int:
    """Vietnamese-looking words minus garbage, counting only tokens with non-ASCII letters."""
    good = bad = 0
    for m in _TOKEN.finditer(text):
        word = m.group(1)
        if word is None:
            if unicodedata.category(m.group(2))[0] not in "PZ":
                bad += 1
        elif not word.isascii():
            if _plausible(word):
                good += 1
            else:
                bad += 1
    return good - 2 * bad if good else -1 - bad


def _bad_lines(raw: bytes, limit: int = 300) -> Iterator[bytes]:
    n = 0
    for line in raw.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            yield line
            n += 1
            if n >= limit:
                return


def _guess_encoding(raw: bytes) -> str | None:
    lines = list(_bad_lines(raw))
    best: str | None = None
    best_score = 0
    for encoding in _ENCODINGS:  # order breaks ties
        score = sum(_score(_decode_legacy(line, encoding)) for line in lines)
        if score > best_score:
            best, best_score = encoding, score
    return best


def _utf16_codec(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = raw[:2000]
    if len(head) >= 4 and b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
            return "utf-16-be"
    return None


def _report_encoding(sink: Sink, raw: bytes, bad: int) -> None:
    line_start = max(raw.rfind(b"\n", 0, bad), raw.rfind(b"\r", 0, bad)) + 1
    line = raw[:bad].count(b"\n") + 1
    line += len(re.findall(rb"\r(?!\n)", raw[:bad]))
    col = len(raw[line_start:bad].decode("utf-8", "replace")) + 1
    encoding = _guess_encoding(raw)
    if encoding is None:
        sink.add("ma-hoa-khong-ro", line, col,
                 "Tệp không phải Unicode UTF-8 và không nhận ra bảng mã (không giống TCVN3, VNI "
                 "hay Windows-1258). Hãy mở tệp bằng trình soạn thảo, kiểm tra chữ hiển thị đúng "
                 "rồi lưu lại với bảng mã “UTF-8”.")
        return
    name, unikey = _ENCODINGS[encoding]
    end = len(raw)
    for sep in (b"\n", b"\r"):
        j = raw.find(sep, bad)
        if j >= 0:
            end = min(end, j)
    sample = _decode_legacy(raw[line_start:end], encoding).strip()
    if len(sample) > 60:
        sample = sample[:57] + "…"
    sink.add(f"ma-hoa-{encoding}", line, col,
             f"Tệp không phải Unicode UTF-8: có vẻ được gõ bằng bảng mã {name} (đọc theo bảng mã "
             f"này, dòng {line} là “{sample}”). Hãy chuyển tệp sang Unicode UTF-8: dùng “Công cụ "
             f"chuyển mã” của UniKey (nguồn “{unikey}”, đích “Unicode”), hoặc mở tệp bằng trình "
             f"soạn thảo với đúng bảng mã rồi lưu lại với bảng mã “UTF-8”.")

