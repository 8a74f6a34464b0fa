"""Load one dossier: bytes → checked text → YAML nodes → a plain tree with source positions.

Every problem becomes a located :class:`~hoso.findings.Finding`; nothing here raises for bad
input and nothing is silently repaired. The steps:

1. size (refused before reading when over :data:`MAX_BYTES`);
2. bytes → text: UTF-8 only; a BOM is reported and skipped; UTF-16 and the legacy Vietnamese
   encodings (Windows-1258, TCVN3/ABC, VNI-Windows) are recognised and named;
3. text checks: tab characters, control and bidi characters, Unicode not in NFC;
4. YAML: composed by libyaml (``yaml.CSafeLoader``); the Python tree is built here from the
   nodes, so every value keeps its line and column and every scalar stays the text the user
   wrote (dates, CCCD numbers with leading zeros, years) — only null and booleans are typed.
   Duplicate keys, anchors/aliases, explicit tags, non-scalar keys, too deep or too long
   collections and extra documents are findings.

Characters that libyaml refuses outright (tabs, control characters) are reported, then replaced
by a space in the copy that is parsed, so that the rest of the file can still be checked; column
numbers do not move.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hoso.findings import Finding, Path_, Severity

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ITEMS", "Loaded", "load_bytes", "load_file"]

MAX_BYTES = 1_000_000  # oversized file limit
MAX_DEPTH = 20  # nesting depth limit (the root collection is level 1)
MAX_ITEMS = 2_000  # max entries in one list / mapping
MAX_PER_CODE = 20  # findings listed per code before one summary finding

Pos = tuple[int, int]


@dataclass
class Loaded:
    """One loaded file. ``positions`` are 1-based (line, column) counted in characters."""

    file: str
    data: Any
    positions: dict[Path_, Pos] = field(default_factory=dict)
    key_positions: dict[Path_, Pos] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None

    def locate(self, path: Iterable[str | int]) -> Pos:
        """Position of ``path``, else of its nearest ancestor that has one, else (1, 1)."""
        p = tuple(path)
        positions = self.positions
        for n in range(len(p), -1, -1):
            pos = positions.get(p[:n])
            if pos is not None:
                return pos
        return (1, 1)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


# --------------------------------------------------------------------------------------------
# entry points


def load_file(path: str | os.PathLike[str], display: str | None = None) -> Loaded:
    """Read and load ``path``; a missing or unreadable file is a finding, never an exception."""
    shown = display if display is not None else os.fspath(path)
    sink = _Sink(shown)
    try:
        st = os.stat(path)  # before opening: a FIFO would block, a huge file is not read
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            sink.add("khong-doc-duoc", 1, 1, "Không đọc được tệp: đây không phải là một tệp "
                     "thông thường. Hãy chỉ định đúng tệp hồ sơ .yaml.")
            return sink.result(None, None)
        if st.st_size > MAX_BYTES:
            _too_big(sink, st.st_size)
            return sink.result(None, None)
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        sink.add("khong-doc-duoc", 1, 1, _os_error_message(exc))
        return sink.result(None, None)
    return load_bytes(raw, shown)


def load_bytes(raw: bytes, file: str) -> Loaded:
    """Load a dossier from its bytes; ``file`` is the path shown in findings."""
    sink = _Sink(file)
    if len(raw) > MAX_BYTES:
        _too_big(sink, len(raw))
        return sink.result(None, None)
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
        _Analysis(sink, raw.decode(utf16, "replace"), nfc=False).run()
        return sink.result(None, None)

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _report_encoding(sink, raw, exc.start)
        # Check the rest with the undecodable bytes blanked out (one character per byte);
        # the data is not used: the file must be converted first.
        fallback = _SURROGATE.sub("\ufffd", raw.decode("utf-8", "surrogateescape"))
        _Analysis(sink, fallback, nfc=False).run()
        return sink.result(None, None)

    analysis = _Analysis(sink, text, nfc=True)
    data = analysis.run()
    return sink.result(data, text, analysis.positions, analysis.key_positions)


# --------------------------------------------------------------------------------------------
# findings


class _Sink:
    """Collects the findings of one file; at most MAX_PER_CODE per code, then one summary."""

    __slots__ = ("counts", "file", "findings", "first_dropped")

    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}
        self.first_dropped: dict[str, Pos] = {}

    def add(self, code: str, line: int, col: int, message: str, path: Path_ = ()) -> None:
        n = self.counts.get(code, 0) + 1
        self.counts[code] = n
        if n > MAX_PER_CODE:
            self.first_dropped.setdefault(code, (line, col))
            return
        self.findings.append(Finding(self.file, max(line, 1), max(col, 1), code,
                                     Severity.ERROR, message, path))

    def has(self, code: str) -> bool:
        return code in self.counts

    def result(self, data: Any, text: str | None, positions: dict[Path_, Pos] | None = None,
               key_positions: dict[Path_, Pos] | None = None) -> Loaded:
        for code, (line, col) in self.first_dropped.items():
            more = self.counts[code] - MAX_PER_CODE
            self.findings.append(Finding(
                self.file, max(line, 1), max(col, 1), code, Severity.ERROR,
                f"Còn {more} chỗ khác cùng loại lỗi “{code}” (từ vị trí này trở đi) chưa được "
                f"liệt kê. Sửa các chỗ đã nêu rồi kiểm tra lại để xem tiếp."))
        self.first_dropped.clear()
        return Loaded(self.file, data, positions or {}, key_positions or {}, self.findings, text)


def _vn_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _too_big(sink: _Sink, size: int) -> None:
    sink.add("tep-qua-lon", 1, 1,
             f"Tệp quá lớn ({_vn_number(size)} byte, giới hạn {_vn_number(MAX_BYTES)} byte) nên "
             f"không được đọc. Một hồ sơ chỉ khoảng vài chục KB: kiểm tra xem có dán nhầm dữ liệu "
             f"(ảnh, bảng tính, tệp khác) vào tệp này không.")


def _os_error_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        why = "tệp không tồn tại"
    elif isinstance(exc, IsADirectoryError):
        why = "đây là một thư mục, không phải tệp"
    elif isinstance(exc, PermissionError):
        why = "không có quyền đọc tệp"
    else:
        why = f"lỗi hệ thống [{exc.strerror or exc}]"
    return f"Không đọc được tệp: {why}. Hãy kiểm tra lại đường dẫn và quyền đọc của tệp."


# --------------------------------------------------------------------------------------------
# offsets → (line, column)

_NEWLINE = re.compile(r"\r\n|\r|\n")


class _Lines:
    """Converts character offsets to 1-based (line, column); built only when needed."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def pos(self, offset: int) -> Pos:
        i = bisect.bisect_right(self.starts, offset) - 1
        return (i + 1, offset - self.starts[i] + 1)

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


