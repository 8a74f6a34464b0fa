"""Input/output errors (issue 15 item 10): every verb turns an OS error into one Vietnamese line
naming the path, through the one handler in ``hoso.cli.main``, and exits 2 — never a traceback.

The tests run as any user (root ignores permissions), so an unwritable target is made the portable
way: a folder whose parent is a regular file (``ENOTDIR``), or a full disk simulated at the write.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from hoso.cli import main
from hoso.errors import os_error_message

REL = "dossiers/ky-thuat/KT-2026-001.yaml"


def _assert_clean_error(code: int, err: str, path: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert err.startswith("Lỗi: Không đọc hoặc ghi được “"), err
    assert path in err, err


@pytest.fixture
def blocker(repo_copy: Path) -> Path:
    """A regular file where a folder would have to be created."""
    path = repo_copy / "khong-phai-thu-muc"
    path.write_text("x", encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [
    ["render", REL, "--to", "docx"],
    ["build", "--khong-trang", "--khong-thong-ke", "--khong-in"],
    ["build", "--khong-trang", "--khong-thong-ke"],
    ["site", "--khong-in"],
    ["report", "--ngay", "2026-11-27"],
], ids=lambda a: "-".join(x for x in a if not x.startswith(("dossiers", "2026"))))
def test_an_output_folder_that_cannot_be_created(
        args: list[str], blocker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = blocker / "ra"
    code = main([*args, "--out", str(target)])
    err = capsys.readouterr().err
    if args[:2] == ["build", "--khong-trang"] and "--khong-in" in args:
        assert code == 0  # nothing to write: the folder is never needed
        return
    _assert_clean_error(code, err, str(blocker))


def test_new_where_the_cell_folder_is_a_file(repo_copy: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(repo_copy / "dossiers" / "ky-thuat")
    (repo_copy / "dossiers" / "ky-thuat").write_text("x", encoding="utf-8")
    code = main(["new", "KT-2026-020", "--chi-bo", "ky-thuat"])
    _assert_clean_error(code, capsys.readouterr().err, "dossiers/ky-thuat")


def test_codeowners_where_dot_github_is_a_file(repo_copy: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(repo_copy / ".github", ignore_errors=True)
    (repo_copy / ".github").write_text("x", encoding="utf-8")
    code = main(["codeowners"])
    _assert_clean_error(code, capsys.readouterr().err, ".github")


def _full_disk(*args: object, **kwargs: object) -> tuple[int, str]:
    directory = kwargs.get("dir")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(directory))


def test_a_full_disk_during_advance(repo_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("hoso.validate.rules.run_rules", lambda *a, **k: [])
    before = (repo_copy / REL).read_bytes()
    monkeypatch.setattr("hoso.util.tempfile.mkstemp", _full_disk)
    code = main(["advance", REL, "dang_uy_xem_xet", "--nguoi", "Nông Văn Đức",
                 "--ngay", "2026-03-02"])
    err = capsys.readouterr().err
    _assert_clean_error(code, err, "dossiers/ky-thuat")
    assert "ổ đĩa đã đầy" in err
    assert (repo_copy / REL).read_bytes() == before
    assert not list((repo_copy / REL).parent.glob(".*hoso-khoa"))


def test_a_full_disk_during_new(repo_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("hoso.util.tempfile.mkstemp", _full_disk)
    code = main(["new", "KT-2026-020", "--chi-bo", "ky-thuat"])
    err = capsys.readouterr().err
    _assert_clean_error(code, err, "dossiers/ky-thuat")
    assert "ổ đĩa đã đầy" in err


@pytest.mark.parametrize("args", [["check", "khong-co.yaml"],
                                  ["advance", "khong-co.yaml", "khai", "--nguoi", "A"]])
def test_reading_verbs_name_a_missing_path_without_a_traceback(
        args: list[str], repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "khong-co" in err


@pytest.mark.parametrize(("number", "words"), [
    (errno.ENOSPC, "ổ đĩa đã đầy"), (errno.EACCES, "không có quyền"),
    (errno.EROFS, "chỉ cho đọc"), (errno.ENOTDIR, "không phải thư mục")])
def test_os_error_messages_are_vietnamese(number: int, words: str) -> None:
    message = os_error_message(OSError(number, os.strerror(number), "/kho/build"))
    assert "“/kho/build”" in message
    assert words in message
    moved = os_error_message(OSError(number, os.strerror(number), "/a.tmp", None, "/a.yaml"))
    assert "“/a.tmp” → “/a.yaml”" in moved
