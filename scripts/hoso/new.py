"""``hoso new``: a blank dossier generated from the schema, its instructions as comments.

The skeleton is built from the schema alone, so a committee that edits its copy of the schema gets
matching skeletons: the top-level items in booklet order (``x-thu-tu``), each preceded by
``# (N) <title>`` (N from ``x-muc``) and its instructions (``description``), then an empty value
the candidate replaces:

* a text item is ``""``;
* a structured item lists its sub-keys with ``""``; optional sub-keys are commented out;
* a table is one empty row when the schema asks for at least one row, else ``[]`` with a
  commented-out sample row;
* an item that is either “Không” or a block (``oneOf`` with the ``$defs/khong`` branch) is ``""``,
  so the candidate must decide, with the block's shape commented out below.

Blanks never pass the schema, so a skeleton nobody filled in fails ``hoso check`` item by item.

:func:`filled` writes a dossier with values in the same layout and order, with the same
instructions (``hoso import`` writes the candidate's Word form this way).
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from hoso import org
from hoso.errors import UserError
from hoso.form import Form, dates
from hoso.form.schema import read_schema
from hoso.repo import Repo
from hoso.util import write_atomic

__all__ = ["entry_lines", "filled", "main", "row_lines", "skeleton"]

#: The editor's schema line of a dossier in dossiers/<chi bộ>/ of a repository with its own
#: schema/ (this template); :func:`modeline` gives the line for any repository.
MODELINE = "# yaml-language-server: $schema=../../schema/2-knd-2025.schema.json"
#: Where hoso keeps a copy of the installed schema for the editor, in a repository without
#: schema/ (one that holds only dossiers/ and uses a released hoso).
EDITOR_SCHEMA_DIR = ".hoso"
WIDTH = 100
KHONG_REF = "#/$defs/khong"
_NOTHING: Any = object()

Node = Mapping[str, Any]


# --------------------------------------------------------------------------------------------
# YAML text helpers


#: Characters that make a plain scalar unsafe or ambiguous; such text is written quoted.
PLAIN_UNSAFE = re.compile(r"[#:\"'{}\[\],&*!|>%@`]")


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly ``value`` (plain when that is safe).

    The web form's script (``hoso.webform``) follows the same steps with the same pattern."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return '""'
    text = str(value)
    if text and text == text.strip() and not PLAIN_UNSAFE.search(text):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    """``text`` as ``# `` comment lines at ``indent``, wrapped at :data:`WIDTH` columns."""
    width = max(WIDTH - len(indent) - 2, 40)
    wrapped = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=False,
                            break_on_hyphens=False)
    return [f"{indent}# {line}" for line in wrapped]


def _commented(lines: Iterable[str], indent: str) -> list[str]:
    """Comment out a block rendered at ``indent``: removing ``# `` gives it back."""
    out = []
    for line in lines:
        rest = line[len(indent):] if line.startswith(indent) else line.lstrip(" ")
        out.append(f"{indent}# {rest}")
    return out


# --------------------------------------------------------------------------------------------
# the schema walk


