"""The procedure facts ``hoso advance`` records with a move: meetings and their votes, decisions,
the ceremony, verification requests sent and answered.

Each option of the command is one :class:`Fact`: its option name, what kind of value it takes and
where in ``xet_ket_nap`` it goes for each target stage (the chi bộ's meeting is the admission
meeting on the way to ``bieu_quyet`` and the recognition meeting on the way to ``chinh_thuc``).
:func:`plan` turns the given values into edit operations after checking them against each other
and against what the dossier already holds (present ≤ members, for + against ≤ present, an answer
needs its request); every refusal names the item in the form's words. :func:`edit` writes the
operations into the text one at a time, in the layout and key order of ``hoso new``
(:func:`hoso.new.entry_lines`), touching only the lines of the values it sets: every other line —
comments, blank lines, quoting, folded text — stays as the author wrote it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hoso.form import Form, dates
from hoso.workflow.yamltext import block_end, is_flow, rt_load, token_end

Path_ = tuple[str | int, ...]

XKN = "xet_ket_nap"

# Where each group of facts goes, by target stage.
_MEETING = {"bieu_quyet": (XKN, "hop_chi_bo"), "chinh_thuc": (XKN, "du_bi", "hop_chi_bo")}
_COMMITTEE = {"ket_nap": (XKN, "hop_dang_uy"), "chinh_thuc": (XKN, "du_bi", "hop_dang_uy")}
_DECISION = {"ket_nap": (XKN, "quyet_dinh_ket_nap"), "chinh_thuc": (XKN, "cong_nhan_chinh_thuc")}
_CEREMONY = {"ket_nap": (XKN, "le_ket_nap")}
_VERIFY = {"tham_tra": (XKN, "yeu_cau_tham_tra"), "bieu_quyet": (XKN, "yeu_cau_tham_tra")}

DATE, COUNT, TEXT, CHOICE = "date", "count", "text", "choice"
SENT, ANSWERED = "sent", "answered"


@dataclass(frozen=True)
class Fact:
    """One option of ``hoso advance`` that records a fact."""

    option: str  # "--ngay-hop"
    name: str  # the keyword the CLI passes
    kind: str
    help: str
    base: Mapping[str, Path_]  # target stage -> the block
    sub: Path_ = ()  # the field inside the block


def _meeting(prefix: str, opt: str, base: Mapping[str, Path_], who: str,
             example: str) -> list[Fact]:
    vote = ("bieu_quyet",)
    return [
        Fact(f"--{opt}ngay-hop", f"{prefix}ngay_hop", DATE, f"Ngày {who} họp (YYYY-MM-DD).",
             base, ("ngay",)),
        Fact(f"--{opt}so-nghi-quyet", f"{prefix}so_nghi_quyet", TEXT,
             f"Số nghị quyết của {who}, ví dụ {example}.", base, ("so_nghi_quyet",)),
        Fact(f"--{opt}tong-so", f"{prefix}tong_so", COUNT,
             f"Tổng số {'đảng viên chính thức' if not prefix else 'ủy viên'} của {who} "
             "(mẫu số của tỷ lệ biểu quyết).", base, (*vote, "tong_so")),
        Fact(f"--{opt}co-mat", f"{prefix}co_mat", COUNT, f"Số có mặt tại cuộc họp của {who}.",
             base, (*vote, "co_mat")),
        Fact(f"--{opt}tan-thanh", f"{prefix}tan_thanh", COUNT, f"Số tán thành ({who}).",
             base, (*vote, "tan_thanh")),
        Fact(f"--{opt}khong-tan-thanh", f"{prefix}khong_tan_thanh", COUNT,
             f"Số không tán thành ({who}).", base, (*vote, "khong_tan_thanh")),
        Fact(f"--{opt}hinh-thuc", f"{prefix}hinh_thuc", CHOICE,
             "Hình thức biểu quyết: bo_phieu_kin (bỏ phiếu kín) hoặc gio_the (giơ thẻ).",
             base, (*vote, "hinh_thuc")),
    ]


FACTS: tuple[Fact, ...] = (
    *_meeting("", "", _MEETING, "chi bộ", "07-NQ/CB"),
    Fact("--dang-uy-co-quan", "dang_uy_co_quan", TEXT,
         "Tên Đảng ủy cơ sở họp xét, ví dụ “Đảng ủy VNPT Lạng Sơn”.", _COMMITTEE, ("co_quan",)),
    *_meeting("dang_uy_", "dang-uy-", _COMMITTEE, "Đảng ủy cơ sở", "112-NQ/ĐU"),
    Fact("--so-quyet-dinh", "so_quyet_dinh", TEXT,
         "Số quyết định (kết nạp, hoặc công nhận chính thức), ví dụ 215-QĐ/ĐU.",
         _DECISION, ("so",)),
    Fact("--ngay-quyet-dinh", "ngay_quyet_dinh", DATE, "Ngày ký quyết định (YYYY-MM-DD).",
         _DECISION, ("ngay",)),
    Fact("--co-quan-quyet-dinh", "co_quan_quyet_dinh", TEXT, "Cấp ủy ra quyết định.",
         _DECISION, ("co_quan",)),
    Fact("--ngay-nhan-quyet-dinh", "ngay_nhan_quyet_dinh", DATE,
         "Ngày chi bộ nhận quyết định (YYYY-MM-DD).", _DECISION, ("ngay_nhan",)),
    Fact("--ngay-le", "ngay_le", DATE, "Ngày chi bộ tổ chức lễ kết nạp (YYYY-MM-DD).",
         _CEREMONY, ("ngay",)),
)

#: the options naming a stage's facts, for the command's help
STAGE_OF_GROUP = {"--ngay-hop": _MEETING, "--dang-uy-ngay-hop": _COMMITTEE,
                  "--so-quyet-dinh": _DECISION, "--ngay-le": _CEREMONY,
                  "--gui-tham-tra": _VERIFY}


@dataclass(frozen=True)
class Verification:
    """``--gui-tham-tra`` (sent) or ``--tra-loi-tham-tra`` (answered), one request."""

    what: str  # SENT or ANSWERED
    subject: str  # doi_tuong
    day: str
    text: str  # gửi đến (sent) or kết quả (answered)
    abroad: bool = False


class FactError(ValueError):
    """A fact given on the command line that cannot be recorded (Vietnamese, names the item)."""

    def __init__(self, message: str, path: Path_ = ()) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Op:
    """Set the scalar at ``path``, or (``append``) add the row ``value`` to the table at ``path``."""

    path: Path_
    value: Any
    append: bool = False


# ----------------------------------------------------------------------------- planning

_COUNT = re.compile(r"^\d{1,4}$")


def _label(form: Form, path: Path_, data: Any = None) -> str:
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return f"“{form.path_label(path, data)}” ({dotted})"


def _check_day(form: Form, path: Path_, option: str, value: str) -> str:
    text = value.strip()
    day = dates.parse_day(text)
    if day is None or day.isoformat() != text:
        raise FactError(f"{option}: “{value}” không phải một ngày có thật; ghi dạng YYYY-MM-DD, "
                        f"ví dụ 2026-03-26 (mục {_label(form, path)}).", path)
    return text


def _dig(data: Any, path: Path_) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, Mapping) else None
    return data


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str | int) and _COUNT.match(str(value)) else None


def plan(form: Form, data: Mapping[str, Any], target: str, given: Mapping[str, str],
         verifications: Sequence[Verification] = (), *, moving: bool = True) -> list[Op]:
    """The edits that record ``given`` (option keyword -> text) for a move to ``target`` (or, not
    ``moving``, for a dossier staying at ``target``: ``hoso ghi``).

    Raises :class:`FactError` for a value that is not what its item takes, a fact that does not
    belong to the move, or a vote whose counts do not add up (with what the dossier holds).
    """
    facts = {f.name: f for f in FACTS}
    ops: list[Op] = []
    for name, raw in given.items():
        fact = facts[name]
        base = fact.base.get(target)
        if base is None:
            raise FactError(_not_here(fact.option, tuple(fact.base), target, moving))
        path = (*base, *fact.sub)
        value = raw.strip()
        if fact.kind == DATE:
            value = _check_day(form, path, fact.option, raw)
        elif fact.kind == COUNT:
            if not _COUNT.match(value):
                raise FactError(f"{fact.option}: “{raw}” không phải một số nguyên không âm "
                                f"(mục {_label(form, path)}).", path)
            value = str(int(value))
        elif fact.kind == CHOICE:
            labels = form.enum_labels(path)
            if value not in labels:
                choices = ", ".join(f"{k} ({v})" for k, v in labels.items())
                raise FactError(f"{fact.option}: “{raw}” không có trong danh sách của mục "
                                f"{_label(form, path)}; chọn một trong: {choices}.", path)
        elif not value:
            raise FactError(f"{fact.option} không được để trống (mục {_label(form, path)}).", path)
        ops.append(Op(path, value))
    if verifications:
        if target not in _VERIFY:
            raise FactError(_not_here("--gui-tham-tra và --tra-loi-tham-tra", tuple(_VERIFY),
                                      target, moving))
        ops += _verification_ops(form, data, verifications)
    after = apply(data, ops)
    for base in {*_MEETING.values(), *_COMMITTEE.values()}:
        if any(op.path[:len(base)] == base for op in ops):
            _check_vote(form, after, (*base, "bieu_quyet"))
    return ops


def _not_here(option: str, where: tuple[str, ...], target: str, moving: bool) -> str:
    stages_ = ", ".join(where)
    if moving:
        return f"{option} chỉ dùng khi chuyển sang giai đoạn {stages_}, không dùng khi chuyển " \
               f"sang “{target}”."
    return f"{option} chỉ ghi được khi hồ sơ đang ở giai đoạn {stages_}; hồ sơ này đang ở " \
           f"“{target}”."


def _check_vote(form: Form, data: Any, path: Path_) -> None:
    vote = _dig(data, path)
    if not isinstance(vote, Mapping):
        return
    total, present = _int(vote.get("tong_so")), _int(vote.get("co_mat"))
    yes, no = _int(vote.get("tan_thanh")), _int(vote.get("khong_tan_thanh"))
    where = _label(form, path)
    if total is not None and present is not None and present > total:
        raise FactError(f"{where}: số có mặt ({present}) lớn hơn tổng số thành viên ({total}). "
                        "Kiểm tra lại --co-mat và --tong-so.", (*path, "co_mat"))
    if present is not None and yes is not None and yes + (no or 0) > present:
        raise FactError(f"{where}: số tán thành ({yes}) cộng số không tán thành ({no or 0}) lớn "
                        f"hơn số có mặt ({present}). Kiểm tra lại số phiếu.", (*path, "tan_thanh"))


def _verification_ops(form: Form, data: Mapping[str, Any],
                      items: Sequence[Verification]) -> list[Op]:
    table: Path_ = (XKN, "yeu_cau_tham_tra")
    rows = list(_dig(data, table) or [])
    subjects = form.enum_labels((*table, 0, "doi_tuong"))
    ops: list[Op] = []
    for item in items:
        option = "--gui-tham-tra" if item.what == SENT else "--tra-loi-tham-tra"
        if item.subject not in subjects:
            choices = ", ".join(subjects)
            raise FactError(f"{option}: “{item.subject}” không phải người được thẩm tra trong "
                            f"danh sách của mục {_label(form, (*table, 0, 'doi_tuong'))}; chọn "
                            f"một trong: {choices}.", table)
        who = subjects[item.subject]
        if item.what == SENT:
            day = _check_day(form, (*table, len(rows), "ngay_gui"), option, item.day)
            if not item.text.strip():
                raise FactError(f"{option}: ghi nơi nhận văn bản đề nghị thẩm tra về "
                                f"{who.lower()}.", table)
            row: dict[str, Any] = {"gui_den": " ".join(item.text.split()),
                                   "doi_tuong": item.subject, "ngay_gui": day}
            if item.abroad:
                row["nuoc_ngoai"] = True
            rows.append(row)
            ops.append(Op(table, row, append=True))
            continue
        open_rows = [i for i, r in enumerate(rows) if isinstance(r, Mapping)
                     and r.get("doi_tuong") == item.subject and not r.get("ngay_tra_loi")]
        if not open_rows:
            raise FactError(f"{option}: mục {_label(form, table)} không có yêu cầu thẩm tra nào về "
                            f"{who.lower()} đang chờ trả lời; ghi yêu cầu đã gửi trước "
                            "(--gui-tham-tra).", table)
        i = open_rows[0]
        day = _check_day(form, (*table, i, "ngay_tra_loi"), option, item.day)
        sent = rows[i].get("ngay_gui")
        if dates.parse_day(sent) is not None and day < str(sent):
            raise FactError(f"{option}: ngày trả lời {day} sớm hơn ngày gửi {sent} "
                            f"(mục {_label(form, (*table, i), data)}).", (*table, i))
        rows[i] = {**rows[i], "ngay_tra_loi": day}
        ops.append(Op((*table, i, "ngay_tra_loi"), day))
        if item.text.strip():
            rows[i]["ket_qua"] = " ".join(item.text.split())
            ops.append(Op((*table, i, "ket_qua"), rows[i]["ket_qua"]))
    return ops


def apply(data: Mapping[str, Any], ops: Sequence[Op]) -> Any:
    """``data`` with ``ops`` applied (what the edited file must load to)."""
    out: Any = copy.deepcopy(dict(data))
    for op in ops:
        node = out
        for i, part in enumerate(op.path[:-1]):
            nxt = op.path[i + 1]
            empty: Any = [] if isinstance(nxt, int) else {}
            if isinstance(part, int):
                node = node[part]
            else:
                if not isinstance(node.get(part), dict | list):
                    node[part] = empty
                node = node[part]
        last = op.path[-1]
        if op.append:
            if not isinstance(node.get(last), list):
                node[last] = []
            node[last].append(copy.deepcopy(op.value))
        else:
            node[last] = op.value
    return out


# ----------------------------------------------------------------------------- text editing


class Unsafe(ValueError):
    """No safe place in the text for an edit (the message is Vietnamese)."""


def _order(form: Form, path: Path_) -> list[str]:
    if not path:
        return form.top_keys()
    return form.property_names(form.node_at(path))


def edit(text: str, schema: dict[str, Any], form: Form, ops: Sequence[Op]) -> str:
    """``text`` with every operation written in, each into the text the one before left."""
    newline = "\r\n" if "\r\n" in text else "\n"
    for op in ops:
        lines = text.split(newline)
        doc = rt_load(text)
        if not isinstance(doc, CommentedMap):
            raise Unsafe("Hồ sơ phải là một bảng các mục (khóa: giá trị).")
        lines = _edit_one(lines, doc, schema, form, op)
        text = newline.join(lines)
    return text


def _nested(path: Path_, op: Op) -> Any:
    """The value to write at ``path`` (a prefix of ``op.path``) so that ``op`` holds."""
    value: Any = [op.value] if op.append else op.value
    for part in reversed(op.path[len(path):]):
        value = {part: value}
    return value


def _edit_one(lines: list[str], doc: CommentedMap, schema: dict[str, Any], form: Form,
              op: Op) -> list[str]:
    from hoso.new import entry_lines, row_lines

    node: Any = doc
    col = 0  # column of the keys of ``node``
    for depth, part in enumerate(op.path):
        here = op.path[:depth + 1]
        if isinstance(part, int):
            assert isinstance(node, CommentedSeq)
            node = node[part]
            if not isinstance(node, CommentedMap) or not len(node):
                raise Unsafe(f"Dòng {_label(form, here)} phải viết dạng khối để sửa tự động.")
            col = node.lc.key(next(iter(node)))[1]
            continue
        if part not in node:
            return _insert(lines, node, col, schema, form, here, _nested(here, op))
        kl, kc = node.lc.key(part)
        child = node[part]
        last = depth == len(op.path) - 1
        if last and op.append and isinstance(child, CommentedSeq) and len(child) \
                and not is_flow(lines, *node.lc.value(part)):
            dash_col = child.lc.col
            end = block_end(lines, child.lc.item(len(child) - 1)[0], dash_col)
            return [*lines[:end + 1], *row_lines(schema, here, op.value, " " * dash_col),
                    *lines[end + 1:]]
        if last and not op.append and not isinstance(child, CommentedMap | CommentedSeq):
            vl, vc = node.lc.value(part)
            line = lines[kl]
            if vl == kl and child is not None and vc < len(line) and line[vc] not in "|>":
                end = token_end(line, vc)
                if end < len(line) and line[end:].strip() and not line[end:].lstrip().startswith(
                        "#"):
                    raise Unsafe(f"Giá trị của {_label(form, here)} viết trên nhiều dòng.")
                from hoso.new import _scalar

                lines[kl] = line[:vc] + _scalar(op.value) + line[end:]
                return lines
        if last or not isinstance(child, CommentedMap | CommentedSeq) \
                or is_flow(lines, *node.lc.value(part)) or not len(child):
            # replace the whole entry with the merged value, in hoso new's layout
            merged = apply({part: _plain(child)}, [Op(op.path[depth:], op.value, op.append)])
            end = block_end(lines, kl, kc)
            new = entry_lines(schema, here, merged[part], " " * kc)
            if depth == 0:
                new = [ln for ln in new if not ln.startswith("#")]
            return [*lines[:kl], *new, *lines[end + 1:]]
        node = child
        if isinstance(node, CommentedMap):
            col = node.lc.key(next(iter(node)))[1]
    raise Unsafe(f"Không ghi được {_label(form, op.path)}.")  # pragma: no cover


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _insert(lines: list[str], node: CommentedMap, col: int, schema: dict[str, Any], form: Form,
            path: Path_, value: Any) -> list[str]:
    """Insert ``path[-1]: value`` into the mapping ``node`` after the siblings that come before
    it in the schema's order (else first)."""
    from hoso.new import entry_lines

    key = str(path[-1])
    order = _order(form, path[:-1])
    before = order[:order.index(key)] if key in order else order
    present = [k for k in node if k in before]
    new = entry_lines(schema, path, value, " " * col)
    if len(path) == 1:
        new = ["", *new]
    if present:
        kl, kc = node.lc.key(present[-1])
        at = block_end(lines, kl, kc) + 1
    else:
        at, first_col = node.lc.key(next(iter(node)))
        if lines[at][:first_col].strip().startswith("-"):
            # a table row: its first key carries the "- "; the new key goes after that key
            at = block_end(lines, at, first_col) + 1
        else:
            # keep the comments that head the first key above it
            while at > 0 and lines[at - 1].strip().startswith("#") and len(path) > 1:
                at -= 1
    return [*lines[:at], *new, *lines[at:]]
