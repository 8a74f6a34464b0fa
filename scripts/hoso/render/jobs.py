"""What the main process sends to a render worker and what comes back (both picklable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from hoso.findings import Finding

FORMATS = ("docx", "pdf")

Status = Literal["rendered", "skipped", "failed"]


@dataclass(frozen=True)
class Job:
    """One dossier to render; picklable (sent to spawn-started workers)."""

    source: str  # resolved path of the dossier file
    display: str  # the path as the user sees it
    commit: str
    formats: tuple[str, ...]
    final: bool
    out_dir: str
    cache_dir: str
    on_date: date | None = None  # the date the rules judge a final against (None: their default)


@dataclass
class Outcome:
    source: str
    display: str
    status: Status
    formats: tuple[str, ...] = ()
    outputs: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    file_sha: str = ""
    code: str | None = None  # ma_ho_so
    cell: str | None = None  # chi_bo
    deps: list[tuple[str, int, int]] = field(default_factory=list)
    seconds: float = 0.0
