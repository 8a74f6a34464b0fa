"""The due-date board of ``hoso report``: every open limit in real working days, on windows
that hold Tết 2026 (16–20 February on weekdays) and the Hùng Kings substitute day (27 April)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoso.cli import main
from hoso.form import limits
from hoso.form.calendar import NATIONAL, WEEKDAYS_ONLY, Calendar
from hoso.report import deadlines


def _dues(xkn: dict[str, Any], stage: str = "tham_tra",
          calendar: Calendar = NATIONAL) -> dict[str, deadlines.Due]:
    data = {"xet_ket_nap": xkn, "quy_trinh": {"giai_doan": stage}}
    return {d.what: d for d in deadlines.dossier_dues("VP-1", "van-phong", data, calendar)}


REQUEST = {"gui_den": "Đảng ủy xã Thất Khê", "doi_tuong": "cha_de", "ngay_gui": "2026-02-10"}


def test_verification_reply_across_tet() -> None:
    """Sent on 10-2-2026: 30 working days skip the five weekdays of Tết, so the reply is due on
    31-3-2026, a week after a Monday-to-Friday count would say."""
    due = _dues({"yeu_cau_tham_tra": [REQUEST]})["Trả lời thẩm tra dòng 1 (Đảng ủy xã Thất Khê)"]
    assert due.due == date(2026, 3, 31)
    assert WEEKDAYS_ONLY.add_workdays(date(2026, 2, 10), 30) == date(2026, 3, 24)
    assert due.limit is limits.VERIFY_WORKDAYS
    assert due.basis() == "30 ngày làm việc (HD 06 §3.4 d)"
    assert due.since == "gửi ngày 10-2-2026"
    # the edges: on the due day none left; the working day before, one; the day after, overdue
    assert deadlines.show_left(due.left(date(2026, 3, 31), NATIONAL)) == "hết hạn hôm nay"
    assert due.left(date(2026, 3, 30), NATIONAL) == 1
    assert deadlines.show_left(due.left(date(2026, 4, 1), NATIONAL)) == \
        "QUÁ HẠN 1 ngày làm việc"
    assert due.left(date(2026, 4, 15), NATIONAL) == -11


def test_abroad_counts_from_receipt_and_answered_requests_leave_the_board() -> None:
    abroad = {**REQUEST, "nuoc_ngoai": True, "ngay_nhan": "2026-02-12"}
    answered = {**REQUEST, "ngay_tra_loi": "2026-03-02"}
    dues = _dues({"yeu_cau_tham_tra": [answered, abroad]})
    assert list(dues) == ["Trả lời thẩm tra dòng 2 (Đảng ủy xã Thất Khê), ở nước ngoài"]
    due = next(iter(dues.values()))
    assert due.since == "nhận ngày 12-2-2026"
    assert due.limit is limits.VERIFY_ABROAD_WORKDAYS
    assert NATIONAL.working_days_after(date(2026, 2, 12), due.due) == 90
    assert NATIONAL.is_workday(due.due)


def test_admission_decision_with_and_without_the_extension() -> None:
    """Chi bộ resolution 30-1-2026: 45 working days end on 10-4-2026 (Tết inside); with the
    extension 60 end on 6-5-2026 (the Hùng Kings substitute day 27-4, 30-4 and 1-5 inside)."""
    meeting = {"hop_chi_bo": {"ngay": "2026-01-30"}}
    due = _dues(meeting, "bieu_quyet")["Quyết định kết nạp"]
    assert due.due == date(2026, 4, 10)
    assert due.basis() == "45 ngày làm việc (QĐ 294 §4.3.1)"
    extended = _dues({**meeting, "quyet_dinh_ket_nap": {"gia_han": True}},
                     "bieu_quyet")["Quyết định kết nạp"]
    assert extended.due == date(2026, 5, 6)
    assert extended.basis() == "45 ngày làm việc + 15 kéo dài (QĐ 294 §4.3.1)"
    assert "nghỉ bù" in NATIONAL.explain(date(2026, 4, 10), date(2026, 5, 6))


def test_ceremony_from_receipt_of_the_decision() -> None:
    xkn = {"hop_chi_bo": {"ngay": "2026-03-20"},
           "quyet_dinh_ket_nap": {"so": "1-QĐ/ĐU", "ngay": "2026-04-17", "ngay_nhan": "2026-04-20"}}
    dues = _dues(xkn, "ket_nap")
    assert list(dues) == ["Lễ kết nạp"]
    assert dues["Lễ kết nạp"].since == "nhận quyết định ngày 20-4-2026"
    assert dues["Lễ kết nạp"].due == date(2026, 6, 4)
    assert dues["Lễ kết nạp"].limit is limits.CEREMONY_WORKDAYS


def test_recognition_meeting_and_decision_after_probation() -> None:
    """Ceremony 14-2-2025: probation ends on Saturday 14-2-2026, the 30 working days start in Tết
    and end on 3-4-2026; a recognition meeting on 12-2-2026 puts the decision due on 2-4-2026."""
    xkn = {"le_ket_nap": {"ngay": "2025-02-14"}, "quyet_dinh_ket_nap": {"ngay": "2025-01-20"}}
    meeting = _dues(xkn, "du_bi")["Chi bộ xét công nhận chính thức"]
    assert meeting.since == "hết 12 tháng dự bị ngày 14-2-2026"
    assert meeting.due == date(2026, 4, 3)
    assert meeting.limit is limits.RECOGNITION_WORKDAYS
    decision = _dues({**xkn, "du_bi": {"hop_chi_bo": {"ngay": "2026-02-12"}}},
                     "du_bi")["Quyết định công nhận chính thức"]
    assert decision.due == date(2026, 4, 2)
    assert decision.limit is limits.RECOGNITION_DECISION_WORKDAYS
    done = {**xkn, "du_bi": {"hop_chi_bo": {"ngay": "2026-02-12"}},
            "cong_nhan_chinh_thuc": {"ngay": "2026-03-02"}}
    assert _dues(done, "chinh_thuc") == {}


def test_the_committees_days_off_move_the_due_date() -> None:
    """A day off the committee adds in to-chuc.yaml inside the window: one more day."""
    own = Calendar({date(2026, 3, 2): "Nghỉ theo thông báo của tỉnh"})
    due = _dues({"yeu_cau_tham_tra": [REQUEST]}, calendar=own)
    assert next(iter(due.values())).due == date(2026, 4, 1)


def test_the_board_in_the_report(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``hoso report``: the open limits in one table with their source, the overdue ones marked;
    the same in JSON."""
    path = repo_copy / "dossiers" / "kinh-doanh" / "KD-2026-002.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('      ngay_tra_loi: "2026-05-28"\n      ket_qua: Lời khai về mẹ đẻ',
                        '      ket_qua: Lời khai về mẹ đẻ')
    path.write_text(text, encoding="utf-8")
    assert "ngay_tra_loi" not in str(yaml.safe_load(text)["xet_ket_nap"]["yeu_cau_tham_tra"][2])
    assert main(["report", "--ngay", "2026-06-15", "--khong-ghi"]) == 0
    out = capsys.readouterr().out
    board = out[out.index("* Các bước đang chờ"):out.index("* Hết 12 tháng dự bị")]
    row = next(ln for ln in board.splitlines() if ln.startswith("KD-2026-002"))
    # sent 28-4-2026: 30 working days, 30-4 and 1-5 off, end on 11-6-2026
    assert "Trả lời thẩm tra dòng 3" in row
    assert "gửi ngày 28-4-2026" in row
    assert "11-6-2026" in row
    assert "QUÁ HẠN 2 ngày làm việc" in row
    assert "30 ngày làm việc (HD 06 §3.4 d)" in row
    assert "1 việc đã quá hạn" in board
    assert main(["report", "--ngay", "2026-06-15", "--khong-ghi", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    late = [x for x in doc["thoi_han"]["cac_buoc"] if x["qua_han"]]
    assert late == [{"ma": "KD-2026-002", "chi_bo": "kinh-doanh",
                     "viec": "Trả lời thẩm tra dòng 3 (Ban Thường vụ Đảng ủy xã Tân Dĩnh, tỉnh "
                             "Bắc Ninh)",
                     "tinh_tu": "2026-04-28", "han": "2026-06-11", "con_ngay_lam_viec": -2,
                     "qua_han": True, "thoi_han": "30 ngày làm việc", "keo_dai": False,
                     "can_cu": "HD 06 §3.4 d", "muc_tin_cay": "C"}]