# --------------------------------------------------------------------------------------------
# text checks

# Characters that are reported and blanked before parsing: C0 (tab is reported on its own, line
# breaks are fine), DEL, C1, the bidi controls, the Unicode line/paragraph separators (libyaml
# counts them as line breaks, editors do not) and the two non-characters libyaml refuses.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                      "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]")
_BLANK = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]")
_SURROGATE = re.compile("[\udc80-\udcff]")
_SURROGATE_RUN = re.compile("[\udc80-\udcff]+")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WORD_CHAR = re.compile(r"[\w\u0300-\u036f]")


def _char_name(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    return f"{code} {name}" if name else code


def _control_message(ch: str) -> str:
    what = _char_name(ch)
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


# --------------------------------------------------------------------------------------------
# YAML

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_NULL = _TAG + "null"
_BOOL = _TAG + "bool"
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_PLAIN_TAGS = frozenset(_TAG + t for t in
                        ("str", "null", "bool", "int", "float", "timestamp", "merge", "value",
                         "map", "seq"))
_SEQ = _TAG + "seq"
_MAP = _TAG + "map"
# The plain scalars PyYAML's resolver types as null and bool (its regular expressions, spelled
# out); every other implicit scalar stays text here, so the other resolvers are not needed.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL_WORDS = frozenset(("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false",
                         "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"))


