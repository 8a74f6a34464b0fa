"""How things are written: capitals, "Không", legacy-encoding debris, spaces, abbreviations."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hoso.findings import Severity
from hoso.form import dates
from hoso.form.text import ON_BEHALF, fold, on_behalf_body, on_behalf_prefix
from hoso.validate.rules.base import Ctx, Hit, none_word, rule
from hoso.validate.rules.samples import AT_VOTE, CELL_COMMENT

#: The names written in capitals, and where: the cover's name is not a numbered item.
#: Where the item is printed, for the items the form writes in capitals (``Form.capital_keys``).
PRINTED_ON = {"ho_ten_thuong_dung": " (bìa lý lịch)"}


@rule(
    "ho-ten-in-hoa",
    title="Họ và tên phải viết chữ in hoa",
    explanation=(
        "Họ và tên khai sinh (mục (1)) và họ và tên thường dùng (bìa lý lịch) viết bằng chữ in "
        "hoa, đủ dấu, đúng như giấy khai sinh, ví dụ “NGUYỄN VĂN HÙNG”."),
    basis="Hướng dẫn ghi mục (1) trong quyển lý lịch: “viết chữ in hoa” (tài liệu tham khảo 2.2; "
          "lỗi thường gặp số 2).",
    confidence="T",
    items=("1",),
    failing={"patches": [{"dat": "ho_ten_khai_sinh", "gia_tri": "Hoàng Minh Khôi"}],
             "at": "ho_ten_khai_sinh"},
)
def name_capitals(ctx: Ctx) -> Iterator[Hit]:
    for key in ctx.form.capital_keys:
        where = PRINTED_ON.get(key, "")
        value = ctx.data.get(key)
        if isinstance(value, str) and value.strip() and value != value.upper():
            yield Hit((key,), f"{ctx.item(key)}{where}: viết chữ in hoa, đủ dấu: "
                              f"“{' '.join(value.upper().split())}”.")


@rule(
    "ten-goi-khac-chu-thuong",
    title="Các tên gọi khác viết chữ thường",
    explanation=(
        "Mục (2) Các tên gọi khác (bí danh, tên thường gọi…) ghi đầy đủ bằng chữ in thường (chỉ "
        "viết hoa chữ cái đầu mỗi tiếng), không viết toàn chữ in hoa; không có thì ghi “Không”."),
    basis="Hướng dẫn ghi mục (2) trong quyển lý lịch: “viết đầy đủ bằng chữ in thường” (tài liệu "
          "tham khảo 2.2).",
    confidence="T",
    items=("2",),
    failing={"patches": [{"dat": "ten_goi_khac", "gia_tri": "HOÀNG VĂN TÝ"}], "at": "ten_goi_khac"},
    passing=[{"dat": "ten_goi_khac", "gia_tri": "Hoàng Văn Tý"}],
)
def other_names(ctx: Ctx) -> Iterator[Hit]:
    value = ctx.data.get("ten_goi_khac")
    if not isinstance(value, str) or none_word(value):
        return
    letters = [c for c in value if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        yield Hit(("ten_goi_khac",),
                  f"{ctx.item('ten_goi_khac')}: viết bằng chữ in thường (chỉ hoa chữ cái đầu mỗi "
                  f"tiếng): “{value.strip().title()}”.")


def _name_case_ok(name: str) -> bool:
    for word in name.split():
        letters = [c for c in word if c.isalpha()]
        if not letters:
            continue
        if not letters[0].isupper() or any(c.isupper() for c in letters[1:]):
            return False
    return True


@rule(
    "ho-ten-chu-hoa-dau",
    title="Họ tên người khác viết hoa chữ cái đầu mỗi tiếng",
    explanation=(
        "Họ tên người thân, người giới thiệu, người ký nhận xét viết hoa chữ cái đầu mỗi tiếng, "
        "các chữ còn lại viết thường, ví dụ “Hoàng Văn Thắng”."),
    basis="Quy tắc viết hoa tên người (Nghị định 30/2020/NĐ-CP, Phụ lục II; ngoài tài liệu tham "
          "khảo).",
    confidence="U",
    items=("21", "24", "25", "26"),
    failing={"patches": [{"dat": "gia_dinh[4].ho_ten", "gia_tri": "hoàng văn thắng"}],
             "at": "gia_dinh[4].ho_ten"},
)
def name_case(ctx: Ctx) -> Iterator[Hit]:
    t = ctx.texts
    for i in t.names:
        value = t.values[i]
        if value.title() != value and not _name_case_ok(value) and not none_word(value):
            path = t.path(i)
            fixed = " ".join(w[:1].upper() + w[1:].lower() for w in value.split())
            yield Hit(path, f"{ctx.item_at(path)}: họ tên “{value.strip()}” viết hoa chữ cái đầu mỗi "
                            f"tiếng: “{fixed}”.")


# A whole value that is blank or a placeholder, found in ctx.texts.blob ("\x00" around values).
# A short value made only of the characters of the placeholders below (then looked up).
_SHORT = re.compile(r"\x00([-–—.…?xkonaulet rốgđể/\s]{0,9})(?=\x00)", re.IGNORECASE)
_PLACEHOLDERS = frozenset({"", "-", "--", "---", "–", "—", ".", "..", "...", "…", "x", "n/a", "na",
                           "null", "none", "trống", "để trống", "?", "k", "ko"})


@rule(
    "khong-de-trong",
    title="Ghi “Không” thay vì để trống hoặc gạch ngang",
    explanation=(
        "Mục nào không có nội dung thì ghi “Không” (tôn giáo, tên gọi khác, nghề nghiệp của người "
        "thân…), không để trống, không gạch ngang, không ghi “…”, “x”, “N/A”, “ko”."),
    basis="Hướng dẫn ghi mục (9) Tôn giáo: “không có thì ghi không” (tài liệu tham khảo 2.2, 2.6); "
          "yêu cầu khai đầy đủ, không viết cách dòng (2.1).",
    confidence="T",
    items=("2", "9", "11", "21"),
    failing={"patches": [{"dat": "trinh_do.hoc_ham_cao_nhat", "gia_tri": "-"}],
             "at": "trinh_do.hoc_ham_cao_nhat"},
)
def placeholder(ctx: Ctx) -> Iterator[Hit]:
    t = ctx.texts
    for i, m in t.matches(_SHORT):
        if m.group(1).strip().casefold() not in _PLACEHOLDERS:
            continue
        value = t.values[i]
        path = t.path(i)
        if path[-1] == "ghi_chu":
            continue
        shown = f"“{value.strip()}”" if value.strip() else "để trống"
        yield Hit(path, f"{ctx.form.path_label(path, ctx.data)}: {shown}; nếu không có nội dung "
                        f"thì ghi “Không”.")


# Legacy encodings read as Windows-1252 (cp1252): characters that Vietnamese text never uses,
# combinations a UTF-8 text read as cp1252 produces, and VNI's two-character letters.
_NOT_VIETNAMESE = "¡¢£¤¥¦§¨ª¬¯±´µ¶¸¹º¼½¾¿ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿƒˆ‰Š‹ŒŽ˜™š›œžŸ†‡"
# © and ® are debris only inside a word (TCVN3 "®i" is "đi"); "Microsoft®" is not.
_LEGACY = re.compile(
    r"[ÃÂÄÅÆ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"  # UTF-8 → cp1252
    r"|á[º»]"  # ạ…ỹ through cp1252
    r"|[" + _NOT_VIETNAMESE + r"]"  # TCVN3 / VNI letters
    r"|[a-zđ][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐ]"  # TCVN3 capitals inside a lower-case word ("NguyÔn")
    r"|[aeAE][àáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"  # VNI tones
    r"|[oO]â"  # VNI ô
    r"|[©®](?=\w)"  # TCVN3 letters that are also symbols
)


# Characters that send a value to the full _LEGACY test (one fast scan over the whole dossier).
_LEGACY_HINT = re.compile("[" + _NOT_VIETNAMESE + "©®»\u00a0²³\u00ad]")


@rule(
    "ma-cu",
    title="Chữ bị lỗi bảng mã cũ (TCVN3, VNI)",
    explanation=(
        "Văn bản phải là Unicode dựng sẵn. Chữ như “ViÖt”, “NguyÔn”, “Vieät”, “Nguyeãn” hay "
        "“Viá»‡t” là chữ gõ bằng bảng mã TCVN3 (ABC), VNI hoặc Unicode bị đọc sai, thường do sao "
        "chép từ tài liệu cũ. Chuyển mã bằng UniKey (Công cụ chuyển mã) hoặc gõ lại đoạn chữ đó."),
    basis="Quyết định 72/2002/QĐ-TTg: dùng bộ mã Unicode theo TCVN 6909:2001 trong văn bản điện tử "
          "(ngoài tài liệu tham khảo).",
    confidence="C",
    items=("1", "14", "15", "21"),
    failing={"patches": [{"dat": "gia_dinh[1].chinh_tri",
                          "gia_tri": "Lµm ruéng; chÊp hµnh tèt chñ tr­¬ng cña §¶ng."}],
             "at": "gia_dinh[1].chinh_tri"},
)
def legacy_encoding(ctx: Ctx) -> Iterator[Hit]:
    t = ctx.texts
    # Names are short and may hold only letters that are also Vietnamese ("NguyÔn", "Nguyeãn"):
    # they are always tested in full; other values only when a telltale character is there.
    # one scan of the whole dossier (a pattern that starts with a set of characters is fast)
    suspects = {i for i, _ in t.matches(_LEGACY_HINT)}
    if t.names and _LEGACY.search("\x00".join([t.values[i] for i in t.names])):
        suspects.update(t.names)
    for i, m in t.search_each(_LEGACY, sorted(suspects)):
        value = t.values[i]
        path = t.path(i)
        word = _word_around(value, m.start(), m.end())
        yield Hit(path, f"{ctx.item_at(path)}: chữ “{word}” bị lỗi bảng mã (gõ bằng TCVN3/VNI hoặc "
                        f"Unicode bị đọc sai). Chuyển sang Unicode dựng sẵn bằng “Công cụ chuyển "
                        f"mã” của UniKey, hoặc gõ lại đoạn chữ này.")


def _word_around(text: str, start: int, end: int) -> str:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end][:40]


_SPACES = re.compile(r"^\s|[^\S\n]$|[^\S\n]{2,}|\u00a0|[^\S\n]+\n")
_DOUBLE = re.compile("  ")
_EDGE = re.compile(r"\x00\s")  # a value starting with a space; on the reversed blob: ending


@rule(
    "khoang-trang-thua",
    title="Dấu cách thừa",
    explanation=(
        "Không để dấu cách ở đầu hoặc cuối nội dung, không để hai dấu cách liền nhau, không dùng "
        "dấu cách không ngắt (sao chép từ Word, trang web)."),
    basis="Yêu cầu khai rõ ràng (tài liệu tham khảo 2.1); thống nhất cách trình bày.",
    confidence="T",
    severity=Severity.WARNING,
    items=("1", "14", "15", "21", "22"),
    failing={"patches": [{"dat": "ho_ten_thuong_dung", "gia_tri": "HOÀNG  MINH KHÔI"}],
             "at": "ho_ten_thuong_dung"},
)
def stray_spaces(ctx: Ctx) -> Iterator[Hit]:
    t = ctx.texts
    blob = t.blob
    # cheap scans of the whole dossier first; the values are looked at only when one hits
    hit = (_DOUBLE.search(blob) or _EDGE.search(blob) or _EDGE.search(blob[::-1])
           or "\u00a0" in blob or ("\n" in blob and " \n" in blob))
    if not hit:
        return
    suspects = sorted({i for needle in ("  ", "\x00 ", "\x00\n", " \x00", " \n", "\u00a0")
                       for i in t.containing(needle)})
    for i, m in t.search_each(_SPACES, suspects):
        value = t.values[i]
        what = ("dấu cách ở đầu" if m.start() == 0 and value[:1].isspace() else
                "dấu cách ở cuối" if m.end() == len(value) else
                "dấu cách không ngắt" if "\u00a0" in m.group() else "hai dấu cách liền nhau")
        path = t.path(i)
        yield Hit(path, f"{ctx.item_at(path)}: có {what} (“{value.strip()[:40]}”). Xóa dấu cách thừa.")


# Starts with the literals themselves (a fast scan); the word start is checked in Python.
_ABBREVIATIONS = re.compile(r"(THPT|THCS|PTTH|PTCS|ĐHBK|ĐHQG|ĐH|CĐ|TP\.?|Tp\.|TX\.?|"
                            r"BCH|BTV|CBCNV|HĐND|CNVC)(?![\w])")
_ABBR_FULL = {"THPT": "trung học phổ thông", "THCS": "trung học cơ sở",
              "PTTH": "phổ thông trung học", "PTCS": "phổ thông cơ sở", "ĐHBK": "Đại học Bách khoa",
              "ĐHQG": "Đại học Quốc gia", "ĐH": "đại học", "CĐ": "cao đẳng", "TP": "thành phố",
              "TX": "thị xã", "BCH": "Ban Chấp hành", "BTV": "Ban Thường vụ",
              "CBCNV": "cán bộ, công nhân viên", "HĐND": "Hội đồng nhân dân",
              "CNVC": "công nhân viên chức"}


# Written by committees or the dossier's own fields, not by the candidate.
_NOT_CANDIDATE = frozenset({"quy_trinh", "xet_ket_nap", "ma_ho_so", "chi_bo", "mau", "so_can_cuoc",
                            "tham_tra", "nhan_xet_chi_bo", "chung_nhan_cap_uy"})


@rule(
    "viet-tat",
    title="Viết tắt",
    explanation=(
        "Lý lịch viết đầy đủ, rõ ràng: “trung học phổ thông” thay cho “THPT”, “thành phố” thay cho "
        "“TP.”, “Ban Chấp hành” thay cho “BCH”…"),
    basis="Yêu cầu khai đầy đủ, rõ ràng (tài liệu tham khảo 2.1; lỗi thường gặp số 7).",
    confidence="U",
    items=("14", "15", "17", "21"),
    failing={"patches": [{"dat": "lich_su_ban_than[2].noi_dung",
                          "gia_tri": "Học THPT tại Trường THPT Chu Văn An, tỉnh Lạng Sơn"}],
             "at": "lich_su_ban_than[2].noi_dung"},
)
def abbreviations(ctx: Ctx) -> Iterator[Hit]:
    t = ctx.texts
    for i in sorted({i for i, _ in t.matches(_ABBREVIATIONS)}):
        value = t.values[i]
        m = next((m for m in _ABBREVIATIONS.finditer(value)
                  if m.start() == 0 or not (value[m.start() - 1].isalnum()
                                            or value[m.start() - 1] == "_")), None)
        if m is None:
            continue
        path = t.path(i)
        if path[0] in _NOT_CANDIDATE or path == ("trinh_do", "giao_duc_pho_thong"):
            continue  # the education line has its own rule (giao-duc-pho-thong-dinh-dang)
        short = m.group(1).rstrip(".")
        yield Hit(path, f"{ctx.item_at(path)}: không viết tắt “{m.group(1)}”; viết đầy đủ "
                        f"“{_ABBR_FULL.get(short, short)}”.")


@rule(
    "kieu-ngay-thang",
    title="Ngày tháng trong phần lời viết theo kiểu của lý lịch",
    explanation=(
        "Trong phần lời (lịch sử bản thân, công việc, nhận xét…), ngày viết “ngày 26-3-2014”, "
        "tháng viết “tháng 9-2016”, không dùng dấu gạch chéo “26/3/2014”."),
    basis="Ví dụ trong hướng dẫn ghi mục (14) của quyển lý lịch: “ngày 26-3-2001”, “tháng "
          "9-1991” (tài liệu tham khảo 2.5).",
    confidence="T",
    severity=Severity.WARNING,
    items=("14", "15", "16", "21"),
    failing={"patches": [{"dat": "lich_su_ban_than[2].noi_dung",
                          "gia_tri": "Học trung học phổ thông tại Trường Trung học phổ thông Chu "
                                     "Văn An, tỉnh Lạng Sơn; được kết nạp vào Đoàn Thanh niên Cộng "
                                     "sản Hồ Chí Minh ngày 26/3/2015"}],
             "at": "lich_su_ban_than[2].noi_dung"},
)
def date_style(ctx: Ctx) -> Iterator[Hit]:
    t = ctx.texts
    for i, m in t.search_each(dates.SLASH_DAY, t.containing("/")):
        day, month, year = (int(x) for x in m.groups())
        path = t.path(i)
        yield Hit(path, f"{ctx.item_at(path)}: viết “{m.group(0)}” theo kiểu của lý lịch: "
                        f"“{dates.PDate(year, month, day).show()}”.")


@rule(
    "ten-thuong-dung-khac",
    title="Tên thường dùng khác tên khai sinh nhưng không ghi ở mục (2)",
    explanation=(
        "Nếu họ tên thường dùng khác họ tên khai sinh thì tên thường dùng là một tên gọi khác và "
        "phải được ghi ở mục (2) Các tên gọi khác."),
    basis="Hướng dẫn ghi mục (1), (2) trong quyển lý lịch (tài liệu tham khảo 2.2; suy luận).",
    confidence="U",
    items=("1", "2"),
    failing={"patches": [{"dat": "ho_ten_thuong_dung", "gia_tri": "HOÀNG MINH KHUÊ"}],
             "at": "ten_goi_khac"},
    passing=[{"dat": "ho_ten_thuong_dung", "gia_tri": "HOÀNG MINH KHUÊ"},
             {"dat": "ten_goi_khac", "gia_tri": "Hoàng Minh Khuê"}],
)
def used_name(ctx: Ctx) -> Iterator[Hit]:
    birth, used = ctx.data.get("ho_ten_khai_sinh"), ctx.data.get("ho_ten_thuong_dung")
    if not isinstance(birth, str) or not isinstance(used, str) or none_word(used):
        return
    if " ".join(birth.casefold().split()) == " ".join(used.casefold().split()):
        return
    others = ctx.data.get("ten_goi_khac")
    listed = isinstance(others, str) and fold(used) in fold(others)
    if not listed:
        yield Hit(("ten_goi_khac",),
                  f"{ctx.item('ten_goi_khac')}: họ tên thường dùng “{used.strip()}” khác họ tên khai "
                  f"sinh “{birth.strip()}” nên phải ghi ở mục này (chữ in thường).")


#: The blocks whose signature line is "T/M <thay_mat>"; the print adds the "T/M".
SIGNED_ON_BEHALF = ("nhan_xet_chi_bo", "chung_nhan_cap_uy")


@rule(
    "thay-mat-ghi-tm",
    title="“Thay mặt” không ghi “T/M”",
    explanation=(
        "Ở nhận xét (25) và chứng nhận (26), “Thay mặt” chỉ ghi tập thể mà người ký thay mặt, ví "
        "dụ “Chi ủy”, “Đảng ủy”. Bản in tự thêm “T/M” và viết hoa cả dòng (“T/M CHI ỦY”); nếu "
        "ghi cả “T/M” thì bản in vẫn chỉ in một lần, nhưng nên sửa cho đúng cách ghi."),
    basis="Dòng ký “T/M …” của mục (25), (26) trong quyển lý lịch (tài liệu tham khảo 1.7); cách "
          "ghi dữ liệu của hoso.",
    confidence="T",
    severity=Severity.WARNING,
    items=("25", "26"),
    failing={"patches": [*AT_VOTE, {"dat": "nhan_xet_chi_bo",
                                    "gia_tri": {**CELL_COMMENT, "thay_mat": "T/M CHI ỦY"}}],
             "giai_doan": "bieu_quyet", "at": "nhan_xet_chi_bo.thay_mat"},
    passing={"patches": AT_VOTE, "giai_doan": "bieu_quyet"},
)
def signed_on_behalf(ctx: Ctx) -> Iterator[Hit]:
    for key in SIGNED_ON_BEHALF:
        block = ctx.data.get(key)
        value = block.get("thay_mat") if isinstance(block, dict) else None
        prefix = on_behalf_prefix(value) if isinstance(value, str) else ""
        if isinstance(value, str) and prefix:
            yield Hit((key, "thay_mat"),
                      f"{ctx.part(key, 'thay_mat')}: bỏ “{prefix}” ở đầu, chỉ ghi "
                      f"“{on_behalf_body(value)}”; bản in tự thêm “{ON_BEHALF}”.")
