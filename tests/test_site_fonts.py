"""The site's bundled monospace font draws every character its code examples use."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from hoso.cli import main

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "docs" / "fonts"
CODE = re.compile(r"<(code|pre)[^>]*>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]*>")
#: Every precomposed Vietnamese letter, lower and upper case.
VIETNAMESE = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ăâđêôơưàáãèéêìíòóõùúýĂÂĐÊÔƠƯÀÁÃÈÉÌÍÒÓÕÙÚÝ"


def _cmaps() -> dict[str, set[int]]:
    return {p.name: set(TTFont(p).getBestCmap()) for p in sorted(FONTS.glob("*.ttf"))}


def test_fonts_are_bundled_with_their_licence() -> None:
    assert set(_cmaps()) == {"LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"}
    licence = (FONTS / "LICENSE-LiberationMono.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence
    css = (ROOT / "docs" / "stylesheets" / "hoso.css").read_text(encoding="utf-8")
    for name in _cmaps():
        assert f'url("../fonts/{name}")' in css


@pytest.mark.parametrize("name", ["LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"])
def test_every_vietnamese_letter_has_a_glyph(name: str) -> None:
    cmap = _cmaps()[name]
    assert [ch for ch in VIETNAMESE if ord(ch) not in cmap] == []


@pytest.mark.slow
def test_every_character_of_the_sites_code_has_a_glyph(repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["site", "--out", str(out), "--khong-in"]) == 0
    used: set[str] = set()
    for page in out.rglob("*.html"):
        for _tag, inner in CODE.findall(page.read_text(encoding="utf-8")):
            used |= set(html.unescape(TAG.sub("", inner)))
    assert {"ố", "Đ", "ữ"} <= used  # the sample dossier's YAML is there
    assert (out / "fonts" / "LiberationMono-Regular.ttf").is_file()
    for name, cmap in _cmaps().items():
        missing = sorted(ch for ch in used if not ch.isspace() and ord(ch) not in cmap)
        assert missing == [], name
