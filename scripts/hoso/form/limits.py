"""The legal time limits and thresholds, each a named value with its source.

One table (reference "3A. Time limits and thresholds") for the rules, the due-date board of
``hoso report`` and the guidance site: a rule or a report asks for ``limits.PROBATION.value``
instead of writing ``12``. Each limit says its unit, the point of the text it comes from and the
reference's confidence tag ([C] confirmed, [T] transcribed, [U] unconfirmed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["tháng", "năm", "ngày làm việc", "ngày", "chữ số"]


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    value: int
    unit: Unit
    #: What the figure limits, in Vietnamese (for the site and messages).
    what: str
    #: The point of the text, e.g. "QĐ 294 §1.1.1".
    source: str
    tag: Literal["C", "T", "U"] = "C"

    def __int__(self) -> int:
        return self.value

    def show(self) -> str:
        """``12 tháng``, ``30 ngày làm việc``."""
        return f"{self.value} {self.unit}"


MIN_AGE = Limit("MIN_AGE", 18, "năm", "Tuổi tối thiểu tại ngày chi bộ xét kết nạp (đủ 18 tuổi)",
                "QĐ 294 §1.1.1")
MAX_AGE = Limit("MAX_AGE", 60, "năm", "Tuổi tối đa tại ngày chi bộ xét kết nạp (đủ 60 tuổi)",
                "QĐ 294 §1.1.1")
DOAN_MIN_AGE = Limit("DOAN_MIN_AGE", 15, "năm", "Tuổi thấp nhất được kết nạp vào Đoàn",
                     "Điều lệ Đoàn TNCS Hồ Chí Minh", "T")
DOAN_MAX_AGE = Limit("DOAN_MAX_AGE", 30, "năm",
                     "Tuổi cao nhất được kết nạp vào Đoàn; quá tuổi thanh niên cần hai đảng viên "
                     "chính thức giới thiệu", "Điều lệ Đoàn; HN Phần II §II.1.1.2.1 b", "U")
YOUTH_MIN_AGE = Limit("YOUTH_MIN_AGE", 16, "năm",
                      "Tuổi thanh niên thấp nhất: người trong tuổi thanh niên vào Đảng cần nghị quyết "
                      "giới thiệu của Đoàn", "Luật Thanh niên 2020, Điều 1", "T")
YOUTH_MAX_AGE = Limit("YOUTH_MAX_AGE", 30, "năm",
                      "Tuổi thanh niên cao nhất (đến hết 30 tuổi); quá tuổi này cần hai đảng viên "
                      "chính thức giới thiệu", "HN Phần II §II.1.1.2.1 b (không có con số trung ương)",
                      "U")
YOUTH_CADRE_MAX_AGE = Limit("YOUTH_CADRE_MAX_AGE", 35, "năm",
                            "Cán bộ Đoàn được Đoàn giới thiệu vào Đảng đến hết tuổi này; quá tuổi "
                            "này cần hai đảng viên chính thức giới thiệu",
                            "HN Phần II §II.1.1.2.1 b (không có con số trung ương)", "U")
INTRODUCER_MONTHS = Limit("INTRODUCER_MONTHS", 12, "tháng",
                          "Người giới thiệu cùng công tác với người vào Đảng ít nhất",
                          "QĐ 294 §3.2.1–3.2.2")
CERTIFICATE_MONTHS = Limit("CERTIFICATE_MONTHS", 60, "tháng",
                           "Giấy chứng nhận bồi dưỡng nhận thức về Đảng có giá trị",
                           "HD 06 §5.4 b")
PAPER_MONTHS = Limit("PAPER_MONTHS", 12, "tháng",
                     "Giấy tờ của hồ sơ quá thời hạn này mà chi bộ chưa xét thì phải làm lại",
                     "HD 06 §5.4 a")
VERIFY_WORKDAYS = Limit("VERIFY_WORKDAYS", 30, "ngày làm việc",
                        "Trả lời thẩm tra lý lịch bằng văn bản (trong nước)", "HD 06 §3.4 d")
VERIFY_ABROAD_WORKDAYS = Limit("VERIFY_ABROAD_WORKDAYS", 90, "ngày làm việc",
                               "Trả lời thẩm tra lý lịch bằng văn bản (ở nước ngoài)",
                               "HD 06 §3.4 d")
ABROAD_MONTHS = Limit("ABROAD_MONTHS", 3, "tháng",
                      "Mục (18) chỉ ghi những lần ở nước ngoài từ thời hạn này trở lên",
                      "HD 38 §I.1.4.2 (18)")
DECISION_WORKDAYS = Limit("DECISION_WORKDAYS", 45, "ngày làm việc",
                          "Quyết định kết nạp, kể từ ngày chi bộ có nghị quyết", "QĐ 294 §4.3.1")
DECISION_EXTENSION_WORKDAYS = Limit("DECISION_EXTENSION_WORKDAYS", 15, "ngày làm việc",
                                    "Thời hạn quyết định kết nạp, công nhận chính thức được kéo "
                                    "dài thêm tối đa (trường hợp đặc biệt)", "QĐ 294 §4.3.1")
RECOGNITION_DECISION_WORKDAYS = Limit("RECOGNITION_DECISION_WORKDAYS", 30, "ngày làm việc",
                                      "Quyết định công nhận đảng viên chính thức, kể từ ngày chi "
                                      "bộ có nghị quyết", "QĐ 294 §4.3.1")
CEREMONY_WORKDAYS = Limit("CEREMONY_WORKDAYS", 30, "ngày làm việc",
                          "Tổ chức lễ kết nạp, kể từ ngày nhận quyết định", "QĐ 294 §4.1")
PROBATION_MONTHS = Limit("PROBATION_MONTHS", 12, "tháng",
                         "Thời gian dự bị, tính từ ngày lễ kết nạp", "QĐ 294 §4.2.1; HD 06 §4.2")
RECOGNITION_WORKDAYS = Limit("RECOGNITION_WORKDAYS", 30, "ngày làm việc",
                             "Chi bộ xét công nhận chính thức sau khi hết 12 tháng dự bị",
                             "QĐ 294 §4.2.1")
PARTY_CARD_DIGITS = Limit("PARTY_CARD_DIGITS", 12, "chữ số", "Số thẻ đảng viên",
                          "HD 38 §I.2.2 a")
VERIFY_CHILD_AGE = Limit("VERIFY_CHILD_AGE", 18, "năm",
                        "Con đẻ, con nuôi từ tuổi này được thẩm tra lý lịch cùng người vào Đảng",
                        "HD 12-HD/BTCTW (quy tắc R12, R13)")
READMISSION_EXPUNGED_MONTHS = Limit("READMISSION_EXPUNGED_MONTHS", 60, "tháng",
                                    "Người bị án hình sự về tội ít nghiêm trọng được xem xét kết "
                                    "nạp lại sau khi được xóa án tích ít nhất", "QĐ 294 §3.5.1 b")
READMISSION_MONTHS = Limit("READMISSION_MONTHS", 36, "tháng",
                           "Thời gian ra khỏi Đảng tối thiểu trước khi xin kết nạp lại",
                           "QĐ 294 §3.5.1 b")



@dataclass(frozen=True, slots=True)
class Ratio:
    """A vote threshold: ``tan_thanh / tong_so`` must be ≥ (``strict=False``) or > the fraction.

    The denominator is the body's members, never those present (QĐ 294 §9.3.2–9.3.4).
    """

    name: str
    numerator: int
    denominator: int
    #: True for "more than" (quá 1/2), False for "at least" (ít nhất 2/3).
    strict: bool
    what: str
    source: str
    tag: Literal["C", "T", "U"] = "C"

    def met(self, votes: int, members: int) -> bool:
        """Whether ``votes`` of ``members`` reach the threshold (exact integer arithmetic)."""
        if members <= 0:
            return False
        lhs, rhs = votes * self.denominator, members * self.numerator
        return lhs > rhs if self.strict else lhs >= rhs

    def needed(self, members: int) -> int:
        """The fewest votes that pass among ``members``."""
        base, rest = divmod(members * self.numerator, self.denominator)
        if self.strict or rest:
            return base + 1
        return base

    def show(self) -> str:
        """``ít nhất 2/3``, ``quá 1/2``."""
        return f"{'quá' if self.strict else 'ít nhất'} {self.numerator}/{self.denominator}"


CHI_BO_VOTE = Ratio("CHI_BO_VOTE", 2, 3, False,
                    "Chi bộ xét kết nạp, công nhận chính thức: số đảng viên chính thức tán thành "
                    "so với tổng số đảng viên chính thức của chi bộ", "HD 06 §3.6 b, §4.5 a")
COMMITTEE_VOTE = Ratio("COMMITTEE_VOTE", 2, 3, False,
                       "Đảng ủy cơ sở xét, đề nghị: số cấp ủy viên tán thành so với tổng số cấp "
                       "ủy viên", "HD 06 §3.6 c; QĐ 294 §4.3.2 a")
STANDING_VOTE = Ratio("STANDING_VOTE", 1, 2, True,
                      "Ban thường vụ cấp ủy có thẩm quyền quyết định: số ủy viên tán thành so với "
                      "tổng số ủy viên ban thường vụ", "HD 06 §3.7 a; QĐ 294 §4.3.2 b")

#: The threshold a meeting's vote is judged by, by the key the meeting is recorded under in
#: ``xet_ket_nap`` (and ``xet_ket_nap.du_bi``).
MEETING_RATIOS: dict[str, Ratio] = {"hop_chi_bo": CHI_BO_VOTE, "hop_dang_uy": COMMITTEE_VOTE,
                                    "hop_thuong_vu": STANDING_VOTE}

ALL: tuple[Limit, ...] = (
    MIN_AGE, MAX_AGE, DOAN_MIN_AGE, DOAN_MAX_AGE, YOUTH_MIN_AGE, YOUTH_MAX_AGE,
    YOUTH_CADRE_MAX_AGE, INTRODUCER_MONTHS, CERTIFICATE_MONTHS, PAPER_MONTHS, VERIFY_WORKDAYS,
    VERIFY_ABROAD_WORKDAYS, ABROAD_MONTHS, DECISION_WORKDAYS, DECISION_EXTENSION_WORKDAYS,
    CEREMONY_WORKDAYS, PROBATION_MONTHS, RECOGNITION_WORKDAYS, RECOGNITION_DECISION_WORKDAYS,
    PARTY_CARD_DIGITS, VERIFY_CHILD_AGE, READMISSION_MONTHS, READMISSION_EXPUNGED_MONTHS,
)
RATIOS: tuple[Ratio, ...] = (CHI_BO_VOTE, COMMITTEE_VOTE, STANDING_VOTE)
