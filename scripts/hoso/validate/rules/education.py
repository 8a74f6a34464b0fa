"""Education: the general-education line of item (11) and the minimum level (reference R4, R5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from hoso.validate.rules.base import Ctx, Hit, dig, none_word, rule

PATH = ("trinh_do", "giao_duc_pho_thong")

_GRADE = re.compile(
    r"(?:lớp\s+)?(\d{1,2})\s*/\s*(10|12)(?:\s+(?:hệ\s+)?(phổ thông|bổ túc(?: văn hóa)?))?",
    re.IGNORECASE)
_SENTENCE = re.compile(
    r"(?:đã\s+)?tốt nghiệp\s+(trung học phổ thông|trung học cơ sở|tiểu học)"
    r"(?:\s+hệ\s+(10|12)\s+năm)?(?:\s+(phổ thông|bổ túc(?: văn hóa)?))?", re.IGNORECASE)
_SENTENCE_GRADE = {  # level → completed grade in the 12-year and the 10-year system
    "trung học phổ thông": (12, 10), "trung học cơ sở": (9, 7), "tiểu học": (5, 4)}
# Completed grade of lower secondary (THCS) and of primary in each system.
LOWER_SECONDARY = {12: 9, 10: 7}
PRIMARY = {12: 5, 10: 4}


class Level(NamedTuple):
    grade: int
    system: int


def parse_level(text: object) -> Level | str | None:
    """``"9/12 bổ túc"`` → ``Level(9, 12)``; a Vietnamese reason string when it cannot be read."""
    if not isinstance(text, str):
        return None
    value = " ".join(text.split())
    m = _GRADE.fullmatch(value)
    if m:
        grade, system = int(m.group(1)), int(m.group(2))
        if not 1 <= grade <= system:
            return f"lớp {grade} không có trong hệ {system} năm"
        return Level(grade, system)
    m = _SENTENCE.fullmatch(value)
    if m:
        system = int(m.group(2) or 12)
        grade12, grade10 = _SENTENCE_GRADE[m.group(1).casefold()]
        return Level(grade12 if system == 12 else grade10, system)
    return "không theo cách ghi của lý lịch"


@rule(
    "giao-duc-pho-thong-dinh-dang",
    title="Trình độ giáo dục phổ thông ghi không đúng cách",
    explanation=(
        "Ghi lớp cao nhất đã học xong, hệ 10 năm hay 12 năm, phổ thông hay bổ túc: ví dụ “12/12”, "
        "“12/12 phổ thông”, “9/12 bổ túc”, “8/10 phổ thông”, hoặc “tốt nghiệp trung học phổ thông "
        "hệ 12 năm”. Không viết tắt (“THPT”, “cấp 3”) và không ghi một con số trơ trọi (“12”)."),
    basis="Hướng dẫn ghi mục (11) trong quyển lý lịch: “8/10 phổ thông”, “9/12 bổ túc”, “tốt "
          "nghiệp trung học phổ thông hệ 12 năm” (tài liệu tham khảo 2.3; lỗi thường gặp số 7).",
    confidence="T",
    items=("11",),
    failing={"patches": [{"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": "THPT"}],
             "at": "trinh_do.giao_duc_pho_thong"},
    passing=[{"dat": "trinh_do.giao_duc_pho_thong",
              "gia_tri": "tốt nghiệp trung học phổ thông hệ 12 năm"}],
)
def level_format(ctx: Ctx) -> Iterator[Hit]:
    value = dig(ctx.data, *PATH)
    if not isinstance(value, str) or none_word(value):
        if isinstance(value, str):
            yield Hit(PATH, f"{ctx.part(*PATH)}: không được ghi “{value.strip() or '(trống)'}”; ghi lớp cao "
                            f"nhất đã học xong, ví dụ “9/12 phổ thông”.")
        return
    level = parse_level(value)
    if isinstance(level, str):
        yield Hit(PATH, f"{ctx.part(*PATH)}: “{value.strip()}” {level}. Ghi lớp cao nhất đã học xong và hệ "
                        "đào tạo, ví dụ “12/12”, “9/12 bổ túc”, “8/10 phổ thông” hoặc “tốt nghiệp "
                        "trung học phổ thông hệ 12 năm”; không viết tắt.")


@rule(
    "hoc-van-toi-thieu",
    title="Chưa tốt nghiệp trung học cơ sở",
    explanation=(
        "Người vào Đảng phải có bằng tốt nghiệp trung học cơ sở trở lên (lớp 9/12 hoặc 7/10). "
        "Trường hợp ở miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt "
        "khó khăn, ngư dân thường xuyên làm việc trên biển chỉ cần học hết tiểu học, và phải ghi "
        "căn cứ ngoại lệ vào xet_ket_nap.ngoai_le_hoc_van."),
    basis="QĐ 24-QĐ/TW, QĐ 232-QĐ/TW, QĐ 294-QĐ/TW: trình độ học vấn tốt nghiệp trung học cơ sở "
          "trở lên (quy tắc R4).",
    confidence="C",
    items=("11",),
    failing={"patches": [{"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": "8/12 phổ thông"}],
             "at": "trinh_do.giao_duc_pho_thong"},
    passing=[{"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": "9/12 bổ túc"}],
)
def minimum_level(ctx: Ctx) -> Iterator[Hit]:
    level = parse_level(dig(ctx.data, *PATH))
    if not isinstance(level, Level) or level.grade >= LOWER_SECONDARY[level.system]:
        return
    if ctx.xkn.get("ngoai_le_hoc_van") is not None:
        return  # judged by hoc-van-ngoai-le
    yield Hit(PATH, f"{ctx.part(*PATH)}: “{level.grade}/{level.system}” chưa đạt trình độ trung học cơ sở "
                    f"(tối thiểu {LOWER_SECONDARY[level.system]}/{level.system}). Chỉ được xét kết "
                    "nạp khi đã tốt nghiệp trung học cơ sở, trừ trường hợp ngoại lệ ở vùng đặc "
                    f"biệt khó khăn (ghi căn cứ vào {ctx.named('xet_ket_nap', 'ngoai_le_hoc_van')}).")


@rule(
    "hoc-van-ngoai-le",
    title="Ngoại lệ về học vấn không đủ điều kiện",
    explanation=(
        "Ngoại lệ cho miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt "
        "khó khăn và ngư dân làm việc trên biển vẫn đòi hỏi học hết chương trình tiểu học (5/12 "
        "hoặc 4/10), và căn cứ ngoại lệ phải được ghi rõ."),
    basis="Hướng dẫn 01-HD/TW (nay Hướng dẫn 06-HD/TW) về trường hợp đặc biệt: ít nhất phải học "
          "xong chương trình tiểu học (quy tắc R5).",
    confidence="C",
    items=("11",),
    failing={"patches": [
        {"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": "4/12 phổ thông"},
        {"dat": "xet_ket_nap.ngoai_le_hoc_van", "gia_tri": {
            "can_cu": "Người dân tộc Tày thường trú tại thôn đặc biệt khó khăn của xã Hoàng Đồng"}},
    ], "at": "trinh_do.giao_duc_pho_thong"},
    passing=[
        {"dat": "trinh_do.giao_duc_pho_thong", "gia_tri": "5/12 phổ thông"},
        {"dat": "xet_ket_nap.ngoai_le_hoc_van", "gia_tri": {
            "can_cu": "Người dân tộc Tày thường trú tại thôn đặc biệt khó khăn của xã Hoàng Đồng"}},
    ],
)
def exception(ctx: Ctx) -> Iterator[Hit]:
    block = ctx.xkn.get("ngoai_le_hoc_van")
    if block is None:
        return
    basis = dig(block, "can_cu")
    if none_word(basis) or (isinstance(basis, str) and len(basis.split()) < 3):
        yield Hit(("xet_ket_nap", "ngoai_le_hoc_van", "can_cu"),
                  f"{ctx.part(*PATH)}: ngoại lệ về học vấn phải ghi rõ căn cứ (vùng, địa bàn hoặc đối tượng "
                  f"được áp dụng) trong {ctx.named('xet_ket_nap', 'ngoai_le_hoc_van', 'can_cu')}.")
        return
    level = parse_level(dig(ctx.data, *PATH))
    if isinstance(level, Level) and level.grade < PRIMARY[level.system]:
        yield Hit(PATH, f"{ctx.part(*PATH)}: “{level.grade}/{level.system}” chưa học hết tiểu học "
                        f"({PRIMARY[level.system]}/{level.system}); kể cả trường hợp ngoại lệ ở "
                        "vùng đặc biệt khó khăn cũng phải học xong chương trình tiểu học.")
