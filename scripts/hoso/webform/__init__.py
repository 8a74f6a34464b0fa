"""``hoso form``: the candidate's 2-KNĐ as one self-contained, offline HTML page.

The page is generated from the schema through the form model (:mod:`hoso.webform.spec`), checks
values with the schema itself (Ajv, vendored in ``vendor/`` with its version and licence) and the
checker's messages, and saves YAML in the layout of ``hoso new`` (:mod:`hoso.webform.layout`).
Everything it needs is inside the one file; its Content-Security-Policy allows no request at all
(scripts and the style are allowed by their hashes; Ajv compiles the schema, hence 'unsafe-eval').
The page carries no dossier data: it is the same for every candidate and is also a page of the
guidance site.

The document is made by :mod:`hoso.webform.document`; this package's names are imported on
first use, so that the site's page about the form (:mod:`hoso.webform.site_page`) costs nothing
of it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoso.errors import UserError, os_error_message
from hoso.util import write_atomic

if TYPE_CHECKING:
    from hoso.webform.document import build, page_data, versions

#: The page's file name (the site links to it under the same name).
FILE_NAME = "khai-ly-lich.html"

__all__ = ["FILE_NAME", "build", "page_data", "versions", "write"]
_LAZY = ("build", "page_data", "versions")


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_document(), name)
    globals()[name] = value
    return value


def write(schema: dict[str, Any], out_dir: Path) -> Path:
    """Write the page into ``out_dir`` (created if needed); return its path."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"Không ghi được trang khai vào {out_dir}: đây là một tệp, không phải thư mục.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / FILE_NAME
        write_atomic(target, _document().build(schema).encode("utf-8"))
    except OSError as exc:
        raise UserError(f"Không ghi được trang khai vào {out_dir}. {os_error_message(exc)}") from exc
    return target


def _document() -> Any:
    return importlib.import_module("hoso.webform.document")
