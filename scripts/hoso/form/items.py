"""The form's items as the schema describes them: numbers, printed labels, closed lists.

The schema is the one place where every key has its printed label (``title``), a short label for
messages where the printed one is long (``x-ngan``), its item number (``x-muc``), the labels of
closed lists (``x-nhan``) and the family groups of (21) (``x-nhom``). The checker, the renderer,
``hoso diff``, the rules and the site ask :class:`Form` for them instead of keeping a copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from hoso.form.schema import Node, SchemaNav

# The three groups of (21) Hoàn cảnh gia đình (reference 1.6), by the schema's x-nhom number.
FAMILY_GROUP_TITLES = {
    1: "1. Ông, bà nội, ngoại (của bản thân và của vợ hoặc chồng)",
    2: "2. Cha, mẹ đẻ (hoặc người nuôi dưỡng từ nhỏ); cha, mẹ vợ (chồng); vợ (chồng)",
    3: "3. Anh, chị, em ruột (của bản thân và của vợ hoặc chồng); các con",
}
OTHER_GROUP_TITLE = "Người thân khác"
FAMILY = "gia_dinh"
RELATION_PATH = (FAMILY, 0, "quan_he")


@dataclass(frozen=True)
class FamilyGroup:
    number: int
    title: str
    members: tuple[tuple[str, Mapping[str, Any]], ...]

    def as_context(self) -> dict[str, Any]:
        return {"so": self.number, "tieu_de": self.title, "nguoi": list(self.members)}


def title_of(node: Node | None) -> str | None:
    """A node's printed label, on one line; None when it has none."""
    if not node:
        return None
    title = node.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    return " ".join(title.split())


def lower_first(text: str) -> str:
    """A label inside a sentence: "Ông nội bên vợ (chồng)" → "ông nội bên vợ (chồng)"."""
    return text[:1].lower() + text[1:]


