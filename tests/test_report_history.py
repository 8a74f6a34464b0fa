"""``hoso report`` on a synthetic repository with a scripted git history: every figure asserted.

The repository (built once per module in a temporary folder, never in the project) holds six
dossiers made from copies of the bundled example:

==========  ==========  ====================================================================
code        chi bộ      story
==========  ==========  ====================================================================
KT-2025-001 ky-thuat    clean at the Đảng ủy review (2024-09-20); admitted 2025-01-15,
                        ceremony 2025-02-03, official 2026-02-20
KT-2025-002 kinh-doanh  returned once by the chi ủy; clean at the review (history 2024-10-04,
                        committed 2024-10-05); admitted
                        2025-06-10, ceremony 2025-06-20 (a Saturday); moved from ky-thuat/ to
                        kinh-doanh/ by a rename on 2025-09-01
KD-2026-001 kinh-doanh  reached the review on 2025-06-10 *with an error* (item (7) Dân tộc
                        missing), returned by the chi ủy and by the Đảng ủy; admitted
                        2026-03-02, ceremony 2026-03-10, still at stage ``ket_nap``
KD-2026-002 kinh-doanh  still at the chi ủy; an old certificate and old papers
KT-2026-003 ky-thuat    committed for the first time already at ``chep_chinh_thuc``
VP-2026-001 van-phong   a new file git does not track yet
==========  ==========  ====================================================================

The rules layer is replaced by a fake so the rule codes are fixed whatever the real rules
become; one test runs the real rules and asserts only what they cannot change.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import git

from hoso.cli import main
from hoso.findings import Finding, Severity
from hoso.form.calendar import NATIONAL
from hoso.repo import Repo
from hoso.report import make_report
from hoso.report.figures import Report
from hoso.report.render import render_json, render_markdown, render_text

ROOT = Path(__file__).resolve().parents[1]
BASE = yaml.safe_load((ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml").read_text("utf-8"))
ON = date(2026, 3, 26)  # a Thursday

ORG = """\
dang_bo:
  ten: Đảng bộ Thử nghiệm
  cap_tren: Đảng ủy cấp trên thử nghiệm
  nhom_dang_uy: "@thu-nghiem/dang-uy"
chi_bo:
  - ma: ky-thuat
    ten: Chi bộ Kỹ thuật
    nguoi_xem_xet: ["@thu-nghiem/ky-thuat"]
  - ma: kinh-doanh
    ten: Chi bộ Kinh doanh
    nguoi_xem_xet: ["@thu-nghiem/kinh-doanh"]
  - ma: van-phong
    ten: Chi bộ Văn phòng
    nguoi_xem_xet: ["@thu-nghiem/van-phong"]
chi_tieu:
  nhiem_ky:
    - {tu: 2020, den: 2025, ket_nap: 10}
    - {tu: 2025, den: 2030, ket_nap: 20}
  nam:
    2025: 2
    2026: 4
