"""``hoso diff``: what changed in the dossiers between two git revisions, item by item.

A reviewer who never reads YAML gets, for every dossier added, removed, renamed or changed, lines
such as::

    Mục (15) Những công việc, chức vụ đã qua: thêm dòng “tháng 9-2020 – nay: Kỹ sư …”
    Giai đoạn: «Chi ủy xem xét» → «Đảng ủy xem xét» (ngày 2-3-2026, Nông Văn Đức: “…”)

Item names come from the repository's schema at run time (``title``, ``x-muc``, ``x-nhan`` for the
labels of closed lists, ``x-thu-tu`` for the booklet order), so a committee's own schema names its
own items. With no HEAD the working tree is compared (untracked dossiers included); ``A...B``
compares from the merge base, as git does.

- :mod:`.revisions` — which files and lines changed, read from git through :mod:`hoso.git`;
- :mod:`.compare` — two versions of one dossier compared item by item;
- :mod:`.report` — the versions read and compared, one entry per dossier;
- :mod:`.render` — the report as text, Markdown (the pull-request comment) or JSON.
"""

from __future__ import annotations

from hoso.workflow.diff.compare import Change, compare_data
from hoso.workflow.diff.render import (
    MARKER,
    RENDERERS,
    render_json,
    render_markdown,
    render_text,
)
from hoso.workflow.diff.report import DossierDiff, Report, build_report, changed_paths

__all__ = [
    "MARKER", "RENDERERS", "Change", "DossierDiff", "Report", "build_report", "changed_paths",
    "compare_data", "render_json", "render_markdown", "render_text",
]
