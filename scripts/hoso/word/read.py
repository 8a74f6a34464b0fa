"""Reading back the form :mod:`.write` made, from its blocks (:mod:`.extract`).

A value is found by its content control's tag (the schema path) when the file still has it, else
by the row's label or the column's header under the section's heading: LibreOffice keeps the
controls but drops their tags, and a row the candidate added has no control at all. Rows left
empty are dropped; a paragraph or a row this form does not have is kept as a leftover, never
dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hoso.form.text import fold
from hoso.word.extract import Block, Cell, Para, Table
from hoso.word.layout import ROW, Field, Fields, Grid, Layout, Records, Section
from hoso.word.write import HOW_TO, META_KEYS, META_LABELS

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Raw:
    """One value as typed: where it goes, what it says, where it was in the Word file."""

    field: Field
    path: DataPath
    text: str
    where: str
    changes: tuple[str, ...] = ()  # made while reading (a legacy label, an address split)


@dataclass(frozen=True)
class Leftover:
    key: str | None  # the section it was found in
    text: str
    where: str


@dataclass
class Extracted:
    values: list[Raw] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    tagged: int = 0  # values found by their tag

    def add(self, raw: Raw) -> None:
        self.values.append(raw)


def concrete(path: Sequence[str], index: int) -> DataPath:
    return tuple(index if p == ROW else p for p in path)


def _static_texts(layout: Layout) -> set[str]:
    texts = {fold(t) for t in HOW_TO}
    texts |= {fold(t) for t in ("Mẫu 2-KNĐ", "ĐẢNG CỘNG SẢN VIỆT NAM", "SƠ LƯỢC LÝ LỊCH",
                                "LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG")}
    texts.add(fold("Tôi cam đoan đã khai đầy đủ, rõ ràng, trung thực và chịu trách nhiệm trước "
                   "Đảng về những nội dung đã khai trong lý lịch."))
    for s in layout.sections:
        texts.add(fold(s.guidance))
        for part in s.parts:
            if isinstance(part, Grid | Records):
                texts.add(fold(part.title))
    return texts


def is_hoso_form(blocks: Sequence[Block], layout: Layout) -> bool:
    """Whether the blocks are a form ``hoso word`` made (its tags, or its headings)."""
    headings = 0
    for b in blocks:
        if isinstance(b, Para):
            if any(c.tag in layout.by_tag or c.tag in META_KEYS for c in b.controls):
                return True
            if b.text.strip() and layout.section_of_heading(b.text) is not None:
                headings += 1
        elif any(c.tag in layout.by_tag or c.tag in META_KEYS
                 for row in b.rows for cell in row for c in cell.controls):
            return True
    return headings >= max(3, len(layout.sections) // 2) and any(
        isinstance(b, Para) and fold(b.text) == fold(HOW_TO[0]) for b in blocks)


class FormReader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.static = _static_texts(layout)
        self.out = Extracted()
        self.section: Section | None = None
        self.rows: dict[tuple[str, ...], int] = {}
        self.people = 0

    def read(self, blocks: Sequence[Block]) -> Extracted:
        for block in blocks:
            if isinstance(block, Para):
                self.para(block)
            else:
                self.table(block)
        return self.out

    # ---- paragraphs

    def para(self, p: Para) -> None:
        text = p.text.strip()
        if not text:
            return
        section = self.layout.section_of_heading(text)
        if section is not None:
            self.section = section
            self.people = 0
            return
        folded = fold(text)
        if folded in self.static or folded.startswith("nguoi than thu "):
            return
        self.leftover(text, "đoạn văn")

    def leftover(self, text: str, what: str) -> None:
        key = self.section.key if self.section else None
        place = f"{self.section.heading}, {what}" if self.section else what
        self.out.leftovers.append(Leftover(key, text, place))

    # ---- tables

    def table(self, t: Table) -> None:
        if not t.rows:
            return
        if self.section is None:
            self.meta(t)
            return
        grids = [p for p in self.section.parts if isinstance(p, Grid)]
        for grid in grids:
            columns = self.header(t.rows[0], grid)
            if columns is not None:
                self.grid(t, grid, columns)
                return
        records = next((p for p in self.section.parts if isinstance(p, Records)), None)
        if records is not None:
            self.record(t, records)
            return
        fields = [f for p in self.section.parts if isinstance(p, Fields) for f in p.fields]
        for i, row in enumerate(t.rows, 1):
            self.field_row(row, fields, None, f"{self.section.heading}, dòng {i}")

    def meta(self, t: Table) -> None:
        by_label = {fold(v): k for k, v in META_LABELS.items()}
        for row in t.rows:
            if len(row) < 2:
                continue
            tags = [c.tag for c in row[1].controls if c.tag in META_KEYS]
            key = tags[0] if tags else by_label.get(fold(row[0].first))
            if key:
                self.out.meta[key] = row[1].value
            elif row[0].text or row[1].text:
                self.out.leftovers.append(Leftover(None, _row_text(row), "đầu tệp"))

    def header(self, row: list[Cell], grid: Grid) -> list[Field | None] | None:
        labels = {fold(f.label): f for f in grid.columns}
        mapped = [labels.get(fold(c.first)) for c in row]
        if sum(m is not None for m in mapped) < max(1, len(grid.columns) - 1):
            return None
        return mapped

    def grid(self, t: Table, grid: Grid, columns: list[Field | None]) -> None:
        assert self.section is not None
        for number, row in enumerate(t.rows[1:], 1):
            entries: list[tuple[Field, str, bool]] = []
            extra: list[str] = []
            for i, cell in enumerate(row):
                f = self.tagged(cell) or (columns[i] if i < len(columns) else None)
                text = cell.value
                if f is None or f.path[: len(grid.path)] != grid.path:
                    if text:
                        extra.append(text)
                    continue
                entries.append((f, text, self.tagged(cell) is not None))
            if not any(text for _, text, _ in entries) and not extra:
                continue
            index = self.rows.get(grid.path, 0)
            self.rows[grid.path] = index + 1
            where = f"{self.section.heading}, bảng “{grid.title}”, dòng {number}"
            for f, text, by_tag in entries:
                self.out.tagged += by_tag
                self.out.add(Raw(f, concrete(f.path, index), text, f"{where}, cột “{f.label}”"))
            for text in extra:
                self.out.leftovers.append(Leftover(self.section.key, text, f"{where} (cột thừa)"))

    def record(self, t: Table, records: Records) -> None:
        assert self.section is not None
        if not any(row[-1].value for row in t.rows if len(row) > 1):
            self.people += 1
            return
        self.people += 1
        index = self.rows.get(records.path, 0)
        self.rows[records.path] = index + 1
        where = f"{self.section.heading}, người thân thứ {self.people}"
        for row in t.rows:
            self.field_row(row, list(records.fields), index, where)

    def field_row(self, row: list[Cell], fields: list[Field], index: int | None,
                  where: str) -> None:
        if len(row) < 2:
            if row and row[0].text:
                self.leftover(row[0].text, "dòng không có ô giá trị")
            return
        label, cell = row[0].first, row[-1]
        f = self.tagged(cell)
        by_tag = f is not None
        if f is None:
            f = next((x for x in fields if fold(x.label) == fold(label)), None)
        text = cell.value
        if f is None:
            if text:
                self.leftover(f"{label}: {text}" if label else text, f"dòng “{label}”")
            return
        path = concrete(f.path, index) if index is not None else tuple(f.path)
        self.out.tagged += by_tag
        if text:
            self.out.add(Raw(f, path, text, f"{where}, dòng “{f.label}”"))

    def tagged(self, cell: Cell) -> Field | None:
        for c in cell.controls:
            if c.tag and c.tag in self.layout.by_tag:
                return self.layout.by_tag[c.tag]
            if c.alias and c.alias in self.layout.by_alias:
                return self.layout.by_alias[c.alias]
        return None


def _row_text(row: list[Cell]) -> str:
    return " | ".join(c.text for c in row if c.text)
