"""Generate N realistic fictional dossiers with a fixed seed, for benchmarks and load tests.

Every generated dossier starts from the bundled fictional sample and varies what makes dossiers
differ in size: the name, the career table (15) (from a few rows to dozens of consecutive rows),
the number of siblings in (21), and the length of free-text items. Timelines stay continuous so
the dossiers pass ``hoso check``.

    python benchmarks/generate.py OUT_DIR --so-luong 1000 [--hat-giong 2026]
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hoso.load import load_bytes

FAMILY_NAMES = ["NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "VŨ", "ĐẶNG", "BÙI", "ĐỖ", "HỒ", "NGÔ", "LÝ",
                "NÔNG", "LƯƠNG", "VI", "LỘC", "TRIỆU", "HÀ"]
MIDDLE = ["VĂN", "THỊ", "MINH", "THU", "ĐỨC", "NGỌC", "QUANG", "HẢI", "THANH", "XUÂN"]
GIVEN = ["AN", "BÌNH", "CƯỜNG", "DŨNG", "GIANG", "HẠNH", "HÙNG", "KHÁNH", "LINH", "MAI", "NAM",
         "PHƯƠNG", "QUÂN", "SƠN", "THẢO", "TRUNG", "TUẤN", "VÂN", "YẾN"]
JOBS = ["Kỹ sư vận hành mạng", "Nhân viên kinh doanh", "Chuyên viên kỹ thuật", "Kỹ sư phần mềm",
        "Nhân viên chăm sóc khách hàng", "Chuyên viên tổng hợp"]
SENTENCE = ("Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; tích cực tham gia "
            "phong trào thi đua ở địa phương. ")


def sample() -> dict[str, Any]:
    raw = (resources.files("hoso") / "data" / "mau-minh-hoa.yaml").read_bytes()
    loaded = load_bytes(raw, "mau-minh-hoa.yaml")
    assert loaded.ok and isinstance(loaded.data, dict)
    return loaded.data


def _month_add(ym: str, n: int) -> str:
    y, m = (int(x) for x in ym.split("-"))
    total = y * 12 + (m - 1) + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _title(name: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in name.split())


def dossier(base: dict[str, Any], index: int, rng: random.Random) -> dict[str, Any]:
    d = copy.deepcopy(base)
    code = f"BM-{index:05d}"
    name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    d["ma_ho_so"] = code
    d["ho_ten_khai_sinh"] = d["ho_ten_thuong_dung"] = name
    d["nghe_nghiep"] = f"{rng.choice(JOBS)}, viên chức"
    # (15): split the open-ended last row into consecutive rows of varied length.
    work = d["cong_viec_chuc_vu"]
    last = work.pop()
    start, end_limit = last["tu"], "2026-10"
    pieces = rng.choice([1, 1, 2, 4, 8, 16, 32])
    y1, m1 = (int(x) for x in start.split("-"))
    y2, m2 = (int(x) for x in end_limit.split("-"))
    months = (y2 - y1) * 12 + (m2 - m1)
    step = max(1, months // pieces)
    tu = start
    for i in range(pieces - 1):
        den = _month_add(tu, step - 1)
        work.append({"tu": tu, "den": den, "cong_viec": f"{rng.choice(JOBS)}, tổ {i + 1}, VNPT Lạng Sơn",
                     "chuc_vu": "Không"})
        tu = _month_add(den, 1)
    work.append({**last, "tu": tu})
    # (21): a varied number of siblings with varied text length.
    for i in range(rng.choice([0, 1, 2, 4, 8])):
        d["gia_dinh"].append({
            "quan_he": rng.choice(["anh_ruot", "chi_ruot", "em_ruot"]),
            "ho_ten": _title(f"{name.split()[0]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"),
            "nam_sinh": str(1990 + (i * 3) % 15),
            "noi_o": "Phường Tam Thanh, tỉnh Lạng Sơn",
            "nghe_nghiep": rng.choice(["Công nhân", "Giáo viên", "Nông dân", "Kế toán"]),
            "quoc_tich": "Việt Nam",
            "hoan_canh_kinh_te": "Kinh tế ổn định",
            "chinh_tri": SENTENCE * rng.choice([1, 2, 6]),
        })
    d["tu_nhan_xet"]["uu_diem"] += " " + SENTENCE * rng.choice([0, 1, 4])
    return d


def write(out: Path, count: int, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    base = sample()
    folder = out / "dossiers" / base["chi_bo"]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, count + 1):
        d = dossier(base, i, rng)
        text = yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=100)
        path = folder / f"{d['ma_ho_so']}.yaml"
        path.write_text("# Hồ sơ sinh tự động để đo tốc độ — nhân vật hư cấu.\n" + text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--so-luong", type=int, default=1000)
    parser.add_argument("--hat-giong", type=int, default=2026)
    args = parser.parse_args(argv)
    paths = write(args.out, args.so_luong, args.hat_giong)
    print(f"Đã tạo {len(paths)} hồ sơ trong {args.out / 'dossiers'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
