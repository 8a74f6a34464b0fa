"""Comparing two versions of one dossier, item by item, in short Vietnamese phrases.

:class:`Comparer` walks both versions in the booklet's order and reports, per form item, what was
filled, cleared, edited, added or removed; tables are paired row by row (the same person of (21),
or a row mostly equal, is an edited row, not one removed and one added); long texts are compared
word by word. :class:`Describer` turns values into phrases with the schema's labels (``title``,
``x-muc``, ``x-nhan``), read through :class:`hoso.form.Form`; the workflow block
(``quy_trinh``) is told as stage moves.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hoso.form import Form, dates
from hoso.workflow import stages
from hoso.workflow.diff import votes

STAGE_ITEM = "Giai đoạn"
HISTORY_ITEM = "Lịch sử quy trình"
LONG = 80  # texts longer than this are compared word by word
SHOWN = 160  # longest value shown in full


@dataclass(frozen=True)
class Change:
    """One line of the summary: the form item it concerns and what happened to it."""

    item: str
    text: str


# =============================================================================== values


def clip(text: str, limit: int = SHOWN) -> str:
    """``text`` on one line, cut with "…" after ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Describer:
    """Turns values and rows into short Vietnamese phrases, using the schema for labels."""

    def __init__(self, form: Form) -> None:
        self.form = form

    def scalar(self, value: Any, node: Mapping[str, Any] | None = None) -> str:
        if value is None:
            return "(để trống)"
        if isinstance(value, bool):
            return "có" if value else "không"
        label = self.form.enum_label(node, value)
        if label:
            return label
        return dates.show_value(value) or clip(str(value))

    def quoted(self, value: Any, node: Mapping[str, Any] | None = None) -> str:
        return f"“{self.scalar(value, node)}”"

    def row(self, row: Any, node: Mapping[str, Any] | None) -> str:
        """A table row or a person in one phrase."""
        if not isinstance(row, Mapping):
            return self.value(row, node)
        if "ho_ten" in row:
            rel = row.get("quan_he")
            rel_text = self.scalar(rel, self.form.child(node, "quan_he")) if rel else ""
            born = f" (sinh năm {row['nam_sinh']})" if row.get("nam_sinh") else ""
            text = f"{rel_text}: {row['ho_ten']}{born}" if rel_text else f"{row['ho_ten']}{born}"
            return clip(text)
        order = [k for k in self.form.property_names(node) if k in row]
        order += [k for k in row if k not in order]
        head = ""
        if "tu" in row or "den" in row:
            start = dates.show_value(row.get("tu")) or str(row.get("tu", "…"))
            end = dates.show_value(row.get("den")) or str(row.get("den", "…"))
            if end.startswith("tháng ") and start.startswith("tháng "):
                end = end[len("tháng "):]
            head = f"{start} – {end}"
        elif "thang" in row or "ngay" in row:
            key = "thang" if "thang" in row else "ngay"
            head = dates.show_value(row.get(key)) or str(row.get(key))
        rest = [self.scalar(row[k], self.form.child(node, k)) for k in order
                if k not in {"tu", "den", "thang", "ngay"} and _is_scalar(row[k])
                and row[k] not in (None, "")]
        body = "; ".join(rest)
        return clip(f"{head}: {body}" if head and body else head or body or "(dòng trống)")

    def value(self, value: Any, node: Mapping[str, Any] | None) -> str:
        """Any value in one phrase (used for items added or removed whole)."""
        if _is_scalar(value):
            return self.quoted(value, node)
        if isinstance(value, list):
            if not value:
                return "danh sách trống"
            return f"{len(value)} dòng"
        if isinstance(value, Mapping):
            parts: list[tuple[str, str]] = []
            for k in [*self.form.property_names(node), *value]:
                if k in value and _is_scalar(value[k]) and k not in [p[0] for p in parts]:
                    parts.append((k, f"{self.form.sentence_title(self.form.child(node, k), k)}: "
                                     f"{self.scalar(value[k], self.form.child(node, k))}"))
            text = "; ".join(p[1].rstrip(".;") for p in parts)
            return f"“{clip(text, 2 * SHOWN)}”" if parts else "(trống)"
        return clip(str(value))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (Mapping, list))


def text_change(old: Any, new: Any, describe: Describer, node: Mapping[str, Any] | None) -> str:
    """“sửa “a” thành “b””, or, for long texts, only the words that changed."""
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= LONG:
        return f"sửa {describe.quoted(old, node)} thành {describe.quoted(new, node)}"
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = clip(" ".join(a[i1:i2]), 60), clip(" ".join(b[j1:j2]), 60)
        if op == "replace":
            parts.append(f"thay “{gone}” bằng “{came}”")
        elif op == "delete":
            parts.append(f"bỏ “{gone}”")
        elif op == "insert":
            parts.append(f"thêm “{came}”")
    if not parts:
        return "sửa khoảng trắng"
    shown = "; ".join(parts[:3])
    if len(parts) > 3:
        shown += f"; và {len(parts) - 3} chỗ khác"
    return f"sửa nội dung: {shown}"


