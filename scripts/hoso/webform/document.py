"""The web form's HTML document: the page of :mod:`hoso.webform`, its data and its file."""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from importlib import resources
from string import Template
from typing import Any

import yaml

from hoso import escape, new
from hoso.errors import UserError
from hoso.validate.schema import GUESS_CUTOFF_KEY, GUESS_CUTOFF_VALUE
from hoso.webform import layout
from hoso.webform.spec import GUESS, ROW_LABEL, Spec, family_groups, province_hints
from hoso.word.layout import PAPERS, PAPERS_HEADING, PAPERS_KEY, candidate_keys

__all__ = ["build", "page_data", "versions"]
#: The date the blank form's first workflow step carries; the page writes today's instead.
_BLANK_DAY = date(2000, 1, 1)


def _static(name: str) -> str:
    return resources.files("hoso.webform").joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _inline(text: str, what: str) -> str:
    if "</script" in text.lower() or "<!--" in text:
        raise UserError(f"Không nhúng được {what} vào trang: tệp có chuỗi đóng thẻ script.")
    return text


def versions() -> list[tuple[str, str]]:
    """(file, package@version) of each vendored library, from ``vendor/VERSIONS``."""
    out = []
    for line in _static("vendor/VERSIONS").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split()
            out.append((parts[0], parts[1]))
    return out


def page_data(schema: dict[str, Any]) -> dict[str, Any]:
    """What the page's script reads: the fields, the save layout, places, the blank dossier."""
    spec = Spec(schema)
    items = spec.top()
    # the candidate's part is the one of the Word form (hoso word): (1)–(23) and two papers;
    # the keys before (1) identify the dossier; the rest is the committee's, shown folded
    mine = candidate_keys(spec)
    first = next((i for i, item in enumerate(items) if item["key"] in mine), len(items))
    head = [item["key"] for item in items[:first]]
    committee = [item["key"] for item in items[first:] if item["key"] not in mine]
    blank = yaml.load(new.skeleton(schema, "", "", _BLANK_DAY), Loader=yaml.CSafeLoader)
    return {
        "items": items,
        "head": head,
        "committee": committee,
        "papers": {"key": PAPERS_KEY, "keys": list(PAPERS), "title": PAPERS_HEADING},
        "layout": layout.describe(schema),
        "places": province_hints(),
        "initial": blank,
        "initial_date": _BLANK_DAY.isoformat(),
        "row_label": ROW_LABEL,
        "guess": {"mark": GUESS, "key": GUESS_CUTOFF_KEY, "value": GUESS_CUTOFF_VALUE},
        "family": family_groups(spec),
        "schema": schema,
    }


def build(schema: dict[str, Any]) -> str:
    """The page's HTML text."""
    style = _static("static/form.css")
    scripts = {
        "ajv": _inline(_static("vendor/ajv2020.min.js"), "Ajv"),
        "jsyaml": _inline(_static("vendor/js-yaml.min.js"), "js-yaml"),
        "script": _inline(_static("static/form.js"), "form.js"),
    }
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src 'unsafe-eval' " + " ".join(_hash(s) for s in scripts.values()),
            "style-src " + _hash(style),
            "img-src data: blob:",
            "connect-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )
    shown = ", ".join(f"{pkg} ({name})" for name, pkg in versions())
    return Template(_static("static/page.html")).substitute(
        csp=escape.html(csp),
        style=style,
        data=escape.script_json(page_data(schema)),
        versions=escape.html(shown),
        schema_id=escape.html(schema.get("$id", "")),
        **scripts,
    )
