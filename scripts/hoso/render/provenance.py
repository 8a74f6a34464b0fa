"""What ties a printed page to its data: the dossier's last commit and a content hash.

The footer of every page reads "Mã hồ sơ … · Trang X/Y · commit <short> · <hash8>":

* ``commit <short>`` is the short id of the last commit that changed the dossier file (what
  ``git log -1 --format=%h -- FILE`` prints); it reads "chưa commit" instead when the file is
  not in a git repository, is untracked, or has uncommitted changes — the page then shows data
  that no commit holds;
* the hash is the first 8 hex digits of the SHA-256 of the dossier file's bytes, so a printed page
  can be matched to the exact file even before it is committed.

The commits of all dossiers are read with one git call per folder plus two per repository,
whatever the number of dossiers.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from hoso.git import toplevel, try_git

NOT_COMMITTED = "chưa commit"
HASH_LENGTH = 8


def footer_commit(commit: str) -> str:
    """The footer's words for a commit: "commit 1a2b3c4" or "chưa commit"."""
    return NOT_COMMITTED if commit == NOT_COMMITTED else f"commit {commit}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short_hash(full: str) -> str:
    return full[:HASH_LENGTH]


def _dirty(top: Path, specs: list[str]) -> set[str]:
    out = try_git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *specs, cwd=top)
    if out is None:
        return set()
    entries = out.decode("utf-8", "surrogateescape").split("\0")
    dirty: set[str] = set()
    skip_next = False
    for entry in entries:
        if skip_next:
            skip_next = False
            continue
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:]
        dirty.add(path)
        if "R" in status or "C" in status:
            skip_next = True  # the next entry is the original path
    return dirty


def _last_commits(top: Path, specs: list[str], wanted: set[str]) -> dict[str, str]:
    out = try_git("log", "--format=%x01%h", "-z", "--name-only", "--", *specs, cwd=top)
    if out is None:
        return {}
    found: dict[str, str] = {}
    for record in out.decode("utf-8", "surrogateescape").split("\x01"):
        if not record:
            continue
        commit, _, names = record.partition("\0")
        for name in names.lstrip("\n").split("\0"):
            if name in wanted and name not in found:
                found[name] = commit.strip()
        if len(found) == len(wanted):
            break
    return found


def commits(files: Iterable[Path]) -> dict[Path, str]:
    """The footer's commit text for each file (keys are the resolved paths)."""
    resolved = [Path(f).resolve() for f in files]
    result = {p: NOT_COMMITTED for p in resolved}
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for p in resolved:
        by_folder[p.parent].append(p)
    by_top: dict[Path, list[Path]] = defaultdict(list)
    for folder, members in by_folder.items():
        top = toplevel(folder)
        if top is not None:
            by_top[top].extend(members)
    for top, members in by_top.items():
        rel = {p: p.relative_to(top).as_posix() for p in members}
        specs = sorted({os.path.dirname(r) or "." for r in rel.values()})
        dirty = _dirty(top, specs)
        last = _last_commits(top, specs, set(rel.values()) - dirty)
        for p, r in rel.items():
            if r not in dirty and r in last:
                result[p] = last[r]
    return result
