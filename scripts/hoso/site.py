"""The guidance site: Markdown pages generated from the schema, the rule catalogue and a fictional
sample dossier, then ``mkdocs build --strict``.

Nothing here reads ``dossiers/``: the site is built only from the schema, the rules, ``docs/`` and
the sample shipped with the package (DESIGN.md section 7). The generated pages are plain Markdown
(no MkDocs plugin needed) and are written into a work folder together with a copy of ``docs/``,
never into the repository. Every value taken from the schema, the rules or the sample is escaped,
so no text becomes markup.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import itertools
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hoso import escape
from hoso.errors import UserError
from hoso.repo import Repo
from hoso.util import run

#: Where generated pages go inside the site, and the nav entry that ``hoso site`` expands.
ITEMS_DIR = "huong-dan-khai"
ITEMS_INDEX = f"{ITEMS_DIR}/index.md"
RULES_PAGE = "loi-thuong-gap.md"
SAMPLE_DIR = "mau-minh-hoa"
SAMPLE_PAGE = f"{SAMPLE_DIR}/index.md"
SAMPLE_NAME = "mau-minh-hoa"
GENERAL_PAGE = f"{ITEMS_DIR}/thong-tin-chung.md"

GENERATED_NOTE = ("<!-- Trang này do `hoso site` sinh tự động từ lược đồ, danh mục quy tắc và "
                  "hồ sơ minh họa; đừng sửa tay. -->")

# --------------------------------------------------------------------------------------------------
# Escaping: every value becomes literal text in Python-Markdown (with the extensions in mkdocs.yml).
# --------------------------------------------------------------------------------------------------

escape_inline = escape.mkdocs_inline
escape_block = escape.mkdocs_block
escape_cell = escape.mkdocs_cell
code_block = escape.mkdocs_code
_INVISIBLE = escape.INVISIBLE


class _Dumper(yaml.SafeDumper):
    """Writes YAML the way dossiers are written: quoted strings use double quotes, and text that
    any YAML reader could take for a number, a date or a yes/no (``"020099004517"``, ``"1968"``)
    is quoted."""

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style


_LOOKS_TYPED = re.compile(r"[-+]?[\d._:]+(e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.?(inf|nan)|"
                          r"y|n|yes|no|on|off|true|false|null|~", re.I)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _LOOKS_TYPED.fullmatch(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def yaml_text(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)


def code_or_text(value: object) -> str:
    """A short value as inline code when it can be (no backtick, pipe or line break), else text."""
    s = str(value)
    if s and re.fullmatch(r"[^`|\n\r]+", s) and s == s.strip() and not _INVISIBLE.search(s):
        return f"`{s}`"
    return escape_cell(s)


def slug(text: str) -> str:
    """ASCII slug for file names and anchors: ``que_quan`` → ``que-quan``."""
    s = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    s = s.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "muc"


# --------------------------------------------------------------------------------------------------
# The schema, read through its annotations.
# --------------------------------------------------------------------------------------------------

def muc_of(value: object) -> str:
    """The item number of an ``x-muc`` value or a rule's item: ``"(6)"``, ``6`` → ``"6"``."""
    if value is None:
        return ""
    m = re.match(r"\s*\(?\s*(\d+)", str(value))
    return m.group(1) if m else str(value).strip()


def _muc_key(muc: str) -> tuple[int, str]:
    return (int(muc), "") if muc.isdigit() else (10_000, muc)


class SchemaDoc:
    """A JSON Schema with local ``$ref`` resolved and its hoso annotations easy to reach."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema

    def _pointer(self, ref: str) -> Mapping[str, Any]:
        if not ref.startswith("#"):
            raise UserError(f"Lược đồ dùng tham chiếu ngoài “{ref}”; trang hướng dẫn chỉ đọc được "
                            "tham chiếu trong cùng tệp (#/...).")
        node: Any = self.schema
        for raw in [p for p in ref[1:].split("/") if p]:
            part = raw.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node  # type: ignore[no-any-return]

    def resolve(self, node: Any, depth: int = 0) -> dict[str, Any]:
        """The node with its ``$ref`` (and ``allOf`` members) merged in; own keywords win."""
        if not isinstance(node, Mapping):
            return {}
        if depth > 20:
            return dict(node)
        out: dict[str, Any] = {}
        if "$ref" in node:
            out.update(self.resolve(self._pointer(str(node["$ref"])), depth + 1))
        for member in node.get("allOf", []) or []:
            merged = self.resolve(member, depth + 1)
            props = {**out.get("properties", {}), **merged.get("properties", {})}
            out.update(merged)
            if props:
                out["properties"] = props
        for key, value in node.items():
            if key in ("$ref", "allOf"):
                continue
            if key == "properties" and "properties" in out:
                out["properties"] = {**out["properties"], **value}
            else:
                out[key] = value
        return out

    @functools.cached_property
    def root(self) -> dict[str, Any]:
        return self.resolve(self.schema)

    def top_keys(self) -> list[str]:
        """Top-level keys in booklet order (``x-thu-tu``), then any others in schema order."""
        props = self.root.get("properties", {})
        order = [k for k in self.root.get("x-thu-tu", []) or [] if k in props]
        return order + [k for k in props if k not in order]

    def alternatives(self, node: Mapping[str, Any]) -> list[dict[str, Any]]:
        out = []
        for kw in ("oneOf", "anyOf"):
            for alt in node.get(kw, []) or []:
                out.append(self.resolve(alt))
        return out

    def children(self, node: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Sub-fields of an object, of an array's rows, or of the object alternatives of a
        ``oneOf``: (properties, required). A field of an alternative counts as required when
        that alternative requires it (see :meth:`required_everywhere`)."""
        node = self.resolve(node)
        kind = node.get("type")
        if kind == "array" or "items" in node:
            return self.children(node.get("items", {}))
        props: dict[str, Any] = dict(node.get("properties", {}) or {})
        required = list(node.get("required", []) or [])
        for alt in self.alternatives(node):
            if alt.get("properties"):
                sub_props, sub_req = self.children(alt)
                for k, v in sub_props.items():
                    props.setdefault(k, v)
                required += [r for r in sub_req if r not in required]
        return props, required

    def required_everywhere(self, node: Mapping[str, Any]) -> set[str]:
        """Fields required whichever alternative of a ``oneOf`` is written."""
        node = self.resolve(node)
        if node.get("type") == "array" or "items" in node:
            return self.required_everywhere(node.get("items", {}))
        own = set(node.get("required", []) or [])
        alts = [a for a in self.alternatives(node) if a.get("properties")]
        if not alts or "properties" in node:
            return own
        common = set.intersection(*(set(a.get("required", []) or []) for a in alts))
        return own | common


