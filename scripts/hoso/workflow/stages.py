"""The workflow stages of a dossier and the moves between them (DESIGN.md sections 1 and 4).

A dossier moves forward one stage at a time::

    khai → chi_uy_xem_xet → dang_uy_xem_xet → chep_chinh_thuc → tham_tra → bieu_quyet
         → ket_nap → du_bi → chinh_thuc

and from any review stage (chi_uy_xem_xet, dang_uy_xem_xet, tham_tra, bieu_quyet) it can be
returned for fixes (``tra_lai``): the dossier goes back to ``khai``. A return is not a stage of its
own: the history records the move into ``khai`` and its note; a history step from a review stage
back to ``khai`` *is* a return (:func:`is_return`, :func:`count_returns`).

The labels are the schema's ``x-nhan`` of ``quy_trinh.giai_doan`` (a test keeps them equal).
This module is imported by the checker, the renderer, the report and the CLI: it depends on nothing
but the standard library. Labels and messages are Vietnamese; they are what users read.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

KHAI = "khai"
CHI_UY_XEM_XET = "chi_uy_xem_xet"
DANG_UY_XEM_XET = "dang_uy_xem_xet"
CHEP_CHINH_THUC = "chep_chinh_thuc"
THAM_TRA = "tham_tra"
BIEU_QUYET = "bieu_quyet"
KET_NAP = "ket_nap"
DU_BI = "du_bi"
CHINH_THUC = "chinh_thuc"

#: The name of the move that returns a dossier for fixes (not a stage).
TRA_LAI = "tra_lai"
TRA_LAI_LABEL = "Trả lại để sửa"


@dataclass(frozen=True)
class Stage:
    """One stage: its code (the YAML value), label, who acts while the dossier is there."""

    code: str
    label: str
    #: Who works on the dossier at this stage and decides the move out of it.
    actor: str
    #: What happens at this stage, one sentence.
    work: str
    #: The step of the six-step loop (DESIGN.md section 1), or None after the vote.
    step: int | None
    #: A review stage: the dossier can be returned for fixes from here.
    review: bool = False


ORDER: tuple[Stage, ...] = (
    Stage(KHAI, "Quần chúng khai lý lịch", "Người xin vào Đảng (quần chúng)",
          "Quần chúng khai lý lịch theo Mẫu 2-KNĐ và nộp cho chi bộ.", 1),
    Stage(CHI_UY_XEM_XET, "Chi ủy xem xét", "Chi ủy (chi bộ)",
          "Chi ủy xem xét lý lịch, yêu cầu bổ sung, sửa chữa, rồi chuyển lên Đảng ủy.", 2, True),
    Stage(DANG_UY_XEM_XET, "Đảng ủy xem xét", "Đảng ủy",
          "Đảng ủy kiểm tra, sửa chữa, bổ sung lý lịch và chuyển lại chi bộ.", 3, True),
    Stage(CHEP_CHINH_THUC, "Chép bản chính thức", "Người xin vào Đảng, chi ủy hướng dẫn",
          "Quần chúng sửa theo ý kiến của Đảng ủy và chép một lần vào quyển lý lịch chính thức.",
          4),
    Stage(THAM_TRA, "Thẩm tra lý lịch", "Chi ủy (chi bộ)",
          "Chi bộ thẩm tra, xác minh lý lịch; ghi kết quả vào mục (24), nhận xét mục (25).",
          5, True),
    Stage(BIEU_QUYET, "Biểu quyết, đề nghị kết nạp", "Ban Chấp hành Đảng bộ",
          "Ban Chấp hành Đảng bộ họp, xem xét, biểu quyết và đề nghị cấp trên kết nạp.", 6, True),
    Stage(KET_NAP, "Đã kết nạp", "Cấp ủy có thẩm quyền; chi bộ tổ chức lễ kết nạp",
          "Đã có quyết định kết nạp; chi bộ tổ chức lễ kết nạp.", None),
    Stage(DU_BI, "Đảng viên dự bị", "Chi bộ",
          "Đảng viên dự bị trong 12 tháng, chi bộ giúp đỡ và theo dõi.", None),
    Stage(CHINH_THUC, "Đảng viên chính thức", "Cấp ủy có thẩm quyền",
          "Đã được công nhận đảng viên chính thức.", None),
)

STAGES: Mapping[str, Stage] = {s.code: s for s in ORDER}
CODES: tuple[str, ...] = tuple(s.code for s in ORDER)
REVIEW_STAGES: frozenset[str] = frozenset(s.code for s in ORDER if s.review)
FIRST = KHAI
#: From this stage on the official copy exists: the documents are printed as finals.
OFFICIAL_COPY = CHEP_CHINH_THUC


class UnknownStage(ValueError):
    """A stage name that is not one of :data:`CODES` (the message is Vietnamese)."""


class MoveNotAllowed(ValueError):
    """A move the stage machine does not allow (the message is Vietnamese)."""


def get(code: str) -> Stage:
    """The stage named ``code``; :class:`UnknownStage` with a "did you mean" otherwise."""
    try:
        return STAGES[code]
    except (KeyError, TypeError):
        pass
    known = [*CODES, TRA_LAI]
    guess = difflib.get_close_matches(str(code), known, n=1)
    hint = f" Có phải ý bạn là “{guess[0]}”?" if guess else ""
    raise UnknownStage(
        f"Không có giai đoạn “{code}”.{hint} Các giai đoạn: {', '.join(CODES)}; "
        f"trả lại để sửa: {TRA_LAI}."
    )


def label(code: str) -> str:
    """The Vietnamese label of a stage (or of the return move); the code itself if unknown."""
    if code == TRA_LAI:
        return TRA_LAI_LABEL
    stage = STAGES.get(code)
    return stage.label if stage else code


def index(code: str) -> int:
    """Position of a stage in :data:`ORDER` (``khai`` is 0)."""
    return CODES.index(get(code).code)


def at_or_past(code: str, reference: str) -> bool:
    """True when stage ``code`` is ``reference`` or comes after it."""
    return index(code) >= index(reference)


def next_stage(code: str) -> str | None:
    """The stage after ``code``, or None at the last one."""
    i = index(code)
    return CODES[i + 1] if i + 1 < len(CODES) else None


def allowed_moves(current: str) -> list[str]:
    """The targets allowed from ``current``: the next stage, and ``tra_lai`` from a review stage."""
    out = []
    nxt = next_stage(current)
    if nxt:
        out.append(nxt)
    if current in REVIEW_STAGES:
        out.append(TRA_LAI)
    return out


def is_return(previous: str, following: str) -> bool:
    """True when a history step from ``previous`` to ``following`` is a return for fixes."""
    return following == KHAI and previous in REVIEW_STAGES


@dataclass(frozen=True)
class Move:
    """A checked move: from ``current`` to the stage ``target`` (``khai`` for a return)."""

    current: str
    target: str
    is_return: bool

    @property
    def title(self) -> str:
        if self.is_return:
            return f"{TRA_LAI_LABEL}: «{label(self.current)}» → «{label(self.target)}»"
        return f"«{label(self.current)}» → «{label(self.target)}»"


def plan_move(current: str, requested: str) -> Move:
    """Check a requested move; ``requested`` is a stage code or ``tra_lai``.

    Raises :class:`UnknownStage` for an unknown name and :class:`MoveNotAllowed` for a move the
    machine does not allow; a move back to ``khai`` from a review stage counts as a return.
    """
    get(current)
    if requested != TRA_LAI:
        get(requested)
    moves = allowed_moves(current)
    shown = ", ".join(f"{m} ({label(m)})" for m in moves) or "không có (đây là giai đoạn cuối)"
    if requested == TRA_LAI or (requested == KHAI and current in REVIEW_STAGES):
        if current not in REVIEW_STAGES:
            reviews = ", ".join(c for c in CODES if c in REVIEW_STAGES)
            raise MoveNotAllowed(
                f"Không thể trả lại hồ sơ đang ở giai đoạn «{label(current)}»: chỉ trả lại được từ "
                f"một giai đoạn xem xét ({reviews}). Từ giai đoạn này có thể chuyển sang: {shown}."
            )
        return Move(current, KHAI, True)
    if requested == current:
        raise MoveNotAllowed(
            f"Hồ sơ đã ở giai đoạn «{label(current)}». Có thể chuyển sang: {shown}."
        )
    if requested not in moves:
        direction = "lùi về" if index(requested) < index(current) else "nhảy tới"
        raise MoveNotAllowed(
            f"Không thể {direction} «{label(requested)}» từ «{label(current)}»: mỗi lần chỉ chuyển "
            f"sang giai đoạn kế tiếp, hoặc trả lại để sửa từ một giai đoạn xem xét. "
            f"Có thể chuyển sang: {shown}."
        )
    return Move(current, requested, False)


def history_stages(history: Iterable[object]) -> list[str]:
    """The ``giai_doan`` of each well-formed history entry, in order."""
    out = []
    for entry in history:
        if isinstance(entry, Mapping) and isinstance(entry.get("giai_doan"), str):
            out.append(entry["giai_doan"])
    return out


def count_returns(history: Iterable[object]) -> int:
    """How many times the dossier was returned for fixes, read from its history."""
    codes = history_stages(history)
    return sum(is_return(a, b) for a, b in itertools.pairwise(codes))
