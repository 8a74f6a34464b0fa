"""The layout the page saves a dossier in: the one ``hoso new`` and ``hoso import`` write.

:func:`hoso.new.filled` writes a dossier item by item: each item's heading and instructions
(comments that depend only on the schema), then its value in the schema's key order, or, for an
item the dossier lacks, its instructions and a commented-out skeleton. This module runs the same
writer at build time for everything that depends only on the schema, and describes the rest —
which keys a value's block lists, in which order — so that the page's script writes the text
``filled`` would write for the candidate's data. ``tests/test_webform_browser.py`` compares the
two for each example dossier.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from hoso import new

#: How the header names where the file came from.
ORIGIN = "lưu từ trang khai lý lịch trên máy"
CODE = "\ue000"
CHI_BO = "\ue001"


class _Shapes(new._Writer):
    """The key order of every block ``filled`` can write, as a table of shapes.

    A shape is ``{"p": [[key, shape index], …]}`` for an object (its keys in schema order),
    ``{"b": [shape index, …]}`` for a choice between objects (``filled`` takes the branch that
    names most of the value's keys; the first on a tie), ``{"i": shape index}`` for a table's
    rows, ``{}`` for a value whose keys are kept in the order written.
    """

    def __init__(self, schema: Mapping[str, Any]) -> None:
        super().__init__(dict(schema))
        self.table: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        self._busy: set[int] = set()

    def _add(self, shape: dict[str, Any]) -> int:
        key = json.dumps(shape, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.table)
            self.table.append(shape)
        return self._index[key]

    def shape_of(self, raw: Any) -> int:
        """The shape index of a schema node, as ``filled_entry`` reads it."""
        node = self.resolve(raw)
        if id(node) in self._busy:  # a recursive schema: keys in the order written
            return self._add({})
        self._busy.add(id(node))
        try:
            out: dict[str, Any] = {}
            if "properties" in node:
                out["p"] = self._props(node)
            else:
                branches = [b for b in self.other_branches(node) if b.get("properties")]
                for branch in list(branches):
                    branches += [self.resolve(b) for b in branch.get("oneOf", ()) if not self.is_khong(b)]
                branches = [b for b in branches if b.get("properties")]
                if branches:
                    out["b"] = [self._add({"p": self._props(b)}) for b in branches]
                else:
                    fallback = self.shape(node)
                    if "properties" in fallback:
                        out["p"] = self._props(fallback)
            items = self.shape(node).get("items")
            if isinstance(items, Mapping):
                out["i"] = self.shape_of(items)
            return self._add(out)
        finally:
            self._busy.discard(id(node))

    def _props(self, node: Mapping[str, Any]) -> list[list[Any]]:
        return [[key, self.shape_of(sub)] for key, sub in node.get("properties", {}).items()]


def _js_pattern(rx: re.Pattern[str]) -> str:
    """A PyYAML resolver's pattern for JavaScript: verbose mode's layout whitespace removed."""
    if not rx.flags & re.VERBOSE:
        return rx.pattern
    out, in_class, escaped = [], False, False
    for ch in rx.pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch.isspace() and not in_class:
            continue
        else:
            out.append(ch)
    return "".join(out)


def _resolvers() -> dict[str, list[str]]:
    """PyYAML's implicit resolvers as ``yaml.safe_load`` (hence ``new._scalar``) uses them: first
    character → the patterns of the tags a plain scalar starting with it may resolve to."""
    table = yaml.SafeLoader.yaml_implicit_resolvers
    return {
        str(first): [_js_pattern(rx) for _tag, rx in entries]
        for first, entries in table.items()
        if first is not None
    }


#: Characters whose effect on a plain scalar differs between YAML readers (tabs, line breaks,
#: controls); :func:`_quoting` asks ``new._scalar`` itself which of them force quotes.
_PROBES = [
    chr(c)
    for c in (
        *range(0x20),
        *range(0x7F, 0xA1),
        0x1680,
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
        0xFEFF,
        0xFFFE,
        0xFFFF,
    )
]


def _quoting() -> str:
    """A character class of what makes ``new._scalar`` quote a text that contains it."""
    forcing = [c for c in _PROBES if new._scalar(f"a{c}b") != f"a{c}b"]
    return "[" + "".join(f"\\u{ord(c):04x}" for c in forcing) + "]"


#: Every character Python's ``str.isspace`` accepts is below this one (U+3000 IDEOGRAPHIC SPACE
#: is the last; tests/test_webform.py holds it true for the whole of Unicode).
SPACES_END = 0x3001


def _python_spaces() -> str:
    """A regular expression character class of what Python's ``str.strip`` removes."""
    spaces = [c for c in range(SPACES_END) if chr(c).isspace()]
    return "[" + "".join(f"\\u{c:04x}" for c in spaces) + "]"


def describe(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the page needs to write :func:`hoso.new.filled`'s text for any data."""
    w = _Shapes(schema)
    props: Mapping[str, Any] = schema.get("properties", {})
    order = [k for k in schema.get("x-thu-tu", ()) if k in props]
    order += [k for k in props if k not in order]
    items = []
    for key in order:
        node = props[key]
        missing = w.doc(node, "", top=True, extra="Chưa khai: bỏ dấu # đầu dòng khi có.")
        missing += new._commented(w.entry(key, node, "", docs=False), "")
        items.append(
            {
                "key": key,
                "doc": w.doc(node, "", top=True, key=key),
                "missing": missing,
                "shape": w.shape_of(node),
            }
        )
    return {
        "header": new._header(CODE, CHI_BO, ORIGIN),
        "items": items,
        "shapes": w.table,
        "specials": new.PLAIN_UNSAFE.pattern,
        "spaces": _python_spaces(),
        "resolvers": _resolvers(),
        "quoting": _quoting(),
    }


def write(schema: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    """What the page must save for ``data``: :func:`hoso.new.filled` with the page's origin."""
    return new.filled(dict(schema), data, origin=ORIGIN)
