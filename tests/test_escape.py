"""Every escaping dialect against the same hostile corpus, through the real reader of its language.

A dialect is right when the reader of that language gives back exactly the text that went in
(whitespace collapsed where the dialect says so) and no markup at all: pandoc's own AST for the
pandoc dialect, Python-Markdown with the site's extensions for MkDocs, markdown-it (CommonMark and
GitHub's tables and strike-through) for GitHub comments, the HTML and XML parsers for HTML and XML.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt

from hoso import escape
from hoso.render import pandoc as pandoc_mod
from hoso.util import run

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = [
    "Hoàng Minh Khôi, sinh 1999-04-17",
    "**đậm** _nghiêng_ `mã` ~~gạch~~ ^mũ^ ~dưới~",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[liên kết](javascript:alert(1)) ![ảnh](http://x.invalid/y.png)",
    "<http://x.invalid> https://x.invalid/a_b_c www.x.invalid",
    "# Tiêu đề",
    "- gạch đầu dòng",
    "+ cộng",
    "1. danh sách",
    "2) danh sách",
    "> trích dẫn",
    "| a | b |",
    "::: {custom-style=\"Title\"}",
    "`{=openxml}` {.class #id key=val}",
    "\\newpage \\input{/etc/passwd} \\\\",
    "$x^2$ $$y$$",
    "#set page(fill: red) #import \"/etc/passwd\": *",
    "{{ 7*7 }} {% raw %} {# chú thích #}",
    "@mention @org/team #123",
    "&amp; &lt; &#65; &",
    "một\ndòng\n\nhai đoạn\r\nba\ttab",
    "\u202eđảo ngược\u202c và \u2066cô lập\u2069",
    "zero\u200bwidth\ufeffbom",
    "Nguye\u0302\u0303n",
    "::error file=x::tiêm lệnh",
    "%0A%25%3A",
    "[^1] [@cite] <!-- chú thích -->",
    "***",
    "---",
    "===",
    "\\",
    "*",
    "_",
    "<",
    "   thụt lề đầu dòng",
    "a  b   c",
    "1.",
    "'\"'\"' -- ... --- smart",
]

# Characters that no XML document may hold (XML 1.0 §2.2).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def collapsed(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class _Text(HTMLParser):
    """The text of an HTML fragment and the tags it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def html_text(fragment: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts), parser.tags


# ------------------------------------------------------------------------------------ pandoc


def _inline_text(inlines: list[dict[str, object]]) -> tuple[str, set[str]]:
    """The literal text of pandoc inlines, and the kinds of inline that are not text."""
    out: list[str] = []
    other: set[str] = set()
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(str(node["c"]))
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        else:
            other.add(str(kind))
    return "".join(out), other


def test_pandoc_dialect_reads_back_as_the_same_text_and_nothing_else() -> None:
    markdown_text = "\n\n".join(escape.pandoc(value) for value in HOSTILE) + "\n"
    ast = json.loads(run([pandoc_mod.pandoc_path(), "--sandbox", "-f", pandoc_mod.READER,
                          "-t", "json"], input=markdown_text.encode("utf-8")))
    blocks = ast["blocks"]
    assert [b["t"] for b in blocks] == ["Para"] * len(HOSTILE)
    for value, block in zip(HOSTILE, blocks, strict=True):
        text, other = _inline_text(block["c"])
        assert not other, (value, other)
        assert text == collapsed(value), value


def test_pandoc_paragraphs_keep_paragraphs_only() -> None:
    value = "đoạn một *\n\n# đoạn hai\n\n\n- đoạn ba"
    ast = json.loads(run([pandoc_mod.pandoc_path(), "--sandbox", "-f", pandoc_mod.READER,
                          "-t", "json"], input=escape.pandoc_paragraphs(value).encode("utf-8")))
    assert [b["t"] for b in ast["blocks"]] == ["Para"] * 3
    assert [_inline_text(b["c"])[0] for b in ast["blocks"]] == ["đoạn một *", "# đoạn hai",
                                                               "- đoạn ba"]


