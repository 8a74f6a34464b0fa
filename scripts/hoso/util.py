"""Small helpers shared by the stages: running programs, writing files atomically."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from hoso.errors import ToolError


def run(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    cwd: str | os.PathLike[str] | None = None,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    hint: str = "",
    timeout: float | None = None,
) -> bytes:
    """Run a program with an argument list (never a shell); return stdout or raise ToolError."""
    args = [os.fspath(c) for c in cmd]
    try:
        proc = subprocess.run(
            args,
            cwd=cwd,
            input=input,
            capture_output=True,
            env=None if env is None else dict(env),
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ToolError(args, None, str(exc), hint or f"Không tìm thấy chương trình '{args[0]}'.") from exc
    except subprocess.TimeoutExpired as exc:
        raise ToolError(args, None, f"quá thời gian {timeout} giây", hint) from exc
    if proc.returncode != 0:
        out = (proc.stderr + b"\n" + proc.stdout).decode("utf-8", "replace")
        raise ToolError(args, proc.returncode, out, hint)
    return proc.stdout


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
