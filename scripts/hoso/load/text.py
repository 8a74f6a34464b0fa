"""The text checks, made before the YAML is composed, and positions in the text.

Tabs, control and bidi characters, the Unicode line separators and text not in NFC are each
reported where they are; tabs and control characters are then blanked (one space each, so
columns do not move) in the copy that is parsed. Anchors and aliases are reported from libyaml's
events, never expanded.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Any

import yaml

from hoso.findings import Path_
from hoso.load.result import Pos, Sink

# --------------------------------------------------------------------------------------------
# offsets → (line, column)

_NEWLINE = re.compile(r"\r\n|\r|\n")


class Lines:
    """Converts character offsets to 1-based (line, column); the line starts are found on first
    use only."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        return self._starts

    def pos(self, offset: int) -> Pos:
        starts = self.starts
        i = bisect.bisect_right(starts, offset) - 1
        return (i + 1, offset - starts[i] + 1)

    def line_text(self, line: int) -> str:
        starts = self.starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def mark_pos(mark: Any) -> Pos:
    """A libyaml mark (0-based, in characters) as a 1-based (line, column)."""
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


# --------------------------------------------------------------------------------------------
# text checks

# Characters that are reported and blanked before parsing: C0 (tab is reported on its own, line
# breaks are fine), DEL, C1, the bidi controls, the Unicode line/paragraph separators (libyaml
# counts them as line breaks, editors do not) and the two non-characters libyaml refuses.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                     "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]")
_BLANK = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WORD_CHAR = re.compile(r"[\w\u0300-\u036f]")