class _Writer(Form):
    """Writes the skeleton of every item the schema describes."""

    @staticmethod
    def is_khong(branch: Node) -> bool:
        return branch.get("$ref") == KHONG_REF or branch.get("const") == "Không"

    def has_khong(self, node: Node) -> bool:
        return any(self.is_khong(b) for b in node.get("oneOf", ()))

    def other_branches(self, node: Node) -> list[Node]:
        return [self.resolve(b) for b in node.get("oneOf", ()) if not self.is_khong(b)]

    def shape(self, node: Node) -> Node:
        """The branch a skeleton shows: for a ``oneOf`` the one with the most sub-keys."""
        node = self.resolve(node)
        branches = self.other_branches(node)
        if not branches:
            return node
        best = max(branches, key=lambda b: len(b.get("properties", {})))
        merged = {k: v for k, v in node.items() if k != "oneOf"}
        merged.update({k: v for k, v in best.items() if k not in ("title", "description")})
        return merged

    @staticmethod
    def kind(node: Node) -> str:
        if "properties" in node or node.get("type") == "object":
            return "object"
        if node.get("type") == "array" or "items" in node:
            return "array"
        return "scalar"

    def const_alternatives(self, node: Node) -> list[Node]:
        """``oneOf`` branches made only of fixed values (``chua_phan_dinh: true``)."""
        node = self.resolve(node)
        shown = self.shape(node)
        out = []
        for branch in self.other_branches(node):
            props = branch.get("properties", {})
            if props and props != shown.get("properties") and \
                    all("const" in self.resolve(p) for p in props.values()):
                out.append(branch)
        return out

    def conditions(self, node: Node) -> dict[str, str]:
        """Sub-keys required by an ``if``/``then`` on an enumerated sub-key: key → when (text).

        A sub-key required whatever the value is (the conditions cover the whole list) maps to
        ``""``: it is simply required.
        """
        props = node.get("properties", {})
        found: dict[str, dict[str, list[object]]] = {}
        for clause in node.get("allOf", ()):
            cond = clause.get("if", {}).get("properties", {})
            then = clause.get("then", {})
            for disc, test in cond.items():
                values = test.get("enum")
                if not isinstance(values, list):
                    continue
                for key in then.get("required", ()):
                    found.setdefault(key, {}).setdefault(disc, []).extend(values)
        out: dict[str, str] = {}
        for key, by_disc in found.items():
            parts: list[str] = []
            for disc, values in by_disc.items():
                target = self.resolve(props.get(disc, {}))
                if set(target.get("enum", ())) <= set(values):
                    parts = []
                    break
                labels = Form.node_enum_labels(target)
                shown = ", ".join(dict.fromkeys(labels.get(str(v), str(v)) for v in values))
                name = str(target.get("title") or disc).lower()
                parts.append(f"{name} là: {shown}")
            out[key] = "Bắt buộc khi " + "; ".join(parts) + "." if parts else ""
        return out

    # ---- comments

    def doc(self, node: Node, indent: str, *, top: bool = False, key: str = "",
            extra: str = "") -> list[str]:
        """Title, instructions, choices and examples of one item as comment lines."""
        title = str(node.get("title") or key)
        description = str(node.get("description") or "")
        lines: list[str] = []
        if top:
            number = Form.node_number(node)
            lines += _comment(f"({number}) {title}" if number else title, indent)
            if description:
                lines += _comment(description, indent)
        else:
            text = f"{title}: {description}" if description else title
            lines += _comment(text, indent)
        resolved = self.resolve(node)
        enum = resolved.get("enum")
        if isinstance(enum, list) and enum:
            labels = Form.node_enum_labels(resolved)
            choices = ", ".join(f"{v} ({labels[str(v)]})" if str(v) in labels else str(v)
                                for v in enum)
            lines += _comment(f"Chọn một trong: {choices}.", indent)
        hints = resolved.get("x-goi-y")
        if isinstance(hints, list) and hints:
            lines += _comment("Gợi ý: " + ", ".join(map(str, hints)) + ".", indent)
        examples = resolved.get("examples")
        if (isinstance(examples, list) and examples and self.kind(resolved) == "scalar"
                and not isinstance(enum, list) and "const" not in resolved):
            lines += _comment("Ví dụ: " + "; ".join(f"“{e}”" for e in examples), indent)
        if extra:
            lines += _comment(extra, indent)
        return lines

    def first_example(self, node: Node) -> str | None:
        """The schema's first example of a text value (shown beside a commented-out key)."""
        resolved = self.resolve(node)
        examples = resolved.get("examples")
        if (isinstance(examples, list) and examples and self.kind(resolved) == "scalar"
                and "enum" not in resolved and "const" not in resolved):
            return str(examples[0])
        return None

    # ---- values

    def entry(self, key: str, node: Node, indent: str, *, docs: bool,
              value: Any = _NOTHING) -> list[str]:
        """``key: <empty value>`` (and its block) at ``indent``; with comments when ``docs``;
        ``key: <value>`` when a value is given."""
        node = self.resolve(node)
        if value is not _NOTHING:
            return self.filled_entry(key, node, indent, docs=docs, value=value)
        if self.has_khong(node):
            lines = [f'{indent}{key}: ""']
            branches = self.other_branches(node)
            if docs and branches:
                block = self.entry(key, branches[0], indent, docs=False)
                lines += _comment(f"Nếu có nội dung thì thay dòng “{key}: \"\"” bằng khối sau "
                                  f"(bỏ dấu # đầu dòng) và khai đủ:", indent)
                lines += _commented(block, indent)
            return lines
        shape = self.shape(node)
        kind = self.kind(shape)
        if kind == "object":
            return [f"{indent}{key}:", *self.body(shape, indent + "  ", docs=docs)]
        if kind == "array":
            items = self.resolve(shape.get("items", {}))
            if int(shape.get("minItems", 0)) >= 1 or not docs:
                return [f"{indent}{key}:", *self.row(items, indent + "  ", docs=docs)]
            lines = [f"{indent}{key}: []"]
            if docs:
                lines += _comment("Mỗi dòng của bảng viết như sau (bỏ dấu # đầu dòng và xóa "
                                  "“[]” ở trên):", indent)
                lines += _commented(self.row(items, indent + "  ", docs=False), indent)
            return lines
        if "const" in shape:
            return [f"{indent}{key}: {_scalar(shape['const'])}"]
        return [f'{indent}{key}: ""']

    def row(self, items: Node, indent: str, *, docs: bool) -> list[str]:
        """One table row: ``- first_key: …`` then the other keys under it."""
        shape = self.shape(items)
        if self.kind(shape) != "object":
            return [f'{indent}- ""']
        body = self.body(shape, indent + "  ", docs=docs)
        # the first line that is not a comment carries the "- "
        for i, line in enumerate(body):
            if not line.lstrip().startswith("#"):
                head = [f"{indent}{ln[len(indent) + 2:]}" if ln.lstrip().startswith("#") else ln
                        for ln in body[:i]]
                return [*head, f"{indent}- {line[len(indent) + 2:]}", *body[i + 1:]]
        return [f"{indent}- {{}}", *body]

    def body(self, node: Node, indent: str, *, docs: bool) -> list[str]:
        """The sub-keys of an object.

        With ``docs`` (a block the candidate fills in): required sub-keys with empty values and
        their instructions, optional ones commented out. Without (a block shown commented out):
        every sub-key, the optional ones marked as such.
        """
        props: Mapping[str, Node] = node.get("properties", {})
        required = set(node.get("required", ()))
        conditional = self.conditions(node)
        all_optional = not required and not conditional
        lines: list[str] = []
        for key, sub in props.items():
            when = conditional.get(key)
            wanted = key in required or when is not None
            if not docs:
                block = self.entry(key, sub, indent, docs=False)
                notes = ["không bắt buộc"] if not wanted and not all_optional else []
                example = self.first_example(sub)
                if example and len(block) == 1:
                    notes.append(f"ví dụ “{example}”")
                # the line gets "# " (commented out) and "  # " before the notes
                if notes and len(block[0]) + len("; ".join(notes)) + 6 <= WIDTH:
                    block[0] += "  # " + "; ".join(notes)
                elif notes[:1] == ["không bắt buộc"]:
                    block[0] += "  # không bắt buộc"
                lines += block
                continue
            extra = ""
            if when and key not in required:
                extra = when
            elif not wanted:
                extra = "Không bắt buộc: bỏ dấu # đầu dòng nếu cần khai."
            lines += self.doc(sub, indent, key=key, extra=extra)
            block = self.entry(key, sub, indent, docs=wanted)
            lines += block if wanted else _commented(block, indent)
            for alt in self.const_alternatives(sub):
                alt_props = alt.get("properties", {})
                name = alt.get("title") or (
                    self.resolve(next(iter(alt_props.values()))).get("title")
                    if len(alt_props) == 1 else None)
                lines += _comment(f"Hoặc ghi ({str(name).lower()}):" if name else "Hoặc ghi:",
                                  indent)
                alt_lines = [f"{indent}{key}:", *self.body(alt, indent + "  ", docs=False)]
                lines += _commented(alt_lines, indent)
        return lines


    # ---- a dossier's values in the skeleton's layout

    def branch_for(self, node: Node, value: Mapping[str, Any]) -> Node:
        """The object shape that holds ``value``: for a ``oneOf``, the branch naming most of its
        keys."""
        node = self.resolve(node)
        if "properties" in node:
            return node
        branches = [b for b in self.other_branches(node) if b.get("properties")]
        for branch in list(branches):
            branches += [self.resolve(b) for b in branch.get("oneOf", ()) if not self.is_khong(b)]
        branches = [b for b in branches if b.get("properties")]
        if not branches:
            return self.shape(node)
        return max(branches, key=lambda b: sum(k in b.get("properties", {}) for k in value))

    def filled_entry(self, key: str, node: Node, indent: str, *, docs: bool,
                     value: Any) -> list[str]:
        if isinstance(value, Mapping) and not value:
            return [f"{indent}{key}: {{}}"]
        if isinstance(value, Mapping):
            shape = self.branch_for(node, value)
            return [f"{indent}{key}:",
                    *self.filled_body(shape, indent + "  ", docs=docs, value=value)]
        if isinstance(value, list):
            if not value:
                return [f"{indent}{key}: []"]
            items = self.resolve(self.shape(node).get("items", {}))
            lines = [f"{indent}{key}:"]
            for i, row in enumerate(value):
                lines += self.filled_row(items, indent + "  ", docs=docs and i == 0, value=row)
            return lines
        return [f"{indent}{key}: {_scalar(value)}"]

    def filled_row(self, items: Node, indent: str, *, docs: bool, value: Any) -> list[str]:
        if not isinstance(value, Mapping) or not value:
            return [f"{indent}- {_scalar(value) if not isinstance(value, Mapping) else '{}'}"]
        body = self.filled_body(self.branch_for(items, value), indent + "  ", docs=docs,
                                value=value)
        for i, line in enumerate(body):
            if not line.lstrip().startswith("#"):
                head = [f"{indent}{ln[len(indent) + 2:]}" for ln in body[:i]]
                return [*head, f"{indent}- {line[len(indent) + 2:]}", *body[i + 1:]]
        return [f"{indent}- {{}}", *body]  # pragma: no cover - a row always has a key

    def filled_body(self, node: Node, indent: str, *, docs: bool,
                    value: Mapping[str, Any]) -> list[str]:
        """The keys of ``value`` in schema order, each with its instructions when ``docs``;
        keys it lacks are left out (commented out with their instructions when ``docs``), keys
        the schema does not know come last, so nothing is lost."""
        props: Mapping[str, Node] = node.get("properties", {})
        lines: list[str] = []
        for key, sub in props.items():
            if key in value:
                if docs:
                    lines += self.doc(sub, indent, key=key)
                lines += self.entry(key, sub, indent, docs=docs, value=value[key])
            elif docs:
                lines += self.doc(sub, indent, key=key,
                                  extra="Chưa khai: bỏ dấu # đầu dòng nếu cần khai.")
                lines += _commented(self.entry(key, sub, indent, docs=False), indent)
        for key, extra in value.items():
            if key not in props:
                lines += self.filled_entry(str(key), {}, indent, docs=False, value=extra)
        return lines


