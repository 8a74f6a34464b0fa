"""The budgets of DESIGN.md section 9 as ratios, each pair measured in alternation in one run.

    python benchmarks/run.py                 # the full run (about 8 minutes on 2 cores)
    python benchmarks/run.py --nhanh         # a smoke run at reduced sizes (--quick)
    python benchmarks/run.py --chi 1,2       # only some steps (while profiling a fix)
    python benchmarks/run.py --ghi-readme    # the full run, its table written into README.md

A shared machine makes absolute times meaningless from one day to the next, so every budget is a
**ratio against a floor or a peer measured in the same run**: the two commands of a pair run
alternately (A B B A A B …, so that a change of load hits both), each as a child process as a
user runs it, and the best time of each side counts. The one-minute load average
(``os.getloadavg``) is read before and after each step and printed beside its figures. The two
budgets the design states in seconds (pre-commit on one dossier, a no-op render) are judged only
when the machine was idle during the step; otherwise the row says so.

A temporary repository is made like a committee's copy (schema, templates, to-chuc.yaml, docs,
mkdocs.yml, .pre-commit-config.yaml and the hook's launcher scripts/hoso-hook) with N generated
fictional dossiers (benchmarks/generate.py, fixed seed, varied sizes; they pass ``hoso check``),
committed to git with ``pre-commit install`` done. The floors are in benchmarks/floor.py. Steps:

1. one dossier (the largest): ``hoso check FILE`` and ``pre-commit run --files FILE`` against the
   floor process on that file;
2. ``hoso check dossiers/`` of 1,000 dossiers against the floor script on the same files, and
   check-jsonschema (schema only) on them; the peak memory of a check of 5,000 against 1,000;
3. ``hoso render`` DOCX + PDF of 100 dossiers (every tenth) and of one against bare pandoc +
   Typst on the same Markdown (benchmarks/bench_render.py: the same command lines, warm Typst
   compilers in as many spawn workers); one render process's memory;
4. with the 1,000 rendered once: ``hoso render`` again (nothing to do) against reading and hashing
   every dossier; ``hoso build`` with nothing changed (check and render; site and report have
   their own costs) against ``hoso check`` of the same dossiers;
5. ``hoso site`` against a bare ``mkdocs build`` of the same generated pages: into a folder it
   built before (the pages and the sample's documents kept in its ``.hoso-cache``), and into an
   empty folder (no target: shown for what a first build costs).

``--ghi-readme`` replaces the block between ``<!-- hoso-benchmark:start -->`` and
``<!-- hoso-benchmark:end -->`` in README.md with this run's table; the README never shows a figure
that this script did not measure. Size-dependent budgets are judged only in the full run. Child
processes get ``PYTHONPYCACHEPREFIX`` in the temporary folder (compiled bytecode, as an installed
package has it, and nothing written into this repository) and ``HOSO_NGAY`` pinned.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_render  # noqa: E402
import generate  # noqa: E402

#: The date the rules judge the generated dossiers at (their stage dates are in 2026).
ON_DATE = "2026-11-27"
MB = 1024  # ru_maxrss is in KiB on Linux
START = "<!-- hoso-benchmark:start -->"
END = "<!-- hoso-benchmark:end -->"
#: A machine is idle for the budgets in seconds when its one-minute load stays at or under this.
IDLE_LOAD = 0.5


@dataclass(frozen=True)
class Sizes:
    check: int  # dossiers generated, checked and rebuilt
    memory: int  # dossiers checked for the memory row (against ``check``)
    render: int  # dossiers rendered against bare pandoc + typst
    worker: int  # dossiers rendered by one process for its memory
    one: int  # alternations of the one-dossier pairs
    many: int  # alternations of the pairs over many dossiers
    renders: int  # alternations of the render pairs
    sites: int  # alternations of the site pairs (a couple of seconds each)
    full: bool


FULL = Sizes(check=1000, memory=5000, render=100, worker=10, one=7, many=3, renders=2, sites=5,
              full=True)
QUICK = Sizes(check=150, memory=600, render=6, worker=2, one=2, many=1, renders=1, sites=1,
               full=False)


@dataclass
class Measure:
    times: list[float] = field(default_factory=list)
    rss_kb: int = 0  # largest peak RSS over the runs
    stdout: str = ""  # of the last run

    @property
    def best(self) -> float:
        return min(self.times)


class StepFailed(RuntimeError):
    def __init__(self, cmd: Sequence[str], code: int, output: str) -> None:
        super().__init__(f"Lệnh thất bại (mã thoát {code}): {shlex.join(cmd)}\n{output[-3000:]}")


def run_once(cmd: Sequence[str], m: Measure, *, cwd: Path, env: dict[str, str],
             ok: Sequence[int] = (0,), expect: str = "", record: bool = True) -> None:
    """Run ``cmd`` once; its wall time and peak RSS (``os.wait4``) go into ``m``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if code not in ok:
        raise StepFailed(cmd, code, stdout + stderr)
    if expect not in stdout:
        raise StepFailed(cmd, code, f"thiếu “{expect}” trong:\n{stdout}")
    m.stdout = stdout
    if record:
        m.times.append(elapsed)
        m.rss_kb = max(m.rss_kb, usage.ru_maxrss)


