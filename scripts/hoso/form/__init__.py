"""The form model: one place that knows Mẫu 2-KNĐ.

Every stage — the checker, the rules, the renderer, ``hoso diff``, ``hoso new``, the site, the
report — reads the form through this package instead of keeping its own copy:

- :mod:`hoso.form.schema` — reading the JSON Schema and walking it (``$ref``, branches, children);
- :mod:`hoso.form.items` — :class:`Form`: item numbers, printed labels, closed lists, the family
  groups of (21);
- :mod:`hoso.form.dates` — the date model: parsing the precisions the format allows, printing them
  the way the form does, month and working-day arithmetic;
- :mod:`hoso.form.limits` — the legal time limits and thresholds with their sources;
- :mod:`hoso.form.places` — the 34 provincial units and the former provinces;
- :mod:`hoso.form.text` — loose comparison of Vietnamese text.

Escaping of untrusted text is the security boundary and lives in :mod:`hoso.escape`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from hoso.form.items import Form
from hoso.form.schema import read_schema

__all__ = ["Form", "load_form"]


@lru_cache(maxsize=16)
def _cached(path: str, mtime_ns: int, size: int) -> Form:
    return Form(read_schema(Path(path)))


def load_form(path: str | os.PathLike[str]) -> Form:
    """The form of one schema file, read once per process (again only when the file changes).

    A missing or broken file is a :class:`~hoso.errors.UserError` naming it.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        return Form(read_schema(p))  # raises the located UserError
    return _cached(os.fspath(p.resolve()), st.st_mtime_ns, st.st_size)