def labels_of(node: Mapping[str, Any]) -> list[tuple[Any, str]]:
    """(value, label) for each allowed value of an ``enum``, labels from ``x-nhan``."""
    values = list(node.get("enum", []) or [])
    names = node.get("x-nhan")
    out = []
    for i, value in enumerate(values):
        label = ""
        if isinstance(names, Mapping):
            label = str(names.get(value, names.get(str(value), "")))
        elif isinstance(names, list) and i < len(names):
            label = str(names[i])
        out.append((value, label))
    return out


def _kind(doc: SchemaDoc, node: Mapping[str, Any]) -> str:
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if kind == "array" or ("items" in node and kind is None):
        row = doc.resolve(node.get("items", {}))
        if row.get("type") == "object" or row.get("properties"):
            return ("bảng: một danh sách, mỗi dòng bắt đầu bằng dấu gạch ngang (-) và có các cột "
                    "dưới đây")
        return "danh sách: mỗi dòng bắt đầu bằng dấu gạch ngang (-)"
    if kind == "object" or node.get("properties"):
        return "nhóm mục con (ghi các mục con dưới đây, lùi vào hai dấu cách)"
    if "enum" in node:
        return "chọn một giá trị trong danh sách dưới đây"
    if "const" in node:
        return f"đúng chữ “{node['const']}”"
    if kind == "boolean":
        return "true (đúng) hoặc false (sai)"
    if kind in ("integer", "number"):
        return "số"
    if kind == "string":
        return "chữ"
    if doc.alternatives(node):
        return "một trong các dạng dưới đây"
    return "giá trị"


def _error_messages(node: Mapping[str, Any]) -> list[str]:
    msg = node.get("errorMessage")
    if isinstance(msg, str):
        return [msg]
    if isinstance(msg, Mapping):
        out: list[str] = []
        for value in msg.values():
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, Mapping):
                out.extend(str(v) for v in value.values())
        return list(dict.fromkeys(out))
    return []


# --------------------------------------------------------------------------------------------------
# The rule catalogue, normalised whatever shape it comes in.
# --------------------------------------------------------------------------------------------------

CONFIDENCE = {
    "C": "[C] đã đối chiếu với nguồn",
    "T": "[T] theo bản chép lại quyển lý lịch của bên thứ ba",
    "U": "[U] chưa được xác nhận bằng văn bản chính thức",
}


@dataclass
class RuleDoc:
    """A rule of the catalogue (``hoso.validate.rules.base.Rule``) as the site shows it."""

    code: str
    severity: str
    title: str
    explanation: str = ""
    basis: str = ""
    confidence: str = ""
    items: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    failing: Any = None
    passing: Any = None


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


def normalise_rule(obj: Any) -> RuleDoc:
    """A rule object of the catalogue, or the same fields in a mapping (as JSON gives them)."""
    items = _get(obj, "items") or []
    if isinstance(items, str | int):
        items = [items]
    stages = _get(obj, "stages") or []
    if isinstance(stages, str):
        stages = [stages]
    confidence = _text(_get(obj, "confidence")).strip().strip("[]").upper()
    return RuleDoc(
        code=_text(_get(obj, "code")),
        severity=_text(_get(obj, "severity")),
        title=_text(_get(obj, "title")),
        explanation=_text(_get(obj, "explanation")),
        basis=_text(_get(obj, "basis")),
        confidence=confidence,
        items=[muc_of(i) for i in items if muc_of(i)],
        stages=[_text(s) for s in stages],
        failing=_get(obj, "failing"),
        passing=_get(obj, "passing"),
    )


# -- examples: changes ("patches") to the sample dossier -----------------------------------------

_PATH_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def parse_path(text: str) -> list[str | int]:
    """``"gia_dinh[4].nam_sinh"`` → ``["gia_dinh", 4, "nam_sinh"]``."""
    return [int(i) if i else k for i, k in _PATH_TOKEN.findall(str(text))]


def _nest(tokens: Sequence[str | int], value: Any) -> Any:
    for tok in reversed(tokens):
        value = [value] if isinstance(tok, int) else {tok: value}
    return value


def _path_phrase(tokens: Sequence[str | int]) -> str:
    out = ""
    for tok in tokens:
        out += f"[{tok}]" if isinstance(tok, int) else (f".{tok}" if out else str(tok))
    rows = [f"dòng thứ {tok + 1} của {tokens[i - 1]}" for i, tok in enumerate(tokens)
            if isinstance(tok, int) and i > 0]
    return out + (f" ({'; '.join(rows)})" if rows else "")


def _lookup(data: Any, tokens: Sequence[str | int]) -> Any:
    cur = data
    for tok in tokens:
        if not _has(cur, tok):
            return None
        cur = cur[tok]
    return cur


def _has(container: Any, key: str | int) -> bool:
    if isinstance(key, int):
        return isinstance(container, list) and -len(container) <= key < len(container)
    return isinstance(container, dict) and key in container


def apply_patch(data: Any, patch: Mapping[str, Any]) -> None:
    """Apply one change to a (copied) dossier: ``dat`` sets, ``xoa`` removes, ``them`` appends;
    missing mappings on the way are created, anything else that does not fit is ignored."""
    op = next((k for k in ("dat", "xoa", "them") if k in patch), None)
    tokens = parse_path(patch[op]) if op else []
    if not tokens:
        return
    parent = data
    for tok, nxt in itertools.pairwise(tokens):
        if isinstance(tok, str) and isinstance(parent, dict) and \
                not isinstance(parent.get(tok), dict | list):
            parent[tok] = [] if isinstance(nxt, int) else {}
        if not _has(parent, tok):
            return
        parent = parent[tok]
    last = tokens[-1]
    value = copy.deepcopy(patch.get("gia_tri"))
    if op == "dat" and (_has(parent, last) or (isinstance(last, str) and isinstance(parent, dict))):
        parent[last] = value
    elif op == "xoa" and _has(parent, last):
        del parent[last]
    elif op == "them" and isinstance(last, str) and isinstance(parent, dict):
        if not isinstance(parent.get(last), list):
            parent[last] = []
        parent[last].append(value)


def _row_summary(value: Any) -> str:
    if isinstance(value, Mapping):
        parts = [str(value[k]) for k in ("quan_he", "ho_ten", "tu", "den", "thang") if k in value]
        return ", ".join(parts)
    return ""


