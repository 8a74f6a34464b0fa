"""Item (13): re-admission to the Party (reference R25–R27; QĐ 294-QĐ/TW point 3.5)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from hoso.form import dates
from hoso.form.limits import PROBATION_MONTHS, READMISSION_EXPUNGED_MONTHS, READMISSION_MONTHS
from hoso.form.text import fold
from hoso.validate.rules.base import Ctx, Hit, dig, present, rule
from hoso.validate.rules.samples import AT_ADMISSION

KEY = "ket_nap_lai"
BLOCK = (KEY,)
OUT = READMISSION_MONTHS.show()
CLEARED = READMISSION_EXPUNGED_MONTHS.show()
PROBATION = PROBATION_MONTHS.show()

READMISSION: dict[str, Any] = {
    "ngay_ket_nap_lan_dau": "2018-05-19",
    "noi_ket_nap_lan_dau": "Chi bộ Sinh viên Khoa Điện tử – Viễn thông, Đảng bộ Trường Đại học "
                           "Bách khoa Hà Nội",
    "ngay_chinh_thuc_lan_dau": "2019-05-20",
    "noi_chinh_thuc_lan_dau": "Chi bộ Sinh viên Khoa Điện tử – Viễn thông, Đảng bộ Trường Đại học "
                              "Bách khoa Hà Nội",
    "nguoi_gioi_thieu_lan_dau": [{"ho_ten": "Trần Văn Nam", "chuc_vu": "Giảng viên",
                                  "don_vi": "Khoa Điện tử – Viễn thông, Trường Đại học Bách khoa "
                                            "Hà Nội"}],
    "ngay_ra_khoi_dang": "2022-08-15",
    "hinh_thuc_ra_khoi_dang": "xoa_ten",
    "ly_do_ra_khoi_dang": "Xóa tên do không chuyển sinh hoạt đảng khi tốt nghiệp ra trường",
    "ket_nap_lai_lan_thu": "1",
}


def _with(**changes: Any) -> list[dict[str, Any]]:
    return [{"dat": "ket_nap_lai", "gia_tri": {**READMISSION, **changes}}]


def _block(ctx: Ctx) -> Mapping[str, Any] | None:
    value = ctx.data.get("ket_nap_lai")
    return value if isinstance(value, dict) else None


def _too_soon(ctx: Ctx, key: str, limit: int) -> tuple[dates.PDate, int, date] | None:
    """The block's date ``key``, the whole months from it to the reference day and the first day
    allowed, when fewer than ``limit`` months have passed; else None."""
    block = _block(ctx)
    since = dates.parse(dig(block, key)) if block else None
    if since is None:
        return None
    months = dates.months_between(since.last, ctx.ref)
    if months >= limit:
        return None
    return since, months, dates.add_months(since.last, limit)


@rule(
    "ket-nap-lai-36-thang",
    title=f"Xin kết nạp lại khi chưa đủ {OUT} ra khỏi Đảng",
    explanation=(
        f"Người ra khỏi Đảng chỉ được xem xét kết nạp lại sau ít nhất {OUT} kể từ ngày ra khỏi "
        "Đảng (tính đến ngày chi bộ họp xét); trường hợp bị án hình sự về tội ít nghiêm trọng thì "
        "sau 60 tháng kể từ khi được xóa án tích."),
    basis="QĐ 294-QĐ/TW điểm 3.5.1 (quy tắc R25).",
    confidence="C",
    items=("13",),
    failing={"patches": _with(ngay_ra_khoi_dang="2024-06-15"),
             "at": "ket_nap_lai.ngay_ra_khoi_dang"},
    passing=_with(),
)
def time_out(ctx: Ctx) -> Iterator[Hit]:
    short = _too_soon(ctx, "ngay_ra_khoi_dang", READMISSION_MONTHS.value)
    if short:
        left, months, allowed = short
        yield Hit((*BLOCK, "ngay_ra_khoi_dang"),
                  f"{ctx.item(KEY)}: ra khỏi Đảng {left.show()}, đến {ctx.ref_phrase()} mới "
                  f"{max(months, 0)} tháng; phải sau ít nhất {OUT} mới được xem xét kết nạp lại "
                  f"(từ ngày {dates.show_day(allowed)}).")


@rule(
    "ket-nap-lai-mot-lan",
    title="Chỉ được kết nạp lại một lần",
    explanation="Người ra khỏi Đảng chỉ được xem xét kết nạp lại một lần (ket_nap_lai_lan_thu: "
                "\"1\").",
    basis="QĐ 294-QĐ/TW điểm 3.5.1: “chỉ kết nạp lại một lần” (quy tắc R25).",
    confidence="C",
    items=("13",),
    failing={"patches": _with(ket_nap_lai_lan_thu="2"), "at": "ket_nap_lai.ket_nap_lai_lan_thu"},
    passing=_with(),
)
def only_once(ctx: Ctx) -> Iterator[Hit]:
    block = _block(ctx)
    times = dig(block, "ket_nap_lai_lan_thu") if block else None
    if isinstance(times, str) and times.strip().isdigit() and int(times) != 1:
        yield Hit((*BLOCK, "ket_nap_lai_lan_thu"),
                  f"{ctx.item(KEY)}: đây là lần kết nạp lại thứ {int(times)}; Điều lệ chỉ cho phép kết nạp "
                  "lại một lần, nên người này không được xem xét kết nạp lại.")


# What the reason text must say for each excluded case (folded: no case, no diacritics).
_EXCLUDED_REASONS = (
    ("bo sinh hoat", "bỏ sinh hoạt đảng"),
    ("mat doan ket", "gây mất đoàn kết nội bộ nghiêm trọng"),
    ("tham nhung", "bị kết án về tội tham nhũng"),
    ("toi pham nghiem trong", "bị kết án về tội phạm nghiêm trọng trở lên"),
    ("toi nghiem trong", "bị kết án về tội phạm nghiêm trọng trở lên"),
    ("rat nghiem trong", "bị kết án về tội phạm rất nghiêm trọng"),
    ("dac biet nghiem trong", "bị kết án về tội phạm đặc biệt nghiêm trọng"),
)


@rule(
    "ket-nap-lai-xoa-an-tich",
    title=f"Xin kết nạp lại khi chưa đủ {CLEARED} sau khi được xóa án tích",
    explanation=(
        "Người từng bị kết án về tội ít nghiêm trọng chỉ được xem xét kết nạp lại sau ít nhất "
        f"{CLEARED} kể từ ngày được xóa án tích (tính đến ngày chi bộ họp xét). Ghi ngày được xóa "
        "án tích vào ket_nap_lai.ngay_xoa_an_tich."),
    basis=f"QĐ 294-QĐ/TW điểm 3.5.1 b (quy tắc R25); {READMISSION_EXPUNGED_MONTHS.source}.",
    confidence="C",
    items=("13",),
    failing={"patches": _with(ngay_xoa_an_tich="2024-06-15"),
             "at": "ket_nap_lai.ngay_xoa_an_tich"},
    passing=_with(ngay_xoa_an_tich="2020-06-15"),
)
def record_cleared(ctx: Ctx) -> Iterator[Hit]:
    short = _too_soon(ctx, "ngay_xoa_an_tich", READMISSION_EXPUNGED_MONTHS.value)
    if short:
        cleared, months, allowed = short
        yield Hit((*BLOCK, "ngay_xoa_an_tich"),
                  f"{ctx.item(KEY)}: được xóa án tích {cleared.show()}, đến {ctx.ref_phrase()} mới "
                  f"{max(months, 0)} tháng; người bị kết án về tội ít nghiêm trọng phải sau ít "
                  f"nhất {CLEARED} kể từ khi được xóa án tích mới được xem xét kết nạp lại (từ "
                  f"ngày {dates.show_day(allowed)}).")


@rule(
    "ket-nap-lai-chinh-sach-dan-so",
    title="Xin kết nạp lại sau khi ra khỏi Đảng vì vi phạm chính sách dân số",
    explanation=(
        "QĐ 05-QĐi/TW (2018) không kết nạp lại người đã ra khỏi Đảng vì vi phạm chính sách dân "
        "số mà tái vi phạm; QĐ 294-QĐ/TW điểm 3.5.1 b để các trường hợp vi phạm chính sách dân số "
        "theo quy định của Ban Bí thư. Văn bản hiện hành chưa được xác nhận, nên đây là cảnh báo: "
        "cấp ủy đối chiếu quy định của Ban Bí thư đang có hiệu lực trước khi xét."),
    basis="QĐ 05-QĐi/TW (2018); QĐ 294-QĐ/TW điểm 3.5.1 b (quy tắc R27; hiệu lực hiện nay chưa "
          "xác nhận).",
    confidence="U",
    items=("13",),
    failing={"patches": _with(vi_pham_chinh_sach_dan_so=True),
             "at": "ket_nap_lai.vi_pham_chinh_sach_dan_so"},
    passing=_with(vi_pham_chinh_sach_dan_so=False),
)
def population_policy(ctx: Ctx) -> Iterator[Hit]:
    block = _block(ctx)
    if block is None or block.get("vi_pham_chinh_sach_dan_so") is not True:
        return
    yield Hit((*BLOCK, "vi_pham_chinh_sach_dan_so"),
              f"{ctx.item(KEY)}: người ra khỏi Đảng vì vi phạm chính sách dân số. QĐ 05-QĐi/TW "
              "(2018) không kết nạp lại người tái vi phạm; QĐ 294-QĐ/TW điểm 3.5.1 b dẫn tới quy "
              "định của Ban Bí thư — quy định này CHƯA XÁC NHẬN còn hiệu lực: cấp ủy đối chiếu văn "
              "bản hiện hành trước khi xét.")


@rule(
    "ket-nap-lai-loai-tru",
    title="Trường hợp không được kết nạp lại",
    explanation=(
        "Không xem xét kết nạp lại người đã ra khỏi Đảng vì: bỏ sinh hoạt đảng; tự xin ra khỏi "
        "Đảng (trừ trường hợp vì hoàn cảnh gia đình đặc biệt khó khăn); gây mất đoàn kết nội bộ "
        "nghiêm trọng; bị kết án về tội tham nhũng; bị kết án về tội phạm nghiêm trọng trở lên. "
        "Ghi đúng hình thức (hinh_thuc_ra_khoi_dang) và lý do (ly_do_ra_khoi_dang)."),
    basis="QĐ 294-QĐ/TW điểm 3.5.2 (quy tắc R26).",
    confidence="C",
    items=("13",),
    failing={"patches": _with(hinh_thuc_ra_khoi_dang="bo_sinh_hoat",
                              ly_do_ra_khoi_dang="Bỏ sinh hoạt đảng quá 90 ngày"),
             "at": "ket_nap_lai.hinh_thuc_ra_khoi_dang"},
    passing=_with(hinh_thuc_ra_khoi_dang="xin_ra",
                  ly_do_ra_khoi_dang="Xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn, "
                                     "phải chăm sóc cha mẹ ốm nặng"),
)
def excluded(ctx: Ctx) -> Iterator[Hit]:
    block = _block(ctx)
    if block is None:
        return
    how = block.get("hinh_thuc_ra_khoi_dang")
    reason = block.get("ly_do_ra_khoi_dang")
    folded = fold(reason) if isinstance(reason, str) else ""
    why = None
    if how == "bo_sinh_hoat":
        why = "ra khỏi Đảng vì bỏ sinh hoạt đảng"
    elif how == "xin_ra" and not ("hoan canh gia dinh" in folded and "kho khan" in folded):
        why = ("tự xin ra khỏi Đảng mà lý do không phải hoàn cảnh gia đình đặc biệt khó khăn "
               "(nếu đúng là vì hoàn cảnh gia đình, ghi rõ vào ly_do_ra_khoi_dang)")
    else:
        for needle, case in _EXCLUDED_REASONS:
            if needle in folded:
                why = case
                break
    if why:
        path = (*BLOCK, "hinh_thuc_ra_khoi_dang") if how in ("bo_sinh_hoat", "xin_ra") \
            else (*BLOCK, "ly_do_ra_khoi_dang")
        yield Hit(path, f"{ctx.item(KEY)}: người {why} thuộc trường hợp không được xem xét kết nạp lại "
                        f"(QĐ 294-QĐ/TW điểm 3.5.2).")


@rule(
    "ket-nap-lai-dong-y-tinh",
    title="Kết nạp lại chưa có văn bản đồng ý của ban thường vụ tỉnh ủy",
    explanation=(
        "Kết nạp lại phải được ban thường vụ tỉnh ủy, thành ủy (hoặc đảng ủy trực thuộc Trung "
        "ương) đồng ý bằng văn bản trước khi ra quyết định kết nạp. Ghi số, ngày, cơ quan của văn "
        "bản vào ket_nap_lai.dong_y_cua_ban_thuong_vu_tinh."),
    basis="QĐ 294-QĐ/TW điểm 3.5.1 (quy tắc R25).",
    confidence="C",
    items=("13",),
    from_stage="ket_nap",
    failing={"patches": [*AT_ADMISSION, *_with()], "giai_doan": "ket_nap", "at": "ket_nap_lai"},
    passing={"patches": [*AT_ADMISSION, *_with(dong_y_cua_ban_thuong_vu_tinh={
        "so": "315-CV/TU", "ngay": "2026-07-01", "co_quan": "Ban Thường vụ Tỉnh ủy Lạng Sơn"})],
        "giai_doan": "ket_nap"},
)
def provincial_consent(ctx: Ctx) -> Iterator[Hit]:
    block = _block(ctx)
    if block is None:
        return
    consent = block.get("dong_y_cua_ban_thuong_vu_tinh")
    if not present(consent):
        yield Hit(BLOCK, f"{ctx.item(KEY)}: chưa có văn bản đồng ý của ban thường vụ tỉnh ủy (thành ủy) "
                         "về việc kết nạp lại; ghi số, ngày, cơ quan vào "
                         f"{ctx.named(KEY, 'dong_y_cua_ban_thuong_vu_tinh')}.")
        return
    agreed = dates.parse(dig(consent, "ngay"))
    decision = dates.parse(dig(ctx.xkn, "quyet_dinh_ket_nap", "ngay"))
    if agreed and decision and agreed.first > decision.last:
        yield Hit((*BLOCK, "dong_y_cua_ban_thuong_vu_tinh", "ngay"),
                  f"{ctx.item(KEY)}: văn bản đồng ý của ban thường vụ tỉnh ủy ({agreed.show()}) phải có "
                  f"trước quyết định kết nạp ({decision.show()}).")


@rule(
    "ket-nap-lai-trinh-tu",
    title="Các mốc của lần vào Đảng trước không hợp lý",
    explanation=(
        f"Ở mục (13): ngày công nhận chính thức lần đầu sau ngày kết nạp lần đầu ít nhất "
        f"{PROBATION}; ngày ra khỏi Đảng sau ngày kết nạp lần đầu."),
    basis=f"Điều lệ Đảng, Điều 5: {PROBATION} dự bị (quy tắc R21).",
    confidence="C",
    items=("13",),
    failing={"patches": _with(ngay_chinh_thuc_lan_dau="2018-11-19"),
             "at": "ket_nap_lai.ngay_chinh_thuc_lan_dau"},
    passing=_with(),
)
def first_membership(ctx: Ctx) -> Iterator[Hit]:
    block = _block(ctx)
    if block is None:
        return
    joined = dates.parse(block.get("ngay_ket_nap_lan_dau"))
    official = dates.parse(block.get("ngay_chinh_thuc_lan_dau"))
    left = dates.parse(block.get("ngay_ra_khoi_dang"))
    if joined and official and official.last < dates.add_months(joined.first,
                                                                   PROBATION_MONTHS.value):
        yield Hit((*BLOCK, "ngay_chinh_thuc_lan_dau"),
                  f"{ctx.item(KEY)}: công nhận chính thức lần đầu ({official.show()}) chưa đủ "
                  f"{PROBATION} sau ngày kết nạp lần đầu ({joined.show()}).")
    if joined and left and left.last < joined.first:
        yield Hit((*BLOCK, "ngay_ra_khoi_dang"),
                  f"{ctx.item(KEY)}: ngày ra khỏi Đảng ({left.show()}) trước ngày kết nạp lần đầu "
                  f"({joined.show()}).")
