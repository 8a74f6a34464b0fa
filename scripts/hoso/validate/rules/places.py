"""Places: the 34 provincial units since 12-6-2025, no district in current addresses (ref. 2.2, 7).

The units and the former provinces each absorbed are data (``hoso/data/don-vi-hanh-chinh.yaml``),
read once per process.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from hoso.findings import Path_
from hoso.form.places import (
    FormerCommune,
    commune_key,
    communes,
    district_key,
    former_communes,
    lower_first,
    unit_key,
    units,
)
from hoso.form.text import fold
from hoso.validate.rules.base import Ctx, Hit, none_word, rule

# --------------------------------------------------------------------------------------------
# structured addresses

ADDRESSES: tuple[tuple[tuple[str, ...], bool], ...] = (
    # (path, current residence: no district, commune-level unit required)
    (("noi_dang_ky_khai_sinh",), False),
    (("que_quan",), False),
    (("noi_cu_tru", "thuong_tru"), True),
    (("noi_cu_tru", "tam_tru"), True),
)
#: A relative's places (21), the current one first.
RELATIVE_PLACES = ("noi_o", "que_quan", "noi_sinh")


def _label(ctx: Ctx, path: Path_) -> str:
    """An address as messages name it: "Mục (6) Quê quán", "Mục (7) Nơi cư trú – Nơi thường
    trú", "Mục (21) Hoàn cảnh gia đình, người thứ 2, quê quán"."""
    head, *rest = path
    if head == "gia_dinh" and len(path) == 3 and isinstance(path[1], int):
        return f"{ctx.item(head)}, người thứ {path[1] + 1}, {ctx.field(*path)}"
    if rest and all(isinstance(k, str) for k in path):
        return ctx.part(*(str(k) for k in path))
    return ctx.item(str(head))


def _addresses(ctx: Ctx) -> Iterator[tuple[Path_, bool, Mapping[str, Any]]]:
    """(path, current residence, address) of every structured address in Việt Nam."""
    for path, current in ADDRESSES:
        value: Any = ctx.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, dict) and not _abroad(value):
            yield path, current, value
    for i, person in ctx.family:
        for key in RELATIVE_PLACES:
            value = person.get(key)
            if isinstance(value, dict) and not _abroad(value):
                yield ("gia_dinh", i, key), key == "noi_o", value


def _abroad(address: Mapping[str, Any]) -> bool:
    country = address.get("quoc_gia")
    return isinstance(country, str) and fold(country) not in ("viet nam", "")


@rule(
    "tinh-hien-hanh",
    title="Tên tỉnh cũ (trước ngày 12-6-2025)",
    explanation=(
        "Từ ngày 12-6-2025 cả nước có 34 đơn vị hành chính cấp tỉnh. Địa chỉ ghi tên tỉnh, thành "
        "phố hiện nay; tên tỉnh cũ ghi kèm trong ngoặc “(trước đây là …)” (khóa truoc_day), ví dụ "
        "“Tỉnh Bắc Ninh (trước đây là tỉnh Bắc Giang)”."),
    basis="Nghị quyết 202/2025/QH15; hướng dẫn ghi mục (5), (6), (7) trong quyển lý lịch: tên mới, "
          "tên cũ ghi trong ngoặc (tài liệu tham khảo 2.2, 7; lỗi thường gặp số 4).",
    confidence="T",
    items=("5", "6", "7", "21"),
    failing={"patches": [{"dat": "noi_cu_tru.thuong_tru.tinh", "gia_tri": "Tỉnh Bắc Giang"}],
             "at": "noi_cu_tru.thuong_tru.tinh"},
)
def former_province(ctx: Ctx) -> Iterator[Hit]:
    table = units()
    for path, _, address in _addresses(ctx):
        name = address.get("tinh")
        if not isinstance(name, str):
            continue
        key = unit_key(name)
        if key in table.current or key not in table.former:
            continue
        old, new = table.former[key]
        yield Hit((*path, "tinh"),
                  f"{_label(ctx, path)}: “{name.strip()}” không còn là đơn vị hành chính cấp "
                  f"tỉnh từ ngày 12-6-2025; nay là {new}. Ghi tinh: {new} và tên cũ vào truoc_day, để in ra "
                  f"“{new} (trước đây là {lower_first(old)})”.")


