"""Benchmark of ``hoso render`` against the budgets of DESIGN.md section 9.

1. DOCX + PDF of N dossiers (default 100) with ``render_paths`` (spawn workers, no cache), against
   bare pandoc + Typst on the same Markdown: the same pandoc command lines (reader, Lua filter,
   reference.docx, --sandbox) and the same warm Typst compiler, in as many spawn workers, with
   none of hoso's work (loading, checking, templating, glyph check, cache, post-processing).
   Budget: hoso ≤ 1.3 × bare.
2. Rebuild of M unchanged dossiers (default 1,000), documents already up to date: the ``hoso
   render`` command as a user runs it (a new process) and the library call alone.
   Budget: ≤ 1 s.

The dossiers are copies of the fixed fixture (tests/fixtures/render/) with varied names and codes
in a temporary repository. Preparing step 2 renders the M dossiers once (minutes for 1,000).

Both sides start their worker processes inside the measured time; the two are run in alternation
(``--rounds``) and the best time of each counts, since other work on the machine adds noise.

Run: python benchmarks/bench_render.py [--n 100] [--rebuild 1000] [--jobs J] [--rounds R]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "render" / "TT-2026-901.yaml"
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hải", "Khánh", "Linh", "Minh", "Ngọc", "Phúc",
         "Quang", "Sơn", "Thảo", "Uyên", "Vân", "Xuân", "Yến"]
FAMILY = ["NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "PHAN", "VŨ", "ĐẶNG", "BÙI", "ĐỖ", "HỒ", "NGÔ"]


def make_repo(dest: Path, count: int) -> Path:
    """A repository with ``count`` copies of the fixture, each with its own code and name."""
    for name in ("schema", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "to-chuc.yaml", dest / "to-chuc.yaml")
    text = FIXTURE.read_text(encoding="utf-8")
    folder = dest / "dossiers" / "kinh-doanh"
    folder.mkdir(parents=True)
    for i in range(count):
        code = f"BM-2026-{i:04d}"
        name = (f"{FAMILY[i % len(FAMILY)]} THỊ "
                f"{GIVEN[(i // len(FAMILY)) % len(GIVEN)].upper()} {i:04d}")
        body = (text.replace("ma_ho_so: TT-2026-901", f"ma_ho_so: {code}")
                .replace("ĐINH THỊ THU HƯƠNG", name))
        (folder / f"{code}.yaml").write_text(body, encoding="utf-8")
    return dest


# ---- bare pandoc + typst (one warm compiler per worker, like hoso's workers)

_BARE: dict[str, object] = {}


def _bare_init(templates: str) -> None:
    import typst

    root = Path(tempfile.mkdtemp(prefix="bench-typst-"))
    shutil.copyfile(Path(templates) / "2-knd.typ", root / "2-knd.typ")
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(Path(templates) / "fonts")])
    _BARE["compiler"] = typst.Compiler(root=str(root), font_paths=fonts, ignore_system_fonts=True)
    _BARE["templates"] = templates


def _bare_one(markdown_file: str) -> float:
    from hoso.render import pandoc
    from hoso.render.pdf import PREAMBLE, TIMESTAMP

    started = time.perf_counter()
    templates = Path(str(_BARE["templates"]))
    markdown = Path(markdown_file).read_bytes()
    base = [pandoc.pandoc_path(), "--sandbox", "-f", pandoc.READER,
            "--lua-filter", str(templates / pandoc.LUA_FILTER)]
    subprocess.run([*base, "-t", "docx", "--reference-doc", str(templates / "reference.docx"),
                    "-o", "-"], input=markdown, capture_output=True, check=True)
    body = subprocess.run([*base, "-t", "typst", "--wrap=preserve", "-o", "-"], input=markdown,
                          capture_output=True, check=True).stdout.decode("utf-8")
    compiler = _BARE["compiler"]
    compiler.compile(input=(PREAMBLE + body).encode("utf-8"), format="pdf",  # type: ignore[attr-defined]
                     sys_inputs={"ma": "X", "commit": "chưa commit", "bam": "0", "nhap": "1",
                                 "anh": ""}, timestamp=TIMESTAMP)
    return time.perf_counter() - started


def bare(markdown_files: Sequence[Path], templates: Path, jobs: int) -> float:
    started = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_bare_init,
                             initargs=(str(templates),)) as pool:
        list(pool.map(_bare_one, [str(p) for p in markdown_files]))
    return time.perf_counter() - started


# ---- hoso

def hoso_render(repo_dir: Path, out: Path, jobs: int) -> tuple[float, int]:
    from hoso.render import render_paths
    from hoso.repo import Repo

    started = time.perf_counter()
    report = render_paths([], Repo(repo_dir), out, jobs=jobs, use_cache=False)
    elapsed = time.perf_counter() - started
    if report.exit_code() != 0:
        raise SystemExit(f"render failed: {report.errors[:3]} {report.findings[:3]}")
    return elapsed, len(report.rendered)


def rebuild(repo_dir: Path, out: Path, jobs: int) -> tuple[float, float, int]:
    from hoso.render import render_paths
    from hoso.repo import Repo

    cmd = [sys.executable, "-m", "hoso", "render", "--kho", str(repo_dir), "--out", str(out),
           "--jobs", str(jobs)]
    subprocess.run(cmd, check=True, capture_output=True)  # make sure everything is up to date
    started = time.perf_counter()
    proc = subprocess.run(cmd, check=True, capture_output=True, text=True)
    cli = time.perf_counter() - started
    started = time.perf_counter()
    report = render_paths([], Repo(repo_dir), out, jobs=jobs)
    library = time.perf_counter() - started
    if report.rendered or ": đã in 0," not in proc.stdout:
        raise SystemExit(f"rebuild was not a no-op: {proc.stdout}")
    return cli, library, len(report.skipped)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="dossiers rendered (DOCX + PDF)")
    parser.add_argument("--rebuild", type=int, default=1000, help="dossiers in the no-op rebuild")
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: CPU count)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternate hoso and bare this many times; the best time counts")
    args = parser.parse_args(argv)
    from hoso.render.pool import default_jobs

    jobs = args.jobs or default_jobs()
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="hoso-bench-") as tmp:
        work = Path(tmp)
        repo_dir = make_repo(work / "kho", args.n)
        out = work / "out"
        ours_times, bare_times = [], []
        for _ in range(max(1, args.rounds)):
            ours, count = hoso_render(repo_dir, out, jobs)
            ours_times.append(ours)
            markdown = sorted((out / ".hoso-cache").rglob("*.md"))
            bare_times.append(bare(markdown, repo_dir / "templates", jobs))
        ours, baseline = min(ours_times), min(bare_times)
        rows.append((f"DOCX + PDF, {count} hồ sơ", f"{ours:.2f} s",
                     f"bare pandoc + typst {baseline:.2f} s",
                     f"{ours / baseline:.2f}× (≤ 1.3×)"))
        print(*rows[-1], sep=" | ", flush=True)
        if args.rebuild:
            big = make_repo(work / "kho-lon", args.rebuild)
            print(f"(chuẩn bị: in {args.rebuild} hồ sơ một lần…)", flush=True)
            started = time.perf_counter()
            hoso_render(big, work / "out-lon", jobs)
            prepared = time.perf_counter() - started
            cli, library, skipped = rebuild(big, work / "out-lon", jobs)
            rows.append((f"in lại {skipped} hồ sơ không đổi", f"{cli:.2f} s (lệnh hoso)",
                         f"{library:.2f} s (render_paths)", "≤ 1 s"))
            rows.append((f"(lần in đầu {args.rebuild} hồ sơ)", f"{prepared:.1f} s",
                         f"{prepared / args.rebuild * 1000:.0f} ms/hồ sơ", ""))
    print()
    header = ("việc", "hoso", "so sánh", "tỉ lệ / ngân sách")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print(f"\n{jobs} tiến trình; {os.cpu_count()} CPU; {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
