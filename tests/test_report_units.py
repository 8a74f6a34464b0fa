"""``hoso report`` piece by piece: calendar, git log parsing, pure figures, escaping, CLI guards."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from gitrepo import git

from hoso.cli import main
from hoso.errors import UserError
from hoso.form.dates import add_months, add_workdays
from hoso.repo import Repo
from hoso.report import check_out_dir, make_report
from hoso.report.charts import admissions_chart, nice_max, stages_chart
from hoso.report.data import Collected, Dossier, GitInfo, assign_versions, parse_log
from hoso.report.figures import UNKNOWN_STAGE, YearRow, compute
from hoso.report.render import (
    clean,
    md,
    render_html,
    render_json,
    render_markdown,
    render_text,
    show_left,
)

ON = date(2026, 3, 26)


# --------------------------------------------------------------------------------------------
# calendar


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2021, 5, 10), 60) == date(2026, 5, 10)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


@pytest.mark.parametrize("start", [date(2026, 6, 15) + timedelta(days=i) for i in range(7)])
@pytest.mark.parametrize("n", [0, 1, 4, 5, 6, 29, 30])
def test_add_workdays_counts_monday_to_friday(start: date, n: int) -> None:
    got = add_workdays(start, n)
    days = [start + timedelta(days=i) for i in range(1, (got - start).days + 1)]
    assert sum(d.weekday() < 5 for d in days) == n
    assert n == 0 or got.weekday() < 5


def test_add_workdays_with_holidays() -> None:
    # 30-4 and 1-5-2026 (Thursday, Friday) off: the 2nd working day after 29-4 is Tuesday 5-5
    assert add_workdays(date(2026, 4, 29), 2) == date(2026, 5, 1)
    assert add_workdays(date(2026, 4, 29), 2, {date(2026, 4, 30), date(2026, 5, 1)}) == \
        date(2026, 5, 5)
    with pytest.raises(ValueError, match="n must be"):
        add_workdays(date(2026, 4, 29), -1)


# --------------------------------------------------------------------------------------------
# git log parsing and rename following


def _entry(status: str, blob: str, *paths: str, mode: str = "100644") -> bytes:
    meta = f"\n:100644 {mode} {'0' * 40} {blob} {status}".encode()
    return meta + b"\0" + b"".join(p.encode() + b"\0" for p in paths)


def _commit(sha: str, day: str, *entries: bytes) -> bytes:
    return f"\x01{sha}\t{day}".encode() + b"\0" + b"".join(entries)


def test_parse_log_and_follow_renames() -> None:
    b = "b" * 40
    raw = b"".join([
        _commit("c5", "2026-01-05", _entry("M", b + "5", "dossiers/kd/Ấ-1.yaml")),
        _commit("c4", "2026-01-04", _entry("R087", b + "4", "dossiers/kt/Ấ-1.yaml",
                                           "dossiers/kd/Ấ-1.yaml")),
        _commit("c3", "2026-01-03", _entry("M", b + "3", "dossiers/kt/Ấ-1.yaml"),
                _entry("M", b + "x", "dossiers/kt/link.yaml", mode="120000")),
        _commit("merge", "2026-01-02"),
        _commit("c2", "2026-01-02", _entry("A", b + "2", "dossiers/kt/Ấ-1.yaml")),
        _commit("c1", "2026-01-01", _entry("D", "0" * 40, "dossiers/kt/Ấ-1.yaml")),
        _commit("c0", "2025-12-31", _entry("A", b + "0", "dossiers/kt/Ấ-1.yaml")),
    ])
    log = parse_log(raw)
    assert [c for c, _, _ in log] == ["c5", "c4", "c3", "merge", "c2", "c1", "c0"]
    assert log[1][2] == [("R", b + "4", ["dossiers/kt/Ấ-1.yaml", "dossiers/kd/Ấ-1.yaml"])]
    assert log[2][2] == [("M", b + "3", ["dossiers/kt/Ấ-1.yaml"])]  # the symlink is dropped
    found = assign_versions(log, ["dossiers/kd/Ấ-1.yaml", "dossiers/moi.yaml"])
    versions = found["dossiers/kd/Ấ-1.yaml"]
    # oldest first; the history stops at the commit that added the file (c0 is another file)
    assert [(v.commit, v.path, v.day) for v in versions] == [
        ("c2", "dossiers/kt/Ấ-1.yaml", date(2026, 1, 2)),
        ("c3", "dossiers/kt/Ấ-1.yaml", date(2026, 1, 3)),
        ("c4", "dossiers/kd/Ấ-1.yaml", date(2026, 1, 4)),
        ("c5", "dossiers/kd/Ấ-1.yaml", date(2026, 1, 5)),
    ]
    assert found["dossiers/moi.yaml"] == []


# --------------------------------------------------------------------------------------------
# pure figures on hand-made data


ORG: dict[str, Any] = {
    "dang_bo": {"ten": "Đảng bộ <b>Thử</b>"},
    "chi_bo": [{"ma": "a", "ten": "Chi bộ A | **đậm**"}],
    "chi_tieu": {"nhiem_ky": [{"tu": 2025, "den": 2030, "ket_nap": 0}, {"tu": "x"}],
                 "nam": {2026: 2, "hai": 1}},
}


def _dossier(code: str, stage: str | None, cell: str = "a", **xkn: Any) -> Dossier:
    data: dict[str, Any] = {"ma_ho_so": code, "chi_bo": cell, "xet_ket_nap": xkn}
    if stage:
        data["quy_trinh"] = {"giai_doan": stage, "lich_su": []}
    return Dossier(f"dossiers/{cell}/{code}.yaml", code, data)


def _collected(*dossiers: Dossier) -> Collected:
    return Collected(ORG, list(dossiers), GitInfo(False, "thư mục kho không nằm trong một kho git"))


def test_pure_figures_edge_cases() -> None:
    naughty = "<script>alert(1)</script> | **x** [y](javascript:z) \x1b[31m"
    report = compute(_collected(
        # admitted, ceremony on 29-2: probation ends 28-2-2025
        _dossier("A-1", "du_bi", quyet_dinh_ket_nap={"ngay": "2024-02-10"},
                 le_ket_nap={"ngay": "2024-02-29"}),
        # official stage without the decision recorded: no probation line
        _dossier("A-2", "chinh_thuc", le_ket_nap={"ngay": "2024-03-01"}),
        # the chi bộ already met: its papers no longer matter
        _dossier("A-3", "tham_tra", hop_chi_bo={"ngay": "2026-03-01"},
                 don_xin_vao_dang={"ngay": "2024-01-01"}),
        # a meeting still to come: papers are watched
        _dossier("A-4", "tham_tra", hop_chi_bo={"ngay": "2026-04-10"},
                 giay_to=[{"ten": naughty, "ngay": "2025-04-01"}]),
        # broken values become notes; unknown chi bộ and stage get their own row and column
        _dossier("B-1", "nhap", cell="b", quyet_dinh_ket_nap={"ngay": "2025-02-30"},
                 chung_nhan_boi_duong={"ngay": "2021"}),
        Dossier("dossiers/c/hong.yaml", "hong", None),
    ), ON, None, horizon=30)
    assert [(p.code, p.ends, p.deadline) for p in report.probation] == [
        # 30 working days on the Vietnamese calendar: Giỗ Tổ Hùng Vương (7-4-2025) is skipped
        ("A-1", date(2025, 2, 28), date(2025, 4, 14))]
    assert add_workdays(date(2025, 2, 28), 30) == date(2025, 4, 11)
    assert [(e.code, e.until) for e in report.papers] == [("A-4", date(2026, 4, 1))]
    assert report.certificates == []
    assert [c.code for c in report.stage_table.cells] == ["a", "b", "c"]
    assert report.stage_table.stage_codes[-1] == UNKNOWN_STAGE
    assert report.stage_table.count("b", UNKNOWN_STAGE) == 1
    assert report.stage_table.count("c", UNKNOWN_STAGE) == 1
    assert [(r.year, r.admitted, r.target) for r in report.years] == [(2024, 1, None),
                                                                      (2026, 0, 2)]
    assert [(t.start, t.end, t.admitted, t.percent) for t in report.terms] == [
        (2025, 2030, 0, None)]
    notes = "\n".join(report.notes)
    assert "“2025-02-30”" in notes
    assert "“2021”" in notes
    assert "chỉ tiêu năm “hai: 1”" in notes
    assert "nhiệm kỳ" in notes
    assert "dossiers/c/hong.yaml: không đọc được hồ sơ" in notes
    assert not report.quality.git

    text = render_text(report)
    assert "\x1b" not in text
    assert "Không có lịch sử git (thư mục kho không nằm trong một kho git)" in text
    markdown = render_markdown(report)
    assert r"&lt;script&gt;alert\(1\)&lt;/script&gt; \| \*\*x\*\* \[y\]\(javascript:z\)" in markdown
    assert "<script>" not in markdown
    assert r"Chi bộ A \| \*\*đậm\*\*" in markdown
    html = render_html(report)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Đảng bộ &lt;b&gt;Thử&lt;/b&gt;" in html
    doc = json.loads(render_json(report))
    assert doc["thoi_han"]["giay_to"][0]["giay"] == naughty
    assert doc["ket_nap"]["nhiem_ky"][0]["ty_le"] is None


def test_show_left() -> None:
    assert show_left(date(2026, 3, 27), ON) == "còn 1 ngày"
    assert show_left(ON, ON) == "hôm nay"
    assert show_left(date(2026, 3, 20), ON) == "đã quá 6 ngày"


def test_clean_and_md() -> None:
    assert clean("a\u202eb\tc\x00d\n e") == "ab c d e"
    assert md("1 & 2 < 3 _x_ `y` ~z~ #w !v $u$") == \
        r"1 &amp; 2 &lt; 3 \_x\_ \`y\` \~z\~ \#w \!v \$u\$"


# --------------------------------------------------------------------------------------------
# charts


def test_charts_are_well_formed_svg() -> None:
    rows = [YearRow(2024, 3, None), YearRow(2025, 2, 2), YearRow(2026, 1, 4), YearRow(2028, 0, 5)]
    svg = admissions_chart(rows)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.find(f"{ns}title").text == "Kết nạp đảng viên theo năm so với chỉ tiêu"
    assert len(root.findall(f"{ns}rect")) == 1 + 1 + 4  # background, legend, bars
    # the target line joins 2025–2026 only; 2028 is a lone dot
    assert len(root.findall(f"{ns}polyline")) == 1
    assert len(root.findall(f"{ns}circle")) == 1 + 3
    assert admissions_chart(rows) == svg  # deterministic
    empty = ET.fromstring(admissions_chart([]))
    assert any(t.text == "Chưa có số liệu" for t in empty.iter(f"{ns}text"))
    report = compute(_collected(_dossier("A-1", "khai")), ON)
    stages = ET.fromstring(stages_chart(report.stage_table))
    labels = [t.text for t in stages.iter(f"{ns}text")]
    assert "Đảng ủy xem xét" in labels


def test_nice_max() -> None:
    assert nice_max(0) == (1, 1)
    assert nice_max(4) == (4, 1)
    assert nice_max(7) == (8, 2)
    assert nice_max(13) == (15, 5)
    assert nice_max(65) == (80, 20)


# --------------------------------------------------------------------------------------------
# the bundled examples, outside git, through the CLI


@pytest.fixture
def no_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("GIT_DIR", raising=False)


def test_examples_outside_git(repo_copy: Path, no_git: None,
                              capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted((repo_copy / "dossiers").rglob("*.yaml"))
    assert main(["report", "--ngay", "2026-03-26", "--format", "json", "--khong-ghi"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["so_ho_so"] == len(files) > 0
    assert doc["theo_giai_doan"]["tong"] == len(files)
    assert doc["chat_luong"]["co_lich_su_git"] is False
    assert doc["chat_luong"]["ly_do"] == "thư mục kho không nằm trong một kho git"
    assert captured.err == ""
    assert not (repo_copy / "build").exists()
    assert main(["report", "--ngay", "2026-03-26"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("BÁO CÁO THỐNG KÊ HỒ SƠ KẾT NẠP ĐẢNG\n")
    assert "Không có lịch sử git" in text
    assert (repo_copy / "build" / "thong-ke" / "bao-cao.md").is_file()


def test_out_dir_guard(repo_copy: Path) -> None:
    repo = Repo(repo_copy)
    for bad in (repo_copy / "docs" / "thong-ke", repo_copy / "build" / "site",
                repo_copy / "site" / "x", repo_copy / "dossiers" / "ky-thuat", repo_copy,
                repo_copy.parent):
        with pytest.raises(UserError):
            check_out_dir(repo, bad)
    check_out_dir(repo, repo_copy / "build" / "thong-ke")
    check_out_dir(repo, repo_copy.parent / "ngoai")


def test_bad_options(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--ngay", "26/3/2026", "--khong-ghi"]) == 2
    assert "--ngay phải có dạng YYYY-MM-DD" in capsys.readouterr().err
    assert main(["report", "--format", "html"]) == 2
    assert main(["report", "--nam", "nam-nay"]) == 2


def test_make_report_without_dossiers_folder(tmp_path: Path, no_git: None) -> None:
    kho = tmp_path / "kho"
    (kho / "schema").mkdir(parents=True)
    (kho / "to-chuc.yaml").write_text("dang_bo: {ten: Đảng bộ trống}\n", encoding="utf-8")
    report = make_report(Repo(kho), ON)
    assert report.dossiers == 0
    assert report.years == [YearRow(2026, 0, None)]
    assert "Chưa có hồ sơ." in render_text(report)


def test_git_repository_without_commits(repo_copy: Path, git_env: dict[str, str]) -> None:
    git(repo_copy, "init", "-q")
    report = make_report(Repo(repo_copy), ON)
    assert not report.quality.git
    assert report.quality.reason == "kho git chưa có commit nào"
    assert "Không có lịch sử git (kho git chưa có commit nào)" in render_text(report)


def test_numbers_are_written_the_vietnamese_way() -> None:
    from hoso.report.render import show_number, show_percent

    assert show_percent(100 / 3) == "33,3%"
    assert show_percent(0) == "0,0%"
    assert show_percent(123456.78) == "123.456,8%"
    assert show_percent(None) == "—"
    assert show_number(0) == "0,00"
    assert show_number(1234.5) == "1.234,50"
    assert show_number(None) == "—"


def test_due_dates_use_the_committees_days_off() -> None:
    """The board counts ``to-chuc.yaml``'s ``ngay_nghi`` and ``ngay_lam_bu`` like the rules."""
    from hoso.org import calendar_of

    base = calendar_of({})
    extra = calendar_of({"ngay_nghi": [{"ngay": "2025-03-03", "ten": "Nghỉ theo thông báo"}],
                         "ngay_lam_bu": [{"ngay": "2025-03-08", "ten": "Làm bù"}]})
    start = date(2025, 2, 28)
    assert base.add_workdays(start, 30) == date(2025, 4, 14)
    # one weekday off and one Saturday worked: the same deadline, reached another way
    assert extra.add_workdays(start, 1) == date(2025, 3, 4)
    assert extra.add_workdays(start, 30) == date(2025, 4, 14)
    assert extra.working_days_after(start, date(2025, 3, 10)) == 6
    assert base.working_days_after(start, date(2025, 3, 10)) == 6
