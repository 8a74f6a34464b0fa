"""``.github/CODEOWNERS`` is generated from ``to-chuc.yaml`` and must not go stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hoso.cli import main
from hoso.errors import UserError
from hoso.workflow import codeowners

ROOT = Path(__file__).resolve().parents[1]


def test_committed_codeowners_is_up_to_date() -> None:
    expected = codeowners.generate(codeowners.load_org(ROOT / "to-chuc.yaml"))
    committed = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert committed == expected, (
        ".github/CODEOWNERS đã cũ so với to-chuc.yaml: chạy `hoso codeowners` rồi commit tệp.")


def test_rules_of_the_generated_file() -> None:
    org = codeowners.load_org(ROOT / "to-chuc.yaml")
    rules = [line.split() for line in codeowners.generate(org).splitlines()
             if line and not line.startswith("#")]
    assert rules[0] == ["*", org["dang_bo"]["nhom_dang_uy"]], "everything to the Party committee"
    cells = {r[0]: r[1:] for r in rules[1:]}
    assert cells == {f"/dossiers/{c['ma']}/": c["nguoi_xem_xet"] for c in org["chi_bo"]}


def _org(**cell: Any) -> dict[str, Any]:
    base = {"ma": "ky-thuat", "ten": "Chi bộ\nKỹ thuật", "nguoi_xem_xet": ["@to-chuc/chi-uy"]}
    base.update(cell)
    return {"dang_bo": {"ten": "Đảng bộ A", "nhom_dang_uy": "@to-chuc/dang-uy"}, "chi_bo": [base]}


def test_several_reviewers_and_one_line_comments() -> None:
    text = codeowners.generate(_org(nguoi_xem_xet=["@nguoi-mot", "@to-chuc/nhom", "a@b.vn"]))
    assert "/dossiers/ky-thuat/ @nguoi-mot @to-chuc/nhom a@b.vn\n" in text
    assert "# Chi bộ Kỹ thuật\n" in text


@pytest.mark.parametrize(("cell", "message"), [
    ({"nguoi_xem_xet": []}, "chưa có tài khoản nào"),
    ({"nguoi_xem_xet": None}, "chưa có tài khoản nào"),
    ({"nguoi_xem_xet": ["chi-uy"]}, "không phải tài khoản GitHub"),
    ({"nguoi_xem_xet": ["@a b"]}, "không phải tài khoản GitHub"),
    ({"ma": "Kỹ Thuật"}, "chỉ được gồm chữ thường"),
    ({"ma": "../x"}, "chỉ được gồm chữ thường"),
])
def test_bad_organisation_is_a_user_error(cell: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError, match=message):
        codeowners.generate(_org(**cell))


def test_duplicate_cell_and_missing_party() -> None:
    org = _org()
    org["chi_bo"].append(dict(org["chi_bo"][0]))
    with pytest.raises(UserError, match="bị lặp"):
        codeowners.generate(org)
    with pytest.raises(UserError, match="dang_bo"):
        codeowners.generate({"chi_bo": []})


def test_cli_writes_and_checks(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = repo_copy / ".github" / "CODEOWNERS"
    assert main(["codeowners", "--kiem-tra"]) == 1
    assert "đã cũ" in capsys.readouterr().err
    assert main(["codeowners"]) == 0
    assert target.read_text(encoding="utf-8") == (ROOT / ".github" / "CODEOWNERS").read_text(
        encoding="utf-8")
    assert main(["codeowners", "--kiem-tra"]) == 0
    org = (repo_copy / "to-chuc.yaml").read_text(encoding="utf-8")
    (repo_copy / "to-chuc.yaml").write_text(
        org.replace('["@vnpt-lang-son/chi-uy-van-phong"]',
                    '["@vnpt-lang-son/chi-uy-van-phong", "@thu-ky-van-phong"]'), encoding="utf-8")
    assert main(["codeowners", "--kiem-tra"]) == 1
    assert main(["codeowners"]) == 0
    assert "/dossiers/van-phong/ @vnpt-lang-son/chi-uy-van-phong @thu-ky-van-phong\n" in \
        target.read_text(encoding="utf-8")
