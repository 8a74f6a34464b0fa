"""From what the candidate typed to what the checker expects, every change reported.

Each typed value becomes the format's value: Unicode NFC; text typed in the old TCVN3 (ABC) or
VNI fonts converted; extra spaces removed; “không” written “Không”; the names of item (1) and the
cover in capitals, other people's names with a capital on each word; dates written the usual
Vietnamese ways (“14/8/1994”, “tháng 9-2016”, “9/2016”) turned into the format's dates; a
closed list's entry matched to its code. A value that cannot be read for sure (an ambiguous or
impossible date, an entry outside a closed list) is kept exactly as typed, so the checker flags
it and a person decides: nothing is guessed silently and nothing is dropped.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hoso.form import dates
from hoso.form.text import fold
from hoso.word.layout import CHOICE, DATE, FLAG, FLAG_SHOWN, KHONG, KHONG_WORD, TEXT, Field

if TYPE_CHECKING:  # the Word reader's types: a YAML import runs without lxml
    from hoso.word.read import DataPath, Extracted, Raw

#: Names the form writes in capitals come from the schema (``Field.capitals``, ``x-in-hoa``).
#: Other people's names, a capital on each word (the rule ``ho-ten-chu-hoa-dau``).
PERSON_NAME = "ho_ten"

EXACT, CHANGED, PERSON = "chính xác", "đã chuẩn hóa", "cần người xem"


@dataclass(frozen=True)
class Note:
    """One report line of the import: a change made, or a value left for a person."""

    path: DataPath | None
    where: str
    message: str
    needs_person: bool = False


@dataclass
class Outcome:
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {EXACT: 0, CHANGED: 0, PERSON: 0})


# ------------------------------------------------------------------------------------------
# one value


_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def legacy_text(text: str) -> tuple[str, str] | None:
    """``text`` typed with a TCVN3 or VNI font (Word keeps the font's bytes as Latin letters),
    converted; None when the text reads better as it is."""
    if text.isascii():
        return None
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    from hoso.load.encoding import _decode_legacy, _score  # the one copy of the legacy tables

    best, best_score, best_name = text, _score(text), ""
    for encoding, name in (("tcvn3", "TCVN3 (ABC)"), ("vni", "VNI-Windows")):
        converted = _decode_legacy(raw, encoding)
        score = _score(converted)
        if score > best_score:
            best, best_score, best_name = converted, score, name
    return (best, best_name) if best_name else None


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))


class Normaliser:
    def value(self, f: Field, path: DataPath, text: str) -> tuple[Any, list[str], str | None]:
        """(value, changes made, problem left for a person)."""
        changes: list[str] = []
        legacy = legacy_text(text)
        if legacy is not None:
            changes.append(f"chuyển chữ gõ bằng bảng mã {legacy[1]} sang Unicode")
            text = legacy[0]
        nfc = unicodedata.normalize("NFC", text)
        if nfc != text and legacy is None:
            changes.append("chuyển sang Unicode dựng sẵn (NFC)")
        lines = [_SPACES.sub(" ", ln).strip() for ln in nfc.strip().split("\n")]
        tidy = "\n".join(ln for ln in lines if ln)
        if tidy != nfc.strip() and "\n".join(nfc.strip().split("\n")) == nfc.strip():
            changes.append("bỏ khoảng trắng thừa")
        text = tidy
        if f.kind == DATE:
            return self.date(text, changes)
        if f.kind in (CHOICE, FLAG):
            return self.choice(f, text, changes)
        if f.kind == KHONG or fold(text) == "khong":
            if fold(text) == "khong":
                if text != KHONG_WORD:
                    changes.append(f"ghi “{text}” thành “{KHONG_WORD}”")
                return KHONG_WORD, changes, None
            return text, changes, f"ghi “{KHONG_WORD}” nếu không có, hoặc khai các dòng của mục"
        if f.capitals and text != text.upper():
            changes.append(f"viết chữ in hoa “{text.upper()}”")
            text = text.upper()
        elif path and path[-1] == PERSON_NAME and f.kind == TEXT:
            letters = [c for c in text if c.isalpha()]
            if letters and (all(c.islower() for c in letters) or all(c.isupper() for c in letters)) \
                    and _title_case(text) != text:
                changes.append(f"viết hoa chữ cái đầu mỗi tiếng “{_title_case(text)}”")
                text = _title_case(text)
        return text, changes, None

    @staticmethod
    def date(text: str, changes: list[str]) -> tuple[Any, list[str], str | None]:
        reading = dates.read(text)
        if reading.value is None:
            return text, changes, f"{reading.problem}; giữ nguyên “{text}” để người khai ghi lại"
        if not reading.exact:
            shown = dates.show_value(reading.value) or reading.value
            changes.append(f"ghi “{text}” thành {shown} (“{reading.value}”)")
        return reading.value, changes, None

    @staticmethod
    def choice(f: Field, text: str, changes: list[str]) -> tuple[Any, list[str], str | None]:
        if f.kind == FLAG:
            if text == FLAG_SHOWN:
                return True, changes, None
            if fold(text) in ("co", "x", fold(f.label.split(" › ")[-1])):
                changes.append(f"ghi “{text}” thành “{FLAG_SHOWN}”")
                return True, changes, None
            return text, changes, f"chọn “{FLAG_SHOWN}” hoặc để trống"
        for code, label in f.choices:
            if text in (code, label):
                return code, changes, None
        for code, label in f.choices:
            if fold(text) in (fold(code), fold(label)):
                changes.append(f"ghi “{text}” thành “{label}”")
                return code, changes, None
        listed = ", ".join(label for _, label in f.choices)
        return text, changes, f"“{text}” không có trong danh sách ({listed})"


# ------------------------------------------------------------------------------------------
# the whole form


def _put(data: dict[str, Any], path: DataPath, value: Any) -> bool:
    """Set ``value`` at ``path``, making objects and rows on the way; False when the path is
    taken by a value of another kind."""
    cur: Any = data
    for part, nxt in itertools.pairwise(path):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(cur, dict) and isinstance(part, str):
            cur = cur.setdefault(part, empty)
        elif isinstance(cur, list) and isinstance(part, int):
            while len(cur) <= part:
                cur.append([] if isinstance(nxt, int) else {})
            cur = cur[part]
        else:
            return False
        if not isinstance(cur, dict | list):
            return False
    last = path[-1]
    if isinstance(cur, dict) and isinstance(last, str):
        cur[last] = value
        return True
    if isinstance(cur, list) and isinstance(last, int):
        while len(cur) <= last:
            cur.append(None)
        cur[last] = value
        return True
    return False


def _get(data: Any, path: DataPath) -> Any:
    cur = data
    for part in path:
        if isinstance(cur, dict) and isinstance(part, str):
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            return None
    return cur


def assemble(extracted: Extracted, tables: Iterable[tuple[str, ...]] = (),
             extra_notes: Iterable[Note] = ()) -> Outcome:
    """The dossier items the form holds, with the report of every change."""
    out = Outcome()
    norm = Normaliser()
    khong: list[tuple[Raw, Any, list[str], str | None]] = []
    for raw in extracted.values:
        value, changes, problem = norm.value(raw.field, raw.path, raw.text)
        changes = [*raw.changes, *changes]
        if raw.field.kind == KHONG:
            khong.append((raw, value, changes, problem))
            continue
        if not _put(out.data, raw.path, value):
            problem = problem or "không đặt được vào hồ sơ"
        _count(out, raw, changes, problem)
    for raw, value, changes, problem in khong:
        current = _get(out.data, raw.path)
        if isinstance(current, dict) and current:
            both = (f"ghi “{KHONG_WORD}” nhưng cũng khai các dòng của mục; giữ các dòng đã "
                    f"khai") if value == KHONG_WORD else problem
            _count(out, raw, changes, both)
            continue
        _put(out.data, raw.path, value)
        _count(out, raw, changes, problem)
    for path in tables:  # a table the form has but nobody filled: no rows
        if _get(out.data, path) is None:
            _put(out.data, path, [])
    for leftover in extracted.leftovers:
        out.notes.append(Note((leftover.key,) if leftover.key else None, leftover.where,
                              f"chưa đặt được vào mục nào, đã giữ lại làm chú thích: "
                              f"“{_clip(leftover.text)}”", needs_person=True))
        out.counts[PERSON] += 1
    for note in extra_notes:
        out.notes.append(note)
        out.counts[PERSON] += note.needs_person
    return out


def _count(out: Outcome, raw: Raw, changes: list[str], problem: str | None) -> None:
    for change in changes:
        out.notes.append(Note(raw.path, raw.where, change))
    if problem:
        out.notes.append(Note(raw.path, raw.where, problem, needs_person=True))
        out.counts[PERSON] += 1
    elif changes:
        out.counts[CHANGED] += 1
    else:
        out.counts[EXACT] += 1


def _clip(text: str, limit: int = 300) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"
