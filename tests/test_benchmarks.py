"""benchmarks/run.py runs end to end and prints every row of its table (timings are not judged);
the fast paths the budgets rely on stay in place."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ROWS = [
    ("1", "qua pre-commit"),
    ("1", "hoso check 1 hồ sơ trực tiếp"),
    ("2", "hoso check 150 hồ sơ"),
    ("2", "check-jsonschema (chỉ lược đồ), cùng 150 tệp"),
    ("3", "hoso render DOCX + PDF 8 hồ sơ"),
    ("3", "pandoc + typst trần, cùng Markdown 8 hồ sơ"),
    ("3", "một tiến trình in"),
    ("4", "(chuẩn bị) hoso render lần đầu 150 hồ sơ"),
    ("4", "hoso render lại 150 hồ sơ không đổi"),
    ("5", "hoso site"),
]


@pytest.mark.slow
def test_quick_run_prints_every_row(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmp_path))
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
                          check=False)
    out = proc.stdout
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1: a budget missed on this machine
    assert out.startswith("Lệnh: python benchmarks/run.py --quick\n")
    rows = [ln for ln in out.splitlines() if ln.startswith("| ") and not ln.startswith("| bước")]
    assert len(rows) == len(ROWS), out
    for row, (step, what) in zip(rows, ROWS, strict=True):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[0] == step, row
        assert what in cells[1], row
        assert re.fullmatch(r"\d+(\.\d+)? s", cells[2]), row
        assert re.search(r"\d+ MB", cells[3]), row
    assert "| bước | việc" in out
    assert re.search(r"(Các ngân sách được xét đều đạt|KHÔNG ĐẠT ngân sách ở bước)", out)


# ---- the fast paths the budgets rely on


def test_checking_a_valid_dossier_does_not_import_jsonschema(repo_copy: Path) -> None:
    # jsonschema (import and meta-schema check: 0.17 s) is only for explaining invalid input
    code = ("import sys; from hoso.cli import main; "
            "rc = main(['check', '--ngay', '2026-11-27', 'dossiers/ky-thuat/KT-2026-001.yaml']); "
            "print(rc, 'jsonschema' in sys.modules)")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo_copy, env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.splitlines()[-1] == "0 False"


@pytest.mark.parametrize(("change", "where"), [
    ({"minLength": -1}, "minLength"),
    ({"pattern": "("}, "pattern"),  # the meta-schema allows it; compiling it fails
    ({"$schema": "https://example.invalid/schema", "type": 5}, "type"),  # no download tried
])
def test_an_invalid_schema_is_a_user_error_naming_the_place(change: dict[str, object],
                                                            where: str) -> None:
    from hoso.errors import UserError
    from hoso.validate.schema import SchemaValidator

    with pytest.raises(UserError, match=f"Tệp lược đồ x.json không hợp lệ tại '{where}': "):
        SchemaValidator({"type": "object", **change}, "x.json")
