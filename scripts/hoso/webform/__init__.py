"""``hoso form``: the candidate's 2-KNĐ as one self-contained, offline HTML page.

The page is generated from the schema through the form model (:mod:`hoso.webform.spec`), checks
values with the schema itself (Ajv, vendored in ``vendor/`` with its version and licence) and the
checker's messages, and saves YAML in the layout of ``hoso new`` (:mod:`hoso.webform.layout`).
Everything it needs is inside the one file; its Content-Security-Policy allows no request at all
(scripts and the style are allowed by their hashes; Ajv compiles the schema, hence 'unsafe-eval').
The page carries no dossier data: it is the same for every candidate and is also a page of the
guidance site.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import yaml

from hoso import escape, new
from hoso.errors import UserError, os_error_message
from hoso.util import write_atomic
from hoso.webform import layout
from hoso.webform.spec import ROW_LABEL, Spec, province_hints
from hoso.word.layout import PAPERS, PAPERS_HEADING, PAPERS_KEY, candidate_keys

__all__ = ["FILE_NAME", "build", "write"]

#: The page's file name (the site links to it under the same name).
FILE_NAME = "khai-ly-lich.html"
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
    blank = yaml.safe_load(new.skeleton(schema, "", "", _BLANK_DAY))
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


def write(schema: dict[str, Any], out_dir: Path) -> Path:
    """Write the page into ``out_dir`` (created if needed); return its path."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"Không ghi được trang khai vào {out_dir}: đây là một tệp, không phải thư mục.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / FILE_NAME
        write_atomic(target, build(schema).encode("utf-8"))
    except OSError as exc:
        raise UserError(f"Không ghi được trang khai vào {out_dir}. {os_error_message(exc)}") from exc
    return target
