"""The Jinja environment that writes pandoc Markdown, with every value escaped.

Dossier text is untrusted: whatever a field holds must print literally, never become Markdown,
HTML, TeX, Typst or a pandoc attribute. The environment guarantees it in one place: its
``finalize`` hook escapes the result of every ``{{ … }}`` expression, so a template cannot forget.
Escaping collapses whitespace (a value never starts a block or ends a table row), normalises to NFC
and puts a backslash before every ASCII punctuation character — pandoc's ``all_symbols_escapable``
makes each of them a literal. Markup that the template itself needs lives in the template's own
text; the few filters that build markup from code return :class:`MdSafe`.

The environment is sandboxed (``ImmutableSandboxedEnvironment``) and undefined names are errors
(``StrictUndefined``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from hoso.escape import pandoc, pandoc_paragraphs
from hoso.form import dates, places
from hoso.form.text import ON_BEHALF, on_behalf_body


def address(value: object) -> str:
    """A structured address (chi_tiet, xa, huyen, tinh, truoc_day; or dia_chi, quoc_gia abroad)
    as one line of running text, the units' common nouns in lower case.

    "Số 12, đường Bà Triệu, phường Tam Thanh, tỉnh Lạng Sơn (trước đây là …)". A plain string
    (a relative's place, or "Không") is printed the same way.
    """
    if not isinstance(value, Mapping):
        return "" if value is None else places.in_running_text(str(value))
    keys = ("chi_tiet", "dia_chi", "xa", "huyen", "tinh", "quoc_gia")
    parts = [str(value[k]).strip() for k in keys
             if isinstance(value.get(k), str) and value[k].strip()]
    text = ", ".join(parts)
    before = value.get("truoc_day")
    if isinstance(before, str) and before.strip():
        text += f" (trước đây là {before.strip()})"
    return places.in_running_text(text)


def person_name(value: object) -> str:
    """A name as written under a signature: "HOÀNG MINH KHÔI" → "Hoàng Minh Khôi"."""
    text = str(value or "").strip()
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def signs_for(value: object) -> str:
    """The "T/M …" line of a signature block: the form owns the prefix, the data names the body
    ("Chi ủy" → "T/M CHI ỦY"); a value that already starts with "T/M" keeps one prefix."""
    return f"{ON_BEHALF} {on_behalf_body(str(value or '')).upper()}"


#: The place of a signature's date line left to be written by hand.
PLACE_BLANK = "……………"


def place_and_date(block: object) -> str:
    """The date line of a signature block from its ``noi_viet`` and ``ngay``: "Lạng Sơn, ngày 8
    tháng 7 năm 2025"; without a place, a blank to write it by hand (every block prints both)."""
    if not isinstance(block, Mapping):
        return ""
    place = block.get("noi_viet")
    place = place.strip() if isinstance(place, str) and place.strip() else PLACE_BLANK
    return f"{place}, {dates.ngay_thang_nam(block.get('ngay'))}"


def blank(value: object) -> bool:
    """True for a value that says "nothing": missing, empty, or "Không"."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().casefold() in ("", "không")
    if isinstance(value, list | Mapping):
        return len(value) == 0
    return False


FILTERS: Mapping[str, Callable[..., Any]] = {
    "so": dates.so,
    "ngay": dates.ngay,
    "ngay_thang_nam": dates.ngay_thang_nam,
    "khoang": dates.khoang,
    "tu_den": dates.tu_den,
    "dia_chi": address,
    "ten": person_name,
    "thay_mat": signs_for,
    "noi_ngay": place_and_date,
    "doan": pandoc_paragraphs,
}
TESTS: Mapping[str, Callable[..., bool]] = {"trong": blank}


def make_env(templates_dir: Path) -> ImmutableSandboxedEnvironment:
    """The one factory of the template environment (filters and tests registered once)."""
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=pandoc,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    return env