@rule(
    "tinh-khong-ro",
    title="Không nhận ra tên tỉnh, thành phố",
    explanation=(
        "Tên tỉnh, thành phố phải là một trong 34 đơn vị hành chính cấp tỉnh hiện nay (hoặc một "
        "tỉnh cũ đã sáp nhập, khi đó ghi tên mới kèm tên cũ). Kiểm tra chính tả."),
    basis="Nghị quyết 202/2025/QH15 (tài liệu tham khảo 7).",
    confidence="T",
    items=("5", "6", "7", "21"),
    failing={"patches": [{"dat": "que_quan.tinh", "gia_tri": "Tỉnh Lạng Sơm"}],
             "at": "que_quan.tinh"},
)
def unknown_province(ctx: Ctx) -> Iterator[Hit]:
    table = units()
    for path, _, address in _addresses(ctx):
        name = address.get("tinh")
        if not isinstance(name, str) or none_word(name):
            continue
        key = unit_key(name)
        official = table.current.get(key) or (table.former[key][0] if key in table.former
                                              else None)
        if official is not None:
            kind = name.strip().split(" ", 1)[0].casefold()
            if (kind == "thành" and not official.startswith("Thành phố")) or \
                    (kind == "tỉnh" and not official.startswith("Tỉnh")):
                yield Hit((*path, "tinh"),
                          f"{_label(ctx, path)}: “{name.strip()}” không phải tên đơn vị hành "
                          f"chính cấp tỉnh; ghi “{official}”.")
            continue
        guess = difflib.get_close_matches(key, list(table.current) + list(table.former), n=1,
                                          cutoff=0.75)
        hint = ""
        if guess:
            shown = table.current.get(guess[0]) or table.former[guess[0]][0]
            hint = f" Có phải là “{shown}”?"
        yield Hit((*path, "tinh"),
                  f"{_label(ctx, path)}: không nhận ra “{name.strip()}” là tỉnh, thành phố nào "
                  f"trong 34 đơn vị hành chính cấp tỉnh.{hint}")


_DISTRICT = re.compile(r"(?<![\w])(huyện|quận|thị xã|thị trấn)(?![\w])", re.IGNORECASE)
_COMMUNE = re.compile(r"^(xã|phường|đặc khu)\s+\S", re.IGNORECASE)


@rule(
    "dia-chi-khong-huyen",
    title="Địa chỉ hiện nay còn ghi cấp huyện",
    explanation=(
        "Từ ngày 01-7-2025 không còn cấp huyện (huyện, quận, thị xã, thành phố thuộc tỉnh). Nơi cư "
        "trú hiện nay ghi: số nhà, đường phố hoặc thôn (tổ dân phố), xã/phường/đặc khu, tỉnh/thành "
        "phố. Nơi đăng ký khai sinh (5) và quê quán (6) vẫn có thể ghi cấp huyện như trên giấy "
        "tờ."),
    basis="Quy định 294-QĐ/TW, Nghị quyết 202/2025/QH15; hướng dẫn ghi mục (7) trong quyển "
          "lý lịch (tài liệu tham khảo 2.2, 7; lỗi thường gặp số 4).",
    confidence="T",
    items=("7", "21"),
    failing={"patches": [{"dat": "noi_cu_tru.thuong_tru.chi_tiet",
                          "gia_tri": "Số 12, đường Bà Triệu, tổ dân phố 5, quận Hoàng Văn Thụ"}],
             "at": "noi_cu_tru.thuong_tru.chi_tiet"},
)
def no_district(ctx: Ctx) -> Iterator[Hit]:
    for path, current, address in _addresses(ctx):
        if not current:
            continue
        if not none_word(address.get("huyen")):
            yield Hit((*path, "huyen"),
                      f"{_label(ctx, path)}: địa chỉ hiện nay không còn cấp huyện (từ ngày "
                      f"01-7-2025); xóa huyen: “{address.get('huyen')}”, chỉ ghi xã/phường/đặc "
                      "khu và tỉnh/thành phố.")
            continue
        for key in ("chi_tiet", "xa"):
            value = address.get(key)
            if key == "xa" and isinstance(value, str) and value.casefold().startswith("thị trấn"):
                continue  # reported by dia-chi-cap-xa
            m = _DISTRICT.search(value) if isinstance(value, str) else None
            if m and isinstance(value, str):
                yield Hit((*path, key),
                          f"{_label(ctx, path)}: “{value.strip()}” còn ghi “{m.group(1)}” (cấp "
                          "huyện, không còn từ ngày 01-7-2025). Ghi số nhà, thôn hoặc tổ dân phố, rồi "
                          "xã/phường/đặc khu và tỉnh/thành phố hiện nay.")
                break


