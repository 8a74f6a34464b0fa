"""``hoso advance`` records the facts of a stage: in hoso new's layout, the rest of the file as
it was, refused with the item named (and the file untouched) when a value is wrong."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import git

from hoso.cli import main
from hoso.findings import Finding
from hoso.form import load_form
from hoso.form.schema import read_schema
from hoso.repo import find_repo
from hoso.workflow import advance as adv
from hoso.workflow import facts

ROOT = Path(__file__).resolve().parents[1]
KD = "dossiers/kinh-doanh/KD-2026-002.yaml"  # at tham_tra, verification requests recorded
SCHEMA = ROOT / "schema" / "2-knd-2025.schema.json"

MEETING = ["--ngay-hop", "2026-06-18", "--so-nghi-quyet", "05-NQ/CB", "--tong-so", "10",
           "--co-mat", "9", "--tan-thanh", "8", "--khong-tan-thanh", "1",
           "--hinh-thuc", "bo_phieu_kin"]
MOVE = ["advance", KD, "bieu_quyet", "--nguoi", "Đinh Văn Tuấn", "--ngay", "2026-06-19"]


@pytest.fixture(autouse=True)
def _schema_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The move is judged by the schema alone here: these tests are about what is written (the
    admission rules have their own tests, and the bundled examples run them end to end)."""
    monkeypatch.setattr("hoso.validate.rules.run_rules", lambda loaded, repo, options, form=None: [])


def _changes(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = old.split("\n"), new.split("\n")
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]