# =============================================================================== comparing


class Comparer:
    """Compares two versions of one dossier and lists the changes item by item."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.describe = Describer(form)

    def compare(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
        out = self.workflow(old.get("quy_trinh"), new.get("quy_trinh"))
        order = self.form.top_order()
        keys = [k for k in order if k in old or k in new]
        keys += [k for k in new if k not in keys]
        keys += [k for k in old if k not in keys]
        root = self.form.root
        for key in keys:
            if key == "quy_trinh":
                continue
            a, b = old.get(key, _MISSING), new.get(key, _MISSING)
            if a == b:
                continue
            item = self.form.sentence_item(key)
            node = self.form.child(root, key)
            out.extend(Change(item, text) for text in self.value_changes(a, b, node, key=key))
        return out

    # -- the workflow block ---------------------------------------------------------------

    def workflow(self, old: Any, new: Any) -> list[Change]:
        old_stage, new_stage = stage_of(old), stage_of(new)
        old_hist, new_hist = _history(old), _history(new)
        out: list[Change] = []
        appended: list[Mapping[str, Any]] = []
        if new_hist[: len(old_hist)] == old_hist:
            appended = [e for e in new_hist[len(old_hist):] if isinstance(e, Mapping)]
        else:
            out.append(Change(HISTORY_ITEM, "⚠ sửa hoặc xóa dòng đã có trong lịch sử quy trình "
                                            "(lịch sử chỉ được thêm dòng mới)"))
        previous = old_stage or stages.KHAI
        for entry in appended:
            target = str(entry.get("giai_doan", ""))
            if stages.is_return(previous, target):
                text = (f"{stages.TRA_LAI_LABEL}: «{stages.label(previous)}» → "
                        f"«{stages.label(target)}»")
            else:
                text = f"«{stages.label(previous)}» → «{stages.label(target)}»"
            details = [dates.show_value(entry.get("ngay")) or str(entry.get("ngay", "")),
                       str(entry.get("nguoi", "") or "")]
            detail = ", ".join(d for d in details if d)
            note = entry.get("ghi_chu")
            if note:
                detail += f": “{clip(str(note))}”" if detail else f"“{clip(str(note))}”"
            out.append(Change(STAGE_ITEM, f"{text} ({detail})" if detail else text))
            previous = target
        if old_stage != new_stage and (not appended or previous != new_stage):
            out.append(Change(STAGE_ITEM, f"«{stages.label(old_stage or '')}» → "
                                          f"«{stages.label(new_stage or '')}» "
                                          "(⚠ không có dòng tương ứng trong lịch sử quy trình; "
                                          "hãy dùng hoso advance)"))
        return out

    # -- values -------------------------------------------------------------------------

    def value_changes(self, a: Any, b: Any, node: Mapping[str, Any] | None,
                      prefix: str = "", key: str = "", parent: str = "") -> list[str]:
        """What changed from ``a`` to ``b`` (the value of ``key`` under ``parent``)."""
        d = self.describe
        if a is _MISSING or (isinstance(b, Mapping) and votes.is_vote(self.form, node)):
            told = self.recorded(a, b, node, prefix, key, parent)
            if told is not None:
                return told
        if b is _MISSING:
            return [f"{prefix}bỏ mục này (trước đây: {d.value(a, node)})"]
        if isinstance(a, list) and isinstance(b, list):
            return [prefix + t for t in self.table_changes(a, b, node)]
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            out = []
            keys = [k for k in self.form.property_names(node) if k in a or k in b]
            keys += [k for k in b if k not in keys]
            keys += [k for k in a if k not in keys]
            for k in keys:
                x, y = a.get(k, _MISSING), b.get(k, _MISSING)
                if x == y:
                    continue
                sub = self.form.child(node, k)
                label = self.form.sentence_title(sub, k)
                out.extend(self.value_changes(x, y, sub, f"{prefix}{label}: ", k, key))
            return out
        if not (_is_scalar(a) and _is_scalar(b)):
            return [f"{prefix}sửa {d.value(a, node)} thành {d.value(b, node)}"]
        if a in (None, "") and b not in (None, ""):
            return [f"{prefix}điền {d.value(b, node)}"]
        if b in (None, "") and a not in (None, ""):
            return [f"{prefix}xóa {d.value(a, node)}"]
        return [prefix + text_change(a, b, d, node)]

    def recorded(self, a: Any, b: Any, node: Mapping[str, Any] | None, prefix: str,
                 key: str, parent: str) -> list[str] | None:
        """A vote (four counts told together), or a value added where there was none (a block
        with blocks inside told part by part); None for anything else."""
        d = self.describe
        if isinstance(b, Mapping) and votes.is_vote(self.form, node):
            if isinstance(a, Mapping):
                return [prefix + votes.change(self.form, node, a, b, parent)]
            if a is _MISSING or a is None:
                return [prefix + votes.describe(self.form, node, b, parent)]
            return None
        if a is not _MISSING:
            return None
        if isinstance(b, list):
            return [f"{prefix}thêm dòng “{d.row(r, self.form.child(node, 0))}”"
                    for r in b] or [f"{prefix}thêm (danh sách trống)"]
        nested = [k for k, v in b.items() if not _is_scalar(v) and v] \
            if isinstance(b, Mapping) else []
        if not nested:
            return [f"{prefix}thêm {d.value(b, node)}"]
        flat = {k: v for k, v in b.items() if k not in nested}
        out = [f"{prefix}thêm {d.value(flat, node)}"] if flat else []
        for k in nested:
            sub = self.form.child(node, k)
            out += self.value_changes(_MISSING, b[k], sub,
                                      f"{prefix}{self.form.sentence_title(sub, k)}: ", k, key)
        return out

    def table_changes(self, a: list[Any], b: list[Any],
                      node: Mapping[str, Any] | None) -> list[str]:
        row_node = self.form.child(node, 0)
        d = self.describe
        keys_a = [_fingerprint(r) for r in a]
        keys_b = [_fingerprint(r) for r in b]
        out: list[str] = []
        person = any(isinstance(r, Mapping) and "ho_ten" in r for r in [*a, *b])
        add, remove = ("thêm", "bỏ")
        noun = "người thân " if person else "dòng "
        matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = list(range(i1, i2)), list(range(j1, j2))
            pairs = _pair(a, b, olds, news)
            paired_old = {i for i, _ in pairs}
            paired_new = {j for _, j in pairs}
            events: list[tuple[int, str]] = []
            for i in olds:
                if i not in paired_old:
                    events.append((j1, f"{remove} {noun}“{d.row(a[i], row_node)}”"))
            for i, j in pairs:
                inner = self.value_changes(a[i], b[j], row_node)
                what = d.row(b[j], row_node)
                events.append((j, f"sửa {noun}“{what}”: " + "; ".join(inner)))
            for j in news:
                if j not in paired_new:
                    events.append((j, f"{add} {noun}“{d.row(b[j], row_node)}”"))
            out.extend(text for _, text in sorted(events, key=lambda e: e[0]))
        if not out and keys_a != keys_b:
            out.append("đổi thứ tự các dòng")
        return out


_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()


def _fingerprint(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def _identity(row: Any) -> tuple[Any, ...] | None:
    if isinstance(row, Mapping) and "ho_ten" in row:
        return ("nguoi", row.get("quan_he"), row.get("ho_ten"))
    return None


def _similarity(x: Any, y: Any) -> float:
    if isinstance(x, Mapping) and isinstance(y, Mapping):
        keys = set(x) | set(y)
        if not keys:
            return 1.0
        same: int = sum(1 for k in keys if x.get(k) == y.get(k))
        return same / len(keys)
    return 1.0 if x == y else 0.0


def _pair(a: Sequence[Any], b: Sequence[Any], olds: list[int],
          news: list[int]) -> list[tuple[int, int]]:
    """Rows of a replaced block that are the same row edited (same person, or mostly equal)."""
    pairs: list[tuple[int, int]] = []
    free = list(news)
    for i in olds:
        ident = _identity(a[i])
        match = None
        if ident is not None:
            match = next((j for j in free if _identity(b[j]) == ident), None)
            if match is None and isinstance(a[i], Mapping):
                # the same relation with a corrected name is the same person
                match = next((j for j in free if isinstance(b[j], Mapping)
                              and b[j].get("quan_he") == a[i].get("quan_he")
                              and _similarity(a[i], b[j]) >= 0.5), None)
        else:
            scored = sorted(((_similarity(a[i], b[j]), j) for j in free), reverse=True)
            if scored and scored[0][0] >= 0.5:
                match = scored[0][1]
        if match is not None:
            pairs.append((i, match))
            free.remove(match)
    return pairs


def stage_of(block: Any) -> str | None:
    """The stage ``quy_trinh.giai_doan`` records, given the ``quy_trinh`` block."""
    if isinstance(block, Mapping) and isinstance(block.get("giai_doan"), str):
        return str(block["giai_doan"])
    return None


def _history(block: Any) -> list[Any]:
    if isinstance(block, Mapping) and isinstance(block.get("lich_su"), list):
        return list(block["lich_su"])
    return []


def compare_data(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None,
                 form: Form) -> list[Change]:
    """The changes between two versions of one dossier (either may be missing)."""
    comparer = Comparer(form)
    if old is not None and new is not None:
        return comparer.compare(old, new)
    return []
