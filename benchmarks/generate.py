"""Generate N realistic fictional dossiers with a fixed seed, for benchmarks and load tests.

Every generated dossier starts from the bundled fictional sample and varies what makes dossiers
differ in size: the name, the career table (15) (from a few rows to dozens of consecutive rows),
the training courses (17) and awards (19), the family (21) (siblings; for some, a wife with her
whole side of the family and children), and the length of free-text items. Timelines stay
continuous so the dossiers pass ``hoso check`` without errors or warnings.

    python benchmarks/generate.py OUT_DIR --so-luong 1000 [--hat-giong 2026]
"""

from __future__ import annotations

import argparse
import copy
import random
import re
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
            "phong trào thi đua ở địa phương.")
COURSES = ["Bồi dưỡng kỹ năng vận hành mạng truy nhập quang", "An toàn thông tin cho cán bộ kỹ thuật",
           "Kỹ năng chăm sóc khách hàng doanh nghiệp", "Quản trị dự án công nghệ thông tin",
           "Nghiệp vụ công tác Đoàn thanh niên"]
AWARDS = [("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"),
          ("Bằng khen", "Ban Chấp hành Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
          ("Bằng khen", "Tổng Giám đốc Tập đoàn Bưu chính Viễn thông Việt Nam")]
WIFE_SIDE = [  # (relation, birth year, occupation) of a married candidate's wife and her family
    ("vo", "2000", "Giáo viên mầm non"), ("cha_vo_chong", "1972", "Nông dân"),
    ("me_vo_chong", "1975", "Nông dân"), ("ong_noi_ben_vo_chong", "1945", "Nông dân"),
    ("ba_noi_ben_vo_chong", "1948", "Nông dân"), ("ong_ngoai_ben_vo_chong", "1946", "Nông dân"),
    ("ba_ngoai_ben_vo_chong", "1950", "Nông dân")]
GROUP1 = {"ong_noi_ben_vo_chong", "ba_noi_ben_vo_chong", "ong_ngoai_ben_vo_chong",
          "ba_ngoai_ben_vo_chong"}
PLACE = "Xã Văn Quan, tỉnh Lạng Sơn"


def _sentences(rng: random.Random, counts: list[int]) -> str:
    return " ".join([SENTENCE] * rng.choice(counts))


def sample() -> dict[str, Any]:
    raw = (resources.files("hoso") / "data" / "mau-minh-hoa.yaml").read_bytes()
    loaded = load_bytes(raw, "mau-minh-hoa.yaml")
    assert loaded.ok
    assert isinstance(loaded.data, dict)
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
    pieces = rng.choice([1, 1, 2, 4, 8, 16, 32, 48])
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
    family = name.split(maxsplit=1)[0]
    for i in range(rng.choice([0, 1, 2, 4, 8])):
        d["gia_dinh"].append({
            "quan_he": rng.choice(["anh_ruot", "chi_ruot", "em_ruot"]),
            "ho_ten": _title(f"{family} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"),
            "nam_sinh": str(1990 + (i * 3) % 15),
            "noi_o": "Phường Tam Thanh, tỉnh Lạng Sơn",
            "nghe_nghiep": rng.choice(["Công nhân", "Giáo viên", "Nông dân", "Kế toán"]),
            "quoc_tich": "Việt Nam",
            "hoan_canh_kinh_te": "Kinh tế ổn định",
            "chinh_tri": _sentences(rng, [1, 2, 6]),
        })
    # (21): a married candidate lists his wife, her parents and grandparents, and his children.
    if rng.random() < 0.3:
        for relation, born, job in WIFE_SIDE:
            person: dict[str, Any] = {
                "quan_he": relation, "ho_ten": _title(f"LƯƠNG {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"),
                "nam_sinh": born, "que_quan": PLACE, "noi_o": PLACE, "nghe_nghiep": job,
                "ton_giao": "Không", "dan_toc": "Kinh", "quoc_tich": "Việt Nam",
                "chinh_tri": _sentences(rng, [1, 2]),
            }
            if relation not in GROUP1:
                person["noi_sinh"] = PLACE
                person["thanh_phan_giai_cap"] = {"chua_phan_dinh": True}
                person["dang_vien"] = "Không"
            d["gia_dinh"].append(person)
        for i in range(rng.choice([0, 1, 2, 3])):
            d["gia_dinh"].append({
                "quan_he": "con_de", "ho_ten": _title(f"{family} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"),
                "nam_sinh": str(2021 + i * 2), "noi_o": "Phường Tam Thanh, tỉnh Lạng Sơn",
                "nghe_nghiep": "Không", "quoc_tich": "Việt Nam",
                "hoan_canh_kinh_te": "Sống cùng cha mẹ", "chinh_tri": "Còn nhỏ.",
            })
    # (17) and (19): short courses and yearly awards since starting work.
    for i in range(rng.choice([0, 1, 3, 6])):
        month = f"{2023 + i % 3}-{3 + i // 3:02d}"
        d["dao_tao_boi_duong"].append({
            "tu": month, "den": month, "nganh_hoc": rng.choice(COURSES),
            "truong": "Trung tâm Đào tạo, VNPT Lạng Sơn", "hinh_thuc": "Tập trung",
            "van_bang": "Giấy chứng nhận"})
    for year in range(2023, 2023 + rng.choice([0, 0, 1, 2, 3])):
        kind, by = rng.choice(AWARDS)
        d["khen_thuong"].append({"thang": f"{year}-12", "ly_do": f"Hoàn thành tốt nhiệm vụ năm {year}",
                                 "hinh_thuc": kind, "cap_quyet_dinh": by})
    more = _sentences(rng, [0, 1, 4]) if rng.random() < 0.7 else ""
    if more:
        d["tu_nhan_xet"]["uu_diem"] += " " + more
    return d


class _Dumper(yaml.SafeDumper):
    """Quotes text made of digits (a CCCD number "020099004517"): PyYAML writes it plain, and
    YAML 1.2 readers (check-jsonschema, editors) would read a number."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if re.fullmatch(r"[-+.\d][\d_.:eE+-]*", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write(out: Path, count: int, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    base = sample()
    folder = out / "dossiers" / base["chi_bo"]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, count + 1):
        d = dossier(base, i, rng)
        text = yaml.dump(d, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
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
