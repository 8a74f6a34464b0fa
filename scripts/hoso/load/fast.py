"""The tree of a well-formed dossier, built straight from libyaml's event stream.

Composing YAML nodes first (:mod:`.tree`) makes libyaml call back into Python to resolve every
scalar and builds a Python node object for every value, before the tree is built from them; the
events alone carry all the tree needs. This builder reads the events once and fills the data and
the positions of every value and key in the same pass.

It handles only what a clean dossier holds: one document whose top level is a mapping, plain or
quoted scalars, mappings with text keys, lists — no anchor, alias or tag, no duplicate or blank
key, no ``? key``, nothing too deep or too long, no escaped control character, no syntax error.
At anything else it gives up (:data:`None`) and :class:`~hoso.load.tree.Tree` composes the
file node by node, finding and explaining what is wrong: the result of a file either way is the
same data, positions and findings.

A clean dossier's positions are never asked for (they locate findings), so the builder can leave
them out (``positions=False``: a third less time per file); :class:`~hoso.load.Loaded` builds
them again from the same text on the first question.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from hoso.findings import Path_
from hoso.load.result import MAX_DEPTH, MAX_ITEMS, Pos
from hoso.load.text import CONTROL

# What the composer's resolver makes of a plain scalar (hoso.load.tree._Loader.resolve): null
# and booleans; everything else stays the text written.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL_VALUES = {w: v for v, words in ((True, ("yes", "Yes", "YES", "true", "True", "TRUE", "on",
                                             "On", "ON")),
                                      (False, ("no", "No", "NO", "false", "False", "FALSE", "off",
                                               "Off", "OFF")))
                for w in words}


class _Careful(Exception):
    """Something the careful builder must see."""


Built = tuple[Any, dict[Path_, Pos], dict[Path_, Pos]]
#: Every text value in document order, and where each is: (parent path, key or index).
Texts = tuple[list[str], list[tuple[Path_, str | int]]]


def build(parse_text: str, explicit_key: Any = None, *, positions: bool = True,
          texts: Texts | None = None) -> Built | None:
    """(data, positions, key positions) of ``parse_text``; None when the careful builder must
    look (see the module's docstring). Without ``positions`` both dictionaries stay empty, and
    ``texts`` (two empty lists) receives every text value and where it is, in document order —
    what the rules index (:class:`hoso.validate.rules.base.Texts`), without a walk of the tree.

    ``explicit_key(index)`` tells whether the key starting at ``index`` is written ``? key``;
    None when the text has no ``?`` at all.
    """
    parser = CParser(parse_text)
    try:
        if positions:
            return _Builder(parser.get_event, explicit_key).document()
        builder = _DataBuilder(parser.get_event, explicit_key)
        data = builder.document()[0]
        if texts is not None:
            texts[0][:], texts[1][:] = builder.values, builder.refs
        return data, {}, {}
    except (_Careful, yaml.YAMLError, RecursionError):
        return None
    finally:
        parser.dispose()


class _Builder:
    __slots__ = ("explicit_key", "get", "key_positions", "positions")

    def __init__(self, get: Any, explicit_key: Any) -> None:
        self.get = get
        self.explicit_key = explicit_key
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}

    def document(self) -> Built:
        get = self.get
        if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
            raise _Careful
        root: Any = get()
        if type(root) is not MappingStartEvent or root.anchor is not None or root.tag is not None:
            raise _Careful
        mark: Any = root.start_mark
        self.positions[()] = (mark.line + 1, mark.column + 1)
        data = self.mapping((), 1)
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise _Careful  # another document follows
        return data, self.positions, self.key_positions

    def value(self, ev: Any, path: Path_, level: int) -> Any:
        """The value that starts with event ``ev`` at ``path``; ``level``: enclosing
        collections."""
        mark: Any = ev.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        cls = type(ev)
        if ev.anchor is not None or ev.tag is not None or cls is AliasEvent:
            raise _Careful
        if cls is ScalarEvent:
            value: str = ev.value
            if ev.implicit[0]:
                if value in _NULL_WORDS:
                    return None
                return _BOOL_VALUES.get(value, value)
            if ev.style == '"' and CONTROL.search(value):
                raise _Careful
            return value
        if level >= MAX_DEPTH:
            raise _Careful
        if cls is MappingStartEvent:
            return self.mapping(path, level + 1)
        if cls is SequenceStartEvent:
            return self.sequence(path, level + 1)
        raise _Careful  # pragma: no cover - libyaml sends nothing else here

    def mapping(self, path: Path_, level: int) -> dict[str, Any]:
        get, key_positions, explicit_key = self.get, self.key_positions, self.explicit_key
        positions = self.positions
        out: dict[str, Any] = {}
        while True:
            ev: Any = get()
            cls = type(ev)
            if cls is MappingEndEvent:
                if len(out) > MAX_ITEMS:
                    raise _Careful
                return out
            if cls is not ScalarEvent or ev.anchor is not None or ev.tag is not None:
                raise _Careful
            key: str = ev.value
            if key in out or (ev.implicit[0] and key in _NULL_WORDS):
                raise _Careful
            mark: Any = ev.start_mark
            if explicit_key is not None and explicit_key(mark.index):
                raise _Careful
            kpath = path + (key,)  # noqa: RUF005 - the faster spelling on this hot path
            key_positions[kpath] = (mark.line + 1, mark.column + 1)
            ev = get()
            if type(ev) is ScalarEvent and ev.anchor is None and ev.tag is None:
                # inline, the common case: a text value
                mark = ev.start_mark
                positions[kpath] = (mark.line + 1, mark.column + 1)
                value: str = ev.value
                if ev.implicit[0]:
                    out[key] = None if value in _NULL_WORDS else _BOOL_VALUES.get(value, value)
                elif ev.style == '"' and CONTROL.search(value):
                    raise _Careful
                else:
                    out[key] = value
            else:
                out[key] = self.value(ev, kpath, level)

    def sequence(self, path: Path_, level: int) -> list[Any]:
        get, value = self.get, self.value
        out: list[Any] = []
        while True:
            ev: Any = get()
            if type(ev) is SequenceEndEvent:
                if len(out) > MAX_ITEMS:
                    raise _Careful
                return out
            out.append(value(ev, path + (len(out),), level))  # noqa: RUF005


class _DataBuilder(_Builder):
    """:class:`_Builder` without the positions: the same data, and the same reasons to step
    aside; it lists the text values (``values``) and where each is (``refs``: the parent's path
    and the key or index) as it meets them."""

    __slots__ = ("refs", "values")

    def __init__(self, get: Any, explicit_key: Any) -> None:
        super().__init__(get, explicit_key)
        self.values: list[str] = []
        self.refs: list[tuple[Path_, str | int]] = []

    def value(self, ev: Any, path: Path_, level: int, key: str | int = "") -> Any:
        """The value at ``path + (key,)``; ``path`` is its parent's."""
        cls = type(ev)
        if ev.anchor is not None or ev.tag is not None or cls is AliasEvent:
            raise _Careful
        if cls is ScalarEvent:
            value: str = ev.value
            if ev.implicit[0]:
                if value in _NULL_WORDS:
                    return None
                found = _BOOL_VALUES.get(value, value)
                if found is value:
                    self.values.append(value)
                    self.refs.append((path, key))
                return found
            if ev.style == '"' and CONTROL.search(value):
                raise _Careful
            self.values.append(value)
            self.refs.append((path, key))
            return value
        if level >= MAX_DEPTH:
            raise _Careful
        if cls is MappingStartEvent:
            return self.mapping(path + (key,), level + 1)  # noqa: RUF005
        if cls is SequenceStartEvent:
            return self.sequence(path + (key,), level + 1)  # noqa: RUF005
        raise _Careful  # pragma: no cover - libyaml sends nothing else here

    def document(self) -> Built:
        get = self.get
        if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
            raise _Careful
        root: Any = get()
        if type(root) is not MappingStartEvent or root.anchor is not None or root.tag is not None:
            raise _Careful
        data = self.mapping((), 1)
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise _Careful  # another document follows
        return data, self.positions, self.key_positions

    def mapping(self, path: Path_, level: int) -> dict[str, Any]:
        get, explicit_key = self.get, self.explicit_key
        add_value, add_ref = self.values.append, self.refs.append
        out: dict[str, Any] = {}
        while True:
            ev: Any = get()
            cls = type(ev)
            if cls is MappingEndEvent:
                if len(out) > MAX_ITEMS:
                    raise _Careful
                return out
            if cls is not ScalarEvent or ev.anchor is not None or ev.tag is not None:
                raise _Careful
            key: str = ev.value
            if key in out or (ev.implicit[0] and key in _NULL_WORDS):
                raise _Careful
            if explicit_key is not None and explicit_key(ev.start_mark.index):
                raise _Careful
            ev = get()
            if type(ev) is ScalarEvent and ev.anchor is None and ev.tag is None:
                value: str = ev.value
                if ev.implicit[0]:
                    found = None if value in _NULL_WORDS else _BOOL_VALUES.get(value, value)
                    out[key] = found
                    if found is not value:  # null or a boolean: not a text
                        continue
                elif ev.style == '"' and CONTROL.search(value):
                    raise _Careful
                else:
                    out[key] = value
                add_value(value)
                add_ref((path, key))
            else:
                out[key] = self.value(ev, path, level, key)

    def sequence(self, path: Path_, level: int) -> list[Any]:
        get, value = self.get, self.value
        out: list[Any] = []
        while True:
            ev: Any = get()
            if type(ev) is SequenceEndEvent:
                if len(out) > MAX_ITEMS:
                    raise _Careful
                return out
            out.append(value(ev, path, level, len(out)))
