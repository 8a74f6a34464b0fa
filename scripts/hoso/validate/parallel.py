"""Checking many dossiers on every core, the results in the order of the files.

A check is one process's CPU work per file (load, schema, rules), so a large check is split into
chunks of consecutive files that worker processes check with their own
:class:`~hoso.validate.check.Checker`; ``map`` gives the chunks back in order, so the findings
are the ones a serial check finds, in the same order. On Linux the workers are forked from the
process that already holds the schema validator, the rule catalogue and the committee's
overrides (no start-up per worker); elsewhere, or when threads are running, they are spawned and
build their own.

Small checks stay in one process: a worker costs more than it saves below
:data:`MIN_FILES_PER_WORKER` files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class FileChecker(Protocol[T_co]):
    """What a worker runs (a :class:`~hoso.validate.check.Checker`)."""

    def check_path(self, path: Path) -> T_co: ...

    def warm(self) -> None: ...

#: Below this many files per worker, fewer workers finish sooner (a fork costs a few
#: milliseconds, a file a few).
MIN_FILES_PER_WORKER = 48
#: Chunks per worker: enough to even out dossiers of different sizes, few enough to keep the
#: messages between processes cheap.
CHUNKS_PER_WORKER = 8


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int | None, n_files: int) -> int:
    """Workers for ``n_files`` files; ``requested`` None means every core."""
    wanted = cores() if requested is None else max(1, requested)
    return max(1, min(wanted, n_files // MIN_FILES_PER_WORKER))


def _context() -> tuple[BaseContext, bool]:
    """The start method, and whether the workers inherit this process (fork)."""
    import multiprocessing
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork"), True
    return multiprocessing.get_context("spawn"), False


_STATE: dict[str, FileChecker[Any]] = {}


def _init(checker: FileChecker[Any] | None, rebuild: Callable[[], FileChecker[Any]]) -> None:
    _STATE["checker"] = checker if checker is not None else rebuild()


def _check_chunk(paths: Sequence[str]) -> list[Any]:
    checker = _STATE["checker"]
    return [checker.check_path(Path(p)) for p in paths]


def check(checker: FileChecker[T], files: Sequence[Path], workers: int,
          rebuild: Callable[[], FileChecker[T]],
          progress: Callable[[Path], None] | None = None) -> list[T]:
    """Check ``files`` in ``workers`` processes; the results in the order of ``files``.

    Forked workers use ``checker`` as it is; spawned ones call ``rebuild`` (picklable: a
    ``functools.partial`` of the class and its arguments) to make their own.
    """
    from concurrent.futures import ProcessPoolExecutor

    ctx, inherits = _context()
    if inherits:
        checker.warm()  # once here rather than once per worker
    size = max(1, -(-len(files) // (workers * CHUNKS_PER_WORKER)))
    chunks = [[str(p) for p in files[i:i + size]] for i in range(0, len(files), size)]
    out: list[T] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init,
                             initargs=(checker if inherits else None, rebuild)) as pool:
        for chunk, results in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
            out.extend(results)
            if progress is not None:
                for p in chunk:
                    progress(Path(p))
    return out
