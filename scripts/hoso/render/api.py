"""``render_paths``: the library entry of rendering (``hoso render``, ``hoso build``, the site).

Collect the dossiers, skip the ones whose documents are up to date (:mod:`hoso.render.cache`,
without loading YAML), render the rest in parallel (:mod:`hoso.render.pool`), remember what was
written. Documents go to ``<out>/<chi_bo>/<ma_ho_so>.docx|.pdf``; the intermediate Markdown and
Typst, and the manifest, to ``<out>/.hoso-cache/``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hoso.errors import UserError
from hoso.findings import Finding, Result, Severity
from hoso.render import cache, provenance
from hoso.render.jobs import FORMATS, Job, Outcome
from hoso.repo import Repo

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: progress(done, total, what): called with done=0 once the work is known, then per dossier.
Progress = Callable[[int, int, str], None]


@dataclass
class RenderReport:
    out_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)

    def _with(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def rendered(self) -> list[Outcome]:
        return self._with("rendered")

    @property
    def skipped(self) -> list[Outcome]:
        return self._with("skipped")

    @property
    def failed(self) -> list[Outcome]:
        return self._with("failed")

    @property
    def outputs(self) -> list[Path]:
        return [Path(p) for o in self.outcomes if o.status != "failed"
                for p in o.outputs.values()]

    @property
    def findings(self) -> list[Finding]:
        return [f for o in self.outcomes for f in o.findings]

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error]

    def result(self) -> Result:
        """The findings as ``hoso check`` reports them."""
        return Result(findings=self.findings,
                      files=[o.display for o in self.outcomes if o.findings])

    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failed else 0

    def summary(self, folder: bool = True) -> str:
        """"3 hồ sơ: đã in 2, không đổi 1, không in được 0. Tệp ở …" (the folder once, when the
        caller does not print it itself)."""
        parts = [f"đã in {len(self.rendered)}", f"không đổi {len(self.skipped)}",
                 f"không in được {len(self.failed)}"]
        text = f"{len(self.outcomes)} hồ sơ: {', '.join(parts)}."
        return f"{text} Tệp ở {self.out_dir}." if folder else text


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = tuple(dict.fromkeys(s.strip().lower() for s in items if s.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UserError(f"--to: định dạng “{', '.join(unknown) or formats}” không có; chọn "
                        f"trong {', '.join(FORMATS)} (ví dụ --to docx,pdf).")
    return chosen


def _duplicates(outcomes: Sequence[Outcome]) -> None:
    """Two dossiers with the same chi_bo and ma_ho_so would write the same files: both fail."""
    by_target: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.status != "failed" and o.code and o.cell:
            by_target[(o.cell, o.code)].append(o)
    for (cell, code), group in by_target.items():
        if len(group) < 2:
            continue
        names = ", ".join(o.display for o in group)
        for o in group:
            o.status = "failed"
            o.findings.append(Finding(
                o.display, 1, 1, "trung-ma-ho-so", Severity.ERROR,
                f"Các hồ sơ {names} cùng có chi_bo “{cell}” và ma_ho_so “{code}”, nên cùng ghi "
                f"ra một tệp. Mỗi hồ sơ phải có mã hồ sơ riêng.", ("ma_ho_so",)))


@dataclass
class _Run:
    """One call of :func:`render_paths`: what is asked, the cache, the keys."""

    repo: Repo
    out: Path
    formats: tuple[str, ...]
    final: bool
    on_date: date | None
    use_cache: bool
    manifest: cache.Manifest = field(init=False)
    env: str = field(init=False)

    def __post_init__(self) -> None:
        self.manifest = cache.Manifest(self.out)
        if self.use_cache:
            self.manifest.load()
        self.env = cache.environment_fingerprint(self.repo, self.final)
        if self.final and self.on_date is not None:
            # a final judged on a pinned day (--ngay) is judged again on another; without one,
            # the document (which does not print the day) stays the same from one day to the next
            self.env += f"|{self.on_date}"

    def keys(self, sha: str, commit: str, formats: Iterable[str]) -> dict[str, str]:
        return {fmt: cache.output_key(self.env, sha, commit, self.final, fmt) for fmt in formats}

    def plan(self, files: Sequence[Path], report: RenderReport) -> list[Job]:
        """Jobs for what is out of date; skipped and unreadable dossiers go into ``report``."""
        commits = provenance.commits(files)
        todo: list[Job] = []
        for path in files:
            source = path.resolve()
            display = self.repo.relative(path)
            try:
                raw = source.read_bytes()
            except OSError as exc:
                report.outcomes.append(Outcome(str(source), display, "failed", self.formats, error=(
                    f"{display}: không đọc được tệp ({exc.strerror or exc}).")))
                continue
            sha = provenance.content_hash(raw)
            commit = commits.get(source, provenance.NOT_COMMITTED)
            stale = self.formats
            if self.use_cache:
                stale = self.manifest.stale_formats(str(source), sha,
                                                    self.keys(sha, commit, self.formats),
                                                    self.repo.root)
            if stale:
                todo.append(Job(str(source), display, commit, stale, self.final, str(self.out),
                                str(self.manifest.cache_dir), self.on_date))
                continue
            entry = self.manifest.entries[str(source)]
            report.outcomes.append(Outcome(
                str(source), display, "skipped", self.formats,
                self.manifest.outputs_of(str(source), self.formats),
                file_sha=sha, code=entry.code, cell=entry.cell))
        return todo

    def remember(self, rendered: Sequence[Outcome], todo: Sequence[Job]) -> None:
        commit_of = {job.source: job.commit for job in todo}
        for o in rendered:
            if o.status == "rendered" and o.code and o.cell:
                keys = self.keys(o.file_sha, commit_of[o.source], o.outputs)
                self.manifest.record(o.source, o.file_sha, o.code, o.cell, deps=o.deps,
                                     outputs=o.outputs, keys=keys)
                o.outputs = self.manifest.outputs_of(o.source, self.formats)
        self.manifest.save()


def _start_early(run: _Run, repo: Repo, jobs: int | None, n_files: int) -> ProcessPoolExecutor | None:
    """The worker pool, started before the plan when every dossier will be rendered anyway (no
    cache, or nothing rendered yet into this folder), so that no core waits for the plan."""
    if run.use_cache and run.manifest.entries:
        return None  # most may be up to date: the plan decides whether workers are needed
    from hoso.render import pool

    workers = pool.worker_count(jobs, n_files)
    return pool.start(repo.root, workers) if workers > 1 else None


def render_paths(
    paths: Sequence[str | os.PathLike[str]],
    repo: Repo,
    out_dir: str | os.PathLike[str],
    *,
    formats: Iterable[str] = FORMATS,
    final: bool = False,
    jobs: int | None = None,
    shard: tuple[int, int] | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    on_date: date | None = None,
) -> RenderReport:
    """Render the dossiers under ``paths`` (default: the repository's dossiers/).

    ``on_date`` is the date ``hoso check`` judges a final document against (its ``--ngay``;
    default: the chi bộ meeting, else today).
    """
    from hoso.validate.check import collect

    run = _Run(repo, Path(out_dir).resolve(), parse_formats(formats), final, on_date, use_cache)
    report = RenderReport(run.out)
    files = collect(paths, repo, shard)
    early = _start_early(run, repo, jobs, len(files))
    try:
        todo = run.plan(files, report)
    except BaseException:
        if early is not None:
            early.shutdown(cancel_futures=True)
        raise
    done = len(report.outcomes)
    if progress is not None:
        progress(done, len(files), "")

    def on_done(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(files), outcome.display)

    if todo:
        from hoso.render import pool

        rendered = pool.run(todo, repo.root, pool.worker_count(jobs, len(todo)), on_done,
                            started=early)
        run.remember(rendered, todo)
        report.outcomes.extend(rendered)
    elif early is not None:
        early.shutdown(cancel_futures=True)
    if not todo and not use_cache:
        run.manifest.save()
    report.outcomes.sort(key=lambda o: o.display)
    _duplicates(report.outcomes)
    return report


class RenderApart:
    """:func:`render_paths` in a spawned process of its own (Typst does not survive a fork),
    started at once while the caller goes on (``hoso site`` renders its sample so while it
    writes the pages and mkdocs builds)."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]], repo: Repo,
                 out_dir: str | os.PathLike[str], *, nice: int = 0, **options: object) -> None:
        """``nice``: how much lower the process's priority is (and its pandoc's): work that
        nobody waits for yet yields the cores to the work that is waited for."""
        import functools
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        lower = functools.partial(os.nice, nice) if nice and hasattr(os, "nice") else None
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=lower)
        self._future = pool.submit(_render_apart, [os.fspath(p) for p in paths],
                                   os.fspath(repo.root), os.fspath(out_dir), options)
        pool.shutdown(wait=False)

    def wait(self) -> None:
        """Until the process is done (its error, if any, is :meth:`report`'s to raise)."""
        self._future.exception()

    def report(self) -> RenderReport:
        """The report; hoso's error in the process as a :class:`UserError` with its message."""
        found = self._future.result()
        if isinstance(found, str):
            raise UserError(found)
        return found


def _render_apart(paths: list[str], root: str, out_dir: str,
                  options: dict[str, object]) -> RenderReport | str:
    """The report, or the message of hoso's error (not all of them survive pickling)."""
    from hoso.errors import HosoError

    try:
        return render_paths(paths, Repo(Path(root)), out_dir, **options)  # type: ignore[arg-type]
    except HosoError as exc:
        return str(exc)
