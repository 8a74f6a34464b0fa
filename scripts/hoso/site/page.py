"""Page plumbing shared by the generated pages: where they go, their frame, links, small values.

Every value taken from the schema, the rules or the sample is escaped with :mod:`hoso.escape`
(the MkDocs dialects), so no text becomes markup.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import yaml

from hoso import escape

#: Where generated pages go inside the site, and the nav entry that ``hoso site`` expands.
ITEMS_DIR = "huong-dan-khai"
ITEMS_INDEX = f"{ITEMS_DIR}/index.md"
RULES_PAGE = "loi-thuong-gap.md"
SAMPLE_DIR = "mau-minh-hoa"
SAMPLE_PAGE = f"{SAMPLE_DIR}/index.md"
SAMPLE_NAME = "mau-minh-hoa"
GENERAL_PAGE = f"{ITEMS_DIR}/thong-tin-chung.md"
#: What a build keeps for the next one, inside the site folder: a hidden folder, which mkdocs
#: keeps from one build to the next (and never serves). It holds the generated pages with the
#: fingerprint of what they were made from (``trang.json``), the theme's compiled templates
#: (``jinja/``, :mod:`hoso.site.mkdocs_hooks`) and the sample's documents under the render cache
#: (:mod:`hoso.render.cache`) in ``mau/``: only the fictional sample, its copy, the DOCX and PDF,
#: the intermediate Markdown and Typst.
SITE_CACHE = ".hoso-cache"

GENERATED_NOTE = ("<!-- Trang này do `hoso site` sinh tự động từ lược đồ, danh mục quy tắc và "
                  "hồ sơ minh họa; đừng sửa tay. -->")


class ItemLinks(Protocol):
    """What a rule's page needs to know of the item pages (implemented by
    :class:`hoso.site.items.ItemIndex`): an item's label and title, its keys, a link to it."""

    def keys(self, item: str) -> list[str]: ...

    def label(self, item: str) -> str: ...

    def title(self, item: str) -> str: ...

    def link(self, item: str, from_page: str) -> str | None: ...


@dataclass
class Page:
    path: str  # relative to the docs folder, POSIX
    title: str  # the title in the navigation
    text: str


def make_page(path: str, nav_title: str, heading: str, body: Sequence[str],
              boost: float | None = None) -> Page:
    """A generated page: front matter, the H1, a note, the body.

    The title in the navigation (and in search results) comes from ``nav``; only the item guide's
    index, an untitled section index in ``nav``, takes its title from the front matter.
    """
    meta = [f"title: {json.dumps(heading, ensure_ascii=False)}"] if path == ITEMS_INDEX else []
    if boost is not None:
        meta += ["search:", f"  boost: {boost}"]
    front = ["---", *meta, "---", ""] if meta else []
    text = "\n".join([*front, f"# {escape.mkdocs_inline(heading)}", "", GENERATED_NOTE, "",
                      *body]).rstrip() + "\n"
    return Page(path, nav_title, text)


@lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """ASCII slug for file names and anchors: ``que_quan`` → ``que-quan``."""
    s = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    s = s.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "muc"


def rel(from_page: str, to_page: str) -> str:
    """A link from one generated page to another (both relative to the docs folder)."""
    return os.path.relpath(to_page, os.path.dirname(from_page) or ".").replace(os.sep, "/")


def code_or_text(value: object) -> str:
    """A short value as inline code when it can be (no backtick, pipe or line break), else text."""
    s = str(value)
    if s and re.fullmatch(r"[^`|\n\r]+", s) and s == s.strip() and not escape.INVISIBLE.search(s):
        return f"`{s}`"
    return escape.mkdocs_cell(s)


def admonition_title(text: str) -> str:
    """Text for an admonition title (between double quotes, not parsed as Markdown)."""
    return escape.mkdocs_inline(text).replace('"', "&#34;")


def muc_of(value: object) -> str:
    """The item number of an ``x-muc`` value or a rule's item: ``"(6)"``, ``6`` → ``"6"``."""
    if value is None:
        return ""
    m = re.match(r"\s*\(?\s*(\d+)", str(value))
    return m.group(1) if m else str(value).strip()


def muc_key(muc: str) -> tuple[int, str]:
    """Sort key of an item number: numbers in order, then any other item names."""
    return (int(muc), "") if muc.isdigit() else (10_000, muc)


# -- YAML shown on the pages -------------------------------------------------------------------

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes YAML the way dossiers are written: quoted strings use double quotes, and text that
    any YAML reader could take for a number, a date or a yes/no (``"020099004517"``, ``"1968"``)
    is quoted. libyaml's emitter when PyYAML has it (a third of the time of the pure Python
    one); each string's style is chosen here, as :func:`_represent_str` says."""


_LOOKS_TYPED = re.compile(r"[-+]?[\d._:]+(e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.?(inf|nan)|"
                          r"y|n|yes|no|on|off|true|false|null|~", re.I)
_STR = "tag:yaml.org,2002:str"


class _Analysis:
    """What :meth:`yaml.emitter.Emitter.analyze_scalar` reads of its emitter."""

    allow_unicode = True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Plain when PyYAML's emitter would write the text plain in a block, else double quotes
    (where it would choose single ones): the emitter's own analysis of the text, and its
    resolver for text that would read back as another type."""
    resolved = dumper.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if not _LOOKS_TYPED.fullmatch(value) and resolved == _STR:
        analysis = yaml.emitter.Emitter.analyze_scalar(_Analysis(), value)  # type: ignore[arg-type]
        if analysis.allow_block_plain and not analysis.empty and not analysis.multiline:
            return dumper.represent_scalar(_STR, value)
    return dumper.represent_scalar(_STR, value, style='"')


_Dumper.add_representer(str, _represent_str)


def yaml_text(value: Any) -> str:
    """A value as YAML for a code block (examples of the items and the rules).

    PyYAML's emitter is slow and the rules' examples show the same items again and again, so
    the text of each top-level entry is kept, by its ``repr`` (which tells the types and the
    order of the keys apart): a block mapping's text is its entries' texts one after another.
    """
    if isinstance(value, dict) and value:
        return "".join(_yaml_entry(key, item) for key, item in value.items())
    return _dump(value)


def _yaml_entry(key: Any, item: Any) -> str:
    cache_key = repr((key, item))
    text = _YAML_TEXTS.get(cache_key)
    if text is None:
        text = _YAML_TEXTS[cache_key] = _dump({key: item})
    return text


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)


_YAML_TEXTS: dict[str, str] = {}
