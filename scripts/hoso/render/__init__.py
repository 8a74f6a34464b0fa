"""Render dossiers into the printable Mẫu 2-KNĐ: Markdown (Jinja) → DOCX (pandoc) and PDF (Typst).

The pipeline of one dossier is :mod:`hoso.render.document`; :func:`render_paths` renders many,
incrementally and in parallel. Importing this package is cheap: pandoc, Jinja and Typst are loaded
only when there is something to render.
"""

from hoso.render.api import Progress, RenderReport, parse_formats, render_paths

__all__ = ["Progress", "RenderReport", "parse_formats", "render_paths"]
