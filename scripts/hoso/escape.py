"""Untrusted text made literal: the one escaping module, one function per output dialect.

Dossier text is untrusted. Whatever a field holds must print as itself, never become markup in the
language it is written into. Each dialect below is the whole rule for one language; nothing else in
the package escapes text (a lint test holds the line), and every dialect is tested against the same
hostile corpus (``tests/test_escape.py``).

========================  ==================================================================
dialect                   where
========================  ==================================================================
:func:`pandoc`            the 2-KNĐ's intermediate pandoc Markdown (then DOCX and Typst/PDF)
:func:`mkdocs_inline`     the guidance site's Python-Markdown pages (also ``_block``/``_cell``)
:func:`mkdocs_code`       a fenced code block on the site that no line can close
:func:`github_markdown`   the pull-request comment of ``hoso diff``
:func:`github_command`    a GitHub Actions workflow command (``::error file=…::message``)
:func:`html`              the internal report's HTML page and SVG charts
:func:`xml`               text placed into a DOCX part (the footer's provenance)
:func:`terminal`          one line of a table printed in a terminal
========================  ==================================================================
"""

from __future__ import annotations

import html as _html
import json
import re
import string
import unicodedata

# ------------------------------------------------------------------------------------ pandoc

# Every ASCII punctuation character gets a backslash: pandoc's ``all_symbols_escapable`` makes each
# of them a literal.
_PANDOC = {ord(c): "\\" + c for c in string.punctuation}
# Whitespace that could end a line, a paragraph or a table row: collapsed to one space.
_BREAKING_SPACE = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")
_PARAGRAPHS = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")


class MdSafe(str):
    """Markdown built by code (not from data): printed as is."""

    __slots__ = ()


def pandoc(value: object) -> str:
    """One value as literal pandoc Markdown inline text.

    Whitespace collapses (a value never starts a block or ends a table row), the text is NFC and
    every ASCII punctuation character is backslash-escaped. :class:`MdSafe` passes unchanged.
    """
    if isinstance(value, MdSafe):
        return value
    if value is None:
        return ""
    if isinstance(value, bool | list | dict):
        raise TypeError(f"không in trực tiếp được giá trị kiểu {type(value).__name__}: {value!r}")
    text = unicodedata.normalize("NFC", str(value))
    text = _BREAKING_SPACE.sub(" ", text).strip()
    return text.translate(_PANDOC)


def pandoc_paragraphs(value: object) -> MdSafe:
    """Free text that may hold several paragraphs (separated by a blank line), each escaped."""
    if value is None:
        return MdSafe("")
    parts = [p for p in _PARAGRAPHS.split(str(value)) if p.strip()]
    return MdSafe("\n\n".join(pandoc(p) for p in parts))


# ------------------------------------------------------------------------------------ MkDocs

# ASCII punctuation that Markdown or one of the enabled extensions may read as syntax anywhere in
# a line; each is written as a numeric character reference, which Python-Markdown passes through
# untouched and the browser shows as the character itself.
_MKDOCS_ALWAYS = set("\\`*_{}[]#<>&|=~^?!")
# These are syntax only at the start of a line ("- item", "+ item", "1. item").
_MKDOCS_AT_START = set("-+")
INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                       r"\u2060-\u2069\ufeff]")


def show_invisible(text: str) -> str:
    """Control, zero-width and bidi characters written as ``[U+200B]`` so a reader sees them."""
    return INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def mkdocs_inline(text: object) -> str:
    """One line of literal text: no markup, no control or bidi characters, whitespace collapsed."""
    s = unicodedata.normalize("NFC", str(text))
    s = " ".join(show_invisible(s).split())
    out = []
    for i, c in enumerate(s):
        if c in _MKDOCS_ALWAYS or (i == 0 and c in _MKDOCS_AT_START) or (c == "." and s[:i].isdigit()):
            out.append(f"&#{ord(c)};")
        else:
            out.append(c)
    return "".join(out)


def mkdocs_block(text: object) -> str:
    """Literal text that may hold several lines: blank lines separate paragraphs, single line
    breaks are kept as breaks."""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", s) if p.strip()]
    out = []
    for para in paragraphs:
        lines = [mkdocs_inline(line) for line in para.split("\n") if line.strip()]
        out.append("<br>\n".join(lines))
    return "\n\n".join(out)


def mkdocs_cell(text: object) -> str:
    """Text for a table cell: one line, nothing that ends the cell."""
    return mkdocs_inline(text) or " "


def mkdocs_code(text: str, lang: str = "yaml", indent: str = "") -> str:
    """A fenced code block whose fence no line of ``text`` can close."""
    longest = max((len(m.group()) for m in re.finditer(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = show_invisible(text.rstrip("\n"))
    lines = [f"{fence}{lang}", *body.split("\n"), fence]
    return "\n".join(indent + line if line else line for line in lines)


# ------------------------------------------------------------------------------------ GitHub

_GITHUB_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~$])")
# A list item or a thematic break at the start of the text: "- x", "1. x", "---", "===".
_GITHUB_AT_START = re.compile(r"^(\d*)([-.=])")


def github_markdown(text: object) -> str:
    """Text that GitHub Markdown shows literally: no markup, no HTML, no @mentions, no links."""
    s = " ".join(str(text).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _GITHUB_SPECIAL.sub(r"\\\1", s)
    s = _GITHUB_AT_START.sub(r"\1\\\2", s)
    return s.replace("@", "@\u2060").replace("://", ":\u2060//")


def github_command(text: str, prop: bool = False) -> str:
    """A workflow command's message (or, with ``prop``, a property value such as ``file=``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


# ------------------------------------------------------------------------------------ HTML, XML

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """One line of terminal-safe text: control and bidi characters dropped, spaces collapsed."""
    text = _BIDI.sub("", text)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def html(text: object) -> str:
    """Text for an HTML or SVG element or attribute value."""
    return _html.escape(str(text), quote=True)


def xml(text: str) -> str:
    """Text for an XML element (a DOCX part): ``&``, ``<`` and ``>`` as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def script_json(value: object) -> str:
    """JSON for the text of an HTML ``<script type="application/json">`` element: ``<``, ``>``,
    ``&`` and the line separators as ``\\u`` escapes, so no text inside can close the element or
    open a comment; ``JSON.parse`` of the element's text gives ``value`` back."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text
