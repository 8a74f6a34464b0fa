"""``hoso check`` through ``main([...])`` and through the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from hoso.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"


def _bad_copy(folder: Path) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("gioi_tinh: nam", "gioi_tinh: Nam giới")
    text = text.replace("ton_giao: Không\n", "ton_gia: Không\n", 1)
    bad = folder / "dossiers" / "ky-thuat" / "KT-2026-099.yaml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(text, encoding="utf-8")
    return bad


def test_clean_dossier_exits_zero(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--ngay", "2026-11-27", "dossiers/ky-thuat/KT-2026-001.yaml"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "không có lỗi nào" in out


def test_findings_exit_one_with_locations(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _bad_copy(repo_copy)
    code = main(["check", "--ngay", "2026-11-27", str(bad.relative_to(repo_copy))])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    gender = next(ln for ln in lines if "gia-tri-khong-hop-le" in ln)
    assert gender.startswith("dossiers/ky-thuat/KT-2026-099.yaml:")
    assert "Mục (4)" in gender
    assert "“nam”" in gender
    unknown = next(ln for ln in lines if "khoa-la" in ln)
    assert "Có phải ý bạn là 'ton_giao'?" in unknown
    missing = next(ln for ln in lines if "thieu-muc" in ln)
    assert "Mục (9)" in missing
    assert lines[-1].startswith("Đã kiểm tra 1 hồ sơ:")


# Issue 19, item 1: a dossier that is only `~` passed with "không có lỗi nào" and exit code 0.
@pytest.mark.parametrize("content", ["~\n", "null\n", "42\n", "- a\n"],
                         ids=["tilde", "null", "number", "list"])
def test_a_file_that_is_not_a_mapping_fails(repo_copy: Path, capsys: pytest.CaptureFixture[str],
                                            content: str) -> None:
    target = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-098.yaml"
    target.write_text(content, encoding="utf-8")
    code = main(["check", "--ngay", "2026-11-27", "dossiers/ky-thuat/KT-2026-098.yaml"])
    out = capsys.readouterr().out
    assert code == 1, out
    first = out.splitlines()[0]
    assert first.startswith("dossiers/ky-thuat/KT-2026-098.yaml:1:1: lỗi khong-phai-ho-so: ")
    assert "Hồ sơ phải là một bảng các mục (khóa: giá trị) của Mẫu 2-KNĐ" in first
    assert out.splitlines()[-1] == "Đã kiểm tra 1 hồ sơ: 1 lỗi, 0 cảnh báo."


def test_json_and_github_formats(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _bad_copy(repo_copy)
    assert main(["check", "--format", "json", str(bad)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["so_ho_so"] == 1
    assert doc["so_loi"] == len(doc["ket_qua"]) >= 3
    first = doc["ket_qua"][0]
    assert {"file", "line", "col", "code", "severity", "message", "path"} <= set(first)
    assert main(["check", "--format", "github", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=")
    assert ",line=" in out
    assert ",col=" in out


def test_folder_walks_all_dossiers(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _bad_copy(repo_copy)
    assert main(["check", "--ngay", "2026-11-27", "dossiers"]) == 1
    out = capsys.readouterr().out
    n = len(list((repo_copy / "dossiers").rglob("*.yaml")))
    assert f"Đã kiểm tra {n} hồ sơ" in out


def test_usage_errors_exit_two(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "khong-co-tep.yaml"]) == 2
    assert "Không tìm thấy tệp hoặc thư mục" in capsys.readouterr().err
    assert main(["check", "--format", "xml"]) == 2
    assert "Lỗi cách dùng" in capsys.readouterr().err
    assert main(["chek"]) == 2
    assert "hoso check" in capsys.readouterr().err
    assert main(["check", "--ngay", "26/3/2026"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_outside_a_repository_exits_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "Không tìm thấy kho hồ sơ" in capsys.readouterr().err


def test_shard_splits_the_files(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = len(list((repo_copy / "dossiers").rglob("*.yaml")))
    seen = 0
    for i in (1, 2):
        main(["check", "--ngay", "2026-11-27", "--shard", f"{i}/2"])
        out = capsys.readouterr().out
        seen += int(out.split("Đã kiểm tra ")[1].split(" ")[0])
    assert seen == total
    assert main(["check", "--shard", "3/2"]) == 2


def test_installed_command(repo_copy: Path) -> None:
    exe = shutil.which("hoso", path=str(Path(sys.executable).parent))
    assert exe, "the console script hoso is installed"
    proc = subprocess.run([exe, "check", "--ngay", "2026-11-27", "dossiers/ky-thuat/KT-2026-001.yaml"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "Đã kiểm tra 1 hồ sơ: không có lỗi nào."


def test_help_and_usage_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: hoso")
    assert "Tùy chọn:" in out
    assert "Lệnh:" in out
    assert "In hướng dẫn này rồi thoát." in out
    assert main(["check", "--bogus"]) == 2
    assert "Không có tùy chọn '--bogus'." in capsys.readouterr().err


def test_the_verb_list_is_the_cli_modules() -> None:
    # the list saves a package scan at every start; a new verb module must be listed
    from hoso.cli import VERBS

    folder = ROOT / "scripts" / "hoso" / "cli"
    # a verb that is a Python keyword lives in a module with a trailing "_" (import_.py)
    modules = sorted(p.stem.rstrip("_").replace("_", "-") for p in folder.glob("*.py")
                     if not p.name.startswith("_"))
    assert sorted(VERBS) == modules


# ---- the click-free path of a plain ``hoso check`` (hoso.cli._plain)


def test_the_plain_options_are_the_click_commands() -> None:
    from hoso.cli._plain import CHECK_OPTIONS
    from hoso.cli.check import command

    spelled = {opt: (p.name, not p.is_flag) for p in command.params
               if isinstance(p, click.Option) for opt in p.opts}
    assert spelled == CHECK_OPTIONS


@pytest.mark.parametrize("args", [
    ["--ngay", "2026-11-27", "dossiers/ky-thuat/KT-2026-001.yaml"],
    ["dossiers", "--format=json", "--ngay=2026-11-27", "-j", "1"],
    ["--format", "github", "--strict", "--ngay", "2026-11-27", "dossiers/ky-thuat"],
    ["--chi-luoc-do", "--shard", "1/2", "--kho", "."],
    ["--shard", "3/2"],
    ["--ngay", "26/3/2026"],
    ["khong-co-tep.yaml"],
])
def test_the_plain_path_answers_as_click_does(repo_copy: Path, args: list[str],
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from hoso.cli import _plain

    _bad_copy(repo_copy)
    assert _plain.quick_check(args) is not None, "these arguments need no click"
    plain = main(["check", *args]), *capsys.readouterr()
    monkeypatch.setattr(_plain, "quick_check", lambda _args: None)
    clicked = main(["check", *args]), *capsys.readouterr()
    assert plain == clicked
    assert plain[1] or plain[2]


@pytest.mark.parametrize("args", [["--help"], ["-j0"], ["-j", "0"], ["--jobs", "x"], ["--bogus"],
                                  ["--format", "xml"], ["--strict=1"], ["--ngay"], ["--", "a"],
                                  ["--ngay", ""], ["--kho", "pyproject.toml"], [""]])
def test_what_the_plain_path_leaves_to_click(repo_copy: Path, args: list[str]) -> None:
    from hoso.cli._plain import quick_check

    (repo_copy / "pyproject.toml").write_text("", encoding="utf-8")
    assert quick_check(args) is None


def test_a_plain_check_does_not_import_click(repo_copy: Path) -> None:
    code = ("import sys; from hoso.cli import main; "
            "rc = main(['check', '--ngay', '2026-11-27', 'dossiers/ky-thuat/KT-2026-001.yaml']); "
            "print(rc, 'click' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo_copy, capture_output=True,
                          text=True, timeout=60, check=True)
    assert proc.stdout.splitlines()[-1] == "0 False"


# ------------------------------------------------------------------ the program (hoso.cli.run)

def test_the_program_ends_a_plain_check_with_its_output_whole(repo_copy: Path) -> None:
    # a plain check leaves through os._exit once its output is flushed: all of it arrives, with
    # the exit code, even when it is far more than a pipe holds
    bad = _bad_copy(repo_copy)
    for n in range(80):
        shutil.copyfile(bad, bad.with_name(f"KT-2026-{100 + n}.yaml"))
    proc = subprocess.run([sys.executable, "-m", "hoso", "check", "--format", "json", "--ngay",
                           "2026-11-27", "dossiers/ky-thuat"], cwd=repo_copy, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout.encode()) > 65536
    report = json.loads(proc.stdout)
    assert report["so_ho_so"] == 82
    assert len({f["file"] for f in report["ket_qua"]}) == 81


def test_the_program_says_nothing_when_its_reader_stops_early(repo_copy: Path) -> None:
    bad = _bad_copy(repo_copy)
    for n in range(40):
        shutil.copyfile(bad, bad.with_name(f"KT-2026-{100 + n}.yaml"))
    with subprocess.Popen([sys.executable, "-m", "hoso", "check", "--ngay", "2026-11-27",
                           "dossiers/ky-thuat"], cwd=repo_copy, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()  # as `| head -c 10` does
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=120) != 0
    assert "Traceback" not in err


def test_the_collector_comes_back_when_start_up_is_over() -> None:
    import gc

    from hoso.cli._program import PROGRAM, startup_done

    gc.disable()
    PROGRAM["collector_off"] = True
    try:
        startup_done()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        startup_done()  # once only
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
        PROGRAM["collector_off"] = False
