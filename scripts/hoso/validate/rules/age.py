"""Age at the chi bộ meeting, counted by month (reference R1–R3), and the birth date's ID check."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hoso.form import dates
from hoso.form.limits import MAX_AGE, MIN_AGE
from hoso.validate.rules.base import Ctx, Hit, dig, present, rule

MIN_YEARS, MAX_YEARS = MIN_AGE.value, MAX_AGE.value
MIN_MONTHS = MIN_YEARS * 12
MAX_MONTHS = MAX_YEARS * 12


@rule(
    "tuoi-toi-thieu",
    title=f"Chưa đủ {MIN_YEARS} tuổi tại ngày họp chi bộ xét kết nạp",
    explanation=(
        f"Người vào Đảng phải đủ {MIN_YEARS} tuổi, tính theo tháng, đến ngày chi bộ họp xét kết "
        "nạp. Tuổi được tính từ mục (3) Sinh ngày đến ngày họp chi bộ (nếu chưa có thì đến ngày xét)."),
    basis="Quy định thi hành Điều lệ Đảng (QĐ 24-QĐ/TW, QĐ 232-QĐ/TW, QĐ 294-QĐ/TW Điều 1): tuổi "
          "đời từ đủ 18 tuổi, tính theo tháng (tài liệu tham khảo, quy tắc R1).",
    confidence="C",
    items=("3",),
    failing={
        "patches": [
            {"dat": "ngay_sinh", "gia_tri": "2008-12-20"},
            {"dat": "so_can_cuoc", "gia_tri": "020208004517"},
            {"dat": "doan_thanh_nien.ngay", "gia_tri": "2024-03-26"},
            {"xoa": "lich_su_ban_than[0]"},
        ],
        "at": "ngay_sinh",
    },
)
def too_young(ctx: Ctx) -> Iterator[Hit]:
    if ctx.age is not None and ctx.age < MIN_MONTHS:
        short = MIN_MONTHS - ctx.age
        yield Hit(("ngay_sinh",),
                  f"{ctx.item('ngay_sinh')}: đến {ctx.ref_phrase()} người xin vào Đảng mới "
                  f"{dates.show_age(ctx.age)}, chưa đủ {MIN_YEARS} tuổi (tính theo tháng; còn "
                  f"thiếu {short} tháng). Chỉ xét kết nạp khi đã đủ {MIN_YEARS} tuổi.")


@rule(
    "tuoi-tren-60",
    title=f"Trên {MAX_YEARS} tuổi mà chưa có văn bản đồng ý của cấp có thẩm quyền",
    explanation=(
        f"Người quá {MAX_YEARS} tuổi (tính theo tháng) chỉ được xét kết nạp khi ban thường vụ cấp ủy trực "
        "thuộc Trung ương đồng ý bằng văn bản trước khi ra quyết định kết nạp. Ghi văn bản đó vào "
        "xet_ket_nap.dong_y_tren_60_tuoi (số, ngày, cơ quan)."),
    basis="QĐ 24-QĐ/TW, QĐ 232-QĐ/TW; Hướng dẫn 01-HD/TW (2016, 2021), nay Hướng dẫn 06-HD/TW: "
          "trên 60 tuổi do cấp ủy trực thuộc Trung ương xem xét, quyết định, ban thường vụ đồng ý "
          "bằng văn bản trước khi kết nạp (quy tắc R2, R3).",
    confidence="C",
    items=("3",),
    failing={
        "patches": [
            {"dat": "ngay_sinh", "gia_tri": "1965-06-10"},
            {"dat": "so_can_cuoc", "gia_tri": "020065004517"},
            {"dat": "gia_dinh[4].nam_sinh", "gia_tri": "1938"},
            {"dat": "gia_dinh[5].nam_sinh", "gia_tri": "1940"},
            {"dat": "doan_thanh_nien", "gia_tri": "Không"},
            {"xoa": "xet_ket_nap.gioi_thieu_cua_doan"},
            {"them": "xet_ket_nap.nguoi_gioi_thieu", "gia_tri": {
                "ho_ten": "Lương Thị Mai", "chuc_vu": "Bí thư Chi bộ Kỹ thuật",
                "chi_bo": "Chi bộ Kỹ thuật", "ngay_vao_dang": "2005-03-02",
                "ngay_chinh_thuc": "2006-03-02", "cung_cong_tac_tu": "2020-01"}},
        ],
        "at": "ngay_sinh",
    },
)
def over_sixty(ctx: Ctx) -> Iterator[Hit]:
    if ctx.age is None or ctx.age <= MAX_MONTHS:
        return
    consent = ctx.xkn.get("dong_y_tren_60_tuoi")
    if not present(consent):
        yield Hit(("ngay_sinh",),
                  f"{ctx.item('ngay_sinh')}: đến {ctx.ref_phrase()} người xin vào Đảng đã "
                  f"{dates.show_age(ctx.age)}, quá {MAX_YEARS} tuổi. Cần văn bản đồng ý của ban thường vụ "
                  "cấp ủy trực thuộc Trung ương trước khi kết nạp; ghi số, ngày, cơ quan vào "
                  f"{ctx.named('xet_ket_nap', 'dong_y_tren_60_tuoi')}.")
        return
    missing = [k for k in ("so", "ngay", "co_quan") if not present(dig(consent, k))]
    if missing:
        yield Hit(("xet_ket_nap", "dong_y_tren_60_tuoi", missing[0]),
                  f"{ctx.named('xet_ket_nap', 'dong_y_tren_60_tuoi')} thiếu: "
                  + ", ".join(ctx.field("xet_ket_nap", "dong_y_tren_60_tuoi", k) for k in missing)
                  + ". Ghi đủ số, "
                  "ngày và cơ quan ban hành.")
        return
    when = dates.parse(dig(consent, "ngay"))
    decision = dates.parse(dig(ctx.xkn, "quyet_dinh_ket_nap", "ngay"))
    if when and decision and when.first > decision.last:
        yield Hit(("xet_ket_nap", "dong_y_tren_60_tuoi", "ngay"),
                  f"Văn bản đồng ý kết nạp người trên {MAX_YEARS} tuổi ({when.show()}) phải có "
                  f"trước quyết định kết nạp ({decision.show()}).")


# CCCD: 3 digits province of birth registration, 1 digit century and sex, 2 digits year of birth.
_CCCD = re.compile(r"\d{12}")
_CENTURY = {0: (1900, "nam"), 1: (1900, "nữ"), 2: (2000, "nam"), 3: (2000, "nữ"),
            4: (2100, "nam"), 5: (2100, "nữ"), 6: (2200, "nam"), 7: (2200, "nữ"),
            8: (1800, "nam"), 9: (1800, "nữ")}


@rule(
    "so-can-cuoc-khop",
    title="Số căn cước không khớp năm sinh hoặc giới tính",
    explanation=(
        "Số căn cước (12 chữ số) ghi mã thế kỷ và giới tính ở chữ số thứ 4 và hai số cuối của năm "
        "sinh ở chữ số thứ 5–6. Nếu không khớp với mục (3) Sinh ngày và mục (4) Giới tính thì một "
        "trong hai chỗ đã ghi sai. Ngày sinh khai trong lý lịch khi kết nạp sẽ không được sửa về "
        "sau, nên phải đối chiếu với giấy khai sinh và căn cước trước khi xét."),
    basis="Thông báo 13-TB/TW: tuổi đảng viên theo lý lịch trong hồ sơ kết nạp, không điều chỉnh "
          "về sau (quy tắc R28); cấu trúc số căn cước theo Thông tư 59/2021/TT-BCA (ngoài tài liệu "
          "tham khảo).",
    confidence="U",
    items=("3", "4"),
    failing={"patches": [{"dat": "so_can_cuoc", "gia_tri": "020098004517"}], "at": "so_can_cuoc"},
)
def id_number(ctx: Ctx) -> Iterator[Hit]:
    raw = ctx.data.get("so_can_cuoc")
    birth = dates.parse(ctx.data.get("ngay_sinh"))
    if not isinstance(raw, str) or birth is None:
        return
    number = raw.strip()
    if not _CCCD.fullmatch(number):
        return
    century, sex = _CENTURY[int(number[3])]
    year = century + int(number[4:6])
    problems = []
    if year != birth.year:
        problems.append(f"năm sinh theo số căn cước là {year}, mục (3) ghi {birth.year}")
    gender = ctx.data.get("gioi_tinh")
    if isinstance(gender, str) and gender.strip().casefold() in ("nam", "nữ") \
            and gender.strip().casefold() != sex:
        problems.append(f"giới tính theo số căn cước là {sex}, mục (4) ghi {gender.strip()}")
    if problems:
        yield Hit(("so_can_cuoc",),
                  "Số căn cước không khớp với lý lịch: " + "; ".join(problems)
                  + ". Đối chiếu với căn cước và giấy khai sinh rồi sửa chỗ ghi sai.")
