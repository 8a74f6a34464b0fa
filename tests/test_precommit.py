"""The pre-commit hook, driven for real in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gitrepo import commit_through_hook, git, init, project_copy

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"


@pytest.fixture
def hooked_repo(tmp_path: Path, git_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", bindir + os.pathsep + os.environ.get("PATH", ""))
    repo = tmp_path / "kho"
    repo.mkdir()
    for name in ("schema",):
        shutil.copytree(ROOT / name, repo / name)
    for name in ("scripts/hoso-hook", "to-chuc.yaml", ".pre-commit-config.yaml"):
        (repo / name).parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    init(repo, "khởi tạo kho")
    pre_commit = [sys.executable, "-m", "pre_commit", "install"]
    subprocess.run(pre_commit, cwd=repo, check=True, capture_output=True)
    return repo


def test_bad_dossier_is_refused_with_vietnamese_message(hooked_repo: Path) -> None:
    target = hooked_repo / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.parent.mkdir(parents=True)
    text = GOOD.read_text(encoding="utf-8").replace('ngay_sinh: "1999-04-17"', 'ngay_sinh: "17/4/1999"')
    target.write_text(text, encoding="utf-8")
    code, out = commit_through_hook(hooked_repo, "thêm hồ sơ")
    assert code != 0
    assert "Mục (3)" in out
    assert "sai-dinh-dang" in out
    line = text.splitlines().index('ngay_sinh: "17/4/1999"') + 1
    assert f"KT-2026-001.yaml:{line}:12:" in out
    assert git(hooked_repo, "rev-list", "--count", "HEAD").strip() == "1"


def test_dossier_that_is_only_a_tilde_is_refused(hooked_repo: Path) -> None:
    target = hooked_repo / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("~\n", encoding="utf-8")
    code, out = commit_through_hook(hooked_repo, "thêm hồ sơ")
    assert code != 0
    assert "KT-2026-001.yaml:1:1: lỗi khong-phai-ho-so: " in out
    assert "Hồ sơ phải là một bảng các mục (khóa: giá trị) của Mẫu 2-KNĐ" in out
    assert git(hooked_repo, "rev-list", "--count", "HEAD").strip() == "1"


def test_good_dossier_is_committed(hooked_repo: Path) -> None:
    target = hooked_repo / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy2(GOOD, target)
    code, out = commit_through_hook(hooked_repo, "thêm hồ sơ")
    assert code == 0, out
    assert "hoso check" in out
    assert git(hooked_repo, "rev-list", "--count", "HEAD").strip() == "2"


def _bad_dossier(repo: Path) -> None:
    target = repo / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.parent.mkdir(parents=True)
    text = GOOD.read_text(encoding="utf-8").replace('ngay_sinh: "1999-04-17"', 'ngay_sinh: "17/4/1999"')
    target.write_text(text, encoding="utf-8")


def test_hook_finds_hoso_in_the_repository_venv(hooked_repo: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit from a Git GUI: the venv is not on PATH, hoso is installed in .venv."""
    venv_bin = hooked_repo / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    real = Path(sys.executable).parent / "hoso"
    (venv_bin / "hoso").write_text(f'#!/bin/sh\nexec "{real}" "$@"\n', encoding="utf-8")
    (venv_bin / "hoso").chmod(0o755)
    (hooked_repo / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    monkeypatch.setenv("PATH", os.pathsep.join(["/usr/bin", "/bin"]))
    _bad_dossier(hooked_repo)
    code, out = commit_through_hook(hooked_repo, "thêm hồ sơ")
    assert code != 0
    assert "lỗi sai-dinh-dang: Mục (3)" in out


def test_hook_without_hoso_says_how_to_install(hooked_repo: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join(["/usr/bin", "/bin"]))
    _bad_dossier(hooked_repo)
    code, out = commit_through_hook(hooked_repo, "thêm hồ sơ")
    assert code != 0
    assert "không tìm thấy lệnh hoso" in out
    assert "PowerShell" in out
    assert ".venv\\Scripts\\pip install" in out
    assert "Executable" not in out
    assert git(hooked_repo, "rev-list", "--count", "HEAD").strip() == "1"


def test_broken_organisation_file_is_refused(hooked_repo: Path) -> None:
    org = hooked_repo / "to-chuc.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("  - ma: kinh-doanh", "  - ma: Kinh Doanh"),
                   encoding="utf-8")
    code, out = commit_through_hook(hooked_repo, "sửa tổ chức")
    assert code != 0
    line = next(ln for ln in out.splitlines() if ln.startswith("to-chuc.yaml:"))
    assert "Mã chi bộ" in line
    assert "“Kinh Doanh”" in line


@pytest.mark.slow
def test_hook_from_a_dossiers_only_repository(tmp_path: Path, git_env: dict[str, str]) -> None:
    """The Done-when of issue 16: a repository with only dossiers/ pins a released hoso through
    its ``.pre-commit-hooks.yaml``; a broken dossier is refused with Vietnamese findings.

    pre-commit clones the tagged project and installs it into its own environment with pip, from
    the package index (as for every committee), so this test needs the index the first time.
    """
    hoso = project_copy(tmp_path / "hoso")
    init(hoso, "hoso 0.1.0")
    git(hoso, "tag", "v0.1.0")
    kho = tmp_path / "kho"
    kho.mkdir()
    (kho / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hoso.as_posix()}\n    rev: v0.1.0\n    hooks:\n      - id: hoso-check\n",
        encoding="utf-8")
    init(kho, "khởi tạo kho hồ sơ")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=kho, env=clean, check=True,
                   capture_output=True)
    target = kho / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.parent.mkdir(parents=True)
    text = GOOD.read_text(encoding="utf-8").replace('ngay_sinh: "1999-04-17"', 'ngay_sinh: "17/4/1999"')
    target.write_text(text, encoding="utf-8")
    code, out = commit_through_hook(kho, "thêm hồ sơ")
    assert code != 0, out
    line = text.splitlines().index('ngay_sinh: "17/4/1999"') + 1
    assert f"dossiers/ky-thuat/KT-2026-001.yaml:{line}:12: lỗi sai-dinh-dang: Mục (3)" in out
    assert "Traceback" not in out
    assert git(kho, "rev-list", "--count", "HEAD").strip() == "1"
    shutil.copy2(GOOD, target)
    code, out = commit_through_hook(kho, "thêm hồ sơ")
    assert code == 0, out
