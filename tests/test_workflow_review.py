"""Issue 15, the workflow and its messages: one photo path policy, messages in the user's words,
the output of ``hoso render`` (items 11–13; the concurrent advance and I/O errors have their own
tests in test_advance.py and test_cli_io_errors.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hoso.cli import main

REL = "dossiers/ky-thuat/KT-2026-001.yaml"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
       b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


# ---- 11. One photo path policy, applied by check and render


def _with_photo(repo: Path, value: str) -> int:
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nchi_bo: ky-thuat\n", f'\nchi_bo: ky-thuat\nanh: "{value}"\n', 1)
    path.write_text(text, encoding="utf-8")
    return text.splitlines().index(f'anh: "{value}"') + 1


@pytest.mark.parametrize("value", ["../ngoai-kho.png", "/etc/ngoai-kho.png", "anh/lien-ket.png",
                                   "anh/khong-co.png", "anh/gia.png"])
def test_check_refuses_the_photo_render_refuses(
        value: str, repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = repo_copy.parent / "ngoai-kho.png"
    outside.write_bytes(PNG)
    (repo_copy / "anh").mkdir(exist_ok=True)
    (repo_copy / "anh" / "lien-ket.png").symlink_to(outside)
    (repo_copy / "anh" / "gia.png").write_text("không phải ảnh", encoding="utf-8")
    line = _with_photo(repo_copy, value)
    assert main(["check", "--chi-luoc-do", REL]) == 1
    checked = capsys.readouterr().out
    found = re.search(rf"^{re.escape(REL)}:{line}:\d+: lỗi anh-khong-dung-duoc: (.*)$", checked,
                      re.M)
    assert found, checked
    assert main(["render", REL, "--to", "docx", "--out", str(repo_copy / "ra")]) == 1
    rendered = capsys.readouterr()
    assert found.group(1) in rendered.out + rendered.err  # the same message, the same place


def test_a_photo_inside_the_repository_passes_check(repo_copy: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (repo_copy / "anh").mkdir(exist_ok=True)
    (repo_copy / "anh" / "KT-2026-001.png").write_bytes(PNG)
    _with_photo(repo_copy, "anh/KT-2026-001.png")
    assert main(["check", "--chi-luoc-do", REL]) == 0, capsys.readouterr().out


def test_copying_the_repo_keeps_the_policy_relative(repo_copy: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (repo_copy / "anh").mkdir(exist_ok=True)
    (repo_copy / "anh" / "KT-2026-001.png").write_bytes(PNG)
    _with_photo(repo_copy, "anh/../anh/KT-2026-001.png")
    assert main(["check", "--chi-luoc-do", REL]) == 0
    shutil.rmtree(repo_copy / "anh")
    assert main(["check", "--chi-luoc-do", REL]) == 1
    assert "không tìm thấy tệp ảnh" in capsys.readouterr().out


# ---- 12. Messages speak the user's YAML and name the item

PYTHON_WORDS = re.compile(r"\b(?:True|False|None)\b")
DOTTED_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9_]*|\[\d+\])+")


def _every_rule_message() -> list[tuple[str, str]]:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_rules import RULES, _check

    out = []
    for rule in RULES:
        _, found = _check(rule.failing)
        out += [(f.code, f.message) for f in found]
    return out


def test_no_rule_message_shows_a_bare_key_or_a_python_word() -> None:
    bad = []
    for code, message in _every_rule_message():
        if PYTHON_WORDS.search(message):
            bad.append((code, message))
        for m in DOTTED_KEY.finditer(message):
            # a key path only as the YAML pointer after the item's name: “…” (xet_ket_nap.x)
            if not message[:m.start()].endswith("” ("):
                bad.append((code, message))
    assert bad == []


def _check_text(repo: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = repo / "dossiers" / "kinh-doanh" / "KD-2026-002.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    main(["check", "--chi-luoc-do", "dossiers/kinh-doanh/KD-2026-002.yaml"])
    return capsys.readouterr().out


def test_a_quoted_true_is_told_to_drop_the_quotes(repo_copy: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = _check_text(repo_copy, "chua_phan_dinh: true", 'chua_phan_dinh: "true"', capsys)
    assert "Bỏ dấu ngoặc kép: ghi true." in out
    assert not PYTHON_WORDS.search(out)
    out = _check_text(repo_copy, "dong_dau: true", 'dong_dau: "false"', capsys)
    assert "Bỏ dấu ngoặc kép: ghi false." in out
    assert not PYTHON_WORDS.search(out)


def test_the_nfc_message_names_the_item(repo_copy: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nhân viên kỹ thuật")
    out = _check_text(repo_copy, "nghe_nghiep: ", f"nghe_nghiep: {decomposed} ", capsys)
    line = next(ln for ln in out.splitlines() if "unicode-chua-chuan-hoa" in ln)
    assert "lỗi unicode-chua-chuan-hoa: Mục (10) Nghề nghiệp hiện nay: Chữ “Nhân”" in line


# ---- 13. Output: the decimal comma, the folder once, one colon; finals unchanged stay unchanged


def test_durations_use_the_decimal_comma() -> None:
    from hoso.util import duration

    assert duration(3.84) == "3,8 giây"
    assert duration(12) == "12,0 giây"


def test_build_prints_the_folder_once_and_no_doubled_colons(
        repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", "--khong-trang", "--khong-thong-ke", "--ngay", "2026-11-27"]
    assert main(args) == 0
    out = capsys.readouterr().out
    folder = repo_copy / "build" / "ho-so"
    assert out.count(str(folder)) + out.count("build/ho-so") == 1, out
    assert "Bản nháp, 1 hồ sơ: đã in 1, không đổi 0, không in được 0." in out
    assert "Bản chính thức, 5 hồ sơ: đã in 5, không đổi 0, không in được 0." in out
    assert [ln for ln in out.splitlines() if ln.count(":") > 1 and "://" not in ln] == []
    assert main(args) == 0
    again = capsys.readouterr().out
    assert "Bản chính thức, 5 hồ sơ: đã in 0, không đổi 5, không in được 0." in again


def test_a_final_rerun_the_next_day_is_unchanged(repo_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    import hoso.render.api

    args = ["render", "--ban-chinh-thuc", "--to", "docx", "dossiers/van-phong"]
    assert main(args) == 0  # the four examples of Chi bộ Văn phòng are all final
    assert "đã in 4, không đổi 0" in capsys.readouterr().out

    class Tomorrow(date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(2099, 1, 2)

    monkeypatch.setattr(hoso.render.api, "date", Tomorrow)
    assert main(args) == 0
    assert "4 hồ sơ: đã in 0, không đổi 4, không in được 0." in capsys.readouterr().out
    assert main([*args, "--ngay", "2026-11-27"]) == 0  # judged on a pinned day: judged again
    assert "đã in 4, không đổi 0" in capsys.readouterr().out
