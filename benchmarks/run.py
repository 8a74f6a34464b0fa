"""The budgets of DESIGN.md section 9, measured in one run and printed as one table.

    python benchmarks/run.py            # the full run (about 4 minutes on 2 cores)
    python benchmarks/run.py --nhanh    # a smoke run at reduced sizes (under a minute; --quick)
    python benchmarks/run.py --chi 1,2  # only some steps (while profiling a fix)

A temporary repository is made like a committee's copy (schema, templates, to-chuc.yaml, docs,
mkdocs.yml, .pre-commit-config.yaml) with N generated fictional dossiers (benchmarks/generate.py,
fixed seed, varied sizes; they pass ``hoso check``), committed to git with ``pre-commit install``
done. Every step then runs as a child process, as a user runs it; its wall time is taken around
the process and its peak memory is the ``ru_maxrss`` that ``os.wait4`` reports: the resident set
of the largest process of the step (the command or one of the processes it waited for — a render
worker, pandoc), not a sum. Steps:

1. ``hoso check`` of one dossier (the largest) through ``pre-commit run --files``, best of 5 after
   a warm-up; and ``hoso check`` of the same file directly.
2. ``hoso check dossiers/`` of 1,000 dossiers, best of 3; and ``check-jsonschema`` (schema only) on
   the same files in the same run, the outside comparison.
3. DOCX + PDF of 100 dossiers (every tenth) with ``render_paths`` against bare pandoc + Typst on
   the same Markdown, both from benchmarks/bench_render.py, each side in its own process,
   alternated, best of each; and ``render_paths(jobs=1)`` (what one worker does, Typst inside)
   over the largest dossiers, for a worker's memory: its own peak, and pandoc's.
4. ``hoso render`` again over the 1,000 already rendered (the first render is shown too), best
   of 3; the no-op is verified from the summary.
5. ``hoso site``, best of 2.

Budgets that depend on the number of dossiers are judged only in the full run. Child processes get
``PYTHONPYCACHEPREFIX`` in the temporary folder (compiled bytecode as an installed package has it,
and nothing written into this repository) and ``HOSO_NGAY`` pinned, so the rules judge the
generated dossiers at a fixed date.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_render  # noqa: E402
import generate  # noqa: E402

#: The date the rules judge the generated dossiers at (their stage dates are in 2026).
ON_DATE = "2026-11-27"
MB = 1024  # ru_maxrss is in KiB on Linux


@dataclass(frozen=True)
class Sizes:
    check: int  # dossiers generated, checked and rebuilt
    render: int  # dossiers rendered against bare pandoc + typst
    worker: int  # dossiers rendered by one process for its memory
    rounds: int  # alternations of hoso and bare rendering
    best_of: int  # runs of the quick steps
    full: bool


FULL = Sizes(check=1000, render=100, worker=10, rounds=2, best_of=5, full=True)
QUICK = Sizes(check=150, render=8, worker=3, rounds=1, best_of=2, full=False)


@dataclass
class Measure:
    seconds: float  # best wall time
    rss_kb: int  # largest peak RSS over the runs
    runs: int
    stdout: str = ""  # of the last run


class StepFailed(RuntimeError):
    def __init__(self, cmd: Sequence[str], code: int, output: str) -> None:
        super().__init__(f"Lệnh thất bại (mã thoát {code}): {shlex.join(cmd)}\n{output[-3000:]}")


def measure(cmd: Sequence[str], *, cwd: Path, env: dict[str, str], runs: int = 1,
            warmup: int = 0, ok: Sequence[int] = (0,), expect: str = "") -> Measure:
    """Run ``cmd`` ``warmup + runs`` times; the best wall time and the largest peak RSS of the
    measured runs, each of which must print ``expect``."""
    best, rss, stdout = float("inf"), 0, ""
    for i in range(warmup + runs):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
        if proc.returncode not in ok:
            raise StepFailed(cmd, proc.returncode, stdout + stderr)
        if i < warmup:
            _progress(f"(chạy khởi động) {stdout.strip().splitlines()[-1] if stdout.strip() else ''}")
        else:
            if expect not in stdout:
                raise StepFailed(cmd, proc.returncode, f"thiếu “{expect}” trong:\n{stdout}")
            best = min(best, elapsed)
            rss = max(rss, usage.ru_maxrss)
    return Measure(best, rss, runs, stdout)


# ---- the repository

def make_repo(dest: Path, count: int) -> list[Path]:
    """A committee's repository with ``count`` generated dossiers (not yet in git)."""
    dest.mkdir(parents=True)
    for name in ("schema", "templates", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("to-chuc.yaml", "mkdocs.yml", ".pre-commit-config.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    return generate.write(dest, count)


def subset_repo(src: Path, dest: Path, files: Sequence[Path]) -> None:
    """A repository with the data of ``src`` and only ``files`` as dossiers."""
    dest.mkdir(parents=True)
    for name in ("schema", "templates"):
        shutil.copytree(src / name, dest / name)
    shutil.copy2(src / "to-chuc.yaml", dest / "to-chuc.yaml")
    for f in files:
        target = dest / f.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, target)


def child_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    home = work / "home"
    home.mkdir(exist_ok=True)
    env.update({
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "PRE_COMMIT_HOME": str(work / "pre-commit"),
        "HOSO_NGAY": ON_DATE,
        "NO_MKDOCS_2_WARNING": "1",
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Thư ký Chi bộ",
        "GIT_AUTHOR_EMAIL": "thu-ky@hoso.invalid",
        "GIT_COMMITTER_NAME": "Thư ký Chi bộ",
        "GIT_COMMITTER_EMAIL": "thu-ky@hoso.invalid",
    })
    env.pop("GIT_DIR", None)
    return env


def git_init(repo: Path, env: dict[str, str]) -> None:
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-q", "-m", "Kho đo tốc độ"], ["pre-commit", "install"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True, capture_output=True)


# ---- the table

@dataclass
class Row:
    step: str
    what: str
    seconds: str
    memory: str
    budget: str
    verdict: str  # "đạt", "KHÔNG ĐẠT", or a note


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def _mb(kb: int) -> str:
    return f"{kb / MB:.0f} MB"


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _verdict(ok: bool, judged: bool, note: str = "") -> str:
    if not judged:
        return "không xét (--nhanh)"
    text = "đạt" if ok else "KHÔNG ĐẠT"
    return f"{text} ({note})" if note else text


def print_table(rows: Sequence[Row]) -> None:
    header = Row("bước", "việc", "thời gian", "RSS đỉnh", "ngân sách", "kết quả")
    cells = [[r.step, r.what, r.seconds, r.memory, r.budget, r.verdict] for r in [header, *rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(6)]
    lines = []
    for n, c in enumerate(cells):
        lines.append("| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print("\n".join(lines), flush=True)


# ---- render steps, in their own process (so that wait4 sees their peak memory)

def _step(argv: Sequence[str]) -> int:
    kind, repo, out, jobs, files = argv[0], Path(argv[1]), Path(argv[2]), int(argv[3]), argv[4:]
    if kind == "in-hoso":
        seconds, count = bench_render.hoso_render(repo, out, jobs)
    elif kind == "in-tran":
        markdown = sorted((out / ".hoso-cache").rglob("*.md"))
        seconds, count = bench_render.bare(markdown, repo / "templates", jobs), len(markdown)
    else:  # "in-mot": one render process, as a worker renders (Typst runs in-process)
        import resource

        from hoso.render import render_paths
        from hoso.repo import Repo

        started = time.perf_counter()
        report = render_paths(files, Repo(repo), out, jobs=1, use_cache=False)
        seconds, count = time.perf_counter() - started, len(report.rendered)
        if report.exit_code() != 0:
            raise SystemExit(f"render failed: {report.errors[:3]} {report.findings[:3]}")
        print(json.dumps({
            "giay": seconds, "so": count,
            "rss_ban_than": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "rss_con": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
        return 0
    print(json.dumps({"giay": seconds, "so": count}))
    return 0


_STARTED = time.monotonic()


def _progress(msg: str) -> None:
    print(f"… [{time.monotonic() - _STARTED:4.0f} s] {msg}", file=sys.stderr, flush=True)


class Bench:
    """The steps, in order; each appends its rows, the commands it ran and missed budgets."""

    def __init__(self, sizes: Sizes, jobs: int, work: Path) -> None:
        self.sizes, self.jobs, self.work = sizes, jobs, work
        self.env = child_env(work)
        self.repo = work / "kho"
        self.rows: list[Row] = []
        self.commands: list[str] = []
        self.failed: list[str] = []
        _progress(f"tạo {_n(sizes.check)} hồ sơ hư cấu và kho git tạm")
        self.files = make_repo(self.repo, sizes.check)
        git_init(self.repo, self.env)
        self.largest = sorted(self.files, key=lambda p: (-p.stat().st_size, p.name))

    def run(self, only: Sequence[str] = ()) -> None:
        steps = {"1": self.one_dossier, "2": self.many_dossiers, "3": self.render,
                 "4": self.rebuild, "5": self.site}
        for number, step in steps.items():
            if not only or number in only:
                step()

    # ---- helpers

    def measure(self, cmd: Sequence[str], shown: Sequence[str] | None = None,
                **kw: Any) -> Measure:
        kw.setdefault("cwd", self.repo)
        m = measure(cmd, env=self.env, **kw)
        if shown is not None:
            self.commands.append(f"(cd $KHO && {shlex.join(shown)})")
        return m

    def step_process(self, kind: str, repo: Path, out: Path, jobs: int,
                     files: Sequence[str] = ()) -> tuple[Measure, dict[str, float]]:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--buoc", kind, str(repo),
               str(out), str(jobs), *files]
        m = self.measure(cmd, cwd=repo)
        return m, json.loads(m.stdout.strip().splitlines()[-1])

    def add(self, step: str, what: str, seconds: str, memory: str, budget: str,
            ok: bool | None = None, *, scaled: bool = False, note: str = "") -> None:
        """A row; ``ok`` None is a row without a budget, ``scaled`` a size-dependent budget."""
        if ok is None:
            verdict = note or "—"
        else:
            judged = self.sizes.full or not scaled
            verdict = _verdict(ok, judged, note)
            if judged and not ok:
                self.failed.append(step)
        self.rows.append(Row(step, what, seconds, memory, budget, verdict))

    # ---- the steps

    def one_dossier(self) -> None:
        _progress("bước 1: kiểm tra một hồ sơ qua pre-commit")
        big = self.largest[0]
        one = str(big.relative_to(self.repo))
        runs = self.sizes.best_of
        cmd = ["pre-commit", "run", "--files", one]
        m = self.measure(cmd, cmd, runs=runs, warmup=1)
        self.add("1", f"hoso check 1 hồ sơ ({big.stat().st_size // 1024} KB) qua pre-commit, "
                 f"tốt nhất {runs} lần", _s(m.seconds), _mb(m.rss_kb), "≤ 0.35 s",
                 m.seconds <= 0.35)
        cmd = ["hoso", "check", one]
        m = self.measure(cmd, cmd, runs=runs, warmup=1)
        self.add("1", f"hoso check 1 hồ sơ trực tiếp, tốt nhất {runs} lần", _s(m.seconds),
                 _mb(m.rss_kb), "—", note="tham khảo")

    def many_dossiers(self) -> None:
        n = _n(self.sizes.check)
        _progress(f"bước 2: kiểm tra {n} hồ sơ; check-jsonschema trên cùng các tệp")
        cmd = ["hoso", "check", "dossiers/"]
        ours = self.measure(cmd, cmd, runs=3, warmup=1, expect="không có lỗi nào")
        schema = ["check-jsonschema", "--schemafile", "schema/2-knd-2025.schema.json"]
        theirs = self.measure([*schema, *(str(p.relative_to(self.repo)) for p in self.files)],
                              [*schema, "dossiers/*/*.yaml"], ok=(0, 1))
        ok = ours.seconds <= 3 and ours.rss_kb <= 300 * MB and ours.seconds < theirs.seconds
        self.add("2", f"hoso check {n} hồ sơ, tốt nhất 3 lần", _s(ours.seconds),
                 _mb(ours.rss_kb), "≤ 3 s; ≤ 300 MB; nhanh hơn check-jsonschema", ok,
                 scaled=True)
        self.add("2", f"check-jsonschema (chỉ lược đồ), cùng {n} tệp, 1 lần",
                 _s(theirs.seconds), _mb(theirs.rss_kb), "so sánh",
                 note=f"hoso nhanh hơn {theirs.seconds / ours.seconds:.1f}×")

    def render(self) -> None:
        sizes = self.sizes
        chosen = self.files[:: max(1, sizes.check // sizes.render)][: sizes.render]
        repo, out = self.work / "kho-in", self.work / "out-in"
        subset_repo(self.repo, repo, chosen)
        _progress(f"bước 3: in DOCX + PDF {_n(len(chosen))} hồ sơ, so với pandoc + typst trần")
        ours: list[tuple[Measure, dict[str, float]]] = []
        bare: list[tuple[Measure, dict[str, float]]] = []
        for _ in range(sizes.rounds):  # alternated: load on the machine hits both sides
            ours.append(self.step_process("in-hoso", repo, out, self.jobs))
            bare.append(self.step_process("in-tran", repo, out, self.jobs))
        ours_s = min(r["giay"] for _, r in ours)
        bare_s = min(r["giay"] for _, r in bare)
        count = _n(int(ours[0][1]["so"]))
        self.commands.append(f"benchmarks/bench_render.py: hoso_render và bare, {count} hồ sơ, "
                             f"{self.jobs} tiến trình, {sizes.rounds} lượt xen kẽ")
        ratio = ours_s / bare_s
        self.add("3", f"hoso render DOCX + PDF {count} hồ sơ ({self.jobs} tiến trình), tốt "
                 f"nhất {sizes.rounds} lượt", _s(ours_s), _mb(max(m.rss_kb for m, _ in ours)),
                 "≤ 1.3 × pandoc + typst trần", ratio <= 1.3, scaled=True, note=f"{ratio:.2f}×")
        self.add("3", f"pandoc + typst trần, cùng Markdown {count} hồ sơ", _s(bare_s),
                 _mb(max(m.rss_kb for m, _ in bare)), "so sánh")
        files = [str(p) for p in self.largest[: sizes.worker]]
        _, done = self.step_process("in-mot", self.repo, self.work / "out-1", 1, files)
        own, children = int(done["rss_ban_than"]), int(done["rss_con"])
        self.commands.append(f"render_paths(jobs=1) trong một tiến trình: {len(files)} hồ sơ "
                             f"lớn nhất")
        self.add("3", f"một tiến trình in (như một worker, Typst bên trong), "
                 f"{_n(int(done['so']))} hồ sơ lớn nhất", _s(done["giay"]),
                 f"{_mb(own)} + pandoc {_mb(children)}", "≤ 500 MB (cộng cả pandoc)",
                 own + children <= 500 * MB)

    def rebuild(self) -> None:
        n = _n(self.sizes.check)
        _progress(f"bước 4: in {n} hồ sơ lần đầu (vài phút), rồi in lại khi không đổi")
        cmd = ["hoso", "render", "--out", str(self.work / "out-tat-ca")]
        shown = [*cmd[:3], "OUT"]
        first = self.measure(cmd, shown)
        self.add("4", f"(chuẩn bị) hoso render lần đầu {n} hồ sơ", _s(first.seconds),
                 _mb(first.rss_kb), "—",
                 note=f"{first.seconds / self.sizes.check * 1000:.0f} ms/hồ sơ")
        # like bench_render.rebuild: one run first, so that the measured ones have nothing to do
        again = self.measure(cmd, shown, runs=3, warmup=1, expect=": đã in 0,")
        self.add("4", f"hoso render lại {n} hồ sơ không đổi, tốt nhất 3 lần",
                 _s(again.seconds), _mb(again.rss_kb), "≤ 1 s", again.seconds <= 1, scaled=True)

    def site(self) -> None:
        _progress("bước 5: dựng trang hướng dẫn")
        cmd = ["hoso", "site", "--out", str(self.work / "site")]
        m = self.measure(cmd, [*cmd[:3], "SITE"], runs=2)
        self.add("5", "hoso site (có in DOCX, PDF hồ sơ minh họa), tốt nhất 2 lần",
                 _s(m.seconds), _mb(m.rss_kb), "≤ 10 s", m.seconds <= 10)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--buoc"]:
        return _step(args_list[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nhanh", "--quick", dest="quick", action="store_true",
                        help="chạy nhanh với số hồ sơ nhỏ (kiểm tra kịch bản, không xét ngân sách "
                             "phụ thuộc số lượng)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="số tiến trình in (mặc định: số CPU)")
    parser.add_argument("--chi", metavar="BƯỚC", default="",
                        help="chỉ đo các bước này, ví dụ --chi 1,2 (mặc định: cả năm bước)")
    parser.add_argument("--giu", metavar="THƯ_MỤC", type=Path, default=None,
                        help="làm việc trong thư mục này và giữ lại (mặc định: thư mục tạm, xóa "
                             "khi xong)")
    args = parser.parse_args(args_list)
    from hoso.render.pool import default_jobs

    sizes = QUICK if args.quick else FULL
    jobs = args.jobs or default_jobs()
    shown = shlex.join(["python", "benchmarks/run.py", *args_list])
    print(f"Lệnh: {shown}")
    print(f"Máy: {os.cpu_count()} CPU, {jobs} tiến trình in; Python {platform.python_version()}; "
          f"{platform.system()} {platform.machine()}", flush=True)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if args.giu is not None:
            args.giu.mkdir(parents=True)
            work = args.giu.resolve()
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hoso-do-")))
        bench = Bench(sizes, jobs, work)
        bench.run([x.strip() for x in args.chi.split(",") if x.strip()])
    rows, commands, failed = bench.rows, bench.commands, bench.failed
    print()
    print_table(rows)
    print()
    print("RSS đỉnh: bộ nhớ thường trú lớn nhất của một tiến trình trong bước (lệnh hoặc tiến "
          "trình con nó chờ: tiến trình in, pandoc), theo os.wait4.")
    print("Các lệnh được đo ($KHO: kho tạm với các hồ sơ sinh bởi benchmarks/generate.py):")
    for c in dict.fromkeys(commands):
        print(f"  {c}")
    total = time.perf_counter() - started
    if failed:
        print(f"\nKHÔNG ĐẠT ngân sách ở bước: {', '.join(dict.fromkeys(failed))}. "
              f"Tổng thời gian đo: {total:.0f} s.")
        return 1
    print(f"\nCác ngân sách được xét đều đạt. Tổng thời gian đo: {total:.0f} s.")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except StepFailed as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