# ---- the repository

def make_repo(dest: Path, count: int) -> list[Path]:
    """A committee's repository with ``count`` generated dossiers (not yet in git)."""
    dest.mkdir(parents=True)
    for name in ("schema", "templates", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("to-chuc.yaml", "mkdocs.yml", ".pre-commit-config.yaml", "scripts/hoso-hook"):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
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

def num(x: float, digits: int = 2) -> str:
    """Vietnamese decimals: ``0,62``."""
    return f"{x:.{digits}f}".replace(".", ",")


def secs(seconds: float) -> str:
    return f"{num(seconds)} s" if seconds < 100 else f"{seconds:.0f} s"


def mb(kb: int) -> str:
    return f"{kb / MB:.0f} MB"


def count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Target:
    """``value`` is an upper (``at_most``) or a lower bound of a figure."""

    value: float
    at_most: bool = True
    unit: str = "×"

    def met(self, x: float) -> bool:
        return x <= self.value if self.at_most else x >= self.value

    def __str__(self) -> str:
        shown = num(self.value, 2).rstrip("0").rstrip(",")
        return f"{'≤' if self.at_most else '≥'} {shown}{'×' if self.unit == '×' else ' ' + self.unit}"


@dataclass
class Row:
    step: str
    what: str
    ours: str
    peer: str
    ratio: str
    target: str
    verdict: str  # "đạt", "KHÔNG ĐẠT", or why it was not judged
    load: str


HEADER = Row("bước", "việc", "hoso", "so với", "tỉ lệ", "mục tiêu", "kết quả", "tải 1 phút")


def table(rows: Sequence[Row]) -> str:
    cells = [[r.step, r.what, r.ours, r.peer, r.ratio, r.target, r.verdict, r.load]
             for r in [HEADER, *rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]
    lines = []
    for n, c in enumerate(cells):
        lines.append("| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def write_readme(path: Path, block: str) -> None:
    """Replace the marked block of ``path`` with ``block`` (the markers stay)."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: không thấy cặp dấu {START} … {END}.")
    new = text[: start + len(START)] + "\n" + block.rstrip("\n") + "\n" + text[end:]
    path.write_text(new, encoding="utf-8")


# ---- steps that run in their own process (so that wait4 sees their peak memory)

def _step(argv: Sequence[str]) -> int:
    kind, repo, out, jobs, rest = argv[0], Path(argv[1]), Path(argv[2]), int(argv[3]), argv[4:]
    if kind == "in-tran":  # bare pandoc + typst over the Markdown a hoso render left in ``out``
        markdown = sorted((out / ".hoso-cache").rglob("*.md"))
        seconds = bench_render.bare(markdown, repo / "templates", jobs)
        print(json.dumps({"giay": seconds, "so": len(markdown)}))
    elif kind == "in-tran-1":  # the same for one file, in this process (as hoso does for one)
        bench_render._bare_init(str(repo / "templates"))
        print(json.dumps({"giay": bench_render._bare_one(rest[0]), "so": 1}))
    elif kind == "trang":  # the generated pages of hoso site, kept in ``out`` for a bare mkdocs
        import yaml

        from hoso.repo import Repo
        from hoso.site import build_site

        build_site(Repo(repo), out / "site", work_dir=out / "lam")
        # the bare build: the same configuration without what hoso adds to mkdocs (its hooks:
        # compiled templates kept, the search index folded); the repository's own hooks stay
        config_path = out / "lam" / "mkdocs.yml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        config["hooks"] = [h for h in config["hooks"] if Path(h).name != "mkdocs_hooks.py"]
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
    else:  # "in-mot": one render process, as a worker renders (Typst runs in-process)
        import resource

        from hoso.render import render_paths
        from hoso.repo import Repo

        started = time.perf_counter()
        report = render_paths(rest, Repo(repo), out, jobs=1, use_cache=False)
        if report.exit_code() != 0:
            raise SystemExit(f"render failed: {report.errors[:3]} {report.findings[:3]}")
        print(json.dumps({
            "giay": time.perf_counter() - started, "so": len(report.rendered),
            "rss_ban_than": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "rss_con": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
    return 0


_STARTED = time.monotonic()


def _progress(msg: str) -> None:
    print(f"… [{time.monotonic() - _STARTED:4.0f} s] {msg}", file=sys.stderr, flush=True)


Cmd = Sequence[str]


@dataclass
class Side:
    """One side of a pair: the command, what must be in its output, and its exit codes."""

    cmd: Cmd
    expect: str = ""
    ok: Sequence[int] = (0,)
    cwd: Path | None = None


class Bench:
    """The steps, in order; each appends its rows, the commands it ran and missed budgets."""

    def __init__(self, sizes: Sizes, jobs: int, work: Path) -> None:
        self.sizes, self.jobs, self.work = sizes, jobs, work
        self.env = child_env(work)
        self.repo = work / "kho"
        self.rows: list[Row] = []
        self.commands: list[str] = []
        self.failed: list[str] = []
        self.loads: list[float] = []
        _progress(f"tạo {count(sizes.check)} hồ sơ hư cấu và kho git tạm")
        self.files = make_repo(self.repo, sizes.check)
        git_init(self.repo, self.env)
        self.largest = sorted(self.files, key=lambda p: (-p.stat().st_size, p.name))
        self.rel = [str(p.relative_to(self.repo)) for p in self.files]
        self.floor = [sys.executable, str(HERE / "floor.py"), "schema/2-knd-2025.schema.json"]

    def run(self, only: Sequence[str] = ()) -> None:
        steps = {"1": self.one_dossier, "2": self.many_dossiers, "3": self.render,
                 "4": self.rebuild, "5": self.site}
        for number, step in steps.items():
            if not only or number in only:
                step()

    # ---- helpers

    def load_now(self) -> float:
        value = os.getloadavg()[0]
        self.loads.append(value)
        return value

    def pair(self, a: Side, b: Side, rounds: int, warmup: int = 1) -> tuple[Measure, Measure]:
        """``a`` and ``b`` alternately (A B, B A, A B …) after ``warmup`` runs of each."""
        ma, mb_ = Measure(), Measure()
        for _ in range(warmup):
            self.once(a, ma, record=False)
            self.once(b, mb_, record=False)
        for i in range(rounds):
            order = ((a, ma), (b, mb_)) if i % 2 == 0 else ((b, mb_), (a, ma))
            for side, m in order:
                self.once(side, m)
        return ma, mb_

    def once(self, side: Side, m: Measure, *, record: bool = True) -> None:
        run_once(side.cmd, m, cwd=side.cwd or self.repo, env=self.env, ok=side.ok,
                 expect=side.expect, record=record)

    def shown(self, cmd: Cmd) -> None:
        """Record ``cmd`` as the user would type it (``python`` for this interpreter)."""
        words = ["python" if w == sys.executable else
                 os.path.relpath(w, ROOT) if w.startswith(str(HERE)) else w for w in cmd]
        self.commands.append(f"(cd $KHO && {shlex.join(words)})")

    def step_cmd(self, kind: str, repo: Path, out: Path, jobs: int, *rest: str) -> list[str]:
        return [sys.executable, str(Path(__file__).resolve()), "--buoc", kind, str(repo),
                str(out), str(jobs), *rest]

    def add(self, step: str, what: str, ours: str, peer: str, ratio: float | None,
            target: Target | None, load: tuple[float, float], *, scaled: bool = False,
            idle_only: bool = False, figure: float | None = None) -> None:
        """A row judged on ``figure`` (default: ``ratio``) against ``target``.

        ``scaled``: the budget depends on the number of dossiers (judged in the full run only);
        ``idle_only``: a budget in seconds (judged only when the load stayed at or under
        :data:`IDLE_LOAD`).
        """
        value = ratio if figure is None else figure
        if target is None or value is None:
            verdict = "—"
        elif scaled and not self.sizes.full:
            verdict = "không xét (--nhanh)"
        elif idle_only and max(load) > IDLE_LOAD:
            verdict = f"không xét (máy bận, tải > {num(IDLE_LOAD, 1)})"
        elif target.met(value):
            verdict = "đạt"
        else:
            verdict = "KHÔNG ĐẠT"
            self.failed.append(step)
        self.rows.append(Row(step, what, ours, peer, "—" if ratio is None else f"{num(ratio)}×",
                             "—" if target is None else str(target), verdict,
                             f"{num(load[0], 1)}–{num(load[1], 1)}"))

    # ---- 1. one dossier

    def one_dossier(self) -> None:
        _progress("bước 1: kiểm tra một hồ sơ, trực tiếp và qua pre-commit, so với sàn")
        big = self.largest[0]
        one = str(big.relative_to(self.repo))
        n = self.sizes.one
        floor = Side([*self.floor, one])
        check = ["hoso", "check", one]
        hook = ["pre-commit", "run", "--files", one]
        before = self.load_now()
        ours, base = self.pair(Side(check), floor, n)
        hooked, base2 = self.pair(Side(hook), floor, n)
        load = (before, self.load_now())
        for cmd in (check, hook, floor.cmd):
            self.shown(cmd)
        size = f"{big.stat().st_size // 1024} KB"
        floor_best = min(base.best, base2.best)
        self.add("1", f"hoso check 1 hồ sơ ({size}), tốt nhất {n} lượt xen kẽ",
                 secs(ours.best), f"sàn {secs(base.best)}", ours.best / base.best,
                 Target(2.0), load)
        self.add("1", f"pre-commit run 1 hồ sơ ({size}), tốt nhất {n} lượt xen kẽ",
                 secs(hooked.best), f"sàn {secs(base2.best)}", hooked.best / base2.best,
                 None, load)
        self.add("1", "pre-commit run 1 hồ sơ: thời gian (chỉ xét khi máy rảnh)",
                 secs(hooked.best), f"sàn {secs(floor_best)}", None, Target(0.35, unit="s"),
                 load, idle_only=True, figure=hooked.best)

    # ---- 2. many dossiers

    def many_dossiers(self) -> None:
        sizes = self.sizes
        n = count(sizes.check)
        _progress(f"bước 2: kiểm tra {n} hồ sơ, so với sàn và check-jsonschema")
        check = ["hoso", "check", "dossiers/"]
        floor = [*self.floor, *self.rel]
        before = self.load_now()
        ours, base = self.pair(Side(check, expect="không có lỗi nào"), Side(floor), sizes.many)
        schema = ["check-jsonschema", "--schemafile", "schema/2-knd-2025.schema.json"]
        theirs = Measure()
        self.once(Side([*schema, *self.rel], ok=(0, 1)), theirs)
        load = (before, self.load_now())
        self.shown(check)
        self.shown([*self.floor, "dossiers/*/*.yaml"])
        self.shown([*schema, "dossiers/*/*.yaml"])
        self.add("2", f"hoso check {n} hồ sơ, tốt nhất {sizes.many} lượt xen kẽ",
                 secs(ours.best), f"sàn {secs(base.best)}", ours.best / base.best, Target(0.8),
                 load, scaled=True)
        self.add("2", f"check-jsonschema (chỉ lược đồ) cùng {n} tệp, so với hoso check",
                 secs(ours.best), f"check-jsonschema {secs(theirs.best)}",
                 theirs.best / ours.best, Target(25, at_most=False), load, scaled=True)

        big = self.work / "kho-lon"
        _progress(f"bước 2: bộ nhớ khi kiểm tra {count(sizes.memory)} hồ sơ so với {n}")
        make_repo(big, sizes.memory)
        before = self.load_now()
        large = Measure()
        self.once(Side(check, expect="không có lỗi nào", cwd=big), large)
        load = (before, self.load_now())
        self.add("2", f"RSS đỉnh hoso check {count(sizes.memory)} hồ sơ so với {n}",
                 mb(large.rss_kb), f"{n} hồ sơ: {mb(ours.rss_kb)}", large.rss_kb / ours.rss_kb,
                 Target(1.2), load, scaled=True)
        shutil.rmtree(big)

    # ---- 3. render

    def render(self) -> None:
        sizes = self.sizes
        chosen = self.files[:: max(1, sizes.check // sizes.render)][: sizes.render]
        repo, out = self.work / "kho-in", self.work / "out-in"
        subset_repo(self.repo, repo, chosen)
        n = count(len(chosen))
        _progress(f"bước 3: in DOCX + PDF {n} hồ sơ, so với pandoc + typst trần")
        render = ["hoso", "render", "--khong-cache", "--jobs", str(self.jobs), "--out", str(out)]
        bare = self.step_cmd("in-tran", repo, out, self.jobs)
        before = self.load_now()
        # hoso's warm-up run writes the Markdown the bare side converts
        ours, base = self.pair(Side(render, cwd=repo), Side(bare, cwd=repo), sizes.renders)
        load = (before, self.load_now())
        self.commands.append(f"(cd $KHO_IN && {shlex.join([*render[:-1], 'OUT'])}) và "
                             f"bench_render.bare: cùng Markdown, {self.jobs} tiến trình")
        self.add("3", f"hoso render DOCX + PDF {n} hồ sơ ({self.jobs} tiến trình), tốt nhất "
                 f"{sizes.renders} lượt xen kẽ", secs(ours.best),
                 f"pandoc + typst trần {secs(base.best)}", ours.best / base.best, Target(1.15),
                 load, scaled=True)

        _progress("bước 3: in một hồ sơ, so với pandoc + typst trần")
        one = chosen[0]
        one_out = self.work / "out-1"
        render1 = ["hoso", "render", "--khong-cache", "--out", str(one_out),
                   str(one.relative_to(self.repo))]
        before = self.load_now()
        warm = Measure()
        self.once(Side(render1, cwd=repo), warm, record=False)
        markdown = next((one_out / ".hoso-cache").rglob("*.md"))
        bare1 = self.step_cmd("in-tran-1", repo, one_out, 1, str(markdown))
        ours, base = self.pair(Side(render1, cwd=repo), Side(bare1, cwd=repo), sizes.one,
                               warmup=0)
        load = (before, self.load_now())
        self.commands.append(f"(cd $KHO_IN && {shlex.join([*render1[:4], 'OUT', render1[5]])})")
        self.add("3", f"hoso render DOCX + PDF 1 hồ sơ, tốt nhất {sizes.one} lượt xen kẽ",
                 secs(ours.best), f"pandoc + typst trần {secs(base.best)}",
                 ours.best / base.best, Target(1.3), load)

        files = [str(p) for p in self.largest[: sizes.worker]]
        before = self.load_now()
        m = Measure()
        self.once(Side(self.step_cmd("in-mot", self.repo, self.work / "out-mot", 1, *files)), m)
        load = (before, self.load_now())
        done = json.loads(m.stdout.strip().splitlines()[-1])
        own, children = int(done["rss_ban_than"]), int(done["rss_con"])
        self.commands.append(f"render_paths(jobs=1) trong một tiến trình: {len(files)} hồ sơ "
                             f"lớn nhất")
        self.add("3", f"bộ nhớ một tiến trình in (Typst bên trong), {count(int(done['so']))} hồ "
                 f"sơ lớn nhất", f"{mb(own)} + pandoc {mb(children)}", "—", None,
                 Target(500, unit="MB"), load, figure=(own + children) / MB)

    # ---- 4. nothing changed

    def rebuild(self) -> None:
        sizes = self.sizes
        n = count(sizes.check)
        out = self.work / "build"
        build = ["hoso", "build", "--khong-trang", "--khong-thong-ke", "--out", str(out)]
        _progress(f"bước 4: in {n} hồ sơ lần đầu (vài phút), rồi in lại khi không đổi")
        first = Measure()
        self.once(Side(build), first)
        self.add("4", f"(chuẩn bị) hoso build lần đầu, in {n} hồ sơ", secs(first.best), "—",
                 None, None, (self.load_now(), self.load_now()))
        render = ["hoso", "render", "--out", str(out / "ho-so")]
        hashes = [sys.executable, str(HERE / "floor.py"), "--bam", *self.rel]
        before = self.load_now()
        ours, base = self.pair(Side(render, expect=": đã in 0,"), Side(hashes), sizes.one)
        load = (before, self.load_now())
        self.shown([*render[:3], "OUT/ho-so"])
        self.shown([*hashes[:3], "dossiers/*/*.yaml"])
        self.add("4", f"hoso render lại {n} hồ sơ không đổi, tốt nhất {sizes.one} lượt xen kẽ",
                 secs(ours.best), f"đọc + băm từng tệp {secs(base.best)}",
                 ours.best / base.best, None, load)
        self.add("4", f"hoso render lại {n} hồ sơ không đổi: thời gian (chỉ xét khi máy rảnh)",
                 secs(ours.best), "—", None, Target(0.4, unit="s"), load, scaled=True,
                 idle_only=True, figure=ours.best)
        check = ["hoso", "check", "dossiers/"]
        before = self.load_now()
        ours, base = self.pair(Side(build, expect=": đã in 0,"),
                               Side(check, expect="không có lỗi nào"), sizes.many)
        load = (before, self.load_now())
        self.shown([*build[:-1], "OUT"])
        self.add("4", f"hoso build {n} hồ sơ không đổi (kiểm tra + in; không trang, thống kê)",
                 secs(ours.best), f"hoso check {secs(base.best)}", ours.best / base.best,
                 Target(1.5), load, scaled=True)

    # ---- 5. site

    def site(self) -> None:
        _progress("bước 5: dựng trang hướng dẫn, so với mkdocs build trần")
        pages = self.work / "trang"
        m = Measure()
        self.once(Side(self.step_cmd("trang", self.repo, pages, 1)), m)
        site = ["hoso", "site", "--out", str(self.work / "site")]
        bare = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                str(pages / "lam" / "mkdocs.yml"), "-d", str(self.work / "site-tran")]
        before = self.load_now()
        ours, base = self.pair(Side(site), Side(bare), self.sizes.sites)
        load = (before, self.load_now())
        self.shown([*site[:3], "SITE"])
        self.commands.append("python -m mkdocs build --strict -f LAM/mkdocs.yml (các trang "
                             "hoso site sinh ra, giữ lại)")
        self.add("5", f"hoso site (có in DOCX, PDF hồ sơ minh họa; trang và bản in mẫu giữ từ "
                 f"lần dựng trước), tốt nhất {self.sizes.sites} lượt xen kẽ", secs(ours.best),
                 f"mkdocs build trần {secs(base.best)}", ours.best / base.best, Target(1.2),
                 load)
        # the first build of a site folder: no .hoso-cache yet (pages generated, sample rendered)
        before = self.load_now()
        cold, bare2 = Measure(), Measure()
        for n in range(self.sizes.sites):
            self.once(Side([*site[:3], str(self.work / f"site-lan-dau-{n}")]), cold)
            self.once(Side(bare), bare2)
        load = (before, self.load_now())
        self.add("5", f"hoso site lần đầu vào thư mục trống (sinh trang, in mẫu), tốt nhất "
                 f"{self.sizes.sites} lượt xen kẽ", secs(cold.best),
                 f"mkdocs build trần {secs(bare2.best)}", cold.best / bare2.best, None, load)


def closing(bench: Bench, total: float) -> str:
    loads = bench.loads or [os.getloadavg()[0]]
    lines = [
        "Tỉ lệ: thời gian hoso chia cho thời gian của mốc so sánh đo xen kẽ trong cùng lần chạy "
        "(tốt nhất mỗi bên); “sàn”: benchmarks/floor.py (một tiến trình đọc, nạp bằng PyYAML C "
        "và kiểm bằng jsonschema-rs từng tệp). Tải 1 phút (os.getloadavg) trước–sau mỗi bước; "
        f"cả lần đo: {num(min(loads), 1)}–{num(max(loads), 1)} trên {os.cpu_count()} CPU. Ngân "
        f"sách tính bằng giây chỉ xét khi tải ≤ {num(IDLE_LOAD, 1)}.",
    ]
    if bench.failed:
        lines.append(f"KHÔNG ĐẠT ngân sách ở bước: {', '.join(dict.fromkeys(bench.failed))}. "
                     f"Tổng thời gian đo: {total:.0f} s.")
    else:
        lines.append(f"Các ngân sách được xét đều đạt. Tổng thời gian đo: {total:.0f} s.")
    return "\n".join(lines)


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
    parser.add_argument("--ghi-readme", metavar="README", type=Path, nargs="?",
                        const=ROOT / "README.md", default=None,
                        help="ghi bảng kết quả vào khối đánh dấu của README.md (hoặc tệp này)")
    args = parser.parse_args(args_list)
    if args.ghi_readme is not None and args.chi:
        parser.error("--ghi-readme cần đủ các bước (bỏ --chi)")
    from hoso.render.pool import default_jobs

    sizes = QUICK if args.quick else FULL
    jobs = args.jobs or default_jobs()
    command = shlex.join(["python", "benchmarks/run.py", *args_list])
    machine = (f"{os.cpu_count()} CPU, {jobs} tiến trình in; Python {platform.python_version()}; "
               f"{platform.system()} {platform.machine()}")
    print(f"Lệnh: {command}")
    print(f"Máy: {machine}", flush=True)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if args.giu is not None:
            args.giu.mkdir(parents=True)
            work = args.giu.resolve()
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hoso-do-")))
        bench = Bench(sizes, jobs, work)
        bench.run([x.strip() for x in args.chi.split(",") if x.strip()])
    text = table(bench.rows)
    note = closing(bench, time.perf_counter() - started)
    print()
    print(text)
    print()
    print("Các lệnh được đo ($KHO: kho tạm với các hồ sơ sinh bởi benchmarks/generate.py):")
    for c in dict.fromkeys(bench.commands):
        print(f"  {c}")
    print()
    print(note)
    if args.ghi_readme is not None:
        day = datetime.date.today().isoformat()
        block = (f"<!-- Khối này do `python benchmarks/run.py --ghi-readme` ghi; đừng sửa tay. -->\n"
                 f"Lệnh: `{command}` · ngày đo {day} · máy: {machine}.\n\n{text}\n\n{note}\n")
        write_readme(args.ghi_readme, block)
        print(f"Đã ghi bảng vào {args.ghi_readme}.")
    return 1 if bench.failed else 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except StepFailed as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
