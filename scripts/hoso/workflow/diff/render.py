"""The report of ``hoso diff`` printed: plain text (terminal), Markdown (pull-request comment), JSON.

User text in the Markdown goes through :func:`hoso.escape.github_markdown`, so a dossier's content
is shown literally and never renders as markup, a link or a mention.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hoso.escape import github_markdown as md
from hoso.workflow.diff.compare import Change
from hoso.workflow.diff.report import DossierDiff, Report

STATUS_LABELS = {"them": "hồ sơ mới", "xoa": "xóa hồ sơ", "doi_ten": "đổi tên tệp", "sua": "sửa"}

MARKER = "<!-- hoso-diff -->"

COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters


def _headline(report: Report) -> str:
    n = len(report.dossiers)
    if not n:
        return "Không có hồ sơ nào thay đổi."
    counts: dict[str, int] = {}
    for d in report.dossiers:
        counts[d.status] = counts.get(d.status, 0) + 1
    parts = [f"{counts[s]} {STATUS_LABELS[s]}" for s in ("them", "sua", "doi_ten", "xoa")
             if s in counts]
    return f"{n} hồ sơ thay đổi: " + ", ".join(parts) + "."


def _title_of(d: DossierDiff) -> str:
    who = ", ".join(x for x in (d.code, d.name) if x)
    return f"{d.path} — {who}" if who else d.path


def _grouped(changes: Sequence[Change]) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for c in changes:
        if groups and groups[-1][0] == c.item:
            groups[-1][1].append(c.text)
        else:
            groups.append((c.item, [c.text]))
    return groups


def render_text(report: Report) -> str:
    lines = [f"So sánh hồ sơ {report.base[:7]} → {report.head_label}: {_headline(report)}"]
    for d in report.dossiers:
        lines.append("")
        lines.append(f"{_title_of(d)} ({STATUS_LABELS[d.status]})")
        for item, texts in _grouped(d.changes):
            if len(texts) == 1:
                lines.append(f"  {item}: {texts[0]}")
            else:
                lines.append(f"  {item}:")
                lines.extend(f"    - {t}" for t in texts)
    return "\n".join(lines) + "\n"


def render_markdown(report: Report, limit: int = COMMENT_LIMIT) -> str:
    """Markdown for a pull-request comment; the hidden marker lets CI find and update it."""
    lines = [MARKER, "### Thay đổi trong hồ sơ", "",
             f"So sánh `{report.base[:7]}` → `{report.head_label}`: {md(_headline(report))}"]
    for d in report.dossiers:
        who = ", ".join(md(x) for x in (d.code, d.name) if x)
        title = f"#### `{d.path.replace('`', '')}`" + (f" — {who}" if who else "")
        lines += ["", f"{title} · *{STATUS_LABELS[d.status]}*", ""]
        for item, texts in _grouped(d.changes):
            if len(texts) == 1:
                lines.append(f"- **{md(item)}:** {md(texts[0])}")
            else:
                lines.append(f"- **{md(item)}:**")
                lines.extend(f"  - {md(t)}" for t in texts)
    text = "\n".join(lines) + "\n"
    if len(text) > limit:
        cut = text.rfind("\n", 0, limit - 200)
        text = text[:cut] + ("\n\n*… Bản tóm tắt quá dài nên đã được rút gọn; chạy `hoso diff` "
                             "trên máy để xem đầy đủ.*\n")
    return text


def render_json(report: Report) -> str:
    doc = {"tu": report.base, "den": report.head, "ho_so": [d.to_dict() for d in report.dossiers]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
