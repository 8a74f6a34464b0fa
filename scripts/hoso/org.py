"""``to-chuc.yaml``: the organisation — Đảng bộ, chi bộ and their reviewers, targets, rule overrides,
the days off the committee adds to the working-day calendar.

One reader for every verb that needs it (new, codeowners, report, the rules' overrides): the
dossier loader gives positions and located Vietnamese findings for bad YAML, encodings and
hostile text; ``schema/to-chuc.schema.json`` gives the structure. Any error stops the command
with every finding listed as ``to-chuc.yaml:line:col: message`` (exit code 2).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from hoso.errors import UserError
from hoso.findings import Finding, Severity
from hoso.form import dates
from hoso.form.calendar import NATIONAL, Calendar
from hoso.load import Loaded, load_file
from hoso.repo import Repo

SCHEMA_NAME = "to-chuc.schema.json"

#: What a repository without ``to-chuc.yaml`` is told to add (``hoso check`` does not need it).
MINIMAL_ORG = """\
dang_bo:
  ten: Đảng bộ …
  nhom_dang_uy: "@to-chuc/dang-uy"   # nhóm GitHub của Đảng ủy
chi_bo:
  - ma: ky-thuat            # tên thư mục trong dossiers/
    ten: Chi bộ Kỹ thuật
    nguoi_xem_xet: ["@to-chuc/chi-uy-ky-thuat"]
"""


def load_org(path: Path) -> Mapping[str, Any]:
    """The checked contents of the organisation file at ``path`` (read once per file version)."""
    loaded = load_org_file(path)
    return loaded.data if isinstance(loaded.data, Mapping) else {}


def load_org_file(path: Path) -> Loaded:
    """The checked organisation file with its positions; any error is a :class:`UserError`."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp tổ chức {_shown(path)}. Lệnh này cần to-chuc.yaml ở thư "
                        "mục gốc của kho (Đảng bộ, các chi bộ và người xem xét); tạo tệp đó, tối "
                        "thiểu:\n" + MINIMAL_ORG) from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp tổ chức {_shown(path)}: {exc.strerror or exc}.") from exc
    return _load(str(path), st.st_mtime_ns, st.st_size)


def chi_bo_codes(org: Mapping[str, Any]) -> list[str]:
    entries = org.get("chi_bo")
    return [str(e["ma"]) for e in entries or () if isinstance(e, Mapping) and e.get("ma")]


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@cache
def _load(path_text: str, mtime_ns: int, size: int) -> Loaded:
    del mtime_ns, size  # part of the cache key only
    from hoso.validate.schema import SchemaValidator

    path = Path(path_text)
    loaded = load_file(path, display=_shown(path), dossier=False)
    findings: list[Finding] = list(loaded.findings)
    if loaded.ok:
        schema = Repo(path.parent).schema_dir / SCHEMA_NAME
        if schema.is_file():
            findings.extend(SchemaValidator.from_file(schema).validate(loaded))
        elif not isinstance(loaded.data, Mapping):
            line, col = loaded.locate(())
            findings.append(Finding(loaded.file, line, col, "sai-kieu", Severity.ERROR,
                                    "Tệp tổ chức phải là một bảng các mục (khóa: giá trị)."))
    errors = sorted(f for f in findings if f.severity is Severity.ERROR)
    if errors:
        lines = "\n".join(f"{f.file}:{f.line}:{f.col}: {f.code}: {f.message}" for f in errors)
        raise UserError(f"Tệp tổ chức {loaded.file} có lỗi, hãy sửa trước:\n{lines}")
    return loaded


def calendar(path: Path | None) -> Calendar:
    """The working-day calendar: the national one plus ``ngay_nghi`` and ``ngay_lam_bu`` of the
    organisation file at ``path`` (the national calendar alone when there is no file)."""
    if path is None or not path.is_file():
        return NATIONAL
    st = path.stat()
    return _calendar(str(path), st.st_mtime_ns, st.st_size)


@cache
def _calendar(path: str, mtime_ns: int, size: int) -> Calendar:
    """One calendar per version of the organisation file: the rules ask for it per dossier."""
    del mtime_ns, size  # part of the cache key only
    return calendar_of(load_org(Path(path)))


def calendar_of(org: Mapping[str, Any]) -> Calendar:
    """The calendar of an organisation already read (``hoso report`` holds it)."""
    off = dict(_days(org.get("ngay_nghi")))
    work = [d for d, _ in _days(org.get("ngay_lam_bu"))]
    return Calendar(off, work) if off or work else NATIONAL


def _days(entries: object) -> list[tuple[date, str]]:
    out = []
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, Mapping):
            day = dates.parse_day(entry.get("ngay"))
            if day is not None:
                out.append((day, str(entry.get("ten") or "Ngày nghỉ").strip()))
    return out