def test_the_chi_bo_meeting_and_its_vote_are_recorded_in_hoso_new_layout(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(git_repo)
    path = git_repo / KD
    before = path.read_text(encoding="utf-8")
    assert main([*MOVE, *MEETING]) == 0, capsys.readouterr().err
    after = path.read_text(encoding="utf-8")
    # git sees the meeting block, the stage line and the history entry; nothing else
    stat = git(git_repo, "diff", "--numstat", "--", KD).split()
    assert stat[:2] == ["13", "1"]
    changes = _changes(before, after)
    assert changes[0] == ("insert", [], [
        "  hop_chi_bo:",
        '    ngay: "2026-06-18"',
        "    so_nghi_quyet: 05-NQ/CB",
        "    bieu_quyet:",
        '      tong_so: "10"',
        '      co_mat: "9"',
        '      tan_thanh: "8"',
        '      khong_tan_thanh: "1"',
        "      hinh_thuc: bo_phieu_kin",
    ])
    # placed after the last block that comes before it in the schema (yeu_cau_tham_tra)
    lines = after.split("\n")
    at = lines.index("  hop_chi_bo:")
    assert lines[at - 1].startswith("      ket_qua: Lời khai về mẹ đẻ đúng")
    assert lines[at + 10] == "# Quy trình"
    data = yaml.safe_load(after)
    assert data["xet_ket_nap"]["hop_chi_bo"]["bieu_quyet"]["tan_thanh"] == "8"
    assert data["quy_trinh"]["giai_doan"] == "bieu_quyet"
    out = capsys.readouterr().out
    assert "Đã chuyển" in out


def test_recording_into_an_existing_block_changes_only_the_values_given(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting written by hand (comments, a value with a trailing comment): a second run with
    corrected counts rewrites those values on their own lines and keeps every comment."""
    monkeypatch.chdir(git_repo)
    path = git_repo / KD
    text = path.read_text(encoding="utf-8")
    hand = ("  # chi bộ họp ngày 18-6 (thư ký ghi)\n"
            "  hop_chi_bo:\n"
            "    ngay: \"2026-06-18\"   # ngày họp\n"
            "    bieu_quyet:\n"
            "      # mẫu số là tổng số đảng viên chính thức\n"
            "      tong_so: '10'\n"
            "      tan_thanh: \"7\"  # đếm lại sau\n")
    text = text.replace("\n# Quy trình\n", "\n" + hand + "\n# Quy trình\n")
    path.write_text(text, encoding="utf-8")
    git(git_repo, "commit", "-qam", "chi bộ họp")
    assert main([*MOVE, "--tan-thanh", "9", "--co-mat", "9", "--khong-tan-thanh", "0",
                 "--so-nghi-quyet", "05-NQ/CB"]) == 0
    after = path.read_text(encoding="utf-8")
    changes = _changes(text, after)
    assert changes[:2] == [
        ("insert", [], ["    so_nghi_quyet: 05-NQ/CB"]),
        ("replace", ['      tan_thanh: "7"  # đếm lại sau'],
         ['      co_mat: "9"', '      tan_thanh: "9"  # đếm lại sau', '      khong_tan_thanh: "0"']),
    ]
    assert "  # chi bộ họp ngày 18-6 (thư ký ghi)\n" in after
    assert "      # mẫu số là tổng số đảng viên chính thức\n      tong_so: '10'\n" in after


def test_verification_sent_then_answered(repo_copy: Path) -> None:
    """Requests sent are new rows after the last; an answer fills the waiting request's row."""
    form = load_form(SCHEMA)
    schema = read_schema(SCHEMA)
    text = (repo_copy / KD).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ops = facts.plan(form, data, "tham_tra", {}, [
        facts.Verification(facts.SENT, "chong", "2026-05-04", "Ban Thường vụ Đảng ủy phường "
                           "Đông Kinh, tỉnh Lạng Sơn"),
        facts.Verification(facts.SENT, "cha_vo_chong", "2026-05-04", "Đảng ủy Hà Nội",
                           abroad=True)])
    sent = facts.edit(text, schema, form, ops)
    assert _changes(text, sent) == [("insert", [], [
        '    - gui_den: "Ban Thường vụ Đảng ủy phường Đông Kinh, tỉnh Lạng Sơn"',
        "      doi_tuong: chong",
        '      ngay_gui: "2026-05-04"',
        "    - gui_den: Đảng ủy Hà Nội",
        "      doi_tuong: cha_vo_chong",
        '      ngay_gui: "2026-05-04"',
        "      nuoc_ngoai: true"])]
    data = yaml.safe_load(sent)
    ops = facts.plan(form, data, "bieu_quyet", {}, [
        facts.Verification(facts.ANSWERED, "chong", "2026-05-20", "Lời khai về chồng đúng.")])
    answered = facts.edit(sent, schema, form, ops)
    assert _changes(sent, answered) == [("insert", [], [
        '      ngay_tra_loi: "2026-05-20"', "      ket_qua: Lời khai về chồng đúng."])]
    assert yaml.safe_load(answered) == facts.apply(data, ops)


def test_a_dossier_without_the_block_gets_it_with_its_heading(repo_copy: Path) -> None:
    form = load_form(SCHEMA)
    schema = read_schema(SCHEMA)
    text = (repo_copy / KD).read_text(encoding="utf-8")
    head, tail = text.split("\n# Thông tin xét kết nạp", 1)
    text = head + "\n# Quy trình" + tail.split("\n# Quy trình", 1)[1]
    ops = facts.plan(form, yaml.safe_load(text), "ket_nap", {"ngay_le": "2026-08-03"})
    new = facts.edit(text, schema, form, ops)
    inserted = _changes(text, new)
    assert len(inserted) == 1
    assert inserted[0][0] == "insert"
    block = inserted[0][2]
    assert block[0].startswith("# Thông tin xét kết nạp")
    assert block[-4:] == ["xet_ket_nap:", "  le_ket_nap:", '    ngay: "2026-08-03"', ""]
    assert '    ngay: "2026-08-03"\n\n# Quy trình\n' in new


BAD = [
    (["--ngay-hop", "2026-02-30"], "--ngay-hop: “2026-02-30” không phải một ngày có thật",
     "Họp chi bộ xét kết nạp › Ngày họp"),
    (["--ngay-hop", "18/6/2026"], "--ngay-hop: “18/6/2026” không phải một ngày có thật",
     "(xet_ket_nap.hop_chi_bo.ngay)"),
    (["--tong-so", "10", "--co-mat", "11"], "số có mặt (11) lớn hơn tổng số thành viên (10)",
     "Họp chi bộ xét kết nạp › Kết quả biểu quyết"),
    (["--tong-so", "10", "--co-mat", "9", "--tan-thanh", "8", "--khong-tan-thanh", "2"],
     "số tán thành (8) cộng số không tán thành (2) lớn hơn số có mặt (9)",
     "Họp chi bộ xét kết nạp › Kết quả biểu quyết"),
    (["--tan-thanh", "tám"], "--tan-thanh: “tám” không phải một số nguyên không âm",
     "Kết quả biểu quyết › Số tán thành"),
    (["--hinh-thuc", "bo phieu"], "--hinh-thuc: “bo phieu” không có trong danh sách",
     "bo_phieu_kin (Bỏ phiếu kín)"),
    (["--ngay-le", "2026-07-01"], "--ngay-le chỉ dùng khi chuyển sang giai đoạn ket_nap", ""),
    (["--tra-loi-tham-tra", "chong", "2026-05-20", "Đúng"],
     "không có yêu cầu thẩm tra nào về chồng đang chờ trả lời", "Yêu cầu thẩm tra lý lịch"),
    (["--gui-tham-tra", "chu_ho", "Ủy ban", "2026-05-20"],
     "“chu_ho” không phải người được thẩm tra", "Người được thẩm tra"),
    (["--so-nghi-quyet", "  "], "--so-nghi-quyet không được để trống", "Số nghị quyết"),
]


@pytest.mark.parametrize(("args", "message", "item"), BAD, ids=[b[1][:30] for b in BAD])
def test_bad_values_are_refused_naming_the_item_and_nothing_is_written(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        args: list[str], message: str, item: str) -> None:
    monkeypatch.chdir(git_repo)
    assert main([*MOVE, *args]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{KD}:" in err
    assert "lỗi su-kien-khong-hop-le:" in err
    assert message in err
    assert item in err
    assert "Không chuyển hồ sơ" in err
    assert git(git_repo, "status", "--porcelain") == ""


def test_counts_are_checked_with_those_already_in_the_dossier(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(git_repo)
    assert main([*MOVE, *MEETING, "--xem-truoc"]) == 0
    assert main([*MOVE, *MEETING]) == 0
    git(git_repo, "commit", "-qam", "biểu quyết")
    capsys.readouterr()
    # at ket_nap the Đảng ủy's vote; then, in a fresh move, a present count above its total
    args = ["advance", KD, "ket_nap", "--nguoi", "Vi Đức Thọ", "--ngay", "2026-07-20",
            "--dang-uy-tong-so", "11", "--dang-uy-co-mat", "12"]
    assert main(args) == 1
    assert "số có mặt (12) lớn hơn tổng số thành viên (11)" in capsys.readouterr().err
    assert git(git_repo, "status", "--porcelain") == ""


def test_the_facts_are_written_under_the_lock_compare_before_replace(
        repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone edits the file while the move is being checked: nothing of ours is written."""
    path = repo_copy / KD
    repo = find_repo(repo_copy)

    def rules(loaded: Any, repo_: Any, options: Any, form: Any = None) -> list[Finding]:
        path.write_text(path.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
        return []

    monkeypatch.setattr("hoso.validate.rules.run_rules", rules)
    request = adv.Request("bieu_quyet", date(2026, 6, 19), "Đinh Văn Tuấn",
                          facts={"ngay_hop": "2026-06-18"})
    from hoso.util import ChangedMeanwhile

    with pytest.raises(ChangedMeanwhile):
        adv.advance(repo, path, request)
    assert "hop_chi_bo" not in path.read_text(encoding="utf-8")


def test_hoso_diff_tells_the_recorded_vote_and_its_correction(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Facts recorded by advance, committed, then corrected by hand: the reviewer reads the vote
    as ratios, with the stage move, item by item."""
    monkeypatch.chdir(git_repo)
    assert main([*MOVE, *MEETING]) == 0
    git(git_repo, "commit", "-qam", "chi bộ biểu quyết")
    capsys.readouterr()
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "«Thẩm tra lý lịch» → «Biểu quyết, đề nghị kết nạp»" in out
    assert ("Họp chi bộ xét kết nạp: Kết quả biểu quyết: tán thành 8/10, không tán thành 1, "
            "có mặt 9/10, bỏ phiếu kín (ít nhất 2/3 tổng số: đạt)") in out
    path = git_repo / KD
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('      tan_thanh: "8"\n      khong_tan_thanh: "1"',
                                 '      tan_thanh: "9"\n      khong_tan_thanh: "0"'),
                    encoding="utf-8")
    assert main(["diff"]) == 0
    out = capsys.readouterr().out
    assert ("Họp chi bộ xét kết nạp: Kết quả biểu quyết: tán thành 8/10 → 9/10; không tán thành "
            "1 → 0 (ít nhất 2/3 tổng số: đạt)") in out


@pytest.mark.parametrize(("before", "after"), [
    # a flow mapping is rewritten as a block, its values kept
    ('xet_ket_nap:\n  hop_chi_bo: {ngay: "2026-06-18"}  # họp\n# hết\n',
     'xet_ket_nap:\n  hop_chi_bo:\n    ngay: "2026-06-18"\n    so_nghi_quyet: 05-NQ/CB\n# hết\n'),
    # a folded value is replaced whole
    ("xet_ket_nap:\n  hop_chi_bo:\n    so_nghi_quyet: >-\n      04-NQ/CB\n    ngay: '2026-06-18'\n",
     "xet_ket_nap:\n  hop_chi_bo:\n    so_nghi_quyet: 05-NQ/CB\n    ngay: '2026-06-18'\n"),
    # an empty block gets its first key
    ("xet_ket_nap:\n  hop_chi_bo:\nquy_trinh: {}\n",
     "xet_ket_nap:\n  hop_chi_bo:\n    so_nghi_quyet: 05-NQ/CB\nquy_trinh: {}\n"),
])
def test_unusual_shapes_are_rewritten_only_where_the_value_is(before: str, after: str) -> None:
    form = load_form(SCHEMA)
    ops = facts.plan(form, yaml.safe_load(before), "bieu_quyet", {"so_nghi_quyet": "05-NQ/CB"})
    new = facts.edit(before, read_schema(SCHEMA), form, ops)
    assert new == after
    assert yaml.safe_load(new) == facts.apply(yaml.safe_load(before), ops)
