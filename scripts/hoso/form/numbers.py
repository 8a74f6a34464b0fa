"""Counts as the typed Party documents write them: figures, words and percentages.

A resolution states its vote as "10/12 đồng chí (mười trên mười hai), đạt 83,33%": the figure,
the same figure in words, and the ratio with a decimal comma. :func:`words` spells whole numbers
below one million the usual way ("mười một", "hai mươi mốt", "một trăm linh năm").
"""

from __future__ import annotations

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _below_100(n: int, *, inside: bool) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        return f"linh {_DIGITS[unit]}" if inside and unit else _DIGITS[unit]
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        return f"{head} mốt"
    if unit == 5:
        return f"{head} lăm"
    if unit == 4 and tens > 1:
        return f"{head} tư"
    return f"{head} {_DIGITS[unit]}"


def _below_1000(n: int, *, inside: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not inside:
        return _below_100(rest, inside=False)
    head = f"{_DIGITS[hundreds]} trăm"
    return head if rest == 0 else f"{head} {_below_100(rest, inside=True)}"


def words(n: int) -> str:
    """``12`` → ``mười hai``; ``21`` → ``hai mươi mốt``; ``105`` → ``một trăm linh năm``."""
    if not 0 <= n < 1_000_000:
        raise ValueError("only 0 ≤ n < 1 000 000")
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _below_1000(rest, inside=False)
    head = f"{_below_1000(thousands, inside=False)} nghìn"
    return head if rest == 0 else f"{head} {_below_1000(rest, inside=True)}"


def percent(part: int, whole: int) -> str:
    """``percent(10, 12)`` → ``83,33%`` (two decimals, decimal comma); ``–`` for no whole."""
    if whole <= 0:
        return "–"
    value = round(part * 100 / whole, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def fraction(part: int, whole: int) -> str:
    """``10/12 (mười trên mười hai)``."""
    return f"{part}/{whole} ({words(part)} trên {words(whole)})"