def describe_patch(patch: Mapping[str, Any], sample: Mapping[str, Any] | None = None) -> str:
    """A change to the sample dossier as commented YAML: only the part that changes."""
    if "dat" in patch:
        tokens = parse_path(patch["dat"])
        head = f"# Sửa {_path_phrase(tokens)}:"
        return head + "\n" + yaml_text(_nest(tokens, patch.get("gia_tri")))
    if "xoa" in patch:
        tokens = parse_path(patch["xoa"])
        what = _row_summary(_lookup(sample, tokens)) if sample is not None else ""
        return f"# Bỏ {_path_phrase(tokens)}" + (f": {what}" if what else "") + ".\n"
    if "them" in patch:
        tokens = parse_path(patch["them"])
        head = f"# Thêm một dòng vào {_path_phrase(tokens)}:"
        return head + "\n" + yaml_text(_nest(tokens, [patch.get("gia_tri")]))
    return yaml_text(dict(patch))


def _clip(text: str, limit: int = 30) -> str:
    lines = text.rstrip("\n").split("\n")
    if len(lines) <= limit:
        return "\n".join(lines)
    return "\n".join([*lines[:limit], "# … (còn nữa)"])


@dataclass
class ExampleDoc:
    yaml: str
    note: str = ""


def _patches_of(value: Any) -> list[Any] | None:
    patches = _get(value, "patches")
    if patches is None and isinstance(value, list | tuple):
        patches = value
    return list(patches) if isinstance(patches, list | tuple) else None


def example_doc(value: Any, sample: Mapping[str, Any], keys: Sequence[str],
                common: Sequence[Any] = ()) -> ExampleDoc | None:
    """One example of a rule, shown as YAML.

    The catalogue gives an example as changes (patches) to the sample dossier. Changes ``common``
    to both examples of a rule (those that bring the sample to a later stage) are only counted, so
    each example shows what makes it wrong or right; when nothing else is left, the example's
    values of the rule's items (``keys``) are shown. Plain text is shown as is.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return ExampleDoc(value) if value.strip() else None
    patches = _patches_of(value)
    if patches is None:
        return ExampleDoc(yaml_text(value if isinstance(value, Mapping) else str(value)))
    notes = []
    if _get(value, "ngay"):
        notes.append(f"xét vào {format_value(_get(value, 'ngay'))}")
    if _get(value, "giai_doan"):
        notes.append(f"ở giai đoạn “{_stage_label(str(_get(value, 'giai_doan')))}”")
    if _get(value, "at"):
        notes.append(f"hoso báo tại {_path_phrase(parse_path(str(_get(value, 'at'))))}")
    own = [p for p in patches if p not in common]
    if len(own) < len(patches):
        notes.append(f"cùng {len(patches) - len(own)} thay đổi chung của hai ví dụ, không in ở đây")
    note = "; ".join(notes)
    if own:
        text = "\n".join(describe_patch(p, sample) if isinstance(p, Mapping) else str(p)
                         for p in own)
        return ExampleDoc(_clip(text), note)
    data = copy.deepcopy(dict(sample))
    for p in patches:
        if isinstance(p, Mapping):
            apply_patch(data, p)
    shown = {k: data[k] for k in keys if k in data}
    head = "# Hồ sơ minh họa" + (" với các thay đổi chung" if patches else ", không sửa gì")
    if not shown:
        return ExampleDoc(head + ".\n", note)
    return ExampleDoc(_clip(f"{head}; các mục liên quan:\n" + yaml_text(shown)), note)


def load_rules() -> list[RuleDoc]:
    """Every rule of the catalogue, sorted by code.

    The rule modules of :mod:`hoso.validate.rules` register their rules in
    ``hoso.validate.rules.base.REGISTRY`` when imported; importing them all is what the catalogue
    does, too.
    """
    import importlib
    import pkgutil

    import hoso.validate.rules as rules_pkg

    for module in pkgutil.iter_modules(rules_pkg.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"hoso.validate.rules.{module.name}")
    try:
        from hoso.validate.rules.base import REGISTRY
    except ImportError:  # pragma: no cover - a hoso without rules
        return []
    out = [normalise_rule(r) for r in REGISTRY.values()]
    return sorted((r for r in out if r.code), key=lambda r: r.code)


# --------------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------------

@dataclass
class Page:
    path: str  # relative to the docs folder, POSIX
    title: str  # the title in the navigation
    text: str


@dataclass
class ItemGroup:
    muc: str  # "" for keys without an item number
    keys: list[str]
    title: str
    path: str


def _stage_label(code: str) -> str:
    try:
        from hoso import stages

        return stages.label(code)
    except ImportError:  # pragma: no cover
        return code


def _severity_label(sev: str) -> str:
    s = sev.strip().lower()
    if s in ("lỗi", "loi", "error"):
        return "Lỗi"
    if s in ("cảnh báo", "canh_bao", "canh-bao", "warning"):
        return "Cảnh báo"
    return sev or "Lỗi"


def item_groups(doc: SchemaDoc) -> list[ItemGroup]:
    props = doc.root.get("properties", {})
    by_muc: dict[str, list[str]] = {}
    for key in doc.top_keys():
        by_muc.setdefault(muc_of(doc.resolve(props[key]).get("x-muc")), []).append(key)
    groups = []
    for muc in sorted((m for m in by_muc if m), key=_muc_key):
        keys = by_muc[muc]
        first = doc.resolve(props[keys[0]])
        title = str(first.get("title") or keys[0])
        number = f"{int(muc):02d}" if muc.isdigit() else slug(muc)
        groups.append(ItemGroup(muc, keys, title, f"{ITEMS_DIR}/muc-{number}-{slug(keys[0])}.md"))
    if by_muc.get(""):
        groups.append(ItemGroup("", by_muc[""], "Thông tin chung của hồ sơ", GENERAL_PAGE))
    return groups


def _nav_title(group: ItemGroup) -> str:
    """The page's title in the navigation. MkDocs and the theme insert it into the HTML as it is
    (and unescape it for ``<title>``), so it is given as text that holds no markup at all: angle
    brackets become ‹ ›, which no printed label of the form contains."""
    title = f"({group.muc}) {group.title}" if group.muc else group.title
    title = " ".join(escape.show_invisible(title).split())
    return title.replace("&", "&amp;").replace("<", "‹").replace(">", "›")


def _rel(from_page: str, to_page: str) -> str:
    return os.path.relpath(to_page, os.path.dirname(from_page) or ".").replace(os.sep, "/")


class ItemIndex:
    """Where a rule's item points: ``"6"`` is item (6); a name such as ``"xét kết nạp"`` is the
    top-level key of that name (``xet_ket_nap``), documented with the dossier's general fields."""

    def __init__(self, doc: SchemaDoc, groups: Sequence[ItemGroup]) -> None:
        self.props = doc.root.get("properties", {})
        self.doc = doc
        self.by_muc = {g.muc: g for g in groups if g.muc}
        self.page_of = {k: g.path for g in groups for k in g.keys}

    def keys(self, item: str) -> list[str]:
        if item in self.by_muc:
            return list(self.by_muc[item].keys)
        wanted = slug(item)
        for key in self.props:
            title = str(self.doc.resolve(self.props[key]).get("title") or "")
            if slug(key) == wanted or slug(title) == wanted or slug(title).endswith("-" + wanted):
                return [key]
        return []

    def label(self, item: str) -> str:
        if item in self.by_muc:
            return f"({item})"
        keys = self.keys(item)
        if keys:
            return str(self.doc.resolve(self.props[keys[0]]).get("title") or item)
        return item

    def title(self, item: str) -> str:
        if item in self.by_muc:
            return f"Mục ({item}) {self.by_muc[item].title}"
        return self.label(item)

    def link(self, item: str, from_page: str) -> str | None:
        keys = self.keys(item)
        if not keys or keys[0] not in self.page_of:
            return None
        target = _rel(from_page, self.page_of[keys[0]])
        return target if item in self.by_muc else f"{target}#{slug(keys[0])}"

    def rules_by_key(self, rules: Sequence[RuleDoc]) -> dict[str, list[RuleDoc]]:
        """The rules to list under each top-level key: an item's rules go under its first key."""
        out: dict[str, list[RuleDoc]] = {}
        for rule in rules:
            for item in dict.fromkeys(rule.items):
                keys = self.keys(item)
                if keys and rule not in out.setdefault(keys[0], []):
                    out[keys[0]].append(rule)
        return out


