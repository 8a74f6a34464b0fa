"""Hostile and oversized dossiers through ``hoso check``: refused with a located Vietnamese message.

The loader bounds the file size (MAX_BYTES), the length of every list and mapping (MAX_ITEMS) and
the nesting depth (MAX_DEPTH), and never expands YAML aliases; the schema bounds table lengths
(maxItems) and text lengths (maxLength) below those, with ``qua-dai`` findings. Timings are not
asserted here (benchmarks/run.py measures); a hostile file is refused before any costly work.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoso.cli import main
from hoso.load import MAX_BYTES, MAX_DEPTH, MAX_ITEMS, load_file

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
TARGET = "dossiers/ky-thuat/KT-2026-099.yaml"
ON_DATE = "2026-11-27"


def _good() -> dict[str, Any]:
    loaded = load_file(GOOD)
    assert loaded.ok, loaded.findings
    data: dict[str, Any] = loaded.data
    return data


def _write(repo: Path, content: bytes | str | dict[str, Any]) -> str:
    path = repo / TARGET
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, dict):
        content = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return TARGET


def _check(path: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--ngay", ON_DATE, path])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out.splitlines()


def _findings(lines: list[str], code: str) -> list[str]:
    return [ln for ln in lines if f": lỗi {code}: " in ln]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_the_starting_dossier_is_clean(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(_write(repo_copy, _good()), capsys)
    assert code == 0, lines
    assert lines[-1] == "Đã kiểm tra 1 hồ sơ: không có lỗi nào."


# ---- file size


def test_50_mb_file_is_refused_from_its_size(repo_copy: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy / TARGET
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:  # real content, not a sparse file
        line = b"- " + b"x" * 97 + b"\n"
        fh.write(b"ghi_chu:\n" + line * ((50_000_000 - 9) // len(line)))
        fh.write(b"#" * (50_000_000 - fh.tell() - 1) + b"\n")
    assert path.stat().st_size == 50_000_000
    code, lines = _check(TARGET, capsys)
    assert code == 1
    assert lines == [
        f"{TARGET}:1:1: lỗi tep-qua-lon: Tệp quá lớn (50.000.000 byte, giới hạn 1.000.000 byte) "
        "nên không được đọc. Một hồ sơ chỉ khoảng vài chục KB: kiểm tra xem có dán nhầm dữ liệu "
        "(ảnh, bảng tính, tệp khác) vào tệp này không.",
        "Đã kiểm tra 1 hồ sơ: 1 lỗi, 0 cảnh báo.",
    ]


def test_one_byte_over_the_limit_is_refused(repo_copy: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(_write(repo_copy, b"a: " + b"x" * (MAX_BYTES - 3) + b"\n"), capsys)
    assert code == 1
    assert [ln.split(": ", 2)[1] for ln in lines[:-1]] == ["lỗi tep-qua-lon"]
    assert "1.000.001 byte" in lines[0]


def test_a_900_kb_text_is_read_and_checked(repo_copy: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = _good()
    data["tu_nhan_xet"]["uu_diem"] = "Hoàn thành tốt nhiệm vụ." * 27_000
    path = _write(repo_copy, data)
    assert 800_000 < (repo_copy / path).stat().st_size < MAX_BYTES
    _code, lines = _check(path, capsys)
    assert not _findings(lines, "tep-qua-lon")
    assert lines[-1].startswith("Đã kiểm tra 1 hồ sơ:")


def test_free_text_is_capped_by_the_schema(repo_copy: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = _good()
    data["tu_nhan_xet"]["uu_diem"] = "Hoàn thành tốt nhiệm vụ." * 300
    _code, lines = _check(_write(repo_copy, data), capsys)
    assert len(_findings(lines, "qua-dai")) == 1


def test_max_length_gives_qua_dai_naming_the_item(repo_copy: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # the cap the schema's own $defs/chu holds, put on one field of the copy's schema
    schema_file = repo_copy / "schema" / "2-knd-2025.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    cap = schema["$defs"]["chu"]["maxLength"]
    schema["properties"]["tu_nhan_xet"]["properties"]["uu_diem"]["maxLength"] = cap
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    data = _good()
    data["tu_nhan_xet"]["uu_diem"] = ("Hoàn thành tốt nhiệm vụ." * 300)[:cap]
    code, lines = _check(_write(repo_copy, data), capsys)
    assert not _findings(lines, "qua-dai"), lines
    data["tu_nhan_xet"]["uu_diem"] += "."
    path = _write(repo_copy, data)
    text = (repo_copy / path).read_text(encoding="utf-8")
    code, lines = _check(path, capsys)
    assert code == 1
    (finding,) = _findings(lines, "qua-dai")
    line = _line_of(text, "uu_diem:")
    assert finding == (f"{TARGET}:{line}:12: lỗi qua-dai: Mục (22) Tự nhận xét › Ưu điểm: quá dài "
                       f"(tối đa {cap:_} ký tự). Ghi các ưu điểm chính.".replace("_", "."))


# ---- aliases


def _alias_bomb(levels: int, width: int = 9) -> str:
    lines = ['ho_ten_khai_sinh: &a0 ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    for i in range(1, levels):
        lines.append(f"muc_{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [10, 40])
def test_alias_bomb_is_refused_without_expanding_it(
        levels: int, repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 9 ** 40 strings if it were expanded
    code, lines = _check(_write(repo_copy, _alias_bomb(levels)), capsys)
    assert code == 1
    found = _findings(lines, "yaml-bi-danh")
    assert found[0] == (
        f"{TARGET}:1:19: lỗi yaml-bi-danh: Không được dùng neo YAML (&a0): hồ sơ phải ghi đầy "
        "đủ từng giá trị. Hãy xóa “&a0” và chép nội dung vào những chỗ đang dùng “*a0”.")
    assert len(found) == 21  # 20 listed, then how many more
    assert "Còn " in found[-1]
    assert "chưa được liệt kê" in found[-1]
    assert lines[-1].startswith("Đã kiểm tra 1 hồ sơ: ")


def test_alias_inside_a_valid_dossier_is_refused(repo_copy: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("dan_toc: Tày\n", "dan_toc: &dt Tày\n", 1)
    text = text.replace("quoc_tich: Việt Nam\n", "quoc_tich: *dt\n", 1)
    code, lines = _check(_write(repo_copy, text), capsys)
    assert code == 1
    found = _findings(lines, "yaml-bi-danh")
    assert [ln.split(":")[1] for ln in found] == [str(_line_of(text, "&dt")),
                                                  str(_line_of(text, "*dt"))]
    assert "bí danh YAML (*dt)" in found[1]


# ---- list lengths


def _rows(n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        y, m = divmod(2000 * 12 + i, 12)
        month = f"{y:04d}-{m + 1:02d}"
        out.append({"tu": month, "den": month, "cong_viec": f"Công việc thứ {i + 1}",
                    "chuc_vu": "Không"})
    return out


def test_3000_row_table_is_refused_by_the_loader(repo_copy: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = _good()
    data["cong_viec_chuc_vu"] = _rows(3000)
    path = _write(repo_copy, data)
    text = (repo_copy / path).read_text(encoding="utf-8")
    code, lines = _check(path, capsys)
    assert code == 1
    (finding,) = _findings(lines, "qua-nhieu-phan-tu")
    line = _line_of(text, "cong_viec_chuc_vu:") + 1
    assert finding == (
        f"{TARGET}:{line}:1: lỗi qua-nhieu-phan-tu: Danh sách này có 3.000 phần tử, vượt giới "
        f"hạn 2.000. Kiểm tra xem có dán nhầm dữ liệu không; nếu thật sự cần nhiều như vậy, hãy "
        f"rút gọn hoặc tách ra.")
    # nothing else is judged on a file the loader refused
    assert len(lines) == 2


def test_mapping_with_3000_keys_is_refused(repo_copy: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    text = "".join(f"khoa_{i}: {i}\n" for i in range(3000))
    code, lines = _check(_write(repo_copy, text), capsys)
    assert code == 1
    (finding,) = _findings(lines, "qua-nhieu-phan-tu")
    assert finding.startswith(f"{TARGET}:1:1: lỗi qua-nhieu-phan-tu: Bảng này có 3.000 phần tử")


def test_limit_of_the_loader_is_above_the_schema_caps() -> None:
    assert MAX_ITEMS >= 500


@pytest.mark.parametrize(("key", "count", "cap", "label"), [
    ("cong_viec_chuc_vu", 501, 500, "Mục (15)"),
    ("gia_dinh", 201, 200, "Mục (21)"),
])
def test_tables_longer_than_the_schema_allows_are_qua_dai(
        key: str, count: int, cap: int, label: str, repo_copy: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = _good()
    rows = data[key]
    data[key] = [copy.deepcopy(rows[i % len(rows)]) for i in range(count)]
    code, lines = _check(_write(repo_copy, data), capsys)
    assert code == 1
    (finding,) = _findings(lines, "qua-dai")
    assert label in finding
    assert f"quá dài (tối đa {cap} dòng)" in finding
    assert not _findings(lines, "qua-nhieu-phan-tu")


# ---- nesting depth


def _flow(levels: int) -> str:
    return "[" * levels + "Không" + "]" * levels


def _block(levels: int) -> str:
    text = ""
    for i in range(levels):
        text += "\n" + "  " * (i + 1) + f"cap_{i}:"
    return text + " Không"


@pytest.mark.parametrize("style", ["flow", "block"])
def test_30_deep_nesting_is_qua_sau(style: str, repo_copy: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.read_text(encoding="utf-8")
    value = _flow(30) if style == "flow" else _block(30)
    text = text.replace("ten_goi_khac: Không\n", f"ten_goi_khac: {value}\n", 1)
    code, lines = _check(_write(repo_copy, text), capsys)
    assert code == 1
    (finding,) = _findings(lines, "qua-sau")
    assert finding.endswith(
        f"lỗi qua-sau: Dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp). Hồ sơ hợp lệ không lồng "
        "sâu như vậy: hãy kiểm tra lại thụt lề và các dấu ngoặc [ ] { }.")
    line = _line_of(text, "ten_goi_khac:")
    if style == "flow":  # at the bracket that opens the 21st level (the root mapping is the 1st)
        assert finding.startswith(f"{TARGET}:{line}:{len('ten_goi_khac: ') + MAX_DEPTH}:")
    else:
        assert finding.startswith(f"{TARGET}:{line + MAX_DEPTH}:{2 * MAX_DEPTH + 1}:")


def test_nesting_beyond_what_libyaml_accepts(repo_copy: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(_write(repo_copy, "ghi_chu: " + "[" * 100_000 + "\n"), capsys)
    assert code == 1
    assert [ln.split(": ", 2)[1] for ln in lines[:-1]] == ["lỗi qua-sau"]


# ---- many problems in one file


def test_many_problems_are_listed_twenty_per_kind(repo_copy: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    text = "".join(f"muc_{i}:\tx\n" for i in range(5000))
    code, lines = _check(_write(repo_copy, text), capsys)
    assert code == 1
    tabs = [ln for ln in lines if " lỗi ky-tu-tab: " in ln]
    assert len(tabs) == 21
    assert "Còn 4980 chỗ khác" in tabs[-1]


def test_a_folder_of_hostile_files_is_checked_to_the_end(
        repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = repo_copy / "dossiers" / "xau"
    folder.mkdir(parents=True)
    (folder / "1-bom.yaml").write_text(_alias_bomb(20), encoding="utf-8")
    (folder / "2-sau.yaml").write_text("a: " + _flow(50) + "\n", encoding="utf-8")
    (folder / "3-dai.yaml").write_text("a:\n" + "  - x\n" * (MAX_ITEMS + 1), encoding="utf-8")
    (folder / "4-nhi-phan.yaml").write_bytes(bytes(range(256)) * 100)
    (folder / "5-rong.yaml").write_bytes(b"")
    code = main(["check", "--ngay", ON_DATE, "--format", "json", "dossiers/xau"])
    out = capsys.readouterr().out
    assert code == 1
    doc = json.loads(out)
    assert doc["so_ho_so"] == 5
    codes: dict[str, set[str]] = {}
    for f in doc["ket_qua"]:
        codes.setdefault(Path(f["file"]).name, set()).add(f["code"])
    assert codes["1-bom.yaml"] == {"yaml-bi-danh"}
    assert codes["2-sau.yaml"] == {"qua-sau"}
    assert codes["3-dai.yaml"] == {"qua-nhieu-phan-tu"}
    assert "ma-hoa-khong-ro" in codes["4-nhi-phan.yaml"]
    assert codes["5-rong.yaml"] == {"tep-rong"}
    for f in doc["ket_qua"]:
        assert f["line"] >= 1
        assert f["col"] >= 1
