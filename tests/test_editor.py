"""The editor's view of the schema (VS Code with the YAML extension).

The YAML extension reports a schema's own Vietnamese ``errorMessage`` for a wrong type, value or
pattern, but an English sentence of its own for ``minLength``, ``required``, ``minItems`` and the
like ("String is shorter than the minimum length of 1."). These tests replay what the editor would
report for a new dossier (``hoso new``) and check it says each problem once, in Vietnamese, as
often as ``hoso check`` does; and that the snippets it offers for new table rows and family members
hold every sub-key that row must declare.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hoso.form.snippets import KEY, add_snippets, dump
from hoso.load import load_bytes
from hoso.new import skeleton
from hoso.repo import Repo
from hoso.validate.check import Checker

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schema" / "2-knd-2025.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
#: Keywords the YAML extension reports in English whatever the schema says.
ENGLISH = {"minLength", "maxLength", "minItems", "maxItems", "required", "minimum", "maximum",
           "exclusiveMinimum", "exclusiveMaximum", "uniqueItems", "minProperties", "maxProperties",
           "multipleOf", "dependentRequired", "contains"}


def editor_problems(errors: Iterable[jsonschema.ValidationError]) -> list[tuple[str, str, bool]]:
    """(keyword, data path, has a Vietnamese message) for each problem the editor shows: like
    the YAML extension, a ``oneOf`` no branch matches shows the problems of the closest branch."""
    out: list[tuple[str, str, bool]] = []
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            branches: dict[Any, list[jsonschema.ValidationError]] = defaultdict(list)
            for sub in error.context:
                branches[sub.relative_schema_path[0]].append(sub)
            out += editor_problems(min(branches.values(), key=len))
            continue
        has_message = isinstance(error.schema, dict) and bool(error.schema.get("errorMessage"))
        out.append((str(error.validator), "/".join(map(str, error.absolute_path)),
                    has_message and error.validator not in ENGLISH))
    return out


@pytest.fixture(scope="module")
def blank() -> str:
    return skeleton(SCHEMA, "KT-2026-099", "ky-thuat", date(2026, 11, 27))


def test_committed_schema_has_its_generated_snippets() -> None:
    """Regenerate with: python -m hoso.form.snippets schema/2-knd-2025.schema.json"""
    assert dump(add_snippets(copy.deepcopy(SCHEMA))) == SCHEMA_PATH.read_text(encoding="utf-8")


def test_new_dossier_gives_one_vietnamese_message_per_problem(blank: str) -> None:
    data = yaml.safe_load(blank)
    problems = editor_problems(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    english = [p for p in problems if not p[2]]
    assert english == []
    places = [p[1] for p in problems]
    assert len(places) == len(set(places)), "one message per place"
    loaded = load_bytes(blank.encode("utf-8"), "KT-2026-099.yaml")
    findings = Checker(Repo(ROOT)).check_loaded(loaded)
    assert len(problems) == len(findings)


def _snippets(node: Any, path: str = "#") -> Iterable[tuple[str, dict[str, Any], dict[str, Any]]]:
    if isinstance(node, dict):
        for snippet in node.get(KEY, ()):
            yield path, node, snippet
        for key, value in node.items():
            if key != KEY:
                yield from _snippets(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _snippets(value, f"{path}/{i}")


SNIPPETS = list(_snippets(SCHEMA))


def test_every_table_offers_row_snippets() -> None:
    tables = {path.rsplit("/items", 1)[0] for path, _node, _snippet in SNIPPETS}
    assert "#/properties/gia_dinh" in tables
    assert "#/properties/lich_su_ban_than" in tables
    assert "#/properties/khen_thuong" in tables
    family = [s for path, _n, s in SNIPPETS if path == "#/properties/gia_dinh/items"]
    relations = SCHEMA["properties"]["gia_dinh"]["items"]["properties"]["quan_he"]["enum"]
    assert [s["body"]["quan_he"] for s in family] == relations
    assert any(s["label"] == "Thêm người: Cha đẻ" for s in family)


@pytest.mark.parametrize(("path", "snippet"), [(p, s) for p, _n, s in SNIPPETS],
                         ids=[f"{p.rsplit('/', 2)[-2]}:{s['label']}" for p, _n, s in SNIPPETS])
def test_snippet_body_has_every_key_its_row_needs(path: str, snippet: dict[str, Any]) -> None:
    items = next(n for p, n, s in SNIPPETS if p == path and s is snippet)
    validator = jsonschema.Draft202012Validator({**SCHEMA, **items})
    missing = [e.message for e in validator.iter_errors(snippet["body"])
               if e.validator in ("required", "additionalProperties")]
    assert missing == []
    # Empty values only: the editor then says, in Vietnamese, what each one needs.
    assert all(editor[2] for editor in editor_problems(validator.iter_errors(snippet["body"])))
