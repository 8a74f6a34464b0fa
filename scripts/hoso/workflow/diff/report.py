"""The report of ``hoso diff``: every dossier added, removed, renamed or changed between two
revisions, with its changes item by item.

The versions are read from git (:mod:`.revisions`) or, for the working tree, from disk; each is
loaded as ``hoso check`` loads it, and compared (:mod:`.compare`) with the form of the schema
version it names (``phien_ban``), so a committee's own schema names its own items. Without the
schema the summary falls back to the YAML keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hoso.errors import UserError
from hoso.form import Form, load_form
from hoso.repo import Repo
from hoso.workflow import stages
from hoso.workflow.diff import revisions
from hoso.workflow.diff.compare import Change, clip, compare_data, stage_of

DEFAULT_VERSION = "2025"


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


def _load(raw: bytes, display: str) -> tuple[Any, str | None]:
    """Data of one version, or None and a one-line reason it cannot be read."""
    from hoso.load import load_bytes

    loaded = load_bytes(raw, display)
    if isinstance(loaded.data, Mapping):
        return loaded.data, None
    first = next(iter(loaded.findings), None)
    if first is None:
        return None, "tệp không phải một bảng các mục (khóa: giá trị)"
    return None, f"dòng {first.line}: {clip(first.message, 200)}"


def form_of(repo: Repo, version: str = DEFAULT_VERSION) -> Form:
    """The form of one schema version; without its schema file, a form that knows no labels."""
    try:
        return load_form(repo.schema_path(version))
    except UserError:  # no schema: the summary falls back to the YAML keys
        return Form(None)


def build_report(repo: Repo, base: str | None = None, head: str | None = None) -> Report:
    """Compare the dossiers of two revisions (``head`` None = the working tree)."""
    root = repo.root
    base_id, head_id = revisions.revisions(root, base, head)
    report = Report(base_id, head_id)
    forms: dict[str, Form] = {}

    def form_for(*datas: Any) -> Form:
        version = DEFAULT_VERSION
        for data in datas:
            if isinstance(data, Mapping) and isinstance(data.get("phien_ban"), str):
                version = data["phien_ban"]
        if version not in forms:
            forms[version] = form_of(repo, version)
        return forms[version]

    def read(rev: str | None, path: str) -> tuple[Any, str | None]:
        try:
            raw = (root / path).read_bytes() if rev is None else revisions.show(root, rev, path)
        except OSError as exc:
            return None, f"không đọc được tệp: {exc.strerror or exc}"
        return _load(raw, path)

    for status, path, old_path in revisions.name_status(root, base_id, head_id):
        if status == "D":
            old, problem = read(base_id, path)
            entry = DossierDiff("xoa", path)
            _identify(entry, old)
            stage = stage_of(old.get("quy_trinh")) if isinstance(old, Mapping) else None
            where = f" (đang ở giai đoạn «{stages.label(stage)}»)" if stage else ""
            entry.changes.append(Change("Hồ sơ", f"xóa cả hồ sơ{where}"))
        elif status == "A":
            new, problem = read(head_id, path)
            entry = DossierDiff("them", path)
            _identify(entry, new)
            if problem:
                entry.changes.append(Change("Hồ sơ", f"⚠ không đọc được nội dung mới ({problem})"))
            else:
                stage = stage_of(new.get("quy_trinh")) or stages.KHAI
                filled, total = form_for(new).items_filled(new)
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
                entry.changes.extend(compare_data(old, new, form_for(old, new)))
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
