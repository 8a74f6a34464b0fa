"""Search without diacritics: people type "sap nhap" for "sáp nhập", "lang son" for "Lạng Sơn".

MkDocs' search plugin indexes the pages as written, so a query without marks finds only the words
that happen to have none. After the build, every entry of ``search/search_index.json`` gets a
folded copy of its title and text (:func:`hoso.form.text.fold`: no case, no diacritics, đ → d) in
two more fields, declared in the index's own configuration with the boosts of the fields they copy.
Material's search indexes every field the configuration lists but shows only the title and text,
so a query without marks finds through the copies what the same query with marks finds, and the
results still read with their marks. The build does it from its hook (:mod:`hoso.site.mkdocs_hooks`)
before Material's offline plugin copies the index into ``search/search_index.js`` (for pages opened
from disk); on a site already built, :func:`fold_site_index` rewrites that copy to match.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from hoso.form.text import fold

#: field of the index → the field that holds its folded copy.
FOLDED = {"title": "title_khong_dau", "text": "text_khong_dau"}
_TAG = re.compile(r"<[^>]*>")


def plain(markup: str) -> str:
    """The text of an index entry's HTML, on one line."""
    return html.unescape(_TAG.sub(" ", markup))


def folded(markup: str) -> str:
    return fold(unicodedata.normalize("NFC", plain(markup)))


def add_folded_fields(index: dict[str, Any]) -> dict[str, Any]:
    """``index`` (the parsed search index) with the folded fields added, in place."""
    fields = index.setdefault("config", {}).setdefault("fields", {})
    for source, target in FOLDED.items():
        fields[target] = dict(fields.get(source) or {"boost": 1.0})
    for doc in index.get("docs", []):
        for source, target in FOLDED.items():
            doc[target] = folded(str(doc.get(source) or ""))
    return index


def fold_site_index(site_dir: Path) -> bool:
    """Add the folded fields to the built site's search index; False when the site has none."""
    folder = site_dir / "search"
    path = folder / "search_index.json"
    if not path.is_file():
        return False
    index = add_folded_fields(json.loads(path.read_text(encoding="utf-8")))
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    script = folder / "search_index.js"
    if script.is_file():
        script.write_text(f"var __index = {text}", encoding="utf-8")
    return True
