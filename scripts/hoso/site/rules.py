"""The rule catalogue on the site: each rule written as Markdown, with its examples.

:func:`rule_markdown` is the one place that writes a rule as Markdown: the site's page of common
mistakes (:func:`rules_page`) and ``hoso rules --format markdown``
(:func:`hoso.validate.rules.catalogue.render_markdown`) both use it. The site reads the catalogue through
:func:`hoso.validate.rules.catalogue.rules`.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from hoso import escape
from hoso.findings import Severity
from hoso.form import dates
from hoso.site.page import (
    RULES_PAGE,
    ItemLinks,
    Page,
    admonition_title,
    code_or_text,
    make_page,
    muc_key,
    muc_of,
    slug,
    yaml_text,
)
from hoso.site.sample import format_value
from hoso.workflow import stages

if TYPE_CHECKING:
    from hoso.validate.rules.catalogue import Override

CONFIDENCE = {
    "C": "[C] đã đối chiếu với nguồn",
    "T": "[T] theo bản chép lại quyển lý lịch của bên thứ ba",
    "U": "[U] chưa được xác nhận bằng văn bản chính thức",
}


@dataclass
class RuleDoc:
    """A rule of the catalogue (``hoso.validate.rules.base.Rule``) as the site shows it."""

    code: str
    severity: str
    title: str
    explanation: str = ""
    basis: str = ""
    confidence: str = ""
    items: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    failing: Any = None
    passing: Any = None
    #: Said after the severity: the committee's change of it (``hoso rules`` only).
    severity_note: str = ""


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


def normalise_rule(obj: Any) -> RuleDoc:
    """A rule object of the catalogue, or the same fields in a mapping (as JSON gives them)."""
    items = _get(obj, "items") or []
    if isinstance(items, str | int):
        items = [items]
    rule_stages = _get(obj, "stages") or []
    if isinstance(rule_stages, str):
        rule_stages = [rule_stages]
    confidence = _text(_get(obj, "confidence")).strip().strip("[]").upper()
    return RuleDoc(
        code=_text(_get(obj, "code")),
        severity=_text(_get(obj, "severity")),
        title=_text(_get(obj, "title")),
        explanation=_text(_get(obj, "explanation")),
        basis=_text(_get(obj, "basis")),
        confidence=confidence,
        items=[muc_of(i) for i in items if muc_of(i)],
        stages=[_text(s) for s in rule_stages],
        failing=_get(obj, "failing"),
        passing=_get(obj, "passing"),
    )


def load_rules() -> list[RuleDoc]:
    """Every rule of the catalogue, sorted by code."""
    from hoso.validate.rules.catalogue import rules

    out = [normalise_rule(r) for r in rules()]
    return sorted((r for r in out if r.code), key=lambda r: r.code)


def severity_label(sev: str) -> str:
    """``"cảnh báo"`` (or ``warning``, ``canh_bao``…) → ``"Cảnh báo"``; other text unchanged."""
    try:
        return Severity.parse(sev).value.capitalize()
    except ValueError:
        return sev or "Lỗi"


# -- examples: changes ("patches") to the sample dossier -----------------------------------------

_PATH_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def parse_path(text: str) -> list[str | int]:
    """``"gia_dinh[4].nam_sinh"`` → ``["gia_dinh", 4, "nam_sinh"]`` (never fails)."""
    return [int(i) if i else k for i, k in _PATH_TOKEN.findall(str(text))]


def _nest(tokens: Sequence[str | int], value: Any) -> Any:
    for tok in reversed(tokens):
        value = [value] if isinstance(tok, int) else {tok: value}
    return value


def _path_phrase(tokens: Sequence[str | int]) -> str:
    out = ""
    for tok in tokens:
        out += f"[{tok}]" if isinstance(tok, int) else (f".{tok}" if out else str(tok))
    rows = [f"dòng thứ {tok + 1} của {tokens[i - 1]}" for i, tok in enumerate(tokens)
            if isinstance(tok, int) and i > 0]
    return out + (f" ({'; '.join(rows)})" if rows else "")


def _lookup(data: Any, tokens: Sequence[str | int]) -> Any:
    cur = data
    for tok in tokens:
        if not _has(cur, tok):
            return None
        cur = cur[tok]
    return cur


def _has(container: Any, key: str | int) -> bool:
    if isinstance(key, int):
        return isinstance(container, list) and -len(container) <= key < len(container)
    return isinstance(container, dict) and key in container


def apply_patch(data: Any, patch: Mapping[str, Any]) -> None:
    """Apply one change to a (copied) dossier: ``dat`` sets, ``xoa`` removes, ``them`` appends;
    missing mappings on the way are created, anything else that does not fit is ignored."""
    op = next((k for k in ("dat", "xoa", "them") if k in patch), None)
    tokens = parse_path(patch[op]) if op else []
    if not tokens:
        return
    parent = data
    for tok, nxt in itertools.pairwise(tokens):
        if isinstance(tok, str) and isinstance(parent, dict) and \
                not isinstance(parent.get(tok), dict | list):
            parent[tok] = [] if isinstance(nxt, int) else {}
        if not _has(parent, tok):
            return
        parent = parent[tok]
    last = tokens[-1]
    value = copy.deepcopy(patch.get("gia_tri"))
    if op == "dat" and (_has(parent, last) or (isinstance(last, str) and isinstance(parent, dict))):
        parent[last] = value
    elif op == "xoa" and _has(parent, last):
        del parent[last]
    elif op == "them" and isinstance(last, str) and isinstance(parent, dict):
        if not isinstance(parent.get(last), list):
            parent[last] = []
        parent[last].append(value)


def _row_summary(value: Any) -> str:
    if isinstance(value, Mapping):
        parts = [str(value[k]) for k in ("quan_he", "ho_ten", "tu", "den", "thang") if k in value]
        return ", ".join(parts)
    return ""


def describe_patch(patch: Mapping[str, Any], sample: Mapping[str, Any] | None = None) -> str:
    """A change to the sample dossier as commented YAML: only the part that changes."""
    if "dat" in patch:
        tokens = parse_path(patch["dat"])
        head = f"# Sửa {_path_phrase(tokens)}:"
        return head + "\n" + yaml_text(_nest(tokens, patch.get("gia_tri")))
    if "xoa" in patch:
        tokens = parse_path(patch["xoa"])
        what = _row_summary(_lookup(sample, tokens)) if sample is not None else ""
        return f"# Bỏ {_path_phrase(tokens)}" + (f": {what}" if what else "") + ".\n"
    if "them" in patch:
        tokens = parse_path(patch["them"])
        head = f"# Thêm một dòng vào {_path_phrase(tokens)}:"
        return head + "\n" + yaml_text(_nest(tokens, [patch.get("gia_tri")]))
    return yaml_text(dict(patch))


def _clip(text: str, limit: int = 30) -> str:
    lines = text.rstrip("\n").split("\n")
    if len(lines) <= limit:
        return "\n".join(lines)
    return "\n".join([*lines[:limit], "# … (còn nữa)"])


@dataclass
class ExampleDoc:
    yaml: str
    note: str = ""


def _patches_of(value: Any) -> list[Any] | None:
    patches = _get(value, "patches")
    if patches is None and isinstance(value, list | tuple):
        patches = value
    return list(patches) if isinstance(patches, list | tuple) else None


def example_doc(value: Any, sample: Mapping[str, Any], keys: Sequence[str],
                common: Sequence[Any] = ()) -> ExampleDoc | None:
    """One example of a rule, shown as YAML.

    The catalogue gives an example as changes (patches) to the sample dossier. Changes ``common``
    to both examples of a rule (those that bring the sample to a later stage) are only counted, so
    each example shows what makes it wrong or right; when nothing else is left, the example's
    values of the rule's items (``keys``) are shown. Plain text is shown as is.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return ExampleDoc(value) if value.strip() else None
    patches = _patches_of(value)
    if patches is None:
        return ExampleDoc(yaml_text(value if isinstance(value, Mapping) else str(value)))
    notes = []
    if _get(value, "ngay"):
        notes.append(f"xét vào {format_value(_get(value, 'ngay'))}")
    if _get(value, "giai_doan"):
        notes.append(f"ở giai đoạn “{stages.label(str(_get(value, 'giai_doan')))}”")
    if _get(value, "at"):
        notes.append(f"hoso báo tại {_path_phrase(parse_path(str(_get(value, 'at'))))}")
    own = [p for p in patches if p not in common]
    if len(own) < len(patches):
        notes.append(f"cùng {len(patches) - len(own)} thay đổi chung của hai ví dụ, không in ở đây")
    note = "; ".join(notes)
    if own:
        text = "\n".join(describe_patch(p, sample) if isinstance(p, Mapping) else str(p)
                         for p in own)
        return ExampleDoc(_clip(text), note)
    data = copy.deepcopy(dict(sample))
    for p in patches:
        if isinstance(p, Mapping):
            apply_patch(data, p)
    shown = {k: data[k] for k in keys if k in data}
    head = "# Hồ sơ minh họa" + (" với các thay đổi chung" if patches else ", không sửa gì")
    if not shown:
        return ExampleDoc(head + ".\n", note)
    return ExampleDoc(_clip(f"{head}; các mục liên quan:\n" + yaml_text(shown)), note)


