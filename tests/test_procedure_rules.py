"""The procedure rules at their edges, on both sides (issue 14 item 2).

Votes exactly at the ratio and one short; deadlines on their last working day and the next one,
with Tết and substitute days inside the window; a replacement introducer under 12 months; a Youth
Union officer between the two age limits; a probationary introducer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pytest
from rulecases import PINNED, hits, sample

from hoso.findings import Severity
from hoso.form import limits
from hoso.form.calendar import NATIONAL
from hoso.form.numbers import fraction, percent, words
from hoso.load import load_bytes
from hoso.repo import find_repo_or_checkout
from hoso.validate.check import Checker, CheckOptions
from hoso.validate.rules import catalogue, examples
from hoso.validate.rules.samples import AT_ADMISSION, AT_OFFICIAL, AT_VOTE, DECISION, VOTE_CELL

_base = sample


def check_codes(patches: Sequence[Mapping[str, Any]], *, stage: str | None = None,
                on: date = PINNED) -> dict[str, list[str]]:
    """Every finding of the full check (schema and rules) on the patched sample, by code."""
    text = examples.patched_text(patches)
    loaded = load_bytes(text.encode("utf-8"), "vi-du.yaml")
    checker = Checker(find_repo_or_checkout(), CheckOptions(on_date=on, stage=stage))
    out: dict[str, list[str]] = {}
    for f in checker.check_loaded(loaded):
        out.setdefault(f.code, []).append(f.message)
    return out


def vote(where: str, total: int, yes: int, *, present: int | None = None) -> dict[str, Any]:
    return {"dat": f"xet_ket_nap.{where}.bieu_quyet",
            "gia_tri": {**VOTE_CELL, "tong_so": str(total), "co_mat": str(present or total),
                        "tan_thanh": str(yes), "khong_tan_thanh": "0"}}


# --------------------------------------------------------------------------------------------
# ratios


@pytest.mark.parametrize(("ratio", "total", "needed"), [
    (limits.CHI_BO_VOTE, 12, 8), (limits.CHI_BO_VOTE, 9, 6), (limits.CHI_BO_VOTE, 10, 7),
    (limits.CHI_BO_VOTE, 3, 2), (limits.COMMITTEE_VOTE, 9, 6), (limits.COMMITTEE_VOTE, 13, 9),
    (limits.STANDING_VOTE, 10, 6), (limits.STANDING_VOTE, 7, 4), (limits.STANDING_VOTE, 2, 2),
])
def test_ratio_needs_exactly_this_many(ratio: limits.Ratio, total: int, needed: int) -> None:
    assert ratio.needed(total) == needed
    assert ratio.met(needed, total)
    assert not ratio.met(needed - 1, total)


def test_chi_bo_vote_exactly_two_thirds_passes_one_short_fails() -> None:
    assert hits("bieu-quyet-ty-le", [*AT_VOTE, vote("hop_chi_bo", 12, 8)]) == []
    found = hits("bieu-quyet-ty-le", [*AT_VOTE, vote("hop_chi_bo", 12, 7)])
    assert [p for p, _ in found] == ["xet_ket_nap.hop_chi_bo.bieu_quyet.tan_thanh"]
    assert "7/12" in found[0][1]
    assert "ít nhất 2/3" in found[0][1]
    assert "cần ít nhất 8/12" in found[0][1]


def test_the_denominator_is_the_members_not_those_present() -> None:
    # 8 present, all for: 8/12 members is exactly 2/3 — passes; 7 of 7 present is 7/12 — fails
    assert hits("bieu-quyet-ty-le", [*AT_VOTE, vote("hop_chi_bo", 12, 8, present=8)]) == []
    assert hits("bieu-quyet-ty-le", [*AT_VOTE, vote("hop_chi_bo", 12, 7, present=7)])


def test_committee_and_standing_committee_ratios() -> None:
    base = [*AT_ADMISSION]
    assert hits("bieu-quyet-ty-le", [*base, vote("hop_dang_uy", 9, 6)]) == []
    assert hits("bieu-quyet-ty-le", [*base, vote("hop_dang_uy", 9, 5)])
    standing = {"dat": "xet_ket_nap.hop_thuong_vu",
                "gia_tri": {"ngay": "2026-07-08", "co_quan": "Ban Thường vụ Đảng ủy"}}
    assert hits("bieu-quyet-ty-le", [*base, standing, vote("hop_thuong_vu", 10, 6)]) == []
    found = hits("bieu-quyet-ty-le", [*base, standing, vote("hop_thuong_vu", 10, 5)])
    assert "quá 1/2" in found[0][1]


def test_recognition_vote_uses_the_chi_bo_ratio() -> None:
    assert hits("bieu-quyet-ty-le", [*AT_OFFICIAL, vote("du_bi.hop_chi_bo", 12, 8)]) == []
    assert [p for p, _ in hits("bieu-quyet-ty-le",
                               [*AT_OFFICIAL, vote("du_bi.hop_chi_bo", 12, 7)])] == [
        "xet_ket_nap.du_bi.hop_chi_bo.bieu_quyet.tan_thanh"]


def test_vote_figures_must_add_up() -> None:
    assert hits("bieu-quyet-so-lieu", [*AT_VOTE, vote("hop_chi_bo", 12, 8, present=13)])
    over = {"dat": "xet_ket_nap.hop_chi_bo.bieu_quyet.khong_tan_thanh", "gia_tri": "4"}
    assert hits("bieu-quyet-so-lieu", [*AT_VOTE, vote("hop_chi_bo", 12, 8, present=11), over])
    assert hits("bieu-quyet-so-lieu", [*AT_VOTE, vote("hop_chi_bo", 12, 8, present=12), over]) == []


def test_a_move_to_ket_nap_needs_the_committee_vote() -> None:
    no_committee = [*AT_VOTE, {"dat": "xet_ket_nap.quyet_dinh_ket_nap",
                               "gia_tri": DECISION[-1]["gia_tri"]},
                    {"dat": "xet_ket_nap.le_ket_nap", "gia_tri": {"ngay": "2026-07-24"}}]
    found = hits("bieu-quyet-thieu-so-lieu", no_committee, stage="ket_nap")
    assert found
    assert "Đảng ủy cơ sở" in found[0][1]
    assert hits("bieu-quyet-thieu-so-lieu", AT_ADMISSION, stage="ket_nap") == []


def test_numbers_in_words() -> None:
    assert words(0) == "không"
    assert words(12) == "mười hai"
    assert words(15) == "mười lăm"
    assert words(21) == "hai mươi mốt"
    assert words(24) == "hai mươi tư"
    assert words(105) == "một trăm linh năm"
    assert words(1200) == "một nghìn hai trăm"
    assert fraction(10, 12) == "10/12 (mười trên mười hai)"
    assert percent(10, 12) == "83,33%"
    assert percent(8, 12) == "66,67%"
    assert percent(6, 6) == "100%"


# --------------------------------------------------------------------------------------------
# introducers


def test_a_probationary_introducer_is_told_plainly_without_asking_for_a_date() -> None:
    patches = [{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].loai_dang_vien", "gia_tri": "du_bi"},
               {"xoa": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc"}]
    found = hits("nguoi-gioi-thieu-chinh-thuc", patches)
    assert [p for p, _ in found] == ["xet_ket_nap.nguoi_gioi_thieu[0].loai_dang_vien"]
    message = found[0][1]
    assert "đảng viên dự bị không được giới thiệu người vào Đảng" in message
    assert "ngày" not in message
    # the full check: no schema finding asks for ngay_chinh_thuc
    codes = check_codes(patches)
    assert "nguoi-gioi-thieu-chinh-thuc" in codes
    assert not any("ngay_chinh_thuc" in m for ms in codes.values() for m in ms)


def test_an_official_introducer_passes() -> None:
    patch = [{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].loai_dang_vien", "gia_tri": "chinh_thuc"}]
    assert hits("nguoi-gioi-thieu-chinh-thuc", patch) == []


@pytest.mark.parametrize(("number", "ok"), [("012345678901", True), ("01234567890", False),
                                            ("0123456789012", False), ("01234567890A", False)])
def test_party_card_number_has_twelve_digits(number: str, ok: bool) -> None:
    codes = check_codes([{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].so_the_dang",
                          "gia_tri": number}])
    assert (codes == {}) is ok, codes


def test_a_replacement_introducer_under_twelve_months_passes() -> None:
    short = {"dat": "xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu", "gia_tri": "2026-06"}
    replaced = {"dat": "xet_ket_nap.nguoi_gioi_thieu[0].thay_the",
                "gia_tri": {"ho_ten": "Hà Văn Lực", "ly_do": "Chuyển sinh hoạt đảng",
                            "ngay": "2026-06-10"}}
    assert hits("nguoi-gioi-thieu-cung-cong-tac", [short])
    assert hits("nguoi-gioi-thieu-cung-cong-tac", [short, replaced]) == []
    assert check_codes([short, replaced]) == {}


def test_twelve_months_together_on_both_sides() -> None:
    # pinned 27-11-2026: from 11-2025 is 12 months (passes), from 12-2025 is 11 (fails)
    at = "xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu"
    assert hits("nguoi-gioi-thieu-cung-cong-tac", [{"dat": at, "gia_tri": "2025-11"}]) == []
    assert hits("nguoi-gioi-thieu-cung-cong-tac", [{"dat": at, "gia_tri": "2025-12"}])


def _born(day: str) -> list[dict[str, Any]]:
    return [{"dat": "ngay_sinh", "gia_tri": day},
            {"dat": "so_can_cuoc", "gia_tri": f"0200{day[2:4]}004517"}]


CADRE = {"dat": "xet_ket_nap.can_bo_doan", "gia_tri": "Bí thư Chi đoàn Kỹ thuật"}


@pytest.mark.parametrize(("born", "cadre", "ok"), [
    ("1995-11-28", False, True),    # 30 years 11 months at 27-11-2026: still youth age
    ("1995-11-27", False, False),   # 31 today: past youth age for a đoàn viên
    ("1993-04-17", False, False),   # 33: past it
    ("1993-04-17", True, True),     # 33, a Youth Union officer: between the two limits
    ("1990-11-28", True, True),     # 35 years 11 months, officer: still inside
    ("1990-11-27", True, False),    # 36 today, officer: past the officer's limit
])
def test_youth_union_path_by_age_and_office(born: str, cadre: bool, ok: bool) -> None:
    patches = [*_born(born), *([CADRE] if cadre else [])]
    found = hits("gioi-thieu-doan-khong-hop", patches)
    assert (found == []) is ok, found
    if not ok:
        assert "hai đảng viên chính thức" in found[0][1]
        assert catalogue.by_code()["gioi-thieu-doan-khong-hop"].severity is Severity.ERROR


def test_an_officer_between_the_limits_must_use_the_youth_union() -> None:
    second = {"them": "xet_ket_nap.nguoi_gioi_thieu",
              "gia_tri": {"ho_ten": "Lương Thị Mai", "chi_bo": "Chi bộ Kỹ thuật",
                          "ngay_vao_dang": "2005-03-02", "ngay_chinh_thuc": "2006-03-02",
                          "cung_cong_tac_tu": "2020-01"}}
    two = [*_born("1993-04-17"), {"xoa": "xet_ket_nap.gioi_thieu_cua_doan"}, second]
    # not an officer: two official members is right at 33
    assert hits("gioi-thieu-doan", two) == []
    # an officer at 33 is still in youth age: the Youth Union must introduce
    assert hits("gioi-thieu-doan", [*two, CADRE])


# --------------------------------------------------------------------------------------------
# working-day deadlines


def _request(sent: str, answered: str | None, abroad: bool = False) -> dict[str, Any]:
    row: dict[str, Any] = {"gui_den": "Chi ủy Chi bộ Khu phố 5, Đảng bộ phường Tam Thanh",
                           "doi_tuong": "ban_than", "ngay_gui": sent, "nuoc_ngoai": abroad}
    if answered:
        row["ngay_tra_loi"] = answered
    return {"dat": "xet_ket_nap.yeu_cau_tham_tra", "gia_tri": [row]}


def test_verification_reply_window_with_tet_inside() -> None:
    sent = date(2026, 1, 26)
    last = NATIONAL.add_workdays(sent, 30)
    # Tết 16–20 February is inside: the last day is a week later than Monday–Friday counting
    assert last == date(2026, 3, 16)
    assert hits("tham-tra-tra-loi-dung-han",
                [_request(sent.isoformat(), last.isoformat())]) == []
    late = NATIONAL.add_workdays(last, 1)
    found = hits("tham-tra-tra-loi-dung-han", [_request(sent.isoformat(), late.isoformat())])
    assert found
    assert "16-3-2026" in found[0][1]
    assert catalogue.by_code()["tham-tra-tra-loi-dung-han"].severity is Severity.WARNING


def test_verification_abroad_has_ninety_working_days() -> None:
    sent = date(2026, 1, 26)
    last = NATIONAL.add_workdays(sent, 90)
    assert hits("tham-tra-tra-loi-dung-han",
                [_request(sent.isoformat(), last.isoformat(), abroad=True)]) == []
    late = NATIONAL.add_workdays(last, 1).isoformat()
    assert hits("tham-tra-tra-loi-dung-han", [_request(sent.isoformat(), late, abroad=True)])
    # the same reply to a request at home is late
    assert hits("tham-tra-tra-loi-dung-han", [_request(sent.isoformat(), last.isoformat())])


def test_an_unanswered_request_past_its_deadline_is_flagged() -> None:
    found = hits("tham-tra-tra-loi-dung-han", [_request("2026-09-01", None)])
    assert [p for p, _ in found] == ["xet_ket_nap.yeu_cau_tham_tra[0]"]
    assert hits("tham-tra-tra-loi-dung-han", [_request("2026-11-02", None)]) == []


def _decision(day: date, extended: bool = False) -> list[dict[str, Any]]:
    block = {**DECISION[-1]["gia_tri"], "ngay": day.isoformat()}
    if extended:
        block["gia_han"] = True
    return [*AT_VOTE, *DECISION[:-1], {"dat": "xet_ket_nap.quyet_dinh_ket_nap", "gia_tri": block}]


def test_decision_within_45_working_days_and_the_extension() -> None:
    meeting = date(2026, 6, 15)
    last = NATIONAL.add_workdays(meeting, 45)
    # 31-8 and 1-9, 2-9 are off, 22-8 (Saturday) is worked: the window holds them all
    assert last == date(2026, 8, 17)
    assert hits("quyet-dinh-ket-nap-dung-han", _decision(last)) == []
    late = NATIONAL.add_workdays(last, 1)
    assert hits("quyet-dinh-ket-nap-dung-han", _decision(late))
    extended = NATIONAL.add_workdays(meeting, 60)
    assert hits("quyet-dinh-ket-nap-dung-han", _decision(extended, extended=True)) == []
    assert hits("quyet-dinh-ket-nap-dung-han",
                _decision(NATIONAL.add_workdays(extended, 1), extended=True))


def test_ceremony_within_30_working_days_of_receiving_the_decision() -> None:
    base = [*AT_VOTE, *DECISION,
            {"dat": "xet_ket_nap.quyet_dinh_ket_nap.ngay_nhan", "gia_tri": "2026-08-14"}]
    last = NATIONAL.add_workdays(date(2026, 8, 14), 30)
    assert last == date(2026, 9, 29)  # 31-8, 1-9, 2-9 off; Saturday 22-8 worked
    ok = {"dat": "xet_ket_nap.le_ket_nap", "gia_tri": {"ngay": last.isoformat()}}
    assert hits("le-ket-nap-dung-han", [*base, ok]) == []
    late = {"dat": "xet_ket_nap.le_ket_nap",
            "gia_tri": {"ngay": NATIONAL.add_workdays(last, 1).isoformat()}}
    found = hits("le-ket-nap-dung-han", [*base, late])
    assert found
    assert "nhận quyết định" in found[0][1]
    assert "Quốc khánh" in found[0][1]


def test_recognition_meeting_after_twelve_months_within_30_working_days() -> None:
    # ceremony 24-7-2026: probation ends 24-7-2027
    end = date(2027, 7, 24)
    at = "xet_ket_nap.du_bi.hop_chi_bo.ngay"
    before = {"dat": at, "gia_tri": "2027-07-23"}
    assert hits("hop-cong-nhan-dung-han", [*AT_OFFICIAL, before])
    on_end = {"dat": at, "gia_tri": end.isoformat()}
    assert hits("hop-cong-nhan-dung-han", [*AT_OFFICIAL, on_end]) == []
    last = NATIONAL.add_workdays(end, 30)
    assert hits("hop-cong-nhan-dung-han", [*AT_OFFICIAL, {"dat": at, "gia_tri": last.isoformat()}]) \
        == []
    late = NATIONAL.add_workdays(last, 1).isoformat()
    assert hits("hop-cong-nhan-dung-han", [*AT_OFFICIAL, {"dat": at, "gia_tri": late}])


def test_recognition_decision_within_30_working_days_plus_15() -> None:
    meeting = date(2027, 7, 28)
    at = "xet_ket_nap.cong_nhan_chinh_thuc.ngay"
    last = NATIONAL.add_workdays(meeting, 30)
    assert hits("quyet-dinh-cong-nhan-dung-han",
                [*AT_OFFICIAL, {"dat": at, "gia_tri": last.isoformat()}]) == []
    late = NATIONAL.add_workdays(last, 1).isoformat()
    assert hits("quyet-dinh-cong-nhan-dung-han", [*AT_OFFICIAL, {"dat": at, "gia_tri": late}])
    extended = {"dat": "xet_ket_nap.cong_nhan_chinh_thuc.gia_han", "gia_tri": True}
    assert hits("quyet-dinh-cong-nhan-dung-han",
                [*AT_OFFICIAL, extended, {"dat": at, "gia_tri": late}]) == []


# --------------------------------------------------------------------------------------------
# số lý lịch


@pytest.mark.parametrize(("value", "ok"), [
    ("000215LS", True), ("123456ABC", True), ("000215L", False), ("00215LS", False),
    ("000215LSXY", False), ("LS-2026-015", False), ("000215ls", False)])
def test_record_number_format(value: str, ok: bool) -> None:
    found = hits("so-ly-lich", [*AT_ADMISSION, {"dat": "so_ly_lich", "gia_tri": value}],
                 stage="ket_nap")
    assert (found == []) is ok, found


def test_record_number_only_after_admission() -> None:
    patch = [{"dat": "so_ly_lich", "gia_tri": "000215LS"}]
    assert hits("so-ly-lich-truoc-ket-nap", patch, stage="tham_tra")
    assert hits("so-ly-lich-truoc-ket-nap", [*AT_ADMISSION, *patch], stage="ket_nap") == []
    assert catalogue.by_code()["so-ly-lich-truoc-ket-nap"].severity is Severity.WARNING


# --------------------------------------------------------------------------------------------
# the dossier checklist


def test_checklist_finding_at_the_stage_where_it_matters() -> None:
    no_summary = [*AT_VOTE, {"xoa": "xet_ket_nap.tong_hop_y_kien"}]
    # before the vote the summary is not yet due
    assert hits("danh-muc-ho-so", no_summary, stage="tham_tra") == []
    found = hits("danh-muc-ho-so", no_summary, stage="bieu_quyet")
    assert len(found) == 1
    assert "Tổng hợp ý kiến nhận xét" in found[0][1]
    # recognition papers are asked for at chinh_thuc only
    missing = [*AT_OFFICIAL, {"xoa": "xet_ket_nap.du_bi.tu_kiem_diem"}]
    assert hits("danh-muc-ho-so", missing, stage="du_bi", on=date(2027, 9, 1)) == []
    found = hits("danh-muc-ho-so", missing, stage="chinh_thuc", on=date(2027, 9, 1))
    assert [p for p, _ in found] == ["xet_ket_nap.du_bi"]
    assert "tự kiểm điểm" in found[0][1]


def test_checklist_validity_on_both_sides() -> None:
    from hoso.form import checklist
    from hoso.workflow import stages

    rank = {s: stages.index(s) for s in stages.CODES}
    data = examples.apply(_base(), AT_VOTE)
    # certificate of 24-10-2025 lapses after 24-10-2030; judged at the meeting date
    for meeting, valid in (("2030-10-24", True), ("2030-10-25", False)):
        d = examples.apply(data, [{"dat": "xet_ket_nap.hop_chi_bo.ngay", "gia_tri": meeting}])
        row = checklist.rows(d, rank["bieu_quyet"], rank, PINNED)[0]
        assert row.valid is valid, (meeting, row)
        assert ("còn hạn" in row.validity) is valid


# --------------------------------------------------------------------------------------------
# a window with Tết and a substitute day inside; re-admission


def test_decision_window_across_tet_and_a_substitute_day() -> None:
    """Chi bộ resolution 30-1-2026, extension granted: the 60 working days hold Tết (16–20-2) and
    the Hùng Kings substitute day (27-4), so the last day is 6-5-2026, one working day later is
    late."""
    at = {"dat": "xet_ket_nap.hop_chi_bo.ngay", "gia_tri": "2026-01-30"}
    last = NATIONAL.add_workdays(date(2026, 1, 30), 60)
    assert last == date(2026, 5, 6)
    off = NATIONAL.explain(date(2026, 1, 30), last)
    assert "Tết Nguyên Đán" in off
    assert "nghỉ bù" in off
    on_time = _decision(last, extended=True)
    assert hits("quyet-dinh-ket-nap-dung-han", [*AT_VOTE, at, *on_time[len(AT_VOTE):]]) == []
    late_one = _decision(date(2026, 5, 7), extended=True)
    late = hits("quyet-dinh-ket-nap-dung-han", [*AT_VOTE, at, *late_one[len(AT_VOTE):]])
    assert late
    assert "6-5-2026" in late[0][1]


def _readmission(**changes: Any) -> list[dict[str, Any]]:
    from hoso.validate.rules.readmission import READMISSION

    return [{"dat": "ket_nap_lai", "gia_tri": {**READMISSION, **changes}}]


def test_readmission_after_a_cleared_record_on_both_sides() -> None:
    edge = date(2026, 11, 27)  # the sample is judged on this day (no chi bộ meeting yet)
    exactly = edge.replace(year=edge.year - 5).isoformat()
    assert hits("ket-nap-lai-xoa-an-tich", _readmission(ngay_xoa_an_tich=exactly)) == []
    short = date(2021, 11, 28).isoformat()
    found = hits("ket-nap-lai-xoa-an-tich", _readmission(ngay_xoa_an_tich=short))
    assert [p for p, _ in found] == ["ket_nap_lai.ngay_xoa_an_tich"]
    assert "59 tháng" in found[0][1]
    assert "60 tháng" in found[0][1]
    rule = catalogue.by_code()["ket-nap-lai-xoa-an-tich"]
    assert rule.severity is Severity.ERROR
    assert "QĐ 294 §3.5.1 b" in rule.basis


def test_the_population_policy_case_is_a_warning_that_says_it_is_unconfirmed() -> None:
    found = hits("ket-nap-lai-chinh-sach-dan-so", _readmission(vi_pham_chinh_sach_dan_so=True))
    assert [p for p, _ in found] == ["ket_nap_lai.vi_pham_chinh_sach_dan_so"]
    assert "CHƯA XÁC NHẬN" in found[0][1]
    rule = catalogue.by_code()["ket-nap-lai-chinh-sach-dan-so"]
    assert rule.confidence == "U"
    assert rule.severity is Severity.WARNING
    assert hits("ket-nap-lai-chinh-sach-dan-so", _readmission()) == []
    codes = check_codes(_readmission(vi_pham_chinh_sach_dan_so=True,
                                     ngay_xoa_an_tich="2019-03-01"))
    assert "thieu-muc" not in codes
    assert "khoa-la" not in codes
