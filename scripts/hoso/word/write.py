"""``hoso word``: the fillable Mẫu 2-KNĐ as a Word file, blank or pre-filled from a dossier.

The document is WordprocessingML built with lxml (so every text is escaped by the XML library,
and a text that XML cannot hold is refused with its item named). Each value is an inline
content control (``w:sdt``): plain text, or a drop-down list for a closed list; its tag is the
schema path, its title the item's label; it is locked against deletion but not against editing.
Empty fields show the placeholder :data:`PLACEHOLDER`, which reads back as empty even where an
editor keeps it as text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from lxml import etree

from hoso.errors import UserError
from hoso.word import parts as static
from hoso.word.layout import (
    CHOICE,
    FLAG,
    KHONG,
    KHONG_WORD,
    ROW,
    Field,
    Fields,
    Grid,
    Layout,
    Records,
    Section,
)
from hoso.word.parts import W, w

PLACEHOLDER = "……"
CHOOSE = "— chọn —"
#: Rows left empty under a table, and person blocks under (21), for the candidate to fill.
SPARE_ROWS = 3
SPARE_PEOPLE = 2
BLANK_PEOPLE = 8
#: Identification of the dossier at the top of the form (locked).
META_KEYS = ("ma_ho_so", "chi_bo", "phien_ban")
META_LABELS = {"ma_ho_so": "Mã hồ sơ", "chi_bo": "Chi bộ", "phien_ban": "Phiên bản mẫu"}

HOW_TO = (
    "Cách khai: bấm vào ô có dấu “……” ở cột bên phải (hoặc trong bảng) rồi gõ nội dung; ô có "
    "mũi tên thì chọn trong danh sách. Dòng chữ nghiêng dưới mỗi mục là hướng dẫn khai.",
    "Ngày tháng ghi theo kiểu của lý lịch: ngày 17-4-1999 ghi “17-4-1999”, tháng 9 năm 2016 ghi "
    "“9-2016”, chỉ biết năm thì ghi “1962”; việc đang làm ghi “nay” ở cột “Đến”.",
    "Bảng chưa đủ dòng: đặt con trỏ ở ô cuối cùng của bảng rồi nhấn phím Tab, hoặc bấm chuột "
    "phải › Chèn › Chèn hàng bên dưới. Thêm người thân: sao chép cả một bảng người thân rồi dán "
    "xuống dưới. Mục nào không có gì để khai thì ghi “Không”. Không xóa các ô, không đổi tên mục.",
)


class _Doc:
    def __init__(self) -> None:
        self.body = etree.Element(w("body"))
        self.next_id = 1

    # ---- paragraphs

    def para(self, text: str = "", style: str | None = None, *, align: str | None = None,
             bold: bool = False, parent: etree._Element | None = None) -> etree._Element:
        p = etree.SubElement(self.body if parent is None else parent, w("p"))
        if style or align:
            ppr = etree.SubElement(p, w("pPr"))
            if style:
                etree.SubElement(ppr, w("pStyle")).set(w("val"), style)
            if align:
                etree.SubElement(ppr, w("jc")).set(w("val"), align)
        if text:
            _run(p, text, bold=bold)
        return p

    # ---- content controls

    def control(self, p: etree._Element, field: Field, value: object, *,
                locked: bool = False) -> None:
        sdt = etree.SubElement(p, w("sdt"))
        pr = etree.SubElement(sdt, w("sdtPr"))
        etree.SubElement(pr, w("alias")).set(w("val"), field.alias)
        etree.SubElement(pr, w("tag")).set(w("val"), field.tag)
        etree.SubElement(pr, w("id")).set(w("val"), str(self.next_id))
        self.next_id += 1
        etree.SubElement(pr, w("lock")).set(w("val"), "sdtContentLocked" if locked else "sdtLocked")
        shown = _shown(field, value)
        if not shown:
            etree.SubElement(pr, w("showingPlcHdr"))
        if field.kind in (CHOICE, FLAG):
            dd = etree.SubElement(pr, w("dropDownList"))
            if shown:
                dd.set(w("lastValue"), _choice_value(field, shown))
            for code, label in field.choices:
                item = etree.SubElement(dd, w("listItem"))
                item.set(w("displayText"), label)
                item.set(w("value"), code)
        else:
            etree.SubElement(pr, w("text")).set(w("multiLine"), "1")
        content = etree.SubElement(sdt, w("sdtContent"))
        if shown:
            _run(content, shown)
        else:
            _run(content, CHOOSE if field.kind in (CHOICE, FLAG) else PLACEHOLDER,
                 style="PlaceholderText")

    # ---- tables

    def table(self, widths: Sequence[int], *, header: Sequence[Field] | None = None) -> etree._Element:
        tbl = etree.SubElement(self.body, w("tbl"))
        pr = etree.SubElement(tbl, w("tblPr"))
        etree.SubElement(pr, w("tblStyle")).set(w("val"), "BangMau")
        width = etree.SubElement(pr, w("tblW"))
        width.set(w("w"), str(sum(widths)))
        width.set(w("type"), "dxa")
        etree.SubElement(pr, w("tblLayout")).set(w("type"), "fixed")
        grid = etree.SubElement(tbl, w("tblGrid"))
        for wd in widths:
            etree.SubElement(grid, w("gridCol")).set(w("w"), str(wd))
        if header is not None:
            tr = self.row(tbl, widths, header=True)
            for cell, f in zip(tr, header, strict=True):
                self.label_cell(cell, f.label, f.hint)
        return tbl

    def row(self, tbl: etree._Element, widths: Sequence[int], *,
            header: bool = False) -> list[etree._Element]:
        tr = etree.SubElement(tbl, w("tr"))
        if header:
            etree.SubElement(etree.SubElement(tr, w("trPr")), w("tblHeader"))
        cells = []
        for wd in widths:
            tc = etree.SubElement(tr, w("tc"))
            tcw = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
            tcw.set(w("w"), str(wd))
            tcw.set(w("type"), "dxa")
            cells.append(tc)
        return cells

    def label_cell(self, cell: etree._Element, label: str, hint: str) -> None:
        self.para(label, "NhanMuc", parent=cell)
        if hint:
            self.para(hint, "HuongDan", parent=cell)


def _run(parent: etree._Element, text: str, *, bold: bool = False, style: str | None = None) -> None:
    r = etree.SubElement(parent, w("r"))
    if bold or style:
        rpr = etree.SubElement(r, w("rPr"))
        if style:
            etree.SubElement(rpr, w("rStyle")).set(w("val"), style)
        if bold:
            etree.SubElement(rpr, w("b"))
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, w("br"))
        t = etree.SubElement(r, w("t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line


def _shown(field: Field, value: object) -> str:
    if field.kind == KHONG:
        return KHONG_WORD if value == KHONG_WORD else ""
    if isinstance(value, Mapping | list):
        return ""
    return field.shown(value)


def _choice_value(field: Field, shown: str) -> str:
    for code, label in field.choices:
        if label == shown:
            return code
    return shown


# ------------------------------------------------------------------------------------------
# the values at a field's path


def _at(data: Any, path: Sequence[str | int]) -> Any:
    value = data
    for part in path:
        if isinstance(value, Mapping) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _concrete(path: Sequence[str], index: int | None) -> list[str | int]:
    return [index if (p == ROW and index is not None) else p for p in path]


class Writer:
    """Lays out one form (blank, or with a dossier's values)."""

    def __init__(self, layout: Layout, data: Mapping[str, Any] | None) -> None:
        self.layout = layout
        self.data: Mapping[str, Any] = data or {}
        self.doc = _Doc()

    def build(self, code: str, chi_bo: str, version: str) -> etree._Element:
        d = self.doc
        d.para("Mẫu 2-KNĐ", align="right", bold=True)
        d.para("ĐẢNG CỘNG SẢN VIỆT NAM", align="center", bold=True)
        d.para("LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG", "Title")
        meta = {"ma_ho_so": code, "chi_bo": chi_bo, "phien_ban": version}
        tbl = d.table(static.FIELD_WIDTHS)
        for key in META_KEYS:
            label_cell, value_cell = d.row(tbl, static.FIELD_WIDTHS)
            d.label_cell(label_cell, META_LABELS[key], "")
            f = Field((key,), META_LABELS[key], META_LABELS[key])
            d.control(d.para(parent=value_cell), f, meta[key], locked=True)
        for text in HOW_TO:
            d.para(text, "HuongDan")
        for i, section in enumerate(self.layout.sections):
            if i == 0:
                d.para("SƠ LƯỢC LÝ LỊCH", "Heading1")
            self.section(section)
        d.para("Tôi cam đoan đã khai đầy đủ, rõ ràng, trung thực và chịu trách nhiệm trước Đảng về "
               "những nội dung đã khai trong lý lịch.", "HuongDan")
        d.body.append(static.section_properties())
        document = etree.Element(w("document"), nsmap={"w": W})
        document.append(d.body)
        return document

    def section(self, section: Section) -> None:
        d = self.doc
        d.para(section.heading, "Heading2")
        if section.guidance:
            d.para(section.guidance, "HuongDan")
        single = [f.path for f in section.fields()] == [(section.key,)]
        for part in section.parts:
            if isinstance(part, Fields):
                # one field: its guidance is the item's, printed once under the heading
                self.fields(part.fields, None, hints=not single)
            elif isinstance(part, Grid):
                self.grid(part, section)
            else:
                self.records(part)

    def fields(self, fields: Iterable[Field], index: int | None, *, hints: bool = True) -> None:
        d = self.doc
        tbl = d.table(static.FIELD_WIDTHS)
        for f in fields:
            label_cell, value_cell = d.row(tbl, static.FIELD_WIDTHS)
            d.label_cell(label_cell, f.label, f.hint if hints else "")
            spare = index is not None and index < 0
            value = None if spare else _at(self.data, _concrete(f.path, index))
            d.control(d.para(parent=value_cell), f, value)
        d.para()  # keeps the next table apart: editors join tables that touch

    def grid(self, grid: Grid, section: Section) -> None:
        d = self.doc
        if grid.path != (section.key,):
            d.para(grid.title, "Heading3")
        widths = static.column_widths([f.kind for f in grid.columns])
        tbl = d.table(widths, header=grid.columns)
        rows = _at(self.data, grid.path)
        count = len(rows) if isinstance(rows, list) else 0
        for i in range(count + SPARE_ROWS):
            cells = d.row(tbl, widths)
            for cell, f in zip(cells, grid.columns, strict=True):
                value = _at(self.data, _concrete(f.path, i)) if i < count else None
                d.control(d.para(parent=cell), f, value)
        d.para()

    def records(self, records: Records) -> None:
        d = self.doc
        people = _at(self.data, records.path)
        count = len(people) if isinstance(people, list) else 0
        total = count + SPARE_PEOPLE if count else BLANK_PEOPLE
        for i in range(total):
            d.para(f"Người thân thứ {i + 1}", "Heading3")
            self.fields(records.fields, i if i < count else -1)


def build_docx(layout: Layout, data: Mapping[str, Any] | None, code: str, chi_bo: str,
               version: str, today: date) -> bytes:
    """The whole .docx file as bytes."""
    writer = Writer(layout, data)
    try:
        document = writer.build(code, chi_bo, version)
    except ValueError as exc:  # lxml refuses text XML cannot hold (control characters)
        raise UserError(f"Hồ sơ có ký tự điều khiển không ghi được vào tệp Word: {exc}. "
                        f"Chạy “hoso check” để tìm và xóa ký tự đó.") from exc
    xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in static.package_parts(code, today).items():
            z.writestr(_entry(name), content)
        z.writestr(_entry("word/document.xml"), xml)
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
