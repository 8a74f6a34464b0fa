"""Walking the form's JSON Schema: one place that follows ``$ref`` and finds sub-schemas.

The checker (messages), the renderer (printed labels), ``hoso diff`` (item names) and
``hoso new`` (the skeleton) all read the schema's annotations — ``title``, ``x-muc``, ``x-nhan``,
``x-thu-tu`` — at a data path; they share this walker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from hoso.errors import UserError

Node = Mapping[str, Any]

#: Resolution depth at which a chain of references is taken to be a loop.
MAX_REF_DEPTH = 20


def read_schema(path: Path) -> dict[str, Any]:
    """A JSON Schema file as a mapping; a missing or broken file is a :class:`UserError`."""
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp lược đồ {path}.") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"Không đọc được tệp lược đồ {path}: {exc}") from exc
    if not isinstance(schema, dict):
        raise UserError(f"Tệp lược đồ {path} không phải là một đối tượng JSON.")
    return schema


class SchemaNav:
    def __init__(self, schema: Mapping[str, Any] | None) -> None:
        self.schema: Mapping[str, Any] = schema or {}

    def resolve(self, node: Any) -> Node:
        """``node`` with its local ``$ref`` (``#/$defs/…``) merged in; the node's own keywords win.

        A reference that cannot be followed is left as it is; a non-mapping gives ``{}``.
        """
        for _ in range(MAX_REF_DEPTH):
            if not isinstance(node, Mapping):
                return {}
            ref = node.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#/"):
                return node
            target: Any = self.schema
            try:
                for part in ref[2:].split("/"):
                    target = target[part.replace("~1", "/").replace("~0", "~")]
            except (KeyError, TypeError, IndexError):
                return node
            if not isinstance(target, Mapping):
                return node
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node if isinstance(node, Mapping) else {}

    def branches(self, node: Node) -> Iterator[Node]:
        """The alternatives and conditional parts of ``node``, resolved."""
        for key in ("allOf", "oneOf", "anyOf"):
            for sub in node.get(key, ()) or ():
                yield self.resolve(sub)
        for key in ("then", "else"):
            if key in node:
                yield self.resolve(node[key])

    def child(self, node: Node | None, part: str | int) -> Node | None:
        """The sub-schema for one step of a data path, looking through the branches."""
        if node is None:
            return None
        node = self.resolve(node)
        if isinstance(part, int):
            items = node.get("items")
            if isinstance(items, Mapping):
                return self.resolve(items)
        else:
            props = node.get("properties")
            if isinstance(props, Mapping) and part in props:
                return self.resolve(props[part])
        for branch in self.branches(node):
            found = self.child(branch, part)
            if found is not None:
                return found
        extra = node.get("additionalProperties")
        if isinstance(part, str) and isinstance(extra, Mapping):
            return self.resolve(extra)
        return None

    @property
    def root(self) -> Node:
        return self.resolve(self.schema)

    def chain(self, path: Sequence[str | int]) -> list[Node | None]:
        """Sub-schemas along a data path: element 0 is the root."""
        nodes: list[Node | None] = [self.root]
        for part in path:
            nodes.append(self.child(nodes[-1], part))
        return nodes

    def node_at(self, path: Sequence[str | int]) -> Node | None:
        return self.chain(path)[-1]

    def property_names(self, node: Node | None) -> list[str]:
        """Property names of ``node`` and its branches, in schema order."""
        if node is None:
            return []
        node = self.resolve(node)
        names = list(node.get("properties", {}) or {})
        for branch in self.branches(node):
            names.extend(n for n in self.property_names(branch) if n not in names)
        return names

    def top_order(self) -> list[str]:
        """Top-level keys in booklet order (``x-thu-tu``), else schema order."""
        order = self.root.get("x-thu-tu")
        if isinstance(order, list):
            return [str(k) for k in order]
        return self.property_names(self.root)

    # ---- the fields of a node as the guidance site documents them

    def top_keys(self) -> list[str]:
        """The root's properties in booklet order (``x-thu-tu``), then any others in schema order.

        Unlike :meth:`top_order`, a name of ``x-thu-tu`` that is no property is left out.
        """
        props = self.root.get("properties", {}) or {}
        order = self.root.get("x-thu-tu")
        first = [k for k in order if k in props] if isinstance(order, list) else []
        return first + [k for k in props if k not in first]

    def alternatives(self, node: Node) -> list[Node]:
        """The ``oneOf`` and ``anyOf`` alternatives of ``node``, resolved (no ``allOf``, no
        conditional ``then``/``else``)."""
        return [self.resolve(alt) for kw in ("oneOf", "anyOf") for alt in node.get(kw, ()) or ()]

    def _always(self, node: Node) -> list[Node]:
        """``node`` and the members of its ``allOf``: the parts that hold whatever is written."""
        return [node, *(self.resolve(m) for m in node.get("allOf", ()) or ())]

    def children(self, node: Any) -> tuple[dict[str, Any], list[str]]:
        """The sub-fields of an object, of an array's rows, or of the object alternatives of a
        ``oneOf``/``anyOf``, in schema order, with the names required: (properties, required).

        The properties are the sub-schemas as written (resolve them); an ``allOf`` member's
        fields count as the node's own. A field of an alternative counts as required when that
        alternative requires it (see :meth:`required_everywhere`).
        """
        node = self.resolve(node)
        if node.get("type") == "array" or "items" in node:
            return self.children(node.get("items", {}))
        props: dict[str, Any] = {}
        required: list[str] = []
        for part in self._always(node):
            for key, value in (part.get("properties", {}) or {}).items():
                props.setdefault(key, value)
            required += [r for r in part.get("required", []) or [] if r not in required]
        for alt in self.alternatives(node):
            if alt.get("properties"):
                sub_props, sub_req = self.children(alt)
                for key, value in sub_props.items():
                    props.setdefault(key, value)
                required += [r for r in sub_req if r not in required]
        return props, required

    def required_everywhere(self, node: Any) -> set[str]:
        """The fields required whichever alternative of a ``oneOf``/``anyOf`` is written."""
        node = self.resolve(node)
        if node.get("type") == "array" or "items" in node:
            return self.required_everywhere(node.get("items", {}))
        own = {str(r) for part in self._always(node) for r in part.get("required", []) or []}
        alts = [a for a in self.alternatives(node) if a.get("properties")]
        if not alts or "properties" in node:
            return own
        return own | set.intersection(*({str(r) for r in a.get("required", []) or []}
                                        for a in alts))
