"""Example folders the tests discover by themselves.

``tests/examples/valid/*.yaml`` and every dossier under ``dossiers/`` must give no finding;
each ``tests/examples/invalid/<name>.yaml`` must give exactly the findings written in
``<name>.expected`` beside it (one ``line:col: mức mã: message`` per line). Adding a case means
adding two files; ``pytest --update-golden`` rewrites the expected files from the current output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "tests" / "examples" / "invalid"
VALID = ROOT / "tests" / "examples" / "valid"
# The date the rules judge against when a dossier has no chi bộ meeting date.
PINNED = date(2026, 11, 27)


def _checker() -> Checker:
    return Checker(Repo(ROOT), CheckOptions(on_date=PINNED))


def _lines(path: Path) -> list[str]:
    findings = sorted(_checker().check_file(path), key=lambda f: (f.line, f.col, f.code, f.message))
    return [f"{f.line}:{f.col}: {f.severity.value} {f.code}: {f.message}" for f in findings]


VALID_FILES = sorted((ROOT / "dossiers").rglob("*.yaml")) + sorted(VALID.glob("*.yaml"))
INVALID_FILES = sorted(INVALID.glob("*.yaml"))


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_examples_have_no_findings(path: Path) -> None:
    assert _lines(path) == []


def test_there_are_invalid_examples() -> None:
    assert len(INVALID_FILES) >= 15


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.stem)
def test_invalid_example_gives_exactly_its_findings(path: Path, update_golden: bool) -> None:
    expected_file = path.with_suffix(".expected")
    got = _lines(path)
    if update_golden:
        expected_file.write_text("\n".join(got) + "\n", encoding="utf-8")
    assert expected_file.exists(), f"thiếu {expected_file.name}"
    expected = [ln for ln in expected_file.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert got == expected
    assert got, "an invalid example must give at least one finding"
    # The file name says which failure it shows: its code must be among the findings.
    code = path.stem.split(".")[0]
    assert any(f" {code}: " in line for line in got), f"{code} not among {got}"
