"""YAML → a plain tree with source positions.

The nodes are composed by libyaml (``yaml.CSafeLoader``); the Python tree is built here from
them, so every value keeps its line and column and every scalar stays the text the user wrote
(dates, CCCD numbers with leading zeros, years) — only null and booleans are typed. Duplicate
keys, aliases, explicit tags, non-scalar keys, too deep or too long collections, extra
documents and a top level that is not a mapping (a lone value, a list) are findings.

A well-formed dossier — nearly every file checked — is built from libyaml's events instead
(:mod:`.fast`, half the time); the nodes are composed only when that builder meets something it
leaves to this one, so the data, positions and findings are the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hoso.findings import Path_
from hoso.load.fast import Texts
from hoso.load.fast import build as build_from_events
from hoso.load.result import MAX_DEPTH, MAX_ITEMS, Pos, Sink, deep_message, vn_number
from hoso.load.syntax import reader_error, syntax_error
from hoso.load.text import CONTROL, Lines, char_name, mark_pos

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


_DOC_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.MULTILINE)
_EMPTY = ("Tệp trống: không có nội dung nào ngoài chú thích. Hãy điền hồ sơ (có thể tạo tệp mẫu "
          "bằng lệnh “hoso new”).")


class Tree:
    """The data tree of one checked text, with the positions of its values and keys."""

    def __init__(self, sink: Sink, text: str, parse_text: str, lines: Lines, *,
                 anchors_scanned: bool, mapping_root: bool) -> None:
        """``parse_text`` is ``text`` with the characters libyaml refuses blanked; with
        ``mapping_root``, a top level that is not a mapping is reported."""
        self.sink = sink
        self.text = text
        self.parse_text = parse_text
        self.lines = lines
        self.anchors_scanned = anchors_scanned
        self.mapping_root = mapping_root
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}
        self.seen: set[int] = set()
        self.track = "*" in text
        self.alias_hits: list[Path_] = []
        self.has_question = "?" in text
        #: The positions are built on demand (:meth:`where`).
        self.lazy = False
        #: The text values and where they are, when the event builder read the file (else None).
        self.texts: Texts | None = None

    def compose(self) -> Any:
        """The data of the first document; its positions are given by :meth:`where`."""
        texts: Texts = ([], [])
        built = build_from_events(self.parse_text, self._explicit_key(), positions=False,
                                  texts=texts)
        if built is not None:  # a well-formed dossier: nothing for the nodes to find
            self.lazy = True
            self.texts = texts
            return built[0]
        return self._compose_nodes()

    def where(self) -> Callable[[], tuple[dict[Path_, Pos], dict[Path_, Pos]]]:
        """What gives the positions of the values and of the keys once composed: those the nodes
        gave, or, for a file the event builder read without them, the same builder again with
        them (only a file with findings needs them)."""
        if not self.lazy:
            found = self.positions, self.key_positions
            return lambda: found
        text, explicit_key = self.parse_text, self._explicit_key()

        def again() -> tuple[dict[Path_, Pos], dict[Path_, Pos]]:
            built = build_from_events(text, explicit_key)
            assert built is not None, "the same text read the same way"
            return built[1], built[2]

        return again

    def _explicit_key(self) -> Callable[[int], bool] | None:
        text = self.parse_text
        return (lambda i: explicit_key_at(text, i) is not None) if self.has_question else None

    def _compose_nodes(self) -> Any:
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
            syntax_error(self.sink, exc, self.lines, anchors_scanned=self.anchors_scanned)
        except yaml.YAMLError as exc:
            failed = True
            reader_error(self.sink, exc, self.text, self.parse_text, self.lines)
        finally:
            loader.dispose()

        if root is None:
            if not failed:
                self.sink.add("tep-rong", 1, 1, _EMPTY)
            return None
        if type(root) is ScalarNode and root.tag == _NULL and root.value == "":
            self.sink.add("tep-rong", 1, 1, _EMPTY)
        elif self.mapping_root and not failed and type(root) is not MappingNode:
            # (after a syntax error the first document's shape is the error's doing)
            self._not_a_dossier(root)
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

    def _not_a_dossier(self, root: Node) -> None:
        """The top level is a lone value or a list: the file has no items of the form."""
        if type(root) is SequenceNode:
            if not root.value:
                found = "một danh sách rỗng “[]”"
            elif root.flow_style:
                found = "một danh sách viết trong ngoặc vuông “[…]”"
            else:
                found = "một danh sách (các dòng bắt đầu bằng dấu “- ”)"
        elif root.tag == _NULL:
            found = f"giá trị rỗng “{root.value}”"
        elif not root.value.strip():
            found = "một chuỗi chữ rỗng"
        else:
            found = f"một giá trị đơn lẻ “{_excerpt(root.value)}”"
        self.sink.add("khong-phai-ho-so", *mark_pos(root.start_mark),
                      "Hồ sơ phải là một bảng các mục (khóa: giá trị) của Mẫu 2-KNĐ, bắt đầu bằng "
                      f"dòng “mau: 2-KNĐ”; tệp này chỉ có {found}. Hãy ghi các mục của hồ sơ, mỗi "
                      "mục một dòng dạng “ten_muc: giá trị” (có thể tạo tệp mẫu bằng lệnh "
                      "“hoso new”).")

    def _extra_document(self, node: Node, prev_end: int) -> None:
        m = _DOC_START.search(self.parse_text, prev_end, node.start_mark.index + 1)
        line, col = self.lines.pos(m.start()) if m is not None else mark_pos(node.start_mark)
        self.sink.add("nhieu-tai-lieu", line, col,
                      "Tệp có nhiều hơn một tài liệu YAML (ngăn cách bằng dòng “---”). Mỗi tệp chỉ "
                      "chứa một hồ sơ: hãy xóa dòng “---” thừa hoặc tách thành các tệp riêng.")

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
            self.sink.add("qua-sau", *mark_pos(mark), deep_message(), path)
            return False
        if node.tag not in _PLAIN_TAGS:
            self._tag(node, path)
        count = len(node.value)
        if count > MAX_ITEMS:
            kind = "Bảng" if type(node) is MappingNode else "Danh sách"
            self.sink.add("qua-nhieu-phan-tu", *mark_pos(mark),
                          f"{kind} này có {vn_number(count)} phần tử, vượt giới hạn "
                          f"{vn_number(MAX_ITEMS)}. Kiểm tra xem có dán nhầm dữ liệu không; nếu "
                          f"thật sự cần nhiều như vậy, hãy rút gọn hoặc tách ra.", path)
        return True

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        tag = node.tag
        value: str = node.value
        if tag == _STR:
            if node.style == '"' and CONTROL.search(value):
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
        at = explicit_key_at(self.parse_text, knode.start_mark.index)
        if at is None:
            return
        line, col = self.lines.pos(at)
        self.sink.add("khoa-khong-phai-chuoi", line, col,
                      "Tên mục được viết theo kiểu khóa phức hợp của YAML (dấu “? ”). Hãy viết tên "
                      "mục trực tiếp trước dấu hai chấm, ví dụ “ngay_sinh: …”.",
                      (*path, knode.value))

    def _escaped_control(self, node: Node, path: Path_) -> None:
        ch = CONTROL.search(node.value)
        what = char_name(ch.group()) if ch else ""
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


def explicit_key_at(text: str, idx: int) -> int | None:
    """The offset of the ``?`` when the key starting at ``idx`` is written ``? key``, else None."""
    line_start = max(text.rfind("\n", 0, idx), text.rfind("\r", 0, idx)) + 1
    prefix = text[line_start:idx].rstrip(" ")
    if not prefix.endswith("?"):
        return None
    before = prefix[:-1].rstrip(" ")
    if before.strip(" -") and before[-1:] not in ("[", "{", ","):
        return None
    return line_start + len(prefix) - 1


def _excerpt(value: str, limit: int = 40) -> str:
    """The first line of ``value``, cut at ``limit`` characters (“…” when anything is left out)."""
    lines = value.strip().splitlines()
    first = lines[0]
    if len(first) > limit or len(lines) > 1:
        return first[:limit].rstrip() + "…"
    return first
