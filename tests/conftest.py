"""Shared fixtures. Tests never write into the repository: anything they change is a copy."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gitrepo import init

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "examples"


def pytest_configure(config: pytest.Config) -> None:
    # Keep hypothesis' example database out of the repository.
    import tempfile

    from hypothesis import configuration, settings

    configuration.set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "hoso-hypothesis"))
    # hoso's own cache (the fonts cut down for the DOCX) out of the user's home, kept between
    # runs like hypothesis' folder; the tests of the cache itself point it at their own folder
    os.environ["XDG_CACHE_HOME"] = os.path.join(tempfile.gettempdir(), "hoso-test-cache")
    # Property tests repeat: the same examples in every run (CI and the README's test command);
    # every input they ever found is kept as an explicit @example beside its test.
    # HOSO_HYPOTHESIS=explore searches with fresh random examples instead.
    settings.register_profile("repeat", derandomize=True, database=None, print_blob=True)
    settings.register_profile("explore", derandomize=False, print_blob=True)
    settings.load_profile(os.environ.get("HOSO_HYPOTHESIS", "repeat"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def repo_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of the repository's data (schema, templates, dossiers, to-chuc.yaml) to change freely."""
    dest = tmp_path / "kho"
    dest.mkdir()
    for name in ("schema", "templates", "dossiers", "docs"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    for name in ("scripts/hoso-hook", "to-chuc.yaml", "mkdocs.yml", ".pre-commit-config.yaml"):
        if (ROOT / name).exists():
            (dest / name).parent.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    old = Path.cwd()
    os.chdir(dest)
    try:
        yield dest
    finally:
        os.chdir(old)


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """Environment for real git commands that ignores the user's global configuration (the
    author and committer come from tests/gitrepo.py, which runs git for the tests)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        # Commands started by git hooks judge the rules at the date the tests pin.
        "HOSO_NGAY": "2026-11-27",
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("GIT_DIR", raising=False)
    return env


@pytest.fixture
def git_repo(repo_copy: Path, git_env: dict[str, str]) -> Path:
    """:func:`repo_copy` as a git repository: everything in one commit on ``main``."""
    return init(repo_copy)
