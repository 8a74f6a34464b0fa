"""Comparing Vietnamese text loosely: no case, no diacritics, single spaces."""

from __future__ import annotations

import unicodedata


def _fold_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(cp))[:1]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), single spaces: for comparing names loosely."""
    return " ".join(text.translate(_FOLD).lower().split())


def lower_first(text: str) -> str:
    """A label or a name inside a sentence: "Tỉnh Bắc Giang" → "tỉnh Bắc Giang"."""
    return text[:1].lower() + text[1:]