# -- one rule, and the page of all of them ---------------------------------------------------------

def _item_label(item: str, index: ItemLinks | None) -> str:
    if index is not None:
        return index.label(item)
    return f"({item})" if item.isdigit() else item


def rule_markdown(r: RuleDoc, index: ItemLinks | None, sample: Mapping[str, Any],
                  page: str | None = RULES_PAGE) -> list[str]:
    """One rule as Markdown lines: its heading (anchored by its code), code, severity, items and
    stages, what it checks, its basis, a wrong and a right example.

    ``index`` names the items from the schema (None: by number only); with ``page``, the items
    link to their guide pages from that page. Every text is escaped.
    """
    lines = [f"### {escape.mkdocs_inline(r.title or r.code)} {{ #{slug(r.code)} }}", ""]
    severity = f"**{escape.mkdocs_inline(severity_label(r.severity))}**"
    if r.severity_note:
        severity += f" ({escape.mkdocs_inline(r.severity_note)})"
    facts = [f"Mã: {code_or_text(r.code)}", f"mức độ: {severity}"]
    if r.items:
        links = []
        for m in r.items:
            link = index.link(m, page) if index is not None and page is not None else None
            label = escape.mkdocs_inline(_item_label(m, index))
            links.append(f"[{label}]({link})" if link else label)
        facts.append("mục: " + ", ".join(links))
    if r.stages:
        facts.append("áp dụng ở giai đoạn: "
                     + ", ".join(escape.mkdocs_inline(stages.label(s)) for s in r.stages))
    lines += [" · ".join(facts), ""]
    if r.explanation:
        lines += ["**Điều được kiểm tra.** " + escape.mkdocs_block(r.explanation), ""]
    if r.basis or r.confidence:
        conf = CONFIDENCE.get(r.confidence, f"[{r.confidence}]" if r.confidence else "")
        basis = escape.mkdocs_block(r.basis) if r.basis else ""
        lines += ["**Căn cứ.** " + basis + (f" — *{escape.mkdocs_inline(conf)}*" if conf else ""),
                  ""]
    keys = [k for m in r.items for k in index.keys(m)] if index is not None else []
    bad, good = _patches_of(r.failing) or [], _patches_of(r.passing) or []
    common = [p for p in bad if p in good]
    for label, raw, kind in (("Ví dụ sai", r.failing, "failure"),
                             ("Ví dụ đúng", r.passing, "success")):
        example = example_doc(raw, sample, keys, common)
        if example is None:
            continue
        title = label + (f" ({example.note})" if example.note else "")
        lines += [f'!!! {kind} "{admonition_title(title)}"', "",
                  escape.mkdocs_code(example.yaml, indent="    "), ""]
    return lines


