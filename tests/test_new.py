"""``hoso new``: the blank dossier generated from the schema, and the command that writes it."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoso import new
from hoso.cli import main
from hoso.errors import UserError
from hoso.load import load_bytes, load_file
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schema" / "2-knd-2025.schema.json"
TODAY = date(2026, 11, 27)
MODELINE = "# yaml-language-server: $schema=../../schema/2-knd-2025.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def text(schema: dict[str, Any]) -> str:
    return new.skeleton(schema, "KT-2026-050", "ky-thuat", TODAY)


def _data(text: str) -> dict[str, Any]:
    loaded = load_bytes(text.encode("utf-8"), "KT-2026-050.yaml")
    assert loaded.findings == []
    assert isinstance(loaded.data, dict)
    return loaded.data


# ------------------------------------------------------------------------------ the skeleton


def test_skeleton_loads_without_findings(text: str) -> None:
    assert text.startswith(MODELINE + "\n")
    assert "\t" not in text
    data = _data(text)
    assert data["mau"] == "2-KNĐ"
    assert data["phien_ban"] == "2025"
    assert data["ma_ho_so"] == "KT-2026-050"
    assert data["chi_bo"] == "ky-thuat"
    assert data["quy_trinh"] == {
        "giai_doan": "khai",
        "lich_su": [{"giai_doan": "khai", "ngay": "2026-11-27", "nguoi": "",
                     "ghi_chu": "Tạo hồ sơ"}],
    }


def test_skeleton_has_every_item_in_booklet_order(text: str, schema: dict[str, Any]) -> None:
    data = _data(text)
    required = schema["required"]
    assert [k for k in data if k in required] == [k for k in schema["x-thu-tu"] if k in required]
    # Optional items are there too, commented out, where the booklet has them.
    keys = re.findall(r"^(?:# )?([a-z_]+):", text, flags=re.MULTILINE)
    top = [k for k in dict.fromkeys(keys) if k in schema["properties"]]
    assert top == schema["x-thu-tu"]
    for optional in ("so_ly_lich", "anh"):
        assert optional not in data
        assert f'\n# {optional}: ""\n' in text


def test_every_item_has_its_number_title_and_instructions(text: str,
                                                          schema: dict[str, Any]) -> None:
    comments = " ".join(ln[2:] for ln in text.splitlines() if ln.startswith("# "))
    for key, node in schema["properties"].items():
        if "x-muc" in node:
            assert f"({node['x-muc']}) {node['title']}" in comments, key
        words = " ".join(node["description"].split()[:6])
        assert words in comments, key


def test_comment_lines_are_wrapped(text: str) -> None:
    long_lines = [ln for ln in text.splitlines() if len(ln) > 100 and " " in ln.strip()[2:]]
    assert long_lines == []


def test_values_are_blank(text: str, schema: dict[str, Any]) -> None:
    data = _data(text)
    for key in ("ho_ten_khai_sinh", "ngay_sinh", "so_can_cuoc", "gioi_tinh", "ton_giao",
                "dac_diem_lich_su"):
        assert data[key] == "", key
    # "Không" or a block: the candidate must decide, the block's shape is shown commented out.
    for key in ("doan_thanh_nien", "ket_nap_lai", "nhan_xet_chi_bo", "chung_nhan_cap_uy"):
        assert data[key] == "", key
        assert f"\n# {key}:\n" in text, key
    assert data["noi_cu_tru"]["tam_tru"] == ""
    assert data["noi_cu_tru"]["thuong_tru"] == {"xa": "", "tinh": ""}
    assert list(data["trinh_do"]) == list(schema["properties"]["trinh_do"]["properties"])
    assert all(v == "" for v in data["trinh_do"].values())
    # tables: one empty row when a row is required, else [] with a sample row commented out
    assert data["lich_su_ban_than"] == [{"tu": "", "den": "", "noi_dung": ""}]
    assert data["cong_viec_chuc_vu"] == [{"tu": "", "den": "", "cong_viec": "", "chuc_vu": ""}]
    for key in ("dao_tao_boi_duong", "di_nuoc_ngoai", "khen_thuong", "ky_luat", "tham_tra"):
        assert data[key] == [], key
    person = data["gia_dinh"][0]
    assert person["quan_he"] == ""
    assert person["ho_ten"] == ""
    assert person["nam_sinh"] == ""
    assert "da_mat" not in person  # optional: commented out
    assert set(data["xet_ket_nap"]) == {"chung_nhan_boi_duong", "don_xin_vao_dang"}


def test_commented_blocks_become_valid_yaml_when_uncommented(text: str,
                                                            schema: dict[str, Any]) -> None:
    lines = text.splitlines()
    start = lines.index("# doan_thanh_nien:")
    block = [ln[2:] for ln in lines[start:start + 3]]
    assert yaml.safe_load("\n".join(block)) == {"doan_thanh_nien": {"ngay": "", "noi": ""}}
    start = lines.index("tham_tra: []") + 2
    row_keys = schema["properties"]["tham_tra"]["items"]["properties"]
    row = [ln[2:] for ln in lines[start:start + len(row_keys)]]
    parsed = yaml.safe_load("tham_tra:\n" + "\n".join(row))
    assert list(parsed["tham_tra"][0]) == list(row_keys)


def test_skeleton_fails_validation_item_by_item(text: str) -> None:
    checker = Checker(Repo(ROOT), CheckOptions(on_date=TODAY))
    loaded = load_bytes(text.encode("utf-8"), "dossiers/ky-thuat/KT-2026-050.yaml")
    findings = checker.check_loaded(loaded)
    codes = Counter(f.code for f in findings)
    assert codes["de-trong"] >= 30, codes
    # every finding is about a blank or undecided value, never an unknown or missing key
    assert set(codes) <= {"de-trong", "sai-mau", "gia-tri-khong-hop-le", "sai-dinh-dang",
                          "thieu-dong", "thieu-muc"}, codes
    assert "khoa-la" not in codes
    assert not [f for f in findings if f.code == "thieu-muc" and len(f.path) == 1]
    # every required item is among the findings: nothing blank passes
    named = {f.path[0] for f in findings if f.path}
    for key in ("ho_ten_khai_sinh", "ngay_sinh", "gioi_tinh", "noi_dang_ky_khai_sinh", "que_quan",
                "doan_thanh_nien", "lich_su_ban_than", "gia_dinh", "cam_doan", "xet_ket_nap",
                "nhan_xet_chi_bo", "quy_trinh"):
        assert key in named, key


def test_skeleton_follows_the_schema(schema: dict[str, Any]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["so_dien_thoai"] = {
        "title": "Số điện thoại", "x-muc": "7", "description": "Số điện thoại liên hệ.",
        "type": "string", "pattern": "^\\d{10}$", "errorMessage": "Ghi số điện thoại."}
    changed["required"].append("so_dien_thoai")
    order = changed["x-thu-tu"]
    order.insert(order.index("dan_toc"), "so_dien_thoai")
    changed["properties"]["dan_toc"]["description"] = "Dân tộc gốc theo giấy khai sinh."
    text = new.skeleton(changed, "KD-2027-001", "kinh-doanh", date(2027, 1, 5))
    data = _data(text)
    keys = list(data)
    assert data["so_dien_thoai"] == ""
    assert keys.index("noi_cu_tru") < keys.index("so_dien_thoai") < keys.index("dan_toc")
    assert "# (7) Số điện thoại\n# Số điện thoại liên hệ.\nso_dien_thoai: \"\"\n" in text
    assert "# Dân tộc gốc theo giấy khai sinh.\n" in text
    assert data["quy_trinh"]["lich_su"][0]["ngay"] == "2027-01-05"
    assert "tạo ngày 5-1-2027" in text


def test_skeleton_is_deterministic(schema: dict[str, Any], text: str) -> None:
    assert new.skeleton(schema, "KT-2026-050", "ky-thuat", TODAY) == text


# ------------------------------------------------------------------------------- new.main


def test_main_writes_the_file(repo_copy: Path) -> None:
    path = new.main("KD-2026-050", "kinh-doanh", repo_copy, today=TODAY)
    assert path == repo_copy / "dossiers" / "kinh-doanh" / "KD-2026-050.yaml"
    schema = json.loads((repo_copy / "schema" / "2-knd-2025.schema.json").read_text("utf-8"))
    assert path.read_text(encoding="utf-8") == new.skeleton(schema, "KD-2026-050", "kinh-doanh",
                                                           TODAY)
    assert not [p.name for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp file


def test_main_refuses_without_force_and_overwrites_with_it(repo_copy: Path) -> None:
    path = new.main("KT-2026-050", "ky-thuat", repo_copy, today=TODAY)
    path.write_text("# đã khai một phần\n", encoding="utf-8")
    with pytest.raises(UserError, match="đã có"):
        new.main("KT-2026-050", "ky-thuat", repo_copy, today=TODAY)
    assert path.read_text(encoding="utf-8") == "# đã khai một phần\n"
    new.main("KT-2026-050", "ky-thuat", repo_copy, force=True, today=TODAY)
    assert path.read_text(encoding="utf-8").startswith(MODELINE)


@pytest.mark.parametrize("code", ["kt-2026-050", "KT_2026_050", "KT", "KT 2026", "../KT-2026-050",
                                  "KT-2026-050/", ""])
def test_main_refuses_a_malformed_code(repo_copy: Path, code: str) -> None:
    with pytest.raises(UserError, match="Mã hồ sơ"):
        new.main(code, "ky-thuat", repo_copy, today=TODAY)
    assert sorted(p.name for p in (repo_copy / "dossiers" / "ky-thuat").iterdir()) == \
        sorted(p.name for p in (ROOT / "dossiers" / "ky-thuat").iterdir())


def test_main_suggests_capitals(repo_copy: Path) -> None:
    with pytest.raises(UserError, match="Có phải ý bạn là “KT-2026-050”"):
        new.main("kt-2026-050", "ky-thuat", repo_copy, today=TODAY)


def test_main_refuses_an_unknown_chi_bo(repo_copy: Path) -> None:
    with pytest.raises(UserError) as info:
        new.main("KT-2026-050", "ky-thuat-2", repo_copy, today=TODAY)
    message = str(info.value)
    assert "“ky-thuat-2”" in message
    for known in ("ky-thuat", "kinh-doanh", "van-phong"):
        assert known in message
    assert not (repo_copy / "dossiers" / "ky-thuat-2").exists()


def test_main_refuses_a_code_used_by_another_chi_bo(repo_copy: Path) -> None:
    with pytest.raises(UserError, match="đã được dùng"):
        new.main("KT-2026-001", "kinh-doanh", repo_copy, today=TODAY)
    assert not (repo_copy / "dossiers" / "kinh-doanh" / "KT-2026-001.yaml").exists()


# -------------------------------------------------------------------------------- the CLI


def test_cli_new_creates_then_refuses(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuat"]) == 0
    out = capsys.readouterr().out
    created = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-050.yaml"
    assert created.is_file()
    assert "dossiers/ky-thuat/KT-2026-050.yaml" in out
    loaded = load_file(created)
    assert loaded.findings == []
    assert loaded.data["ma_ho_so"] == "KT-2026-050"
    assert loaded.data["quy_trinh"]["lich_su"][0]["ngay"] == date.today().isoformat()
    before = created.read_bytes()

    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuat"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ")
    assert "đã có" in err
    assert "--ghi-de" in err
    assert created.read_bytes() == before

    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuat", "--ghi-de"]) == 0
    capsys.readouterr()
    # The blank dossier does not pass the check.
    assert main(["check", "--ngay", "2026-11-27", "dossiers/ky-thuat/KT-2026-050.yaml"]) == 1
    assert "de-trong" in capsys.readouterr().out
    assert not (ROOT / "dossiers" / "ky-thuat" / "KT-2026-050.yaml").exists()


def test_cli_new_refuses_an_unknown_chi_bo(repo_copy: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuatt"]) == 2
    err = capsys.readouterr().err
    assert "ky-thuatt" in err
    assert "ky-thuat, kinh-doanh, van-phong" in err
    assert not (repo_copy / "dossiers" / "ky-thuatt").exists()


def test_cli_new_refuses_a_malformed_code(repo_copy: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "kt 2026", "--chi-bo", "ky-thuat"]) == 2
    err = capsys.readouterr().err
    assert "Mã hồ sơ “kt 2026” không hợp lệ" in err
    assert sorted(p.name for p in (repo_copy / "dossiers" / "ky-thuat").iterdir()) == \
        sorted(p.name for p in (ROOT / "dossiers" / "ky-thuat").iterdir())


def test_cli_new_needs_the_chi_bo_option(repo_copy: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "KT-2026-050"]) == 2
    assert "--chi-bo" in capsys.readouterr().err


# ------------------------------------------------------------------------------ the editor's schema


def _dossiers_only(root: Path) -> Path:
    """A repository with dossiers/ and to-chuc.yaml only: schema and templates come installed."""
    (root / "dossiers").mkdir(parents=True)
    (root / "to-chuc.yaml").write_bytes((ROOT / "to-chuc.yaml").read_bytes())
    return root


def _schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, first
    return path.parent / m.group(1)


def test_modeline_points_at_the_repository_schema(repo_copy: Path) -> None:
    path = new.main("KT-2026-051", "ky-thuat", repo_copy, today=TODAY)
    assert path.read_text(encoding="utf-8").startswith(MODELINE + "\n")
    assert _schema_of(path).resolve() == (repo_copy / "schema" / SCHEMA_PATH.name).resolve()
    assert not (repo_copy / new.EDITOR_SCHEMA_DIR).exists()


def test_modeline_in_a_dossiers_only_repository_points_at_a_copy_hoso_keeps(
        tmp_path: Path) -> None:
    kho = _dossiers_only(tmp_path / "kho")
    path = new.main("KT-2026-052", "ky-thuat", kho, today=TODAY)
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../.hoso/2-knd-2025.schema.json\n")
    copy_ = _schema_of(path)
    assert copy_.resolve() == (kho / ".hoso" / SCHEMA_PATH.name).resolve()
    installed = Repo(kho).schema_path()
    assert installed.parent != kho / "schema"
    assert copy_.read_bytes() == installed.read_bytes()
    # a newer hoso (another installed schema): the next `hoso new` refreshes the copy
    copy_.write_text("{}", encoding="utf-8")
    second = new.main("KT-2026-053", "ky-thuat", kho, today=TODAY)
    assert _schema_of(second).read_bytes() == installed.read_bytes()


def test_modeline_is_relative_to_the_dossier_folder(tmp_path: Path) -> None:
    kho = _dossiers_only(tmp_path / "kho")
    target = kho / "dossiers" / "ky-thuat" / "KT-2026-054.yaml"
    assert new.modeline(Repo(kho), target) == \
        "# yaml-language-server: $schema=../../.hoso/2-knd-2025.schema.json"
