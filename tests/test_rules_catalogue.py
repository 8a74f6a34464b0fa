"""Overrides from to-chuc.yaml and the ``hoso rules`` command."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pytest

from hoso.cli import main
from hoso.errors import UserError
from hoso.findings import Severity
from hoso.load import load_bytes
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions
from hoso.validate.rules import catalogue, examples

PINNED = examples.EXAMPLE_DATE


@pytest.fixture(autouse=True)
def _sample(monkeypatch: pytest.MonkeyPatch) -> None:
    other = os.environ.get("HOSO_RULES_SAMPLE")  # as in test_rules.py
    if other:
        monkeypatch.setattr(examples, "sample_text",
                            lambda: Path(other).read_text(encoding="utf-8"))


ROOT = Path(__file__).resolve().parents[1]


def _org(repo: Path, block: str) -> None:
    """The repository's to-chuc.yaml with its empty ``quy_tac: {}`` replaced by ``block``."""
    text = (ROOT / "to-chuc.yaml").read_text(encoding="utf-8")
    assert "\nquy_tac: {}" in text
    (repo / "to-chuc.yaml").write_text(text.replace("\nquy_tac: {}", "\n" + block),
                                       encoding="utf-8")


def _findings(repo: Path, patches: Sequence[Mapping[str, object]], **options: object) -> list[str]:
    loaded = load_bytes(examples.patched_text(patches).encode("utf-8"), "x.yaml")
    checker = Checker(Repo(repo), CheckOptions(on_date=PINNED, **options))  # type: ignore[arg-type]
    return [f"{f.severity.value} {f.code}" for f in checker.check_loaded(loaded)]


DOUBLE_SPACE = [{"dat": "ho_ten_thuong_dung", "gia_tri": "HOÀNG  MINH KHÔI"}]


def test_override_changes_severity_or_turns_a_rule_off(repo_copy: Path) -> None:
    base = catalogue.by_code()["khoang-trang-thua"]
    assert base.severity is Severity.WARNING
    assert _findings(repo_copy, DOUBLE_SPACE) == ["cảnh báo khoang-trang-thua"]
    _org(repo_copy, 'quy_tac:\n  khoang-trang-thua:\n    muc_do: loi\n'
                    '    ly_do: "Đảng bộ yêu cầu trình bày sạch trước khi chép"\n')
    assert _findings(repo_copy, DOUBLE_SPACE) == ["lỗi khoang-trang-thua"]
    _org(repo_copy, 'quy_tac:\n  khoang-trang-thua:\n    muc_do: tat\n    ly_do: "Không dùng"\n')
    assert _findings(repo_copy, DOUBLE_SPACE) == []


@pytest.mark.parametrize(("block", "expected"), [
    ('quy_tac:\n  tuoi-toi-thieux:\n    muc_do: tat\n    ly_do: "x"\n',
     "không có quy tắc “tuoi-toi-thieux”. Có phải ý bạn là “tuoi-toi-thieu”?"),
    ('quy_tac:\n  viet-tat:\n    muc_do: tat\n', "phải ghi ly_do"),
    ('quy_tac:\n  viet-tat:\n    muc_do: tắt\n    ly_do: "x"\n',
     "muc_do phải là loi, canh_bao hoặc tat"),
    ('quy_tac:\n  viet-tat:\n    muc_do: tat\n    ly_do: "x"\n    han: 2026\n',
     "không có mục “han”"),
    # The organisation file's schema catches a list before the catalogue reads it.
    ("quy_tac: [viet-tat]\n", "Điều chỉnh quy tắc: phải là một bảng các mục con"),
])
def test_bad_override_is_a_user_error_with_its_line(repo_copy: Path, block: str,
                                                    expected: str) -> None:
    _org(repo_copy, block)
    with pytest.raises(UserError) as err:
        _findings(repo_copy, [])
    assert expected in str(err.value)
    assert "to-chuc.yaml:" in str(err.value)


def test_check_options_overrides_without_reason(repo_copy: Path) -> None:
    assert _findings(repo_copy, DOUBLE_SPACE, overrides={"khoang-trang-thua": "tat"}) == []


def test_rules_command_json(capsys: pytest.CaptureFixture[str], repo_copy: Path) -> None:
    _org(repo_copy, 'quy_tac:\n  viet-tat:\n    muc_do: tat\n    ly_do: "Chấp nhận viết tắt"\n')
    assert main(["rules", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["so_quy_tac"] >= 40
    shown = {r["code"]: r for r in doc["quy_tac"]}
    assert shown["viet-tat"]["severity"] == "tắt"
    assert shown["viet-tat"]["override"] == {"muc_do": "tat", "ly_do": "Chấp nhận viết tắt"}
    assert shown["tuoi-toi-thieu"]["failing_example"]["vi_tri"] == "ngay_sinh"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_rules_command_text_and_markdown(capsys: pytest.CaptureFixture[str], fmt: str,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # outside any dossier repository: the catalogue as shipped
    assert main(["rules", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "tuoi-toi-thieu" in out
    assert "Chưa đủ 18 tuổi" in out


def test_pinned_date_is_the_tests_date() -> None:
    assert date(2026, 11, 27) == PINNED