def test_pandoc_refuses_structured_values() -> None:
    for value in (["a"], {"a": 1}, True):
        with pytest.raises(TypeError):
            escape.pandoc(value)
    assert escape.pandoc(None) == ""
    assert escape.pandoc(escape.MdSafe("**x**")) == "**x**"


# ------------------------------------------------------------------------------------ MkDocs


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, object] = {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            names.append(name)
            configs[name] = options
        else:
            names.append(ext)
    return markdown.Markdown(extensions=names, extension_configs=configs)


@pytest.mark.parametrize("value", HOSTILE)
def test_mkdocs_inline_reads_back_as_the_same_text(site_markdown: markdown.Markdown,
                                                    value: str) -> None:
    site_markdown.reset()
    out = site_markdown.convert(f"Giá trị: {escape.mkdocs_inline(value)}")
    text, tags = html_text(out)
    assert tags == ["p"], (value, out)
    assert text == "Giá trị: " + collapsed(escape.show_invisible(value))


@pytest.mark.parametrize("value", HOSTILE)
def test_mkdocs_cell_stays_in_its_cell(site_markdown: markdown.Markdown, value: str) -> None:
    site_markdown.reset()
    out = site_markdown.convert(f"| a | b |\n|---|---|\n| {escape.mkdocs_cell(value)} | x |\n")
    text, tags = html_text(out)
    assert tags.count("td") == 2, (value, out)
    assert not {"script", "a", "img"} & set(tags), (value, out)
    assert collapsed(escape.show_invisible(value)) in text


def test_mkdocs_block_keeps_lines_and_paragraphs(site_markdown: markdown.Markdown) -> None:
    site_markdown.reset()
    out = site_markdown.convert(escape.mkdocs_block("# một\n- hai\n\n<b>ba</b>"))
    text, tags = html_text(out)
    assert tags == ["p", "br", "p"]
    assert text == "# một\n- hai\n<b>ba</b>"


def test_mkdocs_code_fence_cannot_be_closed(site_markdown: markdown.Markdown) -> None:
    body = "a: 1\n```\n````\nb: <script>\u200b"
    site_markdown.reset()
    out = site_markdown.convert(escape.mkdocs_code(body))
    text, tags = html_text(out)
    assert "script" not in tags
    for part in ("````", "[U+200B]", "b: <script>"):
        assert part in text


# ------------------------------------------------------------------------------------ GitHub


@pytest.mark.parametrize("value", HOSTILE)
def test_github_markdown_reads_back_as_the_same_text(value: str) -> None:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    out = md.render(escape.github_markdown(value))
    text, tags = html_text(out)
    assert tags == ["p"], (value, out)
    expected = " ".join(value.split()).replace("@", "@\u2060").replace("://", ":\u2060//")
    assert text.strip() == expected


@pytest.mark.parametrize("value", HOSTILE)
def test_github_command_is_one_line_and_decodes_back(value: str) -> None:
    for prop in (False, True):
        out = escape.github_command(value, prop)
        forbidden = "\n\r:," if prop else "\n\r"
        assert not set(forbidden) & set(out)
        assert unquote(out) == value


# ------------------------------------------------------------------------------------ HTML, XML


@pytest.mark.parametrize("value", HOSTILE)
def test_html_is_text_only(value: str) -> None:
    out = escape.html(value)
    text, tags = html_text(f"<p title=\"{out}\">{out}</p>")
    assert tags == ["p"]
    assert text == value.replace("\r\n", "\n").replace("\r", "\n") or text == value


@pytest.mark.parametrize("value", HOSTILE)
def test_xml_is_text_only(value: str) -> None:
    clean = _XML_ILLEGAL.sub("", value)
    element = ET.fromstring(f"<t>{escape.xml(clean)}</t>")
    assert len(element) == 0
    assert element.text == clean.replace("\r\n", "\n").replace("\r", "\n") or clean == ""


@pytest.mark.parametrize("value", HOSTILE)
def test_terminal_has_no_control_or_bidi(value: str) -> None:
    out = escape.terminal(value)
    assert not _CONTROL.search(out)
    assert not re.search("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", out)
    assert "\n" not in out
