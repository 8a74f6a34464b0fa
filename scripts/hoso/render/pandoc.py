"""pandoc from ``pypandoc-binary``: Markdown → DOCX and Markdown → Typst.

The reader is ``markdown_strict`` with raw HTML off and only the extensions the templates need:
every ASCII punctuation escapable (so escaped values print literally), pipe tables, fenced divs
(for ``custom-style`` and the page-break mark) and link attributes (the photo's size). No raw
TeX, no raw attributes (``{=openxml}``), no native divs/spans from HTML, no smart punctuation,
no math, no footnotes, no citations. pandoc runs with ``--sandbox``: readers and writers read
only the files named on the command line. The committed Lua filter ``templates/2-knd.lua`` turns
the layout marks into page breaks and Typst style calls.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from hoso.errors import UserError
from hoso.util import run

READER = ("markdown_strict-raw_html-shortcut_reference_links-spaced_reference_links"
          "+all_symbols_escapable+pipe_tables+fenced_divs+link_attributes")
LUA_FILTER = "2-knd.lua"
REFERENCE_DOCX = "reference.docx"
# Fixed dates inside the DOCX (core.xml) so that the same input gives the same bytes.
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    try:
        import pypandoc  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UserError("Thiếu gói pypandoc-binary: cài lại hoso (pip install -e .).") from exc
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as exc:
        raise UserError("Không tìm thấy pandoc của gói pypandoc-binary: cài lại gói này.") from exc


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR", "TEMP",
                                                        "SYSTEMROOT")}
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    env["LC_ALL"] = "C.UTF-8"
    return env


def _convert(markdown: str, to: str, templates_dir: Path, extra: list[str]) -> bytes:
    cmd = [pandoc_path(), "--sandbox", "-f", READER, "-t", to,
           "--lua-filter", str(templates_dir / LUA_FILTER), *extra, "-o", "-"]
    return run(cmd, input=markdown.encode("utf-8"), env=_env(), timeout=120,
               hint="pandoc không chuyển được văn bản của hồ sơ.")


def to_docx(markdown: str, templates_dir: Path) -> bytes:
    """The DOCX bytes, styled by ``templates/reference.docx``."""
    return _convert(markdown, "docx", templates_dir,
                    ["--reference-doc", str(templates_dir / REFERENCE_DOCX)])


def to_typst(markdown: str, templates_dir: Path) -> str:
    """The Typst body (no preamble: :mod:`hoso.render.pdf` adds the page layout)."""
    return _convert(markdown, "typst", templates_dir, ["--wrap=preserve"]).decode("utf-8")


def default_reference_docx() -> bytes:
    """pandoc's built-in ``reference.docx`` (the starting point of ours)."""
    return run([pandoc_path(), "--print-default-data-file", "reference.docx"])