"""

FLOW = ["khai", "chi_uy_xem_xet", "dang_uy_xem_xet", "chep_chinh_thuc", "tham_tra",
        "bieu_quyet", "ket_nap", "du_bi", "chinh_thuc"]


class Story:
    """One dossier whose stage and data change commit after commit."""

    def __init__(self, kho: Path, code: str, cell: str, *, early: bool = True) -> None:
        self.kho = kho
        self.code = code
        self.cell = cell
        self.data: dict[str, Any] = copy.deepcopy(BASE)
        self.data["ma_ho_so"] = code
        self.data["chi_bo"] = cell
        self.data["quy_trinh"] = {"giai_doan": "khai", "lich_su": []}
        if early:  # papers dated before a 2024 start, so the dossier is consistent then
            x = self.data["xet_ket_nap"]
            x["chung_nhan_boi_duong"]["ngay"] = "2024-06-14"
            x["don_xin_vao_dang"]["ngay"] = "2024-08-19"
            x["gioi_thieu_cua_doan"]["ngay"] = "2024-08-23"
            self.data["cam_doan"]["ngay"] = "2024-08-30"
            self.data["dao_tao_boi_duong"][1].update({"tu": "2024-06", "den": "2024-06"})
            self.data["khen_thuong"][0].update({"thang": "2023-12",
                                                "ly_do": "Hoàn thành xuất sắc nhiệm vụ năm 2023"})

    @property
    def path(self) -> Path:
        return self.kho / "dossiers" / self.cell / f"{self.code}.yaml"

    def step(self, stage: str, day: str, note: str = "") -> Story:
        flow = self.data["quy_trinh"]
        flow["giai_doan"] = stage
        flow["lich_su"].append({"giai_doan": stage, "ngay": day, "nguoi": "Nông Văn Đức",
                                "ghi_chu": note or "Chuyển bước"})
        return self

    def through(self, *stages: str, day: str) -> Story:
        for stage in stages:
            self.step(stage, day)
        return self

    def write(self) -> Story:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False,
                                            width=1000), encoding="utf-8")
        return self


def _commit(kho: Path, day: str, message: str) -> None:
    git(kho, "add", "-A")
    git(kho, "commit", "-q", "-m", message, day=day)


def build(kho: Path) -> None:  # noqa: PLR0915 - the scripted history, step by step
    kho.mkdir()
    shutil.copytree(ROOT / "schema", kho / "schema")
    (kho / "to-chuc.yaml").write_text(ORG, encoding="utf-8")
    git(kho, "init", "-q", "-b", "main")

    a = Story(kho, "KT-2025-001", "ky-thuat").step("khai", "2024-09-02", "Nộp lần đầu").write()
    b = Story(kho, "KT-2025-002", "ky-thuat").step("khai", "2024-09-02", "Nộp lần đầu").write()
    _commit(kho, "2024-09-02", "Nhận hai hồ sơ")
    a.step("chi_uy_xem_xet", "2024-09-10").write()
    b.step("chi_uy_xem_xet", "2024-09-10").write()
    _commit(kho, "2024-09-10", "Chi ủy nhận hồ sơ")
    b.step("khai", "2024-09-16", "Trả lại: bổ sung lịch sử bản thân").write()
    _commit(kho, "2024-09-16", "Chi ủy trả lại KT-2025-002")
    a.step("dang_uy_xem_xet", "2024-09-20").write()
    _commit(kho, "2024-09-20", "KT-2025-001 lên Đảng ủy")
    b.step("chi_uy_xem_xet", "2024-09-25").write()
    _commit(kho, "2024-09-25", "KT-2025-002 nộp lại")
    b.step("dang_uy_xem_xet", "2024-10-04").write()  # recorded the day before the commit
    _commit(kho, "2024-10-05", "KT-2025-002 lên Đảng ủy")
    a.through("chep_chinh_thuc", "tham_tra", "bieu_quyet", day="2024-11-15").write()
    _commit(kho, "2024-11-15", "KT-2025-001 thẩm tra xong, biểu quyết")
    a.data["xet_ket_nap"]["quyet_dinh_ket_nap"] = {"so": "01-QĐ/ĐU", "ngay": "2025-01-15"}
    a.step("ket_nap", "2025-01-15").write()
    b.through("chep_chinh_thuc", "tham_tra", "bieu_quyet", day="2025-01-15").write()
    _commit(kho, "2025-01-15", "Kết nạp KT-2025-001")
    a.data["xet_ket_nap"]["le_ket_nap"] = {"ngay": "2025-02-03"}
    a.step("du_bi", "2025-02-03").write()
    _commit(kho, "2025-02-03", "Lễ kết nạp KT-2025-001")

    c = Story(kho, "KD-2026-001", "kinh-doanh")
    del c.data["dan_toc"]  # the error the chi ủy misses
    c.step("khai", "2025-05-02", "Nộp lần đầu").write()
    d = Story(kho, "KD-2026-002", "kinh-doanh", early=False)
    x = d.data["xet_ket_nap"]
    x["chung_nhan_boi_duong"]["ngay"] = "2021-05-10"
    x["don_xin_vao_dang"]["ngay"] = "2025-03-01"
    x["gioi_thieu_cua_doan"]["ngay"] = "2025-12-01"
    x["giay_to"] = [{"ten": "Tổng hợp ý kiến nhận xét của đoàn thể (Mẫu 5-KNĐ)",
                     "ngay": "2025-05-20"}]
    d.data["cam_doan"]["ngay"] = "2025-04-01"
    d.step("khai", "2025-05-02", "Nộp lần đầu").write()
    _commit(kho, "2025-05-02", "Nhận hai hồ sơ Chi bộ Kinh doanh")
    c.step("chi_uy_xem_xet", "2025-05-10").write()
    d.step("chi_uy_xem_xet", "2025-05-10").write()
    _commit(kho, "2025-05-10", "Chi ủy Kinh doanh nhận hồ sơ")
    c.step("khai", "2025-05-20", "Trả lại: thiếu ảnh").write()
    _commit(kho, "2025-05-20", "Trả lại KD-2026-001")
    c.step("chi_uy_xem_xet", "2025-06-01").write()
    _commit(kho, "2025-06-01", "KD-2026-001 nộp lại")
    b.data["xet_ket_nap"]["quyet_dinh_ket_nap"] = {"so": "07-QĐ/ĐU", "ngay": "2025-06-10"}
    b.step("ket_nap", "2025-06-10").write()
    c.step("dang_uy_xem_xet", "2025-06-10").write()
    _commit(kho, "2025-06-10", "Kết nạp KT-2025-002; KD-2026-001 lên Đảng ủy")
    b.data["xet_ket_nap"]["le_ket_nap"] = {"ngay": "2025-06-20"}
    b.step("du_bi", "2025-06-20").write()
    _commit(kho, "2025-06-20", "Lễ kết nạp KT-2025-002")
    c.step("khai", "2025-06-25", "Đảng ủy trả lại: thiếu mục (7) Dân tộc").write()
    _commit(kho, "2025-06-25", "Đảng ủy trả lại KD-2026-001")
    c.data["dan_toc"] = "Tày"
    c.step("chi_uy_xem_xet", "2025-07-01").write()
    _commit(kho, "2025-07-01", "KD-2026-001 sửa xong")
    c.step("dang_uy_xem_xet", "2025-07-10").write()
    _commit(kho, "2025-07-10", "KD-2026-001 lên Đảng ủy lần hai")

    old = b.path
    b.cell = b.data["chi_bo"] = "kinh-doanh"
    b.path.parent.mkdir(parents=True, exist_ok=True)
    git(kho, "mv", str(old.relative_to(kho)), str(b.path.relative_to(kho)))
    b.write()
    _commit(kho, "2025-09-01", "KT-2025-002 chuyển sinh hoạt sang Chi bộ Kinh doanh")

    a.data["xet_ket_nap"]["cong_nhan_chinh_thuc"] = {"so": "03-QĐ/ĐU", "ngay": "2026-02-20"}
    a.step("chinh_thuc", "2026-02-20").write()
    _commit(kho, "2026-02-20", "Công nhận chính thức KT-2025-001")
    c.through("chep_chinh_thuc", "tham_tra", "bieu_quyet", day="2026-02-16")
    c.data["xet_ket_nap"]["quyet_dinh_ket_nap"] = {"so": "12-QĐ/ĐU", "ngay": "2026-03-02"}
    c.step("ket_nap", "2026-03-02").write()
    _commit(kho, "2026-03-02", "Kết nạp KD-2026-001")
    c.data["xet_ket_nap"]["le_ket_nap"] = {"ngay": "2026-03-10"}
    c.write()
    _commit(kho, "2026-03-10", "Lễ kết nạp KD-2026-001")

    e = Story(kho, "KT-2026-003", "ky-thuat", early=False)
    e.through("khai", "chi_uy_xem_xet", "dang_uy_xem_xet", "chep_chinh_thuc", day="2026-03-01")
    e.write()
    _commit(kho, "2026-03-12", "Nhập hồ sơ KT-2026-003 từ bản Word")

    Story(kho, "VP-2026-001", "van-phong", early=False).step("khai", "2026-03-20").write()


@pytest.fixture(scope="module")
def kho(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("lich-su")
    home = base / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        # no user or system configuration; git itself runs through tests/gitrepo.py
        mp.setenv("HOME", str(home))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        path = base / "kho"
        build(path)
        yield path


CALLS: list[tuple[str, date | None]] = []


def _fake_rules(loaded: Any, repo: Any, options: Any, form: Any = None) -> list[Finding]:
    CALLS.append((loaded.data.get("ma_ho_so"), options.on_date))
    if loaded.data.get("ma_ho_so") == "KT-2025-002":
        return [Finding(loaded.file, 1, 1, "thu-canh-bao", Severity.WARNING, "Cảnh báo thử.")]
    return []


@pytest.fixture
def report(kho: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    CALLS.clear()
    monkeypatch.setattr("hoso.validate.rules.run_rules", _fake_rules)
    return make_report(Repo(kho), ON, 2026)


def test_stage_table(report: Report) -> None:
    t = report.stage_table
    assert [c.code for c in t.cells] == ["ky-thuat", "kinh-doanh", "van-phong"]
    assert t.stage_codes == FLOW
    assert t.counts == {
        ("ky-thuat", "chinh_thuc"): 1, ("ky-thuat", "chep_chinh_thuc"): 1,
        ("kinh-doanh", "du_bi"): 1, ("kinh-doanh", "ket_nap"): 1,
        ("kinh-doanh", "chi_uy_xem_xet"): 1, ("van-phong", "khai"): 1,
    }
    assert (t.cell_total("ky-thuat"), t.cell_total("kinh-doanh"), t.cell_total("van-phong")) == \
        (2, 3, 1)
    assert t.total == report.dossiers == 6


def test_admissions_terms_and_conversions(report: Report) -> None:
    assert [(r.year, r.admitted, r.target) for r in report.years] == [(2025, 2, 2), (2026, 1, 4)]
    assert [r.percent for r in report.years] == [100.0, 25.0]
    assert [(t.start, t.end, t.admitted, t.target, t.percent) for t in report.terms] == [
        (2020, 2025, 2, 10, 20.0), (2025, 2030, 3, 20, 15.0)]
    assert [(t.start, t.end) for t in report.terms_of()] == [(2025, 2030)]
    assert [(t.start, t.end) for t in report.terms_of(2025)] == [(2020, 2025), (2025, 2030)]
    assert report.conversions == [(2026, 1)]
    assert report.conversions_in() == 1
    assert report.conversions_in(2025) == 0


def test_first_time_right_replayed_at_the_review_commit(report: Report) -> None:
    q = report.quality
    assert q.git
    assert not q.shallow
    assert q.reason == ""
    rows = [(r.code, r.day, r.errors, r.warnings, r.codes) for r in q.replays]
    assert rows == [
        ("KT-2025-001", date(2024, 9, 20), 0, 0, ()),
        ("KT-2025-002", date(2024, 10, 4), 0, 1, ("thu-canh-bao",)),
        ("KD-2026-001", date(2025, 6, 10), 1, 0, ("thieu-muc",)),
    ]
    assert q.replays[1].path == "dossiers/kinh-doanh/KT-2025-002.yaml"  # followed the rename
    assert (q.reached, q.first_time_right) == (3, 2)
    assert q.share == pytest.approx(200 / 3)
    assert q.unmeasured == ["KT-2026-003"]
    assert [(c.code, c.severity, c.findings, c.dossiers) for c in q.codes] == [
        ("thieu-muc", Severity.ERROR, 1, 1), ("thu-canh-bao", Severity.WARNING, 1, 1)]
    # the rules ran on the versions at the review, dated by their commits (the dossier with a
    # schema error never reaches the rules)
    assert sorted(CALLS, key=str) == [("KT-2025-001", date(2024, 9, 20)),
                                      ("KT-2025-002", date(2024, 10, 4))]
    assert [r.commit_day for r in q.replays] == [date(2024, 9, 20), date(2024, 10, 5),
                                                 date(2025, 6, 10)]


def test_replayed_commit_is_the_first_at_the_review(report: Report, kho: Path) -> None:
    for row in report.quality.replays:
        out = git(kho, "show", "-s", "--format=%ad %s", "--date=short", row.commit)
        assert out.startswith(row.commit_day.isoformat())
    first_c = next(r for r in report.quality.replays if r.code == "KD-2026-001")
    msg = git(kho, "show", "-s", "--format=%s", first_c.commit).strip()
    assert msg == "Kết nạp KT-2025-002; KD-2026-001 lên Đảng ủy"


def test_returns(report: Report) -> None:
    r = report.returns
    assert [(x.code, x.returns) for x in r.rows] == [
        ("KD-2026-001", 2), ("KT-2025-002", 1), ("KD-2026-002", 0), ("KT-2025-001", 0),
        ("KT-2026-003", 0), ("VP-2026-001", 0)]
    assert (r.total, r.returned, r.average) == (3, 2, 0.5)
    assert r.distribution() == [(0, 4), (1, 1), (2, 1)]


def _workdays_after(start: date, n: int) -> date:
    d = start
    while n:
        d += timedelta(days=1)
        n -= d.weekday() < 5
    return d


def test_probation_due_dates(report: Report) -> None:
    rows = [(p.code, p.ceremony, p.ends, p.deadline) for p in report.probation]
    assert rows == [
        # 2026-06-20 is a Saturday: day 1 is Monday 22-6, day 30 Friday 31-7
        ("KT-2025-002", date(2025, 6, 20), date(2026, 6, 20), date(2026, 7, 31)),
        # 2027-03-10 is a Wednesday: Monday to Friday, day 30 would be Wednesday 21-4-2027; Giỗ
        # Tổ Hùng Vương (Friday 16-4-2027) is a day off, so it is Thursday 22-4-2027
        ("KD-2026-001", date(2026, 3, 10), date(2027, 3, 10), date(2027, 4, 22)),
    ]
    assert _workdays_after(date(2027, 3, 10), 30) == date(2027, 4, 21)
    for _, _, ends, deadline in rows:
        assert deadline == NATIONAL.add_workdays(ends, 30)


def test_certificates_and_papers(report: Report) -> None:
    assert [(e.code, e.issued, e.until) for e in report.certificates] == [
        ("KD-2026-002", date(2021, 5, 10), date(2026, 5, 10))]
    # HD 06 §5.4 a: the application (1-3-2025) and the biography (1-4-2025) do not lapse
    assert [(e.code, e.what, e.issued, e.until, (e.until - ON).days) for e in report.papers] == [
        ("KD-2026-002", "Tổng hợp ý kiến nhận xét của đoàn thể (Mẫu 5-KNĐ)", date(2025, 5, 20),
         date(2026, 5, 20), 55),
    ]
    assert report.notes == []


def test_horizon_and_year_options(kho: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hoso.validate.rules.run_rules", _fake_rules)
    wide = make_report(Repo(kho), ON, 2025, horizon=365)
    assert wide.year == 2025
    assert wide.year_row().admitted == 2
    # the Youth Union resolution of 2025-12-01 is now within reach
    assert ("KD-2026-002", date(2026, 12, 1)) in [(e.code, e.until) for e in wide.papers]
    assert all(e.until <= ON + timedelta(days=365) for e in wide.papers)
    narrow = make_report(Repo(kho), ON, None, horizon=0)
    assert narrow.year == 2026
    assert [e.until for e in narrow.papers] == []  # the application does not lapse
    assert narrow.certificates == []


def test_text_report(report: Report) -> None:
    text = render_text(report)
    assert "Năm 2026: kết nạp 1/4 đảng viên theo chỉ tiêu, đạt 25,0%." in text
    assert ("Nhiệm kỳ 2025–2030: đã kết nạp 3/20 đảng viên theo chỉ tiêu nhiệm kỳ, đạt 15,0%."
            in text)
    assert "2/3 hồ sơ không có lỗi nào ở lần đầu lên Đảng ủy xem xét (66,7%)." in text
    assert "Năm 2026: 1 đảng viên được công nhận chính thức" in text
    assert "Tổng cộng 3 lần trả lại; 2/6 hồ sơ bị trả lại ít nhất một lần; trung bình 0,50" in text
    assert "KT-2026-003" in text.split("không có phiên bản ở")[1].split("\n\n")[0]
    lines = text.splitlines()
    probation = next(i for i, ln in enumerate(lines) if ln.startswith("* Hết 12 tháng dự bị"))
    assert lines[probation + 4].split() == ["KT-2025-002", "Chi", "bộ", "Kinh", "doanh",
                                            "20-6-2025", "20-6-2026"]
    # the recognition meeting's due date is the board's, in working days, and only there
    board = text[text.index("* Các bước đang chờ"):text.index("* Hết 12 tháng dự bị")]
    assert "31-7-2026" in next(ln for ln in board.splitlines() if ln.startswith("KT-2025-002"))
    assert text.count("31-7-2026") == 1
    assert "còn 55 ngày" in text


def test_json_report(report: Report) -> None:
    doc = json.loads(render_json(report))
    assert doc["ket_nap"]["nam_xem_xet"] == {"nam": 2026, "so_ket_nap": 1, "chi_tieu": 4,
                                             "ty_le": 25.0}
    assert doc["chat_luong"]["ty_le_khong_loi"] == 66.7
    assert doc["chat_luong"]["so_ho_so_len_dang_uy"] == 3
    assert doc["tra_lai"]["phan_bo"] == [{"so_lan": 0, "so_ho_so": 4}, {"so_lan": 1, "so_ho_so": 1},
                                         {"so_lan": 2, "so_ho_so": 1}]
    assert doc["thoi_han"]["du_bi"][0] == {"ma": "KT-2025-002", "chi_bo": "kinh-doanh",
                                          "le_ket_nap": "2025-06-20", "het_du_bi": "2026-06-20",
                                          "han_xet": "2026-07-31", "con_ngay": 127}
    assert doc["theo_giai_doan"]["cong"]["du_bi"] == 1


def test_real_rules_still_see_the_schema_error(kho: Path) -> None:
    """With the real rules: only what the rules cannot change is asserted."""
    report = make_report(Repo(kho), ON, 2026)
    q = report.quality
    assert q.reached == 3
    c = next(r for r in q.replays if r.code == "KD-2026-001")
    assert c.errors >= 1
    assert "thieu-muc" in c.codes
    assert q.first_time_right <= 2
    schema = next(x for x in q.codes if x.code == "thieu-muc")
    assert schema.title == ""  # the schema's codes are not in the rule catalogue
    assert "| thieu-muc | Theo lược đồ Mẫu 2-KNĐ hoặc định dạng tệp | lỗi |" in \
        render_markdown(report)


def test_cli_writes_the_internal_page_not_the_site(kho: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("hoso.validate.rules.run_rules", _fake_rules)
    out = tmp_path / "thong-ke"
    code = main(["report", "--kho", str(kho), "--ngay", "2026-03-26", "--nam", "2026",
                 "--format", "markdown", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.startswith("# Báo cáo thống kê hồ sơ kết nạp Đảng\n")
    assert "![Biểu đồ: kết nạp theo năm so với chỉ tiêu](ket-nap-theo-nam.svg)" in captured.out
    assert sorted(p.name for p in out.iterdir()) == [
        "bao-cao.md", "ho-so-theo-giai-doan.svg", "index.html", "ket-nap-theo-nam.svg"]
    assert (out / "bao-cao.md").read_text("utf-8") == captured.out == render_markdown(
        make_report(Repo(kho), ON, 2026))
    html = (out / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert html.count("<svg ") == 2
    assert "66,7%" in html
    assert "Đã ghi báo cáo vào" in captured.err
    # the default folder is build/thong-ke in the repository
    assert main(["report", "--kho", str(kho), "--ngay", "2026-03-26"]) == 0
    assert (kho / "build" / "thong-ke" / "index.html").is_file()
    shutil.rmtree(kho / "build")
    # the public guidance site is refused, whatever its name
    assert main(["report", "--kho", str(kho), "--out", str(kho / "build" / "site")]) == 2
    assert "trang hướng dẫn công khai" in capsys.readouterr().err
    site = tmp_path / "trang"
    (site / "thong-ke").mkdir(parents=True)
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    assert main(["report", "--kho", str(kho), "--out", str(site / "thong-ke")]) == 2
    assert "trang web đã dựng" in capsys.readouterr().err
    assert not (kho / "build").exists()


def test_shallow_clone_is_flagged(kho: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hoso.validate.rules.run_rules", _fake_rules)
    clone = tmp_path / "nong"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{kho}", str(clone))
    report = make_report(Repo(clone), ON, 2026)
    q = report.quality
    assert q.git
    assert q.shallow
    assert q.reached == 0
    assert q.unmeasured == ["KD-2026-001", "KT-2025-001", "KT-2025-002", "KT-2026-003"]
    assert "git fetch --unshallow" in " ".join(render_text(report).split())
