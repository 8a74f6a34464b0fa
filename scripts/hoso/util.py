"""Small helpers shared by the stages: running programs, writing files atomically, hashing a
tree of files."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hoso.errors import ToolError, UserError

#: A lock left behind by a process that died is taken over after this many seconds.
STALE_LOCK_SECONDS = 120


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


def duration(seconds: float) -> str:
    """A duration as Vietnamese writes it, with the decimal comma: "3,8 giây"."""
    return f"{seconds:.1f}".replace(".", ",") + " giây"


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


class ChangedMeanwhile(UserError):
    """The file changed (or is being changed) since it was read; nothing was written."""


def _lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.hoso-khoa")


def _take_lock(lock: Path, display: str) -> int:
    for _ in range(2):
        try:
            return os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                age = time.time() - lock.stat().st_mtime
            except FileNotFoundError:
                continue  # released meanwhile: try again
            if age < STALE_LOCK_SECONDS:
                break
            lock.unlink(missing_ok=True)  # left by a process that died
    raise ChangedMeanwhile(
        f"{display}: một lệnh khác đang sửa tệp này (khóa {lock.name}); không ghi gì. Chờ lệnh "
        f"kia xong rồi chạy lại. Nếu không còn lệnh nào chạy, xóa tệp {lock} rồi chạy lại.")


def replace_if_unchanged(path: str | os.PathLike[str], expected: bytes, data: bytes,
                         display: str = "") -> None:
    """Write ``data`` to ``path`` (atomically) only if it still holds ``expected``.

    Two writers of the same file (two ``hoso advance`` at once) each read, decide, then call this:
    a lock file beside the target serialises the compare-and-replace, and the one that comes
    second finds the file changed and writes nothing (:class:`ChangedMeanwhile`).
    """
    target = Path(path)
    display = display or str(target)
    lock = _lock_path(target)
    fd = _take_lock(lock, display)
    try:
        os.close(fd)
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            current = None
        if current != expected:
            raise ChangedMeanwhile(
                f"{display}: tệp đã thay đổi từ lúc hoso đọc nó (có thể do một lệnh khác chạy "
                f"cùng lúc, hoặc có người vừa sửa tệp); không ghi gì để khỏi mất thay đổi kia. "
                f"Xem lại tệp rồi chạy lại lệnh.")
        write_atomic(target, data)
    finally:
        lock.unlink(missing_ok=True)


def hash_tree(h: Any, root: Path, label: str) -> None:
    """Feed ``h`` (a hashlib object) the files under ``root`` (or the file ``root``): each one's
    path below it, size and bytes, in a stable order; a missing ``root`` is hashed as such."""
    if root.is_file():
        h.update(f"{label}\0{root.stat().st_size}\0".encode())
        h.update(root.read_bytes())
        return
    if not root.is_dir():
        h.update(f"{label}\0missing\0".encode())
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = path.relative_to(root).as_posix()
        h.update(f"{label}/{rel}\0{path.stat().st_size}\0".encode())
        h.update(path.read_bytes())