@rule(
    "dia-chi-cap-xa",
    title="Địa chỉ hiện nay thiếu xã, phường, đặc khu",
    explanation=(
        "Nơi cư trú hiện nay ghi đơn vị hành chính cấp xã hiện hành, bắt đầu bằng “Xã”, “Phường” "
        "hoặc “Đặc khu” (không còn thị trấn từ ngày 01-7-2025)."),
    basis="Hướng dẫn ghi mục (7) trong quyển lý lịch: “xã (đặc khu)”, “phường (đặc khu)” (tài liệu "
          "tham khảo 2.2).",
    confidence="T",
    items=("7",),
    failing={"patches": [{"dat": "noi_cu_tru.thuong_tru.xa", "gia_tri": "Thị trấn Đồng Đăng"}],
             "at": "noi_cu_tru.thuong_tru.xa"},
)
def commune(ctx: Ctx) -> Iterator[Hit]:
    for path, current, address in _addresses(ctx):
        if not current or path[0] == "gia_dinh":
            continue
        value = address.get("xa")
        if not isinstance(value, str) or none_word(value):
            yield Hit((*path, "xa") if "xa" in address else path,
                      f"{_label(ctx, path)}: thiếu xã, phường hoặc đặc khu nơi cư trú.")
        elif not _COMMUNE.match(value.strip()):
            extra = " (thị trấn không còn từ ngày 01-7-2025; ghi xã hoặc phường hiện nay)" \
                if value.strip().casefold().startswith("thị trấn") else ""
            yield Hit((*path, "xa"),
                      f"{_label(ctx, path)}: “{value.strip()}” phải bắt đầu bằng “Xã”, “Phường” "
                      f"hoặc “Đặc khu”{extra}.")


@rule(
    "xa-khong-co-trong-tinh",
    title="Xã, phường không có trong tỉnh đã ghi",
    explanation=(
        "Từ ngày 01-7-2025 cả nước có 3.321 đơn vị hành chính cấp xã (xã, phường, đặc khu). Tên "
        "ghi ở xa phải là một đơn vị hiện nay của tỉnh, thành phố ghi ở tinh; tên cũ (trước khi sắp "
        "xếp) ghi vào truoc_day. Danh mục theo Tổng cục Thống kê, qua gói vietnam-provinces; địa "
        "chỉ còn ghi huyện (như trên giấy khai sinh cũ) không được xét."),
    basis="Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025; "
          "danh mục đơn vị hành chính của Tổng cục Thống kê (tài liệu tham khảo 7).",
    confidence="U",
    items=("5", "6", "7", "21"),
    failing={"patches": [{"dat": "noi_cu_tru.thuong_tru.xa", "gia_tri": "Phường Tam Thành"}],
             "at": "noi_cu_tru.thuong_tru.xa"},
)
def commune_in_province(ctx: Ctx) -> Iterator[Hit]:
    table = units()
    for path, _, address in _addresses(ctx):
        label = _label(ctx, path)
        name, province = address.get("xa"), address.get("tinh")
        if not isinstance(name, str) or not isinstance(province, str) or "huyen" in address \
                or not _COMMUNE.match(name.strip()):
            continue
        pkey = unit_key(province)
        if pkey not in table.current:
            continue  # a former or unknown province: the rules above say so
        listed = communes().in_province(pkey)
        official = listed.get(commune_key(name))
        if _changed(address):
            continue  # a former name: xa-ten-cu names the current unit
        shown, where = " ".join(name.split()), table.current[pkey]
        if official:
            # same letters without marks: the kind or a mark differs ("Xã" for "Phường")
            if _same(shown) not in {_same(o) for o in official}:
                yield Hit((*path, "xa"), f"{label}: đơn vị này của {where} là "
                          f"“{' hoặc '.join(official)}”, không phải “{shown}”.")
            continue
        guess = difflib.get_close_matches(commune_key(name), list(listed), n=1, cutoff=0.8)
        hint = f" Có phải là “{listed[guess[0]][0]}”?" if guess else ""
        elsewhere = [p for p in communes().provinces_of(commune_key(name)) if p != where]
        if elsewhere:
            hint += f" Tên này có ở {', '.join(elsewhere[:3])}{' …' if len(elsewhere) > 3 else ''}."
        yield Hit((*path, "xa"),
                  f"{label}: không có “{shown}” trong các xã, phường, đặc khu của {where} từ ngày "
                  f"01-7-2025.{hint} Nếu đây là tên cũ, ghi tên đơn vị hiện nay vào xa và tên cũ "
                  "vào truoc_day.")


