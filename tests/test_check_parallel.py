"""A check spread over worker processes finds what a serial check finds, in the same order."""

from __future__ import annotations

import multiprocessing
import shutil
from datetime import date
from pathlib import Path

import pytest

from hoso.repo import Repo
from hoso.validate import parallel
from hoso.validate.check import Checker, CheckOptions, collect

ROOT = Path(__file__).resolve().parents[1]

def _mixed(repo: Path) -> list[Path]:
    """The repository's dossiers and every invalid example, several times over."""
    folder = repo / "dossiers" / "tron"
    folder.mkdir(parents=True)
    sources = sorted((ROOT / "dossiers").rglob("*.yaml")) + sorted(
        (ROOT / "tests" / "examples" / "invalid").glob("*.yaml"))
    for n in range(3):
        for src in sources:
            shutil.copyfile(src, folder / f"{n}-{src.parent.name}-{src.name}")
    return collect([], Repo(repo))


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_parallel_check_equals_serial(repo_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                      start: str) -> None:
    files = _mixed(repo_copy)
    options = CheckOptions(on_date=date(2026, 11, 27))
    serial = Checker(Repo(repo_copy), options).check_files(files)
    assert serial.findings  # the invalid examples give findings

    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "_context",
                        lambda: (multiprocessing.get_context(start), start == "fork"))
    seen: list[Path] = []
    spread = Checker(Repo(repo_copy), options).check_files(files, seen.append, jobs=2)
    assert spread.files == serial.files
    assert spread.findings == serial.findings
    assert [f.path for f in spread.findings] == [f.path for f in serial.findings]
    assert seen == files


def test_worker_count() -> None:
    assert parallel.worker_count(1, 10_000) == 1
    assert parallel.worker_count(4, 10) == 1  # too few files to pay for a worker
    assert parallel.worker_count(2, 2 * parallel.MIN_FILES_PER_WORKER) == 2
    assert parallel.worker_count(None, 10_000) == parallel.cores()


def test_the_stage_comes_with_the_findings(repo_copy: Path) -> None:
    path = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    checked = Checker(Repo(repo_copy)).check_path(path)
    assert checked.stage == "chi_uy_xem_xet"
    assert checked.file.endswith("KT-2026-001.yaml")