class FieldWriter:
    """Writes the documentation of one field and its sub-fields, recursively."""

    def __init__(self, doc: SchemaDoc, rules_by_key: Mapping[str, list[RuleDoc]],
                 page: str) -> None:
        self.doc = doc
        self.rules_by_key = rules_by_key
        self.page = page
        self.anchors: set[str] = set()

    def _anchor(self, path: Sequence[str]) -> str:
        base = slug("-".join(p for p in path if p != "[]"))
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor

    def field(self, path: list[str], raw: Any, required: str, level: int) -> list[str]:
        """Markdown for one field; ``required`` is "bắt buộc", "không bắt buộc" or a condition."""
        node = self.doc.resolve(raw)
        title = str(node.get("title") or path[-1])
        key_path = ".".join(path).replace(".[]", "[]")
        out: list[str] = []
        if level == 2 and re.fullmatch(r"[A-Za-z0-9_]+", path[-1]):
            # The key in the heading lets a search typed without diacritics ("que quan") find it.
            anchor = self._anchor(path)
            out += [f"{'#' * level} {escape_inline(title)} · `{path[-1]}` {{ #{anchor} }}", ""]
        elif level <= 6:
            out += [f"{'#' * level} {escape_inline(title)} {{ #{self._anchor(path)} }}", ""]
        else:
            out += [f"**{escape_inline(title)}**", ""]
        facts = [f"Khóa trong tệp YAML: {code_or_text(key_path)}"]
        muc = muc_of(node.get("x-muc"))
        if muc and level > 2:
            facts.append(f"mục ({muc}) trên mẫu")
        facts.append(required)
        facts.append(f"kiểu: {escape_inline(_kind(self.doc, node))}")
        out += [" · ".join(facts), ""]
        description = node.get("description")
        if description:
            out += [escape_block(description), ""]
        out += self._allowed(node)
        out += self._examples(path[-1], node)
        messages = _error_messages(node)
        if messages:
            out += ['!!! warning "Khi ghi sai, hoso báo"', ""]
            for msg in messages:
                out += ["    " + escape_inline(msg), ""]
        if level == 2:
            out += self._rules_for(path[0])
        if level > 12:  # a schema that refers to itself: stop documenting deeper
            return out
        props, req = self.doc.children(node)
        always = self.doc.required_everywhere(node)
        row = "[]" if (node.get("type") == "array" or "items" in node) else None
        for key, sub in props.items():
            sub_path = [*path, row, key] if row else [*path, key]
            need = "bắt buộc" if key in always else (
                "bắt buộc với dạng có khóa này" if key in req else "không bắt buộc")
            out += self.field([p for p in sub_path if p], sub, need, level + 1)
        return out

    def _allowed(self, node: Mapping[str, Any]) -> list[str]:
        out: list[str] = []
        pairs = labels_of(node)
        if not pairs and node.get("type") == "array":
            pairs = labels_of(self.doc.resolve(node.get("items", {})))
        if pairs:
            groups = node.get("x-nhom") if isinstance(node.get("x-nhom"), Mapping) else None
            if groups:
                out += ["Giá trị được chọn. Cột “Nhóm”: mẫu chia người thân thành ba nhóm, mỗi "
                        "nhóm khai các nội dung khác nhau — 1: ông bà; 2: cha mẹ, cha mẹ vợ "
                        "(chồng), vợ (chồng); 3: anh chị em ruột, các con.", "",
                        "| Ghi trong tệp | Nghĩa | Nhóm |", "|---|---|---|"]
                out += [f"| {code_or_text(v)} | {escape_cell(label)} | "
                        f"{escape_cell(groups.get(v, ''))} |" for v, label in pairs]
            else:
                out += ["Giá trị được chọn:", "", "| Ghi trong tệp | Nghĩa |", "|---|---|"]
                out += [f"| {code_or_text(v)} | {escape_cell(label)} |" for v, label in pairs]
            out.append("")
        alts = self.doc.alternatives(node)
        if alts:
            out += ["Có thể ghi một trong các dạng:", ""]
            for alt in alts:
                if "const" in alt:
                    item = escape_inline(f"đúng chữ “{alt['const']}”")
                elif "enum" in alt:
                    item = escape_inline("một trong: " + ", ".join(f"“{v}”" for v in alt["enum"]))
                else:
                    item = escape_inline(alt.get("title") or _kind(self.doc, alt).split(" (")[0])
                    if alt.get("description"):
                        item += ": " + escape_inline(alt["description"])
                    props, req = self.doc.children(alt)
                    if props and not alt.get("title"):
                        item += " gồm " + ", ".join(code_or_text(k) for k in props)
                        if req:
                            item += " (bắt buộc: " + ", ".join(code_or_text(k) for k in req) + ")"
                out.append(f"- {item}")
            out.append("")
        return out

    def _examples(self, key: str, node: Mapping[str, Any]) -> list[str]:
        examples = node.get("examples")
        if not isinstance(examples, list) or not examples:
            return []
        out = ["Ví dụ:" if len(examples) == 1 else "Ví dụ (mỗi khung một cách ghi):", ""]
        for example in examples[:3]:
            out += [code_block(yaml_text({key: example})), ""]
        return out

    def _rules_for(self, key: str) -> list[str]:
        rules = self.rules_by_key.get(key, [])
        if not rules:
            return []
        out = ["Quy tắc kiểm tra mục này (xem [Các lỗi thường gặp]"
               f"({_rel(self.page, RULES_PAGE)})):", ""]
        for rule in rules:
            link = f"{_rel(self.page, RULES_PAGE)}#{slug(rule.code)}"
            severity = escape_inline(_severity_label(rule.severity))
            out.append(f"- [{code_or_text(rule.code)}]({link}) ({severity}): "
                       f"{escape_inline(rule.title)}")
        return [*out, ""]


def _admonition_title(text: str) -> str:
    """Text for an admonition title (between double quotes, not parsed as Markdown)."""
    return escape_inline(text).replace('"', "&#34;")


def _page(path: str, nav_title: str, heading: str, body: Sequence[str],
          boost: float | None = None) -> Page:
    """A generated page: front matter, the H1, a note, the body.

    The title in the navigation (and in search results) comes from ``nav``; only the item guide's
    index, an untitled section index in ``nav``, takes its title from the front matter.
    """
    import json

    meta = [f"title: {json.dumps(heading, ensure_ascii=False)}"] if path == ITEMS_INDEX else []
    if boost is not None:
        meta += ["search:", f"  boost: {boost}"]
    front = ["---", *meta, "---", ""] if meta else []
    text = "\n".join([*front, f"# {escape_inline(heading)}", "", GENERATED_NOTE, "",
                      *body]).rstrip() + "\n"
    return Page(path, nav_title, text)


def item_page(doc: SchemaDoc, group: ItemGroup,
              rules_by_key: Mapping[str, list[RuleDoc]]) -> Page:
    props = doc.root.get("properties", {})
    required = set(doc.root.get("required", []) or [])
    writer = FieldWriter(doc, rules_by_key, group.path)
    heading = f"Mục ({group.muc}) {group.title}" if group.muc else group.title
    lines: list[str] = []
    if group.muc:
        lines += [f"Trên quyển lý lịch, đây là mục ({group.muc}). Các khóa dưới đây ghi nội dung "
                  "của mục này trong tệp hồ sơ YAML.", ""]
    else:
        lines += ["Các khóa dưới đây không phải một mục đánh số trên quyển lý lịch: chúng ghi mẫu "
                  "và phiên bản, mã hồ sơ, chi bộ, thông tin xét kết nạp và quá trình xem xét hồ "
                  "sơ, để hoso kiểm tra quy định và theo dõi các bước.", ""]
    for key in group.keys:
        need = "bắt buộc" if key in required else "không bắt buộc"
        lines += writer.field([key], props[key], need, 2)
    return _page(group.path, _nav_title(group), heading, lines, 2 if group.muc else None)


ITEMS_INTRO = """\
Mỗi hồ sơ là một tệp YAML trong thư mục `dossiers/<chi-bộ>/`. Mỗi mục của quyển lý lịch Mẫu
2-KNĐ là một khóa trong tệp (chữ không dấu, nối bằng dấu gạch dưới, ví dụ `que_quan`); nhãn in
trên mẫu và số mục có ở từng trang dưới đây. Tạo tệp trống đủ các mục bằng lệnh
`hoso new MÃ --chi-bo CHI_BỘ`, khai từng mục, rồi chạy `hoso check` để xem còn gì phải sửa.

!!! note "Yêu cầu chung khi khai lý lịch"

    Người xin vào Đảng tự khai, khai trung thực, đầy đủ, rõ ràng; điều gì chưa hiểu hoặc không
    nhớ chính xác thì báo cáo với chi bộ. Bản chính thức được chép tay một lần vào quyển lý lịch,
    không tẩy xóa, không sửa chữa, không viết cách dòng.

Cách ghi chung trong tệp:

- **Ngày tháng** ghi trong dấu ngoặc kép, giữ đúng độ chính xác: `"2026-03-26"` (ngày),
  `"2016-09"` (tháng), `"1962"` (năm); `nay` cho đến nay. Khi in, hoso ghi theo cách của mẫu:
  “ngày 26-3-2026”, “tháng 9-2016”.
- **Mục không có nội dung** ghi `Không`, không để trống.
- **Địa chỉ** ghi theo đơn vị hành chính hiện nay: xã, phường hoặc đặc khu và tỉnh, thành phố
  (không còn cấp huyện từ ngày 01-7-2025); nơi đã sáp nhập, đổi tên thì ghi thêm tên cũ ở khóa
  `truoc_day`, khi in thành “… (trước đây là …)”.
- **Bảng** (các mục (14), (15), (17)–(21)) là danh sách: mỗi dòng bắt đầu bằng dấu gạch ngang.

Trình soạn thảo có hỗ trợ lược đồ JSON (ví dụ VS Code với phần mở rộng YAML) hiện nhãn, cách ghi
và lỗi của từng mục ngay khi gõ, nhờ dòng đầu tệp `# yaml-language-server: $schema=…`.
"""


def items_index_page(groups: Sequence[ItemGroup]) -> Page:
    lines = [ITEMS_INTRO,
             "## Danh sách các mục", "",
             "| Mục | Nhãn trên mẫu | Khóa trong tệp YAML |", "|---|---|---|"]
    for g in groups:
        muc = f"({g.muc})" if g.muc else "—"
        link = f"[{escape_inline(g.title)}]({_rel(ITEMS_INDEX, g.path)})"
        keys = ", ".join(code_or_text(k) for k in g.keys)
        lines.append(f"| {muc} | {link} | {keys} |")
    return _page(ITEMS_INDEX, "Hướng dẫn khai từng mục", "Hướng dẫn khai từng mục", lines)


RULES_INTRO = """\
Đây là danh mục các quy tắc mà `hoso check` dùng để kiểm tra hồ sơ, ngoài lược đồ của mẫu. Mỗi
quy tắc có một mã (ví dụ `tuoi-toi-thieu`) — mã này hiện trong thông báo của `hoso check` và trên
các dòng ghi chú của yêu cầu hợp nhất (pull request). Với mỗi quy tắc: điều nó phát hiện, căn cứ và
mức tin cậy của căn cứ, một ví dụ sai và một ví dụ đúng.

- **Lỗi**: hồ sơ chưa đạt, phải sửa trước khi chuyển bước.
- **Cảnh báo**: cần xem lại; thường là quy định có căn cứ chưa được xác nhận bằng văn bản chính
  thức, hoặc điều chỉ người xem xét mới quyết định được.

Mức tin cậy của căn cứ: **[C]** đã đối chiếu với nguồn; **[T]** theo bản chép lại quyển lý lịch
của bên thứ ba, lời văn khớp với các đoạn đã xác nhận; **[U]** chưa được xác nhận — quy tắc mặc
định chỉ cảnh báo. Đảng bộ có thể đổi mức độ hoặc tắt một quy tắc trong `to-chuc.yaml` (khóa
`quy_tac`), kèm lý do.
"""


