"""Youth Union and introducers (reference R6–R8, Charter article 4)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hoso.findings import Severity
from hoso.form import dates
from hoso.form.limits import (
    INTRODUCER_MONTHS,
    PROBATION_MONTHS,
    YOUTH_CADRE_MAX_AGE,
    YOUTH_MAX_AGE,
    YOUTH_MIN_AGE,
)
from hoso.form.text import fold
from hoso.validate.rules.base import Ctx, Hit, blank, none_word, present, rows, rule
from hoso.validate.rules.samples import AT_VOTE

INTRO = ("xet_ket_nap", "nguoi_gioi_thieu")
DOAN = ("xet_ket_nap", "gioi_thieu_cua_doan")
CONG_DOAN = ("xet_ket_nap", "gioi_thieu_cua_cong_doan")
YOUTH_MIN = YOUTH_MIN_AGE.value * 12
YOUTH_END = (YOUTH_MAX_AGE.value + 1) * 12  # "đến 30 tuổi": until the 31st birthday
CADRE_END = (YOUTH_CADRE_MAX_AGE.value + 1) * 12  # Youth Union officers: until the 36th
#: The youth age as the messages write it: "16–30".
YOUTH_AGES = f"{YOUTH_MIN_AGE.value}–{YOUTH_MAX_AGE.value}"
PROBATION = PROBATION_MONTHS.show()
TOGETHER = INTRODUCER_MONTHS.show()

_SECOND_INTRODUCER = {
    "ho_ten": "Lương Thị Mai", "chuc_vu": "Bí thư Chi bộ Kỹ thuật", "chi_bo": "Chi bộ Kỹ thuật",
    "ngay_vao_dang": "2005-03-02", "ngay_chinh_thuc": "2006-03-02", "cung_cong_tac_tu": "2020-01"}
# The sample candidate, born six years earlier: 33 at the pinned date, past the youth age.
_AGED_33 = [{"dat": "ngay_sinh", "gia_tri": "1993-04-17"},
            {"dat": "so_can_cuoc", "gia_tri": "020093004517"}]


def introducers(ctx: Ctx) -> list[tuple[int, Mapping[str, Any]]]:
    return rows(ctx.xkn, "nguoi_gioi_thieu")


def cadre(ctx: Ctx) -> bool:
    """The candidate holds a Youth Union office (``xet_ket_nap.can_bo_doan``)."""
    return present(ctx.xkn.get("can_bo_doan"))


def youth_limit(ctx: Ctx) -> int:
    """The last year of youth age for this candidate: 35 for a Youth Union officer, else 30."""
    return YOUTH_CADRE_MAX_AGE.value if cadre(ctx) else YOUTH_MAX_AGE.value


def youth(ctx: Ctx) -> bool:
    end = CADRE_END if cadre(ctx) else YOUTH_END
    return ctx.age is not None and YOUTH_MIN <= ctx.age < end


def introductions_due(ctx: Ctx) -> bool:
    """Introductions are judged once recorded, and required from the chi bộ vote on."""
    return (ctx.at_or_past("bieu_quyet") or bool(introducers(ctx))
            or present(ctx.xkn.get("gioi_thieu_cua_doan"))
            or present(ctx.xkn.get("gioi_thieu_cua_cong_doan")))


@rule(
    "so-nguoi-gioi-thieu",
    title="Số người, tổ chức giới thiệu không đúng",
    explanation=(
        "Người vào Đảng được hai đảng viên chính thức giới thiệu; hoặc một đảng viên chính thức "
        "cùng nghị quyết giới thiệu của Ban Chấp hành Đoàn cơ sở (người trong độ tuổi thanh niên "
        "là đoàn viên) hay của Ban Chấp hành công đoàn cơ sở (nơi không có tổ chức Đoàn). Từ giai "
        "đoạn biểu quyết, hồ sơ phải có đủ người giới thiệu."),
    basis="Điều lệ Đảng, Điều 4; QĐ 294-QĐ/TW (quy tắc R6).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [{"xoa": "xet_ket_nap.gioi_thieu_cua_doan"}, *_AGED_33],
             "at": "xet_ket_nap.nguoi_gioi_thieu"},
    passing=[{"xoa": "xet_ket_nap.gioi_thieu_cua_doan"}, *_AGED_33,
             {"them": "xet_ket_nap.nguoi_gioi_thieu", "gia_tri": _SECOND_INTRODUCER}],
)
def count(ctx: Ctx) -> Iterator[Hit]:
    if not introductions_due(ctx):
        return
    people = introducers(ctx)
    names = {fold(str(p.get("ho_ten", ""))) for _, p in people}
    if len(names) < len(people):
        yield Hit(INTRO, f"{ctx.named(*INTRO)}: một người được ghi hai lần; mỗi người giới thiệu "
                         "chỉ ghi một lần.")
        return
    doan = present(ctx.xkn.get("gioi_thieu_cua_doan"))
    cong_doan = present(ctx.xkn.get("gioi_thieu_cua_cong_doan"))
    where = INTRO if "nguoi_gioi_thieu" in ctx.xkn else ("xet_ket_nap",)
    if doan and cong_doan:
        yield Hit(CONG_DOAN, "Chỉ một tổ chức giới thiệu: nghị quyết của Đoàn (người trong độ tuổi "
                             "thanh niên là đoàn viên) hoặc của công đoàn (nơi không có tổ chức "
                             "Đoàn), không ghi cả hai.")
        return
    if doan or cong_doan:
        org = "Ban Chấp hành Đoàn cơ sở" if doan else "Ban Chấp hành công đoàn cơ sở"
        if len(people) != 1:
            yield Hit(where, f"Người giới thiệu: đã có nghị quyết giới thiệu của {org} thì cần "
                             "đúng một đảng viên chính thức giới thiệu cùng; hồ sơ ghi "
                             f"{len(people)} người.")
    elif len(people) != 2:
        yield Hit(where, f"Người giới thiệu: cần hai đảng viên chính thức giới thiệu (hoặc một "
                         "đảng viên chính thức cùng nghị quyết giới thiệu của Đoàn hay công đoàn); "
                         f"hồ sơ ghi {len(people)} người.")


@rule(
    "gioi-thieu-doan",
    title="Đoàn viên trong độ tuổi thanh niên phải được Đoàn giới thiệu",
    explanation=(
        f"Người vào Đảng trong độ tuổi thanh niên ({YOUTH_AGES}) là đoàn viên thì được Ban Chấp hành Đoàn "
        "cơ sở giới thiệu bằng nghị quyết, cùng một đảng viên chính thức; không thay bằng hai đảng "
        "viên hay bằng công đoàn. Ghi nghị quyết vào xet_ket_nap.gioi_thieu_cua_doan."),
    basis="Điều lệ Đảng, Điều 4, khoản 3; QĐ 294-QĐ/TW (quy tắc R6).",
    confidence="C",
    items=("12", "xét kết nạp"),
    failing={"patches": [{"xoa": "xet_ket_nap.gioi_thieu_cua_doan"},
                         {"them": "xet_ket_nap.nguoi_gioi_thieu", "gia_tri": _SECOND_INTRODUCER}],
             "at": "xet_ket_nap.nguoi_gioi_thieu"},
)
def doan_introduction(ctx: Ctx) -> Iterator[Hit]:
    if not (introductions_due(ctx) and youth(ctx) and ctx.doan_member):
        return
    if present(ctx.xkn.get("gioi_thieu_cua_doan")):
        return
    assert ctx.age is not None
    where = CONG_DOAN if present(ctx.xkn.get("gioi_thieu_cua_cong_doan")) else (
        INTRO if "nguoi_gioi_thieu" in ctx.xkn else ("xet_ket_nap",))
    yield Hit(where, f"Người xin vào Đảng {dates.show_age(ctx.age)} (độ tuổi thanh niên) và là "
                     "đoàn viên (mục (12)): phải được Ban Chấp hành Đoàn cơ sở giới thiệu bằng "
                     "nghị quyết cùng một đảng viên chính thức. Ghi nghị quyết vào "
                     f"{ctx.named('xet_ket_nap', 'gioi_thieu_cua_doan')} và giữ một người giới "
                     "thiệu.")


@rule(
    "doan-vien-tuoi-thanh-nien",
    title="Trong độ tuổi thanh niên nhưng không phải đoàn viên",
    explanation=(
        "Ở nơi có tổ chức Đoàn, người vào Đảng trong độ tuổi thanh niên phải là đoàn viên. Nơi "
        "không có tổ chức Đoàn thì phải là đoàn viên công đoàn và được công đoàn giới thiệu (ghi "
        "xet_ket_nap.gioi_thieu_cua_cong_doan)."),
    basis=f"Điều lệ Đảng, Điều 4; độ tuổi thanh niên {YOUTH_AGES} theo Điều lệ Đoàn (quy tắc R6, R6a: áp "
          "dụng độ tuổi này cho việc kết nạp Đảng là suy luận).",
    confidence="U",
    items=("12",),
    failing={"patches": [{"dat": "doan_thanh_nien", "gia_tri": "Không"},
                         {"xoa": "xet_ket_nap.gioi_thieu_cua_doan"},
                         {"them": "xet_ket_nap.nguoi_gioi_thieu", "gia_tri": _SECOND_INTRODUCER}],
             "at": "doan_thanh_nien"},
)
def youth_member(ctx: Ctx) -> Iterator[Hit]:
    if not youth(ctx) or ctx.doan_member or present(ctx.xkn.get("gioi_thieu_cua_cong_doan")):
        return
    assert ctx.age is not None
    yield Hit(("doan_thanh_nien",),
              f"{ctx.item('doan_thanh_nien')}: người xin vào Đảng {dates.show_age(ctx.age)}"
              " (độ tuổi thanh niên) nhưng không phải đoàn viên. Nơi có tổ chức Đoàn thì phải là "
              "đoàn viên; nơi không có thì ghi nghị quyết giới thiệu của công đoàn vào "
              f"{ctx.named(*CONG_DOAN)}.")


@rule(
    "gioi-thieu-doan-khong-hop",
    title="Đoàn giới thiệu người không phải đoàn viên hoặc ngoài độ tuổi thanh niên",
    explanation=(
        "Nghị quyết giới thiệu của Ban Chấp hành Đoàn cơ sở chỉ dành cho đoàn viên trong độ tuổi "
        f"thanh niên: đến hết {YOUTH_MAX_AGE.value} tuổi, cán bộ Đoàn (ghi "
        f"xet_ket_nap.can_bo_doan) đến hết {YOUTH_CADRE_MAX_AGE.value} tuổi. Quá tuổi đó phải có "
        "hai đảng viên chính thức giới thiệu. Hai con số này là của Hướng dẫn Thành ủy Hà Nội; "
        "văn bản trung ương chỉ nói “độ tuổi thanh niên” (chưa xác nhận con số toàn quốc)."),
    basis="Điều lệ Đảng, Điều 4; QĐ 294-QĐ/TW §3.1; HN Phần II §II.1.1.2.1 b (quy tắc R6, R6a).",
    confidence="U",
    severity=Severity.ERROR,
    items=("12", "xét kết nạp"),
    failing={"patches": _AGED_33, "at": "xet_ket_nap.gioi_thieu_cua_doan"},
    passing=[*_AGED_33, {"dat": "xet_ket_nap.can_bo_doan", "gia_tri": "Bí thư Chi đoàn Kỹ thuật"}],
)
def doan_misused(ctx: Ctx) -> Iterator[Hit]:
    if not present(ctx.xkn.get("gioi_thieu_cua_doan")):
        return
    if not ctx.doan_member:
        yield Hit(DOAN, "Có nghị quyết giới thiệu của Đoàn nhưng mục (12) ghi người xin vào Đảng "
                        "không phải đoàn viên. Ghi ngày, nơi kết nạp vào Đoàn ở mục (12), hoặc "
                        "thay nghị quyết bằng đảng viên chính thức thứ hai giới thiệu.")
    elif ctx.age is not None and not youth(ctx):
        who = "cán bộ Đoàn" if cadre(ctx) else "đoàn viên"
        yield Hit(DOAN, f"Người xin vào Đảng {dates.show_age(ctx.age)} tại {ctx.ref_phrase()}, "
                        f"quá độ tuổi thanh niên của {who} (đến hết {youth_limit(ctx)} tuổi): "
                        "phải có hai đảng viên chính thức giới thiệu, không dùng nghị quyết của "
                        "Đoàn.")


@rule(
    "nguoi-gioi-thieu-chinh-thuc",
    title="Người giới thiệu chưa là đảng viên chính thức",
    explanation=(
        "Người giới thiệu phải là đảng viên chính thức: ghi ngày được công nhận chính thức "
        "(ngay_chinh_thuc), trước ngày chi bộ họp xét kết nạp. Đảng viên dự bị không được giới "
        "thiệu người vào Đảng."),
    basis="Điều lệ Đảng, Điều 4; QĐ 294-QĐ/TW (quy tắc R7).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [*AT_VOTE,
                         {"dat": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_vao_dang",
                          "gia_tri": "2025-07-01"},
                         {"dat": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc",
                          "gia_tri": "2026-07-01"}],
             "giai_doan": "bieu_quyet", "at": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def introducer_official(ctx: Ctx) -> Iterator[Hit]:
    for i, person in introducers(ctx):
        path = (*INTRO, i, "ngay_chinh_thuc")
        name = person.get("ho_ten") or f"thứ {i + 1}"
        if person.get("loai_dang_vien") == "du_bi":
            yield Hit((*INTRO, i, "loai_dang_vien"),
                      f"Người giới thiệu {name} là đảng viên dự bị: đảng viên dự bị không được "
                      "giới thiệu người vào Đảng. Chi bộ phân công một đảng viên chính thức khác.")
            continue
        value = person.get("ngay_chinh_thuc")
        if none_word(value):
            yield Hit(path if "ngay_chinh_thuc" in person else (*INTRO, i),
                      f"Người giới thiệu {name}: ghi ngày được công nhận đảng viên chính thức "
                      "(ngay_chinh_thuc) và loai_dang_vien: chinh_thuc.")
            continue
        official = dates.parse(value)
        if official and official.first > ctx.ref:
            yield Hit(path, f"Người giới thiệu {name} được công nhận chính thức "
                            f"{official.show()}, sau {ctx.ref_phrase()}: khi chi bộ xét, người này "
                            "còn là đảng viên dự bị nên chưa được giới thiệu người vào Đảng.")


@rule(
    "nguoi-gioi-thieu-ngay-dang",
    title="Ngày vào Đảng và ngày chính thức của người giới thiệu không khớp",
    explanation=(
        f"Đảng viên được công nhận chính thức sau ít nhất {PROBATION} dự bị kể từ khi kết nạp, "
        f"nên ngày chính thức của người giới thiệu phải sau ngày vào Đảng ít nhất {PROBATION}."),
    basis=f"Điều lệ Đảng, Điều 5: thời kỳ dự bị {PROBATION} (quy tắc R21).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc",
                          "gia_tri": "2012-11-19"}],
             "at": "xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc"},
)
def introducer_dates(ctx: Ctx) -> Iterator[Hit]:
    for i, person in introducers(ctx):
        joined = dates.parse(person.get("ngay_vao_dang"))
        official = dates.parse(person.get("ngay_chinh_thuc"))
        if joined is None or official is None:
            continue
        earliest = dates.add_months(joined.first, PROBATION_MONTHS.value)
        if official.last < earliest:
            name = person.get("ho_ten") or f"thứ {i + 1}"
            yield Hit((*INTRO, i, "ngay_chinh_thuc"),
                      f"Người giới thiệu {name}: ngày chính thức ({official.show()}) chưa đủ "
                      f"{PROBATION} sau ngày vào Đảng ({joined.show()}). Kiểm tra lại hai ngày này theo "
                      "thẻ đảng viên hoặc quyết định công nhận.")


@rule(
    "nguoi-gioi-thieu-cung-cong-tac",
    title=f"Người giới thiệu chưa cùng công tác đủ {TOGETHER}",
    explanation=(
        "Người giới thiệu phải cùng công tác, học tập hoặc cư trú với người xin vào Đảng ít nhất "
        f"{TOGETHER}, tính đến ngày chi bộ họp xét kết nạp. Ghi tháng bắt đầu cùng công tác vào "
        "cung_cong_tac_tu. Người được chi bộ phân công thay người giới thiệu trước (chuyển đi, bị "
        "kỷ luật, không thể tiếp tục giúp đỡ; ghi thay_the) không cần đủ thời gian này."),
    basis="Điều lệ Đảng, Điều 4 (“ít nhất một năm”); QĐ 294-QĐ/TW §3.2.1–3.2.2; HD 06 §3.9 a "
          "(quy tắc R8).",
    confidence="C",
    items=("xét kết nạp",),
    failing={"patches": [{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu",
                          "gia_tri": "2026-03"}],
             "at": "xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu"},
    passing=[{"dat": "xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu", "gia_tri": "2026-03"},
             {"dat": "xet_ket_nap.nguoi_gioi_thieu[0].thay_the",
              "gia_tri": {"ho_ten": "Hà Văn Lực", "ly_do": "Chuyển công tác sang đơn vị khác",
                          "ngay": "2026-03-10"}}],
)
def introducer_together(ctx: Ctx) -> Iterator[Hit]:
    for i, person in introducers(ctx):
        if present(person.get("thay_the")):
            continue  # a replacement introducer need not have worked 12 months with the candidate
        path = (*INTRO, i, "cung_cong_tac_tu")
        name = person.get("ho_ten") or f"thứ {i + 1}"
        value = person.get("cung_cong_tac_tu")
        since = dates.parse(value)
        if since is None:
            if blank(value) or none_word(value):
                yield Hit(path, f"Người giới thiệu {name}: ghi tháng, năm bắt đầu cùng công tác "
                                f"với người xin vào Đảng (cung_cong_tac_tu).")
            continue
        months = dates.months_between(since.first, ctx.ref)
        if months < INTRODUCER_MONTHS.value:
            yield Hit(path, f"Người giới thiệu {name} cùng công tác với người xin vào Đảng từ "
                            f"{since.show()}, đến {ctx.ref_phrase()} mới {max(months, 0)} tháng; "
                            f"cần ít nhất {TOGETHER}.")
