"""Dates and tables: (14) and (15) month by month, dates that cannot be, (12), (18), (19), (20).

The dates and table rows are read once per dossier by :mod:`hoso.validate.rules.periods`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from hoso.form import dates
from hoso.form.limits import ABROAD_MONTHS, DOAN_MAX_AGE, DOAN_MIN_AGE
from hoso.validate.rules.base import Ctx, Hit, dig, none_word, rows, rule
from hoso.validate.rules.periods import chain, date_values, pairs, periods, span

HISTORY = "lich_su_ban_than"
WORK = "cong_viec_chuc_vu"


# --------------------------------------------------------------------------------------------
# dates that cannot be


@rule(
    "ngay-khong-hop-le",
    title="Ngày tháng không có thật",
    explanation=(
        "Ngày phải có thật trên lịch: tháng từ 1 đến 12, ngày không quá số ngày của tháng (ví dụ "
        "không có ngày 30-2 hay 31-4). Viết theo dạng YYYY-MM-DD, YYYY-MM hoặc YYYY."),
    basis="Yêu cầu chung: khai đầy đủ, rõ ràng, chính xác (tài liệu tham khảo 2.1).",
    confidence="C",
    items=("3", "14", "15", "21", "23"),
    failing={"patches": [{"dat": "cam_doan.ngay", "gia_tri": "2026-02-30"}], "at": "cam_doan.ngay"},
)
def impossible_date(ctx: Ctx) -> Iterator[Hit]:
    for i, text, d, _, _ in date_values(ctx):
        if d is not None or text.strip() == dates.NAY:
            continue
        reason = dates.problem(text)
        if reason is not None:
            path = ctx.texts.path(i)
            yield Hit(path, f"{ctx.item_at(path)}: “{text}” không phải ngày có thật ({reason}).")


@rule(
    "ngay-tuong-lai",
    title="Ngày ở tương lai",
    explanation=(
        "Mọi ngày đã khai phải đã xảy ra: các mục của lý lịch và giấy tờ xét kết nạp không được "
        "sau ngày họp chi bộ (hoặc ngày xét khi chưa họp); quyết định kết nạp, lễ kết nạp, công "
        "nhận chính thức và lịch sử quy trình không được sau ngày xét."),
    basis="Yêu cầu chung: khai trung thực, chính xác (tài liệu tham khảo 2.1).",
    confidence="C",
    items=("3", "12", "14", "15", "17", "18", "19", "20", "23"),
    failing={"patches": [{"dat": "khen_thuong[0].thang", "gia_tri": "2026-12"}],
             "at": "khen_thuong[0].thang"},
)
def future_date(ctx: Ctx) -> Iterator[Hit]:
    now, ref = ctx.now, ctx.ref
    for i, _, d, after, _ in date_values(ctx):
        if d is None:
            continue
        limit = now if after else ref
        if d.first > limit:
            path = ctx.texts.path(i)
            if len(path) > 2 and path[-3] == "nguoi_gioi_thieu" \
                    and path[-1] in ("ngay_chinh_thuc", "cung_cong_tac_tu"):
                continue  # the introducer rules say what such a date means
            hint = ""
            if path[0] in ("dao_tao_boi_duong", "di_nuoc_ngoai") and path[-1] == "den":
                hint = " Nếu đang học hoặc đang ở nước ngoài thì ghi “đến: nay”."
            when = f"ngày xét ({dates.show_day(limit)})" if after else ctx.ref_phrase()
            yield Hit(path, f"{ctx.item_at(path)}: {d.show()} ở sau {when}. Kiểm tra lại ngày "
                            f"này.{hint}")


@rule(
    "ngay-truoc-khi-sinh",
    title="Ngày trước khi sinh",
    explanation=(
        "Các mốc thời gian của bản thân người xin vào Đảng (vào Đoàn, học tập, công tác, đào tạo, "
        "đi nước ngoài, khen thưởng, kỷ luật, giấy tờ) không thể trước ngày sinh ở mục (3)."),
    basis="Yêu cầu chung: khai trung thực, chính xác (tài liệu tham khảo 2.1).",
    confidence="C",
    items=("3", "12", "14", "15", "17"),
    failing={"patches": [{"dat": "lich_su_ban_than[0].tu", "gia_tri": "1998-09"}],
             "at": "lich_su_ban_than[0].tu"},
)
def before_birth(ctx: Ctx) -> Iterator[Hit]:
    if ctx.birth is None:
        return
    birth = ctx.birth
    for i, _, d, _, own in date_values(ctx):
        if own and d is not None and d.last < birth:
            path = ctx.texts.path(i)
            yield Hit(path, f"{ctx.item_at(path)}: {d.show()} ở trước ngày sinh "
                            f"({dates.show_day(birth)}, mục (3)).")


# --------------------------------------------------------------------------------------------
# (14) and (15): month by month




@rule(
    "thoi-gian-theo-thang",
    title="Mốc thời gian của (14), (15) phải ghi đến tháng",
    explanation=(
        "Lịch sử bản thân và những công việc, chức vụ đã qua được khai liên tục theo từng tháng: "
        "mỗi dòng ghi “từ tháng, năm” “đến tháng, năm” (YYYY-MM), không chỉ ghi năm."),
    basis="Hướng dẫn ghi mục (14), (15) trong quyển lý lịch: “tháng 9-1991”, liên tục theo tháng "
          "(tài liệu tham khảo 2.5).",
    confidence="T",
    items=("14", "15"),
    failing={"patches": [{"dat": "cong_viec_chuc_vu[0].tu", "gia_tri": "2017"}],
             "at": "cong_viec_chuc_vu[0].tu"},
)
def by_month(ctx: Ctx) -> Iterator[Hit]:
    for table in (HISTORY, WORK):
        for i, start, end, _ in periods(ctx, table):
            for key, d in (("tu", start), ("den", end)):
                if d is not None and d.month is None:
                    yield Hit((table, i, key),
                              f"{ctx.item(table)}, dòng {i + 1}: “{d.year}” chỉ ghi năm; ghi "
                              f"cả tháng (YYYY-MM), ví dụ “{d.year}-09”.")


@rule(
    "thoi-gian-tu-den",
    title="“Từ” sau “đến” trong một dòng",
    explanation="Trong mỗi dòng của các bảng (14), (15), (17), (18), mốc “từ” không được sau mốc "
                "“đến”.",
    basis="Cột “Từ tháng, năm đến tháng, năm” của các bảng trong quyển lý lịch (tài liệu tham "
          "khảo 1.5).",
    confidence="T",
    items=("14", "15", "17", "18"),
    failing={"patches": [{"dat": "dao_tao_boi_duong[0].den", "gia_tri": "2016-06"}],
             "at": "dao_tao_boi_duong[0].den"},
)
def from_after_to(ctx: Ctx) -> Iterator[Hit]:
    for table in (HISTORY, WORK, "dao_tao_boi_duong", "di_nuoc_ngoai"):
        for i, start, end, _ in periods(ctx, table):
            if start and end and start.first_month > end.last_month:
                yield Hit((table, i, "den"),
                          f"{ctx.item(table)}, dòng {i + 1}: “đến” {end.show()} ở trước “từ” "
                          f"{start.show()}.")




@rule(
    "thoi-gian-trung-lap",
    title="Các dòng của (14), (15) chồng lấn hoặc không theo thứ tự",
    explanation=(
        "Các dòng của lịch sử bản thân và của những công việc, chức vụ đã qua xếp theo thời gian; "
        "dòng sau bắt đầu từ tháng kế tiếp tháng kết thúc của dòng trước, không trùng tháng."),
    basis="Hướng dẫn ghi mục (14), (15): khai liên tục theo tháng (tài liệu tham khảo 2.5; lỗi "
          "thường gặp số 8).",
    confidence="T",
    items=("14", "15"),
    failing={"patches": [{"dat": "cong_viec_chuc_vu[1].tu", "gia_tri": "2022-06"}],
             "at": "cong_viec_chuc_vu[1].tu"},
)
def overlap(ctx: Ctx) -> Iterator[Hit]:
    for table in (HISTORY, WORK):
        for prev_end, start, i in pairs(chain(ctx, table)):
            if prev_end is None:
                yield Hit((table, i, "tu"),
                          f"{ctx.item(table)}, dòng {i + 1}: dòng trước đã ghi “đến nay”; chỉ "
                          "dòng cuối cùng được kết thúc bằng “nay”.")
            elif start <= prev_end:
                yield Hit((table, i, "tu"),
                          f"{ctx.item(table)}, dòng {i + 1}: bắt đầu "
                          f"{dates.show_month_index(start)} trong khi dòng trước kéo dài đến "
                          f"{dates.show_month_index(prev_end)}; các dòng không được chồng lấn và "
                          "phải theo thứ tự thời gian.")


@rule(
    "thoi-gian-ngat-quang",
    title="Khoảng trống giữa các dòng của (14), (15)",
    explanation=(
        "Lịch sử bản thân và những công việc, chức vụ đã qua phải liên tục theo tháng, kể cả thời "
        "gian học tập, nghỉ hè, chờ việc, điều trị, gián đoạn liên lạc: dòng sau bắt đầu đúng "
        "tháng kế tiếp tháng kết thúc của dòng trước."),
    basis="Hướng dẫn ghi mục (15): khai đầy đủ, rõ ràng, liên tục theo tháng (tài liệu tham khảo "
          "2.5; lỗi thường gặp số 8).",
    confidence="T",
    items=("14", "15"),
    failing={"patches": [{"dat": "cong_viec_chuc_vu[1].den", "gia_tri": "2022-08"}],
             "at": "cong_viec_chuc_vu[2].tu"},
)
def gap(ctx: Ctx) -> Iterator[Hit]:
    for table in (HISTORY, WORK):
        for prev_end, start, i in pairs(chain(ctx, table)):
            if prev_end is not None and start > prev_end + 1:
                yield Hit((table, i, "tu"),
                          f"{ctx.item(table)}, dòng {i + 1}: {span(prev_end + 1, start - 1)} "
                          "không có dòng nào. Khai liên tục theo tháng, kể cả thời gian nghỉ, "
                          "chờ việc, đi học.")


@rule(
    "lich-su-noi-cong-viec",
    title="(15) không bắt đầu ngay sau (14)",
    explanation=(
        "Những công việc, chức vụ đã qua (15) bắt đầu từ tháng kế tiếp tháng kết thúc của lịch sử "
        "bản thân (14): hai mục nối nhau thành một quá trình liên tục."),
    basis="Hướng dẫn ghi mục (14), (15) (tài liệu tham khảo 2.5).",
    confidence="T",
    items=("14", "15"),
    failing={"patches": [{"dat": "cong_viec_chuc_vu[0].tu", "gia_tri": "2017-10"}],
             "at": "cong_viec_chuc_vu[0].tu"},
)
def joined(ctx: Ctx) -> Iterator[Hit]:
    history, work = chain(ctx, HISTORY), chain(ctx, WORK)
    if not history or not work or history[-1] is None or work[0] is None:
        return
    end = history[-1][2]
    i, start, _ = work[0]
    if end is None or start == end + 1:
        return
    if start > end + 1:
        what = f"{span(end + 1, start - 1)} không được khai ở đâu"
    else:
        what = "hai mục chồng lấn nhau"
    yield Hit((WORK, i, "tu"),
              f"{ctx.item(WORK)}: dòng đầu bắt đầu {dates.show_month_index(start)}, còn mục "
              f"(14) kết thúc {dates.show_month_index(end)}: {what}. Mục (15) phải bắt đầu "
              f"{dates.show_month_index(end + 1)}.")


@rule(
    "cong-viec-den-nay",
    title="(15) không kéo dài đến nay",
    explanation=(
        "Những công việc, chức vụ đã qua được khai đến hiện tại: dòng cuối cùng ghi “đến: nay”."),
    basis="Hướng dẫn ghi mục (15): từ khi tham gia hoạt động xã hội đến nay (tài liệu tham khảo "
          "2.5).",
    confidence="T",
    items=("15",),
    failing={"patches": [{"dat": "cong_viec_chuc_vu[2].den", "gia_tri": "2026-10"}],
             "at": "cong_viec_chuc_vu[2].den"},
)
def until_now(ctx: Ctx) -> Iterator[Hit]:
    work = rows(ctx.data, WORK)
    if not work:
        if not isinstance(ctx.data.get(WORK), list) or not ctx.data.get(WORK):
            yield Hit((WORK,), f"{ctx.item(WORK)}: chưa có dòng nào; khai từ khi tham gia "
                               f"hoạt động xã hội (đi học, đi làm) đến nay.")
        return
    i, _, _, open_end = periods(ctx, WORK)[-1]
    if not open_end:
        yield Hit((WORK, i, "den"),
                  f"{ctx.item(WORK)}, dòng {i + 1} (dòng cuối): ghi “đến: nay” cho công việc "
                  "hiện tại; quá trình phải được khai đến nay.")
    for j, _, _, history_open in periods(ctx, HISTORY):
        if history_open:
            yield Hit((HISTORY, j, "den"),
                      f"{ctx.item(HISTORY)}, dòng {j + 1}: lịch sử bản thân dừng ở lúc bắt đầu "
                      "tham gia hoạt động xã hội; phần “đến nay” khai ở mục (15).")


# --------------------------------------------------------------------------------------------
# (12) Youth Union admission age

DOAN_MIN, DOAN_MAX = DOAN_MIN_AGE.value, DOAN_MAX_AGE.value


@rule(
    "tuoi-vao-doan",
    title="Tuổi vào Đoàn không hợp lý",
    explanation=(
        f"Người được kết nạp vào Đoàn từ đủ {DOAN_MIN} tuổi (tuổi {DOAN_MIN + 1}) và không quá "
        f"{DOAN_MAX} tuổi tại thời điểm kết nạp. Ngày vào Đoàn ngoài khoảng này thường là ghi "
        "nhầm ngày hoặc năm."),
    basis="Điều lệ Đoàn TNCS Hồ Chí Minh: đoàn viên tuổi từ 16 đến 30 (tài liệu tham khảo R6a); "
          "Hướng dẫn 22-HD/TWĐTN (2013): “từ đủ 15 tuổi + 1 ngày” (ngoài tài liệu tham khảo).",
    confidence="U",
    items=("12",),
    failing={"patches": [{"dat": "doan_thanh_nien.ngay", "gia_tri": "2013-03-26"}],
             "at": "doan_thanh_nien.ngay"},
)
def doan_age(ctx: Ctx) -> Iterator[Hit]:
    joined_on = dates.parse(dig(ctx.data, "doan_thanh_nien", "ngay"))
    if joined_on is None or ctx.birth is None:
        return
    age = dates.age_months(ctx.birth, joined_on.last)
    # "từ đủ 15 tuổi + 1 ngày": the 15th birthday itself is too early
    if age < DOAN_MIN * 12 or (age == DOAN_MIN * 12
                               and joined_on.last <= dates.add_months(ctx.birth, DOAN_MIN * 12)):
        problem = f"mới {dates.show_age(age)}, chưa đủ {DOAN_MIN} tuổi"
    elif dates.age_months(ctx.birth, joined_on.first) >= (DOAN_MAX + 1) * 12:
        problem = (f"đã {dates.show_age(dates.age_months(ctx.birth, joined_on.first))}, quá "
                   f"{DOAN_MAX} tuổi")
    else:
        return
    yield Hit(("doan_thanh_nien", "ngay"),
              f"{ctx.item('doan_thanh_nien')}: khi vào Đoàn ({joined_on.show()}) người xin vào "
              f"Đảng {problem}. Đối chiếu với thẻ đoàn viên hoặc sổ đoàn viên.")


# --------------------------------------------------------------------------------------------
# (18) abroad: stays of 3 months or more

ABROAD = ABROAD_MONTHS.show()


@rule(
    "nuoc-ngoai-3-thang",
    title=f"Đi nước ngoài dưới {ABROAD}",
    explanation=(
        f"Mục (18) chỉ ghi những lần ra nước ngoài từ {ABROAD} trở lên (học tập, hợp tác lao "
        f"động, công tác…). Chuyến đi ngắn hơn không ghi; mọi lần từ {ABROAD} trở lên đều phải "
        "ghi."),
    basis="Hướng dẫn ghi mục (18) trong quyển lý lịch (tài liệu tham khảo 2.5; lỗi thường gặp số "
          "9).",
    confidence="T",
    items=("18",),
    failing={"patches": [{"dat": "di_nuoc_ngoai", "gia_tri": [{
        "tu": "2019-07", "den": "2019-08", "noi_dung": "Thực tập kỹ thuật mạng",
        "nuoc": "Nhật Bản", "co_quan_quyet_dinh": "Trường Đại học Bách khoa Hà Nội"}]}],
        "at": "di_nuoc_ngoai[0]"},
    passing=[{"dat": "di_nuoc_ngoai", "gia_tri": [{
        "tu": "2019-07", "den": "2019-09", "noi_dung": "Thực tập kỹ thuật mạng",
        "nuoc": "Nhật Bản", "co_quan_quyet_dinh": "Trường Đại học Bách khoa Hà Nội"}]}],
)
def abroad(ctx: Ctx) -> Iterator[Hit]:
    for i, start, end, open_end in periods(ctx, "di_nuoc_ngoai"):
        if start is None or end is None or open_end:
            continue
        longest = dates.months_between(start.first, end.last + timedelta(days=1))
        if longest < ABROAD_MONTHS.value:
            yield Hit(("di_nuoc_ngoai", i),
                      f"{ctx.item('di_nuoc_ngoai')}, dòng {i + 1}: từ {start.show()} đến "
                      f"{end.show()} chưa đủ {ABROAD}; mục (18) chỉ ghi những lần ở nước ngoài "
                      f"từ {ABROAD} trở lên. Xóa dòng này (nếu không còn dòng nào, ghi “Không”).")


# --------------------------------------------------------------------------------------------
# (19) rewards from "bằng khen" upward; (20) discipline from "khiển trách" upward


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("sỹ", "sĩ").split())


REWARD_HIGH = (
    "bằng khen", "huân chương", "huy chương", "cờ thi đua", "chiến sĩ thi đua toàn quốc",
    "chiến sĩ thi đua cấp bộ", "chiến sĩ thi đua cấp ngành", "chiến sĩ thi đua cấp tỉnh",
    "chiến sĩ thi đua bộ", "chiến sĩ thi đua ngành", "chiến sĩ thi đua tỉnh",
    "chiến sĩ thi đua cấp bộ, ngành, tỉnh", "anh hùng lao động", "anh hùng lực lượng vũ trang",
    "anh hùng", "bà mẹ việt nam anh hùng", "thầy thuốc nhân dân", "thầy thuốc ưu tú",
    "nhà giáo nhân dân", "nhà giáo ưu tú", "nghệ sĩ nhân dân", "nghệ sĩ ưu tú",
    "nghệ nhân nhân dân", "nghệ nhân ưu tú", "giải thưởng hồ chí minh", "giải thưởng nhà nước",
    "danh hiệu vinh dự nhà nước", "huy hiệu")
REWARD_LOW = ("giấy khen", "chiến sĩ thi đua cơ sở", "lao động tiên tiến", "chiến sĩ tiên tiến",
              "giấy chứng nhận", "giấy biểu dương", "biểu dương", "khen ngợi", "thư khen",
              "hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ")


_REWARD_PREFIX = re.compile(r"^(?:danh hiệu|được tặng|được trao|tặng|trao tặng)\s+")


def _reward_rank(text: str) -> str | None:
    """"high", "low" or None (not recognised) for a reward's form.

    What the form is named first decides ("Bằng khen … vì hoàn thành xuất sắc nhiệm vụ" is a
    bằng khen); failing that, a lower form named anywhere, then a higher one.
    """
    value = _REWARD_PREFIX.sub("", _norm(text))
    if value.startswith(REWARD_HIGH):
        return "high"
    if value.startswith(REWARD_LOW):
        return "low"
    if any(low in value for low in REWARD_LOW) or "giấy khen" in value or "tiên tiến" in value:
        return "low"
    if any(f" {high}" in f" {value}" for high in REWARD_HIGH):
        return "high"
    return None


@rule(
    "khen-thuong-duoi-bang-khen",
    title="Khen thưởng dưới mức bằng khen",
    explanation=(
        "Mục (19) chỉ ghi hình thức khen thưởng từ bằng khen trở lên (bằng khen, huân chương, huy "
        "chương, chiến sĩ thi đua từ cấp bộ, ngành, tỉnh trở lên, cờ thi đua, danh hiệu vinh dự "
        "Nhà nước như Anh hùng lao động, Nhà giáo ưu tú, Thầy thuốc nhân dân…). Giấy khen, chiến "
        "sĩ thi đua cơ sở, lao động tiên tiến không ghi."),
    basis="Hướng dẫn ghi mục (19) trong quyển lý lịch: “từ bằng khen trở lên” (tài liệu tham khảo "
          "2.5; lỗi thường gặp số 10).",
    confidence="T",
    items=("19",),
    failing={"patches": [{"dat": "khen_thuong[0].hinh_thuc", "gia_tri": "Giấy khen"}],
             "at": "khen_thuong[0].hinh_thuc"},
)
def reward_low(ctx: Ctx) -> Iterator[Hit]:
    for i, row in rows(ctx.data, "khen_thuong"):
        form = row.get("hinh_thuc")
        if isinstance(form, str) and _reward_rank(form) == "low":
            yield Hit(("khen_thuong", i, "hinh_thuc"),
                      f"{ctx.item('khen_thuong')}, dòng {i + 1}: “{form.strip()}” dưới mức bằng "
                      "khen nên không ghi vào lý lịch. Xóa dòng này (nếu không còn dòng nào, ghi "
                      "“Không”).")


@rule(
    "khen-thuong-khong-ro",
    title="Không nhận ra hình thức khen thưởng",
    explanation=(
        "Ghi đúng tên hình thức khen thưởng để người xét biết nó từ bằng khen trở lên: “Bằng khen "
        "của …”, “Huân chương Lao động hạng Ba”, “Chiến sĩ thi đua cấp tỉnh”, “Nhà giáo ưu tú”…"),
    basis="Hướng dẫn ghi mục (19) trong quyển lý lịch (tài liệu tham khảo 2.5).",
    confidence="U",
    items=("19",),
    failing={"patches": [{"dat": "khen_thuong[0].hinh_thuc", "gia_tri": "Khen thưởng đột xuất"}],
             "at": "khen_thuong[0].hinh_thuc"},
)
def reward_unknown(ctx: Ctx) -> Iterator[Hit]:
    for i, row in rows(ctx.data, "khen_thuong"):
        form = row.get("hinh_thuc")
        if isinstance(form, str) and not none_word(form) and _reward_rank(form) is None:
            yield Hit(("khen_thuong", i, "hinh_thuc"),
                      f"{ctx.item('khen_thuong')}, dòng {i + 1}: không nhận ra hình thức khen "
                      f"thưởng “{form.strip()}”. Ghi đúng tên hình thức (bằng khen, huân chương, "
                      "huy chương, chiến sĩ thi đua cấp tỉnh, danh hiệu…); dưới bằng khen thì "
                      "không ghi.")


DISCIPLINE_HIGH = ("khiển trách", "cảnh cáo", "cách chức", "khai trừ", "giáng chức", "hạ bậc lương",
                   "hạ ngạch", "buộc thôi việc", "xóa tên", "giải tán", "đình chỉ", "tước",
                   "cải tạo không giam giữ", "tù", "phạt tù", "cảnh cáo toàn", "kỷ luật")
DISCIPLINE_LOW = ("nhắc nhở", "phê bình", "rút kinh nghiệm", "kiểm điểm", "nhắc nhở, phê bình")
DISCIPLINE_KIND = "ky_luat"


@rule(
    "ky-luat-duoi-khien-trach",
    title="Kỷ luật dưới mức khiển trách",
    explanation=(
        "Mục (20) ghi hình thức kỷ luật của Đảng, chính quyền, đoàn thể từ khiển trách trở lên; "
        "nhắc nhở, phê bình, rút kinh nghiệm không phải hình thức kỷ luật. Ngoài ra phải ghi cả "
        "những lần bị xem xét nhưng không kỷ luật hoặc hết thời hiệu (loai: xem_xet_khong_ky_luat, "
        "het_thoi_hieu)."),
    basis="Hướng dẫn ghi mục (20) trong quyển lý lịch: “từ khiển trách trở lên” (tài liệu tham "
          "khảo 2.5; lỗi thường gặp số 10).",
    confidence="T",
    items=("20",),
    failing={"patches": [{"dat": "ky_luat", "gia_tri": [{
        "thang": "2023-05", "loai": "ky_luat", "ly_do": "Đi làm muộn nhiều lần",
        "hinh_thuc": "Nhắc nhở", "cap_quyet_dinh": "Giám đốc VNPT Lạng Sơn"}]}],
        "at": "ky_luat[0].hinh_thuc"},
    passing=[{"dat": "ky_luat", "gia_tri": [{
        "thang": "2023-05", "loai": "xem_xet_khong_ky_luat", "ly_do": "Đi làm muộn nhiều lần",
        "hinh_thuc": "Xem xét nhưng không kỷ luật, bị nhắc nhở",
        "cap_quyet_dinh": "Giám đốc VNPT Lạng Sơn"}]}],
)
def discipline_low(ctx: Ctx) -> Iterator[Hit]:
    for i, row in rows(ctx.data, "ky_luat"):
        form = row.get("hinh_thuc")
        if row.get("loai", DISCIPLINE_KIND) != DISCIPLINE_KIND or not isinstance(form, str):
            continue
        value = _norm(form)
        if any(value.startswith(low) for low in DISCIPLINE_LOW):
            yield Hit(("ky_luat", i, "hinh_thuc"),
                      f"{ctx.item('ky_luat')}, dòng {i + 1}: “{form.strip()}” không phải hình "
                      "thức kỷ luật (chỉ ghi từ khiển trách trở lên). Xóa dòng này, hoặc nếu đã bị "
                      "xem xét kỷ luật mà không kỷ luật thì ghi loai: xem_xet_khong_ky_luat.")


@rule(
    "ky-luat-khong-ro",
    title="Không nhận ra hình thức kỷ luật",
    explanation=(
        "Ghi đúng hình thức kỷ luật: khiển trách, cảnh cáo, cách chức, khai trừ (Đảng); khiển "
        "trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc (chính quyền)…"),
    basis="Hướng dẫn ghi mục (20) trong quyển lý lịch (tài liệu tham khảo 2.5).",
    confidence="U",
    items=("20",),
    failing={"patches": [{"dat": "ky_luat", "gia_tri": [{
        "thang": "2023-05", "loai": "ky_luat", "ly_do": "Vi phạm quy chế nội bộ",
        "hinh_thuc": "Trừ thi đua", "cap_quyet_dinh": "Giám đốc VNPT Lạng Sơn"}]}],
        "at": "ky_luat[0].hinh_thuc"},
    passing=[{"dat": "ky_luat", "gia_tri": [{
        "thang": "2023-05", "loai": "ky_luat", "ly_do": "Vi phạm quy chế nội bộ",
        "hinh_thuc": "Khiển trách", "cap_quyet_dinh": "Giám đốc VNPT Lạng Sơn"}]}],
)
def discipline_unknown(ctx: Ctx) -> Iterator[Hit]:
    for i, row in rows(ctx.data, "ky_luat"):
        form = row.get("hinh_thuc")
        if row.get("loai", DISCIPLINE_KIND) != DISCIPLINE_KIND or not isinstance(form, str) \
                or none_word(form):
            continue
        value = _norm(form)
        if any(value.startswith(low) for low in DISCIPLINE_LOW):
            continue
        if not any(high in value for high in DISCIPLINE_HIGH):
            yield Hit(("ky_luat", i, "hinh_thuc"),
                      f"{ctx.item('ky_luat')}, dòng {i + 1}: không nhận ra hình thức kỷ luật "
                      f"“{form.strip()}”. Ghi đúng hình thức (khiển trách, cảnh cáo, cách chức, "
                      "khai trừ, hạ bậc lương, giáng chức, buộc thôi việc…).")

