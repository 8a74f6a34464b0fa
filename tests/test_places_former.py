"""Commune-level units before 01-7-2025 (rule xa-ten-cu) and the data file behind it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rulecases import hits

from hoso.form.places import communes, former_communes, unit_key, units

ROOT = Path(__file__).resolve().parents[1]
REFRESH = ROOT / "scripts" / "tools" / "refresh_former_communes.py"
RESIDENCE = "noi_cu_tru.thuong_tru"


def _residence(rule: str = "xa-ten-cu", **fields: str) -> list[tuple[str, str]]:
    patches = [{"dat": f"{RESIDENCE}.{key}", "gia_tri": value} for key, value in fields.items()]
    return [(at, message) for at, message in hits(rule, patches) if at.startswith(RESIDENCE)]


# ------------------------------------------------------------------ the rule


def test_old_commune_district_province_gets_the_current_unit_and_province() -> None:
    [(at, message)] = _residence(xa="Xã Thái Đào", huyen="Huyện Lạng Giang", tinh="Tỉnh Bắc Giang")
    assert at == f"{RESIDENCE}.xa"
    assert message == (
        "Mục (7) Nơi cư trú – Nơi thường trú: “Xã Thái Đào” là tên trước ngày 01-7-2025: xã Thái "
        "Đào, huyện Lạng Giang, tỉnh Bắc Giang (cũ) nay là xã Tân Dĩnh, tỉnh Bắc Ninh. Ghi xa: "
        "“Xã Tân Dĩnh”, tinh: “Tỉnh Bắc Ninh” và bỏ huyen, tên cũ vào truoc_day: “Xã Thái Đào, "
        "huyện Lạng Giang, tỉnh Bắc Giang”.")


def test_old_commune_under_the_current_province_without_district() -> None:
    [(_, message)] = _residence(xa="Phường Hoàng Văn Thụ", tinh="Tỉnh Lạng Sơn")
    assert "phường Hoàng Văn Thụ, thành phố Lạng Sơn, tỉnh Lạng Sơn (cũ) nay là phường Kỳ Lừa, " \
           "tỉnh Lạng Sơn" in message
    assert "bỏ huyen" not in message
    # one finding: xa-khong-co-trong-tinh leaves a former name to this rule
    assert _residence("xa-khong-co-trong-tinh", xa="Phường Hoàng Văn Thụ") == []


def test_commune_split_into_several_lists_every_candidate() -> None:
    [(_, message)] = _residence(xa="Xã Tân Thạnh", huyen="Huyện Thới Lai", tinh="Thành phố Cần Thơ")
    assert "nay chia vào xã Trường Thành, xã Tân Thạnh (thành phố Cần Thơ)" in message
    assert "Ghi xa là đơn vị có địa chỉ này trong các đơn vị trên" in message


def test_name_of_several_former_communes_lists_them_all() -> None:
    [(_, message)] = _residence(xa="Xã Đồng Tiến", tinh="Tỉnh Bắc Ninh")
    assert "là tên trước ngày 01-7-2025 của 2 đơn vị: xã Đồng Tiến, huyện Hiệp Hòa, tỉnh Bắc " \
           "Giang (cũ) nay là xã Hoàng Vân, tỉnh Bắc Ninh; xã Đồng Tiến, huyện Yên Thế, tỉnh Bắc " \
           "Giang (cũ) nay là xã Xuân Lương, tỉnh Bắc Ninh." in message
    assert "tên cũ (kèm huyện) vào truoc_day" in message
    # without marks it may be Xã Đông Tiến (huyện Yên Phong) too
    [(_, plain)] = _residence(xa="Xa Dong Tien", tinh="Tinh Bac Ninh")
    assert "của 3 đơn vị" in plain
    assert "xã Đông Tiến, huyện Yên Phong, tỉnh Bắc Ninh (cũ) nay là xã Yên Phong" in plain
    # the district picks one of them
    [(_, one)] = _residence(xa="Xã Đồng Tiến", huyen="Huyện Yên Thế", tinh="Tỉnh Bắc Giang")
    assert "đơn vị:" not in one
    assert "xã Đồng Tiến, huyện Yên Thế, tỉnh Bắc Giang (cũ) nay là xã Xuân Lương" in one


def test_name_that_is_both_former_and_current_is_left_alone() -> None:
    # Xã Tân Dĩnh (huyện Lạng Giang) became Xã Tân Dĩnh: only the province changed
    assert _residence(xa="Xã Tân Dĩnh", huyen="Huyện Lạng Giang", tinh="Tỉnh Bắc Giang") == []
    assert _residence(xa="Xã Tân Dĩnh", tinh="Tỉnh Bắc Ninh") == []
    # Phường Tam Thanh is a current name (former Xã Hoàng Đồng joined it)
    assert _residence(xa="Phường Tam Thanh", tinh="Tỉnh Lạng Sơn") == []
    # a current name written without its district is the current unit, whatever it was before
    assert _residence(xa="Xã Mỹ Thái", tinh="Tỉnh Bắc Ninh") == []


def test_decomposed_unicode_and_no_diacritics_find_the_same_unit() -> None:
    expected = _residence(xa="Xã Thái Đào", tinh="Tỉnh Bắc Ninh")
    assert expected
    decomposed = unicodedata.normalize("NFD", "Xã Thái Đào")
    assert decomposed != "Xã Thái Đào"
    [(_, message)] = _residence(xa=decomposed, tinh=unicodedata.normalize("NFD", "Tỉnh Bắc Ninh"))
    assert message.split("” là", 1)[1] == expected[0][1].split("” là", 1)[1]
    [(_, plain)] = _residence(xa="Xa Thai Dao", tinh="Tinh Bac Ninh")
    assert "“Xa Thai Dao” là tên trước ngày 01-7-2025" in plain
    assert "nay là xã Tân Dĩnh, tỉnh Bắc Ninh" in plain


@pytest.mark.parametrize("item", ["noi_dang_ky_khai_sinh", "que_quan"])
def test_birth_place_copied_with_a_district_that_has_since_changed_gets_the_new_name(
        item: str) -> None:
    # (5) and (6) follow the birth certificate, district included, only while the place keeps its
    # name; a renamed or merged one is written by its new name with the old one as a note
    # (reference, common error 4; HD 38 §I.1.4.2 (5)).
    place = [{"dat": f"{item}.xa", "gia_tri": "Xã Thái Đào"},
             {"dat": f"{item}.huyen", "gia_tri": "Huyện Lạng Giang"},
             {"dat": f"{item}.tinh", "gia_tri": "Tỉnh Bắc Giang"}]
    [(at, message)] = hits("xa-ten-cu", place)
    assert at == f"{item}.xa"
    assert "“Xã Thái Đào” là tên trước ngày 01-7-2025" in message
    assert "“Xã Tân Dĩnh”, tinh: “Tỉnh Bắc Ninh” và bỏ huyen" in message
    unchanged = [{"dat": f"{item}.xa", "gia_tri": "Xã Hoàng Văn Thụ"},
                 {"dat": f"{item}.huyen", "gia_tri": "Huyện Văn Lãng"},
                 {"dat": f"{item}.tinh", "gia_tri": "Tỉnh Lạng Sơn"}]
    assert hits("xa-ten-cu", unchanged) == []


def test_unknown_and_foreign_places_are_left_to_other_rules() -> None:
    assert _residence(xa="Xã Không Có Thật", tinh="Tỉnh Bắc Ninh") == []
    assert _residence(xa="Xã Thái Đào", tinh="Tỉnh Không Có") == []
    assert _residence(xa="Xã Thái Đào", tinh="Tỉnh Lạng Sơn") == []  # not in that province


# ------------------------------------------------------------------ the data


def test_every_current_unit_of_the_data_is_in_the_current_list() -> None:
    """The two sources agree: each unit the former ones became is one of the 3,321 of
    vietnam-provinces, in the same province."""
    table = former_communes()
    assert len(table.tree) == 34
    assert {official for official, _ in table.tree.values()} == set(units().current.values())
    count = 0
    for pkey in table.tree:
        current = {name for names in communes().in_province(pkey).values() for name in names}
        for units_of_name in table.in_province(pkey).values():
            for unit in units_of_name:
                count += 1
                assert set(unit.now) <= current, (unit, pkey)
    assert count > 10_000  # the 10,035 communes, wards and towns of the 63 provinces


def test_former_provinces_are_the_ones_each_province_absorbed() -> None:
    table = units()
    for pkey, (official, formers) in former_communes().tree.items():
        for former in formers:
            key = unit_key(former)
            assert key == pkey or table.former.get(key, ("", ""))[1] == official \
                or former == "Thành phố Huế", (former, official)


def test_data_file_records_its_source_version_and_licence() -> None:
    raw = json.loads((ROOT / "scripts/hoso/data/xa-phuong-truoc-2025.json").read_text("utf-8"))
    source = raw["nguon"]
    assert source["goi"] == "vietnamadminunits"
    assert source["phien_ban"] == "1.0.4"
    assert source["giay_phep"].startswith("MIT")
    assert former_communes().source.startswith("vietnamadminunits 1.0.4 (MIT")


# ------------------------------------------------------------------ the refresh script


def _unpacked(root: Path, *, version: str | None = "9.9") -> Path:
    """A minimal unpacked vietnamadminunits: two old units merged, one split, an island district."""
    data = root / "vietnamadminunits" / "data"
    data.mkdir(parents=True)
    if version:
        meta = root / f"vietnamadminunits-{version}.dist-info"
        meta.mkdir()
        (meta / "METADATA").write_text(f"Name: vietnamadminunits\nVersion: {version}\n")
    db = sqlite3.connect(data / "dataset.db")
    db.execute("CREATE TABLE admin_units_legacy (province, district, ward, provinceKey, "
               "districtKey, wardKey)")
    db.execute("CREATE TABLE admin_units (province, ward, provinceKey, wardKey)")
    db.executemany("INSERT INTO admin_units_legacy VALUES (?,?,?,?,?,?)", [
        ("Tỉnh A", "Huyện B", "Xã Một", "tinha", "huyenb", "xamot"),
        ("Tỉnh A", "Huyện B", "Xã Hai", "tinha", "huyenb", "xahai"),
        ("Tỉnh A", "Huyện B", "Xã Ba", "tinha", "huyenb", "xaba"),
        ("Tỉnh A", "Huyện Đảo", None, "tinha", "huyendao", None)])
    db.executemany("INSERT INTO admin_units VALUES (?,?,?,?)", [
        ("Tỉnh A", "Xã Một", "tinha", "xamot"), ("Tỉnh A", "Xã Mới", "tinha", "xamoi")])
    db.commit()
    db.close()
    (data / "converter_2025.json").write_text(json.dumps({
        "DICT_PROVINCE": {"tinha": ["tinha"]},
        "DICT_PROVINCE_WARD_NO_DIVIDED": {"tinha": {
            "xamot": ["tinha_huyenb_xamot", "tinha_huyenb_xahai", "tinha_huyendao_"]}},
        "DICT_PROVINCE_WARD_DIVIDED": {"tinha": {"tinha_huyenb_xaba": [
            {"newWardKey": "xamot", "isDefaultNewWard": False},
            {"newWardKey": "xamoi", "isDefaultNewWard": True}]}},
    }))
    return root


def test_refresh_writes_the_compact_tree_with_its_source(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    run = subprocess.run([sys.executable, str(REFRESH), str(_unpacked(tmp_path / "w")), "--out",
                          str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    raw = json.loads(out.read_text("utf-8"))
    assert raw["nguon"]["phien_ban"] == "9.9"
    assert raw["tinh"] == {"Tỉnh A": {"Tỉnh A": {"Huyện B": {
        "Xã Một": "Xã Một", "Xã Hai": "Xã Một", "Xã Ba": ["Xã Mới", "Xã Một"]}}}}


def test_refresh_without_the_package_metadata_says_so(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(REFRESH), str(_unpacked(tmp_path, version=None)),
                          "--out", str(tmp_path / "out.json")], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 1
    assert "no vietnamadminunits-*.dist-info/METADATA" in run.stderr
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("name", ["Xã Cư M’gar", "Xã Cư M'gar", "xã  cư m‘gar"])
def test_apostrophe_style_and_spaces_do_not_matter_in_commune_names(name: str) -> None:
    assert _residence("xa-khong-co-trong-tinh", xa=name, tinh="Tỉnh Đắk Lắk") == []
