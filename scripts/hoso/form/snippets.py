"""The editor's help inside the schema: ``defaultSnippets`` for table rows and family members.

VS Code's YAML extension offers a schema's ``defaultSnippets`` as completions. Every table of the
form (an array of objects) gets one snippet for a new row with its required sub-keys; the family
table of item (21) gets one per relationship, with the sub-keys that relationship must declare
(the schema's ``if``/``then`` on ``quan_he``). Values are empty: the editor then names, in
Vietnamese, what each one needs (the ``errorMessage`` of its pattern).

The snippets are generated from the schema and written into it; ``tests/test_editor.py`` fails
when the committed schema differs from what this module makes of it. To regenerate::

    python -m hoso.form.snippets schema/2-knd-2025.schema.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hoso.form.schema import SchemaNav

Node = Mapping[str, Any]
KEY = "defaultSnippets"
KHONG = "Không"


class _Maker(SchemaNav):
    def blank(self, node: Any) -> Any:
        """An empty value for ``node``: ``""``, ``[]``, a fixed value or a block of its keys."""
        node = self.resolve(node)
        if "const" in node:
            return node["const"]
        branches = [b for b in map(self.resolve, node.get("oneOf", ())) if b.get("const") != KHONG]
        if branches and "properties" not in node:
            node = max(branches, key=lambda b: len(b.get("properties", {})))
        if "properties" in node:
            return self.block(node, ())
        if node.get("type") == "array" or "items" in node:
            return []
        return ""

    def block(self, node: Node, extra: Sequence[str]) -> dict[str, Any]:
        props: Mapping[str, Any] = node.get("properties", {})
        wanted = set(node.get("required", ())) | set(extra)
        if not wanted and node.get("minProperties", 0) >= 1 and props:
            wanted = {next(iter(props))}  # e.g. a class status: at least one period
        return {key: self.blank(sub) for key, sub in props.items() if key in wanted}

    def row_snippets(self, items: Node) -> list[dict[str, Any]]:
        items = self.resolve(items)
        if "properties" not in items:
            return []
        title = str(items.get("title") or "dòng")
        relation = self.resolve(items.get("properties", {}).get("quan_he", {}))
        if relation.get("enum"):
            return [self.relation_snippet(items, str(value), relation) for value in relation["enum"]]
        return [{"label": f"Thêm: {title.lower()}",
                 "description": f"Một dòng mới của bảng, đủ các mục phải khai ({title}).",
                 "body": self.block(items, ())}]

    def relation_snippet(self, items: Node, value: str, relation: Node) -> dict[str, Any]:
        extra: list[str] = []
        for part in items.get("allOf", ()):
            cond = part.get("if", {}).get("properties", {}).get("quan_he", {})
            if value in cond.get("enum", ()) or cond.get("const") == value:
                extra += part.get("then", {}).get("required", [])
        body = {"quan_he": value, **{k: v for k, v in self.block(items, extra).items()
                                     if k != "quan_he"}}
        label = str(relation.get("x-nhan", {}).get(value, value))
        return {"label": f"Thêm người: {label}",
                "description": f"Mục (21): {label}, đủ các mục phải khai cho quan hệ này.",
                "body": body}


def add_snippets(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``defaultSnippets`` on the items of every table (in place)."""
    maker = _Maker(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            items = node.get("items")
            if isinstance(items, dict) and (node.get("type") == "array"):
                snippets = maker.row_snippets(items)
                if snippets:
                    items[KEY] = snippets
            for key, value in node.items():
                if key != KEY:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def dump(schema: Mapping[str, Any]) -> str:
    """The schema file's own layout."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for name in args:
        path = Path(name)
        schema = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(dump(add_snippets(schema)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
