"""A Word document's body as the import sees it: paragraphs and tables, with their text and the
content controls in them.

Text is what a reader sees: tracked deletions, field instructions and the fallback copy of
alternate content are left out; tabs become "\\t", line breaks "\\n". Block-level content
controls and nested tables are looked through.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from hoso.word.parts import W

_W = f"{{{W}}}"
_SKIP = {f"{_W}del", f"{_W}instrText", f"{_W}delText", f"{_W}sdtPr", f"{_W}rPr", f"{_W}pPr",
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
#: What an empty field shows; it reads back as empty even where an editor kept it as text.
PLACEHOLDERS = frozenset({"……", "…", "...", "— chọn —"})


@dataclass
class Control:
    tag: str | None
    alias: str | None
    text: str
    placeholder: bool
    choices: tuple[tuple[str, str], ...] = ()  # (value, shown) of a drop-down list

    @property
    def value(self) -> str:
        return "" if self.placeholder else self.text


@dataclass
class Para:
    text: str
    style: str | None
    controls: list[Control] = field(default_factory=list)


@dataclass
class Cell:
    paras: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()

    @property
    def first(self) -> str:
        for p in self.paras:
            if p.text.strip():
                return p.text.strip()
        return ""

    @property
    def controls(self) -> list[Control]:
        return [c for p in self.paras for c in p.controls]

    @property
    def value(self) -> str:
        """The cell's entry: its text without the placeholder of an empty field."""
        text = self.text
        for c in self.controls:
            if c.placeholder and c.text:
                text = text.replace(c.text, "", 1)
        lines = [ln for ln in text.split("\n") if ln.strip() not in PLACEHOLDERS]
        return "\n".join(lines).strip()


@dataclass
class Table:
    rows: list[list[Cell]]


Block = Para | Table


def blocks(document: etree._Element) -> list[Block]:
    body = document.find(f"{_W}body")
    return list(_blocks(body)) if body is not None else []


def _blocks(parent: etree._Element) -> Iterator[Block]:
    for child in parent:
        tag = child.tag
        if tag == f"{_W}p":
            yield _para(child)
        elif tag == f"{_W}tbl":
            yield _table(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif tag in (f"{_W}customXml", f"{_W}ins"):
            yield from _blocks(child)


def _table(tbl: etree._Element) -> Table:
    rows: list[list[Cell]] = []
    for tr in tbl.iter(f"{_W}tr"):
        if _parent_table(tr) is not tbl:
            continue
        cells = []
        for tc in tr.iter(f"{_W}tc"):
            if _parent_row(tc) is not tr:
                continue
            paras = [_para(p) for p in tc.iter(f"{_W}p")]
            cells.append(Cell(paras))
        rows.append(cells)
    return Table(rows)


def _parent_table(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node.tag != f"{_W}tbl":
        node = node.getparent()
    return node


def _parent_row(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node.tag != f"{_W}tr":
        node = node.getparent()
    return node


def _para(p: etree._Element) -> Para:
    style_el = p.find(f"{_W}pPr/{_W}pStyle")
    style = style_el.get(f"{_W}val") if style_el is not None else None
    controls = [_control(sdt) for sdt in p.iter(f"{_W}sdt")]
    return Para(_text(p), style, controls)


def _control(sdt: etree._Element) -> Control:
    pr = sdt.find(f"{_W}sdtPr")
    content = sdt.find(f"{_W}sdtContent")
    tag = alias = None
    placeholder = False
    choices: tuple[tuple[str, str], ...] = ()
    if pr is not None:
        t = pr.find(f"{_W}tag")
        a = pr.find(f"{_W}alias")
        tag = t.get(f"{_W}val") if t is not None else None
        alias = a.get(f"{_W}val") if a is not None else None
        placeholder = pr.find(f"{_W}showingPlcHdr") is not None
        dd = pr.find(f"{_W}dropDownList")
        if dd is None:
            dd = pr.find(f"{_W}comboBox")
        if dd is not None:
            choices = tuple((i.get(f"{_W}value") or "", i.get(f"{_W}displayText") or "")
                            for i in dd.findall(f"{_W}listItem"))
    text = _text(content) if content is not None else ""
    if text.strip() in PLACEHOLDERS:
        placeholder = True
    return Control(tag, alias, text, placeholder, choices)


def _text(el: etree._Element) -> str:
    out: list[str] = []
    _collect(el, out)
    return "".join(out)


def _collect(el: etree._Element, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}p":
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            _collect(child, out)
        else:
            _collect(child, out)
