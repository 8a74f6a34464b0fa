"""Item (21) Hoàn cảnh gia đình: who must be listed and what each person's entry holds.

Reference section 1.6.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hoso.form import dates
from hoso.validate.rules.base import (
    CARER,
    CHILDREN,
    GRANDPARENTS_OWN,
    GRANDPARENTS_SPOUSE,
    PARENTS,
    PARENTS_IN_LAW,
    SIBLINGS_SPOUSE,
    SPOUSES,
    Ctx,
    Hit,
    none_word,
    present,
    rule,
)

KEY = "gia_dinh"
FAMILY = (KEY,)

_SPOUSE = {
    "quan_he": "vo", "ho_ten": "Lương Thu Hà", "nam_sinh": "2000",
    "noi_sinh": "Phường Tam Thanh, tỉnh Lạng Sơn",
    "que_quan": "Phường Tam Thanh, tỉnh Lạng Sơn",
    "noi_o": "Số 12, đường Bà Triệu, phường Tam Thanh, tỉnh Lạng Sơn",
    "nghe_nghiep": "Giáo viên mầm non", "ton_giao": "Không", "dan_toc": "Kinh",
    "quoc_tich": "Việt Nam",
    "thanh_phan_giai_cap": {"chua_phan_dinh": True},
    "chinh_tri": "Từ năm 2022 đến nay là giáo viên Trường Mầm non Hoa Sen; chấp hành tốt chủ "
                 "trương, chính sách của Đảng, pháp luật của Nhà nước.",
    "dang_vien": "Không"}


def _person(relation: str, name: str, born: str, group: int = 1, **extra: Any) -> dict[str, Any]:
    """A relative for the examples, with the entries of their group of (21) (1 or 2)."""
    person: dict[str, Any] = {
        "quan_he": relation, "ho_ten": name, "nam_sinh": born,
        "que_quan": "Xã Văn Quan, tỉnh Lạng Sơn", "noi_o": "Xã Văn Quan, tỉnh Lạng Sơn",
        "nghe_nghiep": "Nông dân", "ton_giao": "Không", "dan_toc": "Kinh", "quoc_tich": "Việt Nam",
        "chinh_tri": "Làm ruộng tại quê; chấp hành tốt chủ trương, chính sách của Đảng, pháp luật "
                     "của Nhà nước."}
    if group == 2:
        person["noi_sinh"] = "Xã Văn Quan, tỉnh Lạng Sơn"
        person["thanh_phan_giai_cap"] = {"chua_phan_dinh": True}
        person["dang_vien"] = "Không"
    person.update(extra)
    return person


#: A complete spouse side for the sample candidate, for the examples.
SPOUSE_SIDE = [
    _SPOUSE,
    _person("cha_vo_chong", "Lương Văn Bình", "1972", group=2),
    _person("me_vo_chong", "Nguyễn Thị Lan", "1975", group=2),
    _person("ong_noi_ben_vo_chong", "Lương Văn Cường", "1945"),
    _person("ba_noi_ben_vo_chong", "Hoàng Thị Dung", "1948"),
    _person("ong_ngoai_ben_vo_chong", "Nguyễn Văn Em", "1946"),
    _person("ba_ngoai_ben_vo_chong", "Trần Thị Gấm", "1950"),
]


def _add(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"them": "gia_dinh", "gia_tri": p} for p in people]


@rule(
    "gia-dinh-cha-me",
    title="Thiếu cha, mẹ đẻ hoặc người nuôi dưỡng",
    explanation=(
        "Mục (21) phải có cha đẻ và mẹ đẻ (kể cả đã mất), hoặc người trực tiếp nuôi dưỡng từ nhỏ "
        "(quan_he: nguoi_nuoi_duong) khi không có cha, mẹ đẻ."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch, nhóm 2 (tài liệu tham khảo 1.6).",
    confidence="T",
    items=("21",),
    failing={"patches": [{"xoa": "gia_dinh[5]"}], "at": "gia_dinh"},
)
def parents(ctx: Ctx) -> Iterator[Hit]:
    if ctx.has(CARER):
        return
    missing = [ctx.relation(r) for r in PARENTS if not ctx.has(r)]
    if missing:
        yield Hit(FAMILY, f"{ctx.item(KEY)}: thiếu {' và '.join(missing)}. Khai cả cha đẻ và mẹ đẻ (kể cả "
                          "đã mất); nếu không có, khai người trực tiếp nuôi dưỡng từ nhỏ (quan_he: "
                          "nguoi_nuoi_duong).")


@rule(
    "gia-dinh-ong-ba",
    title="Thiếu ông bà nội, ngoại",
    explanation=(
        "Mục (21) khai ông, bà nội và ông, bà ngoại của người xin vào Đảng (kể cả đã mất): họ tên, "
        "năm sinh, quê quán, nơi ở, nghề nghiệp, tôn giáo, dân tộc, quốc tịch, lịch sử chính trị."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch, nhóm 1 (tài liệu tham khảo 1.6).",
    confidence="T",
    items=("21",),
    failing={"patches": [{"xoa": "gia_dinh[3]"}], "at": "gia_dinh"},
)
def grandparents(ctx: Ctx) -> Iterator[Hit]:
    needed = []
    if ctx.has("cha_de"):
        needed += ["ong_noi", "ba_noi"]
    if ctx.has("me_de"):
        needed += ["ong_ngoai", "ba_ngoai"]
    missing = [ctx.relation(r) for r in needed if not ctx.has(r)]
    if missing:
        yield Hit(FAMILY, f"{ctx.item(KEY)}: thiếu {', '.join(missing)}. Khai đủ ông, bà nội và ông, bà "
                          f"ngoại, kể cả người đã mất (ghi năm mất, nơi mất, lý do).")


@rule(
    "gia-dinh-ben-vo-chong",
    title="Đã có vợ (chồng) nhưng thiếu gia đình bên vợ (chồng)",
    explanation=(
        "Người đã có vợ (chồng) khai thêm cha, mẹ vợ (chồng) và ông, bà nội, ngoại bên vợ (chồng), "
        "cùng anh chị em ruột của vợ (chồng) nếu có."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch, nhóm 1 và 2 (tài liệu tham khảo 1.6).",
    confidence="T",
    items=("21",),
    failing={"patches": _add([p for p in SPOUSE_SIDE if p["quan_he"] != "me_vo_chong"]),
             "at": "gia_dinh"},
    passing=_add(SPOUSE_SIDE),
)
def spouse_side(ctx: Ctx) -> Iterator[Hit]:
    if not ctx.married:
        return
    missing = [ctx.relation(r) for r in (*PARENTS_IN_LAW, *GRANDPARENTS_SPOUSE) if not ctx.has(r)]
    if missing:
        yield Hit(FAMILY, f"{ctx.item(KEY)}: đã khai vợ (chồng) nhưng thiếu {', '.join(missing)}. Khai đủ "
                          f"cha, mẹ và ông, bà nội, ngoại bên vợ (chồng), kể cả người đã mất.")


@rule(
    "gia-dinh-khong-vo-chong",
    title="Khai người thân bên vợ (chồng) mà không khai vợ (chồng)",
    explanation=(
        "Người thân bên vợ (chồng) chỉ khai khi có vợ (chồng); khi đó khai cả vợ (chồng). Nếu đã "
        "ly hôn, ghi rõ trong mục (21) và không khai gia đình bên vợ (chồng) cũ như người thân "
        "hiện tại."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch (tài liệu tham khảo 1.6).",
    confidence="U",
    items=("21",),
    failing={"patches": _add([p for p in SPOUSE_SIDE if p["quan_he"] != "vo"]),
             "at": "gia_dinh[7]"},
    passing=_add(SPOUSE_SIDE),
)
def in_laws_without_spouse(ctx: Ctx) -> Iterator[Hit]:
    if ctx.married:
        return
    for rel in (*PARENTS_IN_LAW, *GRANDPARENTS_SPOUSE, *SIBLINGS_SPOUSE):
        for i, _ in ctx.by_relation.get(rel, ()):
            yield Hit(("gia_dinh", i),
                      f"{ctx.item(KEY)}, người thứ {i + 1}: khai {ctx.relation(rel)} nhưng không khai vợ "
                      "(chồng). Khai vợ (chồng) (quan_he: vo hoặc chong), hoặc xóa người thân bên "
                      "vợ (chồng).")
            return


@rule(
    "vo-chong-gioi-tinh",
    title="Vợ (chồng) không khớp giới tính hoặc khai nhiều hơn một",
    explanation=(
        "Người xin vào Đảng là nam thì khai vợ (quan_he: vo), là nữ thì khai chồng (quan_he: "
        "chong), theo mục (4) Giới tính; chỉ khai một vợ (chồng) hiện tại."),
    basis="Mục (4) và mục (21) của quyển lý lịch (suy luận từ cấu trúc biểu mẫu).",
    confidence="U",
    items=("4", "21"),
    failing={"patches": _add([{**SPOUSE_SIDE[0], "quan_he": "chong"}, *SPOUSE_SIDE[1:]]),
             "at": "gia_dinh[7].quan_he"},
    passing=_add(SPOUSE_SIDE),
)
def spouse_gender(ctx: Ctx) -> Iterator[Hit]:
    gender = ctx.data.get("gioi_tinh")
    expected = {"nam": "vo", "nữ": "chong"}.get(gender.strip().casefold()) \
        if isinstance(gender, str) else None
    spouses = [(i, p) for rel in SPOUSES for i, p in ctx.by_relation.get(rel, ())]
    for i, person in spouses:
        if expected and person.get("quan_he") != expected:
            yield Hit(("gia_dinh", i, "quan_he"),
                      f"{ctx.item(KEY)}, người thứ {i + 1}: mục (4) ghi giới tính “{gender}” nên khai "
                      f"quan_he: {expected} ({ctx.relation(expected)}), không phải "
                      f"{person.get('quan_he')}.")
    if len(spouses) > 1:
        i = sorted(spouses)[1][0]
        yield Hit(("gia_dinh", i), f"{ctx.item(KEY)}, người thứ {i + 1}: khai nhiều hơn một vợ (chồng); "
                                   "chỉ khai vợ (chồng) hiện tại.")


SINGLE = (*GRANDPARENTS_OWN, *GRANDPARENTS_SPOUSE, *PARENTS, *PARENTS_IN_LAW)


@rule(
    "gia-dinh-trung",
    title="Một người thân được khai hai lần",
    explanation="Mỗi người chỉ có một cha đẻ, một mẹ đẻ, một ông nội… Mỗi quan hệ như vậy chỉ khai "
                "một lần.",
    basis="Cấu trúc mục (21) của quyển lý lịch (tài liệu tham khảo 1.6).",
    confidence="T",
    items=("21",),
    failing={"patches": _add([_person("ong_noi", "Hoàng Văn Pắn", "1938")]),
             "at": "gia_dinh[7].quan_he"},
)
def duplicate(ctx: Ctx) -> Iterator[Hit]:
    for rel in SINGLE:
        people = ctx.by_relation.get(rel, [])
        for i, _ in people[1:]:
            yield Hit(("gia_dinh", i, "quan_he"),
                      f"{ctx.item(KEY)}, người thứ {i + 1}: {ctx.relation(rel)} đã được khai ở người thứ "
                      f"{people[0][0] + 1}; mỗi quan hệ này chỉ khai một người. Kiểm tra lại "
                      "quan_he.")


# What HD 38 §I.1.4.2 (21) asks of each group (reference 1.6, corrected): no religion or
# ethnicity for anyone, nationality only in group 3.
GROUP1_ITEMS = ("ho_ten", "nam_sinh", "que_quan", "noi_o", "nghe_nghiep", "chinh_tri")
GROUP2_ITEMS = ("ho_ten", "nam_sinh", "noi_sinh", "que_quan", "noi_o", "nghe_nghiep",
                "thanh_phan_giai_cap", "chinh_tri")
GROUP3_ITEMS = ("ho_ten", "nam_sinh", "quoc_tich", "noi_o", "nghe_nghiep", "hoan_canh_kinh_te",
                "chinh_tri")
#: What each group of (21) (the schema's ``x-nhom`` of the relationship) must write.
REQUIRED = {1: GROUP1_ITEMS, 2: GROUP2_ITEMS, 3: GROUP3_ITEMS}


def _required(ctx: Ctx, relation: object) -> tuple[str, ...]:
    group = ctx.form.relation_groups.get(relation) if isinstance(relation, str) else None
    return REQUIRED.get(group, ()) if group is not None else ()


@rule(
    "gia-dinh-thieu-thong-tin",
    title="Người thân thiếu nội dung bắt buộc",
    explanation=(
        "Mỗi người thân khai đủ các nội dung của nhóm mình: ông bà (nhóm 1) — họ tên, năm sinh, "
        "quê quán, nơi ở, nghề nghiệp, vấn đề chính trị; cha mẹ, cha mẹ vợ (chồng), vợ (chồng) "
        "(nhóm 2) — thêm nơi sinh, thành phần giai cấp, lịch sử chính trị; anh chị em ruột, con "
        "(nhóm 3) — họ tên, năm sinh, quốc tịch, nơi ở, nghề nghiệp, hoàn cảnh kinh tế, việc chấp "
        "hành chủ trương, pháp luật. Tôn giáo, dân tộc không bắt buộc với ai; quốc tịch chỉ hỏi "
        "nhóm 3. Không có nghề nghiệp thì ghi “Không”, không để trống."),
    basis="Hướng dẫn 38-HD/BTCTW, mục I.1.4.2 (21) (tài liệu tham khảo 1.6, đã sửa theo HD 38; "
          "lỗi thường gặp số 12).",
    confidence="C",
    items=("21",),
    failing={"patches": [{"xoa": "gia_dinh[6].hoan_canh_kinh_te"}], "at": "gia_dinh[6]"},
)
def person_items(ctx: Ctx) -> Iterator[Hit]:
    for i, person in ctx.family:
        missing = [k for k in _required(ctx, person.get("quan_he")) if person.get(k) is None]
        if missing:
            who = person.get("ho_ten") if isinstance(person.get("ho_ten"), str) else ""
            yield Hit(("gia_dinh", i, missing[0]) if missing[0] in person else ("gia_dinh", i),
                      f"{ctx.item(KEY)}, {ctx.relation(person.get('quan_he'))} {who}".rstrip()
                      + f": thiếu {', '.join(ctx.field(KEY, i, k) for k in missing)}.")


_DEAD = re.compile(r"đã\s+(?:mất|chết|từ\s+trần|qua\s+đời|hy\s+sinh|hi\s+sinh)", re.IGNORECASE)


@rule(
    "gia-dinh-da-mat",
    title="Người thân đã mất thiếu năm, nơi hoặc lý do mất",
    explanation=(
        "Với người thân đã mất, ghi năm mất, nơi mất và lý do mất (da_mat: nam, noi, nguyen_nhan); "
        "năm mất không trước năm sinh và không sau ngày xét."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch: “nếu đã chết thì chết vì lý do gì, năm "
          "nào, ở đâu” (tài liệu tham khảo 1.6).",
    confidence="T",
    items=("21",),
    failing={"patches": [{"dat": "gia_dinh[1].noi_o", "gia_tri": "Đã mất năm 2019"}],
             "at": "gia_dinh[1].noi_o"},
)
def deceased(ctx: Ctx) -> Iterator[Hit]:
    for i, person in ctx.family:
        death = person.get("da_mat")
        says_dead = isinstance(person.get("noi_o"), str) and _DEAD.search(person["noi_o"])
        who = f"{ctx.relation(person.get('quan_he'))} {person.get('ho_ten') or ''}".rstrip()
        if not isinstance(death, dict):
            if says_dead:
                yield Hit(("gia_dinh", i, "noi_o"),
                          f"{ctx.item(KEY)}, {who}: đã mất nhưng chưa ghi năm mất, nơi mất, lý do mất "
                          "(da_mat: nam, noi, nguyen_nhan).")
            continue
        missing = [label for key, label in (("nam", "năm mất"), ("noi", "nơi mất"),
                                            ("nguyen_nhan", "lý do mất"))
                   if none_word(death.get(key))]
        if missing:
            yield Hit(("gia_dinh", i, "da_mat"), f"{ctx.item(KEY)}, {who}: thiếu {', '.join(missing)}.")
            continue
        died = dates.parse(death.get("nam"))
        born = dates.parse(person.get("nam_sinh"))
        if died and born and died.last < born.first:
            yield Hit(("gia_dinh", i, "da_mat", "nam"),
                      f"{ctx.item(KEY)}, {who}: năm mất ({died.year}) trước năm sinh ({born.year}).")


CLASS_PERIODS = (("truoc_1945", "trước Cách mạng Tháng Tám 1945"),
                 ("cai_cach_ruong_dat_1954", "trong cải cách ruộng đất 1954"),
                 ("cai_tao_1976", "trong cải tạo xã hội chủ nghĩa 1976"))


@rule(
    "giai-cap-ly-do-thay-doi",
    title="Thành phần giai cấp thay đổi mà không ghi lý do",
    explanation=(
        "Thành phần giai cấp của cha mẹ, cha mẹ vợ (chồng), vợ (chồng) ghi theo từng thời kỳ "
        "(trước Cách mạng Tháng Tám 1945, cải cách ruộng đất 1954, cải tạo xã hội chủ nghĩa 1976); "
        "nếu thành phần thay đổi giữa các thời kỳ thì phải ghi lý do (ly_do_thay_doi). Gia đình "
        "chưa từng được phân định thì ghi chua_phan_dinh: true."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch, nhóm 2 (tài liệu tham khảo 1.6).",
    confidence="T",
    items=("21",),
    failing={"patches": [{"dat": "gia_dinh[4].thanh_phan_giai_cap",
                          "gia_tri": {"truoc_1945": "bần nông",
                                      "cai_cach_ruong_dat_1954": "trung nông"}}],
             "at": "gia_dinh[4].thanh_phan_giai_cap"},
    passing=[{"dat": "gia_dinh[4].thanh_phan_giai_cap",
              "gia_tri": {"truoc_1945": "bần nông", "cai_cach_ruong_dat_1954": "trung nông",
                          "ly_do_thay_doi": "Được chia ruộng trong cải cách ruộng đất, làm ăn "
                                            "khá lên"}}],
)
def class_change(ctx: Ctx) -> Iterator[Hit]:
    for i, person in ctx.family:
        status = person.get("thanh_phan_giai_cap")
        if not isinstance(status, dict) or present(status.get("ly_do_thay_doi")):
            continue
        values = [(label, " ".join(v.casefold().split())) for key, label in CLASS_PERIODS
                  if isinstance(v := status.get(key), str) and v.strip()]
        if len({v for _, v in values}) > 1:
            who = f"{ctx.relation(person.get('quan_he'))} {person.get('ho_ten') or ''}".rstrip()
            shown = "; ".join(f"{label}: {v}" for label, v in values)
            yield Hit(("gia_dinh", i, "thanh_phan_giai_cap"),
                      f"{ctx.item(KEY)}, {who}: thành phần giai cấp thay đổi qua các thời kỳ ({shown}) "
                      "nhưng chưa ghi lý do thay đổi (ly_do_thay_doi).")


@rule(
    "gia-dinh-lich-su-chinh-tri",
    title="Người thân thiếu lịch sử chính trị",
    explanation=(
        "Mỗi người thân ghi lịch sử chính trị và thái độ chính trị (chinh_tri): tham gia tổ chức "
        "cách mạng nào, giữ chức vụ gì; có làm gì cho chế độ cũ không; hiện nay làm gì, ở đâu, có "
        "chấp hành chủ trương, chính sách của Đảng, pháp luật của Nhà nước không. Không được ghi "
        "“Không”."),
    basis="Hướng dẫn ghi mục (21) trong quyển lý lịch (tài liệu tham khảo 1.6; lỗi thường gặp số "
          "12).",
    confidence="T",
    items=("21",),
    failing={"patches": [{"dat": "gia_dinh[1].chinh_tri", "gia_tri": "Không"}],
             "at": "gia_dinh[1].chinh_tri"},
)
def political_history(ctx: Ctx) -> Iterator[Hit]:
    for i, person in ctx.family:
        value = person.get("chinh_tri")
        if isinstance(value, str) and value.count(" ") >= 3 and not value.isspace():
            continue
        born = dates.parse(person.get("nam_sinh"))
        if born is not None and ctx.ref.year - born.year < 18:
            continue  # a child: "Còn nhỏ" is all there is to say
        if none_word(value) or (isinstance(value, str) and value.strip().count(" ") < 3):
            who = f"{ctx.relation(person.get('quan_he'))} {person.get('ho_ten') or ''}".rstrip()
            yield Hit(("gia_dinh", i, "chinh_tri") if "chinh_tri" in person else ("gia_dinh", i),
                      f"{ctx.item(KEY)}, {who}: ghi lịch sử và thái độ chính trị (đã tham gia tổ chức nào, "
                      "làm gì, ở đâu qua từng thời kỳ; hiện nay chấp hành chủ trương, chính sách "
                      "của Đảng, pháp luật của Nhà nước thế nào).")


@rule(
    "gia-dinh-nam-sinh",
    title="Năm sinh của cha mẹ hoặc con không hợp lý",
    explanation=(
        "Cha, mẹ đẻ sinh trước người xin vào Đảng ít nhất 13 năm; con sinh sau người xin vào Đảng "
        "ít nhất 13 năm. Sai lệch như vậy thường là ghi nhầm năm sinh."),
    basis="Kiểm tra hợp lý (không có trong văn bản quy định).",
    confidence="U",
    items=("3", "21"),
    failing={"patches": [{"dat": "gia_dinh[4].nam_sinh", "gia_tri": "1998"}],
             "at": "gia_dinh[4].nam_sinh"},
)
def birth_years(ctx: Ctx) -> Iterator[Hit]:
    if ctx.birth is None:
        return
    own = ctx.birth.year
    for rel, older in ((PARENTS, True), (CHILDREN, False)):
        for r in rel:
            for i, person in ctx.by_relation.get(r, ()):
                born = dates.parse(person.get("nam_sinh"))
                if born and (own - born.year if older else born.year - own) < 13:
                    yield Hit(("gia_dinh", i, "nam_sinh"),
                              f"{ctx.item(KEY)}, {ctx.relation(r)} {person.get('ho_ten') or ''}: năm "
                              f"sinh {born.year} không hợp lý so với năm sinh của người xin vào "
                              f"Đảng ({own}). Kiểm tra lại.")
