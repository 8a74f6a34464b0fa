"""Schema validation with findings in the user's words.

``jsonschema-rs`` answers the common questions — is the schema itself valid, is this dossier
valid? — fast; only when the answer is no is ``jsonschema`` imported (importing it and checking the
schema with it cost 0.17 s, most of a one-file ``hoso check`` through pre-commit) and its validator
walks the dossier again for its error objects, which are then rewritten through the schema's own
annotations: ``x-muc`` (the item number), ``title`` (the printed label) and ``errorMessage`` (what
to write instead). Every finding is located at the offending value (or, for a missing item, at
the mapping that should hold it).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

from hoso.errors import UserError
from hoso.findings import Finding, Path_, Severity
from hoso.load import Loaded

TYPE_NAMES = {
    "string": "một chuỗi chữ",
    "object": "một bảng các mục con (khóa: giá trị)",
    "array": "một danh sách (mỗi dòng bắt đầu bằng dấu -)",
    "boolean": "true hoặc false",
    "null": "để trống",
    "integer": "một số nguyên",
    "number": "một số",
}

# Sub-schemas that only say "this must not be blank".
_BLANK_VALIDATORS = {"minLength", "pattern"}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _show(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


_DRAFT_2020_12 = ("https://json-schema.org/draft/2020-12/schema",
                  "https://json-schema.org/draft/2020-12/schema#")


def _meta_valid(schema: dict[str, Any]) -> bool:
    """Whether ``schema`` passes the 2020-12 meta-schema in jsonschema-rs (a millisecond).

    ``jsonschema``'s ``check_schema`` takes a tenth of a second; it runs only when this says no,
    for its error message, and is the judge should the two disagree. Another ``$schema`` goes
    to it directly: jsonschema-rs would try to download that meta-schema.
    """
    if schema.get("$schema", _DRAFT_2020_12[0]) not in _DRAFT_2020_12:
        return False
    try:
        return bool(jsonschema_rs.meta.is_valid(schema))
    except ValueError:
        return False


def _check_schema(schema: Mapping[str, Any], source: str) -> None:
    """``jsonschema``'s meta-schema check, as a user error naming the place."""
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path)
        raise UserError(f"Tệp lược đồ {source} không hợp lệ tại '{where}': {exc.message}") from exc


