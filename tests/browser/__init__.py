"""Helpers for the browser tests: a static file server on 127.0.0.1 and a headless chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser.cdp import find_chromium


def require_chromium() -> str:
    """The chromium to drive: a failure on CI (tests/run.sh installs it), a skip elsewhere."""
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: tests/run.sh should have installed it")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return exe


def shots_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """Where a test keeps its screenshots: $HOSO_TEST_OUTPUT/<name> to look at, else a temp dir."""
    base = os.environ.get("HOSO_TEST_OUTPUT")
    folder = Path(base) / name if base else tmp_path_factory.mktemp(f"{name}-shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
