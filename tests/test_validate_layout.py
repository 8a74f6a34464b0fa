"""The validation package: the pipeline's layout, and rules that read the form model (labels from
the schema, time limits from :mod:`hoso.form.limits`) instead of keeping copies."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hoso.form import limits, load_form
from hoso.repo import find_repo_or_checkout
from hoso.validate.rules import catalogue
from hoso.validate.rules.base import Ctx

ROOT = Path(__file__).resolve().parents[1]
VALIDATE = ROOT / "scripts" / "hoso" / "validate"
SCHEMA = ROOT / "schema" / "2-knd-2025.schema.json"


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_rules_never_import_the_pipeline_that_runs_them() -> None:
    for path in sorted((VALIDATE / "rules").rglob("*.py")):
        pipeline = {n for n in _imported(path) if n.startswith("hoso.validate.check")}
        assert not pipeline, f"{path.name} imports {pipeline}"


def test_no_validation_module_is_over_600_lines() -> None:
    for path in sorted(VALIDATE.rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        assert count <= 600, f"{path.relative_to(ROOT)}: {count} lines"


def test_the_context_names_items_by_the_schema() -> None:
    ctx = Ctx({}, form=load_form(SCHEMA))
    assert ctx.item("ngay_sinh") == "Mục (3) Sinh ngày"  # x-ngan
    assert ctx.item("cong_viec_chuc_vu") == "Mục (15) Những công việc, chức vụ đã qua"  # title
    assert ctx.item_at(("cong_viec_chuc_vu", 1, "tu")) == \
        "Mục (15) Những công việc, chức vụ đã qua, dòng 2"
    assert ctx.item_at(("gia_dinh", 1, "nam_sinh")) == "Mục (21) Hoàn cảnh gia đình"
    assert ctx.part("noi_cu_tru", "thuong_tru") == "Mục (7) Nơi cư trú – Nơi thường trú"
    assert ctx.field("gia_dinh", 0, "noi_o") == "chỗ ở hiện nay"
    assert ctx.relation("ong_noi_ben_vo_chong") == "ông nội bên vợ (chồng)"
    assert ctx.relation(None) == "người thân"


def test_a_context_built_by_hand_reads_the_repository_form() -> None:
    assert Ctx({}).form.schema == load_form(SCHEMA).schema


def test_outside_a_repository_the_checkout_is_used(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_repo_or_checkout().root == ROOT


@pytest.mark.parametrize(("code", "limit"), [
    ("tuoi-toi-thieu", limits.MIN_AGE), ("tuoi-tren-60", limits.MAX_AGE),
    ("chung-nhan-boi-duong-het-han", limits.CERTIFICATE_MONTHS),
    ("giay-to-qua-han", limits.PAPER_MONTHS), ("nuoc-ngoai-3-thang", limits.ABROAD_MONTHS),
    ("nguoi-gioi-thieu-cung-cong-tac", limits.INTRODUCER_MONTHS),
    ("le-ket-nap-dung-han", limits.CEREMONY_WORKDAYS), ("du-bi-12-thang", limits.PROBATION_MONTHS),
    ("ket-nap-lai-36-thang", limits.READMISSION_MONTHS),
    ("ket-nap-lai-xoa-an-tich", limits.READMISSION_EXPUNGED_MONTHS),
])
def test_rule_titles_state_the_limit_they_check(code: str, limit: limits.Limit) -> None:
    title = catalogue.by_code()[code].title
    assert limit.show() in title or f"{limit.value} tuổi" in title
