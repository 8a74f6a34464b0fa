"""The stage machine: order, labels, allowed moves, returns."""

from __future__ import annotations

import ast
import itertools
import json
import sys
from pathlib import Path

import pytest

from hoso.workflow import stages

ROOT = Path(__file__).resolve().parents[1]

ORDER = ["khai", "chi_uy_xem_xet", "dang_uy_xem_xet", "chep_chinh_thuc", "tham_tra", "bieu_quyet",
         "ket_nap", "du_bi", "chinh_thuc"]
REVIEWS = {"chi_uy_xem_xet", "dang_uy_xem_xet", "tham_tra", "bieu_quyet"}


def test_order_and_review_stages() -> None:
    assert list(stages.CODES) == ORDER
    assert stages.REVIEW_STAGES == REVIEWS
    assert [s.step for s in stages.ORDER[:6]] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(("current", "nxt"), list(itertools.pairwise(ORDER)))
def test_forward_one_step(current: str, nxt: str) -> None:
    move = stages.plan_move(current, nxt)
    assert (move.current, move.target, move.is_return) == (current, nxt, False)
    assert stages.allowed_moves(current)[0] == nxt


@pytest.mark.parametrize("current", sorted(REVIEWS))
def test_return_from_every_review_stage(current: str) -> None:
    for requested in ("tra_lai", "khai"):
        move = stages.plan_move(current, requested)
        assert (move.target, move.is_return) == ("khai", True)
    assert "tra_lai" in stages.allowed_moves(current)
    assert move.title.startswith("Trả lại để sửa: «")


@pytest.mark.parametrize("current", sorted(set(ORDER) - REVIEWS))
def test_no_return_outside_review_stages(current: str) -> None:
    with pytest.raises(stages.MoveNotAllowed, match="chỉ trả lại được từ"):
        stages.plan_move(current, "tra_lai")
    assert "tra_lai" not in stages.allowed_moves(current)


def test_every_other_move_is_refused() -> None:
    allowed = {(a, b) for a, b in itertools.pairwise(ORDER)}
    allowed |= {(r, "khai") for r in REVIEWS}
    for a in ORDER:
        for b in ORDER:
            if (a, b) in allowed:
                continue
            with pytest.raises(stages.MoveNotAllowed) as info:
                stages.plan_move(a, b)
            assert "«" in str(info.value)


def test_skip_message_names_the_allowed_moves() -> None:
    with pytest.raises(stages.MoveNotAllowed) as info:
        stages.plan_move("chi_uy_xem_xet", "tham_tra")
    text = str(info.value)
    assert "nhảy tới «Thẩm tra lý lịch»" in text
    assert "dang_uy_xem_xet (Đảng ủy xem xét), tra_lai (Trả lại để sửa)" in text


def test_last_stage_has_no_moves() -> None:
    assert stages.allowed_moves("chinh_thuc") == []
    with pytest.raises(stages.MoveNotAllowed, match="giai đoạn cuối"):
        stages.plan_move("chinh_thuc", "chinh_thuc")


def test_unknown_stage_suggests_a_name() -> None:
    with pytest.raises(stages.UnknownStage, match="dang_uy_xem_xet"):
        stages.plan_move("chi_uy_xem_xet", "dang_uy")
    with pytest.raises(stages.UnknownStage):
        stages.get("")


def test_at_or_past_and_returns_count() -> None:
    assert stages.at_or_past("tham_tra", stages.OFFICIAL_COPY)
    assert stages.at_or_past("chep_chinh_thuc", stages.OFFICIAL_COPY)
    assert not stages.at_or_past("dang_uy_xem_xet", stages.OFFICIAL_COPY)
    history = [{"giai_doan": s} for s in
               ["khai", "chi_uy_xem_xet", "khai", "chi_uy_xem_xet", "dang_uy_xem_xet", "khai",
                "chi_uy_xem_xet"]]
    assert stages.count_returns(history) == 2
    assert stages.count_returns([{"giai_doan": "khai"}, "rác", {"giai_doan": 3}]) == 0


def test_labels_match_the_schema() -> None:
    schema = json.loads((ROOT / "schema" / "2-knd-2025.schema.json").read_text(encoding="utf-8"))
    node = schema["properties"]["quy_trinh"]["properties"]["giai_doan"]
    assert node["enum"] == ORDER
    assert {s.code: s.label for s in stages.ORDER} == node["x-nhan"]


def test_every_user_text_is_vietnamese_and_the_module_is_standalone() -> None:
    for stage in stages.ORDER:
        for text in (stage.label, stage.actor, stage.work):
            assert text
            assert text[0].isupper()
    source = (ROOT / "scripts" / "hoso" / "workflow" / "stages.py").read_text(encoding="utf-8")
    imported = {n.module if isinstance(n, ast.ImportFrom) else a.name
                for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import | ast.ImportFrom)
                for a in n.names}
    assert all(name.split(".")[0] in sys.stdlib_module_names for name in imported), imported