def _changed(address: Mapping[str, Any]) -> list[FormerCommune]:
    """The former units the address's xa names, when that name is no longer the unit's (empty
    when it is a current name, or the unit kept its name and its whole area)."""
    name, province, district = address.get("xa"), address.get("tinh"), address.get("huyen")
    if not isinstance(name, str) or not isinstance(province, str) or none_word(name):
        return []
    district = district if isinstance(district, str) and not none_word(district) else None
    found = former_communes().find(province, name, district)
    if not found:
        return []
    if district is not None:
        there = [f for f in found if district_key(f.district) == district_key(district)]
        if there:
            return [f for f in there if f.changed]
    written = fold(name)
    current = communes().in_province(unit_key(found[0].now_province)).get(commune_key(name), [])
    if any(fold(c) == written for c in current):
        return []  # exactly a current unit's name: the writer means that unit
    # the name as written, marks and all ("Đồng Tiến", not "Đông Tiến"), else without marks
    same_kind = [f for f in found if _same(f.name) == _same(" ".join(name.split()))] or \
        [f for f in found if fold(f.name) == written]
    if current and not same_kind:
        return []  # a current unit of another kind: xa-khong-co-trong-tinh names it
    return [f for f in same_kind or found if f.changed]


def _was(unit: FormerCommune) -> str:
    """"xã Hoàng Đồng, thành phố Lạng Sơn, tỉnh Lạng Sơn" (a former unit in running text)."""
    return ", ".join(lower_first(" ".join(part.split()))
                     for part in (unit.name, unit.district, unit.province))


def _became(unit: FormerCommune) -> str:
    if len(unit.now) == 1:
        return f"nay là {lower_first(unit.now[0])}, {lower_first(unit.now_province)}"
    return f"nay chia vào {', '.join(map(lower_first, unit.now))} ({lower_first(unit.now_province)})"


@rule(
    "xa-ten-cu",
    title="Tên xã, phường trước ngày 01-7-2025",
    explanation=(
        "Từ ngày 01-7-2025 các xã, phường, thị trấn được sắp xếp lại thành 3.321 đơn vị cấp xã. "
        "Địa chỉ ghi tên đơn vị hiện nay ở xa và tinh; tên cũ (xã, huyện, tỉnh trước khi sắp xếp) "
        "ghi vào truoc_day để in ra “(trước đây là …)”. Quy tắc chỉ ra đơn vị hiện nay mà đơn vị cũ "
        "đã nhập vào; đơn vị cũ bị chia cho nhiều đơn vị mới thì liệt kê tất cả để chọn đơn vị có "
        "nơi ở. Nơi đăng ký khai sinh (5) và quê quán (6) chép theo giấy khai sinh, kể cả huyện, "
        "chỉ khi địa danh chưa đổi; đã đổi thì cũng ghi tên mới, tên cũ ghi chú. "
        "Danh mục cũ và mới theo gói vietnamadminunits (dữ liệu kèm "
        "theo hoso)."),
    basis="Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025; "
          "hướng dẫn ghi mục (5), (6), (7): tên mới, tên cũ ghi chú trong ngoặc (tài liệu tham "
          "khảo 2.2, 7; lỗi thường gặp số 4).",
    confidence="U",
    items=("5", "6", "7", "21"),
    failing={"patches": [{"dat": "noi_cu_tru.thuong_tru.xa", "gia_tri": "Phường Hoàng Văn Thụ"}],
             "at": "noi_cu_tru.thuong_tru.xa"},
)
def former_commune(ctx: Ctx) -> Iterator[Hit]:
    for path, _, address in _addresses(ctx):
        found = _changed(address)
        if not found:
            continue
        shown = " ".join(str(address["xa"]).split())
        drop = " và bỏ huyen" if "huyen" in address else ""
        head = f"{_label(ctx, path)}: “{shown}” là tên trước ngày 01-7-2025"
        if len(found) == 1:
            unit = found[0]
            now = f"xa: “{unit.now[0]}”" if len(unit.now) == 1 else \
                "xa là đơn vị có địa chỉ này trong các đơn vị trên"
            yield Hit((*path, "xa"),
                      f"{head}: {_was(unit)} (cũ) {_became(unit)}. Ghi {now}, tinh: "
                      f"“{unit.now_province}”{drop}, tên cũ vào truoc_day: “{unit.name}, "
                      f"{_was(unit).split(', ', 1)[1]}”.")
            continue
        each = "; ".join(f"{_was(unit)} (cũ) {_became(unit)}" for unit in found[:6])
        more = f"; và {len(found) - 6} đơn vị khác" if len(found) > 6 else ""
        yield Hit((*path, "xa"),
                  f"{head} của {len(found)} đơn vị: {each}{more}. Ghi xa là đơn vị hiện nay, tinh: "
                  f"“{found[0].now_province}”{drop}, tên cũ (kèm huyện) vào truoc_day.")


