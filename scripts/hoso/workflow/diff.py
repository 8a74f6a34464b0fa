"""``hoso diff``: what changed in the dossiers between two git revisions, item by item.

A reviewer who never reads YAML gets, for every dossier added, removed, renamed or changed, lines
such as::

    Mục (15) Những công việc, chức vụ đã qua: thêm dòng “tháng 9-2020 – nay: Kỹ sư …”
    Giai đoạn: «Chi ủy xem xét» → «Đảng ủy xem xét» (ngày 2-3-2026, Nông Văn Đức: “…”)

Item names come from the repository's schema at run time (``title``, ``x-muc``, ``x-nhan`` for the
labels of closed lists, ``x-thu-tu`` for the booklet order), so a committee's own schema names its
own items. Git is called through :func:`hoso.util.run` (never a shell). With no HEAD the working
tree is compared (untracked dossiers included); ``A...B`` compares from the merge base, as git does.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoso import escape
from hoso.errors import ToolError, UserError
from hoso.form import dates
from hoso.form.schema import SchemaNav, read_schema
from hoso.repo import Repo
from hoso.util import run
from hoso.workflow import stages

DOSSIERS = "dossiers"
SUFFIXES = (".yaml", ".yml")
WORKTREE = None  # the "revision" of the working tree

STATUS_LABELS = {"them": "hồ sơ mới", "xoa": "xóa hồ sơ", "doi_ten": "đổi tên tệp", "sua": "sửa"}
STAGE_ITEM = "Giai đoạn"
HISTORY_ITEM = "Lịch sử quy trình"
LONG = 80  # texts longer than this are compared word by word
SHOWN = 160  # longest value shown in full


# =============================================================================== records


@dataclass(frozen=True)
class Change:
    """One line of the summary: the form item it concerns and what happened to it."""

    item: str
    text: str


@dataclass
class DossierDiff:
    status: str  # them | xoa | doi_ten | sua
    path: str
    old_path: str | None = None
    code: str | None = None
    name: str | None = None
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "trang_thai": self.status, "tep": self.path, "tep_cu": self.old_path,
            "ma_ho_so": self.code, "ho_ten": self.name,
            "thay_doi": [{"muc": c.item, "noi_dung": c.text} for c in self.changes],
        }


@dataclass
class Report:
    base: str
    head: str | None
    dossiers: list[DossierDiff] = field(default_factory=list)

    @property
    def head_label(self) -> str:
        return self.head[:7] if self.head else "thư mục làm việc"


# =============================================================================== git


class Git:
    """The few git plumbing commands ``diff`` needs, run in the repository root."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, *args: str) -> bytes:
        return run(["git", "-c", "core.quotepath=off", *args], cwd=self.root,
                   hint="Lệnh git thất bại; kiểm tra tên phiên bản (commit, nhánh) và kho git.")

    def resolve(self, rev: str) -> str:
        if rev.startswith("-"):
            raise UserError(f"Tên phiên bản không hợp lệ: “{rev}”.")
        try:
            return self("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
        except ToolError:
            raise UserError(
                f"Không tìm thấy phiên bản git “{rev}” (commit, nhánh hoặc thẻ).") from None

    def merge_base(self, a: str, b: str) -> str:
        return self("merge-base", a, b).decode().strip()

    def show(self, rev: str, path: str) -> bytes:
        return self("cat-file", "blob", f"{rev}:./{path}")

    def name_status(self, base: str, head: str | None) -> list[tuple[str, str, str | None]]:
        """``(status letter, path, old path)`` of the dossier files that differ."""
        args = ["diff", "--name-status", "-z", "-M", "--relative", "--no-color", base]
        if head:
            args.append(head)
        raw = self(*args, "--", DOSSIERS).decode("utf-8")
        parts = raw.split("\0")
        out: list[tuple[str, str, str | None]] = []
        i = 0
        while i < len(parts) and parts[i]:
            status = parts[i]
            if status[0] in "RC":
                out.append((status[0], parts[i + 2], parts[i + 1]))
                i += 3
            else:
                out.append((status[0], parts[i + 1], None))
                i += 2
        if head is None:
            untracked = self("ls-files", "--others", "--exclude-standard", "-z", "--", DOSSIERS)
            out.extend(("A", p, None) for p in untracked.decode("utf-8").split("\0") if p)
        return [(s, p, o) for s, p, o in out if p.endswith(SUFFIXES)]

    def changed_lines(self, base: str, head: str | None) -> dict[str, set[int]]:
        """Line numbers (new side) added or changed per dossier file."""
        args = ["diff", "-U0", "-M", "--relative", "--no-color", "--no-ext-diff", base]
        if head:
            args.append(head)
        out: dict[str, set[int]] = {}
        current: set[int] | None = None
        for line in self(*args, "--", DOSSIERS).decode("utf-8", "replace").splitlines():
            if line.startswith("+++ "):
                name = line[4:]
                current = None if name == "/dev/null" else out.setdefault(name[2:], set())
            elif line.startswith("@@") and current is not None:
                m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
                if m:
                    start, count = int(m.group(1)), int(m.group(2) or "1")
                    current.update(range(start, start + count))
        if head is None:
            for _, path, _ in self.name_status(base, None):
                if path not in out and (self.root / path).is_file():
                    n = len((self.root / path).read_bytes().splitlines())
                    out[path] = set(range(1, n + 1))
        return out


def revisions(git: Git, base: str | None, head: str | None) -> tuple[str, str | None]:
    """Resolve ``BASE``/``HEAD`` arguments to commit ids (None = the working tree)."""
    if base and "..." in base and head is None:
        a, b = base.split("...", 1)
        a_id, b_id = git.resolve(a or "HEAD"), git.resolve(b or "HEAD")
        return git.merge_base(a_id, b_id), b_id
    if base and ".." in base and head is None:
        a, b = base.split("..", 1)
        return git.resolve(a or "HEAD"), git.resolve(b or "HEAD")
    return git.resolve(base or "HEAD"), (git.resolve(head) if head else None)


# =============================================================================== schema labels


class Labels(SchemaNav):
    """Printed labels from the schema: ``title``, ``x-muc``, ``x-nhan``, ``x-thu-tu``."""

    @classmethod
    def for_repo(cls, repo: Repo, version: str = "2025") -> Labels:
        try:
            return cls(read_schema(repo.schema_path(version)))
        except UserError:  # no schema: the summary falls back to the YAML keys
            return cls(None)

    def item(self, key: str) -> str:
        """``"Mục (15) Những công việc, chức vụ đã qua"`` for a top-level key."""
        node = self.child(self.root, key)
        title = _title(node) or key
        number = node.get("x-muc") if node else None
        return f"Mục ({str(number).strip('()')}) {title}" if number else title

    def items_filled(self, data: Mapping[str, Any]) -> tuple[int, int]:
        """How many numbered form items the dossier has (an empty table counts), out of how many."""
        numbers: dict[str, bool] = {}
        for key in self.property_names(self.root):
            node = self.child(self.root, key)
            number = node.get("x-muc") if node else None
            if number is None:
                continue
            numbers[str(number)] = numbers.get(str(number), False) or data.get(key) is not None
        return sum(numbers.values()), len(numbers)

    def title(self, node: Mapping[str, Any] | None, key: str) -> str:
        return _title(node) or key

    def enum_label(self, node: Mapping[str, Any] | None, value: Any) -> str | None:
        if not node or not isinstance(value, str):
            return None
        labels = node.get("x-nhan")
        if isinstance(labels, Mapping):
            found = labels.get(value)
            return str(found) if found is not None else None
        enum = node.get("enum")
        if isinstance(labels, list) and isinstance(enum, list) and value in enum:
            i = enum.index(value)
            return str(labels[i]) if i < len(labels) else None
        return None


def _title(node: Mapping[str, Any] | None) -> str | None:
    if not node:
        return None
    title = node.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    title = " ".join(title.split())
    if title.isupper():  # a booklet heading printed in capitals
        title = title[0] + title[1:].lower()
    return title


# =============================================================================== values


def _clip(text: str, limit: int = SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Describer:
    """Turns values and rows into short Vietnamese phrases, using the schema for labels."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels

    def scalar(self, value: Any, node: Mapping[str, Any] | None = None) -> str:
        if value is None:
            return "(để trống)"
        if isinstance(value, bool):
            return "có" if value else "không"
        label = self.labels.enum_label(node, value)
        if label:
            return label
        return dates.show_value(value) or _clip(str(value))

    def quoted(self, value: Any, node: Mapping[str, Any] | None = None) -> str:
        return f"“{self.scalar(value, node)}”"

    def row(self, row: Any, node: Mapping[str, Any] | None) -> str:
        """A table row or a person in one phrase."""
        if not isinstance(row, Mapping):
            return self.value(row, node)
        if "ho_ten" in row:
            rel = row.get("quan_he")
            rel_text = self.scalar(rel, self.labels.child(node, "quan_he")) if rel else ""
            born = f" (sinh năm {row['nam_sinh']})" if row.get("nam_sinh") else ""
            text = f"{rel_text}: {row['ho_ten']}{born}" if rel_text else f"{row['ho_ten']}{born}"
            return _clip(text)
        order = [k for k in self.labels.property_names(node) if k in row]
        order += [k for k in row if k not in order]
        head = ""
        if "tu" in row or "den" in row:
            start = dates.show_value(row.get("tu")) or str(row.get("tu", "…"))
            end = dates.show_value(row.get("den")) or str(row.get("den", "…"))
            if end.startswith("tháng ") and start.startswith("tháng "):
                end = end[len("tháng "):]
            head = f"{start} – {end}"
        elif "thang" in row or "ngay" in row:
            key = "thang" if "thang" in row else "ngay"
            head = dates.show_value(row.get(key)) or str(row.get(key))
        rest = [self.scalar(row[k], self.labels.child(node, k)) for k in order
                if k not in {"tu", "den", "thang", "ngay"} and _is_scalar(row[k])
                and row[k] not in (None, "")]
        body = "; ".join(rest)
        return _clip(f"{head}: {body}" if head and body else head or body or "(dòng trống)")

    def value(self, value: Any, node: Mapping[str, Any] | None) -> str:
        """Any value in one phrase (used for items added or removed whole)."""
        if _is_scalar(value):
            return self.quoted(value, node)
        if isinstance(value, list):
            if not value:
                return "danh sách trống"
            return f"{len(value)} dòng"
        if isinstance(value, Mapping):
            parts: list[tuple[str, str]] = []
            for k in [*self.labels.property_names(node), *value]:
                if k in value and _is_scalar(value[k]) and k not in [p[0] for p in parts]:
                    parts.append((k, f"{self.labels.title(self.labels.child(node, k), k)}: "
                                     f"{self.scalar(value[k], self.labels.child(node, k))}"))
            text = "; ".join(p[1].rstrip(".;") for p in parts)
            return f"“{_clip(text, 2 * SHOWN)}”" if parts else "(trống)"
        return _clip(str(value))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (Mapping, list))


def text_change(old: Any, new: Any, describe: Describer, node: Mapping[str, Any] | None) -> str:
    """“sửa “a” thành “b””, or, for long texts, only the words that changed."""
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= LONG:
        return f"sửa {describe.quoted(old, node)} thành {describe.quoted(new, node)}"
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = _clip(" ".join(a[i1:i2]), 60), _clip(" ".join(b[j1:j2]), 60)
        if op == "replace":
            parts.append(f"thay “{gone}” bằng “{came}”")
        elif op == "delete":
            parts.append(f"bỏ “{gone}”")
        elif op == "insert":
            parts.append(f"thêm “{came}”")
    if not parts:
        return "sửa khoảng trắng"
    shown = "; ".join(parts[:3])
    if len(parts) > 3:
        shown += f"; và {len(parts) - 3} chỗ khác"
    return f"sửa nội dung: {shown}"


# =============================================================================== comparing


class Comparer:
    """Compares two versions of one dossier and lists the changes item by item."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.describe = Describer(labels)

    def compare(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
        out = self.workflow(old.get("quy_trinh"), new.get("quy_trinh"))
        order = self.labels.top_order()
        keys = [k for k in order if k in old or k in new]
        keys += [k for k in new if k not in keys]
        keys += [k for k in old if k not in keys]
        root = self.labels.root
        for key in keys:
            if key == "quy_trinh":
                continue
            a, b = old.get(key, _MISSING), new.get(key, _MISSING)
            if a == b:
                continue
            item = self.labels.item(key)
            node = self.labels.child(root, key)
            out.extend(Change(item, text) for text in self.value_changes(a, b, node))
        return out

    # -- the workflow block ---------------------------------------------------------------

    def workflow(self, old: Any, new: Any) -> list[Change]:
        old_stage, new_stage = _stage(old), _stage(new)
        old_hist, new_hist = _history(old), _history(new)
        out: list[Change] = []
        appended: list[Mapping[str, Any]] = []
        if new_hist[: len(old_hist)] == old_hist:
            appended = [e for e in new_hist[len(old_hist):] if isinstance(e, Mapping)]
        else:
            out.append(Change(HISTORY_ITEM, "⚠ sửa hoặc xóa dòng đã có trong lịch sử quy trình "
                                            "(lịch sử chỉ được thêm dòng mới)"))
        previous = old_stage or stages.KHAI
        for entry in appended:
            target = str(entry.get("giai_doan", ""))
            if stages.is_return(previous, target):
                text = (f"{stages.TRA_LAI_LABEL}: «{stages.label(previous)}» → "
                        f"«{stages.label(target)}»")
            else:
                text = f"«{stages.label(previous)}» → «{stages.label(target)}»"
            details = [dates.show_value(entry.get("ngay")) or str(entry.get("ngay", "")),
                       str(entry.get("nguoi", "") or "")]
            detail = ", ".join(d for d in details if d)
            note = entry.get("ghi_chu")
            if note:
                detail += f": “{_clip(str(note))}”" if detail else f"“{_clip(str(note))}”"
            out.append(Change(STAGE_ITEM, f"{text} ({detail})" if detail else text))
            previous = target
        if old_stage != new_stage and (not appended or previous != new_stage):
            out.append(Change(STAGE_ITEM, f"«{stages.label(old_stage or '')}» → "
                                          f"«{stages.label(new_stage or '')}» "
                                          "(⚠ không có dòng tương ứng trong lịch sử quy trình; "
                                          "hãy dùng hoso advance)"))
        return out

    # -- values -------------------------------------------------------------------------

    def value_changes(self, a: Any, b: Any, node: Mapping[str, Any] | None,
                      prefix: str = "") -> list[str]:
        d = self.describe
        if a is _MISSING:
            if isinstance(b, list):
                return [f"{prefix}thêm dòng “{d.row(r, self.labels.child(node, 0))}”"
                        for r in b] or [f"{prefix}thêm (danh sách trống)"]
            return [f"{prefix}thêm {d.value(b, node)}"]
        if b is _MISSING:
            return [f"{prefix}bỏ mục này (trước đây: {d.value(a, node)})"]
        if isinstance(a, list) and isinstance(b, list):
            return [prefix + t for t in self.table_changes(a, b, node)]
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            out = []
            keys = [k for k in self.labels.property_names(node) if k in a or k in b]
            keys += [k for k in b if k not in keys]
            keys += [k for k in a if k not in keys]
            for k in keys:
                x, y = a.get(k, _MISSING), b.get(k, _MISSING)
                if x == y:
                    continue
                sub = self.labels.child(node, k)
                label = self.labels.title(sub, k)
                out.extend(self.value_changes(x, y, sub, f"{prefix}{label}: "))
            return out
        if not (_is_scalar(a) and _is_scalar(b)):
            return [f"{prefix}sửa {d.value(a, node)} thành {d.value(b, node)}"]
        if a in (None, "") and b not in (None, ""):
            return [f"{prefix}điền {d.value(b, node)}"]
        if b in (None, "") and a not in (None, ""):
            return [f"{prefix}xóa {d.value(a, node)}"]
        return [prefix + text_change(a, b, d, node)]

    def table_changes(self, a: list[Any], b: list[Any],
                      node: Mapping[str, Any] | None) -> list[str]:
        row_node = self.labels.child(node, 0)
        d = self.describe
        keys_a = [_fingerprint(r) for r in a]
        keys_b = [_fingerprint(r) for r in b]
        out: list[str] = []
        person = any(isinstance(r, Mapping) and "ho_ten" in r for r in [*a, *b])
        add, remove = ("thêm", "bỏ")
        noun = "người thân " if person else "dòng "
        matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = list(range(i1, i2)), list(range(j1, j2))
            pairs = _pair(a, b, olds, news)
            paired_old = {i for i, _ in pairs}
            paired_new = {j for _, j in pairs}
            events: list[tuple[int, str]] = []
            for i in olds:
                if i not in paired_old:
                    events.append((j1, f"{remove} {noun}“{d.row(a[i], row_node)}”"))
            for i, j in pairs:
                inner = self.value_changes(a[i], b[j], row_node)
                what = d.row(b[j], row_node)
                events.append((j, f"sửa {noun}“{what}”: " + "; ".join(inner)))
            for j in news:
                if j not in paired_new:
                    events.append((j, f"{add} {noun}“{d.row(b[j], row_node)}”"))
            out.extend(text for _, text in sorted(events, key=lambda e: e[0]))
        if not out and keys_a != keys_b:
            out.append("đổi thứ tự các dòng")
        return out


_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()


def _fingerprint(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def _identity(row: Any) -> tuple[Any, ...] | None:
    if isinstance(row, Mapping) and "ho_ten" in row:
        return ("nguoi", row.get("quan_he"), row.get("ho_ten"))
    return None


def _similarity(x: Any, y: Any) -> float:
    if isinstance(x, Mapping) and isinstance(y, Mapping):
        keys = set(x) | set(y)
        if not keys:
            return 1.0
        same: int = sum(1 for k in keys if x.get(k) == y.get(k))
        return same / len(keys)
    return 1.0 if x == y else 0.0


def _pair(a: Sequence[Any], b: Sequence[Any], olds: list[int],
          news: list[int]) -> list[tuple[int, int]]:
    """Rows of a replaced block that are the same row edited (same person, or mostly equal)."""
    pairs: list[tuple[int, int]] = []
    free = list(news)
    for i in olds:
        ident = _identity(a[i])
        match = None
        if ident is not None:
            match = next((j for j in free if _identity(b[j]) == ident), None)
            if match is None and isinstance(a[i], Mapping):
                # the same relation with a corrected name is the same person
                match = next((j for j in free if isinstance(b[j], Mapping)
                              and b[j].get("quan_he") == a[i].get("quan_he")
                              and _similarity(a[i], b[j]) >= 0.5), None)
        else:
            scored = sorted(((_similarity(a[i], b[j]), j) for j in free), reverse=True)
            if scored and scored[0][0] >= 0.5:
                match = scored[0][1]
        if match is not None:
            pairs.append((i, match))
            free.remove(match)
    return pairs


def _stage(block: Any) -> str | None:
    if isinstance(block, Mapping) and isinstance(block.get("giai_doan"), str):
        return str(block["giai_doan"])
    return None


def _history(block: Any) -> list[Any]:
    if isinstance(block, Mapping) and isinstance(block.get("lich_su"), list):
        return list(block["lich_su"])
    return []


# =============================================================================== assembling


def _load(raw: bytes, display: str) -> tuple[Any, str | None]:
    """Data of one version, or None and a one-line reason it cannot be read."""
    from hoso.load import load_bytes

    loaded = load_bytes(raw, display)
    if isinstance(loaded.data, Mapping):
        return loaded.data, None
    first = next(iter(loaded.findings), None)
    if first is None:
        return None, "tệp không phải một bảng các mục (khóa: giá trị)"
    return None, f"dòng {first.line}: {_clip(first.message, 200)}"


def compare_data(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None,
                 labels: Labels) -> list[Change]:
    """The changes between two versions of one dossier (either may be missing)."""
    comparer = Comparer(labels)
    if old is not None and new is not None:
        return comparer.compare(old, new)
    return []


def build_report(repo: Repo, base: str | None = None, head: str | None = None) -> Report:
    """Compare the dossiers of two revisions (``head`` None = the working tree)."""
    git = Git(repo.root)
    base_id, head_id = revisions(git, base, head)
    report = Report(base_id, head_id)
    labels_cache: dict[str, Labels] = {}

    def labels_for(*datas: Any) -> Labels:
        version = "2025"
        for data in datas:
            if isinstance(data, Mapping) and isinstance(data.get("phien_ban"), str):
                version = data["phien_ban"]
        if version not in labels_cache:
            labels_cache[version] = Labels.for_repo(repo, version)
        return labels_cache[version]

    def read(rev: str | None, path: str) -> tuple[Any, str | None]:
        try:
            raw = (repo.root / path).read_bytes() if rev is None else git.show(rev, path)
        except OSError as exc:
            return None, f"không đọc được tệp: {exc.strerror or exc}"
        return _load(raw, path)

    for status, path, old_path in git.name_status(base_id, head_id):
        if status == "D":
            old, problem = read(base_id, path)
            entry = DossierDiff("xoa", path)
            _identify(entry, old)
            stage = _stage(old.get("quy_trinh")) if isinstance(old, Mapping) else None
            where = f" (đang ở giai đoạn «{stages.label(stage)}»)" if stage else ""
            entry.changes.append(Change("Hồ sơ", f"xóa cả hồ sơ{where}"))
        elif status == "A":
            new, problem = read(head_id, path)
            entry = DossierDiff("them", path)
            _identify(entry, new)
            if problem:
                entry.changes.append(Change("Hồ sơ", f"⚠ không đọc được nội dung mới ({problem})"))
            else:
                stage = _stage(new.get("quy_trinh")) or stages.KHAI
                filled, total = labels_for(new).items_filled(new)
                entry.changes.append(Change(
                    "Hồ sơ", f"hồ sơ mới, giai đoạn «{stages.label(stage)}», "
                             f"có {filled}/{total} mục của mẫu"))
        else:
            old, old_problem = read(base_id, old_path or path)
            new, problem = read(head_id, path)
            entry = DossierDiff("doi_ten" if status in "RC" and old_path != path else "sua", path,
                                old_path if status in "RC" else None)
            _identify(entry, new if new is not None else old)
            if entry.status == "doi_ten":
                entry.changes.append(Change("Tệp", f"đổi tên từ {old_path} thành {path}"))
            if old_problem or problem:
                which = "mới" if problem else "cũ"
                entry.changes.append(Change(
                    "Hồ sơ", f"⚠ không đọc được nội dung {which} ({problem or old_problem})"))
            else:
                entry.changes.extend(compare_data(old, new, labels_for(old, new)))
        report.dossiers.append(entry)
    report.dossiers.sort(key=lambda e: e.path)
    return report


def _identify(entry: DossierDiff, data: Any) -> None:
    if isinstance(data, Mapping):
        code, name = data.get("ma_ho_so"), data.get("ho_ten_khai_sinh")
        entry.code = str(code) if isinstance(code, str) and code else None
        entry.name = str(name) if isinstance(name, str) and name else None


def changed_paths(report: Report) -> list[str]:
    """The dossiers that exist at HEAD and changed (what CI renders)."""
    return [d.path for d in report.dossiers if d.status != "xoa"]


# =============================================================================== output


def _headline(report: Report) -> str:
    n = len(report.dossiers)
    if not n:
        return "Không có hồ sơ nào thay đổi."
    counts: dict[str, int] = {}
    for d in report.dossiers:
        counts[d.status] = counts.get(d.status, 0) + 1
    parts = [f"{counts[s]} {STATUS_LABELS[s]}" for s in ("them", "sua", "doi_ten", "xoa")
             if s in counts]
    return f"{n} hồ sơ thay đổi: " + ", ".join(parts) + "."


def _title_of(d: DossierDiff) -> str:
    who = ", ".join(x for x in (d.code, d.name) if x)
    return f"{d.path} — {who}" if who else d.path


def _grouped(changes: Sequence[Change]) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for c in changes:
        if groups and groups[-1][0] == c.item:
            groups[-1][1].append(c.text)
        else:
            groups.append((c.item, [c.text]))
    return groups


def render_text(report: Report) -> str:
    lines = [f"So sánh hồ sơ {report.base[:7]} → {report.head_label}: {_headline(report)}"]
    for d in report.dossiers:
        lines.append("")
        lines.append(f"{_title_of(d)} ({STATUS_LABELS[d.status]})")
        for item, texts in _grouped(d.changes):
            if len(texts) == 1:
                lines.append(f"  {item}: {texts[0]}")
            else:
                lines.append(f"  {item}:")
                lines.extend(f"    - {t}" for t in texts)
    return "\n".join(lines) + "\n"


md = escape.github_markdown


MARKER = "<!-- hoso-diff -->"


COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters


def render_markdown(report: Report, limit: int = COMMENT_LIMIT) -> str:
    """Markdown for a pull-request comment; the hidden marker lets CI find and update it."""
    lines = [MARKER, "### Thay đổi trong hồ sơ", "",
             f"So sánh `{report.base[:7]}` → `{report.head_label}`: {md(_headline(report))}"]
    for d in report.dossiers:
        who = ", ".join(md(x) for x in (d.code, d.name) if x)
        title = f"#### `{d.path.replace('`', '')}`" + (f" — {who}" if who else "")
        lines += ["", f"{title} · *{STATUS_LABELS[d.status]}*", ""]
        for item, texts in _grouped(d.changes):
            if len(texts) == 1:
                lines.append(f"- **{md(item)}:** {md(texts[0])}")
            else:
                lines.append(f"- **{md(item)}:**")
                lines.extend(f"  - {md(t)}" for t in texts)
    text = "\n".join(lines) + "\n"
    if len(text) > limit:
        cut = text.rfind("\n", 0, limit - 200)
        text = text[:cut] + ("\n\n*… Bản tóm tắt quá dài nên đã được rút gọn; chạy `hoso diff` "
                             "trên máy để xem đầy đủ.*\n")
    return text


def render_json(report: Report) -> str:
    doc = {"tu": report.base, "den": report.head, "ho_so": [d.to_dict() for d in report.dossiers]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
