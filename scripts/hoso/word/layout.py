"""The fillable Word form as the schema describes it: sections, tables and fields.

One layout serves both directions: :mod:`.write` lays it out in a DOCX, :mod:`.read` finds every
value again by the same description. Everything comes from the form model (:mod:`hoso.form`), so
a committee that edits its schema gets a matching Word form.

A section is one item the candidate fills, (1)–(23) in booklet order, plus the two papers the
checker needs from the start (the party-awareness certificate and the application). Its values
sit in three kinds of tables:

- :class:`Fields` — two columns, label and value, one row per field (items (1)–(13), (22),
  (23), the papers);
- :class:`Grid` — one column per field, one row per table row ((14), (15), (17)–(20) and the
  first introducers of (13)), the candidate adds rows;
- :class:`Records` — one label/value table per person ((21)).

Each value is a Word content control whose tag is its schema path (``"*"`` stands for the row:
``cong_viec_chuc_vu.*.tu``) and whose title (alias) is its label; a table row is also found by
its label (:class:`Fields`, :class:`Records`) or its column header (:class:`Grid`), so a file
re-saved by a program that drops the tags still reads back the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from hoso.form import Form, dates
from hoso.form.text import fold

#: The last item the candidate writes; (24)–(26) are written by committees (reference 1.7).
LAST_CANDIDATE_ITEM = 23
#: Papers of the admission dossier (``xet_ket_nap``) the candidate holds and the schema requires
#: from the first step; everything else there is recorded by the committees.
PAPERS = ("chung_nhan_boi_duong", "don_xin_vao_dang")
PAPERS_KEY = "xet_ket_nap"
PAPERS_HEADING = "Giấy tờ kèm theo (không in trong lý lịch)"
ROW = "*"

TEXT, DATE, CHOICE, FLAG, KHONG = "text", "date", "choice", "flag", "khong"
KHONG_WORD = "Không"
FLAG_SHOWN = "Có"

Path = tuple[str, ...]


@dataclass(frozen=True)
class Field:
    """One value: its schema path (``"*"`` for a row), label, kind and help."""

    path: Path
    label: str
    alias: str
    kind: str = TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (value, shown), for CHOICE
    shapes: frozenset[str] = frozenset()  # for DATE: which precisions the format allows
    hint: str = ""
    capitals: bool = False  # the form writes it in capitals (schema ``x-in-hoa``)

    @property
    def tag(self) -> str:
        return ".".join(self.path)

    def shown(self, value: object) -> str:
        """How a dossier value is written into the field."""
        if value is None:
            return ""
        if self.kind == FLAG:
            return FLAG_SHOWN if value is True else str(value)
        if self.kind == CHOICE:
            return dict(self.choices).get(str(value), str(value))
        if self.kind == DATE:
            return dates.so(value)
        return str(value)


@dataclass(frozen=True)
class Fields:
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Grid:
    path: Path
    title: str
    columns: tuple[Field, ...]


@dataclass(frozen=True)
class Records:
    path: Path
    title: str
    fields: tuple[Field, ...]


Part = Fields | Grid | Records


@dataclass(frozen=True)
class Section:
    key: str
    number: str | None
    heading: str
    guidance: str
    parts: tuple[Part, ...]

    def fields(self) -> Iterator[Field]:
        for part in self.parts:
            yield from part.columns if isinstance(part, Grid) else part.fields


@dataclass(frozen=True)
class Layout:
    sections: tuple[Section, ...]
    keys: tuple[str, ...]  # the top-level keys the form writes (the papers key included)
    papers: tuple[str, ...] = field(default=PAPERS)

    @cached_property
    def by_tag(self) -> dict[str, Field]:
        return {f.tag: f for s in self.sections for f in s.fields()}

    @cached_property
    def by_alias(self) -> dict[str, Field]:
        return {f.alias: f for s in self.sections for f in s.fields()}

    def section_of_heading(self, text: str) -> Section | None:
        """The section a heading paragraph opens: "(15) Những công việc…" or its title."""
        key = fold(text)
        for s in self.sections:
            if key in (fold(s.heading), fold(s.heading.split(") ", 1)[-1])):
                return s
        return None

    def is_form_path(self, path: tuple[str | int, ...]) -> bool:
        """Whether a data path belongs to what the Word form writes."""
        if not path or path[0] not in self.keys:
            return False
        return path[0] != PAPERS_KEY or (len(path) > 1 and path[1] in self.papers)


def candidate_keys(form: Form) -> list[str]:
    """Top-level keys of (1)–(23) in booklet order, with the unnumbered ones among them
    (``ho_ten_thuong_dung`` sits between (1) and (2))."""
    order = form.top_order()
    numbered = [i for i, k in enumerate(order)
                if (n := form.number(k)) is not None and n.isdigit()
                and int(n) <= LAST_CANDIDATE_ITEM]
    if not numbered:
        return []
    return order[numbered[0]: numbered[-1] + 1]


def build_layout(form: Form) -> Layout:
    builder = _Builder(form)
    sections = [builder.section(key) for key in candidate_keys(form)]
    papers = builder.papers()
    if papers is not None:
        sections.append(papers)
    keys = tuple(s.key for s in sections)
    return Layout(tuple(sections), keys)


class _Builder:
    def __init__(self, form: Form) -> None:
        self.form = form

    def section(self, key: str) -> Section:
        node = self.form.child(self.form.root, key) or {}
        number = self.form.number(key)
        title = self.form.title(node, key)
        heading = f"({number}) {title}" if number else title
        prefix = f"({number}) " if number else ""
        parts = self.parts((key,), node, [], prefix, top_label=title)
        return Section(key, number, heading, _text(node.get("description")), tuple(parts))

    def papers(self) -> Section | None:
        node = self.form.child(self.form.root, PAPERS_KEY)
        if node is None:
            return None
        fields: list[Field] = []
        for sub in PAPERS:
            child = self.form.child(node, sub)
            if child is None:
                continue
            for part in self.parts((PAPERS_KEY, sub), child, [self.form.title(child, sub)], ""):
                if isinstance(part, Fields):
                    fields.extend(part.fields)
        guidance = ("Ghi số, ngày của giấy chứng nhận đã học lớp bồi dưỡng nhận thức về Đảng và "
                    "ngày viết đơn xin vào Đảng, để cấp ủy kiểm tra thời hạn giấy tờ.")
        return Section(PAPERS_KEY, None, PAPERS_HEADING, guidance, (Fields(tuple(fields)),))

    # ---- the walk

    def parts(self, path: Path, node: Mapping[str, Any], labels: list[str], prefix: str,
              top_label: str | None = None) -> list[Part]:
        """The tables of one value: a scalar is one field, an object its fields, a table a
        :class:`Grid` (or :class:`Records` when its rows hold objects)."""
        form = self.form
        node = form.resolve(node)
        out: list[Part] = []
        fields: list[Field] = []

        def flush() -> None:
            if fields:
                out.append(Fields(tuple(fields)))
                fields.clear()

        if self.is_table(node):
            items = form.resolve(node.get("items", {}))
            label = " › ".join(labels) if labels else (top_label or path[-1])
            row = self.row_fields((*path, ROW), items, [], prefix)
            nested = any(len(f.path) > len(path) + 2 for f in row)
            return [Records(path, label, tuple(row)) if nested else Grid(path, label, tuple(row))]
        props, _required = self.props(node)
        if not props:
            shown = labels or [top_label or path[-1]]
            return [Fields((self.scalar(path, node, shown, prefix),))]
        if self.has_khong(node):
            label = " › ".join(labels) if labels else (top_label or path[-1])
            fields.append(Field(path, f"{label}: nếu không có thì ghi “{KHONG_WORD}”" if labels
                                else f"Nếu không có thì ghi “{KHONG_WORD}”",
                                f"{prefix}{label} › {KHONG_WORD}", KHONG))
        for key, sub in props.items():
            sub_node = form.resolve(sub)
            sub_label = form.title(sub_node, key)
            if self.is_table(sub_node):
                flush()
                out.extend(self.parts((*path, key), sub_node, [*labels, sub_label], prefix))
                continue
            sub_props, _ = self.props(sub_node)
            if sub_props:
                for part in self.parts((*path, key), sub_node, [*labels, sub_label], prefix):
                    if isinstance(part, Fields):
                        fields.extend(part.fields)
                    else:
                        flush()
                        out.append(part)
                continue
            fields.append(self.scalar((*path, key), sub_node, [*labels, sub_label], prefix))
        flush()
        return out

    def row_fields(self, path: Path, node: Mapping[str, Any], labels: list[str],
                   prefix: str) -> list[Field]:
        """The fields of one table row, nested objects flattened ("Đã mất › Năm mất")."""
        form = self.form
        out: list[Field] = []
        props, _ = self.props(node)
        for key, sub in props.items():
            sub_node = form.resolve(sub)
            label = form.title(sub_node, key)
            if self.is_table(sub_node):
                continue  # no table inside a table row in the form
            if self.props(sub_node)[0]:
                out.extend(self.row_fields((*path, key), sub_node, [*labels, label], prefix))
            else:
                out.append(self.scalar((*path, key), sub_node, [*labels, label], prefix))
        return out

    def scalar(self, path: Path, node: Mapping[str, Any], labels: list[str], prefix: str) -> Field:
        form = self.form
        label = " › ".join(labels)
        alias = f"{prefix}{label}"
        hint = _text(node.get("description"))
        if fold(hint) == fold(labels[-1]) or fold(hint).rstrip(".") == fold(labels[-1]):
            hint = ""
        choices = form.node_enum_choices(node)
        if choices:
            shown = tuple((str(v), lbl or str(v)) for v, lbl in choices)
            return Field(path, label, alias, CHOICE, choices=shown, hint=hint)
        if node.get("const") is True:
            return Field(path, label, alias, FLAG, choices=(("true", FLAG_SHOWN),), hint=hint)
        shapes = dates.shapes(node.get("pattern"))
        if shapes:
            examples = [dates.so(e) for e in node.get("examples", ()) or () if isinstance(e, str)]
            hint = _date_hint(shapes, examples)
            return Field(path, label, alias, DATE, shapes=shapes, hint=hint)
        examples = [str(e) for e in node.get("examples", ()) or ()]
        if examples:
            hint = (f"{hint} " if hint else "") + "Ví dụ: " + "; ".join(f"“{e}”" for e in examples)
        return Field(path, label, alias, TEXT, hint=hint, capitals=form.node_capitals(node))

    # ---- shapes

    def props(self, node: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The form's children, also through an alternative that is itself a choice between
        objects (``tam_tru``: “Không” or an address, domestic or abroad)."""
        props, required = self.form.children(node)
        for alt in self.form.alternatives(self.form.resolve(node)):
            if not alt.get("properties") and self.form.alternatives(alt):
                more, _ = self.props(alt)
                for key, value in more.items():
                    props.setdefault(key, value)
        return props, required

    def is_table(self, node: Mapping[str, Any]) -> bool:
        return node.get("type") == "array" or "items" in node

    def has_khong(self, node: Mapping[str, Any]) -> bool:
        return any(alt.get("const") == KHONG_WORD for alt in self.form.alternatives(node))


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


_SHAPE_WORDS = {"ngay": "ngày-tháng-năm (17-4-1999)", "thang": "tháng-năm (9-2016)",
                "nam": "năm (1962)", dates.NAY: "“nay” nếu đang tiếp diễn"}


def _date_hint(shapes: frozenset[str], examples: list[str]) -> str:
    words = [_SHAPE_WORDS[s] for s in dates.SHAPES if s in shapes]
    text = "Ghi " + ", ".join(words[:-1]) + (" hoặc " if len(words) > 1 else "") + words[-1]
    if examples:
        text += "; ví dụ: " + ", ".join(examples)
    return text + "."
