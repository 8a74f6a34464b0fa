"""``hoso import``: a filled Word 2-KNĐ back into ``dossiers/<chi-bộ>/<mã>.yaml``.

The file is opened safely (:mod:`.package`), read as the form ``hoso word`` made (:mod:`.read`)
or, for a committee's own Word version, by item numbers and labels (:mod:`.legacy`), normalised
with every change reported (:mod:`.normalise`), written in the layout of ``hoso new``
(:func:`hoso.new.filled`) and checked.

On an existing dossier only the form's items are replaced: every other top-level block (the
workflow record, the committees' (24)–(26), the admission papers other than the two the form
asks for) is copied unchanged, text and comments included, and the item-by-item difference is
described the way ``hoso diff`` does.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from hoso import new
from hoso.errors import UserError
from hoso.findings import Finding, Severity
from hoso.form import Form, dates, load_form
from hoso.repo import Repo
from hoso.util import write_atomic
from hoso.word.layout import PAPERS_KEY, Grid, Layout, Records, build_layout
from hoso.word.normalise import Note, Outcome, assemble
from hoso.workflow.diff import Change, compare_data

VERSION = "2025"
CODE_CHANGED = "nhap-chuan-hoa"
CODE_PERSON = "nhap-can-xem"
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")


@dataclass
class Imported:
    target: Path
    created: bool
    legacy: bool
    outcome: Outcome
    notes: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    #: What was read: "tệp Word", or "tệp YAML" (saved by the page of ``hoso form``).
    kind: str = "tệp Word"


#: A file saved by the web form (``hoso form``) rather than a Word file.
YAML_SUFFIXES = (".yaml", ".yml")


def form_and_layout(repo: Repo) -> tuple[Form, Layout]:
    form = load_form(repo.schema_path(VERSION))
    return form, build_layout(form)


def read_docx(path: Path, layout: Layout) -> tuple[Outcome, dict[str, str], bool]:
    """The items of a filled form (outcome), its identification (code, chi bộ) and whether it
    was read as a legacy file."""
    # the Word readers (lxml, the ``word`` extra) only for a Word file: a YAML file needs none
    from hoso.word import extract
    from hoso.word.package import open_docx
    from hoso.word.read import FormReader, is_hoso_form

    package = open_docx(path)
    blocks = extract.blocks(package.document)
    tables = [p.path for s in layout.sections for p in s.parts
              if isinstance(p, Grid | Records) and len(p.path) == 1]
    extra: list[Note] = []
    if package.images:
        extra.append(Note(None, "ảnh trong tệp", f"tệp có {package.images} ảnh; ảnh không được "
                          f"đọc vào hồ sơ (ảnh 3x4 ghi ở mục anh)."))
    if is_hoso_form(blocks, layout):
        extracted = FormReader(layout).read(blocks)
        return assemble(extracted, tables, extra), extracted.meta, False
    from hoso.word.legacy import LegacyReader

    extracted, legacy_notes = LegacyReader(layout).read(blocks)
    return assemble(extracted, tables, [*extra, *legacy_notes]), extracted.meta, True


def read_yaml(path: Path, layout: Layout) -> tuple[Outcome, dict[str, str], bool]:
    """The items a YAML dossier (the web form's file) gives for the form's items, as the Word
    form's are taken: the candidate's part, with the two admission papers the form asks for."""
    from hoso.load import load_file

    loaded = load_file(path, display=path.name)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if errors or not isinstance(loaded.data, dict):
        where = f" (dòng {errors[0].line}: {errors[0].message})" if errors else ""
        raise UserError(f"Không đọc được tệp {path.name}{where}. Mở lại tệp bằng trang khai "
                        f"(hoso form) hoặc sửa theo hoso check rồi nhập lại.")
    data = loaded.data
    outcome = Outcome()
    for key in layout.keys:
        value = data.get(key)
        if key == PAPERS_KEY and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k in layout.papers} or None
        if key in data and value is not None:
            outcome.data[key] = copy.deepcopy(value)
    meta = {k: data[k] for k in ("ma_ho_so", "chi_bo") if isinstance(data.get(k), str)
            and data[k].strip()}
    return outcome, meta, False


def _identify(repo: Repo, form: Form, meta: Mapping[str, str], code: str | None,
              chi_bo: str | None) -> tuple[str, str]:
    code = code or meta.get("ma_ho_so") or None
    chi_bo = chi_bo or meta.get("chi_bo") or None
    if not code or not chi_bo:
        missing = " và ".join(x for x, v in (("--ma MÃ_HỒ_SƠ", code), ("--chi-bo CHI_BỘ", chi_bo))
                              if not v)
        raise UserError(f"Tệp không ghi mã hồ sơ hoặc chi bộ (tệp Word không do “hoso word” tạo, "
                        f"hoặc tệp YAML chưa khai hai mục này); thêm {missing} vào lệnh.")
    new.check_identity(repo, form.schema, code, chi_bo)
    return code, chi_bo


def import_docx(repo: Repo, path: Path, *, code: str | None = None, chi_bo: str | None = None,
                person: str | None = None, today: date | None = None) -> Imported:
    today = today or date.today()
    form, layout = form_and_layout(repo)
    from_yaml = path.suffix.lower() in YAML_SUFFIXES
    kind = "tệp YAML" if from_yaml else "tệp Word"
    outcome, meta, legacy = read_yaml(path, layout) if from_yaml else read_docx(path, layout)
    code, chi_bo = _identify(repo, form, meta, code, chi_bo)
    target = repo.dossiers_dir / chi_bo / f"{code}.yaml"
    if from_yaml and target.exists() and target.resolve() == path.resolve():
        raise UserError(f"{path.name} đã là hồ sơ {repo.relative(target)}: không nhập một tệp vào "
                        f"chính nó. Lưu tệp từ trang khai ra chỗ khác rồi nhập.")
    origin = f"nhập từ {kind} {path.name} ngày {dates.show_day(today)}"
    notes = _comments(outcome)
    schema = dict(form.schema)
    old: dict[str, Any] | None = None
    if target.exists():
        text, old, data = _reimport(target, form, layout, outcome, schema, origin, notes)
    else:
        data = _new_dossier(form, layout, outcome, code, chi_bo, person, today,
                            f"{kind} {path.name}")
        text = new.filled(schema, data, origin=origin, guided=layout.keys, notes=notes,
                          first_line=new.modeline(repo, target))
    if yaml.safe_load(text) != data:  # pragma: no cover - the writer loses nothing
        raise AssertionError("the YAML written does not read back as the imported data")
    write_atomic(target, text.encode("utf-8"))
    result = Imported(target, old is None, legacy, outcome, data=data, kind=kind)
    result.notes = _located(repo, form, target, data, outcome)
    if old is not None:
        result.changes = compare_data(old, data, form)
    return result


def _comments(outcome: Outcome) -> dict[str, list[str]]:
    """Leftover text, as comment lines under its item's heading."""
    out: dict[str, list[str]] = {}
    for note in outcome.notes:
        if note.message.startswith("chưa đặt được"):
            key = str(note.path[0]) if note.path else ""
            out.setdefault(key, []).append(f"Từ tệp Word ({note.where}) {note.message}")
    return out


def _new_dossier(form: Form, layout: Layout, outcome: Outcome, code: str, chi_bo: str,
                 person: str | None, today: date, source: str) -> dict[str, Any]:
    root = form.root
    data: dict[str, Any] = {}
    for key in ("mau", "phien_ban"):
        const = (form.child(root, key) or {}).get("const")
        if const is not None:
            data[key] = const
    data.update({"ma_ho_so": code, "chi_bo": chi_bo})
    data.update(outcome.data)
    required = set(root.get("required", ()) or ())
    after = False
    for key in form.top_order():
        if key in layout.keys:
            after = True
            continue
        if not after or key in data or key not in required or key == "quy_trinh":
            continue
        node = form.child(root, key) or {}
        if node.get("type") == "array":
            data[key] = []
        elif any(alt.get("const") == "Không" for alt in form.alternatives(node)):
            data[key] = "Không"
    name = str(outcome.data.get("ho_ten_khai_sinh") or "").strip()
    who = person or (" ".join(w.capitalize() for w in name.lower().split()) if name else "")
    data["quy_trinh"] = {"giai_doan": "khai", "lich_su": [{
        "giai_doan": "khai", "ngay": today.isoformat(), "nguoi": who or "Người khai",
        "ghi_chu": f"Nhập từ {source}"}]}
    return data


def _segments(text: str) -> tuple[list[str], dict[str, str]]:
    """An existing dossier's header comment lines and the text of each top-level key (its
    comments above it included)."""
    lines = text.splitlines()
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))]
    if not starts:
        return lines, {}
    header_end = starts[0][0]  # the comments at the top are the header
    header = [ln for ln in lines[:header_end] if ln.strip()]
    out: dict[str, str] = {}
    begin = header_end
    for n, (i, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        stop = end
        while n + 1 < len(starts) and stop > i + 1 and (
                not lines[stop - 1].strip() or lines[stop - 1].startswith("#")):
            stop -= 1
        chunk = [ln for ln in lines[begin:stop]]
        while chunk and not chunk[0].strip():
            chunk.pop(0)
        out[key] = "\n".join(chunk)
        begin = stop
    return header, out


def _reimport(target: Path, form: Form, layout: Layout, outcome: Outcome, schema: dict[str, Any],
              origin: str, notes: dict[str, list[str]]
              ) -> tuple[str, dict[str, Any], dict[str, Any]]:
    try:
        text = target.read_text(encoding="utf-8")
        old = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UserError(f"Không đọc được hồ sơ hiện có {target}: {exc}. Sửa tệp (hoso check) "
                        f"trước khi nhập lại.") from exc
    if not isinstance(old, dict):
        raise UserError(f"Hồ sơ hiện có {target} không phải một khối mục; sửa tệp trước khi "
                        f"nhập lại.")
    data = copy.deepcopy(old)
    for key in layout.keys:
        if key == PAPERS_KEY:
            papers = data.get(key) if isinstance(data.get(key), dict) else {}
            papers = dict(papers or {})
            new_papers = outcome.data.get(key) or {}
            for sub in layout.papers:
                if sub in new_papers:
                    papers[sub] = new_papers[sub]
                else:
                    papers.pop(sub, None)
            if papers:
                data[key] = papers
            else:
                data.pop(key, None)
        elif key in outcome.data:
            data[key] = outcome.data[key]
        else:
            data.pop(key, None)
    order = {k: i for i, k in enumerate(form.top_order())}
    data = dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))))
    header, segments = _segments(text)
    keep = {k: v for k, v in segments.items() if k not in layout.keys and k in data}
    written = new.filled(schema, data, origin=origin, header=header or None, guided=layout.keys,
                         keep=keep, notes=notes)
    return written, old, data


def _located(repo: Repo, form: Form, target: Path, data: Mapping[str, Any],
             outcome: Outcome) -> list[Finding]:
    from hoso.load import load_file

    shown = repo.relative(target)
    loaded = load_file(target, display=shown)
    out = []
    for note in outcome.notes:
        path = tuple(note.path or ())
        line, col = loaded.locate(path) if path else (1, 1)
        label = form.path_label(path, data) if path else "Tệp Word"
        code = CODE_PERSON if note.needs_person else CODE_CHANGED
        out.append(Finding(shown, line, col, code, Severity.WARNING,
                           f"{label}: {note.message} (trong tệp Word: {note.where}).", path))
    return out
