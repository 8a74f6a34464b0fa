"""The web form's description of the 2-KNĐ, generated from the schema through the form model.

The page's script builds every field from this description; nothing about the form is written by
hand in the script. Each node says what widget the value needs and carries what the form model
says about it: the label and item number (``Form``), the instructions (``description``), the
choices of a closed list (``Form.node_enum_choices``), the date precisions a pattern allows
(``dates.shapes``), whether it is a province (``places``), and the checker's own messages.

The messages are the ones ``hoso check`` writes (``validate.schema.SchemaValidator``): for every
field and every kind of problem its schema can report, the checker is run at build time on a
stand-in error whose offending value is a placeholder, and the page puts the value it saw in
place of the placeholder. Row numbers are a placeholder index too. So the page and the checker
share one rule for choosing the schema's ``errorMessage`` and wording the problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hoso.form import dates, places
from hoso.form.items import FAMILY, OTHER_GROUP_TITLE, RELATION_PATH, Form
from hoso.form.schema import Node
from hoso.load import Loaded
from hoso.validate.schema import SchemaValidator, _yaml
from hoso.webform.wording import for_page

#: The offending value in a message template (the page writes the value it saw instead).
VALUE = "\ue000"
#: An unknown key in a message template.
KEY = "\ue001"
#: The row index of a path in a message template; its label reads "dòng thứ 99999".
ROW = 99998
ROW_LABEL = str(ROW + 1)

#: Keywords whose message depends only on the node (and the placeholder value).
_KEYWORDS = ("pattern", "minLength", "minItems", "maxItems", "enum", "const")


#: A packed message starts with this when it starts with "<label>: " …
HEAD = "\x01"
#: … and ends with this when it ends with " <advice>" (the field's ``errorMessage``).
TAIL = "\x02"


def unpack(text: str, label: str, advice: str) -> str:
    """A message as :func:`pack` received it (the page's script does the same)."""
    if text.startswith(HEAD):
        text = f"{label}: {text[1:]}"
    if text.endswith(TAIL):
        text = f"{text[:-1]} {advice}"
    return text


def pack(text: str, label: str, advice: str) -> str:
    """``text`` without the field's label and advice, which the page stores once per field."""
    packed = text
    if packed.startswith(f"{label}: "):
        packed = HEAD + packed[len(label) + 2 :]
    if advice and packed.endswith(f" {advice}") and len(packed) > len(advice) + 2:
        packed = packed[: -len(advice) - 1] + TAIL
    return packed if unpack(packed, label, advice) == text else text


@dataclass
class _Error:
    """What ``SchemaValidator`` reads of a jsonschema error, for a stand-in one."""

    validator: str
    instance: Any
    validator_value: Any
    absolute_path: Sequence[str | int]
    relative_path: Sequence[str | int] = ()
    context: Any = None
    message: str = ""
    relative_schema_path: Sequence[str | int] = field(default_factory=tuple)


#: The guessed key or value in a message template (the page writes its label instead).
GUESS = "\ue002"


class _Guessing(SchemaValidator):
    """The checker, whose guess ("Có phải ý bạn là …?") is the placeholder when asked: the
    page makes the guess itself, the same way (``difflib``), and words it with this text."""

    guessing = False

    def _guess(self, word: str, possibilities: Sequence[str], cutoff: float) -> str | None:
        if self.guessing and word in (VALUE, KEY):
            return GUESS
        return super()._guess(word, possibilities, cutoff)


class Spec(Form):
    """Walks the schema once and describes every field for the page."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        super().__init__(schema)
        self.checker = _Guessing(schema, "lược đồ")
        self._loaded = Loaded(file="", data={})
        units = places.units()
        self.provinces = sorted(set(units.current.values()))
        self._key_titles: dict[str, str] | None = None

    # ------------------------------------------------------------------ messages

    def _messages(self, path: tuple[str | int, ...], node: Node, kind: str) -> dict[str, str]:
        """The checker's finding text for each problem this field can have."""
        out: dict[str, str] = {}

        def explain(validator: str, instance: Any, expected: Any, guessing: bool = False) -> str | None:
            err: Any = _Error(validator, instance, expected, path)
            self.checker.guessing = guessing
            try:
                texts = [f.message for f in self.checker._explain(err, self._loaded)]
            finally:
                self.checker.guessing = False
            return texts[0] if texts else None

        blank_validator = "oneOf" if kind == "choice" else "pattern"
        if kind in ("text", "date", "choice", "enum"):
            out["blank"] = explain(blank_validator, "", "") or ""
        for kw in _KEYWORDS:
            if kw in node:
                instance: Any = VALUE if kw not in ("minItems", "maxItems") else []
                text = explain(kw, instance, node[kw])
                if text:
                    out[kw] = text
        expected_type = node.get("type")
        if expected_type:
            # what an opened file may hold where a block is expected: text ("Không"), nothing
            for shown, instance in (("string", VALUE), ("null", None)):
                if shown != expected_type:
                    text = explain("type", instance, expected_type)
                    if text:
                        out["type:" + shown] = text
        if kind == "choice":
            out["oneOf"] = explain("oneOf", VALUE, []) or ""
        if kind == "enum":
            # the same problem when the value is close to a choice: the checker's guess
            out["enum~"] = explain("enum", VALUE, node["enum"], guessing=True) or ""
        out.update(self._key_messages(path, kind))
        label = self.path_label(path)
        advice = self.checker.advice(self.node_at(path))
        out["other"] = f"{label}: {advice}".strip() if advice else f"{label}: không đúng mẫu."
        found: dict[str, Any] = {"label": label, "advice": advice}
        if kind == "choice":
            self._text_messages(path, node, out, found)
        if kind == "object":  # what an unknown key of an opened file is compared with
            block = self.node_at(path)  # the checker's list: the keys of every branch
            found["keys"] = [
                [name, self.title(self.child(block, name), name)] for name in self.property_names(block)
            ]
        names, quoted = self.names_near(node, path)
        found["advice"] = advice = for_page(advice, names, quoted)
        found.update({k: pack(for_page(v, names, quoted), label, advice) for k, v in out.items() if v})
        return found

    def _text_messages(
        self, path: tuple[str | int, ...], node: Node, out: dict[str, str], found: dict[str, Any]
    ) -> None:
        """A text where the choice takes none: the checker's message (with its guess) and the
        values its guess is made from."""
        for guessing in (False, True):
            text = self._text_in_choice(path, node, guessing)
            if text:
                out["oneOf:string" + ("~" if guessing else "")] = text
        choices = self._choices_for_text(path, node)
        if choices:
            found["oneOf:ch"] = choices

    def _stand_ins_for_text(self, path: tuple[str | int, ...], node: Node) -> Any:
        """The error jsonschema gives for a text at a choice that takes none (a "Khong" where
        “Không” or a block is asked), as stand-ins: one per branch, shaped as jsonschema's for a
        text (a constant or a closed list not matched, a block or list where text is, a nested
        choice), for the checker to pick the branch the writer meant (``_pick_branch``)."""

        def one(alt: Node, i: int) -> Any:
            where = (i,)
            if "const" in alt:
                return _Error("const", VALUE, alt["const"], path, relative_schema_path=(*where, "const"))
            if "enum" in alt:
                return _Error("enum", VALUE, alt["enum"], path, relative_schema_path=(*where, "enum"))
            if self.alternatives(alt):
                inner = [e for j, sub in enumerate(self.alternatives(alt)) if (e := one(sub, j))]
                return _Error("oneOf", VALUE, [], path, context=inner, relative_schema_path=(*where, "oneOf"))
            kind = alt.get("type") or ("object" if "properties" in alt else None)
            if kind and kind != "string":
                return _Error("type", VALUE, kind, path, relative_schema_path=(*where, "type"))
            pattern = alt.get("pattern", "")
            return _Error("pattern", VALUE, pattern, path, relative_schema_path=(*where, "pattern"))

        context = [one(alt, i) for i, alt in enumerate(self.alternatives(node))]
        return _Error("oneOf", VALUE, [], path, context=context)

    def _text_in_choice(self, path: tuple[str | int, ...], node: Node, guessing: bool) -> str | None:
        """What the checker says of a text at a choice that takes none, from the branch it picks;
        None when it picks none (the page then says the text fits no branch)."""
        err = self._stand_ins_for_text(path, node)
        if self.checker._pick_branch(err) is None:
            return None
        self.checker.guessing = guessing
        try:
            texts = [f.message for f in self.checker._explain(err, self._loaded)]
        finally:
            self.checker.guessing = False
        return texts[0] if len(texts) == 1 else None

    def _choices_for_text(self, path: tuple[str | int, ...], node: Node) -> list[list[str]]:
        """The values (as the checker compares them) and labels of the constant or closed list
        of the branch the checker picks for a text: what its guess is made from."""
        chosen: list[Any] = self.checker._pick_branch(self._stand_ins_for_text(path, node)) or []
        labels = dict(self.node_enum_labels(node))
        for alt in self.alternatives(node):
            labels.update(self.node_enum_labels(alt))
        out: list[list[str]] = []
        for err in chosen:
            if err.validator in ("const", "enum"):
                values = err.validator_value if err.validator == "enum" else [err.validator_value]
                out += [[_yaml(v), labels.get(str(v), _yaml(v))] for v in values]
        return out

    def _key_messages(self, path: tuple[str | int, ...], kind: str) -> dict[str, str]:
        """The field missing from its block; a key its block does not know."""
        out: dict[str, str] = {}
        if path and isinstance(path[-1], str):
            parent = path[:-1]
            err: Any = _Error("required", {}, [path[-1]], parent)
            found = list(
                self.checker._missing(
                    err,
                    self._loaded,
                    parent,
                    self.node_at(parent),
                )
            )
            if found:
                out["required"] = found[0].message
        if kind == "object":
            extra: Any = _Error("additionalProperties", {KEY: None}, False, path)
            found = list(
                self.checker._unknown_keys(
                    extra,
                    self._loaded,
                    path,
                    self.node_at(path),
                )
            )
            if found:
                out["additionalProperties"] = found[0].message
            self.checker.guessing = True
            try:
                found = list(self.checker._unknown_keys(extra, self._loaded, path, self.node_at(path)))
            finally:
                self.checker.guessing = False
            if found:
                out["additionalProperties~"] = found[0].message
        return out

    # ------------------------------------------------------------------ guidance

    def spoken(self, text: str, node: Node, path: tuple[str | int, ...] = ()) -> str:
        """The schema's instructions as the page shows them (:func:`wording.for_page`): a YAML
        key or closed-list code the text names for the file's writer ("ghi tên cũ ở
        truoc_day", "chinh_thuc hoặc du_bi") becomes what the page shows for it: the field's
        label, the choice's label; YAML-only advice becomes the page's."""
        return for_page(text, *self.names_near(node, path))

    def names_near(self, node: Node, path: tuple[str | int, ...]) -> tuple[dict[str, str], dict[str, str]]:
        """What the page shows for each key or code a text about the field at ``path`` (schema
        ``node``) may name: every key of the schema with an underscore that has one title; the
        field's own key, the keys of its fields (and theirs, three levels down, the nearer
        first) and of its branches; the labels of its closed lists. Second, the codes that are
        also plain words ("khai"): named only where the text quotes them."""
        if self._key_titles is None:
            self._key_titles = self._titles_of_keys()
        near: dict[str, str] = {}
        if path and isinstance(path[-1], str):
            near[path[-1]] = self.title(node, path[-1])
        level: list[Node] = [node, *filter(None, [self.node_at(path) if path else None])]
        for _ in range(3):
            deeper: list[Node] = []
            for parent in level:
                props, _ = self.children(parent)
                for alt in self.alternatives(self.resolve(parent)):
                    deeper.append(alt)
                for name, sub in props.items():
                    child = self.resolve(sub)
                    near.setdefault(name, self.title(child, name))
                    deeper.append(child)
            level = deeper
        codes: dict[str, str] = {}
        for alt in (node, *self.alternatives(node)):
            codes.update(self.node_enum_labels(alt))
        words = {c: t for c, t in codes.items() if "_" not in c}
        codes = {c: t for c, t in codes.items() if "_" in c}
        return {**self._key_titles, **near, **codes}, words

    def _titles_of_keys(self) -> dict[str, str]:
        """Every property name with an underscore that has one title wherever the schema has it."""
        seen: dict[str, set[str]] = {}
        todo: list[Any] = [self.schema]
        while todo:
            node = todo.pop()
            if isinstance(node, list):
                todo += node
            elif isinstance(node, Mapping):
                props = node.get("properties")
                if isinstance(props, Mapping):
                    for name, sub in props.items():
                        if "_" in name:
                            seen.setdefault(name, set()).add(self.title(self.resolve(sub), name))
                todo += list(node.values())
        return {name: next(iter(t)) for name, t in seen.items() if len(t) == 1}

    # ------------------------------------------------------------------ the walk

    def top(self) -> list[dict[str, Any]]:
        """The items in booklet order, each described."""
        required = set(self.root.get("required", ()))
        return [
            self.describe(
                self.root["properties"][key], (key,), key in required, pointer=f"#/properties/{key}"
            )
            for key in self.top_keys()
        ]

    def _pointer_of(self, node: Any, pointer: str, keyword: str) -> str:
        """Where ``keyword`` of ``node`` is written: in the node, or in what its ``$ref`` names."""
        for _ in range(20):
            if not isinstance(node, Mapping) or keyword in node or "$ref" not in node:
                return pointer
            pointer = str(node["$ref"])
            node = self.resolve({"$ref": pointer}) if pointer.startswith("#/") else {}
            raw: Any = self.schema
            for part in pointer[2:].split("/"):
                raw = raw.get(part, {}) if isinstance(raw, Mapping) else {}
            node = raw
        return pointer

    def kind(self, node: Node) -> str:
        if self.alternatives(node):
            return "choice"
        if "const" in node:
            return "const"
        if "enum" in node:
            return "enum"
        if node.get("type") == "boolean":
            return "boolean"
        if node.get("type") == "array" or "items" in node:
            return "array"
        if node.get("type") == "object" or "properties" in node:
            return "object"
        if dates.shapes(node.get("pattern")):
            return "date"
        return "text"

    def describe(self, raw: Any, path: tuple[str | int, ...], required: bool, pointer: str) -> dict[str, Any]:
        node = self.resolve(raw)
        kind = self.kind(node)
        key = path[-1] if path else ""
        spec: dict[str, Any] = {"k": kind, "key": key, "t": self.title(node, key), "req": required}
        number = self.node_number(node)
        if number:
            spec["n"] = number
        if node.get("description"):
            spec["d"] = self.spoken(" ".join(str(node["description"]).split()), node, path)
        if isinstance(key, str) and len(path) == 1:
            spec["item"] = self.sentence_item(key)
        spec["m"] = self._messages(path, node, kind)
        if kind == "choice":
            where = self._pointer_of(raw, pointer, "oneOf" if "oneOf" in node else "anyOf")
            kw = "oneOf" if "oneOf" in node else "anyOf"
            alts = []
            for i, alt in enumerate(node.get(kw, ())):
                sub = self.describe(alt, path, True, f"{where}/{kw}/{i}")
                sub.pop("item", None)
                sub["t"] = self._alt_title(self.resolve(alt), i)
                sub["ptr"] = f"{where}/{kw}/{i}"
                alts.append(sub)
            spec["alts"] = alts
        elif kind == "const":
            spec["v"] = node["const"]
        elif kind == "enum":
            spec["ch"] = [[value, label or str(value)] for value, label in self.node_enum_choices(node)]
        elif kind == "array":
            items = node.get("items", {})
            where = self._pointer_of(raw, pointer, "items")
            spec["it"] = self.describe(items, (*path, ROW), True, f"{where}/items")
            spec["min"] = int(node.get("minItems", 0))
        elif kind == "object":
            props, _ = self.children(node)
            own = {str(r) for r in node.get("required", ()) or ()}
            where = self._pointer_of(raw, pointer, "properties")
            spec["f"] = [
                self.describe(sub, (*path, name), name in own, f"{where}/properties/{name}")
                for name, sub in props.items()
            ]
            groups = self.node_groups(node)
            if groups:
                spec["groups"] = dict(groups)
        else:
            self._text(spec, node, kind)
        return spec

    def _alt_title(self, alt: Node, index: int) -> str:
        """How the radio button of one alternative reads: its title, "Không", else the fields
        it asks for ("Khai: Quốc gia; Địa chỉ ở nước ngoài")."""
        if alt.get("const") == "Không":
            return "Không"
        title = alt.get("title")
        if isinstance(title, str) and title.strip():
            return " ".join(title.split())
        props = alt.get("properties") or {}
        names = [n for n in alt.get("required", ()) or () if n in props] or list(props)
        if names:
            return "Khai: " + "; ".join(self.title(self.resolve(props[n]), n) for n in names[:3])
        return f"Cách ghi {index + 1}"

    def _text(self, spec: dict[str, Any], node: Node, kind: str) -> None:
        pattern = node.get("pattern")
        if kind == "date":
            spec["shapes"] = [s for s in dates.SHAPES if s in dates.shapes(pattern)]
        if isinstance(node.get("maxLength"), int):
            spec["max"] = node["maxLength"]
        examples = node.get("examples")
        if isinstance(examples, list) and examples:
            spec["ex"] = [str(e) for e in examples[:3]]
        hints = node.get("x-goi-y")
        if isinstance(hints, list) and hints:
            spec["goi_y"] = [str(h) for h in hints]
        if self.node_capitals(node):
            spec["upper"] = True
        if kind == "text" and isinstance(pattern, str) and self._is_province(pattern):
            spec["tinh"] = True
        spec["long"] = kind == "text" and pattern == r"\S"

    def _is_province(self, pattern: str) -> bool:
        try:
            rx = re.compile(pattern)
        except re.error:
            return False
        return (
            all(rx.search(p) for p in self.provinces)
            and not rx.search("x")
            and not rx.search(self.provinces[0].split(" ", 1)[1])
        )


def province_hints() -> dict[str, Any]:
    """The 34 provinces and every former name (with and without "Tỉnh"), lower case → today's."""
    units = places.units()
    former: dict[str, str] = {}
    for old, new in units.former.values():
        for variant in (old, old.split(" ", 1)[1] if old.startswith(("Tỉnh ", "Thành phố ")) else old):
            former[variant.lower()] = f"{old}|{new}"
    return {"now": sorted(set(units.current.values())), "former": former}


def family_groups(form: Form) -> dict[str, Any]:
    """The groups of (21) the page shows the relatives under, from the form model: each group's
    heading and relationship codes, in the booklet's order, and the heading of the relatives
    whose relationship is not (yet) one of them."""
    codes: dict[int, list[str]] = {}
    for code, number in form.relation_groups.items():
        codes.setdefault(number, []).append(code)
    groups = [
        {"n": group.number, "t": group.title, "codes": codes.get(group.number, [])}
        for group in form.family_groups([])
    ]
    return {"key": FAMILY, "relation": RELATION_PATH[-1], "groups": groups, "other": OTHER_GROUP_TITLE}
