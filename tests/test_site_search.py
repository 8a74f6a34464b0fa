"""Search without diacritics: the folded copies added to the site's search index."""

from __future__ import annotations

import json
from pathlib import Path

from hoso.site.search import FOLDED, add_folded_fields, fold_site_index

INDEX = {
    "config": {"lang": ["vi"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
    "docs": [{"location": "a.html", "title": "Đơn vị sáp nhập",
              "text": "<p>Tỉnh <code>Lạng Sơn</code> &amp; xã Đồng Đăng</p>"}],
}


def test_folded_fields_copy_title_and_text() -> None:
    index = add_folded_fields(json.loads(json.dumps(INDEX)))
    doc = index["docs"][0]
    assert doc["title_khong_dau"] == "don vi sap nhap"
    assert doc["text_khong_dau"] == "tinh lang son & xa dong dang"
    assert doc["title"] == "Đơn vị sáp nhập"  # what the reader sees keeps its marks
    fields = index["config"]["fields"]
    assert fields[FOLDED["title"]] == {"boost": 1000.0}
    assert fields[FOLDED["text"]] == {"boost": 1.0}


def test_site_index_and_its_script_are_rewritten_together(tmp_path: Path) -> None:
    assert not fold_site_index(tmp_path)
    folder = tmp_path / "search"
    folder.mkdir()
    (folder / "search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    (folder / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    assert fold_site_index(tmp_path)
    data = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    script = (folder / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    assert json.loads(script.removeprefix("var __index = ")) == data
    assert data["docs"][0]["text_khong_dau"].startswith("tinh lang son")
