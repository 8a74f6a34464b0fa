"""Temporary git repositories for the tests, driven through :mod:`hoso.git`.

Every test that makes a repository, commits or asks git something goes through this module: git
runs as hoso runs it (:func:`hoso.git.git`: no ``GIT_*`` variables from a parent git,
``LC_ALL=C``, paths unquoted), with the secretary as author and committer and no signing, so
neither the user's configuration nor a git that runs the tests from a hook leaks in. The caller
still isolates ``HOME`` (the ``git_env`` fixture) so no global configuration is read.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from hoso.git import BASE, environment
from hoso.git import git as hoso_git
from hoso.util import run

NAME = "Thư ký Chi bộ"
EMAIL = "thu-ky@hoso.invalid"
IDENTITY = ("-c", f"user.name={NAME}", "-c", f"user.email={EMAIL}", "-c", "commit.gpgsign=false")


def git(repo: Path, *args: str, day: str | None = None) -> str:
    """``git ARGS`` in ``repo``; its standard output as text.

    A failure raises :class:`hoso.errors.ToolError` with git's output. ``day`` (``YYYY-MM-DD``)
    dates a commit, author and committer, at 09:30 in Hanoi.
    """
    if day is None:
        return hoso_git(*IDENTITY, *args, cwd=repo, timeout=None).decode("utf-8")
    stamp = f"{day}T09:30:00+07:00"
    env = {**environment(), "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return run([*BASE, *IDENTITY, *args], cwd=repo, env=env).decode("utf-8")


def commit_through_hook(repo: Path, message: str) -> tuple[int, str]:
    """Stage everything and commit as a person would, the hooks judging: git's exit code and all
    it printed (a hook writes to standard error), refused or not."""
    git(repo, "add", "-A")
    proc = subprocess.run([*BASE, *IDENTITY, "commit", "-m", message], cwd=repo,
                          env=environment(), capture_output=True, check=False)
    return proc.returncode, (proc.stdout + proc.stderr).decode("utf-8", "replace")


def init(folder: Path, message: str = "khởi tạo") -> Path:
    """Make ``folder`` a repository on ``main`` with everything in it in one commit."""
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)
    return folder


ROOT = Path(__file__).resolve().parents[1]


def project_copy(dest: Path) -> Path:
    """The project's files as git would hand them out (tracked and new, not ignored), so a build
    never writes into the repository."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest
