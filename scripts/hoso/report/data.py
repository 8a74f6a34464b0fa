"""What the report reads: the organisation, the dossiers as they are now, and their git history.

The history of every dossier comes from **one** ``git log`` over the dossier folder (``--raw -M``:
each change with its blob id, renames followed inside the folder), not one ``git log --follow`` per
file; the versions are then read through **one** ``git cat-file --batch`` process. Replaying is
therefore a constant number of processes whatever the number of dossiers, and only the blobs up
to the first version at the Party committee's review are read (a version that does not contain
the text ``dang_uy_xem_xet`` is not even parsed).

The replay runs today's checks (the schema and rules of the working tree) on the bytes of that
version. The reference date is the one that version's own history gives for the move to
``dang_uy_xem_xet`` (the commit's author date when there is none): every dossier is measured by
the same rules, and a date-dependent rule judges the dossier as it stood on the day it went up —
a history date a day after the commit is not a "future date".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from hoso import org
from hoso.errors import ToolError
from hoso.findings import Finding, Severity
from hoso.form import dates
from hoso.git import BlobReader, git
from hoso.load import load_bytes, load_file
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions, collect
from hoso.workflow import stages

#: Text every version at the Party committee's review contains (cheap pre-filter).
_MARKER = stages.DANG_UY_XEM_XET.encode()
_REGULAR_MODES = ("100644", "100755")


@dataclass(frozen=True)
class Version:
    """One committed version of a dossier file."""

    commit: str
    day: date
    #: The file's path in that commit, relative to the top of the git work tree.
    path: str
    blob: str


@dataclass(frozen=True)
class Replay:
    """The checks re-run on the first version that was at ``dang_uy_xem_xet``."""

    commit: str
    #: The author date of that commit.
    commit_day: date
    #: The reference date of the checks: the date the version's history gives for the move to
    #: ``dang_uy_xem_xet``, else the commit's date.
    day: date
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


@dataclass
class Dossier:
    """One dossier file as it is in the working tree, with its history when there is one."""

    #: Path relative to the repository root, with ``/``.
    path: str
    code: str
    data: Mapping[str, Any] | None
    #: Committed versions, oldest first (empty for a file git does not know).
    versions: list[Version] = field(default_factory=list)
    replay: Replay | None = None


@dataclass
class GitInfo:
    available: bool
    #: Why there is no history (Vietnamese), when ``available`` is false.
    reason: str = ""
    shallow: bool = False
    processes: int = 0


@dataclass
class Collected:
    org: Mapping[str, Any]
    dossiers: list[Dossier]
    git: GitInfo
    #: Vietnamese titles of the rule codes found in the replays (from the rule catalogue).
    titles: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# organisation and dossiers


def load_org(repo: Repo) -> Mapping[str, Any]:
    """``to-chuc.yaml``, checked (every scalar is text: figures convert years and targets)."""
    return org.load_org(repo.org_file)


def _code_of(data: Any, path: Path) -> str:
    code = data.get("ma_ho_so") if isinstance(data, Mapping) else None
    return code.strip() if isinstance(code, str) and code.strip() else path.stem


def current_dossiers(repo: Repo) -> list[tuple[Path, Dossier]]:
    """Every dossier file below ``dossiers/``, loaded from the working tree."""
    if not repo.dossiers_dir.is_dir():
        return []
    out = []
    root = repo.root.resolve()
    for path in collect([repo.dossiers_dir], repo):
        loaded = load_file(path, display=repo.relative(path))
        data = loaded.data if isinstance(loaded.data, Mapping) else None
        rel = path.resolve().relative_to(root).as_posix()
        out.append((path, Dossier(rel, _code_of(data, path), data)))
    return out


# --------------------------------------------------------------------------------------------
# git


def _toplevel(repo: Repo, info: GitInfo) -> Path | None:
    info.processes += 1
    try:
        out = git("rev-parse", "--show-toplevel", "--is-shallow-repository", cwd=repo.root)
    except ToolError as exc:
        info.reason = ("không chạy được git" if exc.returncode is None
                       else "thư mục kho không nằm trong một kho git")
        return None
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    info.shallow = len(lines) > 1 and lines[1].strip() == "true"
    return Path(lines[0]).resolve()


def parse_log(raw: bytes) -> list[tuple[str, date, list[tuple[str, str, list[str]]]]]:
    """Parse ``git log -z --format=%x01%H%x09%ad --date=short --raw --no-abbrev``.

    Returns, per commit in the log's order: (commit, author day, [(status, new blob, paths)]);
    ``paths`` has two entries (old, new) for a rename or copy, one otherwise.
    """
    commits = []
    for record in raw.split(b"\x01")[1:]:
        tokens = record.split(b"\0")
        header = tokens[0].decode("ascii")
        commit, _, day_text = header.partition("\t")
        entries: list[tuple[str, str, list[str]]] = []
        i = 1
        while i < len(tokens):
            token = tokens[i].lstrip(b"\n")
            i += 1
            if not token.startswith(b":"):
                continue
            meta = token[1:].decode("ascii").split()
            if len(meta) < 5:
                continue
            _old_mode, new_mode, _old_blob, new_blob, status = meta[:5]
            count = 2 if status[:1] in ("R", "C") else 1
            paths = [os.fsdecode(t) for t in tokens[i:i + count]]
            i += count
            if new_mode in _REGULAR_MODES or status[:1] == "D":
                entries.append((status[:1], new_blob, paths))
        day = dates.parse_day(day_text)
        if day is None:
            raise ValueError(f"git log: not a day: {day_text!r}")
        commits.append((commit, day, entries))
    return commits


def assign_versions(log: Iterable[tuple[str, date, list[tuple[str, str, list[str]]]]],
                    current: Iterable[str]) -> dict[str, list[Version]]:
    """Versions of each current path (top-relative), oldest first, following renames.

    ``log`` is newest first (``--topo-order``): a rename maps the older name to the current file;
    the commit that added the file ends its history (an older file of the same name that was
    deleted is another dossier).
    """
    alias = {p: p for p in current}
    found: dict[str, list[Version]] = {p: [] for p in alias}
    for commit, day, entries in log:
        for status, blob, paths in entries:
            if status in ("R", "C"):
                old, new = paths
                if new in alias:
                    owner = alias.pop(new)
                    found[owner].append(Version(commit, day, new, blob))
                    if status == "R":
                        alias[old] = owner
            elif status == "A":
                if paths[0] in alias:
                    owner = alias.pop(paths[0])
                    found[owner].append(Version(commit, day, paths[0], blob))
            elif status != "D" and paths[0] in alias:
                found[alias[paths[0]]].append(Version(commit, day, paths[0], blob))
    for versions in found.values():
        versions.reverse()
    return found


def _stage_of(data: Any) -> Any:
    flow = data.get("quy_trinh") if isinstance(data, Mapping) else None
    return flow.get("giai_doan") if isinstance(flow, Mapping) else None


def review_day(data: Any, fallback: date) -> date:
    """The date of the last move to ``dang_uy_xem_xet`` in the history, else ``fallback``."""
    flow = data.get("quy_trinh") if isinstance(data, Mapping) else None
    history = flow.get("lich_su") if isinstance(flow, Mapping) else None
    for entry in reversed(history if isinstance(history, list) else []):
        if isinstance(entry, Mapping) and entry.get("giai_doan") == stages.DANG_UY_XEM_XET:
            return dates.parse_day(entry.get("ngay")) or fallback
    return fallback


def replay_first_review(dossier: Dossier, blobs: BlobReader, checker: Checker,
                        base: CheckOptions) -> Replay | None:
    """Check the first version of ``dossier`` whose stage was ``dang_uy_xem_xet``."""
    for version in dossier.versions:
        raw = blobs.read(version.blob)
        if raw is None or _MARKER not in raw:
            continue
        loaded = load_bytes(raw, f"{dossier.path}@{version.commit[:10]}")
        if _stage_of(loaded.data) != stages.DANG_UY_XEM_XET:
            continue
        day = review_day(loaded.data, version.day)
        checker.options = replace(base, on_date=day)
        return Replay(version.commit, version.day, day, tuple(checker.check_loaded(loaded)))
    return None


def collect_all(repo: Repo, progress: Callable[[str], None] | None = None) -> Collected:
    """Read the organisation, every dossier and, when there is git, their history and replays."""
    org = load_org(repo)
    pairs = current_dossiers(repo)
    dossiers = [d for _, d in pairs]
    info = GitInfo(available=False)
    top = _toplevel(repo, info)
    if top is None:
        return Collected(org, dossiers, info)
    rel_dossiers = _relative_to(repo.dossiers_dir, top)
    if rel_dossiers is None:
        info.reason = "thư mục hồ sơ nằm ngoài kho git"
        return Collected(org, dossiers, info)
    current = {}
    for path, dossier in pairs:
        rel = _relative_to(path, top)
        if rel is not None:
            current[rel] = dossier
    info.processes += 1
    try:
        raw = git("log", "-z", "--topo-order", "--no-color", "--format=%x01%H%x09%ad",
                  "--date=short", "--raw", "--no-abbrev", "-M", "--", rel_dossiers or ".", cwd=top)
    except ToolError:
        try:
            git("rev-parse", "--verify", "--quiet", "HEAD", cwd=top)
        except ToolError:
            info.reason = "kho git chưa có commit nào"
            return Collected(org, dossiers, info)
        raise
    info.available = True
    versions = assign_versions(parse_log(raw), current)
    for rel, dossier in current.items():
        dossier.versions = versions.get(rel, [])
    base = CheckOptions()
    checker = Checker(repo, base)
    todo = [d for d in dossiers if d.versions]
    if todo:
        info.processes += 1
        with BlobReader(top) as blobs:
            for dossier in todo:
                dossier.replay = replay_first_review(dossier, blobs, checker, base)
                if progress:
                    progress(dossier.path)
    codes = {f.code for d in dossiers if d.replay for f in d.replay.findings}
    return Collected(org, dossiers, info, rule_titles(codes))


def rule_titles(codes: Iterable[str]) -> dict[str, str]:
    """The catalogue's title of each rule code; schema and file codes have none."""
    wanted = set(codes)
    if not wanted:
        return {}
    from hoso.validate.rules.catalogue import by_code

    known = by_code()
    return {c: known[c].title for c in sorted(wanted) if c in known}


def _relative_to(path: Path, top: Path) -> str | None:
    try:
        rel = path.resolve().relative_to(top)
    except ValueError:
        return None
    text = rel.as_posix()
    return "" if text == "." else text