class SchemaValidator:
    """Validates loaded dossiers against one form version's schema."""

    def __init__(self, schema: Mapping[str, Any], source: str = "schema") -> None:
        self.schema = dict(schema)
        self.source = source
        if not _meta_valid(self.schema):
            _check_schema(self.schema, source)
        try:
            self._fast = jsonschema_rs.Draft202012Validator(self.schema)
        except ValueError as exc:  # e.g. a pattern that is no regular expression
            _check_schema(self.schema, source)
            raise UserError(f"Tệp lược đồ {source} không hợp lệ: {exc}") from exc

    @classmethod
    def from_file(cls, path: Path) -> SchemaValidator:
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise UserError(f"Không tìm thấy tệp lược đồ {path}.") from exc
        except (OSError, ValueError) as exc:
            raise UserError(f"Không đọc được tệp lược đồ {path}: {exc}") from exc
        return cls(schema, str(path))

    @cached_property
    def _slow(self) -> jsonschema.Draft202012Validator:
        import jsonschema

        return jsonschema.Draft202012Validator(self.schema)

    # ----------------------------------------------------------------- public

    def is_valid(self, data: Any) -> bool:
        return bool(self._fast.is_valid(data))

    def validate(self, loaded: Loaded) -> list[Finding]:
        data = loaded.data
        if self.is_valid(data):
            return []
        findings: dict[tuple[Any, ...], Finding] = {}
        for error in self._slow.iter_errors(data):
            for finding in self._explain(error, loaded):
                findings.setdefault((finding.line, finding.col, finding.code, finding.message), finding)
        return list(findings.values())

    # ------------------------------------------------------- schema walking

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow local ``$ref`` pointers (``#/$defs/...``)."""
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node and seen < 20:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                break
            target: Any = self.schema
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            node = merged
            seen += 1
        return node

    def _branches(self, node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in node.get(key, ()):
                yield self.resolve(sub)
        for key in ("then", "else"):
            if key in node:
                yield self.resolve(node[key])

    def child(self, node: Mapping[str, Any], part: str | int) -> Mapping[str, Any] | None:
        """The sub-schema for one step of a data path, looking through oneOf/anyOf/allOf."""
        node = self.resolve(node)
        if isinstance(part, int):
            if "items" in node and isinstance(node["items"], Mapping):
                return self.resolve(node["items"])
        else:
            props = node.get("properties", {})
            if part in props:
                return self.resolve(props[part])
        for branch in self._branches(node):
            found = self.child(branch, part)
            if found is not None:
                return found
        return None

    def chain(self, path: Path_) -> list[Mapping[str, Any] | None]:
        """Sub-schemas along a data path: element 0 is the root."""
        nodes: list[Mapping[str, Any] | None] = [self.resolve(self.schema)]
        for part in path:
            parent = nodes[-1]
            nodes.append(None if parent is None else self.child(parent, part))
        return nodes

    def property_names(self, node: Mapping[str, Any]) -> list[str]:
        node = self.resolve(node)
        names = list(node.get("properties", {}))
        for branch in self._branches(node):
            names.extend(n for n in self.property_names(branch) if n not in names)
        return names

    # ---------------------------------------------------------------- labels

    def label(self, path: Path_, data: Any) -> str:
        """``Mục (21) Hoàn cảnh gia đình › người thứ 2 (Bà nội) › Năm sinh``."""
        nodes = self.chain(path)
        parts: list[str] = []
        value = data
        for i, part in enumerate(path):
            node = nodes[i + 1]
            parent = nodes[i]
            if isinstance(part, int):
                what = "người thứ" if path[:1] == ("gia_dinh",) and i == 1 else "dòng thứ"
                text = f"{what} {part + 1}"
                if isinstance(value, list) and part < len(value) and isinstance(value[part], Mapping):
                    relation = value[part].get("quan_he")
                    rel_label = self.enum_label(("gia_dinh", 0, "quan_he"), relation)
                    if what == "người thứ" and rel_label:
                        text += f" ({rel_label})"
                parts.append(text)
            else:
                title = node.get("title") if node else None
                number = node.get("x-muc") if node else None
                if number and i == 0:
                    parts.append(f"Mục ({number}) {title or part}")
                elif number and parent is not None and parent.get("x-muc") != number:
                    parts.append(f"({number}) {title or part}")
                else:
                    parts.append(str(title or part))
            if isinstance(value, Mapping):
                value = value.get(part) if isinstance(part, str) else None
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                value = None
        return " › ".join(parts) if parts else "Hồ sơ"

    def enum_label(self, path: Path_, value: Any) -> str | None:
        node = self.chain(path)[-1]
        if not node or not isinstance(value, str):
            return None
        labels = node.get("x-nhan", {})
        return labels.get(value) if isinstance(labels, Mapping) else None

    def advice(self, node: Mapping[str, Any] | None) -> str:
        if not node:
            return ""
        text = node.get("errorMessage")
        if isinstance(text, Mapping):  # ajv-errors style {"type": "...", ...}
            text = next(iter(text.values()), "")
        return str(text or "")

    def _blank_hint(self, node: Mapping[str, Any] | None) -> str:
        """Whether "Không" is an answer here: free text or a "Không"-or-block item."""
        if not node:
            return "Mục này phải khai."
        node = self.resolve(node)
        free_text = node.get("pattern") == r"\S"
        takes_khong = any(self.resolve(b).get("const") == "Không" for b in node.get("oneOf", ()))
        if (free_text or takes_khong) and "“Không”" not in self.advice(node):
            return "Mục này phải khai; nếu không có thì ghi “Không”."
        return "Mục này phải khai."

    # ---------------------------------------------------------------- errors

    def _pick_branch(self, error: ValidationError) -> list[ValidationError] | None:
        """For oneOf/anyOf: the errors of the branch the user evidently meant.

        A branch is scored by the errors that say "this is not the shape I describe" at the top
        of the value (wrong type or constant, keys that do not belong, keys it requires); the one
        branch with the lowest score wins, a tie means the intent is unclear.
        """
        by_branch: dict[int, list[ValidationError]] = {}
        for sub in error.context or ():
            by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        shape = {"type": 20, "const": 10, "enum": 10, "additionalProperties": 3, "required": 1}

        def score(errs: Sequence[ValidationError]) -> int:
            total = 0
            for e in errs:
                if e.relative_path:
                    continue
                if e.validator in {"oneOf", "anyOf"} and e.context:
                    nested: dict[int, list[ValidationError]] = {}
                    for sub in e.context:
                        nested.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
                    total += min(score(v) for v in nested.values())
                else:
                    total += shape.get(str(e.validator), 0)
            return total

        if not by_branch:
            return None
        ranked = sorted((score(errs), i) for i, errs in by_branch.items())
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return None
        return by_branch[ranked[0][1]]

    def _explain(self, error: ValidationError, loaded: Loaded) -> Iterator[Finding]:
        blank = isinstance(error.instance, str) and not error.instance.strip()
        if error.validator in {"oneOf", "anyOf"} and not blank:
            chosen = self._pick_branch(error)
            if chosen is not None:
                for sub in chosen:
                    yield from self._explain(sub, loaded)
                return
        path: Path_ = tuple(error.absolute_path)
        data = loaded.data
        nodes = self.chain(path)
        node = nodes[-1]
        label = self.label(path, data)
        advice = self.advice(node)
        instance = error.instance
        v = error.validator

        def make(code: str, msg: str, where: Path_ = path, key: bool = False) -> Finding:
            pos = loaded.key_positions.get(where) if key else None
            line, col = pos or loaded.locate(where)
            text = msg if not advice or advice in msg else f"{msg} {advice}"
            return Finding(loaded.file, line, col, code, Severity.ERROR, text.strip(), where)

        if v == "required":
            parent = node or {}
            missing = [p for p in error.validator_value if not isinstance(instance, Mapping) or p not in instance]
            for name in missing:
                sub = self.child(parent, name) if parent else None
                sub_label = self.label((*path, name), data)
                sub_advice = self.advice(sub)
                msg = f"{sub_label}: chưa khai (thiếu khóa '{name}')."
                if sub_advice:
                    msg += f" {sub_advice}"
                line, col = loaded.locate(path)
                yield Finding(loaded.file, line, col, "thieu-muc", Severity.ERROR, msg, (*path, name))
            return
        if v in {"additionalProperties", "unevaluatedProperties"}:
            allowed = self.property_names(node or {})
            extras = [k for k in instance if k not in allowed] if isinstance(instance, Mapping) else []
            for key in extras:
                guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f" Có phải ý bạn là '{guess[0]}'?" if guess else ""
                where = (*path, key)
                line, col = loaded.key_positions.get(where) or loaded.locate(where)
                context = f"trong {label}" if path else "ở cấp ngoài cùng của hồ sơ"
                msg = f"Khóa '{key}' không có trong Mẫu 2-KNĐ {context}.{hint}"
                yield Finding(loaded.file, line, col, "khoa-la", Severity.ERROR, msg, where)
            return
        if blank and v in {*_BLANK_VALIDATORS, "oneOf", "anyOf"}:
            yield make("de-trong", f"{label}: đang để trống. {self._blank_hint(node)}")
            return
        if v == "type":
            expected = error.validator_value
            names = expected if isinstance(expected, list) else [expected]
            want = " hoặc ".join(TYPE_NAMES.get(n, n) for n in names)
            got = TYPE_NAMES.get(_type_of(instance), _type_of(instance))
            if instance is None:
                yield make("de-trong", f"{label}: đang để trống; cần {want}. {self._blank_hint(node)}")
            else:
                yield make("sai-kieu", f"{label}: phải là {want}, nhưng đang là {got}.")
            return
        if v in {"enum", "const"}:
            allowed_values = error.validator_value if v == "enum" else [error.validator_value]
            shown = ", ".join(f"“{a}”" for a in allowed_values[:12])
            guess = (
                difflib.get_close_matches(instance, [str(a) for a in allowed_values], n=1, cutoff=0.5)
                if isinstance(instance, str) else []
            )
            hint = f" Có phải ý bạn là “{guess[0]}”?" if guess else ""
            yield make(
                "gia-tri-khong-hop-le",
                f"{label}: giá trị {_show(instance)} không được phép; chỉ nhận {shown}.{hint}",
            )
            return
        if v in {"pattern", "format"}:
            yield make("sai-dinh-dang", f"{label}: giá trị {_show(instance)} không đúng dạng.")
            return
        if v == "minItems":
            yield make("thieu-dong", f"{label}: cần ít nhất {error.validator_value} dòng.")
            return
        if v in {"maxItems", "maxLength", "maxProperties"}:
            unit = {"maxItems": "dòng", "maxLength": "ký tự", "maxProperties": "mục con"}[v]
            limit = f"{error.validator_value:,}".replace(",", ".")
            yield make("qua-dai", f"{label}: quá dài (tối đa {limit} {unit}).")
            return
        if v == "minLength":
            yield make("sai-dinh-dang", f"{label}: quá ngắn (ít nhất {error.validator_value} ký tự).")
            return
        if v in {"oneOf", "anyOf"}:
            yield make("sai-mau", f"{label}: giá trị {_show(instance)} không khớp cách ghi nào của mục này.")
            return
        if v == "not":
            yield make("sai-mau", f"{label}: giá trị {_show(instance)} không được phép ở đây.")
            return
        yield make("sai-mau", f"{label}: không đúng mẫu ({error.message}).")
