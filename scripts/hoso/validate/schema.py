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
from hoso.form.items import Form
from hoso.form.schema import read_schema
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

#: How close a word must be to be offered as "Có phải ý bạn là …?" (``difflib``'s ratio): an
#: unknown key against the keys of its block, a value against a closed list. The web form reads
#: them too, to guess the same way (``webform.spec``).
GUESS_CUTOFF_KEY = 0.6
GUESS_CUTOFF_VALUE = 0.5

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


def _yaml(value: Any) -> str:
    """A value as the user writes it in YAML: ``true``, ``false``, ``null`` (never Python's
    ``True``, ``False``, ``None``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _quoted(instance: Any, wanted: list[Any]) -> str | None:
    """For a quoted ``"true"`` (text) where the YAML value ``true`` is wanted: that value."""
    if isinstance(instance, str):
        for value in wanted:
            if not isinstance(value, str) and instance.strip().lower() == _yaml(value):
                return _yaml(value)
    return None


def _unquote(instance: Any, value: str) -> str:
    return (f"đang ghi “\"{instance}\"”: trong dấu ngoặc kép là chữ, không phải giá trị {value}. "
            f"Bỏ dấu ngoặc kép: ghi {value}.")


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


class SchemaValidator(Form):
    """Validates loaded dossiers against one form version's schema."""

    def __init__(self, schema: Mapping[str, Any], source: str = "schema") -> None:
        document = dict(schema)
        super().__init__(document)
        self.source = source
        #: How messages name the document and its top level ("Mẫu 2-KNĐ", "to-chuc.yaml").
        self.form_name = str(document.get("x-ten", "Mẫu 2-KNĐ"))
        self.top_level = str(document.get("x-cap-ngoai", "ở cấp ngoài cùng của hồ sơ"))
        if not _meta_valid(document):
            _check_schema(document, source)
        try:
            self._fast = jsonschema_rs.Draft202012Validator(document)
        except ValueError as exc:  # e.g. a pattern that is no regular expression
            _check_schema(self.schema, source)
            raise UserError(f"Tệp lược đồ {source} không hợp lệ: {exc}") from exc

    @classmethod
    def from_file(cls, path: Path) -> SchemaValidator:
        return cls(read_schema(path), str(path))

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
        node = self.node_at(path)
        if error.validator == "required":
            yield from self._missing(error, loaded, path, node)
        elif error.validator in {"additionalProperties", "unevaluatedProperties"}:
            yield from self._unknown_keys(error, loaded, path, node)
        else:
            code, problem = self._problem(error, node, blank)
            label = self.path_label(path, loaded.data)
            advice = self.advice(node)
            text = f"{label}: {problem}"
            if advice and advice not in text:
                text += f" {advice}"
            line, col = loaded.locate(path)
            yield Finding(loaded.file, line, col, code, Severity.ERROR, text, path)

    def _missing(self, error: ValidationError, loaded: Loaded, path: Path_,
                 node: Mapping[str, Any] | None) -> Iterator[Finding]:
        """``required``: one finding per missing key, at the mapping that should hold it."""
        instance = error.instance
        line, col = loaded.locate(path)
        required: Sequence[str] = error.validator_value  # type: ignore[assignment]
        for name in required:
            if isinstance(instance, Mapping) and name in instance:
                continue
            msg = f"{self.path_label((*path, name), loaded.data)}: chưa khai (thiếu khóa '{name}')."
            advice = self.advice(self.child(node, name))
            if advice:
                msg += f" {advice}"
            yield Finding(loaded.file, line, col, "thieu-muc", Severity.ERROR, msg, (*path, name))

    def _unknown_keys(self, error: ValidationError, loaded: Loaded, path: Path_,
                      node: Mapping[str, Any] | None) -> Iterator[Finding]:
        """``additionalProperties``: each unknown key at its own position, with "did you mean"."""
        instance = error.instance
        allowed = self.property_names(node)
        context = f"trong {self.path_label(path, loaded.data)}" if path else self.top_level
        for key in instance if isinstance(instance, Mapping) else ():
            if key in allowed:
                continue
            guess = self._guess(str(key), allowed, GUESS_CUTOFF_KEY)
            hint = f" Có phải ý bạn là '{guess}'?" if guess else ""
            where = (*path, key)
            line, col = loaded.key_positions.get(where) or loaded.locate(where)
            msg = f"Khóa '{key}' không có trong {self.form_name} {context}.{hint}"
            yield Finding(loaded.file, line, col, "khoa-la", Severity.ERROR, msg, where)

    def _guess(self, word: str, possibilities: Sequence[str], cutoff: float) -> str | None:
        """The one closest of ``possibilities`` to ``word``, if close enough (``difflib``)."""
        import difflib  # here, not at the top: a valid dossier never needs it

        found = difflib.get_close_matches(word, possibilities, n=1, cutoff=cutoff)
        return found[0] if found else None

    def _problem(self, error: ValidationError, node: Mapping[str, Any] | None,
                 blank: bool) -> tuple[str, str]:
        """The finding code and the sentence saying what is wrong with one value."""
        v, instance = error.validator, error.instance
        expected: Any = error.validator_value
        if blank and v in {*_BLANK_VALIDATORS, "oneOf", "anyOf"}:
            return "de-trong", f"đang để trống. {self._blank_hint(node)}"
        if v == "type":
            names = expected if isinstance(expected, list) else [expected]
            want = " hoặc ".join(TYPE_NAMES.get(str(n), str(n)) for n in names)
            if instance is None:
                return "de-trong", f"đang để trống; cần {want}. {self._blank_hint(node)}"
            got = TYPE_NAMES.get(_type_of(instance), _type_of(instance))
            quoted = _quoted(instance, [True, False] if "boolean" in names else [])
            if quoted:
                return "sai-kieu", f"phải là {want}, nhưng {_unquote(instance, quoted)}"
            return "sai-kieu", f"phải là {want}, nhưng đang là {got}."
        if v in {"enum", "const"}:
            values = list(expected if v == "enum" else [expected])
            allowed = [_yaml(a) for a in values]
            shown = ", ".join(f"“{a}”" for a in allowed[:12])
            quoted = _quoted(instance, values)
            if quoted:
                return "gia-tri-khong-hop-le", _unquote(instance, quoted)
            guess = self._guess(instance, allowed, GUESS_CUTOFF_VALUE) if isinstance(instance, str) else None
            hint = f" Có phải ý bạn là “{guess}”?" if guess else ""
            problem = f"giá trị {_show(instance)} không được phép; chỉ nhận {shown}.{hint}"
            return "gia-tri-khong-hop-le", problem
        if v in {"pattern", "format"}:
            return "sai-dinh-dang", f"giá trị {_show(instance)} không đúng dạng."
        if v == "minLength":
            return "sai-dinh-dang", f"quá ngắn (ít nhất {expected} ký tự)."
        if v == "minItems":
            return "thieu-dong", f"cần ít nhất {expected} dòng."
        if v in {"maxItems", "maxLength", "maxProperties"}:
            unit = {"maxItems": "dòng", "maxLength": "ký tự", "maxProperties": "mục con"}[v]
            return "qua-dai", f"quá dài (tối đa {expected:_} {unit}).".replace("_", ".")
        if v in {"oneOf", "anyOf"}:
            return "sai-mau", f"giá trị {_show(instance)} không khớp cách ghi nào của mục này."
        if v == "not":
            return "sai-mau", f"giá trị {_show(instance)} không được phép ở đây."
        return "sai-mau", f"không đúng mẫu ({error.message})."