RULES_INTRO = """\
Đây là danh mục các quy tắc mà `hoso check` dùng để kiểm tra hồ sơ, ngoài lược đồ của mẫu. Mỗi
quy tắc có một mã (ví dụ `tuoi-toi-thieu`) — mã này hiện trong thông báo của `hoso check` và trên
các dòng ghi chú của yêu cầu hợp nhất (pull request). Với mỗi quy tắc: điều nó phát hiện, căn cứ và
mức tin cậy của căn cứ, một ví dụ sai và một ví dụ đúng.

- **Lỗi**: hồ sơ chưa đạt, phải sửa trước khi chuyển bước.
- **Cảnh báo**: cần xem lại; thường là quy định có căn cứ chưa được xác nhận bằng văn bản chính
  thức, hoặc điều chỉ người xem xét mới quyết định được.

Mức tin cậy của căn cứ: **[C]** đã đối chiếu với nguồn; **[T]** theo bản chép lại quyển lý lịch
của bên thứ ba, lời văn khớp với các đoạn đã xác nhận; **[U]** chưa được xác nhận — quy tắc mặc
định chỉ cảnh báo. Đảng bộ có thể đổi mức độ hoặc tắt một quy tắc trong `to-chuc.yaml` (khóa
`quy_tac`), kèm lý do.
"""


