"""Best-effort reading of a 2-KNĐ typed into a Word file hoso did not make.

Committees keep their own Word versions of the form. This reader recognises the items by their
labels (and the booklet's numbers), whatever the layout:

- paragraphs "1. Họ và tên khai sinh: ……… NGUYỄN VĂN A", with dotted leaders, tabs, or two
  items on one line separated by tabs;
- two-column (or number, label, value) tables;
- the booklet's "(1) Họ và tên khai sinh" with the value on the next line;
- the 2022 form's labels and numbering ("01 Họ và tên đang dùng", "02 Nam, nữ", "06 Nơi sinh")
  and addresses with a district, split into the format's parts;
- the tables of (14)–(20) by their column headers, a "Từ tháng, năm đến tháng, năm" column split
  into its two dates; the people of (21) from "Cha đẻ: Lê Văn Bình, sinh năm 1965" and the lines
  under it;
- text in decomposed Unicode or typed with the TCVN3 (ABC) or VNI fonts.

What it cannot place is kept as a leftover (a comment at its item in the dossier) and listed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hoso.form import dates
from hoso.form.text import fold
from hoso.word.extract import Block, Cell, Para, Table
from hoso.word.layout import KHONG, ROW, Field, Grid, Layout, Records, Section
from hoso.word.normalise import Note, legacy_text
from hoso.word.read import DataPath, Extracted, Leftover, Raw, concrete

# Labels of the 2022 form and common variants (reference 1.4): text → key or key.sub.
SYNONYMS = {
    "Họ và tên đang dùng": "ho_ten_thuong_dung",
    "Họ và tên": "ho_ten_khai_sinh",
    "Nam, nữ": "gioi_tinh",
    "Giới tính": "gioi_tinh",
    "Các bí danh": "ten_goi_khac",
    "Bí danh": "ten_goi_khac",
    "Tên gọi khác": "ten_goi_khac",
    "Sinh ngày": "ngay_sinh",
    "Ngày sinh": "ngay_sinh",
    "Ngày, tháng, năm sinh": "ngay_sinh",
    "Nơi sinh": "noi_dang_ky_khai_sinh",
    "Số CCCD": "so_can_cuoc",
    "Số căn cước công dân": "so_can_cuoc",
    "Ngày và nơi vào Đoàn TNCS Hồ Chí Minh": "doan_thanh_nien",
    "Ngày và nơi kết nạp vào Đoàn TNCS Hồ Chí Minh": "doan_thanh_nien",
    "Ngày vào Đoàn": "doan_thanh_nien",
    "Những công tác và chức vụ đã qua": "cong_viec_chuc_vu",
    "Giáo dục nghề nghiệp": "trinh_do.chuyen_mon_nghiep_vu",
    "Giáo dục đại học và sau đại học": "trinh_do.hoc_vi_cao_nhat",
    "Học hàm": "trinh_do.hoc_ham_cao_nhat",
    "Học vị": "trinh_do.hoc_vi_cao_nhat",
    "Chuyên môn": "trinh_do.chuyen_mon_nghiep_vu",
}
FAMILY_SYNONYMS = {
    "Bố đẻ": "cha_de", "Bố": "cha_de", "Cha": "cha_de", "Mẹ": "me_de",
    "Bố vợ": "cha_vo_chong", "Bố chồng": "cha_vo_chong", "Cha vợ": "cha_vo_chong",
    "Cha chồng": "cha_vo_chong", "Mẹ vợ": "me_vo_chong", "Mẹ chồng": "me_vo_chong",
    "Con": "con_de", "Con gái": "con_de", "Con trai": "con_de",
}
FAMILY_FIELDS = {
    "Nơi ở hiện nay": "noi_o", "Chỗ ở": "noi_o", "Trú quán": "noi_o",
    "Quá trình công tác": "chinh_tri", "Thái độ chính trị": "chinh_tri",
    "Lịch sử chính trị": "chinh_tri",
}
_NUMBER = re.compile(r"^\s*[-–•+*]?\s*(?:\(\s*(\d{1,2})\s*\)|(\d{1,2})\s*[.)]|(\d{2})\s)\s*")
_LEADER = re.compile(r"^[\s:.…_\-–—]+")
_TOKEN = re.compile(r"\S+")
_BIRTH_YEAR = re.compile(r"^(?:sinh\s+năm|năm\s+sinh|sinh)\s*:?\s*(\S+)$", re.I)


def _key(word: str) -> str:
    return fold(word).strip(":.…,;()–-\"“”")


def _clean(text: str) -> tuple[str, list[str]]:
    """Text in Unicode NFC (TCVN3/VNI converted), with what was changed."""
    changes: list[str] = []
    converted = legacy_text(text)
    if converted is not None:
        text = converted[0]
        changes.append(f"chuyển chữ gõ bằng bảng mã {converted[1]} sang Unicode")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text and converted is None:
        changes.append("chuyển sang Unicode dựng sẵn (NFC)")
    return nfc, changes


@dataclass(frozen=True)
class Target:
    kind: str  # field, address, doan, cam_doan, section, family
    key: str
    path: tuple[str, ...] = ()
    legacy: str = ""  # the old label used, reported


class LegacyReader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.out = Extracted()
        self.notes: list[Note] = []
        self.section: Section | None = None
        self.pending: Target | None = None
        self.rows: dict[tuple[str, ...], int] = {}
        self.person = -1
        self.labels = self._labels()
        self.block = 0

    # ---- what labels mean

    def _labels(self) -> list[tuple[list[str], Target]]:
        out: list[tuple[str, Target]] = []
        for s in self.layout.sections:
            title = s.heading.split(") ", 1)[-1] if s.number else s.heading
            out.append((title, self._section_target(s)))
            for f in s.fields():
                if ROW in f.path or f.kind == KHONG:
                    continue
                last = f.label.split(" › ")[-1]
                if s.key in ("noi_cu_tru",) and len(f.path) >= 2:
                    sub = f.label.split(" › ")[0]
                    out.append((sub, Target("address", s.key, f.path[:2])))
                elif len(f.path) == 2 and not self._is_address(s):
                    out.append((last, Target("field", s.key, f.path)))
        for text, dest in SYNONYMS.items():
            parts = tuple(dest.split("."))
            section = next((s for s in self.layout.sections if s.key == parts[0]), None)
            if section is None:
                continue
            target = self._section_target(section) if len(parts) == 1 else \
                Target("field", parts[0], parts)
            out.append((text, Target(target.kind, target.key, target.path, legacy=text)))
        unique = dict(out[::-1])  # the first meaning of a label wins
        indexed = [([_key(w) for w in text.split()], t) for text, t in unique.items()]
        return sorted(indexed, key=lambda x: -len(x[0]))

    def _is_address(self, s: Section) -> bool:
        tags = {f.tag for f in s.fields()}
        return f"{s.key}.xa" in tags and f"{s.key}.tinh" in tags

    def _section_target(self, s: Section) -> Target:
        if self._is_address(s):
            return Target("address", s.key, (s.key,))
        if s.key == "doan_thanh_nien":
            return Target("doan", s.key, (s.key,))
        if s.key == "cam_doan":
            return Target("cam_doan", s.key, (s.key,))
        single = list(s.fields())
        if len(single) == 1 and single[0].path == (s.key,):
            return Target("field", s.key, (s.key,))
        return Target("section", s.key, (s.key,))

    def match(self, text: str) -> tuple[str | None, Target | None, str]:
        """(number, what the label means, the rest of the line) for one line of text."""
        m = _NUMBER.match(text)
        number = next((g for g in m.groups() if g), None) if m else None
        body = text[m.end():] if m else text.lstrip(" -–•+*\t")
        tokens = list(_TOKEN.finditer(body))
        keys = [_key(t.group()) for t in tokens]
        for words, target in self.labels:
            n = len(words)
            if n and keys[:n] == words:
                rest = body[tokens[n - 1].end():]
                return number, target, _LEADER.sub("", rest).strip()
        return number, None, body.strip()

    # ---- reading

    def read(self, blocks: Sequence[Block]) -> tuple[Extracted, list[Note]]:
        for block in blocks:
            self.block += 1
            if isinstance(block, Para):
                for segment in block.text.split("\n"):
                    self.line(segment, f"đoạn văn thứ {self.block}")
            else:
                self.table(block)
        return self.out, self.notes

    def line(self, raw_text: str, where: str) -> None:
        text = unicodedata.normalize("NFC", raw_text)
        changes = ["chuyển sang Unicode dựng sẵn (NFC)"] if text != raw_text else []
        if not text.strip() or set(text.strip()) <= set(".…_-–— \t"):
            return
        if self.match(text)[1] is None:  # the whole line typed with a legacy font?
            converted, legacy = _clean(raw_text)
            if legacy and (self.match(converted)[1] is not None or self.section is not None):
                text, changes = converted, legacy
        pieces = [p for p in re.split(r"\t+(?=\S)", text) if p.strip()] or [text]
        if len(pieces) > 1 and all(self.match(p)[1] is not None for p in pieces[1:]):
            for piece in pieces:
                self.line_one(piece, where, changes)
            return
        self.line_one(text, where, changes)

    def line_one(self, text: str, where: str, changes: list[str]) -> None:
        _number, target, rest = self.match(text)
        in_family = self.section is not None and isinstance(self._records(), Records)
        if in_family and (target is None or target.kind != "section") \
                and self.family_line(text, where, changes):
            return
        if target is None:
            if self.pending is not None and text.strip():
                target, rest, self.pending = self.pending, text.strip(), None
            else:
                self.free_text(text.strip(), where, changes)
                return
        if target.kind == "section" or target.key != (self.section.key if self.section else None):
            section = next(s for s in self.layout.sections if s.key == target.key)
            if target.kind == "section" or target.path == (target.key,):
                self.section = section
                self.person = -1
        if not rest:
            self.pending = target if target.kind != "section" else None
            return
        self.pending = None
        self.place(target, rest, where, changes)

    def _records(self) -> Records | None:
        if self.section is None:
            return None
        return next((p for p in self.section.parts if isinstance(p, Records)), None)

    def _grid(self) -> Grid | None:
        if self.section is None:
            return None
        return next((p for p in self.section.parts if isinstance(p, Grid)), None)

    def place(self, target: Target, text: str, where: str, changes: list[str]) -> None:
        extra = list(changes)
        converted = legacy_text(text)
        if converted is not None:  # a value typed with a legacy font after a Unicode label
            text = converted[0]
            extra.append(f"chuyển chữ gõ bằng bảng mã {converted[1]} sang Unicode")
        if target.legacy:
            extra.append(f"đọc nhãn “{target.legacy}” (mẫu cũ) là mục này")
        if target.kind == "field":
            self.raw(target.path, text, where, extra)
        elif target.kind == "address":
            self.address(target.path, text, where, extra)
        elif target.kind == "doan":
            self.doan(text, where, extra)
        elif target.kind == "cam_doan":
            self.cam_doan(text, where, extra)
        elif fold(text) == "khong":
            grid, khong = self._grid(), self.layout.by_tag.get(target.key)
            if khong is not None and khong.kind == KHONG:
                self.raw((target.key,), text, where, extra)
            elif grid is not None and grid.path == (target.key,):
                self.rows.setdefault(grid.path, 0)  # an empty table: written []
            else:
                self.raw((target.key,), text, where, extra)
        else:
            self.free_text(text, where, extra)

    def raw(self, path: DataPath, text: str, where: str, changes: Iterable[str]) -> None:
        tag = ".".join(ROW if isinstance(p, int) else p for p in path)
        f = self.layout.by_tag.get(tag)
        if f is None:
            self.leftover(text, where)
            return
        changes = list(changes)
        converted = legacy_text(text)
        if converted is not None:  # a value typed with a legacy font after a Unicode label
            text = converted[0]
            changes.append(f"chuyển chữ gõ bằng bảng mã {converted[1]} sang Unicode")
        item = self._item(path)
        self.out.add(Raw(f, path, text, f"{item}, {where}", tuple(changes)))

    def _item(self, path: DataPath) -> str:
        s = next((s for s in self.layout.sections if s.key == path[0]), None)
        return s.heading if s else str(path[0])

    def leftover(self, text: str, where: str) -> None:
        key = self.section.key if self.section else None
        place = f"{self.section.heading}, {where}" if self.section else where
        self.out.leftovers.append(Leftover(key, text, place))

    # ---- values that need splitting

    def address(self, path: DataPath, text: str, where: str, changes: list[str]) -> None:
        khong = self.layout.by_tag.get(".".join(str(p) for p in path))
        if fold(text) == "khong" and khong is not None and khong.kind == KHONG:
            self.raw(path, text, where, changes)
            return
        parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
        found: dict[str, str] = {}
        detail: list[str] = []
        for part in parts:
            head = fold(part).split(" ")[0] if part else ""
            two = " ".join(fold(part).split(" ")[:2])
            if head in ("xa", "phuong") or two in ("thi tran", "dac khu"):
                found["xa"] = part[:1].upper() + part[1:]
            elif head in ("huyen", "quan") or two == "thi xa" or (two == "thanh pho" and
                                                                 part is not parts[-1]):
                found["huyen"] = part[:1].upper() + part[1:]
            elif head == "tinh" or two == "thanh pho":
                found["tinh"] = part[:1].upper() + part[1:]
            elif not found:
                detail.append(part)
            else:
                self.leftover(part, where)
        if detail:
            found = {"chi_tiet": ", ".join(detail), **found}
        if not found.get("xa") or not found.get("tinh"):
            self.raw((*path, "chi_tiet"), text, where,
                     [*changes, "không tách được xã, tỉnh: ghi cả địa chỉ vào dòng số nhà"])
            return
        note = f"tách địa chỉ “{text}” thành các dòng xã, tỉnh"
        if "huyen" in found:
            note += " (có cấp huyện: địa chỉ cũ, trước ngày 01-7-2025)"
        for sub, value in found.items():
            self.raw((*path, sub), value, where, [*changes, note])

    def doan(self, text: str, where: str, changes: list[str]) -> None:
        if fold(text) == "khong":
            self.raw(("doan_thanh_nien",), text, where, changes)
            return
        head, _, place = text.partition(",")
        place = re.sub(r"^\s*(tại|ở)\s+", "", place.strip(), flags=re.I)
        if not place:
            head, _, place = text.partition(" tại ")
        note = [*changes, f"tách “{text}” thành ngày và nơi kết nạp"]
        self.raw(("doan_thanh_nien", "ngay"), head.strip(), where, note)
        if place.strip():
            self.raw(("doan_thanh_nien", "noi"), place.strip(), where, note)

    def cam_doan(self, text: str, where: str, changes: list[str]) -> None:
        place, _, day = text.partition(",")
        day = re.sub(r"^\s*ngày\s+", "", day.strip(), flags=re.I)
        note = [*changes, f"tách “{text}” thành nơi viết và ngày ký"]
        self.raw(("cam_doan", "noi_viet"), place.strip(), where, note)
        if day:
            self.raw(("cam_doan", "ngay"), day, where, note)

    def free_text(self, text: str, where: str, changes: list[str]) -> None:
        """A line under an item: a row of (14), the text of (16), else a leftover."""
        if self.section is None:
            self.leftover(text, where)
            return
        grid = self._grid()
        if grid is not None and grid.path == (self.section.key,):
            head, sep, rest = text.partition(":")
            period = dates.read_period(head) if sep else None
            if period is not None and rest.strip():
                columns = list(grid.columns)
                index = self.rows.get(grid.path, 0)
                self.rows[grid.path] = index + 1
                note = [*changes, f"tách dòng “{_clip(text)}” thành thời gian và nội dung"]
                parts = _period_text(head)
                for f, value in zip(columns, [*parts, rest.strip()], strict=False):
                    self.raw(concrete(f.path, index), value, where, note)
                return
        fields = list(self.section.fields())
        if len(fields) == 1 and fields[0].path == (self.section.key,):
            for i, earlier in enumerate(self.out.values):  # a text item over several lines
                if earlier.path == fields[0].path:
                    self.out.values[i] = Raw(earlier.field, earlier.path, f"{earlier.text} {text}",
                                             earlier.where, (*earlier.changes, *changes))
                    return
            self.raw(fields[0].path, text, where, changes)
            return
        self.leftover(text, where)

    # ---- (21)

    def family_line(self, text: str, where: str, changes: list[str]) -> bool:
        records = self._records()
        assert records is not None
        body = text.lstrip(" -–•+*\t")
        label, sep, rest = body.partition(":")
        relation = self._relation(label.strip())
        if relation is not None and sep:
            self.person = self.rows.get(records.path, 0)
            self.rows[records.path] = self.person + 1
            self.raw(("gia_dinh", self.person, "quan_he"), relation, where, changes)
            for i, part in enumerate(p.strip() for p in rest.split(",") if p.strip()):
                year = _BIRTH_YEAR.match(part)
                if year and dates.read(year.group(1)).value is not None:
                    self.raw(("gia_dinh", self.person, "nam_sinh"), year.group(1), where, changes)
                elif i == 0:
                    self.raw(("gia_dinh", self.person, "ho_ten"), part, where, changes)
                else:
                    self.leftover(part, where)
            return True
        if self.person < 0 or not sep:
            return False
        key = self._family_field(label.strip(), records)
        if key is None:
            return False
        self.raw(("gia_dinh", self.person, *key.split(".")), rest.strip(), where, changes)
        return True

    def _relation(self, label: str) -> str | None:
        folded = fold(label)
        for shown in self.layout_relations().values():
            if folded == fold(shown):
                return shown
        synonym = next((c for t, c in FAMILY_SYNONYMS.items() if fold(t) == folded), None)
        return self.layout_relations().get(synonym) if synonym else None

    def layout_relations(self) -> dict[str, str]:
        f = self.layout.by_tag.get("gia_dinh.*.quan_he")
        return dict(f.choices) if f else {}

    def _family_field(self, label: str, records: Records) -> str | None:
        folded = fold(label)
        for f in records.fields:
            if fold(f.label.split(" › ")[-1]) == folded and len(f.path) == 3:
                return str(f.path[-1])
        return next((k for t, k in FAMILY_FIELDS.items() if fold(t) == folded), None)

    # ---- tables

    def table(self, t: Table) -> None:
        rows = [r for r in t.rows if any(c.text for c in r)]
        if not rows:
            return
        grid, columns = self._grid_for(rows[0])
        if grid is not None:
            self.section = next(s for s in self.layout.sections if s.key == grid.path[0])
            for n, row in enumerate(rows[1:], 2):
                self.grid_row(grid, columns, row, f"bảng {self.block}, dòng {n}")
            return
        for n, row in enumerate(rows, 1):
            where = f"bảng {self.block}, dòng {n}"
            self.pending = None
            if len(row) >= 2 and self.match(row[-2].text)[1] is not None:
                for cell in row[:-2]:
                    if cell.text and not re.fullmatch(r"\(?\d{1,2}\)?[.)]?", cell.text):
                        self.leftover(cell.text, where)
                value = row[-1].text.replace("\n", " ")
                if value:
                    self.line(f"{row[-2].text}: {value}", where)
                else:
                    target = self.match(row[-2].text)[1]
                    path = target.path if target else None
                    self.notes.append(Note(path, f"{self._item(path) if path else ''}, {where}",
                                           "để trống; người khai cần ghi bổ sung (hoặc ghi "
                                           "“Không”)", needs_person=True))
                continue
            cells = [c for c in row if c.text]
            if len(cells) >= 2:
                self.leftover(" | ".join(c.text for c in cells), where)
                continue
            for cell in cells:
                for ln in cell.text.split("\n"):
                    self.line(ln, where)
            self.pending = None

    def _grid_for(self, header: list[Cell]) -> tuple[Grid | None, list[list[Field]]]:
        best: tuple[int, Grid | None, list[list[Field]]] = (1, None, [])
        grids = [p for s in self.layout.sections for p in s.parts if isinstance(p, Grid)]
        for grid in grids:
            by_label = {fold(f.label): f for f in grid.columns}
            mapped: list[list[Field]] = []
            score = 0
            for cell in header:
                key = fold(cell.first)
                chosen = by_label.get(key) or next(
                    (f for lbl, f in by_label.items() if key.startswith(lbl)), None)
                if key.startswith("tu") and "den" in key and key not in by_label:
                    mapped.append([f for f in grid.columns if f.path[-1] in ("tu", "den")])
                    score += 2
                elif chosen is not None:
                    mapped.append([chosen])
                    score += 1
                else:
                    mapped.append([])
            current = self.section is not None and grid.path[0] == self.section.key
            score += 2 if current else 0
            if score > best[0] and sum(bool(m) for m in mapped) >= 2:
                best = (score, grid, mapped)
        return best[1], best[2]

    def grid_row(self, grid: Grid, columns: list[list[Field]], row: list[Cell], where: str) -> None:
        index = self.rows.get(grid.path, 0)
        self.rows[grid.path] = index + 1
        for cell, fields in zip(row, columns, strict=False):
            text, changes = _clean(cell.text.replace("\n", " "))
            if not text.strip():
                continue
            if len(fields) == 2:
                period = _period_text(text)
                for f, value in zip(fields, period, strict=False):
                    self.raw(concrete(f.path, index), value, where,
                             [*changes, f"tách “{text}” thành từ, đến"] if len(period) == 2
                             else changes)
            elif len(fields) == 1:
                self.raw(concrete(fields[0].path, index), text, where, changes)
            else:
                self.leftover(text, where)


def _period_text(text: str) -> list[str]:
    """"Từ tháng 9-2016 đến nay" → ["tháng 9-2016", "nay"]; one part when it is no period."""
    cleaned = re.sub(r"^\s*từ\s+", "", text.strip(), flags=re.I)
    parts = re.split(r"\s*(?:\bđến\b|\btới\b|–|—|\s-\s)\s*", cleaned, maxsplit=1)
    return [p.strip() for p in parts if p.strip()] if dates.read_period(text) else [text.strip()]


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
