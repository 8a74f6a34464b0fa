"""The checker's messages and the schema's instructions as the web form says them.

``hoso check`` speaks to someone editing the YAML file: "thiếu khóa 'mau'", "trong ngoặc kép",
"dạng "YYYY-MM-DD"", "Ghi chua_phan_dinh: true", "bỏ khóa này". On the page there are no keys,
quotes or YAML: a field has a label, a date has day, month and year boxes, a yes/no question is
"Có" / "Không", a field left out is a field left empty. :func:`for_page` turns the checker's text
(made at build time by ``webform.spec``) into the page's in two steps:

1. :data:`YAML_ONLY`, a table of what the checker says for the file and what the page says instead;
2. every key or closed-list code still named ("gồm xa và tinh", "ở truoc_day", "chinh_thuc hoặc
   du_bi") becomes the label the page shows for it, in quotes ("“Xã, phường, đặc khu”").

The checker's own messages are not changed: the page derives its wording from them, so a new
schema message reaches the page by the same rules. ``tests/test_webform.py`` fails when a page
message or guidance text still holds YAML-only advice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from hoso.form import dates

#: The checker's YAML-only phrases (a regular expression) and what the page says instead, in the
#: order they are applied. A replacement may name a key (``\\1``): step 2 gives it its label.
YAML_ONLY: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    # "chưa khai (thiếu khóa 'mau')": the page shows the field; the key means nothing there
    (r" \(thiếu khóa '[^']*'\)", ""),
    # an unknown key of an opened file is the file's own word: named as such
    (r"Khóa '([^']*)' không có trong", "Tệp đã mở có mục “\\1” không có trong"),
    # quotes are how a YAML file keeps digits as text; a form field is text already
    (r", đặt trong dấu ngoặc kép", ""),
    (r" trong (?:dấu )?ngoặc kép", ""),
    # dates are typed in day, month and year boxes: their file format is no advice there, and
    # an example date is shown as the booklet prints it ("ngày 17-4-1999")
    (r' ?\("YYYY-MM(?:-DD)?"(?: hoặc “nay”)?\)', ""),
    (r' dạng "YYYY-MM(?:-DD)?"', ""),
    (r'"([\d-]{7,10})"', lambda m: (dates.show_value(m[1]) if dates.parse(m[1]) else None) or m[0]),
    # a field left out of the file is a field left empty on the page; an empty table has no row
    (r"bỏ khóa này", "để trống"),
    (r"ghi \[\]", "không thêm dòng nào"),
    (r"để \[\]", "để trống"),
    # the shapes of YAML the type messages describe
    (r" \(khóa: giá trị\)", ""),
    (r" \(mỗi dòng bắt đầu bằng dấu -\)", ""),
    (r"một khối bắt đầu bằng “- ([a-z][a-z0-9_]*): …”", "một khối, bắt đầu từ \\1"),
    # the organisation's file is the committee's business
    (r"(?:như )?trong to-chuc\.yaml", "do chi bộ cho biết"),
    # YAML's yes and no are the page's "Có" and "Không"
    (r"“true”", "“Có”"),
    (r"“false”", "“Không”"),
    (r"(?<![\w“])true(?![\w”])", "“Có”"),
    (r"(?<![\w“])false(?![\w”])", "“Không”"),
    # a choice is picked from a list, not typed: its letter case is no advice there
    (r"” \(chữ thường\)", "”"),
    # straight quotes are YAML's; the page quotes like the booklet
    (r'"([^"]*)"', "“\\1”"),
    (r"'([^'\s]*)'", "“\\1”"),
)

#: A key or a closed-list code: lower-case ASCII words, joined by underscores.
_WORD = r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"
#: "key: value" written as YAML ("Ghi mau: 2-KNĐ", "chua_phan_dinh: “Có”").
_KEY_VALUE = re.compile(rf"(?<![\w-])({_WORD}): (“[^”]*”|[^\s“”.,;]+)")
#: A key in parentheses after the words that name it: "năm mất (nam)".
_ASIDE = re.compile(rf" \(({_WORD})\)")
#: A key or code as a word of its own, maybe in the quotes the checker puts around it.
_NAMED = re.compile(rf"['“]?(?<![\w./\\-])({_WORD})(?![\w/\\-]|\.\w)['”]?")
_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in YAML_ONLY)


def for_page(text: str, names: Mapping[str, str], quoted: Mapping[str, str] | None = None) -> str:
    """``text`` (a message or an instruction of the checker) as the page says it.

    ``names`` gives the label the page shows for each key or code the text may name, ``quoted``
    for the codes that are also plain words ("khai", "nam") and are named only in quotes (see
    ``webform.spec.Spec.names_near``); a word in neither is left as it is.
    """
    for rx, repl in _COMPILED:
        text = rx.sub(repl, text)
    in_quotes = {**(quoted or {}), **names}

    def label(word: str) -> str:
        return f"“{in_quotes[word]}”"

    text = _KEY_VALUE.sub(lambda m: f"{label(m[1])} là {_value(m[2])}" if m[1] in names else m[0], text)
    text = _ASIDE.sub(lambda m: "" if m[1] in names else m[0], text)

    def named(m: re.Match[str]) -> str:
        whole, word = m[0], m[1]
        opened = whole[0] in "'“"
        closed = whole[-1] in "'”"
        if word not in names and not (opened and closed and word in in_quotes):
            return whole
        # keep a quote that belongs to the text around (“anh/…”), drop the ones around the word
        before = whole[0] if opened and not closed else ""
        after = whole[-1] if closed and not opened else ""
        return before + label(word) + after

    return _NAMED.sub(named, text)


def _value(text: str) -> str:
    return text if text.startswith("“") else f"“{text}”"
