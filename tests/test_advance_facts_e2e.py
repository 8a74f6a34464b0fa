"""``hoso advance`` with the real rules on a bundled example: the facts of the move recorded, the
dossier clean at its new stage; refused (and the file untouched) when a rule says no."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from gitrepo import git

from hoso.cli import main

REL = "dossiers/van-phong/VP-2026-005.yaml"  # at bieu_quyet
MOVE = ["advance", REL, "ket_nap", "--nguoi", "Vi Đức Thọ",
        "--dang-uy-co-quan", "Đảng ủy VNPT Lạng Sơn", "--dang-uy-ngay-hop", "2026-11-16",
        "--dang-uy-so-nghi-quyet", "131-NQ/ĐU", "--dang-uy-tong-so", "11",
        "--dang-uy-co-mat", "11", "--dang-uy-tan-thanh", "11", "--dang-uy-khong-tan-thanh", "0",
        "--dang-uy-hinh-thuc", "gio_the", "--so-quyet-dinh", "196-QĐ/ĐU",
        "--ngay-quyet-dinh", "2026-12-14",
        "--co-quan-quyet-dinh", "Đảng ủy các cơ quan Đảng tỉnh Lạng Sơn"]


def test_the_example_is_admitted_with_its_facts_and_stays_clean(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(git_repo)
    # the ceremony after the day of the move is a date in the future: refused, nothing written
    assert main([*MOVE, "--ngay", "2026-12-14", "--ngay-le", "2026-12-28"]) == 1
    assert "lỗi ngay-tuong-lai" in capsys.readouterr().err
    assert git(git_repo, "status", "--porcelain") == ""
    assert main([*MOVE, "--ngay", "2026-12-28", "--ngay-le", "2026-12-28"]) == 0
    assert "«Biểu quyết, đề nghị kết nạp» → «Đã kết nạp»" in capsys.readouterr().out
    added, removed = git(git_repo, "diff", "--numstat", "--", REL).split()[:2]
    assert (added, removed) == ("20", "1")  # 16 fact lines, the stage, 3 history lines
    data = yaml.safe_load((git_repo / REL).read_text(encoding="utf-8"))
    xkn = data["xet_ket_nap"]
    assert list(xkn)[-3:] == ["hop_dang_uy", "quyet_dinh_ket_nap", "le_ket_nap"]
    assert xkn["hop_dang_uy"]["bieu_quyet"]["tan_thanh"] == "11"
    assert main(["check", "--ngay", "2026-12-28", REL]) == 0
    assert "không có lỗi nào" in capsys.readouterr().out
