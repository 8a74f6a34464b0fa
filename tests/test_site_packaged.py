"""``hoso site`` in a repository that holds only ``dossiers/`` (issue 16): the site's pages
(``docs/``) and configuration (``mkdocs.yml``) come installed with hoso, not from a working tree.
The slow wheel test installs the built package into a fresh environment and builds the site there.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from gitrepo import git, project_copy
from test_packaging import _clean_env, _dossiers_only, _fresh_venv

from hoso.cli import main
from hoso.repo import SITE_CONFIG, Repo, packaged_dir

ROOT = Path(__file__).resolve().parents[1]


def test_own_site_files_win_else_the_installed_ones(tmp_path: Path) -> None:
    own = Repo(ROOT)
    assert own.site_config == ROOT / SITE_CONFIG
    assert own.docs_dir == ROOT / "docs"
    (tmp_path / "dossiers").mkdir()
    only = Repo(tmp_path)
    assert only.site_config == packaged_dir("site") / SITE_CONFIG
    assert only.site_config.is_file()
    assert only.docs_dir == packaged_dir("docs")
    assert (only.docs_dir / "cai-dat.md").is_file()
    assert tmp_path not in only.site_config.parents


@pytest.mark.slow
def test_site_builds_in_a_dossiers_only_repository(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    kho = tmp_path / "kho"
    _dossiers_only(kho)
    monkeypatch.chdir(kho)
    out = tmp_path / "site"
    assert main(["site", "--khong-in", "--out", str(out)]) == 0, capsys.readouterr().err
    for page in ("index.html", "cai-dat.html", "huong-dan-khai/index.html",
                 "loi-thuong-gap.html", "search/search_index.json"):
        assert (out / page).is_file(), page
    assert "Cài đặt" in (out / "cai-dat.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in kho.iterdir()) == ["dossiers"]  # nothing written into it


def _tracked(folder: str) -> list[str]:
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", folder)
    return sorted(filter(None, listed.split("\0")))


@pytest.mark.slow
def test_built_wheel_ships_the_site_and_builds_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    source = project_copy(tmp_path / "hoso")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source],
                   check=True, capture_output=True, env=_clean_env())
    wheel = next(wheels.glob("hoso-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    package = {"schema": "hoso/_schema", "templates": "hoso/_templates", "docs": "hoso/_docs"}
    for folder, inside in package.items():
        missing = [rel for rel in _tracked(folder)
                   if f"{inside}/{rel.split('/', 1)[1]}" not in names]
        assert missing == [], f"not in the wheel: {missing}"
    assert "hoso/_site/mkdocs.yml" in names
    assert not [n for n in names if n.startswith("hoso/_site/") and n != "hoso/_site/mkdocs.yml"]

    python = _fresh_venv(tmp_path / "venv")
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
                    wheel], check=True, capture_output=True, env=_clean_env())
    kho = tmp_path / "kho"
    _dossiers_only(kho)
    proc = subprocess.run([python, "-m", "hoso", "site", "--khong-in", "--out", tmp_path / "site"],
                          cwd=kho, env=_clean_env(), capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Đã dựng trang hướng dẫn" in proc.stdout
    assert (tmp_path / "site" / "cai-dat.html").is_file()
    where = subprocess.run([python, "-c", "import hoso.repo as r; print(r.packaged_dir('docs'))"],
                           cwd=kho, env=_clean_env(), capture_output=True, text=True, check=True)
    assert str(tmp_path / "venv") in where.stdout