def rules_page(rules: Sequence[RuleDoc], index: ItemIndex,
               sample: Mapping[str, Any] | None = None) -> Page:
    sample = sample or {}
    lines = [RULES_INTRO]
    if not rules:
        lines += ["!!! info \"Chưa có quy tắc\"", "",
                  "    Danh mục quy tắc chưa có trong bản hoso này.", ""]
        return _page(RULES_PAGE, "Các lỗi thường gặp", "Các lỗi thường gặp", lines)

    def sort_key(r: RuleDoc) -> tuple[tuple[int, str], str]:
        first = min((_muc_key(m) for m in r.items), default=(20_000, ""))
        return first, r.code

    ordered = sorted(rules, key=sort_key)
    lines += [f"Có {len(ordered)} quy tắc.", "", "| Mã | Mức độ | Điều được kiểm tra | Mục |",
              "|---|---|---|---|"]
    for r in ordered:
        items = ", ".join(index.label(m) for m in r.items) or "—"
        lines.append(f"| [{code_or_text(r.code)}](#{slug(r.code)}) | "
                     f"{escape_cell(_severity_label(r.severity))} | {escape_cell(r.title)} | "
                     f"{escape_cell(items)} |")
    lines.append("")
    current = None
    for r in ordered:
        section = r.items[0] if r.items else ""
        if section != current:
            current = section
            title = escape_inline(index.title(section)) if section else "Quy định chung của hồ sơ"
            lines += [f"## {title}", ""]
            link = index.link(section, RULES_PAGE) if section else None
            if link:
                lines += [f"Cách khai: [{title}]({link}).", ""]
        lines += [f"### {escape_inline(r.title or r.code)} {{ #{slug(r.code)} }}", ""]
        facts = [f"Mã: {code_or_text(r.code)}",
                 f"mức độ: **{escape_inline(_severity_label(r.severity))}**"]
        if r.items:
            links = []
            for m in r.items:
                link = index.link(m, RULES_PAGE)
                label = escape_inline(index.label(m))
                links.append(f"[{label}]({link})" if link else label)
            facts.append("mục: " + ", ".join(links))
        if r.stages:
            facts.append("áp dụng ở giai đoạn: "
                         + ", ".join(escape_inline(_stage_label(s)) for s in r.stages))
        lines += [" · ".join(facts), ""]
        if r.explanation:
            lines += ["**Điều được kiểm tra.** " + escape_block(r.explanation), ""]
        if r.basis or r.confidence:
            conf = CONFIDENCE.get(r.confidence, f"[{r.confidence}]" if r.confidence else "")
            basis = escape_block(r.basis) if r.basis else ""
            lines += ["**Căn cứ.** " + basis + (f" — *{escape_inline(conf)}*" if conf else ""), ""]
        keys = [k for m in r.items for k in index.keys(m)]
        bad, good = _patches_of(r.failing) or [], _patches_of(r.passing) or []
        common = [p for p in bad if p in good]
        for label, raw, kind in (("Ví dụ sai", r.failing, "failure"),
                                 ("Ví dụ đúng", r.passing, "success")):
            example = example_doc(raw, sample, keys, common)
            if example is None:
                continue
            title = label + (f" ({example.note})" if example.note else "")
            lines += [f'!!! {kind} "{_admonition_title(title)}"', "",
                      code_block(example.yaml, indent="    "), ""]
    return _page(RULES_PAGE, "Các lỗi thường gặp", "Các lỗi thường gặp", lines)