# --------------------------------------------------------------------------------------------
# relatives' addresses written as text

_BRACKET = re.compile(r"\([^)]*\)")


def _without_brackets(text: str) -> str:
    """The text with "(trước đây là …)" notes blanked out (positions kept)."""
    out = _BRACKET.sub(lambda m: " " * len(m.group()), text)
    cut = out.casefold().find("trước đây")
    return out if cut < 0 else out[:cut]


def _current_of(former_bare: str) -> tuple[str, str]:
    table = units()
    return table.former[unit_key(former_bare)]


@rule(
    "tinh-cu-nguoi-than",
    title="Địa chỉ của người thân dùng tên tỉnh cũ",
    explanation=(
        "Nơi ở, quê quán, nơi sinh của người thân ghi tên tỉnh, thành phố hiện nay; tên tỉnh cũ "
        "ghi kèm trong ngoặc, ví dụ “Xã Tân Yên, tỉnh Bắc Ninh (trước đây là tỉnh Bắc Giang)”."),
    basis="Hướng dẫn ghi mục (5), (6), (21) trong quyển lý lịch: tên mới, tên cũ trong ngoặc (tài "
          "liệu tham khảo 2.2, 7).",
    confidence="T",
    items=("21",),
    failing={"patches": [{"dat": "gia_dinh[6].noi_o",
                          "gia_tri": "Phường Bắc Giang, tỉnh Bắc Giang"}],
             "at": "gia_dinh[6].noi_o"},
    passing=[{"dat": "gia_dinh[6].noi_o",
              "gia_tri": "Phường Bắc Giang, tỉnh Bắc Ninh (trước đây là thành phố Bắc Giang, tỉnh "
                         "Bắc Giang)"}],
)
def former_in_text(ctx: Ctx) -> Iterator[Hit]:
    pattern = units().former_text
    texts = [v for _, p in ctx.family for k in RELATIVE_PLACES if isinstance(v := p.get(k), str)]
    if pattern.search("\x00".join(texts)) is None:
        return  # one scan of all the relatives' places: no former province named
    for i, person in ctx.family:
        for key in RELATIVE_PLACES:
            value = person.get(key)
            if not isinstance(value, str) or pattern.search(value) is None:
                continue
            m = pattern.search(_without_brackets(value))
            if m is None:
                continue
            old, new = _current_of(m.group(1))
            yield Hit(("gia_dinh", i, key),
                      f"{ctx.item('gia_dinh')}, {ctx.field('gia_dinh', i, key)} của người thứ "
                      f"{i + 1}: “{m.group(0)}” là tên cũ; từ ngày 12-6-2025 là "
                      f"{lower_first(new)}. Ghi “…, "
                      f"{lower_first(new)} (trước đây là …, {lower_first(old)})”.")
            break


@rule(
    "noi-o-nguoi-than-huyen",
    title="Nơi ở hiện nay của người thân còn ghi cấp huyện",
    explanation=(
        "Nơi ở hiện nay của người thân ghi theo địa giới hiện hành: xã/phường/đặc khu và "
        "tỉnh/thành phố, không còn huyện, quận, thị xã."),
    basis="Nghị quyết 202/2025/QH15; cách ghi địa chỉ hiện nay của mục (7) (tài liệu tham khảo "
          "2.2, 7; áp dụng cho người thân là suy luận).",
    confidence="U",
    items=("21",),
    failing={"patches": [{"dat": "gia_dinh[6].noi_o",
                          "gia_tri": "Xã Hoàng Đồng, huyện Cao Lộc, tỉnh Lạng Sơn"}],
             "at": "gia_dinh[6].noi_o"},
)
def relative_district(ctx: Ctx) -> Iterator[Hit]:
    for i, person in ctx.family:
        value = person.get("noi_o")
        if not isinstance(value, str) or _DISTRICT.search(value) is None:
            continue
        m = _DISTRICT.search(_without_brackets(value))
        if m:
            yield Hit(("gia_dinh", i, "noi_o"),
                      f"{ctx.item('gia_dinh')}, {ctx.field('gia_dinh', i, 'noi_o')} của người thứ "
                      f"{i + 1}: còn ghi “{m.group(1)}” (cấp huyện không còn từ ngày 01-7-2025). "
                      "Ghi xã/phường/đặc khu và tỉnh/thành phố hiện nay; địa danh cũ ghi trong "
                      "ngoặc “(trước đây là …)”.")


def _same(name: str) -> str:
    """A name as compared with the official one: case and apostrophe style aside."""
    return unicodedata.normalize("NFC", name).casefold().replace("'", "’").replace("‘", "’")
