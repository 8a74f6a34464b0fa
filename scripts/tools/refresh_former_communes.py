"""Regenerate ``scripts/hoso/data/xa-phuong-truoc-2025.json``: the commune-level units before
01-7-2025 (63 provinces, with their districts) and the current unit(s) each became part of.

Source: the ``vietnamadminunits`` package (MIT licence, Tran Ngoc Minh Hieu,
https://github.com/tranngocminhhieu/vietnamadminunits), its ``data/dataset.db`` (names with
diacritics) and ``data/converter_2025.json`` (the old → new mapping). hoso does not depend on
that package at run time (its dependencies shapely, geopy and tqdm would triple the size of the
check-only install); this script reads its data files only, without importing it.

Usage (a maintainer, when a new version of the package corrects its data)::

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python -m zipfile -e /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl /tmp/vau/x
    python scripts/tools/refresh_former_communes.py /tmp/vau/x

then run ``pytest tests/test_places_former.py``: it checks every current unit named in the file
against the list of ``vietnam-provinces`` that the rule xa-khong-co-trong-tinh uses.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "hoso" / "data" / "xa-phuong-truoc-2025.json"


def _version(root: Path) -> str:
    for meta in root.glob("vietnamadminunits-*.dist-info/METADATA"):
        m = re.search(r"^Version: (\S+)", meta.read_text(encoding="utf-8"), re.MULTILINE)
        if m:
            return m.group(1)
    raise SystemExit(f"{root}: no vietnamadminunits-*.dist-info/METADATA (unpack the wheel there)")


def build(root: Path) -> dict[str, object]:
    data = root / "vietnamadminunits" / "data"
    db = sqlite3.connect(data / "dataset.db")
    old = {f"{p}_{d}_{w or ''}": (province, district, ward)
           for province, district, ward, p, d, w in db.execute(
               "SELECT province, district, ward, provinceKey, districtKey, wardKey "
               "FROM admin_units_legacy")}
    new = {(p, w): (province, ward) for province, ward, p, w in db.execute(
        "SELECT province, ward, provinceKey, wardKey FROM admin_units")}
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    # old key → [current ward names], the unit the package takes by default first
    became: dict[str, list[str]] = {}
    province_of: dict[str, str] = {}
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            for old_key in olds:
                became.setdefault(old_key, []).append(new[pkey, wkey][1])
                province_of[old_key] = new[pkey, wkey][0]
    for pkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            ordered = sorted(parts, key=lambda part: not part["isDefaultNewWard"])
            became.setdefault(old_key, []).extend(new[pkey, p["newWardKey"]][1] for p in ordered)
            province_of[old_key] = new[pkey, ordered[0]["newWardKey"]][0]

    missing = sorted(set(old) - set(became))
    if missing:
        raise SystemExit(f"old units without a current one: {missing[:5]}")
    # current province → former province → district → commune → current unit(s)
    tree: dict[str, dict[str, dict[str, dict[str, str | list[str]]]]] = {}
    for old_key, (province, district, ward) in sorted(old.items()):
        if not ward:
            continue  # island districts without communes (Bạch Long Vĩ, Cồn Cỏ, …)
        names = became[old_key]
        unique = list(dict.fromkeys(names))
        districts = tree.setdefault(province_of[old_key], {}).setdefault(province, {})
        districts.setdefault(district, {})[ward] = unique[0] if len(unique) == 1 else unique
    return {
        "nguon": {
            "goi": "vietnamadminunits",
            "phien_ban": _version(root),
            "giay_phep": "MIT, Copyright (c) 2025 Tran Ngoc Minh Hieu",
            "dia_chi": "https://github.com/tranngocminhhieu/vietnamadminunits",
            "tep": ["data/dataset.db", "data/converter_2025.json"],
            "ghi_chu": "Đơn vị hành chính cấp xã trước ngày 01-7-2025 (theo tỉnh hiện nay, tỉnh cũ, "
                       "huyện cũ) và đơn vị cấp xã hiện nay mà mỗi đơn vị cũ nhập vào; đơn vị cũ bị "
                       "chia cho nhiều đơn vị mới có danh sách (đơn vị nguồn chọn mặc định đứng đầu). Tạo "
                       "bằng scripts/tools/refresh_former_communes.py; không sửa tay.",
        },
        "tinh": tree,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("unpacked", type=Path, help="the unpacked vietnamadminunits wheel")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = json.dumps(build(args.unpacked), ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(text.encode()) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
