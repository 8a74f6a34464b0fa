"""The JSON Schema of Mẫu 2-KNĐ (2025): valid, complete in its annotations, and obeyed by the
bundled dossiers under both validators the project uses."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest

from hoso.load import load_file

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schema" / "2-knd-2025.schema.json"
DOSSIERS = sorted((ROOT / "dossiers").rglob("*.yaml"))

# Keywords whose values are data (or conditions), not sub-schemas describing a dossier value.
_NOT_SCHEMAS = frozenset({"examples", "enum", "const", "x-nhan", "x-nhom", "x-goi-y", "x-thu-tu",
                          "required", "if", "not", "errorMessage", "default"})
_ANNOTATIONS = ("title", "description", "markdownDescription", "errorMessage")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _schemas(node: Any, path: str = "#") -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """Every sub-schema with its JSON pointer and whether it is a property (or $defs) schema."""
    if not isinstance(node, Mapping):
        return
    for key, value in node.items():
        if key in _NOT_SCHEMAS:
            continue
        if key in ("properties", "$defs") and isinstance(value, Mapping):
            for name, sub in value.items():
                yield f"{path}/{key}/{name}", sub, True
                yield from _schemas(sub, f"{path}/{key}/{name}")
        elif isinstance(value, Mapping):
            yield f"{path}/{key}", value, False
            yield from _schemas(value, f"{path}/{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield f"{path}/{key}/{i}", item, False
                    yield from _schemas(item, f"{path}/{key}/{i}")


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), ref
        own = {k: v for k, v in node.items() if k != "$ref"}
        node = {**schema["$defs"][ref.split("/")[-1]], **own}
    return node


# ---------------------------------------------------------------------------------- the schema


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema_rs.Draft202012Validator(schema)  # compiles


def test_every_property_schema_is_annotated(schema: dict[str, Any]) -> None:
    missing = [f"{where}: {key}" for where, node, is_prop in _schemas(schema) if is_prop
               for key in _ANNOTATIONS if not node.get(key)]
    assert missing == []


def test_every_object_schema_is_closed(schema: dict[str, Any]) -> None:
    nodes = [("#", schema)] + [(where, node) for where, node, _ in _schemas(schema)]
    open_objects = [where for where, node in nodes if node.get("type") == "object"
                    and node.get("additionalProperties") is not False]
    assert open_objects == []


def test_required_keys_are_declared(schema: dict[str, Any]) -> None:
    nodes = [("#", schema)] + [(where, node) for where, node, _ in _schemas(schema)]
    undeclared = [f"{where}: {key}" for where, node in nodes if "properties" in node
                  for key in node.get("required", ()) if key not in node["properties"]]
    assert undeclared == []


def test_booklet_order_lists_exactly_the_top_level_items(schema: dict[str, Any]) -> None:
    order = schema["x-thu-tu"]
    assert len(order) == len(set(order)), "x-thu-tu has duplicates"
    assert set(order) == set(schema["properties"])
    assert list(schema["properties"]) == order, "properties are not written in booklet order"


def test_item_numbers_cover_the_form(schema: dict[str, Any]) -> None:
    numbers = {str(node["x-muc"]) for node in schema["properties"].values() if "x-muc" in node}
    assert numbers == {str(n) for n in range(1, 27)}
    order = schema["x-thu-tu"]
    first_seen = [int(schema["properties"][k]["x-muc"]) for k in order
                  if "x-muc" in schema["properties"][k]]
    assert first_seen == sorted(first_seen), "items are not in the booklet's numbering order"


def test_enum_labels_match_the_enums(schema: dict[str, Any]) -> None:
    for where, node, _ in _schemas(schema):
        if "x-nhan" in node:
            assert list(node["x-nhan"]) == list(node["enum"]), where
            assert all(isinstance(v, str) and v.strip() for v in node["x-nhan"].values()), where


def test_family_groups_cover_every_relationship(schema: dict[str, Any]) -> None:
    quan_he = schema["properties"]["gia_dinh"]["items"]["properties"]["quan_he"]
    assert set(quan_he["x-nhom"]) == set(quan_he["enum"])
    assert set(quan_he["x-nhom"].values()) == {1, 2, 3}
    doi_tuong = schema["properties"]["tham_tra"]["items"]["properties"]["doi_tuong"]
    assert doi_tuong["enum"] == ["ban_than", *quan_he["enum"]]


def test_patterns_compile_in_python(schema: dict[str, Any]) -> None:
    for where, node, _ in _schemas(schema):
        if "pattern" in node:
            re.compile(node["pattern"])  # also what the rule layer and `hoso new` use
            assert isinstance(node["pattern"], str), where


def test_examples_satisfy_their_own_schema(schema: dict[str, Any]) -> None:
    wrong = []
    for where, node, _ in _schemas(schema):
        if "examples" not in node:
            continue
        validator = jsonschema.Draft202012Validator({**node, "$defs": schema["$defs"]})
        wrong += [f"{where}: {example!r}" for example in node["examples"]
                  if not validator.is_valid(example)]
    assert wrong == []


def test_khong_branches_take_only_the_word_khong(schema: dict[str, Any]) -> None:
    checked = 0
    for key, raw in schema["properties"].items():
        node = _resolve(schema, raw)
        if any(b.get("$ref") == "#/$defs/khong" for b in node.get("oneOf", ())):
            sub = jsonschema.Draft202012Validator({**node, "$defs": schema["$defs"]})
            assert sub.is_valid("Không"), key
            assert not sub.is_valid(""), key
            assert not sub.is_valid("không có"), key
            checked += 1
    assert checked >= 4  # at least (12), (13), (25), (26)


# ------------------------------------------------------------------------------ the dossiers


def test_there_are_bundled_dossiers() -> None:
    assert len(DOSSIERS) >= 3


@pytest.mark.parametrize("path", DOSSIERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_dossier_is_valid_under_both_validators(path: Path, schema: dict[str, Any]) -> None:
    loaded = load_file(path)
    assert loaded.findings == []
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft202012Validator(schema).iter_errors(loaded.data)]
    assert errors == []
    assert jsonschema_rs.Draft202012Validator(schema).is_valid(loaded.data)


@pytest.mark.parametrize("path", DOSSIERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_dossier_matches_its_file_name(path: Path) -> None:
    data = load_file(path).data
    assert data["ma_ho_so"] == path.stem
    assert data["chi_bo"] == path.parent.name
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/2-knd-2025.schema.json\n")
    assert "nhân vật hư cấu" in text.splitlines()[1]
