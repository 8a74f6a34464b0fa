"""GitHub annotations within GitHub's limits, the rest in the job summary.

GitHub shows at most 10 error and 10 warning annotations per step and 50 per job; anything beyond
is silently dropped. :func:`budget` chooses which findings become annotations — those on lines the
pull request changed first, errors before warnings, then file order — and writes the rest, with
the count of what was left out, as Markdown for ``$GITHUB_STEP_SUMMARY``.

The input is the JSON of ``hoso check --format json`` (:func:`read_findings`), so the same
budgeting serves any verb that reports findings, and ``hoso check`` itself stays a plain reporter.

CI logs keep no personal data: by default the values a message quotes (“…”) are elided from the
annotations and the summary (:func:`redact`); the annotation sits on the line, where the reviewer
sees the value in the diff anyway.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from hoso.errors import UserError
from hoso.escape import github_markdown
from hoso.findings import Finding, Severity, github_annotation

PER_SEVERITY = 10  # GitHub: error and warning annotations per step, each
PER_JOB = 50  # GitHub: annotations per job
SUMMARY_ROWS = 500  # rows listed in the job summary before counting the rest

_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def redact(message: str) -> str:
    """Replace the values a message quotes by “…” (no dossier content in CI logs)."""
    return _QUOTED.sub("“…”", message)


@dataclass
class Plan:
    """Which findings become annotations, and the Markdown summary of everything else."""

    annotated: list[Finding]
    left_out: list[Finding]
    summary: str

    def commands(self) -> str:
        """The workflow commands (``::error file=…::…``) of the annotated findings."""
        return "".join(github_annotation(f) + "\n" for f in self.annotated)


def _on_changed_line(f: Finding, changed: Mapping[str, Collection[int]]) -> bool:
    lines = changed.get(f.file)
    return bool(lines) and f.line in lines  # type: ignore[operator]


def choose(findings: Sequence[Finding], changed_lines: Mapping[str, Collection[int]] | None = None,
           *, per_severity: int = PER_SEVERITY, per_job: int = PER_JOB,
           used: int = 0) -> tuple[list[Finding], list[Finding]]:
    """Split ``findings`` into (annotated, left out) within the limits.

    ``used`` is the number of annotations earlier steps of the same job already made.
    """
    changed = changed_lines or {}

    def rank(f: Finding) -> tuple[int, int, str, int, int, str]:
        return (0 if _on_changed_line(f, changed) else 1,
                0 if f.severity is Severity.ERROR else 1, f.file, f.line, f.col, f.code)

    room = max(per_job - used, 0)
    taken: dict[Severity, int] = {}
    annotated: list[Finding] = []
    left: list[Finding] = []
    for f in sorted(findings, key=rank):
        if len(annotated) < room and taken.get(f.severity, 0) < per_severity:
            annotated.append(f)
            taken[f.severity] = taken.get(f.severity, 0) + 1
        else:
            left.append(f)
    key = lambda f: (f.file, f.line, f.col, f.code)  # noqa: E731
    return sorted(annotated, key=key), sorted(left, key=key)


def summary_markdown(findings: Sequence[Finding], annotated: Sequence[Finding],
                     left_out: Sequence[Finding], *, files: int | None = None,
                     rows: int = SUMMARY_ROWS) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    n_files = files if files is not None else len({f.file for f in findings})
    out = ["### Kết quả kiểm tra hồ sơ", ""]
    if not findings:
        out.append(f"Đã kiểm tra {n_files} hồ sơ: không có lỗi nào.")
        return "\n".join(out) + "\n"
    out.append(f"Đã kiểm tra {n_files} hồ sơ: **{errors} lỗi, {warnings} cảnh báo**.")
    out.append("")
    if not left_out:
        out.append(f"Cả {len(annotated)} phát hiện đều được gắn thành chú thích ngay trên dòng "
                   "của tệp (xem thẻ “Files changed”).")
        return "\n".join(out) + "\n"
    out.append(
        f"{len(annotated)} phát hiện được gắn thành chú thích trên dòng của tệp (ưu tiên các dòng "
        f"vừa sửa). **{len(left_out)} phát hiện không gắn được** vì GitHub chỉ hiện tối đa "
        f"{PER_SEVERITY} chú thích mỗi mức (lỗi, cảnh báo) trong một bước và {PER_JOB} trong một "
        "job; chúng được liệt kê dưới đây. Chạy `hoso check` trên máy để xem đầy đủ nội dung.")
    out += ["", "| Vị trí | Mức | Mã | Nội dung |", "|---|---|---|---|"]
    for f in left_out[:rows]:
        out.append(f"| `{f.file.replace('`', '')}:{f.line}:{f.col}` | {f.severity.value} | "
                   f"`{f.code.replace('`', '')}` | {github_markdown(f.message)} |")
    if len(left_out) > rows:
        out += ["", f"… và {len(left_out) - rows} phát hiện khác không liệt kê ở đây."]
    return "\n".join(out) + "\n"


def budget(findings: Sequence[Finding], changed_lines: Mapping[str, Collection[int]] | None = None,
           *, files: int | None = None, keep_values: bool = False, used: int = 0) -> Plan:
    """Choose the annotations and write the summary of the rest (values redacted by default)."""
    shown = list(findings) if keep_values else [replace(f, message=redact(f.message))
                                                for f in findings]
    annotated, left = choose(shown, changed_lines, used=used)
    return Plan(annotated, left, summary_markdown(shown, annotated, left, files=files))


def normalise_path(file: str, root: Path, cwd: Path | None = None) -> str:
    """A finding's file as a repository-relative POSIX path (what GitHub and git use)."""
    p = Path(file)
    if not p.is_absolute():
        p = (cwd or Path.cwd()) / p
    try:
        return PurePosixPath(Path(os.path.normpath(p)).relative_to(root.resolve())).as_posix()
    except ValueError:
        return file.replace(os.sep, "/")


def read_findings(path: Path, root: Path) -> tuple[list[Finding], int]:
    """Findings (and the number of files checked) from ``hoso check --format json`` output."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        items: Iterable[Mapping[str, object]] = doc["ket_qua"]
        out = []
        for item in items:
            out.append(Finding(
                normalise_path(str(item["file"]), root), int(str(item["line"])),
                int(str(item["col"])), str(item["code"]), Severity.parse(str(item["severity"])),
                str(item["message"])))
        return out, int(doc.get("so_ho_so", len({f.file for f in out})))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"Không đọc được kết quả kiểm tra “{path}” (cần đầu ra của "
                        f"hoso check --format json): {exc}") from exc


def read_all(paths: Sequence[Path], root: Path) -> tuple[list[Finding], int]:
    """The findings of several ``hoso check --format json`` outputs (one per ``--shard i/n`` of a
    CI matrix), merged as one check of every dossier reports them: in file and position order,
    with the number of files summed."""
    findings: list[Finding] = []
    files = 0
    for path in paths:
        found, count = read_findings(path, root)
        findings.extend(found)
        files += count
    return sorted(findings, key=lambda f: (f.file, f.line, f.col, f.code, f.message)), files
