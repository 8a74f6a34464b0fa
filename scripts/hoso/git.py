"""Running git: the one module that starts git, for check, diff, report, render and advance.

Every call goes through :func:`git` with an argument list (never a shell), paths printed as they are
(``core.quotepath=off``), no signature checks in logs, English-independent output (``LC_ALL=C``)
and none of the ``GIT_*`` variables a hook or a parent git may have set (``GIT_DIR``,
``GIT_INDEX_FILE`` …), so a call inside a pre-commit hook reads the repository it is pointed at.
A failure is a :class:`~hoso.errors.ToolError` with the command and git's output, or ``None`` from
:func:`try_git` for callers that carry on without git.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import IO

from hoso.errors import ToolError
from hoso.util import run

BASE = ("git", "-c", "core.quotepath=off", "-c", "log.showSignature=false")
#: Variables a git that runs hooks sets and that must not leak into the git hoso runs.
_KEEP = ("GIT_CONFIG_NOSYSTEM", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG_GLOBAL")


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEEP}
    env["LC_ALL"] = "C"
    return env


def git(*args: str, cwd: str | os.PathLike[str], hint: str = "", timeout: float | None = 120) -> bytes:
    """``git ARGS`` in ``cwd``; its standard output, or :class:`ToolError`."""
    return run([*BASE, *args], cwd=cwd, env=environment(), hint=hint, timeout=timeout)


def try_git(*args: str, cwd: str | os.PathLike[str]) -> bytes | None:
    """Like :func:`git`, but None when git is missing or fails."""
    try:
        return git(*args, cwd=cwd)
    except ToolError:
        return None


def toplevel(folder: str | os.PathLike[str]) -> Path | None:
    """The top of the work tree holding ``folder``, or None outside git (or without git)."""
    out = try_git("rev-parse", "--show-toplevel", cwd=folder)
    if out is None:
        return None
    return Path(out.decode("utf-8", "surrogateescape").strip()).resolve()


class BlobReader:
    """One ``git cat-file --batch`` process answering blob requests one at a time.

    A long-lived process, so it does not go through :func:`hoso.util.run`; a failure is still a
    :class:`~hoso.errors.ToolError` with the command and git's output.
    """

    def __init__(self, top: Path) -> None:
        self.cmd = [*BASE, "-C", os.fspath(top), "cat-file", "--batch"]
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        try:
            self._proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, env=environment())
        except OSError as exc:
            raise ToolError(self.cmd, None, str(exc)) from exc
        return self

    def __exit__(self, *exc: object) -> None:
        proc = self._proc
        if proc is None:
            return
        assert proc.stdin is not None
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()

    def _fail(self, what: str) -> ToolError:
        proc = self._proc
        err = b""
        if proc is not None and proc.stderr is not None and proc.poll() is not None:
            err = proc.stderr.read()
        return ToolError(self.cmd, proc.returncode if proc else None,
                         f"{what}\n{err.decode('utf-8', 'replace')}")

    def read(self, blob: str) -> bytes | None:
        """The content of ``blob``, or None when the object is missing (a shallow clone)."""
        proc = self._proc
        assert proc is not None
        assert proc.stdin is not None
        assert proc.stdout is not None
        out: IO[bytes] = proc.stdout
        try:
            proc.stdin.write(blob.encode("ascii") + b"\n")
            proc.stdin.flush()
        except OSError as exc:
            raise self._fail(f"không gửi được yêu cầu: {exc}") from exc
        header = out.readline()
        if not header:
            raise self._fail("git cat-file dừng đột ngột")
        parts = header.split()
        if len(parts) == 2 and parts[1] == b"missing":
            return None
        if len(parts) != 3:
            raise self._fail(f"dòng đầu không hiểu được: {header!r}")
        size = int(parts[2])
        body = out.read(size)
        out.read(1)  # the newline after the content
        if len(body) != size:
            raise self._fail("nội dung bị cắt ngắn")
        return body