# --------------------------------------------------------------------------------------------
# entry points


def skeleton(schema: dict[str, Any], code: str, chi_bo: str, today: date,
             first_line: str = MODELINE) -> str:
    """A blank dossier as YAML text: every item of the schema, empty, with its instructions;
    ``first_line`` is the editor's schema line (:func:`modeline`)."""
    w = _Writer(schema)
    props: Mapping[str, Node] = schema.get("properties", {})
    order = [k for k in schema.get("x-thu-tu", ()) if k in props]
    order += [k for k in props if k not in order]
    required = set(schema.get("required", ()))
    filled: dict[str, object] = {"mau": None, "phien_ban": None, "ma_ho_so": code, "chi_bo": chi_bo}

    out = _header(code, chi_bo, f"tạo ngày {dates.show_day(today)}", first_line)
    for key in order:
        node = props[key]
        out.append("")
        if key in filled:
            resolved = w.resolve(node)
            value = filled[key] if filled[key] is not None else resolved.get("const", "")
            out += w.doc(node, "", top=True)
            out.append(f"{key}: {_scalar(value)}")
            continue
        if key == "quy_trinh":
            out += w.doc(node, "", top=True)
            out += [
                "quy_trinh:",
                "  giai_doan: khai",
                "  lich_su:",
                "    - giai_doan: khai",
                f'      ngay: "{today.isoformat()}"',
                '      nguoi: ""',
                "      ghi_chu: Tạo hồ sơ",
            ]
            continue
        wanted = key in required
        extra = "" if wanted else "Không bắt buộc: bỏ dấu # đầu dòng khi có."
        out += w.doc(node, "", top=True, extra=extra)
        block = w.entry(key, node, "", docs=wanted)
        out += block if wanted else _commented(block, "")
    text = "\n".join(out) + "\n"
    return unicodedata.normalize("NFC", text)