class Form(SchemaNav):
    """One form version's schema, read once, answering every question about its items."""

    # ---- one key

    def title(self, node: Node | None, key: str | int) -> str:
        """The printed label of ``node``, else the key itself."""
        return title_of(node) or str(key)

    @staticmethod
    def node_number(node: Node | None) -> str | None:
        """The item number a schema node carries (``x-muc``: "21"), or None."""
        number = node.get("x-muc") if node else None
        return str(number).strip("()") if number is not None and str(number).strip() else None

    @staticmethod
    def node_groups(node: Node | None) -> Mapping[str, Any] | None:
        """The family groups of a relationship list (``x-nhom``: code → 1–3), or None."""
        groups = node.get("x-nhom") if node else None
        return groups if isinstance(groups, Mapping) else None

    @staticmethod
    def node_capitals(node: Node | None) -> bool:
        """Whether the form writes this value in capitals (``x-in-hoa``: the names of (1))."""
        return bool(node.get("x-in-hoa")) if node else False

    @cached_property
    def capital_keys(self) -> tuple[str, ...]:
        """The top-level items written in capitals, in schema order."""
        return tuple(k for k in self.property_names(self.root)
                     if self.node_capitals(self.child(self.root, k)))

    def number(self, key: str) -> str | None:
        """The item number of a top-level key ("21"), or None for keys outside (1)–(26)."""
        return self.node_number(self.child(self.root, key))

    def item(self, key: str) -> str:
        """``"Mục (15) Những công việc, chức vụ đã qua"`` for a top-level key."""
        node = self.child(self.root, key)
        title = self.title(node, key)
        number = self.number(key)
        return f"Mục ({number}) {title}" if number else title

    def short_item(self, key: str) -> str:
        """The item as messages name it: "Mục (3) Sinh ngày" (``x-ngan`` where the printed label is
        long); "Hồ sơ" for a key the schema does not know."""
        node = self.child(self.root, key)
        if not node:
            return "Hồ sơ"
        short = node.get("x-ngan")
        title = short if isinstance(short, str) and short.strip() else self.title(node, key)
        number = self.number(key)
        return f"Mục ({number}) {title}" if number else title

    def sentence_title(self, node: Node | None, key: str | int) -> str:
        """:meth:`title` for running text: a heading the booklet prints in capitals
        ("HOÀN CẢNH GIA ĐÌNH") in sentence case ("Hoàn cảnh gia đình")."""
        title = title_of(node)
        if title is None:
            return str(key)
        return title[0] + title[1:].lower() if title.isupper() else title

    def sentence_item(self, key: str) -> str:
        """:meth:`item` with :meth:`sentence_title`: "Mục (21) Hoàn cảnh gia đình"."""
        title = self.sentence_title(self.child(self.root, key), key)
        number = self.number(key)
        return f"Mục ({number}) {title}" if number else title

    def field_label(self, path: Sequence[str | int]) -> str:
        """The label of the field at ``path`` inside a sentence: "năm sinh", "chỗ ở hiện nay"."""
        return lower_first(self.title(self.node_at(path), path[-1] if path else ""))

    # ---- a whole path

    def path_label(self, path: Sequence[str | int], data: Any = None) -> str:
        """``Mục (21) Hoàn cảnh gia đình › người thứ 2 (Bà nội) › Năm sinh``.

        Rows are "dòng thứ N", except the people of (21), which are "người thứ N" with their
        relationship when ``data`` is given; a numbered sub-item names its own number.
        """
        nodes = self.chain(path)
        parts: list[str] = []
        value = data
        for i, part in enumerate(path):
            node = nodes[i + 1]
            parent = nodes[i]
            if isinstance(part, int):
                what = "người thứ" if path[:1] == (FAMILY,) and i == 1 else "dòng thứ"
                text = f"{what} {part + 1}"
                if what == "người thứ" and isinstance(value, list) and part < len(value) \
                        and isinstance(value[part], Mapping):
                    rel_label = self.relations.get(str(value[part].get("quan_he")))
                    if rel_label:
                        text += f" ({rel_label})"
                parts.append(text)
            else:
                title = title_of(node) or part
                number = node.get("x-muc") if node else None
                if number and i == 0:
                    parts.append(f"Mục ({number}) {title}")
                elif number and parent is not None and parent.get("x-muc") != number:
                    parts.append(f"({number}) {title}")
                else:
                    parts.append(title)
            if isinstance(value, Mapping):
                value = value.get(part) if isinstance(part, str) else None
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                value = None
        return " › ".join(parts) if parts else "Hồ sơ"

    def items_filled(self, data: Mapping[str, Any]) -> tuple[int, int]:
        """How many numbered form items the dossier has (an empty table counts), out of how many."""
        numbers: dict[str, bool] = {}
        for key in self.property_names(self.root):
            number = self.number(key)
            if number is None:
                continue
            numbers[number] = numbers.get(number, False) or data.get(key) is not None
        return sum(numbers.values()), len(numbers)

    # ---- closed lists

    def enum_labels(self, path: Sequence[str | int]) -> dict[str, str]:
        """The printed labels of a closed list (``x-nhan``), by code."""
        return self.node_enum_labels(self.node_at(path))

    @staticmethod
    def node_enum_labels(node: Node | None) -> dict[str, str]:
        labels = node.get("x-nhan") if node else None
        if isinstance(labels, Mapping):
            return {str(k): str(v) for k, v in labels.items()}
        enum = node.get("enum") if node else None
        if isinstance(labels, list) and isinstance(enum, list):
            return {str(code): str(label) for code, label in zip(enum, labels, strict=False)}
        return {}

    def enum_label(self, node: Node | None, value: Any) -> str | None:
        """The printed label of one value of a closed list, or None."""
        if not isinstance(value, str):
            return None
        return self.node_enum_labels(node).get(value)

    @classmethod
    def node_enum_choices(cls, node: Node | None) -> list[tuple[Any, str]]:
        """(value, printed label) for each allowed value of a closed list, in the schema's order;
        the label is "" where ``x-nhan`` gives none."""
        values = node.get("enum") if node else None
        if not isinstance(values, list):
            return []
        labels = cls.node_enum_labels(node)
        return [(value, labels.get(str(value), "")) for value in values]

    # ---- the family of (21)

    @cached_property
    def relations(self) -> dict[str, str]:
        """Relationship code → printed label ("ong_noi" → "Ông nội")."""
        return self.enum_labels(RELATION_PATH)

    def relation_label(self, code: object) -> str:
        """A relationship inside a sentence: "ông nội bên vợ (chồng)"; "người thân" if unknown."""
        if not isinstance(code, str):
            return "người thân"
        return lower_first(self.relations[code]) if code in self.relations else code

    @cached_property
    def relation_order(self) -> dict[str, int]:
        node = self.node_at(RELATION_PATH) or {}
        return {str(code): i for i, code in enumerate(node.get("enum", ()))}

    @cached_property
    def relation_groups(self) -> dict[str, int]:
        """Relationship code → its group (1–3) in (21)."""
        node = self.node_at(RELATION_PATH) or {}
        groups = self.node_groups(node) or {}
        return {str(k): int(v) for k, v in groups.items()}

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
