"""Which dossier files and lines changed between two git revisions.

Plain functions over :func:`hoso.git.git` (argument lists, never a shell), run in the repository
root. A revision of ``None`` is the working tree: untracked dossiers count as added, and every
line of an untracked dossier as changed. ``A...B`` compares from the merge base, as git does.
"""

from __future__ import annotations

import re
from pathlib import Path

from hoso.errors import ToolError, UserError
from hoso.git import git

DOSSIERS = "dossiers"
SUFFIXES = (".yaml", ".yml")

HINT = "Lệnh git thất bại; kiểm tra tên phiên bản (commit, nhánh) và kho git."


def _git(root: Path, *args: str) -> bytes:
    return git(*args, cwd=root, hint=HINT)


def resolve(root: Path, rev: str) -> str:
    """The commit id ``rev`` names (a commit, branch or tag), or :class:`UserError`."""
    if rev.startswith("-"):
        raise UserError(f"Tên phiên bản không hợp lệ: “{rev}”.")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except ToolError:
        raise UserError(
            f"Không tìm thấy phiên bản git “{rev}” (commit, nhánh hoặc thẻ).") from None


def merge_base(root: Path, a: str, b: str) -> str:
    return _git(root, "merge-base", a, b).decode().strip()


def revisions(root: Path, base: str | None, head: str | None) -> tuple[str, str | None]:
    """Resolve ``BASE``/``HEAD`` arguments to commit ids (None = the working tree)."""
    if base and "..." in base and head is None:
        a, b = base.split("...", 1)
        a_id, b_id = resolve(root, a or "HEAD"), resolve(root, b or "HEAD")
        return merge_base(root, a_id, b_id), b_id
    if base and ".." in base and head is None:
        a, b = base.split("..", 1)
        return resolve(root, a or "HEAD"), resolve(root, b or "HEAD")
    return resolve(root, base or "HEAD"), (resolve(root, head) if head else None)


def show(root: Path, rev: str, path: str) -> bytes:
    """The content of ``path`` (relative to the root) at commit ``rev``."""
    return _git(root, "cat-file", "blob", f"{rev}:./{path}")


def name_status(root: Path, base: str, head: str | None) -> list[tuple[str, str, str | None]]:
    """``(status letter, path, old path)`` of the dossier files that differ."""
    args = ["diff", "--name-status", "-z", "-M", "--relative", "--no-color", base]
    if head:
        args.append(head)
    raw = _git(root, *args, "--", DOSSIERS).decode("utf-8")
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
        untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", DOSSIERS)
        out.extend(("A", p, None) for p in untracked.decode("utf-8").split("\0") if p)
    return [(s, p, o) for s, p, o in out if p.endswith(SUFFIXES)]


def changed_lines(root: Path, base: str, head: str | None) -> dict[str, set[int]]:
    """Line numbers (new side) added or changed per dossier file."""
    args = ["diff", "-U0", "-M", "--relative", "--no-color", "--no-ext-diff", base]
    if head:
        args.append(head)
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in _git(root, *args, "--", DOSSIERS).decode("utf-8", "replace").splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else out.setdefault(name[2:], set())
        elif line.startswith("@@") and current is not None:
            m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or "1")
                current.update(range(start, start + count))
    if head is None:
        for _, path, _ in name_status(root, base, None):
            if path not in out and (root / path).is_file():
                n = len((root / path).read_bytes().splitlines())
                out[path] = set(range(1, n + 1))
    return out