def editor_schema(repo: Repo, version: str = "2025") -> Path:
    """The schema file an editor (YAML extension) validates a dossier with: the repository's own
    ``schema/`` copy, else ``.hoso/2-knd-<version>.schema.json``, a copy of the installed one that
    this writes, and rewrites whenever the installed schema changed (a newer hoso)."""
    installed = repo.schema_path(version)
    if installed.parent == repo.root / "schema":
        return installed
    copy = repo.root / EDITOR_SCHEMA_DIR / installed.name
    data = installed.read_bytes()
    if not copy.is_file() or copy.read_bytes() != data:
        write_atomic(copy, data)
    return copy


def modeline(repo: Repo, target: Path) -> str:
    """The first line of the dossier file ``target``: the schema for the editor, as a path
    relative to the file's folder (so it works in every clone)."""
    schema = editor_schema(repo)
    relative = Path(os.path.relpath(schema, target.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def _header(code: str, chi_bo: str, origin: str, first: str = MODELINE) -> list[str]:
    return [
        first,
        f"# Hồ sơ {code} — Mẫu 2-KNĐ, Lý lịch của người xin vào Đảng ({origin}).",
        "# Khai từng mục theo hướng dẫn ghi trong các dòng chú thích bắt đầu bằng “#”; mục nào",
        "# không có gì để khai thì ghi “Không”. Ngày tháng và các số ghi trong dấu ngoặc kép.",
        f"# Khai xong, kiểm tra bằng lệnh: hoso check dossiers/{chi_bo}/{code}.yaml",
    ]


def filled(schema: dict[str, Any], data: Mapping[str, Any], *, origin: str,
           header: list[str] | None = None, guided: Iterable[str] = (),
           keep: Mapping[str, str] | None = None,
           notes: Mapping[str, list[str]] | None = None, first_line: str = MODELINE) -> str:
    """A dossier with values, in the layout and key order of :func:`skeleton`.

    ``guided`` keys get the instructions of every sub-key (the items the candidate wrote); the
    others only their item's. ``keep`` maps a top-level key to its text copied unchanged (an
    existing file's workflow record); ``notes`` adds comment lines under an item's heading (under
    the header for the key ``""``).
    ``header`` replaces the opening comment lines.
    """
    w = _Writer(schema)
    props: Mapping[str, Node] = schema.get("properties", {})
    order = [k for k in schema.get("x-thu-tu", ()) if k in props]
    order += [k for k in props if k not in order]
    order += [k for k in data if k not in order]
    guided_set, keep, notes = set(guided), keep or {}, notes or {}
    code, chi_bo = str(data.get("ma_ho_so", "")), str(data.get("chi_bo", ""))
    out = header if header is not None else _header(code, chi_bo, origin, first_line)
    out = list(out)
    for note in notes.get("", ()):
        out += _comment(note, "")
    for key in order:
        if key in keep:
            out += ["", *keep[key].rstrip("\n").split("\n")]
            continue
        node = props.get(key, {})
        if key not in data:
            if key in props:
                out.append("")
                out += w.doc(node, "", top=True, extra="Chưa khai: bỏ dấu # đầu dòng khi có.")
                out += _commented(w.entry(key, node, "", docs=False), "")
            continue
        out.append("")
        out += w.doc(node, "", top=True, key=key)
        for note in notes.get(key, ()):
            out += _comment(note, "")
        out += w.entry(key, node, "", docs=key in guided_set, value=data[key])
    text = "\n".join(out) + "\n"
    return unicodedata.normalize("NFC", text)


def entry_lines(schema: dict[str, Any], path: tuple[str | int, ...], value: Any,
                indent: str) -> list[str]:
    """``key: value`` of the item at ``path`` (its last part the key) in :func:`filled`'s layout,
    at ``indent``; a top-level item gets its heading comments as in :func:`filled`."""
    w = _Writer(schema)
    key = str(path[-1])
    node = w.node_at(path) or {}
    head = w.doc(node, "", top=True, key=key) if len(path) == 1 else []
    return [*head, *w.entry(key, node, indent, docs=False, value=value)]


def row_lines(schema: dict[str, Any], path: tuple[str | int, ...], value: Any,
              indent: str) -> list[str]:
    """One row of the table at ``path`` in :func:`filled`'s layout (``- key: …`` at ``indent``)."""
    w = _Writer(schema)
    items = w.resolve(w.shape(w.node_at(path) or {}).get("items", {}))
    return w.filled_row(items, indent, docs=False, value=value)


def _known_chi_bo(repo: Repo) -> list[str]:
    return org.chi_bo_codes(org.load_org(repo.org_file))


def _load_schema(repo: Repo) -> dict[str, Any]:
    return read_schema(repo.schema_path("2025"))


def check_identity(repo: Repo, schema: Mapping[str, Any], code: str, chi_bo: str) -> None:
    """A new dossier's code and chi bộ, as ``hoso new``, ``hoso word`` and ``hoso import`` accept
    them: the code in the schema's shape, the chi bộ one of ``to-chuc.yaml``'s, and the code not
    used by a dossier of another chi bộ. Raises :class:`UserError` saying what to write."""
    props = schema.get("properties", {})
    pattern = props.get("ma_ho_so", {}).get("pattern")
    if isinstance(pattern, str) and not re.search(pattern, code):
        hint = ""
        upper = code.strip().upper()
        if upper != code and re.search(pattern, upper):
            hint = f" Có phải ý bạn là “{upper}”?"
        raise UserError(
            f"Mã hồ sơ “{code}” không hợp lệ: chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch "
            f"ngang (3–41 ký tự), ví dụ “KT-2026-001”.{hint}")
    known = _known_chi_bo(repo)
    chi_bo_pattern = props.get("chi_bo", {}).get("pattern")
    if chi_bo not in known or (isinstance(chi_bo_pattern, str)
                               and not re.search(chi_bo_pattern, chi_bo)):
        listed = ", ".join(known) if known else "(chưa có chi bộ nào)"
        raise UserError(
            f"Không có chi bộ “{chi_bo}” trong {repo.org_file.name}. Các chi bộ hiện có: {listed}.")
    for other in sorted(repo.dossiers_dir.glob(f"*/{code}.y*ml")):
        if other.parent.name != chi_bo:
            raise UserError(
                f"Mã hồ sơ “{code}” đã được dùng ở chi bộ khác: {repo.relative(other)}. Mỗi hồ sơ "
                f"cần một mã riêng.")


def main(code: str, chi_bo: str, repo_root: Path, force: bool = False,
         today: date | None = None) -> Path:
    """Write ``dossiers/<chi_bo>/<code>.yaml``; return its path. Raises :class:`UserError`."""
    repo = Repo(Path(repo_root))
    schema = _load_schema(repo)
    check_identity(repo, schema, code, chi_bo)
    target = repo.dossiers_dir / chi_bo / f"{code}.yaml"
    if target.exists() and not force:
        raise UserError(
            f"Tệp {repo.relative(target)} đã có. Chọn mã hồ sơ khác, hoặc thêm --ghi-de để ghi "
            f"đè (nội dung cũ sẽ mất).")
    text = skeleton(schema, code, chi_bo, today or date.today(), modeline(repo, target))
    write_atomic(target, text.encode("utf-8"))
    return target
