"""Golden files: the intermediate Markdown and Typst of the fixture and of each example dossier.

The fixed fictional fixture (tests/fixtures/render/) is the primary golden; every dossier under
dossiers/ is discovered and compared too. An example without golden files, or one that does not
load or check clean (judged at the examples' pinned date), fails — never skips: write the golden
files with ``pytest --update-golden`` and fix the example.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render_support import FIXTURE, ROOT

from hoso.load import load_file
from hoso.render.document import Renderer
from hoso.validate.rules.examples import EXAMPLE_DATE

GOLDEN = ROOT / "tests" / "golden" / "render"
EXAMPLES = sorted((ROOT / "dossiers").rglob("*.yaml"))


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(ROOT)


def _name(path: Path) -> str:
    if path == FIXTURE:
        return path.stem
    return "-".join(path.relative_to(ROOT).with_suffix("").parts)


def _compare(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"thiếu {golden}: chạy pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden.name} khác bản golden; nếu thay đổi là cố ý: pytest --update-golden")


def _check(path: Path, renderer: Renderer, update: bool) -> None:
    name = _name(path)
    md_golden, typ_golden = GOLDEN / f"{name}.md", GOLDEN / f"{name}.typ"
    loaded = load_file(path)
    assert loaded.ok, f"{path.name} không đọc được: {loaded.findings}"
    findings = renderer.checker(final=False, on_date=EXAMPLE_DATE).check_loaded(loaded)
    assert not findings, f"{path.name} chưa đạt kiểm tra: {findings}"
    markdown = renderer.markdown(loaded.data)
    _compare(markdown, md_golden, update)
    _compare(renderer.typst_source(markdown), typ_golden, update)


def test_fixture_golden(renderer: Renderer, update_golden: bool) -> None:
    _check(FIXTURE, renderer, update_golden)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_golden(path: Path, renderer: Renderer, update_golden: bool) -> None:
    _check(path, renderer, update_golden)


def test_golden_markdown_keeps_the_booklet_order(renderer: Renderer) -> None:
    text = (GOLDEN / f"{FIXTURE.stem}.md").read_text(encoding="utf-8")
    heads = [line for line in text.splitlines() if line.startswith("# ")]
    assert heads == [
        "# SƠ LƯỢC LÝ LỊCH",
        "# (14) LỊCH SỬ BẢN THÂN",
        "# (15) NHỮNG CÔNG VIỆC, CHỨC VỤ ĐÃ QUA",
        "# (16) ĐẶC ĐIỂM LỊCH SỬ",
        "# (17) NHỮNG LỚP ĐÀO TẠO, BỒI DƯỠNG ĐÃ QUA",
        "# (18) ĐI NƯỚC NGOÀI",
        "# (19) KHEN THƯỞNG",
        "# (20) KỶ LUẬT",
        "# (21) HOÀN CẢNH GIA ĐÌNH",
        "# (22) TỰ NHẬN XÉT",
        "# (23) CAM ĐOAN VÀ KÝ TÊN",
        "# (24) NHẬN XÉT CỦA CẤP ỦY, TỔ CHỨC ĐẢNG NƠI ĐẾN THẨM TRA LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG",
        "# (25) NHẬN XÉT CỦA CHI ỦY HOẶC CỦA CHI BỘ (NƠI KHÔNG CÓ CHI ỦY)",
        "# (26) CHỨNG NHẬN CỦA CẤP ỦY CƠ SỞ HOẶC CẤP ỦY CẤP TRÊN TRỰC TIẾP CỦA TỔ CHỨC CƠ SỞ "
        "ĐẢNG (NƠI KHÔNG CÓ ĐẢNG ỦY CƠ SỞ)",
    ]
    # cover | (1)–(13) | (14) | (15) | (16) | (17)+(18) | (19)+(20) | (21) | (22)+(23) | (24)
    # | (25) | (26)
    assert text.count("::: ngat-trang") == 11


def test_every_example_has_its_golden_files() -> None:
    """A dossier added to dossiers/ without golden files is a failure, not a silent skip."""
    names = {_name(path) for path in [FIXTURE, *EXAMPLES]}
    for name in names:
        for suffix in (".md", ".typ"):
            assert (GOLDEN / f"{name}{suffix}").is_file(), (
                f"thiếu {name}{suffix}: chạy pytest --update-golden")
    stale = {p.stem for p in GOLDEN.iterdir()} - names
    assert not stale, f"golden files of dossiers that no longer exist: {sorted(stale)}"