# -- the sample's preview ------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def format_value(value: Any) -> str:
    """A scalar as the form prints it: dates as “ngày 26-3-2026” / “tháng 9-2016”."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value is None:
        return ""
    s = str(value)
    if m := _DATE.fullmatch(s):
        return f"ngày {int(m.group(3))}-{int(m.group(2))}-{m.group(1)}"
    if m := _MONTH.fullmatch(s):
        return f"tháng {int(m.group(2))}-{m.group(1)}"
    if s == "nay":
        return "nay"
    return s


class Preview:
    """A Markdown preview of a dossier, in booklet order, labels from the schema."""

    def __init__(self, doc: SchemaDoc) -> None:
        self.doc = doc

    def scalar(self, node: Mapping[str, Any], value: Any) -> str:
        for v, label in labels_of(node):
            if v == value and label:
                return label
        return format_value(value)

    def inline(self, node: Mapping[str, Any], value: Any) -> str:
        """An object's fields joined on one line (addresses: "…, …, … (trước đây là …)")."""
        node = self.doc.resolve(node)
        if isinstance(value, Mapping):
            props, _ = self.doc.children(node)
            parts = []
            for key, sub in value.items():
                if key == "truoc_day":
                    continue
                text = self.inline(props.get(key, {}), sub)
                if text:
                    sub_node = self.doc.resolve(props.get(key, {}))
                    if isinstance(sub, Mapping | list):
                        text = f"{sub_node.get('title') or key}: {text}"
                    parts.append(text)
            text = ", ".join(parts)
            if value.get("truoc_day"):
                text += f" (trước đây là {value['truoc_day']})"
            return text
        if isinstance(value, list):
            return "; ".join(self.inline(node.get("items", {}), v) for v in value) or "Không"
        return self.scalar(node, value)

    def block(self, node: Mapping[str, Any], value: Any, indent: str = "") -> list[str]:
        node = self.doc.resolve(node)
        if isinstance(value, list):
            if not value:
                return [f"{indent}Không", ""]
            props, _ = self.doc.children(node)
            if all(isinstance(v, Mapping) for v in value) and props:
                cols = [k for k in props if any(k in v for v in value)]
                if len(cols) <= 6 and not indent:
                    titles = [self.doc.resolve(props[k]).get("title") or k for k in cols]
                    head = "| " + " | ".join(escape_cell(t) for t in titles) + " |"
                    out = [head, "|" + "---|" * len(cols)]
                    for v in value:
                        out.append("| " + " | ".join(
                            escape_cell(self.inline(props[k], v.get(k, "")) if k in v else "")
                            for k in cols) + " |")
                    return [*out, ""]
                out = []
                for i, v in enumerate(value, 1):
                    title = escape_inline(f"{i}. {self.row_title(props, v)}".rstrip(". "))
                    if indent:
                        out += [f"{indent}- {title}", ""]
                        out += self.fields(props, v, indent + "    ")
                    else:
                        out += [f"##### {title}", ""]
                        out += self.fields(props, v, "")
                return out
            row_node = node.get("items", {})
            return [f"{indent}- {escape_inline(self.inline(row_node, v))}" for v in value] + [""]
        if isinstance(value, Mapping):
            props, _ = self.doc.children(node)
            is_address = "truoc_day" in value or set(value) <= {"chi_tiet", "xa", "tinh", "huyen",
                                                                 "truoc_day", "quoc_gia"}
            if is_address:
                return [indent + escape_inline(self.inline(node, value)), ""]
            return self.fields(props, value, indent)
        text = self.scalar(node, value)
        return [indent + (escape_block(text) if "\n" in text else escape_inline(text)), ""]

    def row_title(self, props: Mapping[str, Any], row: Mapping[str, Any]) -> str:
        parts = []
        for key in ("quan_he", "ho_ten", "nam_sinh"):
            if key in row:
                parts.append(self.scalar(self.doc.resolve(props.get(key, {})), row[key]))
        return ", ".join(parts) or ""

    def fields(self, props: Mapping[str, Any], value: Mapping[str, Any], indent: str) -> list[str]:
        out = []
        for key, sub in value.items():
            sub_node = self.doc.resolve(props.get(key, {}))
            label = str(sub_node.get("title") or key)
            if (isinstance(sub, list) and sub) or (isinstance(sub, Mapping) and not (
                    "xa" in sub or "tinh" in sub)):
                out += [f"{indent}- **{escape_inline(label)}:**", ""]
                out += self.block(sub_node, sub, indent + "    ")
            else:
                text = (self.inline(sub_node, sub) if isinstance(sub, Mapping)
                        else self.scalar(sub_node, sub))
                out.append(f"{indent}- **{escape_inline(label)}:** {escape_inline(text)}")
        return [*out, ""]

    def document(self, data: Mapping[str, Any]) -> list[str]:
        props = self.doc.root.get("properties", {})
        out: list[str] = []
        for key in self.doc.top_keys():
            if key not in data:
                continue
            node = self.doc.resolve(props[key])
            muc = muc_of(node.get("x-muc"))
            if not muc:
                continue
            title = str(node.get("title") or key)
            out += [f"#### ({muc}) {escape_inline(title)} {{ #xem-truoc-{slug(key)} }}", ""]
            out += self.block(node, data[key])
        return out


SAMPLE_INTRO = """\
!!! info "Nhân vật hư cấu"

    Hồ sơ dưới đây là ví dụ, về một nhân vật hư cấu; mọi tên người, ngày tháng và số giấy tờ đều
    do bịa ra. Trang hướng dẫn này không bao giờ dùng hồ sơ thật trong thư mục `dossiers/`.

Hồ sơ minh họa cho thấy một tệp đã khai đủ các mục: mở tệp YAML để xem cách ghi, xem bản xem trước
bên dưới để thấy hoso đọc tệp đó ra sao, và tải bản DOCX, PDF mà `hoso render` in ra từ chính tệp
này.
"""


def sample_page(doc: SchemaDoc, sample_text: str, data: Mapping[str, Any],
                downloads: Mapping[str, str]) -> Page:
    lines = [SAMPLE_INTRO, "## Tải về", ""]
    names = {"yaml": "Tệp hồ sơ YAML", "docx": "Bản Word (DOCX)", "pdf": "Bản PDF"}
    buttons = [f"[{names.get(kind, kind)}]({name}){{ .md-button }}"
               for kind, name in downloads.items()]
    lines += [" ".join(buttons), ""]
    if "docx" not in downloads:
        lines += ["Bản DOCX và PDF không được in trong lần dựng trang này (đã dùng "
                  "`--khong-in`).", ""]
    else:
        lines += ["Bản DOCX và PDF được in lại mỗi lần dựng trang, từ đúng tệp YAML trên; mỗi "
                  "trang có dấu “BẢN NHÁP” vì hồ sơ chưa tới bước chép vào mẫu chính thức.", ""]
    lines += ["## Xem trước", "",
              "Nội dung hồ sơ theo thứ tự các mục của quyển lý lịch, nhãn lấy từ lược đồ:", ""]
    lines += Preview(doc).document(data)
    lines += ["## Tệp YAML", "", code_block(sample_text), ""]
    return _page(SAMPLE_PAGE, "Mẫu minh họa", "Mẫu minh họa", lines)


# --------------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------------

class _NoDatesLoader(yaml.SafeLoader):
    """Safe loader that leaves dates as strings, as the dossier loader does."""


_NoDatesLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def default_sample() -> Path:
    """The fictional sample dossier shipped with the package."""
    path = Path(str(resources.files("hoso") / "data" / f"{SAMPLE_NAME}.yaml"))
    if not path.is_file():
        raise UserError(f"Thiếu hồ sơ minh họa {path} trong gói hoso.")
    return path


def load_schema(repo: Repo) -> SchemaDoc:
    from hoso.form.schema import read_schema

    return SchemaDoc(read_schema(repo.schema_path()))


def generate_pages(doc: SchemaDoc, rules: Sequence[RuleDoc], sample_text: str,
                   sample_data: Mapping[str, Any], downloads: Mapping[str, str]) -> list[Page]:
    groups = item_groups(doc)
    index = ItemIndex(doc, groups)
    rules_by_key = index.rules_by_key(rules)
    pages = [items_index_page(groups)]
    pages += [item_page(doc, g, rules_by_key) for g in groups]
    pages.append(rules_page(rules, index, sample_data))
    pages.append(sample_page(doc, sample_text, sample_data, downloads))
    return pages


def _expand_nav(nav: Any, item_nav: list[Any]) -> Any:
    """Replace the nav entry that points at the item guide's index with a section of all items."""
    if isinstance(nav, list):
        return [_expand_nav(entry, item_nav) for entry in nav]
    if isinstance(nav, Mapping):
        out = {}
        for title, target in nav.items():
            if target == ITEMS_INDEX:
                out[title] = [ITEMS_INDEX, *item_nav]
            else:
                out[title] = _expand_nav(target, item_nav)
        return out
    return nav


