"""Issue 15, the printed 2-KNĐ: what a close review of every page found, one test per point.

The documents are read back (pypdf for the PDF's text layer, the DOCX's XML); layout questions
(a table row, a signature block across a page break) are asked of the PDF page by page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_render_support import ROOT

from hoso.load import load_file
from hoso.render.document import Renderer
from hoso.render.markdown import signs_for
from hoso.validate.check import Checker, CheckOptions

VP = ROOT / "dossiers" / "van-phong" / "VP-2025-003.yaml"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(ROOT)


def _data(path: Path = VP) -> dict[str, Any]:
    data = load_file(path).data
    assert isinstance(data, dict)
    return data


# ---- 1. "T/M": the print owns the prefix, the data names the body


@pytest.mark.parametrize("value", ["Chi ủy", "T/M Chi ủy", "T/M CHI ỦY", "t/m chi ủy", "TM. Chi ủy",
                                   "Thay mặt Chi ủy", "  T / M   Chi ủy "])
def test_the_signature_line_has_one_on_behalf_prefix(value: str) -> None:
    assert signs_for(value) == "T/M CHI ỦY"


def test_no_block_prints_a_doubled_prefix(renderer: Renderer) -> None:
    data = _data()
    data["nhan_xet_chi_bo"] = {**data["nhan_xet_chi_bo"], "thay_mat": "T/M CHI ỦY"}
    data["chung_nhan_cap_uy"] = {**data["chung_nhan_cap_uy"], "thay_mat": "Đảng ủy"}
    markdown = renderer.markdown(data)
    assert "T\\/M T\\/M" not in markdown
    assert "T\\/M CHI ỦY" in markdown
    assert "T\\/M ĐẢNG ỦY" in markdown


def test_a_prefix_in_the_data_is_a_located_warning(tmp_path: Path) -> None:
    text = VP.read_text(encoding="utf-8").replace("thay_mat: Chi ủy", "thay_mat: T/M CHI ỦY")
    path = tmp_path / "VP-2025-003.yaml"
    path.write_text(text, encoding="utf-8")
    from hoso.repo import Repo

    found = Checker(Repo(ROOT), CheckOptions()).check_loaded(load_file(path))
    hits = [f for f in found if f.code == "thay-mat-ghi-tm"]
    assert len(hits) == 1
    (hit,) = hits
    assert hit.severity.value == "cảnh báo"
    assert hit.path == ("nhan_xet_chi_bo", "thay_mat")
    assert hit.line == text.splitlines().index("  thay_mat: T/M CHI ỦY") + 1
    assert "Mục (25)" in hit.message
    assert "“CHI ỦY”" in hit.message


def test_the_schema_and_the_skeleton_say_who_owns_the_prefix() -> None:
    from hoso.form.schema import read_schema
    from hoso.new import skeleton

    schema = read_schema(ROOT / "schema" / "2-knd-2025.schema.json")
    for key in ("nhan_xet_chi_bo", "chung_nhan_cap_uy"):
        block = schema["properties"][key]["oneOf"][1]["properties"]["thay_mat"]
        assert not any(str(e).upper().startswith("T/M") for e in block["examples"])
        assert "Không ghi “T/M”" in block["description"]
    from datetime import date

    text = skeleton(schema, "KT-2026-010", "ky-thuat", date(2026, 3, 1))
    assert re.search(r"^#   thay_mat: \"\"  # ví dụ “Chi ủy”$", text, re.M)
    assert "bản in tự thêm “T/M”" in text
    yaml.safe_load(text)
