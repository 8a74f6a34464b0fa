"""The rule catalogue: every rule in order, the committee's overrides, and its printed forms.

Order: the families in the order of the form (age, education, Youth Union and introducers,
papers, dates and tables, family, places, writing, stages, re-admission), and within a family the
order of the module. ``to-chuc.yaml`` may change a rule's severity or turn it off::

    quy_tac:
      viet-tat:
        muc_do: tat          # loi | canh_bao | tat
        ly_do: "Chi bộ chấp nhận viết tắt tên trường"

An unknown code, a level that is not one of the three, or a missing reason is a
:class:`~hoso.errors.UserError` naming the line of ``to-chuc.yaml``.
"""

from __future__ import annotations

import difflib
import importlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hoso.errors import UserError
from hoso.findings import Severity
from hoso.org import load_org_file
from hoso.validate.rules.base import CONFIDENCE, REGISTRY, Example, Rule
from hoso.validate.rules.examples import EXAMPLE_DATE, SAMPLE_NAME
from hoso.workflow import stages as stage_mod

FAMILIES: tuple[tuple[str, str], ...] = (
    ("age", "Tuổi"),
    ("education", "Trình độ học vấn"),
    ("introducers", "Đoàn Thanh niên và người giới thiệu"),
    ("papers", "Giấy chứng nhận và giấy tờ"),
    ("timeline", "Ngày tháng và các bảng"),
    ("family", "Hoàn cảnh gia đình"),
    ("places", "Địa danh, địa chỉ"),
    ("text", "Cách viết"),
    ("stages", "Giai đoạn xét kết nạp"),
    ("procedure", "Biểu quyết, thẩm tra và thời hạn"),
    ("readmission", "Kết nạp lại"),
)
FAMILY_LABEL = dict(FAMILIES)
LEVELS = {"loi": Severity.ERROR, "canh_bao": Severity.WARNING, "tat": None}


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, in catalogue order (the rule modules are imported once)."""
    for family, _ in FAMILIES:
        importlib.import_module(f"hoso.validate.rules.{family}")
    rank = {family: i for i, (family, _) in enumerate(FAMILIES)}
    ordered = sorted(enumerate(REGISTRY.values()), key=lambda p: (rank[p[1].family], p[0]))
    return tuple(r for _, r in ordered)


def by_code() -> dict[str, Rule]:
    return {r.code: r for r in rules()}


# --------------------------------------------------------------------------------------------
# overrides


@dataclass(frozen=True)
class Override:
    code: str
    severity: Severity | None  # None: the rule is off
    reason: str


def parse_overrides(block: object, *, source: str = "to-chuc.yaml",
                    lines: Mapping[tuple[str, ...], int] | None = None,
                    reason_required: bool = True) -> dict[str, Override]:
    """Validate a ``quy_tac`` block; raise one UserError listing every problem."""
    lines = lines or {}
    problems: list[str] = []

    def where(*path: str) -> str:
        for n in range(len(path), 0, -1):
            line = lines.get(path[:n])
            if line:
                return f"{source}:{line}"
        return source

    if block is None:
        return {}
    if not isinstance(block, Mapping):
        raise UserError(f"{where('quy_tac')}: quy_tac phải là một bảng “mã-quy-tắc: {{muc_do: …, "
                        f"ly_do: …}}”.")
    known = by_code()
    out: dict[str, Override] = {}
    for raw_code, raw_spec in block.items():
        code, spec = str(raw_code), raw_spec
        if code not in known:
            guess = difflib.get_close_matches(code, list(known), n=1)
            hint = f" Có phải ý bạn là “{guess[0]}”?" if guess else ""
            problems.append(f"{where('quy_tac', code)}: không có quy tắc “{code}”.{hint} Xem danh "
                            f"sách bằng lệnh “hoso rules”.")
            continue
        if isinstance(spec, str) and not reason_required:
            spec = {"muc_do": spec}
        if not isinstance(spec, Mapping):
            problems.append(f"{where('quy_tac', code)}: quy tắc “{code}” cần ghi muc_do (loi, "
                            f"canh_bao hoặc tat) và ly_do.")
            continue
        extra = [str(k) for k in spec if k not in ("muc_do", "ly_do")]
        if extra:
            problems.append(f"{where('quy_tac', code, extra[0])}: quy tắc “{code}”: không có mục "
                            f"“{extra[0]}”; chỉ ghi muc_do và ly_do.")
        level = spec.get("muc_do")
        if not isinstance(level, str) or level.strip() not in LEVELS:
            problems.append(f"{where('quy_tac', code, 'muc_do')}: quy tắc “{code}”: muc_do phải là "
                            f"loi, canh_bao hoặc tat (đang ghi “{level}”).")
            continue
        reason = spec.get("ly_do")
        if reason_required and (not isinstance(reason, str) or not reason.strip()):
            problems.append(f"{where('quy_tac', code)}: quy tắc “{code}”: phải ghi ly_do (vì sao "
                            f"Đảng bộ điều chỉnh quy tắc này).")
            continue
        out[code] = Override(code, LEVELS[level.strip()], str(reason or "").strip())
    if problems:
        raise UserError("Phần quy_tac trong " + source + " không hợp lệ:\n" + "\n".join(problems))
    return out


@cache
def _org_overrides(path: str, mtime_ns: int, size: int) -> dict[str, Override]:
    del mtime_ns, size  # part of the cache key only
    loaded = load_org_file(Path(path))  # bad YAML, encodings or structure: a located error
    block = loaded.data.get("quy_tac") if isinstance(loaded.data, Mapping) else None
    lines = {tuple(map(str, key)): line for key, (line, _) in loaded.key_positions.items()
             if key[:1] == ("quy_tac",)}
    return parse_overrides(block, source=loaded.file, lines=lines)


def org_overrides(org_file: Path | None) -> dict[str, Override]:
    """The overrides of ``to-chuc.yaml`` (read once per file version)."""
    if org_file is None:
        return {}
    try:
        st = org_file.stat()
    except OSError:
        return {}
    return _org_overrides(str(org_file), st.st_mtime_ns, st.st_size)


def effective(overrides: Mapping[str, Override]) -> list[tuple[Rule, Severity]]:
    """The rules that run, each with its severity after the overrides."""
    out = []
    for r in rules():
        o = overrides.get(r.code)
        if o is None:
            out.append((r, r.severity))
        elif o.severity is not None:
            out.append((r, o.severity))
    return out


# --------------------------------------------------------------------------------------------
# printed forms (hoso rules, the guidance site)


def _stages_text(r: Rule) -> str:
    if r.stages is None:
        return "mọi giai đoạn"
    if len(r.stages) > 1 and r.stages == stage_mod.CODES[stage_mod.index(r.stages[0]):]:
        return f"từ giai đoạn «{stage_mod.label(r.stages[0])}» ({r.stages[0]}) trở đi"
    return ", ".join(f"«{stage_mod.label(s)}» ({s})" for s in r.stages)


def _items_text(r: Rule) -> str:
    return ", ".join(f"({i})" if i.isdigit() else i for i in r.items)


def _example_dict(e: Example) -> dict[str, Any]:
    return {"sua": [dict(p) for p in e.patches], "vi_tri": e.at,
            "ngay": e.ngay or EXAMPLE_DATE.isoformat(), "giai_doan": e.giai_doan}


def rule_dict(r: Rule, override: Override | None = None) -> dict[str, Any]:
    severity = r.severity if override is None else override.severity
    return {
        "code": r.code,
        "severity": "tắt" if severity is None else severity.value,
        "default_severity": r.severity.value,
        "title": r.title,
        "explanation": r.explanation,
        "basis": r.basis,
        "confidence": r.confidence,
        "confidence_label": CONFIDENCE[r.confidence],
        "items": list(r.items),
        "stages": None if r.stages is None else list(r.stages),
        "family": r.family,
        "family_label": FAMILY_LABEL[r.family],
        "failing_example": _example_dict(r.failing),
        "passing_example": _example_dict(r.passing),
        "override": None if override is None else {
            "muc_do": "tat" if override.severity is None else
            ("loi" if override.severity is Severity.ERROR else "canh_bao"),
            "ly_do": override.reason},
    }


def render_json(overrides: Mapping[str, Override] | None = None) -> str:
    overrides = overrides or {}
    items = [rule_dict(r, overrides.get(r.code)) for r in rules()]
    doc = {"so_quy_tac": len(items), "mau_minh_hoa": SAMPLE_NAME,
           "ngay_vi_du": EXAMPLE_DATE.isoformat(), "quy_tac": items}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _severity_shown(r: Rule, o: Override | None) -> str:
    if o is None:
        return r.severity.value
    now = "tắt" if o.severity is None else o.severity.value
    return f"{now} (mặc định: {r.severity.value}; Đảng bộ điều chỉnh: {o.reason})"


def render_text(overrides: Mapping[str, Override] | None = None) -> str:
    overrides = overrides or {}
    out = [f"{len(rules())} quy tắc kiểm tra hồ sơ (Mẫu 2-KNĐ). Độ tin cậy của căn cứ: "
           + "; ".join(f"{k} = {v}" for k, v in CONFIDENCE.items()) + "."]
    family = None
    for r in rules():
        if r.family != family:
            family = r.family
            out += ["", f"== {FAMILY_LABEL[family]} =="]
        o = overrides.get(r.code)
        out += [
            "",
            f"{r.code} [{_severity_shown(r, o)}] {r.title}",
            f"    Mục: {_items_text(r)}. Áp dụng: {_stages_text(r)}.",
            f"    {r.explanation}",
            f"    Căn cứ [{r.confidence}]: {r.basis}",
        ]
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "json": render_json}