def site_config(repo: Repo, docs_dir: Path, out_dir: Path, item_nav: list[Any]) -> dict[str, Any]:
    path = repo.root / "mkdocs.yml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy {repo.relative(path)} (cấu hình trang hướng dẫn).") \
            from None
    except yaml.YAMLError as exc:
        raise UserError(f"{repo.relative(path)} không đọc được (chỉ dùng YAML thường, không thẻ "
                        f"!!python): {exc}") from None
    if not isinstance(config, dict):
        raise UserError(f"{repo.relative(path)} phải là một bảng khóa: giá trị.")
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(out_dir)
    if "nav" in config:
        config["nav"] = _expand_nav(config["nav"], item_nav)
    return config


def _check_out_dir(repo: Repo, out_dir: Path) -> None:
    """mkdocs empties the output folder first: refuse the repository itself, its data, and any
    folder that holds something other than a site built before."""
    out = out_dir.resolve()
    protected = [repo.root.resolve(), repo.dossiers_dir.resolve(), repo.docs_dir.resolve(),
                 repo.schema_dir.resolve(), repo.templates_dir.resolve()]
    if any(out == p or out in p.parents for p in protected) or \
            any(p in out.parents for p in protected[1:]):
        raise UserError(f"Thư mục ra {out_dir} trùng với kho hoặc nằm trong dữ liệu của kho; hãy "
                        "chọn thư mục khác (mặc định build/site).")
    if out.is_dir() and any(out.iterdir()) and not (out / "sitemap.xml").exists() \
            and not (out / "search" / "search_index.json").exists():
        raise UserError(f"Thư mục ra {out_dir} đã có tệp khác và không phải một trang đã dựng; "
                        "mkdocs sẽ xóa hết nội dung của nó. Hãy chọn thư mục trống.")


@dataclass
class SiteResult:
    out_dir: Path
    pages: int
    documents: list[str]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


def _render_sample(sample: Path, repo: Repo, dest: Path) -> dict[str, Path]:
    """The sample's DOCX and PDF through the renderer (a draft: the sample is not at the
    official-copy stage)."""
    from hoso.render import render_paths

    report = render_paths([sample], repo, dest, formats=("docx", "pdf"), final=False,
                          jobs=1, use_cache=False)
    problems = report.errors + [f"{f.file}:{f.line}:{f.col}: {f.message}" for f in report.findings]
    if report.failed or problems:
        raise UserError("Không in được bản DOCX, PDF của hồ sơ minh họa:\n" + "\n".join(problems))
    found: dict[str, Path] = {}
    for path in report.outputs:
        kind = path.suffix.lower().lstrip(".")
        if kind in ("docx", "pdf"):
            found.setdefault(kind, path)
    missing = [k.upper() for k in ("docx", "pdf") if k not in found]
    if missing:
        raise UserError(f"Bộ in không tạo ra tệp {', '.join(missing)} cho hồ sơ minh họa.")
    return found


def _reserved_paths(groups: Sequence[ItemGroup]) -> list[str]:
    """Every path the build writes into the docs folder; docs/ must not hold any of them."""
    sample_files = [f"{SAMPLE_DIR}/{SAMPLE_NAME}.{ext}" for ext in ("yaml", "docx", "pdf")]
    return [ITEMS_INDEX, RULES_PAGE, SAMPLE_PAGE, *(g.path for g in groups), *sample_files]


def _copy_docs(repo: Repo, docs: Path, reserved: Sequence[str]) -> None:
    if docs.exists():
        shutil.rmtree(docs)
    if repo.docs_dir.is_dir():
        shutil.copytree(repo.docs_dir, docs, ignore=shutil.ignore_patterns(".*", "_sinh"))
    else:
        docs.mkdir(parents=True)
    clashes = [p for p in reserved if (docs / p).exists()]
    if clashes:
        raise UserError("Các tệp sau trong docs/ trùng tên với trang sinh tự động; hãy đổi tên: "
                        + ", ".join(f"docs/{p}" for p in clashes))


def build_site(repo: Repo, out_dir: Path, *, documents: bool = True, sample: Path | None = None,
               work_dir: Path | None = None,
               progress: Callable[[str], None] | None = None) -> SiteResult:
    """Generate the pages and build the site into ``out_dir``; return what was done.

    ``work_dir`` (default: a temporary folder, removed afterwards) receives the copy of ``docs/``,
    the generated pages and the generated ``mkdocs.yml``.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    say = progress or (lambda _msg: None)
    out_dir = Path(out_dir)
    _check_out_dir(repo, out_dir)
    sample = sample or default_sample()
    sample_text = sample.read_text(encoding="utf-8")
    sample_data = yaml.load(sample_text, Loader=_NoDatesLoader)  # a safe loader
    if not isinstance(sample_data, Mapping):
        raise UserError(f"Hồ sơ minh họa {sample} không phải một bảng khóa: giá trị.")
    doc = load_schema(repo)
    groups = item_groups(doc)
    rules = load_rules()

    with _work_folder(work_dir) as work:
        docs = work / "docs"
        _copy_docs(repo, docs, _reserved_paths(groups))
        sample_copy = docs / SAMPLE_DIR / f"{SAMPLE_NAME}.yaml"
        sample_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, sample_copy)
        downloads = {"yaml": sample_copy.name}
        if documents:
            t = time.perf_counter()
            say("Đang in bản DOCX, PDF của hồ sơ minh họa…")
            for kind, path in _render_sample(sample_copy, repo, work / "in").items():
                downloads[kind] = f"{SAMPLE_NAME}.{kind}"
                shutil.copyfile(path, sample_copy.parent / downloads[kind])
            timings["in"] = time.perf_counter() - t

        t = time.perf_counter()
        pages = generate_pages(doc, rules, sample_text, sample_data, downloads)
        for page in pages:
            (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
            (docs / page.path).write_text(page.text, encoding="utf-8")
        item_nav: list[Any] = [{_nav_title(g): g.path} for g in groups]
        config_path = work / "mkdocs.yml"
        config = site_config(repo, docs, out_dir.resolve(), item_nav)
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
        timings["sinh-trang"] = time.perf_counter() - t

        t = time.perf_counter()
        say("Đang dựng trang bằng mkdocs…")
        run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config_path],
            cwd=work, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            hint="mkdocs không dựng được trang hướng dẫn (chế độ --strict: mọi cảnh báo là lỗi).")
        timings["mkdocs"] = time.perf_counter() - t

    made = [f"{SAMPLE_DIR}/{name}" for kind, name in downloads.items() if kind != "yaml"]
    return SiteResult(out_dir, len(pages), made, time.perf_counter() - started, timings)


@contextlib.contextmanager
def _work_folder(path: Path | None) -> Iterator[Path]:
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="hoso-site-") as tmp:
        yield Path(tmp)
