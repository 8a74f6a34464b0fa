"""``hoso ghi``: the facts of the stage a dossier is at, recorded without a move (the answers of
verifications that come in one by one, a value recorded wrong), checked as ``hoso advance``
checks them; the file changes only in the lines recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from gitrepo import git

from hoso.cli import main

AT_KET_NAP = "dossiers/van-phong/VP-2026-004.yaml"
AT_THAM_TRA = "dossiers/kinh-doanh/KD-2026-002.yaml"
SENT = ["--gui-tham-tra", "me_de", "Ban Thường vụ Đảng ủy phường Kỳ Lừa, tỉnh Lạng Sơn",
        "2026-11-20"]


def _stage_and_history(path: Path) -> tuple[str, int]:
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))["quy_trinh"]
    return flow["giai_doan"], len(flow["lich_su"])


def test_a_fact_recorded_wrong_is_corrected_in_its_line(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # the decision's number was typed wrong when the dossier moved to ket_nap
    monkeypatch.chdir(git_repo)
    target = git_repo / AT_KET_NAP
    before = _stage_and_history(target)
    assert main(["ghi", AT_KET_NAP, "--ngay", "2026-11-27", "--so-quyet-dinh", "188-QĐ/ĐU"]) == 0
    assert "giai đoạn giữ nguyên: ket_nap" in capsys.readouterr().out
    assert _stage_and_history(target) == before
    diff = git(git_repo, "diff", "-U0", "--", AT_KET_NAP)
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]
    assert changed == ['-    so: "187-QĐ/ĐU"', '+    so: 188-QĐ/ĐU']  # hoso new's quoting
    assert main(["check", "--ngay", "2026-11-27", AT_KET_NAP]) == 0


def test_verifications_are_sent_and_answered_at_their_stage(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(git_repo)
    target = git_repo / AT_THAM_TRA
    before = _stage_and_history(target)
    assert main(["ghi", AT_THAM_TRA, "--ngay", "2026-11-27", *SENT]) == 0
    assert main(["ghi", AT_THAM_TRA, "--ngay", "2026-11-27", "--tra-loi-tham-tra", "me_de",
                 "2026-11-26", "Lời khai về mẹ đẻ đúng."]) == 0
    assert _stage_and_history(target) == before
    rows = yaml.safe_load(target.read_text(encoding="utf-8"))["xet_ket_nap"]["yeu_cau_tham_tra"]
    assert rows[-1] == {"gui_den": "Ban Thường vụ Đảng ủy phường Kỳ Lừa, tỉnh Lạng Sơn",
                        "doi_tuong": "me_de", "ngay_gui": "2026-11-20",
                        "ngay_tra_loi": "2026-11-26", "ket_qua": "Lời khai về mẹ đẻ đúng."}
    capsys.readouterr()
    # an answer needs its request: refused, the file as it was
    text = target.read_bytes()
    assert main(["ghi", AT_THAM_TRA, "--ngay", "2026-11-27", "--tra-loi-tham-tra", "vo",
                 "2026-11-26", "Đúng"]) == 1
    err = capsys.readouterr().err
    assert "không có yêu cầu thẩm tra nào về vợ đang chờ trả lời" in err
    assert target.read_bytes() == text


def test_a_fact_of_another_stage_is_refused_in_the_dossier_words(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(git_repo)
    rel = "dossiers/ky-thuat/KT-2026-001.yaml"  # at chi_uy_xem_xet
    text = (git_repo / rel).read_bytes()
    assert main(["ghi", rel, "--ngay-le", "2026-12-28"]) == 1
    err = capsys.readouterr().err
    assert "--ngay-le chỉ ghi được khi hồ sơ đang ở giai đoạn ket_nap" in err
    assert "đang ở “chi_uy_xem_xet”" in err
    assert (git_repo / rel).read_bytes() == text
    assert main(["ghi", rel]) == 2
    assert "Chưa có thông tin nào để ghi" in capsys.readouterr().err


def test_the_dossier_own_findings_do_not_block_a_record(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # a problem elsewhere in the dossier is the reviewers' business, not a reason to lose the
    # answer that just came in; it is not reported as the record's
    monkeypatch.chdir(git_repo)
    target = git_repo / AT_THAM_TRA
    broken = target.read_text(encoding="utf-8").replace("gioi_tinh: nữ", "gioi_tinh: Nữ giới", 1)
    assert broken != target.read_text(encoding="utf-8")
    target.write_text(broken, encoding="utf-8")
    assert main(["check", "--ngay", "2026-11-27", AT_THAM_TRA]) == 1
    capsys.readouterr()
    assert main(["ghi", AT_THAM_TRA, "--ngay", "2026-11-27", *SENT]) == 0
    out = capsys.readouterr()
    assert "gioi_tinh" not in out.out + out.err
    assert "Mục (4)" not in out.out + out.err


def test_xem_truoc_shows_the_change_and_writes_nothing(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(git_repo)
    text = (git_repo / AT_THAM_TRA).read_bytes()
    assert main(["ghi", AT_THAM_TRA, "--xem-truoc", "--ngay", "2026-11-27", *SENT]) == 0
    out = capsys.readouterr().out
    assert '+      ngay_gui: "2026-11-20"' in out
    assert "(Xem trước, chưa ghi tệp.)" in out
    assert (git_repo / AT_THAM_TRA).read_bytes() == text
