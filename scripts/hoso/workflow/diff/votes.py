"""A meeting's vote told as one phrase in ``hoso diff``: "tán thành 8/10 → 9/10 (ít nhất 2/3: đạt)".

A vote is four counts that only mean something together — the ones for over the members (the
denominator of the threshold, never those present), the ones present over the members — so a
change of any of them is told as the ratios before and after, with the threshold of that body
(:data:`hoso.form.limits.MEETING_RATIOS`) judged on the new counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hoso.form import Form, limits

COUNTS = ("tong_so", "co_mat", "tan_thanh", "khong_tan_thanh")


def is_vote(form: Form, node: Mapping[str, Any] | None) -> bool:
    """Whether ``node`` is a meeting's ``bieu_quyet`` (its four counts)."""
    props = form.property_names(node) if node else []
    return all(k in props for k in COUNTS)


def _n(vote: Any, key: str) -> str:
    value = vote.get(key) if isinstance(vote, Mapping) else None
    return str(value).strip() if isinstance(value, (str, int)) and str(value).strip() else "?"


def _int(vote: Any, key: str) -> int | None:
    text = _n(vote, key)
    return int(text) if text.isdigit() else None


def _verdict(vote: Any, meeting: str | None) -> str:
    ratio = limits.MEETING_RATIOS.get(meeting or "")
    total, yes = _int(vote, "tong_so"), _int(vote, "tan_thanh")
    if ratio is None or total is None or yes is None:
        return ""
    return f" ({ratio.show()} tổng số: {'đạt' if ratio.met(yes, total) else 'KHÔNG ĐẠT'})"


def _form_label(form: Form, node: Mapping[str, Any] | None, vote: Any) -> str:
    value = vote.get("hinh_thuc") if isinstance(vote, Mapping) else None
    if not value:
        return "?"
    return form.enum_label(form.child(node, "hinh_thuc"), value) or str(value)


def describe(form: Form, node: Mapping[str, Any] | None, vote: Mapping[str, Any],
             meeting: str | None) -> str:
    """A vote recorded for the first time: "tán thành 9/10, không tán thành 1, …"."""
    parts = [f"tán thành {_n(vote, 'tan_thanh')}/{_n(vote, 'tong_so')}",
             f"không tán thành {_n(vote, 'khong_tan_thanh')}",
             f"có mặt {_n(vote, 'co_mat')}/{_n(vote, 'tong_so')}"]
    if vote.get("hinh_thuc"):
        parts.append(_form_label(form, node, vote).lower())
    return ", ".join(parts) + _verdict(vote, meeting)


def change(form: Form, node: Mapping[str, Any] | None, old: Mapping[str, Any],
           new: Mapping[str, Any], meeting: str | None) -> str:
    """A vote changed: each ratio or count before → after, then the threshold on the new one."""
    parts = []
    for key, word in (("tan_thanh", "tán thành"), ("co_mat", "có mặt")):
        before = f"{_n(old, key)}/{_n(old, 'tong_so')}"
        after = f"{_n(new, key)}/{_n(new, 'tong_so')}"
        if before != after:
            parts.append(f"{word} {before} → {after}")
    if _n(old, "khong_tan_thanh") != _n(new, "khong_tan_thanh"):
        parts.append(f"không tán thành {_n(old, 'khong_tan_thanh')} → "
                     f"{_n(new, 'khong_tan_thanh')}")
    if old.get("hinh_thuc") != new.get("hinh_thuc"):
        parts.append(f"hình thức {_form_label(form, node, old).lower()} → "
                     f"{_form_label(form, node, new).lower()}")
    return "; ".join(parts) + _verdict(new, meeting)
