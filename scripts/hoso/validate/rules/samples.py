"""Patches that carry the sample dossier to a later stage, shared by the rules' examples.

The sample (``hoso.validate.rules.examples.sample_text``) is a candidate at ``chi_uy_xem_xet``: born
1999-04-17, unmarried, no children; his mother is a Party member (so she is not verified), his
father is not. These fragments add the records each later stage writes, with dates that fit the
date the examples are checked at (2026-11-27) — a stage after the probation year pins its own.
"""

from __future__ import annotations

from typing import Any

Patch = dict[str, Any]

VERIFY_SELF: dict[str, Any] = {
    "doi_tuong": "ban_than", "ho_ten_nguoi_duoc_tham_tra": "Hoàng Minh Khôi",
    "to_chuc": "Chi ủy Chi bộ Khu phố 5, Đảng bộ phường Tam Thanh",
    "noi_dung": "Qua thẩm tra tại nơi cư trú: lý lịch đồng chí khai đúng, đầy đủ; bản thân chấp "
                "hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước.",
    "ngay": "2026-04-20", "nguoi_ky": "Đinh Văn Hải", "chuc_vu": "Bí thư Chi bộ",
    "dong_dau": True}
VERIFY_FATHER: dict[str, Any] = {
    "doi_tuong": "cha_de", "ho_ten_nguoi_duoc_tham_tra": "Hoàng Văn Thắng",
    "to_chuc": "Chi ủy Chi bộ Khu phố 5, Đảng bộ phường Tam Thanh",
    "noi_dung": "Ông Hoàng Văn Thắng khai đúng lịch sử chính trị; hiện nay chấp hành tốt chủ "
                "trương, chính sách của Đảng, pháp luật của Nhà nước.",
    "ngay": "2026-04-22", "nguoi_ky": "Đinh Văn Hải", "chuc_vu": "Bí thư Chi bộ",
    "dong_dau": True}

#: The chi ủy's summary of the opinions of the Youth Union and the residence chi ủy.
SUMMARY: dict[str, Any] = {
    "ngay": "2026-05-04", "nguoi_ky": "Lương Thị Mai", "chuc_vu": "Bí thư",
    "y_kien": [{"to_chuc": "Ban Chấp hành Đoàn cơ sở VNPT Lạng Sơn", "ngay": "2026-04-27",
                "noi_dung": "Đoàn viên Hoàng Minh Khôi gương mẫu, tích cực; đề nghị xem xét."},
               {"to_chuc": "Chi ủy Chi bộ Khu phố 5, Đảng bộ phường Tam Thanh",
                "ngay": "2026-04-28",
                "noi_dung": "Gia đình chấp hành tốt chủ trương, chính sách, pháp luật."}]}
VERIFIED: list[Patch] = [{"dat": "tham_tra", "gia_tri": [VERIFY_SELF, VERIFY_FATHER]},
                         {"dat": "xet_ket_nap.tong_hop_y_kien", "gia_tri": SUMMARY}]

CELL_COMMENT: dict[str, Any] = {
    "noi_dung": "Lý lịch khai trung thực, đầy đủ; không có vấn đề về lịch sử chính trị và chính "
                "trị hiện nay; có lập trường tư tưởng vững vàng, đạo đức, lối sống lành mạnh, quan "
                "hệ tốt với quần chúng.",
    "ngay": "2026-05-06", "noi_viet": "Lạng Sơn", "thay_mat": "Chi ủy",
    "chuc_vu": "Bí thư", "nguoi_ky": "Lương Thị Mai"}
COMMITTEE_CERT: dict[str, Any] = {
    "noi_dung": "Chứng nhận lý lịch của quần chúng Hoàng Minh Khôi khai tại Đảng bộ VNPT Lạng Sơn "
                "là đúng sự thật; không có vấn đề về lịch sử chính trị và chính trị hiện nay; đủ "
                "điều kiện để xem xét kết nạp vào Đảng.",
    "ngay": "2026-05-20", "noi_viet": "Lạng Sơn", "thay_mat": "Đảng ủy",
    "chuc_vu": "Bí thư", "nguoi_ky": "Nông Thanh Tùng"}

