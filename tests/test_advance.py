"""``hoso advance``: the stage machine's moves written into the file, nothing else changed."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoso.cli import main
from hoso.findings import Finding, Severity
from hoso.repo import find_repo
from hoso.workflow import advance as adv

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
REL = "dossiers/ky-thuat/KT-2026-001.yaml"


@pytest.fixture(autouse=True)
def _schema_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests judge what the stage machine and the schema guarantee; the admission rules
    have their own tests (and the end-to-end test runs them for real)."""
    monkeypatch.setattr("hoso.validate.rules.run_rules", lambda loaded, repo, options, form=None: [])

# The example as a secretary might really write it: comments everywhere, keys of the workflow
# block in an unusual order, an indentless history list, quoted and commented stage value,
# CRLF line endings, long lines that a YAML emitter would wrap.
HAND_WRITTEN_TAIL = (
    "# Quy trình — do thư ký ghi\r\n"
    "quy_trinh:\r\n"
    "  # lịch sử trước, giai đoạn sau (thứ tự tùy người viết)\r\n"
    "  lich_su:\r\n"
    "  - giai_doan: khai   # nộp lần đầu\r\n"
    "    ngay: '2026-02-10'\r\n"
    "    nguoi: \"Hoàng Minh Khôi\"\r\n"
    "    ghi_chu: >-\r\n"
    "      Nộp bản khai lần đầu, kèm giấy chứng nhận bồi dưỡng nhận thức về Đảng và đơn xin vào\r\n"
    "      Đảng, có chữ ký của người khai\r\n"
    "\r\n"
    "  - {giai_doan: chi_uy_xem_xet, ngay: \"2026-02-12\", nguoi: Nông Văn Đức}\r\n"
    "  # giai đoạn hiện tại:\r\n"
    "  giai_doan: \"chi_uy_xem_xet\"  # đừng sửa tay, dùng hoso advance\r\n"
    "# hết\r\n"
)


def _hand_written() -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    head = text[: text.index("# Quy trình\n")]
    return head.replace("\n", "\r\n").encode("utf-8") + HAND_WRITTEN_TAIL.encode("utf-8")


def _changed_lines(old: bytes, new: bytes) -> list[tuple[str, list[str], list[str]]]:
    a = old.decode("utf-8").split("\r\n") if b"\r\n" in old else old.decode("utf-8").split("\n")
    b = new.decode("utf-8").split("\r\n") if b"\r\n" in new else new.decode("utf-8").split("\n")
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]


def _request(target: str = "dang_uy_xem_xet", note: str = "Chi ủy chuyển Đảng ủy xem xét",
             on: date = date(2026, 3, 2)) -> adv.Request:
    return adv.Request(target, on, "Nông Văn Đức", note)


def test_hand_written_dossier_is_byte_identical_apart_from_the_stage_lines(
        repo_copy: Path) -> None:
    path = repo_copy / REL
    original = _hand_written()
    path.write_bytes(original)
    outcome = adv.advance(find_repo(repo_copy), path, _request())
    assert not outcome.refused, outcome.findings
    assert outcome.written
    new = path.read_bytes()
    assert new.count(b"\r\n") == new.count(b"\n"), "line endings kept"
    changes = _changed_lines(original, new)
    assert changes == [
        ("insert", [], [
            "  - giai_doan: dang_uy_xem_xet",
            '    ngay: "2026-03-02"',
            "    nguoi: Nông Văn Đức",
            "    ghi_chu: Chi ủy chuyển Đảng ủy xem xét",
        ]),
        ("replace", ['  giai_doan: "chi_uy_xem_xet"  # đừng sửa tay, dùng hoso advance'],
                    ["  giai_doan: dang_uy_xem_xet  # đừng sửa tay, dùng hoso advance"]),
    ]
    # The inserted entry follows the last entry (a flow mapping) and precedes the comment.
    text = new.decode("utf-8")
    assert "Nông Văn Đức}\r\n  - giai_doan: dang_uy_xem_xet\r\n" in text
    data = yaml.safe_load(text)
    assert data["quy_trinh"]["giai_doan"] == "dang_uy_xem_xet"
    assert [e["giai_doan"] for e in data["quy_trinh"]["lich_su"]] == [
        "khai", "chi_uy_xem_xet", "dang_uy_xem_xet"]
    assert list(data) == list(yaml.safe_load(original.decode("utf-8")))


