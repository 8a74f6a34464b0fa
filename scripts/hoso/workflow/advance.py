"""``hoso advance``: move a dossier to its next stage, or return it for fixes.

The stage machine (:mod:`hoso.workflow.stages`) says which moves exist; the checker, asked to judge the
dossier *as if it were already at the target stage*, says whether the dossier meets that stage's
requirements. Only then is the file rewritten — atomically, and changing nothing but the stage:

* ruamel.yaml's round-trip parser locates ``quy_trinh.giai_doan`` and the end of
  ``quy_trinh.lich_su`` (line and column of every node, comments attached);
* the new stage value replaces the old one in place and the history entry is inserted after the
  last entry with the same indentation as the entries before it;
* every other byte of the file is left as the author wrote it (comments, blank lines, key order,
  quoting, folded text, line endings) — a full re-dump would normalise indentation across the file
  and rewrap long lines, which a hand-written dossier does not survive byte for byte;
* the result is parsed again and must hold exactly the original data with the new stage and the
  appended entry, or nothing is written.

With the move, the facts of the stage given as options (the meeting and its vote, the decision, the
ceremony, verification requests) are written into ``xet_ket_nap`` by :mod:`hoso.workflow.facts`
first — checked, in ``hoso new``'s layout, the rest of the file untouched — and the checker then
judges the file as it will be written.

A return for fixes (``tra_lai``) is recorded as a move back to ``khai`` with its reason; it is
never blocked by the dossier's findings (those are why it goes back), only by a file that cannot
be read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError

from hoso.errors import UserError
from hoso.findings import Finding, Severity
from hoso.form import dates
from hoso.load import Loaded, load_bytes
from hoso.repo import Repo
from hoso.util import replace_if_unchanged
from hoso.workflow import facts as facts_mod
from hoso.workflow import stages
from hoso.workflow.yamltext import (
    EditError,
    block_end,
    is_flow,
    rt_load,
    token_end,
)

CODE_MOVE = "chuyen-giai-doan"
CODE_DATE = "ngay-chuyen-giai-doan"
CODE_EDIT = "khong-sua-duoc-tep"
CODE_FACT = "su-kien-khong-hop-le"

_HISTORY_KEYS = ("giai_doan", "ngay", "nguoi", "ghi_chu")


@dataclass
class Request:
    """What the user asked: the target (a stage or ``tra_lai``), when, who, why."""

    target: str
    on: date
    person: str
    note: str = ""
    facts: Mapping[str, str] = field(default_factory=dict)
    verifications: tuple[facts_mod.Verification, ...] = ()


@dataclass
class Outcome:
    """The result of one ``advance`` (the move, when it was valid) or ``record`` (the stage the
    dossier stays at): findings, the new bytes."""

    path: Path
    display: str
    move: stages.Move | None = None
    stage: str = ""
    findings: list[Finding] = field(default_factory=list)
    old: bytes = b""
    new: bytes | None = None
    written: bool = False

    @property
    def refused(self) -> bool:
        return self.new is None or any(f.severity is Severity.ERROR for f in self.findings)


# ----------------------------------------------------------------------------- text editing


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _scalar(value: str) -> str:
    """``value`` as a YAML flow scalar on one line (plain when safe, quoted otherwise)."""
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=1 << 30,
                            default_flow_style=False)
    return dumped[len("k: "):].rstrip("\n")


def entry_lines(entry: Mapping[str, str], dash_col: int, key_offset: int) -> list[str]:
    """A history entry as block-sequence lines: ``- giai_doan: …`` then the other keys."""
    out = []
    first = True
    for key in _HISTORY_KEYS:
        if key not in entry:
            continue
        value = entry[key]
        shown = f'"{value}"' if key == "ngay" else _scalar(value)
        if first:
            out.append(" " * dash_col + "-" + " " * (key_offset - 1) + f"{key}: {shown}")
            first = False
        else:
            out.append(" " * (dash_col + key_offset) + f"{key}: {shown}")
    return out


def _is_blank_or_comment(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#")


def edit_text(text: str, target: str, entry: Mapping[str, str]) -> str:
    """Return ``text`` with ``quy_trinh.giai_doan`` set to ``target`` and ``entry`` appended.

    Raises :class:`EditError` when the dossier's shape leaves no safe place for the edit.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    try:
        doc = rt_load(text)
    except RuamelError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise EditError(f"Không đọc được tệp YAML: {exc}",
                        (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1) from exc
    if not isinstance(doc, CommentedMap):
        raise EditError("Hồ sơ phải là một bảng các mục (khóa: giá trị).")

    # No quy_trinh at all: append the whole block at the end of the file.
    if "quy_trinh" not in doc:
        while lines and lines[-1] == "":
            lines.pop()
        block = ["", "quy_trinh:", f"  giai_doan: {target}", "  lich_su:",
                 *entry_lines(entry, 4, 2), ""]
        return newline.join(lines + block)

    # Edits are collected as (line index, replacement lines or None, inserted lines) and applied
    # from the bottom up, so that every index refers to the original text.
    replaced: dict[int, str] = {}
    inserted: dict[int, list[str]] = {}
    qt = doc["quy_trinh"]
    key_line, key_col = doc.lc.key("quy_trinh")
    if qt is None:  # "quy_trinh:" with nothing under it
        kc = key_col + 2
        inserted[key_line + 1] = [" " * kc + f"giai_doan: {target}", " " * kc + "lich_su:",
                                  *entry_lines(entry, kc + 2, 2)]
        return _apply(lines, replaced, inserted, newline)
    if not isinstance(qt, CommentedMap) or is_flow(lines, *doc.lc.value("quy_trinh")):
        raise EditError("Mục quy_trinh phải viết dạng khối (mỗi khóa một dòng) để sửa tự động.",
                        key_line + 1, key_col + 1)
    kc = qt.lc.key(next(iter(qt)))[1] if len(qt) else key_col + 2

    # The history entry.
    _history_edit(lines, qt, kc, (key_line, key_col), entry, replaced, inserted)

    # The stage value, in place (or a new first key when missing).
    if "giai_doan" not in qt:
        first_line = qt.lc.key(next(iter(qt)))[0]
        inserted.setdefault(first_line, []).insert(0, " " * kc + f"giai_doan: {target}")
    else:
        kl, kcol = qt.lc.key("giai_doan")
        line = lines[kl]
        if qt["giai_doan"] is None:
            colon = line.index(":", kcol)
            rest = line[colon + 1:]
            replaced[kl] = line[:colon + 1] + f" {target}" + (rest if rest.strip() else "")
        else:
            vl, vc = qt.lc.value("giai_doan")
            if vl != kl:
                raise EditError("Giá trị quy_trinh.giai_doan phải nằm cùng dòng với khóa.",
                                kl + 1, kcol + 1)
            end = token_end(line, vc)
            replaced[kl] = line[:vc] + target + line[end:]
    return _apply(lines, replaced, inserted, newline)


def _history_edit(lines: list[str], qt: CommentedMap, kc: int, key: tuple[int, int],
                  entry: Mapping[str, str], replaced: dict[int, str],
                  inserted: dict[int, list[str]]) -> None:
    """Plan the insertion of ``entry`` at the end of ``quy_trinh.lich_su``."""
    key_line, key_col = key
    if "lich_su" not in qt:
        end = block_end(lines, key_line, key_col)
        inserted.setdefault(end + 1, []).extend(
            [" " * kc + "lich_su:", *entry_lines(entry, kc + 2, 2)])
    else:
        history = qt["lich_su"]
        hl, hc = qt.lc.key("lich_su")
        if history is None:
            inserted.setdefault(hl + 1, []).extend(entry_lines(entry, kc + 2, 2))
        elif not isinstance(history, CommentedSeq):
            raise EditError("Lịch sử quy trình (quy_trinh.lich_su) phải là một danh sách.",
                            hl + 1, hc + 1)
        elif is_flow(lines, *qt.lc.value("lich_su")):
            vl, vc = qt.lc.value("lich_su")
            if len(history) or "]" not in lines[vl][vc:]:
                raise EditError("Lịch sử quy trình (quy_trinh.lich_su) phải viết dạng khối "
                                "(mỗi dòng bắt đầu bằng “- ”) để thêm dòng tự động.",
                                vl + 1, vc + 1)
            line = lines[vl]
            close = line.index("]", vc)
            replaced[vl] = (line[:vc].rstrip() + " " + line[close + 1:].strip()).rstrip()
            inserted.setdefault(vl + 1, []).extend(entry_lines(entry, kc + 2, 2))
        else:
            dash_line, dash_col = history.lc.line, history.lc.col
            item_line, item_col = history.lc.item(0)
            key_offset = item_col - dash_col if item_line == dash_line else 2
            last_line = history.lc.item(len(history) - 1)[0]
            end = block_end(lines, last_line, dash_col)
            inserted.setdefault(end + 1, []).extend(
                entry_lines(entry, dash_col, max(key_offset, 2)))


def _apply(lines: list[str], replaced: Mapping[int, str], inserted: Mapping[int, list[str]],
           newline: str) -> str:
    out = list(lines)
    for i in sorted(set(replaced) | set(inserted), reverse=True):
        if i in replaced:
            out[i] = replaced[i]
        if i in inserted:
            out[i:i] = inserted[i]
    return newline.join(out)


def expected_data(before: Any, target: str, entry: Mapping[str, str]) -> Any:
    """What the edited file must load to: ``before`` with the new stage and history entry."""
    data = dict(before)
    qt = dict(data.get("quy_trinh") or {})
    qt["giai_doan"] = target
    qt["lich_su"] = [*(qt.get("lich_su") or []), dict(entry)]
    data["quy_trinh"] = qt
    return data


def _safe_load(text: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


# ----------------------------------------------------------------------------- the command


def current_stage(data: Any) -> str:
    """The dossier's stage; a dossier without ``quy_trinh`` is still being filled in (khai)."""
    qt = data.get("quy_trinh") if isinstance(data, Mapping) else None
    stage = qt.get("giai_doan") if isinstance(qt, Mapping) else None
    return stage if isinstance(stage, str) else stages.KHAI


def _last_day(data: Any) -> date | None:
    """The day of the last history entry that records one (None when it is no full day)."""
    qt = data.get("quy_trinh") if isinstance(data, Mapping) else None
    history = qt.get("lich_su") if isinstance(qt, Mapping) else None
    if isinstance(history, list):
        for entry in reversed(history):
            if isinstance(entry, Mapping) and isinstance(entry.get("ngay"), str):
                return dates.parse_day(entry["ngay"])
    return None


def _read(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp “{display}”.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp “{display}”: {exc}") from exc


def _plan(outcome: Outcome, loaded: Loaded, request: Request) -> stages.Move | None:
    """The move asked for, or None with the reason appended to ``outcome.findings``."""
    display = outcome.display
    stage_path: tuple[str | int, ...] = ("quy_trinh", "giai_doan")
    line, col = loaded.locate(stage_path)
    try:
        move = stages.plan_move(current_stage(loaded.data), request.target)
    except stages.UnknownStage as exc:
        if request.target not in stages.STAGES and request.target != stages.TRA_LAI:
            raise UserError(str(exc)) from None
        outcome.findings.append(Finding(display, line, col, CODE_MOVE, Severity.ERROR,
                                        f"Giai đoạn hiện tại không hợp lệ: {exc}", stage_path))
        return None
    except stages.MoveNotAllowed as exc:
        outcome.findings.append(Finding(display, line, col, CODE_MOVE, Severity.ERROR, str(exc),
                                        stage_path))
        return None
    if move.is_return and not request.note.strip():
        raise UserError("Trả lại hồ sơ cần ghi lý do để người khai biết phải sửa gì: "
                        "thêm --ghi-chu \"…\".")
    last = _last_day(loaded.data)
    if last is not None and request.on < last:
        history: tuple[str | int, ...] = ("quy_trinh", "lich_su")
        line, col = loaded.locate(history)
        outcome.findings.append(Finding(
            display, line, col, CODE_DATE, Severity.ERROR,
            f"Ngày chuyển giai đoạn {dates.show_day(request.on)} sớm hơn bước trước trong lịch sử "
            f"quy trình ({dates.show_day(last)}). Kiểm tra lại --ngay.", history))
        return None
    return move


def _recorded(outcome: Outcome, loaded: Loaded, repo: Repo, target: str,
              request: Request, *, moving: bool = True) -> tuple[str, list[facts_mod.Op]] | None:
    """The text with the facts given for ``target`` (the stage moved to, or the current one)
    written in, and the edits; None (with the reason in ``outcome.findings``) when a fact cannot
    be recorded."""
    text = outcome.old.decode("utf-8")
    if not request.facts and not request.verifications:
        return text, []
    from hoso.form import load_form
    from hoso.form.schema import read_schema

    schema_path = repo.schema_path()
    form = load_form(schema_path)
    try:
        ops = facts_mod.plan(form, loaded.data, target, request.facts, request.verifications,
                             moving=moving)
        return facts_mod.edit(text, read_schema(schema_path), form, ops), ops
    except facts_mod.FactError as exc:
        line, col = loaded.locate(exc.path)
        outcome.findings.append(Finding(outcome.display, line, col, CODE_FACT, Severity.ERROR,
                                        str(exc), exc.path))
    except (facts_mod.Unsafe, EditError, RuamelError) as exc:
        outcome.findings.append(Finding(outcome.display, 1, 1, CODE_EDIT, Severity.ERROR,
                                        f"Không ghi được các thông tin vào hồ sơ: {exc} Hãy ghi "
                                        "bằng tay rồi chạy lại lệnh."))
    return None


def _edited(outcome: Outcome, text: str, ops: list[facts_mod.Op], move: stages.Move,
            request: Request) -> bytes | None:
    """The file with the stage line changed and the history entry appended, or None."""
    entry = {"giai_doan": move.target, "ngay": request.on.isoformat(),
             "nguoi": _one_line(request.person)}
    if request.note.strip():
        entry["ghi_chu"] = _one_line(request.note)
    try:
        new_text = edit_text(text, move.target, entry)
    except EditError as exc:
        outcome.findings.append(Finding(outcome.display, exc.line, exc.col, CODE_EDIT,
                                        Severity.ERROR, str(exc)))
        return None
    before = facts_mod.apply(_safe_load(outcome.old.decode("utf-8")), ops)
    if _safe_load(new_text) != expected_data(before, move.target, entry):
        outcome.findings.append(Finding(
            outcome.display, 1, 1, CODE_EDIT, Severity.ERROR,
            "Không sửa được tệp mà vẫn giữ nguyên định dạng (cấu trúc quy_trinh hoặc xet_ket_nap "
            "khác thường). Hãy sửa bằng tay."))
        return None
    return new_text.encode("utf-8")


def _open(repo: Repo, path: Path) -> tuple[Outcome, Loaded | None]:
    """The outcome to fill in and the dossier read; None (the reason in the outcome's findings)
    when it is not a mapping that can be edited."""
    display = repo.relative(path)
    raw = _read(path, display)
    outcome = Outcome(path=path, display=display, old=raw)
    loaded = load_bytes(raw, display)
    if not loaded.ok or not isinstance(loaded.data, Mapping):
        outcome.findings = list(loaded.findings) or [Finding(
            display, 1, 1, CODE_EDIT, Severity.ERROR,
            "Hồ sơ phải là một bảng các mục (khóa: giá trị).")]
        return outcome, None
    return outcome, loaded


def advance(repo: Repo, path: Path, request: Request, *, dry_run: bool = False) -> Outcome:
    """Plan, check and (unless refused or ``dry_run``) write one move of one dossier."""
    from hoso.validate.check import Checker, CheckOptions

    outcome, loaded = _open(repo, path)
    if loaded is None:
        return outcome
    move = _plan(outcome, loaded, request)
    if move is None:
        return outcome
    outcome.move = move
    recorded = _recorded(outcome, loaded, repo, move.target, request)
    if recorded is None:
        return outcome
    new = _edited(outcome, *recorded, move, request)
    if new is None:
        return outcome
    if not move.is_return:
        checker = Checker(repo, CheckOptions(on_date=request.on, stage=move.target))
        outcome.findings.extend(checker.check_loaded(load_bytes(new, outcome.display)))
    outcome.new = new
    if outcome.refused:
        return outcome
    if not dry_run:
        # compare-before-replace: a concurrent advance of the same file wins or loses whole
        replace_if_unchanged(path, outcome.old, new, outcome.display)
        outcome.written = True
    return outcome


def record(repo: Repo, path: Path, request: Request, *, dry_run: bool = False) -> Outcome:
    """``hoso ghi``: the facts of the dossier's current stage written in, without a move (the
    requests and answers of verifications that come in one by one while the dossier is at
    ``tham_tra``; a value recorded wrong with the move, set right in its line).

    The facts are checked as :func:`advance` checks them; then the checker judges the file at its
    stage, and only a problem the new values bring refuses it (the dossier's other findings are
    its own business). No history entry: the stage does not change.
    """
    from hoso.validate.check import Checker, CheckOptions

    outcome, loaded = _open(repo, path)
    if loaded is None:
        return outcome
    if not request.facts and not request.verifications:
        raise UserError("Chưa có thông tin nào để ghi: thêm các tùy chọn của giai đoạn (xem "
                        "hoso ghi --help).")
    stage = outcome.stage = current_stage(loaded.data)
    recorded = _recorded(outcome, loaded, repo, stage, request, moving=False)
    if recorded is None:
        return outcome
    text, ops = recorded
    if _safe_load(text) != facts_mod.apply(_safe_load(outcome.old.decode("utf-8")), ops):
        outcome.findings.append(Finding(
            outcome.display, 1, 1, CODE_EDIT, Severity.ERROR,
            "Không ghi được mà vẫn giữ nguyên định dạng tệp (mục xet_ket_nap khác thường). Hãy "
            "ghi bằng tay."))
        return outcome
    new = text.encode("utf-8")
    checker = Checker(repo, CheckOptions(on_date=request.on, stage=stage))
    before = {(f.code, f.path, f.message) for f in checker.check_loaded(loaded)}
    outcome.findings = [f for f in checker.check_loaded(load_bytes(new, outcome.display))
                        if (f.code, f.path, f.message) not in before]
    outcome.new = new
    if outcome.refused or dry_run:
        return outcome
    replace_if_unchanged(path, outcome.old, new, outcome.display)
    outcome.written = True
    return outcome