def char_name(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    return f"{code} {name}" if name else code


def _control_message(ch: str) -> str:
    what = char_name(ch)
    if ch in _BIDI:
        return (f"Có ký tự điều khiển hướng chữ vô hình ({what}): nó làm chữ hiển thị khác với "
                f"nội dung thật. Hãy xóa ký tự này (xóa rồi gõ lại đoạn chữ quanh vị trí này).")
    if ch in "\u2028\u2029":
        return (f"Có ký tự ngắt dòng đặc biệt vô hình ({what}), thường lẫn vào khi sao chép từ "
                f"Word hoặc trang web. Hãy xóa nó và xuống dòng bằng phím Enter bình thường.")
    return (f"Có ký tự điều khiển vô hình ({what}), thường lẫn vào khi sao chép từ Word, PDF "
            f"hoặc trang web. Hãy xóa ký tự này (xóa rồi gõ lại đoạn chữ quanh vị trí này).")


def _word_at(line: str, i: int) -> str:
    """The word around index ``i`` of ``line`` (letters, digits and combining marks)."""
    start = i
    while start > 0 and _WORD_CHAR.match(line[start - 1]):
        start -= 1
    end = i
    while end < len(line) and _WORD_CHAR.match(line[end]):
        end += 1
    word = line[start:end] or line[i:i + 1]
    return word[:40]


def check_text(sink: Sink, text: str, lines: Lines, *, nfc: bool) -> str:
    """Report tabs, control characters and (with ``nfc``) text not in NFC; the text to parse.

    The text to parse is ``text`` with its tabs and control characters blanked, which libyaml
    would refuse outright, so that the rest of the file can still be checked.
    """
    blanked = False
    if "\t" in text:
        _check_tabs(sink, text, lines)
        blanked = True
    if CONTROL.search(text):
        _check_controls(sink, text, lines)
        blanked = True
    if nfc and not unicodedata.is_normalized("NFC", text):
        _check_nfc(sink, lines)
    return _BLANK.sub(" ", text) if blanked else text


def _check_tabs(sink: Sink, text: str, lines: Lines) -> None:
    i = text.find("\t")
    while i >= 0:
        line, col = lines.pos(i)
        sink.add("ky-tu-tab", line, col,
                 "Có ký tự tab ở đây; YAML chỉ cho phép thụt lề và ngăn cách bằng dấu cách. Hãy "
                 "thay tab bằng dấu cách (trong trình soạn thảo: bật chế độ “Insert spaces” / "
                 "chuyển tab thành dấu cách).")
        # one finding per line: go on from the next line
        nxt = lines.starts[line] if line < len(lines.starts) else len(text)
        i = text.find("\t", nxt)


def _check_controls(sink: Sink, text: str, lines: Lines) -> None:
    for m in CONTROL.finditer(text):
        line, col = lines.pos(m.start())
        sink.add("ky-tu-dieu-khien", line, col, _control_message(m.group()))


def _check_nfc(sink: Sink, lines: Lines) -> None:
    for n in range(1, len(lines.starts) + 1):
        line = lines.line_text(n)
        if line.isascii() or unicodedata.is_normalized("NFC", line):
            continue
        norm = unicodedata.normalize("NFC", line)
        i = 0
        limit = min(len(line), len(norm))
        while i < limit and line[i] == norm[i]:
            i += 1
        # step back to the base letter the marks belong to
        while 0 < i < len(line) and unicodedata.combining(line[i]):
            i -= 1
        word = _word_at(line, i)
        shown = unicodedata.normalize("NFC", word)
        sink.add(
            "unicode-chua-chuan-hoa", n, i + 1,
            f"Chữ “{shown}” được gõ bằng Unicode tổ hợp (dấu thanh tách rời chữ cái, chưa chuẩn "
            f"hóa NFC): trông giống nhưng máy tìm kiếm và so sánh sai. Hãy chuyển tệp sang "
            f"Unicode dựng sẵn: “Công cụ chuyển mã” của UniKey (nguồn “Unicode tổ hợp”, đích "
            f"“Unicode”), hoặc đặt bộ gõ ở bảng mã “Unicode” (dựng sẵn) rồi gõ lại chữ này.")


# --------------------------------------------------------------------------------------------
# anchors and aliases

_ANCHOR_CHAR = re.compile(r"[&*][^\s\[\]{},]")


def scan_anchors(sink: Sink, text: str, parse_text: str) -> bool:
    """Report every anchor and alias at its own position, with the path where it is.

    False when ``text`` cannot hold any (nothing was scanned then).
    """
    if not (("&" in text or "*" in text) and _maybe_anchor(text)):
        return False
    # one frame per open collection: [is_mapping, index or current key, expecting_key, path]
    stack: list[list[Any]] = []

    def here() -> Path_:
        if not stack:
            return ()
        is_map, comp, expecting_key, path = stack[-1]
        return path if is_map and expecting_key else (*path, comp)

    def advance(key: Any = "?") -> None:
        if stack:
            top = stack[-1]
            if top[0]:
                if top[2]:
                    top[1] = key
                top[2] = not top[2]
            else:
                top[1] += 1

    try:
        for ev in yaml.parse(parse_text, Loader=yaml.CSafeLoader):
            if isinstance(ev, yaml.AliasEvent):
                name = ev.anchor
                sink.add("yaml-bi-danh", *mark_pos(ev.start_mark),
                         f"Không được dùng bí danh YAML (*{name}): hồ sơ phải ghi đầy đủ từng "
                         f"giá trị. Hãy thay “*{name}” bằng nội dung đầy đủ.", here())
                advance()
            elif isinstance(ev, yaml.NodeEvent):  # scalar, sequence or mapping start
                name = ev.anchor
                if name is not None:
                    sink.add("yaml-bi-danh", *mark_pos(ev.start_mark),
                             f"Không được dùng neo YAML (&{name}): hồ sơ phải ghi đầy đủ từng "
                             f"giá trị. Hãy xóa “&{name}” và chép nội dung vào những chỗ đang "
                             f"dùng “*{name}”.", here())
                if isinstance(ev, yaml.ScalarEvent):
                    advance(ev.value)
                else:
                    stack.append([isinstance(ev, yaml.MappingStartEvent), 0, True, here()])
            elif isinstance(ev, yaml.CollectionEndEvent):
                stack.pop()
                advance()
            elif isinstance(ev, yaml.DocumentEndEvent):
                stack.clear()
    except yaml.YAMLError:
        pass  # reported by the composer
    return True


def _maybe_anchor(text: str) -> bool:
    """Whether ``text`` may hold an anchor or alias: ``&x``/``*x`` after a blank, ``[{,``."""
    for m in _ANCHOR_CHAR.finditer(text):
        i = m.start()
        if i == 0 or text[i - 1] in " \t\r\n[{,":
            return True
    return False