COMMENTS: list[Patch] = [{"dat": "nhan_xet_chi_bo", "gia_tri": CELL_COMMENT},
                         {"dat": "chung_nhan_cap_uy", "gia_tri": COMMITTEE_CERT}]

#: A chi bộ of 12 official members, 11 present: 10 for (≥ 2/3), 1 against.
VOTE_CELL: dict[str, Any] = {"tong_so": "12", "co_mat": "11", "tan_thanh": "10",
                             "khong_tan_thanh": "1", "hinh_thuc": "bo_phieu_kin"}
#: A grassroots committee of 9 members: 7 present, all for.
VOTE_COMMITTEE: dict[str, Any] = {"tong_so": "9", "co_mat": "7", "tan_thanh": "7",
                                  "khong_tan_thanh": "0", "hinh_thuc": "gio_the"}
MEETING: list[Patch] = [{"dat": "xet_ket_nap.hop_chi_bo",
                         "gia_tri": {"ngay": "2026-06-15", "so_nghi_quyet": "08-NQ/CB",
                                     "bieu_quyet": VOTE_CELL}}]
COMMITTEE_MEETING: list[Patch] = [{"dat": "xet_ket_nap.hop_dang_uy",
                                   "gia_tri": {"ngay": "2026-06-29", "so_nghi_quyet": "45-NQ/ĐU",
                                               "bieu_quyet": VOTE_COMMITTEE}}]

DECISION_BLOCK: dict[str, Any] = {"so": "1520-QĐ/ĐU", "ngay": "2026-07-10",
                                  "co_quan": "Đảng ủy các cơ quan Đảng tỉnh Lạng Sơn"}
DECISION: list[Patch] = [*COMMITTEE_MEETING,
                         {"dat": "xet_ket_nap.quyet_dinh_ket_nap", "gia_tri": DECISION_BLOCK}]
CEREMONY: list[Patch] = [{"dat": "xet_ket_nap.le_ket_nap", "gia_tri": {"ngay": "2026-07-24"}}]

RECOGNITION_MEETING: list[Patch] = [
    {"dat": "xet_ket_nap.du_bi.chung_nhan_dang_vien_moi",
     "gia_tri": {"so": "88-CN/TTCT", "ngay": "2026-10-16",
                 "noi_cap": "Trung tâm Chính trị, Đảng ủy các cơ quan Đảng tỉnh Lạng Sơn"}},
    {"dat": "xet_ket_nap.du_bi.tu_kiem_diem", "gia_tri": {"ngay": "2027-07-26"}},
    {"dat": "xet_ket_nap.du_bi.nhan_xet_nguoi_giup_do", "gia_tri": {"ngay": "2027-07-26"}},
    {"dat": "xet_ket_nap.du_bi.tong_hop_y_kien", "gia_tri": {**SUMMARY, "ngay": "2027-07-27"}},
    {"dat": "xet_ket_nap.du_bi.hop_chi_bo",
     "gia_tri": {"ngay": "2027-07-28", "so_nghi_quyet": "21-NQ/CB", "bieu_quyet": VOTE_CELL}},
    {"dat": "xet_ket_nap.du_bi.hop_dang_uy",
     "gia_tri": {"ngay": "2027-07-30", "so_nghi_quyet": "60-NQ/ĐU",
                 "bieu_quyet": VOTE_COMMITTEE}}]
OFFICIAL: list[Patch] = [*RECOGNITION_MEETING, {"dat": "xet_ket_nap.cong_nhan_chinh_thuc",
                          "gia_tri": {"so": "2210-QĐ/ĐU", "ngay": "2027-08-05",
                                      "co_quan": "Đảng ủy các cơ quan Đảng tỉnh Lạng Sơn"}}]
#: "Now" for examples at the chinh_thuc stage: after the probation year and the recognition.
AFTER_PROBATION = "2027-09-01"

AT_VOTE: list[Patch] = [*VERIFIED, *COMMENTS, *MEETING]
AT_ADMISSION: list[Patch] = [*AT_VOTE, *DECISION, *CEREMONY]
AT_OFFICIAL: list[Patch] = [*AT_ADMISSION, *OFFICIAL]