def test_bundled_example_keeps_every_byte_but_the_stage(repo_copy: Path) -> None:
    path = repo_copy / REL
    original = path.read_bytes()
    outcome = adv.advance(find_repo(repo_copy), path, _request(note=""))
    assert outcome.written, outcome.findings
    assert _changed_lines(original, path.read_bytes()) == [
        ("replace", ["  giai_doan: chi_uy_xem_xet"], ["  giai_doan: dang_uy_xem_xet"]),
        ("insert", [], ["    - giai_doan: dang_uy_xem_xet", '      ngay: "2026-03-02"',
                        "      nguoi: Nông Văn Đức"]),
    ]


def test_move_not_allowed_is_a_located_finding_and_nothing_is_written(
        repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / REL
    before = path.read_bytes()
    code = main(["advance", REL, "tham_tra", "--nguoi", "Nông Văn Đức", "--ngay", "2026-03-02"])
    err = capsys.readouterr().err
    assert code == 1
    line = before.decode().splitlines().index("  giai_doan: chi_uy_xem_xet") + 1
    assert f"{REL}:{line}:14: lỗi chuyen-giai-doan: Không thể nhảy tới «Thẩm tra lý lịch»" in err
    assert "Không chuyển hồ sơ" in err
    assert path.read_bytes() == before


def test_schema_errors_refuse_the_move(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / REL
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("gioi_tinh: nam", "gioi_tinh: Nam giới"), encoding="utf-8")
    before = path.read_bytes()
    code = main(["advance", REL, "dang_uy_xem_xet", "--nguoi", "Nông Văn Đức",
                 "--ngay", "2026-03-02"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Mục (4)" in err
    assert path.read_bytes() == before


def test_the_checker_judges_the_dossier_at_the_target_stage(
        repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def rules(loaded: Any, repo: Any, options: Any, form: Any = None) -> list[Finding]:
        seen.append((options.stage, options.on_date, loaded.data["quy_trinh"]["giai_doan"]))
        if options.stage == "dang_uy_xem_xet":
            return [Finding(loaded.file, 3, 1, "thu-yeu-cau-giai-doan", Severity.ERROR,
                            "Giai đoạn «Đảng ủy xem xét» cần …")]
        return []

    monkeypatch.setattr("hoso.validate.rules.run_rules", rules)
    path = repo_copy / REL
    before = path.read_bytes()
    outcome = adv.advance(find_repo(repo_copy), path, _request())
    assert outcome.refused
    assert [f.code for f in outcome.findings] == ["thu-yeu-cau-giai-doan"]
    assert seen == [("dang_uy_xem_xet", date(2026, 3, 2), "dang_uy_xem_xet")]
    assert path.read_bytes() == before


def test_warnings_do_not_block(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hoso.validate.rules.run_rules", lambda loaded, repo, options, form=None: [
        Finding(loaded.file, 3, 1, "thu-canh-bao", Severity.WARNING, "Nhắc nhở")])
    outcome = adv.advance(find_repo(repo_copy), repo_copy / REL, _request())
    assert outcome.written
    assert [f.code for f in outcome.findings] == ["thu-canh-bao"]


def test_return_needs_a_reason_and_is_not_blocked_by_findings(
        repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / REL
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("gioi_tinh: nam", "gioi_tinh: Nam giới"), encoding="utf-8")
    assert main(["advance", REL, "tra_lai", "--nguoi", "Nông Văn Đức"]) == 2
    assert "cần ghi lý do" in capsys.readouterr().err
    code = main(["advance", REL, "tra_lai", "--nguoi", "Nông Văn Đức", "--ngay", "2026-03-02",
                 "--ghi-chu", "Mục (4): ghi “nam”"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Trả lại để sửa: «Chi ủy xem xét» → «Quần chúng khai lý lịch»" in out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["quy_trinh"]["giai_doan"] == "khai"
    assert data["quy_trinh"]["lich_su"][-1] == {
        "giai_doan": "khai", "ngay": "2026-03-02", "nguoi": "Nông Văn Đức",
        "ghi_chu": "Mục (4): ghi “nam”"}


def test_date_before_the_last_step_is_refused(repo_copy: Path) -> None:
    outcome = adv.advance(find_repo(repo_copy), repo_copy / REL,
                          _request(on=date(2026, 2, 11)))
    assert outcome.refused
    assert [f.code for f in outcome.findings] == ["ngay-chuyen-giai-doan"]
    assert "11-2-2026" in outcome.findings[0].message


def test_preview_writes_nothing(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / REL
    before = path.read_bytes()
    code = main(["advance", REL, "dang_uy_xem_xet", "--nguoi", "Nông Văn Đức", "--ngay",
                 "2026-03-02", "--xem-truoc"])
    out = capsys.readouterr().out
    assert code == 0
    assert "+  giai_doan: dang_uy_xem_xet" in out
    assert "Xem trước" in out
    assert path.read_bytes() == before


def test_usage_errors_exit_two(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advance", REL, "dang_uy", "--nguoi", "A"]) == 2
    assert "Có phải ý bạn là “dang_uy_xem_xet”" in capsys.readouterr().err
    assert main(["advance", "dossiers/khong-co.yaml", "dang_uy_xem_xet", "--nguoi", "A"]) == 2
    assert main(["advance", REL, "dang_uy_xem_xet", "--nguoi", "A", "--ngay", "2-3-2026"]) == 2
    assert main(["advance", REL, "dang_uy_xem_xet"]) == 2


def test_unreadable_dossier_is_refused_with_the_loader_findings(repo_copy: Path) -> None:
    path = repo_copy / REL
    path.write_text("quy_trinh:\n  giai_doan: khai\n  giai_doan: khai\n", encoding="utf-8")
    outcome = adv.advance(find_repo(repo_copy), path, _request("chi_uy_xem_xet"))
    assert outcome.refused
    assert not outcome.written
    assert outcome.findings
    assert outcome.findings[0].line == 3


ENTRY = {"giai_doan": "chi_uy_xem_xet", "ngay": "2026-03-02", "nguoi": "Lê Thị Hoa",
         "ghi_chu": "Ghi chú: có dấu hai chấm # và dấu thăng"}


@pytest.mark.parametrize(("before", "after"), [
    ("a: 1\n",
     "a: 1\n\nquy_trinh:\n  giai_doan: chi_uy_xem_xet\n  lich_su:\n"
     "    - giai_doan: chi_uy_xem_xet\n"
     '      ngay: "2026-03-02"\n      nguoi: Lê Thị Hoa\n'
     "      ghi_chu: 'Ghi chú: có dấu hai chấm # và dấu thăng'\n"),
    ("quy_trinh:\nb: 2\n",
     'quy_trinh:\n  giai_doan: chi_uy_xem_xet\n  lich_su:\n    - giai_doan: chi_uy_xem_xet\n'
     '      ngay: "2026-03-02"\n      nguoi: Lê Thị Hoa\n'
     "      ghi_chu: 'Ghi chú: có dấu hai chấm # và dấu thăng'\nb: 2\n"),
    ("quy_trinh:\n  giai_doan: khai  # hiện tại\n  lich_su: []\nb: 2\n",
     'quy_trinh:\n  giai_doan: chi_uy_xem_xet  # hiện tại\n  lich_su:\n'
     '    - giai_doan: chi_uy_xem_xet\n      ngay: "2026-03-02"\n      nguoi: Lê Thị Hoa\n'
     "      ghi_chu: 'Ghi chú: có dấu hai chấm # và dấu thăng'\nb: 2\n"),
    ("quy_trinh:\n    giai_doan:   # chưa ghi\n    lich_su:\n",
     'quy_trinh:\n    giai_doan: chi_uy_xem_xet   # chưa ghi\n    lich_su:\n'
     '      - giai_doan: chi_uy_xem_xet\n        ngay: "2026-03-02"\n        nguoi: Lê Thị Hoa\n'
     "        ghi_chu: 'Ghi chú: có dấu hai chấm # và dấu thăng'\n"),
    ("quy_trinh:\n  lich_su:\n    -   giai_doan: khai\n        ngay: '2026-01-01'\n# cuối\n",
     "quy_trinh:\n  giai_doan: chi_uy_xem_xet\n  lich_su:\n    -   giai_doan: khai\n"
     "        ngay: '2026-01-01'\n    -   giai_doan: chi_uy_xem_xet\n"
     '        ngay: "2026-03-02"\n        nguoi: Lê Thị Hoa\n'
     "        ghi_chu: 'Ghi chú: có dấu hai chấm # và dấu thăng'\n# cuối\n"),
])
def test_edit_shapes(before: str, after: str) -> None:
    assert adv.edit_text(before, "chi_uy_xem_xet", ENTRY) == after
    assert yaml.safe_load(after) == adv.expected_data(yaml.safe_load(before) or {},
                                                      "chi_uy_xem_xet", ENTRY)


@pytest.mark.parametrize("text", [
    "quy_trinh: {giai_doan: khai}\n",
    "quy_trinh:\n  giai_doan: khai\n  lich_su: [{giai_doan: khai}]\n",
    "quy_trinh:\n  giai_doan: khai\n  lich_su: khai\n",
    "- a\n",
])
def test_shapes_that_cannot_be_edited_safely(text: str) -> None:
    with pytest.raises(adv.EditError):
        adv.edit_text(text, "chi_uy_xem_xet", ENTRY)


# ---- two advances of the same file at once (issue 15 item 9)


def test_two_advances_at_once_one_wins_the_other_changes_nothing(
        repo_copy: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The second advance runs while the first is being checked (after it read the file): the
    first must not overwrite the second's change with its own copy."""
    path = repo_copy / REL
    repo = find_repo(repo_copy)
    calls: list[str] = []

    def rules(loaded: Any, repo_: Any, options: Any, form: Any = None) -> list[Finding]:
        calls.append(options.stage)
        if len(calls) == 1:  # the other secretary, at the same moment
            other = adv.advance(repo, path, adv.Request(
                "dang_uy_xem_xet", date(2026, 3, 2), "Lương Thị Mai", "Chuyển Đảng ủy"))
            assert other.written
        return []

    monkeypatch.setattr("hoso.validate.rules.run_rules", rules)
    code = main(["advance", REL, "dang_uy_xem_xet", "--nguoi", "Nông Văn Đức",
                 "--ngay", "2026-03-02"])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    assert f"Lỗi: {REL}: tệp đã thay đổi từ lúc hoso đọc nó" in captured.err
    assert "Đã chuyển" not in captured.out
    history = yaml.safe_load(path.read_text(encoding="utf-8"))["quy_trinh"]["lich_su"]
    assert [h["nguoi"] for h in history[-1:]] == ["Lương Thị Mai"]
    assert [h["giai_doan"] for h in history].count("dang_uy_xem_xet") == 1
    assert not list(path.parent.glob(".*hoso-khoa"))


def test_a_held_lock_refuses_and_a_stale_one_is_taken_over(
        repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import time

    path = repo_copy / REL
    before = path.read_bytes()
    lock = path.with_name(f".{path.name}.hoso-khoa")
    lock.write_text("", encoding="utf-8")
    args = ["advance", REL, "dang_uy_xem_xet", "--nguoi", "Nông Văn Đức", "--ngay", "2026-03-02"]
    assert main(args) == 2
    assert "một lệnh khác đang sửa tệp này" in capsys.readouterr().err
    assert path.read_bytes() == before
    old = time.time() - 3600
    os.utime(lock, (old, old))
    assert main(args) == 0
    assert not lock.exists()