def rules_page(rules: Sequence[RuleDoc], index: ItemLinks,
               sample: Mapping[str, Any] | None = None) -> Page:
    """The page of common mistakes: a table of the rules, then each rule under its first item."""
    sample = sample or {}
    lines = [RULES_INTRO]
    if not rules:
        lines += ["!!! info \"Chưa có quy tắc\"", "",
                  "    Danh mục quy tắc chưa có trong bản hoso này.", ""]
        return make_page(RULES_PAGE, "Các lỗi thường gặp", "Các lỗi thường gặp", lines)

    def sort_key(r: RuleDoc) -> tuple[tuple[int, str], str]:
        first = min((muc_key(m) for m in r.items), default=(20_000, ""))
        return first, r.code

    ordered = sorted(rules, key=sort_key)
    lines += [f"Có {len(ordered)} quy tắc.", "", "| Mã | Mức độ | Điều được kiểm tra | Mục |",
              "|---|---|---|---|"]
    for r in ordered:
        items = ", ".join(index.label(m) for m in r.items) or "—"
        lines.append(f"| [{code_or_text(r.code)}](#{slug(r.code)}) | "
                     f"{escape.mkdocs_cell(severity_label(r.severity))} | "
                     f"{escape.mkdocs_cell(r.title)} | {escape.mkdocs_cell(items)} |")
    lines.append("")
    current = None
    for r in ordered:
        section = r.items[0] if r.items else ""
        if section != current:
            current = section
            title = (escape.mkdocs_inline(index.title(section)) if section
                     else "Quy định chung của hồ sơ")
            lines += [f"## {title}", ""]
            link = index.link(section, RULES_PAGE) if section else None
            if link:
                lines += [f"Cách khai: [{title}]({link}).", ""]
        lines += rule_markdown(r, index, sample)
    return make_page(RULES_PAGE, "Các lỗi thường gặp", "Các lỗi thường gặp", lines)


def catalogue_markdown(overrides: Mapping[str, Override] | None = None) -> str:
    """The catalogue as MkDocs Markdown, each rule written as the guidance site writes it
    (:func:`rule_markdown`), grouped by family; overrides show after the severity
    (``hoso rules --format markdown``)."""
    from hoso.site.sample import sample_data
    from hoso.validate.rules import examples
    from hoso.validate.rules.catalogue import FAMILY_LABEL, rules
    from hoso.validate.rules.examples import EXAMPLE_DATE, SAMPLE_NAME

    overrides = overrides or {}
    sample = sample_data(examples.sample_text())
    out = [
        "# Các quy tắc kiểm tra hồ sơ",
        "",
        f"`hoso check` áp dụng {len(rules())} quy tắc dưới đây, ngoài lược đồ Mẫu 2-KNĐ. Mỗi quy "
        "tắc có mã, mức độ (lỗi hoặc cảnh báo), căn cứ và độ tin cậy của căn cứ: "
        + "; ".join(CONFIDENCE.values())
        + ". Ví dụ sai và ví dụ đúng là những chỗ sửa trên hồ sơ minh họa "
        f"(`{SAMPLE_NAME}`), xét tại ngày {dates.show_day(EXAMPLE_DATE)} nếu không ghi khác.",
        "",
    ]
    family = None
    for r in rules():
        if r.family != family:
            family = r.family
            out += [f"## {FAMILY_LABEL[family]}", ""]
        doc = normalise_rule(r)
        o = overrides.get(r.code)
        if o is not None:
            doc.severity = "Tắt" if o.severity is None else o.severity.value
            doc.severity_note = f"mặc định: {r.severity.value}; Đảng bộ điều chỉnh: {o.reason}"
        out += rule_markdown(doc, None, sample, page=None)
    return "\n".join(out).rstrip() + "\n"
