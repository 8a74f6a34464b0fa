"""``to-chuc.yaml``: one reader, located Vietnamese errors for every verb that reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoso.cli import main
from hoso.errors import UserError
from hoso.org import chi_bo_codes, load_org

ROOT = Path(__file__).resolve().parents[1]
VERBS = [["check"], ["codeowners"], ["report", "--khong-ghi", "--ngay", "2026-11-27"],
         ["new", "KT-2026-050", "--chi-bo", "ky-thuat"], ["rules"]]


def test_the_committed_organisation_file_is_valid() -> None:
    org = load_org(ROOT / "to-chuc.yaml")
    assert chi_bo_codes(org) == ["ky-thuat", "kinh-doanh", "van-phong"]


@pytest.mark.parametrize("argv", VERBS, ids=lambda a: a[0])
def test_yaml_syntax_error_is_located(repo_copy: Path, argv: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (repo_copy / "to-chuc.yaml").write_text("dang_bo: [\n", encoding="utf-8")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Tệp tổ chức to-chuc.yaml có lỗi" in err
    assert "to-chuc.yaml:2:1: yaml-cu-phap: Lỗi cú pháp YAML" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", VERBS, ids=lambda a: a[0])
def test_structure_errors_name_the_field(repo_copy: Path, argv: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (repo_copy / "to-chuc.yaml").write_text(
        "dang_bo:\n  ten: Đảng bộ Thử\n  nhom_dang_uy: dang-uy\n"
        "chi_bo:\n  - ma: Ky Thuat\n    ten: Chi bộ Kỹ thuật\n    nguoi_xem_xet: [\"@a/b\"]\n"
        "chi_tieu:\n  nam:\n    2026: bốn\nchi_boo: 1\n", encoding="utf-8")
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()[1:]
    assert lines == [
        "to-chuc.yaml:3:17: sai-dinh-dang: Đảng bộ › Nhóm GitHub của Đảng ủy: giá trị “dang-uy” "
        "không đúng dạng. Ghi nhóm GitHub dạng “@to-chuc/dang-uy”.",
        "to-chuc.yaml:5:9: sai-dinh-dang: Các chi bộ › dòng thứ 1 › Mã chi bộ: giá trị “Ky Thuat” "
        "không đúng dạng. Ghi mã chi bộ bằng chữ thường không dấu, chữ số và gạch ngang, ví dụ "
        "“ky-thuat”.",
        "to-chuc.yaml:10:11: sai-dinh-dang: Chỉ tiêu kết nạp › Theo năm › Chỉ tiêu năm: giá trị "
        "“bốn” không đúng dạng. Ghi chỉ tiêu năm bằng số nguyên, ví dụ 4.",
        "to-chuc.yaml:11:1: khoa-la: Khóa 'chi_boo' không có trong to-chuc.yaml ở cấp ngoài cùng "
        "của tệp. Có phải ý bạn là 'chi_bo'?",
    ]


def test_a_top_level_that_is_not_a_mapping_keeps_the_organisation_message(
        repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The loader's "khong-phai-ho-so" is about dossiers: to-chuc.yaml gets its schema's message.
    (repo_copy / "to-chuc.yaml").write_text("~\n", encoding="utf-8")
    assert main(["codeowners"]) == 2
    err = capsys.readouterr().err
    assert "khong-phai-ho-so" not in err
    assert "Tệp to-chuc.yaml phải là một bảng các mục" in err


def test_legacy_encoding_and_missing_file(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = repo_copy / "to-chuc.yaml"
    # "Đảng bộ Thử" typed in TCVN3 (ABC): not UTF-8.
    org.write_bytes(b"dang_bo:\n  ten: \xa7\xb6ng b\xe9 Th\xf6\n")
    assert main(["codeowners"]) == 2
    err = capsys.readouterr().err
    assert "to-chuc.yaml:2:" in err
    assert "ma-hoa-" in err
    org.unlink()
    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuat"]) == 2
    # Still a repository (it has dossiers/ and schema/): the verb says what to add.
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp tổ chức to-chuc.yaml" in err
    assert "chi_bo:" in err
    with pytest.raises(UserError, match="Không tìm thấy tệp tổ chức"):
        load_org(org)