class _Loader(yaml.CSafeLoader):
    """libyaml's composer with a resolver that only tells null and bool from text.

    PyYAML's resolver tries a regular expression per candidate tag for every scalar: a fifth of
    the load time (1,000 generated dossiers: 1.19 s → 0.94 s). The tree built from the nodes is
    the same: int, float and timestamp scalars were kept as the text written anyway.
    """

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _NULL_WORDS:
                    return _NULL
                if value in _BOOL_WORDS:
                    return _BOOL
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_ANCHOR_CHAR = re.compile(r"[&*][^\s\[\]{},]")
_DOC_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.MULTILINE)

# libyaml's problems → (what is wrong, what to do); checked in order, by substring
_SYNTAX: list[tuple[str, str, str]] = [
    ("could not find expected ':'",
     "thiếu dấu hai chấm “:” sau tên mục",
     "Viết theo dạng “ten_muc: giá trị” (có một dấu cách sau dấu hai chấm); nếu đây là phần "
     "tiếp theo của giá trị dòng trên, hãy thụt lề nó vào sâu hơn tên mục."),
    ("mapping values are not allowed",
     "dấu hai chấm “:” đặt sai chỗ",
     "Nếu giá trị có chứa “: ”, hãy đặt cả giá trị trong dấu ngoặc kép \"…\"; nếu không, kiểm "
     "tra thụt lề của dòng này."),
    ("mapping keys are not allowed",
     "dấu “?” đặt sai chỗ",
     "Nếu giá trị bắt đầu bằng “?”, hãy đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("block sequence entries are not allowed",
     "dấu “- ” của danh sách đặt sai chỗ",
     "Mỗi phần tử danh sách phải nằm trên một dòng riêng, thụt vào dưới tên mục; nếu giá trị "
     "bắt đầu bằng “- ”, hãy đặt trong dấu ngoặc kép."),
    ("found unexpected end of stream",
     "thiếu dấu ngoặc đóng của giá trị trong ngoặc kép hoặc nháy đơn",
     "Đóng giá trị bằng đúng loại dấu đã mở (\"…\" hoặc '…')."),
    ("found unexpected document indicator",
     "giá trị trong ngoặc chưa được đóng trước dòng “---” hoặc “...”",
     "Đóng dấu ngoặc kép hoặc nháy đơn của giá trị."),
    ("found unknown escape character",
     "giá trị trong ngoặc kép có dấu “\\” không hợp lệ",
     "Dùng nháy đơn '…' cho giá trị có dấu “\\”, hoặc viết “\\\\”."),
    ("found invalid Unicode character escape code",
     "mã “\\u…” trong ngoặc kép không hợp lệ",
     "Gõ thẳng ký tự thay cho mã “\\u…”, hoặc dùng nháy đơn '…'."),
    ("did not find expected ',' or ']'",
     "danh sách viết trong ngoặc vuông thiếu dấu “,” hoặc “]”",
     "Kiểm tra ngoặc vuông đã đóng chưa; nếu giá trị bắt đầu bằng “[” mà không phải danh sách, "
     "hãy đặt cả giá trị trong dấu ngoặc kép."),
    ("did not find expected ',' or '}'",
     "bảng viết trong ngoặc nhọn thiếu dấu “,” hoặc “}”",
     "Kiểm tra ngoặc nhọn đã đóng chưa; nếu giá trị bắt đầu bằng “{” hãy đặt cả giá trị trong "
     "dấu ngoặc kép."),
    ("found unexpected ':'",
     "dấu hai chấm “:” đặt sai chỗ",
     "Đặt giá trị có dấu “:” trong dấu ngoặc kép \"…\"."),
    ("found character that cannot start any token",
     "giá trị bắt đầu bằng một ký tự không được phép đứng đầu (ví dụ “@”, “`”, “%”)",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("did not find expected comment or line break",
     "có nội dung thừa sau giá trị",
     "Sau dấu ngoặc đóng chỉ được có chú thích “# …”; nếu cần, đặt toàn bộ giá trị trong dấu "
     "ngoặc kép."),
    ("did not find expected node content",
     "thiếu giá trị hoặc có ký hiệu đặt sai chỗ",
     "Kiểm tra dòng này: giá trị bắt đầu bằng ký hiệu (“[”, “{”, “,”, “-”) cần đặt trong dấu "
     "ngoặc kép."),
    ("while scanning an anchor", "giá trị bắt đầu bằng “&”",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("while scanning an alias", "giá trị bắt đầu bằng “*”",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("tag", "giá trị bắt đầu bằng “!” bị hiểu nhầm là thẻ kiểu YAML",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("directive", "dòng bắt đầu bằng “%” bị hiểu nhầm là chỉ thị YAML",
     "Xóa dòng này hoặc đặt giá trị trong dấu ngoặc kép \"…\"."),
    ("did not find expected whitespace",
     "thiếu dấu cách",
     "Thêm một dấu cách sau dấu hai chấm “:” hoặc sau dấu “-”."),
    ("tab character",
     "ký tự tab trong thụt lề",
     "Thay tab bằng dấu cách."),
]
# problems whose context mark (where the construct began) is the better place to point at
_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream",
               "found unexpected document indicator")


class _Analysis:
    """Text checks and YAML loading of one decoded text."""

    def __init__(self, sink: _Sink, text: str, *, nfc: bool) -> None:
        self.sink = sink
        self.text = text
        self.nfc = nfc
        self._lines: _Lines | None = None
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}
        self.seen: set[int] = set()
        self.track = "*" in text
        self.alias_hits: list[Path_] = []
        self.has_question = False
        self.parse_text = text
        self.anchors_scanned = False

    @property
    def lines(self) -> _Lines:
        if self._lines is None:
            self._lines = _Lines(self.text)
        return self._lines

    # ---- driver

    def run(self) -> Any:
        text = self.text
        blanked = False
        if "\t" in text:
            self._check_tabs()
            blanked = True
        if _CONTROL.search(text):
            self._check_controls()
            blanked = True
        if self.nfc and not unicodedata.is_normalized("NFC", text):
            self._check_nfc()
        if blanked:
            self.parse_text = _BLANK.sub(" ", text)
        self.has_question = "?" in text
        if ("&" in text or "*" in text) and _maybe_anchor(text):
            self._scan_anchors()
        return self._compose()

    # ---- text checks

    def _check_tabs(self) -> None:
        lines = self.lines
        text = self.text
        i = text.find("\t")
        while i >= 0:
            line, col = lines.pos(i)
            self.sink.add("ky-tu-tab", line, col,
                          "Có ký tự tab ở đây; YAML chỉ cho phép thụt lề và ngăn cách bằng dấu "
                          "cách. Hãy thay tab bằng dấu cách (trong trình soạn thảo: bật chế độ "
                          "“Insert spaces” / chuyển tab thành dấu cách).")
            # one finding per line: go on from the next line
            nxt = lines.starts[line] if line < len(lines.starts) else len(text)
            i = text.find("\t", nxt)

    def _check_controls(self) -> None:
        lines = self.lines
        for m in _CONTROL.finditer(self.text):
            line, col = lines.pos(m.start())
            self.sink.add("ky-tu-dieu-khien", line, col, _control_message(m.group()))

    def _check_nfc(self) -> None:
        lines = self.lines
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
            self.sink.add(
                "unicode-chua-chuan-hoa", n, i + 1,
                f"Chữ “{shown}” được gõ bằng Unicode tổ hợp (dấu thanh tách rời chữ cái, chưa "
                f"chuẩn hóa NFC): trông giống nhưng máy tìm kiếm và so sánh sai. Hãy chuyển tệp "
                f"sang Unicode dựng sẵn: “Công cụ chuyển mã” của UniKey (nguồn “Unicode tổ hợp”, "
                f"đích “Unicode”), hoặc đặt bộ gõ ở bảng mã “Unicode” (dựng sẵn) rồi gõ lại chữ "
                f"này.")

    # ---- anchors and aliases (events, never expanded)

    def _scan_anchors(self) -> None:
        """Report every anchor and alias at its own position, with the path where it is."""
        self.anchors_scanned = True
        sink = self.sink
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
            for ev in yaml.parse(self.parse_text, Loader=yaml.CSafeLoader):
                if isinstance(ev, yaml.AliasEvent):
                    name = ev.anchor
                    sink.add("yaml-bi-danh", *_pos(ev.start_mark),
                             f"Không được dùng bí danh YAML (*{name}): hồ sơ phải ghi đầy đủ "
                             f"từng giá trị. Hãy thay “*{name}” bằng nội dung đầy đủ.", here())
                    advance()
                elif isinstance(ev, yaml.NodeEvent):  # scalar, sequence or mapping start
                    name = ev.anchor
                    if name is not None:
                        sink.add("yaml-bi-danh", *_pos(ev.start_mark),
                                 f"Không được dùng neo YAML (&{name}): hồ sơ phải ghi đầy đủ "
                                 f"từng giá trị. Hãy xóa “&{name}” và chép nội dung vào những "
                                 f"chỗ đang dùng “*{name}”.", here())
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

    # ---- composing

    def _compose(self) -> Any:
        loader = _Loader(self.parse_text)
        root: Node | None = None
        prev_end = 0
        documents = 0
        failed = False
        try:
            while loader.check_node():
                node = loader.get_node()
                if node is None:
                    break
                documents += 1
                if documents == 1:
                    root = node
                else:
                    self._extra_document(node, prev_end)
                prev_end = node.end_mark.index
        except yaml.MarkedYAMLError as exc:
            failed = True
            self._syntax_error(exc)
        except yaml.YAMLError as exc:
            failed = True
            self._reader_error(exc)
        finally:
            loader.dispose()

        if root is None:
            if not failed:
                self.sink.add("tep-rong", 1, 1,
                              "Tệp trống: không có nội dung nào ngoài chú thích. Hãy điền hồ sơ "
                              "(có thể tạo tệp mẫu bằng lệnh “hoso new”).")
            return None
        if type(root) is ScalarNode and root.tag == _NULL and root.value == "":
            self.sink.add("tep-rong", 1, 1,
                          "Tệp trống: không có nội dung nào ngoài chú thích. Hãy điền hồ sơ "
                          "(có thể tạo tệp mẫu bằng lệnh “hoso new”).")
        data = self._build(root, (), 0)
        if self.alias_hits and not self.sink.has("yaml-bi-danh"):
            path = self.alias_hits[0]
            line, col = self._locate(path)
            self.sink.add("yaml-bi-danh", line, col,
                          "Không được dùng neo (&) và bí danh (*) của YAML: hồ sơ phải ghi đầy đủ "
                          "từng giá trị. Hãy thay bí danh bằng nội dung đầy đủ.", path)
        return data

    def _locate(self, path: Path_) -> Pos:
        for n in range(len(path), -1, -1):
            pos = self.positions.get(path[:n])
            if pos is not None:
                return pos
        return (1, 1)

    def _extra_document(self, node: Node, prev_end: int) -> None:
        m = _DOC_START.search(self.parse_text, prev_end, node.start_mark.index + 1)
        line, col = self.lines.pos(m.start()) if m is not None else _pos(node.start_mark)
        self.sink.add("nhieu-tai-lieu", line, col,
                      "Tệp có nhiều hơn một tài liệu YAML (ngăn cách bằng dòng “---”). Mỗi tệp chỉ "
                      "chứa một hồ sơ: hãy xóa dòng “---” thừa hoặc tách thành các tệp riêng.")

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        problem = exc.problem or ""
        context = exc.context or ""
        pmark = exc.problem_mark
        cmark = exc.context_mark
        if "maximum nesting depth" in problem:
            self.sink.add("qua-sau", *_pos(pmark), _deep_message())
            return
        if "alias" in problem or "anchor" in problem:
            if not self.anchors_scanned:
                line, col = _pos(pmark)
                self.sink.add("yaml-bi-danh", line, col,
                              "Không được dùng neo (&) và bí danh (*) của YAML: hồ sơ phải ghi "
                              f"đầy đủ từng giá trị. [{problem}]")
            return
        mark = pmark
        if cmark is not None and any(p in problem for p in _AT_CONTEXT):
            mark = cmark
        line, col = _pos(mark)
        what, todo = self._explain(problem, context, line, col)
        msg = f"Lỗi cú pháp YAML: {what}. {todo}"
        if cmark is not None and mark is not cmark and cmark.line + 1 != line:
            msg += f" (Phần đang đọc bắt đầu ở dòng {cmark.line + 1}, cột {cmark.column + 1}.)"
        if self.sink.has("ky-tu-tab"):
            msg += " Tệp có ký tự tab (xem lỗi “ky-tu-tab”): thay tab bằng dấu cách trước."
        original = f"{context}: {problem}" if context else problem
        self.sink.add("yaml-cu-phap", line, col, f"{msg} [{original}]")

    def _explain(self, problem: str, context: str, line: int, col: int) -> tuple[str, str]:
        if "did not find expected key" in problem or "expected '-' indicator" in problem:
            text = self.lines.line_text(line) if line <= len(self.lines.starts) else ""
            before, at = text[: col - 1], text[col - 1: col]
            if at == ":":
                return ("thiếu tên mục trước dấu hai chấm",
                        "Ghi tên mục trước dấu hai chấm, ví dụ “ngay_sinh: …”.")
            if before.strip(" "):
                return ("có nội dung thừa sau giá trị (thường do dấu ngoặc kép đóng quá sớm)",
                        "Đặt toàn bộ giá trị trong một cặp dấu ngoặc kép \"…\"; dấu ngoặc kép bên "
                        "trong viết là \\\".")
            return ("thụt lề không đều",
                    "Các mục cùng cấp phải thẳng cột với nhau (cùng số dấu cách đầu dòng); các "
                    "dòng “- ” của cùng một danh sách cũng phải thẳng cột.")
        both = f"{context} {problem}"
        for needle, what, todo in _SYNTAX:
            if needle in both:
                return what, todo
        return ("nội dung không đúng cú pháp YAML",
                "Kiểm tra thụt lề, dấu hai chấm và các dấu ngoặc ở dòng này và dòng ngay trên.")

    def _reader_error(self, exc: yaml.YAMLError) -> None:
        # libyaml reports a byte offset into the UTF-8 it was given
        offset = getattr(exc, "position", 0) or 0
        chars = len(self.parse_text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, col = self.lines.pos(min(chars, len(self.text)))
        if not self.sink.has("ky-tu-dieu-khien"):
            reason = getattr(exc, "reason", "") or type(exc).__name__
            self.sink.add("ky-tu-dieu-khien", line, col,
                          f"Tệp có ký tự không hợp lệ ở đây. Hãy xóa ký tự này. [{reason}]")

    # ---- the tree

    def _build(self, node: Node, path: Path_, level: int) -> Any:
        """Turn a node into str/None/bool/dict/list; ``level`` = enclosing collections.

        Aliases are the same node object met again: they are never expanded. Only a text with
        a ``*`` can have one, so the identity bookkeeping is skipped otherwise.
        """
        if self.track:
            nid = id(node)
            if nid in self.seen:
                self.alias_hits.append(path)
                return None
            self.seen.add(nid)
        mark = node.start_mark
        positions = self.positions
        positions[path] = (mark.line + 1, mark.column + 1)
        cls = type(node)
        if cls is ScalarNode:
            return self._scalar(cast(ScalarNode, node), path)
        if not self._collection_ok(node, path, level):
            return None
        items = node.value
        level += 1
        build = self._build
        # (path + (i,) is the faster spelling of (*path, i) on this hot path)
        if cls is SequenceNode:
            return [build(child, path + (i,), level)  # noqa: RUF005
                    for i, child in enumerate(items)]
        out: dict[str, Any] = {}
        key_positions = self.key_positions
        fast = not self.track
        for knode, vnode in items:
            if type(knode) is not ScalarNode or knode.tag == _NULL:
                self._bad_key(knode, path)
                self._build_elsewhere(vnode, (*path, "?"), level)
                continue
            key = knode.value
            kmark = knode.start_mark
            if self.has_question:
                self._check_explicit_key(knode, path)
            kpath = path + (key,)  # noqa: RUF005
            if key in out:
                first = key_positions[kpath]
                self.sink.add("khoa-trung-lap", kmark.line + 1, kmark.column + 1,
                              f"Khóa “{key}” bị lặp: đã có ở dòng {first[0]}. Mỗi mục chỉ được "
                              f"khai một lần: hãy gộp nội dung vào chỗ đầu tiên và xóa chỗ lặp.",
                              kpath)
                self._build_elsewhere(vnode, kpath, level)
                continue
            key_positions[kpath] = (kmark.line + 1, kmark.column + 1)
            # fast path for the common case: a plain or single-quoted string value
            if fast and type(vnode) is ScalarNode and vnode.tag == _STR and vnode.style != '"':
                vmark = vnode.start_mark
                positions[kpath] = (vmark.line + 1, vmark.column + 1)
                out[key] = vnode.value
            else:
                out[key] = build(vnode, kpath, level)
        return out

    def _collection_ok(self, node: Node, path: Path_, level: int) -> bool:
        """Depth, length and tag of a list or mapping; False when it is not to be entered."""
        mark = node.start_mark
        if level >= MAX_DEPTH:
            self.sink.add("qua-sau", *_pos(mark), _deep_message(), path)
            return False
        if node.tag not in _PLAIN_TAGS:
            self._tag(node, path)
        count = len(node.value)
        if count > MAX_ITEMS:
            kind = "Bảng" if type(node) is MappingNode else "Danh sách"
            self.sink.add("qua-nhieu-phan-tu", *_pos(mark),
                          f"{kind} này có {_vn_number(count)} phần tử, vượt giới hạn "
                          f"{_vn_number(MAX_ITEMS)}. Kiểm tra xem có dán nhầm dữ liệu không; nếu "
                          f"thật sự cần nhiều như vậy, hãy rút gọn hoặc tách ra.", path)
        return True

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        tag = node.tag
        value: str = node.value
        if tag == _STR:
            if node.style == '"' and _CONTROL.search(value):
                self._escaped_control(node, path)
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            b = _BOOLS.get(value.lower())
            return value if b is None else b
        if tag not in _PLAIN_TAGS:
            self._tag(node, path)
        return value

    def _build_elsewhere(self, node: Node, path: Path_, level: int) -> None:
        """Check a value that does not go into the data (a duplicate key's, a bad key's)."""
        saved = self.positions, self.key_positions
        self.positions, self.key_positions = {}, {}
        try:
            self._build(node, path, level)
        finally:
            self.positions, self.key_positions = saved

    def _bad_key(self, knode: Node, path: Path_) -> None:
        mark = knode.start_mark
        if type(knode) is ScalarNode:
            msg = ("Tên mục bị bỏ trống (hoặc là “null”, “~”). Hãy ghi tên mục trước dấu hai "
                   "chấm, ví dụ “ngay_sinh: …”.")
        else:
            kind = "một bảng" if type(knode) is MappingNode else "một danh sách"
            msg = (f"Tên mục ở đây là {kind}, không phải một tên đơn giản. Tên mục phải là chữ "
                   f"viết liền trước dấu hai chấm, ví dụ “ngay_sinh: …”.")
        self.sink.add("khoa-khong-phai-chuoi", mark.line + 1, mark.column + 1, msg, path)

    def _check_explicit_key(self, knode: Node, path: Path_) -> None:
        """A key written as ``? key`` (YAML complex key) is refused."""
        idx = knode.start_mark.index
        text = self.parse_text
        line_start = max(text.rfind("\n", 0, idx), text.rfind("\r", 0, idx)) + 1
        prefix = text[line_start:idx].rstrip(" ")
        if not prefix.endswith("?"):
            return
        before = prefix[:-1].rstrip(" ")
        if before.strip(" -") and before[-1:] not in ("[", "{", ","):
            return
        line, col = self.lines.pos(line_start + len(prefix) - 1)
        self.sink.add("khoa-khong-phai-chuoi", line, col,
                      "Tên mục được viết theo kiểu khóa phức hợp của YAML (dấu “? ”). Hãy viết tên "
                      "mục trực tiếp trước dấu hai chấm, ví dụ “ngay_sinh: …”.",
                      (*path, knode.value))

    def _escaped_control(self, node: Node, path: Path_) -> None:
        ch = _CONTROL.search(node.value)
        what = _char_name(ch.group()) if ch else ""
        mark = node.start_mark
        self.sink.add("ky-tu-dieu-khien", mark.line + 1, mark.column + 1,
                      f"Giá trị trong ngoặc kép này dùng mã thoát “\\…” để tạo ký tự điều khiển vô "
                      f"hình ({what}). Hãy xóa mã thoát đó.", path)

    def _tag(self, node: Node, path: Path_) -> None:
        mark = node.start_mark
        tag = node.tag
        shown = "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
        self.sink.add("yaml-the", mark.line + 1, mark.column + 1,
                      f"Giá trị này có thẻ kiểu YAML “{shown}”, hồ sơ không dùng thẻ kiểu. Nếu giá "
                      f"trị thật sự bắt đầu bằng “!”, hãy đặt cả giá trị trong dấu ngoặc kép "
                      f"\"…\"; nếu không, hãy xóa “{shown}”.", path)


def _pos(mark: Any) -> Pos:
    """A libyaml mark (0-based, in characters) as a 1-based (line, column)."""
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _maybe_anchor(text: str) -> bool:
    """Whether ``text`` may hold an anchor or alias: ``&x``/``*x`` after a blank, ``[{,``."""
    for m in _ANCHOR_CHAR.finditer(text):
        i = m.start()
        if i == 0 or text[i - 1] in " \t\r\n[{,":
            return True
    return False


def _deep_message() -> str:
    return (f"Dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp). Hồ sơ hợp lệ không lồng sâu như "
            f"vậy: hãy kiểm tra lại thụt lề và các dấu ngoặc [ ] {{ }}.")


# --------------------------------------------------------------------------------------------
# encodings

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


_TCVN3 = _tcvn3_table()
_VNI = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
           "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_OPEN_ONLY = frozenset((  # no final consonant may follow
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"))
_NEED_CODA = frozenset(("ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"))
_NUCLEI = _OPEN_ONLY | _NEED_CODA | frozenset((
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", "oo", "uơ"))
_SYLLABLE = re.compile(
    "(" + "|".join(_ONSETS) + ")?"
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

    def convert(m: re.Match[str]) -> str:
        chunk = m.group().encode("utf-8", "surrogateescape")
        if encoding == "windows-1258":
            return chunk.decode("cp1258", "replace")
        if encoding == "tcvn3":
            return "".join(_TCVN3[b] for b in chunk)
        return chunk.decode("cp1252", "replace")

    text = _SURROGATE_RUN.sub(convert, text)
    if encoding == "vni":
        return _VNI_RE.sub(lambda m: _VNI[m.group()], text)
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
    m = None if split is None else _SYLLABLE.fullmatch(split[0])
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


def _report_encoding(sink: _Sink, raw: bytes, bad: int) -> None:
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
