"""Printed names read from the schema: items, relationships, family groups, enum values.

The schema is the one place where every key has its printed label (``title``), its item number
(``x-muc``) and the labels of closed lists (``x-nhan``, ``x-nhom``). The templates keep the
booklet's own wording for the items; the labels of values and the names used in messages come
from here, so they never drift from the schema.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from hoso.schema_nav import SchemaNav, read_schema

# The three groups of (21) Hoàn cảnh gia đình (reference 1.6), by the schema's x-nhom number.
FAMILY_GROUP_TITLES = {
    1: "1. Ông, bà nội, ngoại (của bản thân và của vợ hoặc chồng)",
    2: "2. Cha, mẹ đẻ (hoặc người nuôi dưỡng từ nhỏ); cha, mẹ vợ (chồng); vợ (chồng)",
    3: "3. Anh, chị, em ruột (của bản thân và của vợ hoặc chồng); các con",
}
OTHER_GROUP_TITLE = "Người thân khác"


@dataclass(frozen=True)
class FamilyGroup:
    number: int
    title: str
    members: tuple[tuple[str, Mapping[str, Any]], ...]

    def as_context(self) -> dict[str, Any]:
        return {"so": self.number, "tieu_de": self.title, "nguoi": list(self.members)}


class SchemaLabels(SchemaNav):
    """Printed labels, item numbers and relationship groups, read from the schema."""

    @classmethod
    def from_file(cls, path: Path) -> SchemaLabels:
        return cls(read_schema(path))

    # ---- names

    def item_name(self, path: Sequence[str | int]) -> str:
        """"Mục (21) Hoàn cảnh gia đình, dòng 4, Họ và tên" for ``gia_dinh[3].ho_ten``."""
        if not path:
            return "Hồ sơ"
        top = self.node_at(path[:1]) or {}
        title = str(top.get("title") or path[0])
        muc = top.get("x-muc")
        parts = [f"Mục ({muc}) {title}" if muc else f"Mục {title}"]
        for i, part in enumerate(path[1:], start=1):
            if isinstance(part, int):
                parts.append(f"dòng {part + 1}")
                continue
            node = self.node_at(path[: i + 1]) or {}
            parts.append(str(node.get("title") or part))
        return ", ".join(parts)

    def enum_labels(self, path: Sequence[str | int]) -> dict[str, str]:
        node = self.node_at(path) or {}
        labels = node.get("x-nhan", {})
        return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, Mapping) else {}

    @cached_property
    def relations(self) -> dict[str, str]:
        return self.enum_labels(("gia_dinh", 0, "quan_he"))

    @cached_property
    def relation_order(self) -> dict[str, int]:
        node = self.node_at(("gia_dinh", 0, "quan_he")) or {}
        return {str(code): i for i, code in enumerate(node.get("enum", ()))}

    @cached_property
    def relation_groups(self) -> dict[str, int]:
        node = self.node_at(("gia_dinh", 0, "quan_he")) or {}
        groups = node.get("x-nhom", {})
        return {str(k): int(v) for k, v in groups.items()} if isinstance(groups, Mapping) else {}

    def family_groups(self, people: Sequence[Mapping[str, Any]]) -> list[FamilyGroup]:
        """The three groups of (21), each in the schema's relationship order; unknown
        relationships (a schema without ``x-nhom``) in a fourth group, never dropped."""
        order = self.relation_order
        buckets: dict[int, list[tuple[int, int, str, Mapping[str, Any]]]] = {1: [], 2: [], 3: []}
        for i, person in enumerate(people):
            code = str(person.get("quan_he", ""))
            group = self.relation_groups.get(code, 4)
            label = self.relations.get(code, code)
            buckets.setdefault(group, []).append((order.get(code, len(order)), i, label, person))
        out = []
        for number in sorted(buckets):
            rows = sorted(buckets[number], key=lambda r: (r[0], r[1]))
            title = FAMILY_GROUP_TITLES.get(number, OTHER_GROUP_TITLE)
            if number > 3 and not rows:
                continue
            out.append(FamilyGroup(number, title, tuple((r[2], r[3]) for r in rows)))
        return out
