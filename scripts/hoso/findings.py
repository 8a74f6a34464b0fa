"""Findings: one record per problem, collected across all files and rules, reported once.

The text, JSON and GitHub reporters are views of the same list (check-jsonschema's
``result.py``/``reporter.py`` shape). Every finding is located: file, line, column (1-based)
and the JSON path of the value inside the dossier.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum

Path_ = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"

    @classmethod
    def parse(cls, value: str) -> Severity:
        aliases = {"loi": cls.ERROR, "lỗi": cls.ERROR, "error": cls.ERROR,
                   "canh_bao": cls.WARNING, "canh-bao": cls.WARNING, "cảnh báo": cls.WARNING,
                   "warning": cls.WARNING}
        try:
            return aliases[value.strip().lower()]
        except KeyError:
            raise ValueError(value) from None


def format_path(path: Path_) -> str:
    """``("gia_dinh", 2, "nam_sinh")`` → ``$.gia_dinh[2].nam_sinh``."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    path: Path_ = field(default=(), compare=False)

    @property
    def json_path(self) -> str:
        return format_path(self.path)

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["severity"] = self.severity.value
        d["path"] = self.json_path
        return d


@dataclass
class Result:
    """All findings of one run, in file then position order."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def extend(self, items: Iterable[Finding]) -> None:
        self.findings.extend(items)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.file, f.line, f.col, f.code, f.message))

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def summary_line(result: Result) -> str:
    n = len(result.files)
    if not result.findings:
        return f"Đã kiểm tra {n} hồ sơ: không có lỗi nào."
    return f"Đã kiểm tra {n} hồ sơ: {result.errors} lỗi, {result.warnings} cảnh báo."


def render_text(result: Result) -> str:
    lines = [f"{f.file}:{f.line}:{f.col}: {f.severity.value} {f.code}: {f.message}"
             for f in result.sorted()]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def render_json(result: Result) -> str:
    doc = {
        "so_ho_so": len(result.files),
        "so_loi": result.errors,
        "so_canh_bao": result.warnings,
        "ket_qua": [f.to_dict() for f in result.sorted()],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def github_annotation(f: Finding) -> str:
    # imported here: a check printed as text (the pre-commit hook) does without hoso.escape
    from hoso.escape import github_command

    kind = "error" if f.severity is Severity.ERROR else "warning"
    props = ",".join([
        f"file={github_command(f.file, True)}",
        f"line={f.line}",
        f"col={f.col}",
        f"title={github_command(f.code, True)}",
    ])
    return f"::{kind} {props}::{github_command(f.message)}"


def render_github(result: Result, findings: Sequence[Finding] | None = None) -> str:
    chosen = result.sorted() if findings is None else list(findings)
    lines = [github_annotation(f) for f in chosen]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
