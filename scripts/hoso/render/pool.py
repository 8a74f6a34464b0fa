"""Parallel rendering in spawn-started worker processes.

Typst deadlocks in forked workers (DESIGN.md section 8), so workers are always started with
``spawn``. Each worker builds its :class:`~hoso.render.document.Renderer` once (templates, schema
labels, a warm Typst compiler) and renders many dossiers. Few jobs are rendered in this process:
starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from hoso.render.document import Renderer, init_worker, render_in_worker
from hoso.render.jobs import Job, Outcome

# A worker pays for its start (about half a second); below this many jobs per worker, fewer
# workers finish sooner.
MIN_JOBS_PER_WORKER = 2


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int | None, n_jobs: int) -> int:
    wanted = default_jobs() if requested is None else max(1, requested)
    return max(1, min(wanted, n_jobs // MIN_JOBS_PER_WORKER or 1))


def _ready() -> None:
    """A task that does nothing: submitting one per worker starts them all."""


def start(repo_root: Path, workers: int) -> ProcessPoolExecutor:
    """Worker processes started now, each building its renderer (imports, templates, a warm
    Typst compiler: about half a second) while this process reads, hashes and plans the
    dossiers; hand the pool to :func:`run`."""
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                               initargs=(str(repo_root),))
    for _ in range(workers):
        pool.submit(_ready)
    return pool


def run(jobs: Sequence[Job], repo_root: Path, workers: int,
        on_done: Callable[[Outcome], None] | None = None,
        started: ProcessPoolExecutor | None = None) -> list[Outcome]:
    """Render ``jobs``; ``on_done`` is called in this process as each one finishes.

    ``started``: a pool from :func:`start`, used (and shut down) instead of a new one.
    """
    results: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        results.append(outcome)
        if on_done is not None:
            on_done(outcome)

    if not jobs:
        return results
    if workers <= 1 and started is None:
        renderer = Renderer(repo_root)
        try:
            for job in jobs:
                done(renderer.render(job))
        finally:
            renderer.close()
        return results
    with started if started is not None else start(repo_root, workers) as pool:
        futures = [pool.submit(render_in_worker, job) for job in jobs]
        try:
            for future in as_completed(futures):
                done(future.result())
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return results
