"""What a rule is, the registry the rule modules fill, and the context a rule reads.

A rule is a plain function ``check(ctx) -> Iterable[Hit]`` registered with :func:`rule`, which
records everything the catalogue shows about it: a stable code, the default severity, a Vietnamese
title and explanation, the legal basis with the reference's confidence tag, the form items it
checks, the stages it applies to, and a failing and a passing example. An example is a short list
of patches applied to the sample dossier (``{"dat": "ngay_sinh", "gia_tri": "2010-01-01"}``,
``{"xoa": "gia_dinh[4]"}``, ``{"them": "ky_luat", "gia_tri": {...}}``), so the guidance site can
show it and the tests can run it.

A :class:`Hit` names the offending value by its path in the dossier; the engine turns it into a
located :class:`~hoso.findings.Finding`.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple

from hoso.findings import Path_, Severity
from hoso.form import Form, dates, load_form
from hoso.form.calendar import NATIONAL, Calendar
from hoso.repo import find_repo_or_checkout
from hoso.workflow import stages as stage_mod

Patch = Mapping[str, Any]
CONFIDENCE = {"C": "đã xác nhận", "T": "theo bản chép quyển lý lịch", "U": "chưa xác nhận"}


class Hit(NamedTuple):
    """One problem a rule found: where (a path in the dossier) and what (Vietnamese)."""

    path: Path_
    message: str


@dataclass(frozen=True)
class Example:
    """Patches to the sample dossier; for a failing example, where the finding is expected."""

    patches: tuple[Patch, ...]
    #: The path of the expected finding ("gia_dinh[4].nam_sinh"); failing examples only.
    at: str | None = None
    #: The date pinned for this example (``--ngay``), when the default one does not fit.
    ngay: str | None = None
    #: The stage the dossier is judged at (``CheckOptions.stage``), when it matters.
    giai_doan: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    explanation: str
    basis: str
    confidence: str
    items: tuple[str, ...]
    stages: tuple[str, ...] | None
    failing: Example
    passing: Example
    family: str
    check: Callable[[Ctx], Iterable[Hit]] = field(repr=False, compare=False)

    def applies_at(self, stage: str | None) -> bool:
        return self.stages is None or stage in self.stages


REGISTRY: dict[str, Rule] = {}


def _example(spec: Example | Sequence[Patch] | Mapping[str, Any]) -> Example:
    if isinstance(spec, Example):
        return spec
    if isinstance(spec, Mapping):
        return Example(tuple(spec.get("patches", ())), spec.get("at"), spec.get("ngay"),
                       spec.get("giai_doan"))
    return Example(tuple(spec))


def rule(code: str, *, title: str, explanation: str, basis: str, confidence: str,
         items: Sequence[str], failing: Example | Sequence[Patch] | Mapping[str, Any],
         passing: Example | Sequence[Patch] | Mapping[str, Any] = (),
         stages: Sequence[str] | None = None, from_stage: str | None = None,
         severity: Severity | None = None,
         ) -> Callable[[Callable[[Ctx], Iterable[Hit]]], Callable[[Ctx], Iterable[Hit]]]:
    """Register the decorated function as the check of rule ``code``.

    [U] rules default to warnings, the others to errors. ``from_stage`` is a shorthand for every
    stage from that one on.
    """
    if confidence not in CONFIDENCE:
        raise ValueError(f"{code}: confidence must be one of {sorted(CONFIDENCE)}")
    if from_stage is not None:
        stages = stage_mod.CODES[stage_mod.index(from_stage):]
    if severity is None:
        severity = Severity.WARNING if confidence == "U" else Severity.ERROR

    def deco(fn: Callable[[Ctx], Iterable[Hit]]) -> Callable[[Ctx], Iterable[Hit]]:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        family = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Rule(code, severity, title, explanation, basis, confidence,
                              tuple(items), None if stages is None else tuple(stages),
                              _example(failing), _example(passing), family, fn)
        return fn

    return deco


# --------------------------------------------------------------------------------------------
# reading values


def blank(value: object) -> bool:
    """Nothing written: missing, null, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def none_word(value: object) -> bool:
    """Nothing, or the word "Không" that the form writes for "nothing applies"."""
    return blank(value) or (isinstance(value, str) and value.strip().casefold() == "không")


def present(value: object) -> bool:
    """Something written: a non-empty mapping or list, or a text other than "Không"."""
    if isinstance(value, dict | list):
        return bool(value)
    return not none_word(value)


def dig(data: object, *keys: str | int) -> Any:
    """``data[k1][k2]…`` or None when any step is missing or of the wrong kind."""
    cur: Any = data
    for k in keys:
        if isinstance(k, int):
            if not isinstance(cur, list) or not -len(cur) <= k < len(cur):
                return None
            cur = cur[k]
        elif isinstance(cur, dict):
            cur = cur.get(k)
        else:
            return None
    return cur


def rows(data: object, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The mapping rows of the table ``key`` with their indexes ("Không" → no rows)."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, r) for i, r in enumerate(value) if isinstance(r, dict)]


# --------------------------------------------------------------------------------------------
# relationships the rules reason about (codes of the schema's closed list, reference 1.6); their
# labels and their groups of (21) are the schema's (ctx.relation, ctx.form.relation_groups)

GRANDPARENTS_OWN = ("ong_noi", "ba_noi", "ong_ngoai", "ba_ngoai")
GRANDPARENTS_SPOUSE = ("ong_noi_ben_vo_chong", "ba_noi_ben_vo_chong", "ong_ngoai_ben_vo_chong",
                       "ba_ngoai_ben_vo_chong")
PARENTS = ("cha_de", "me_de")
CARER = "nguoi_nuoi_duong"
PARENTS_IN_LAW = ("cha_vo_chong", "me_vo_chong")
SPOUSES = ("vo", "chong")
SIBLINGS_OWN = ("anh_ruot", "chi_ruot", "em_ruot")
SIBLINGS_SPOUSE = ("anh_ruot_vo_chong", "chi_ruot_vo_chong", "em_ruot_vo_chong")
CHILDREN = ("con_de", "con_nuoi")


# --------------------------------------------------------------------------------------------
# the context of one dossier

#: The tables whose messages name the row ("Mục (15) …, dòng 2").
ROW_TABLES = frozenset({"lich_su_ban_than", "cong_viec_chuc_vu", "dao_tao_boi_duong",
                        "di_nuoc_ngoai", "khen_thuong", "ky_luat"})


def default_form() -> Form:
    """The form of the repository's schema when a context is built without one (tests, tools)."""
    return load_form(find_repo_or_checkout().schema_path())


class Ctx:
    """One dossier as the rules see it, with the values several rules need computed once.

    ``form`` is the form of the dossier's version: the rules name items, fields and relationships
    by its labels (``ctx.item("gia_dinh")`` → "Mục (21) Hoàn cảnh gia đình").
    """

    def __init__(self, data: Mapping[str, Any], *, form: Form | None = None,
                 on_date: date | None = None, stage: str | None = None,
                 today: date | None = None, calendar: Calendar | None = None,
                 texts: tuple[list[str], list[tuple[Path_, str | int]]] | None = None) -> None:
        self.data = data
        #: The text values as the loader listed them (None: :attr:`texts` walks ``data``).
        self._listed = texts
        #: The working-day calendar (national holidays plus ``to-chuc.yaml``'s days off).
        self.calendar: Calendar = calendar if calendar is not None else NATIONAL
        self.form: Form = form if form is not None else default_form()
        #: "Now": --ngay, else today. Records written after the chi bộ meeting are judged here.
        self.now: date = on_date or today or date.today()
        self.meeting: date | None = dates.parse_day(dig(data, "xet_ket_nap", "hop_chi_bo", "ngay"))
        #: The reference date: the chi bộ meeting when there is one, else "now".
        self.ref: date = self.meeting or self.now
        #: True when the stage was given from outside (``hoso advance`` asks about a target stage).
        self.stage_given = stage is not None
        raw_stage = stage or dig(data, "quy_trinh", "giai_doan")
        if raw_stage == stage_mod.TRA_LAI:
            raw_stage = stage_mod.KHAI
        self.stage: str | None = raw_stage if raw_stage in stage_mod.STAGES else None
        self.stage_index: int = stage_mod.index(self.stage) if self.stage else 0
        #: Values derived once per dossier and shared by several rules (keyed by the rule module).
        self.memo: dict[str, Any] = {}

    # ---- the form's labels, for messages

    def item(self, key: str) -> str:
        """A top-level item as messages name it: "Mục (3) Sinh ngày" (the schema's ``x-ngan`` or
        ``title``)."""
        return self.form.short_item(key)

    def part(self, *path: str) -> str:
        """A part of an item: "Mục (7) Nơi cư trú – Nơi thường trú"."""
        return f"{self.item(path[0])} – {self.form.title(self.form.node_at(path), path[-1])}"

    def item_at(self, path: Path_) -> str:
        """The item a value belongs to, with the row of a dated table: "Mục (15) …, dòng 2"."""
        head = path[0] if path else None
        if not isinstance(head, str):
            return "Hồ sơ"
        label = self.item(head)
        if head in ROW_TABLES and len(path) > 1 and isinstance(path[1], int):
            return f"{label}, dòng {path[1] + 1}"
        return label

    def named(self, *path: str | int) -> str:
        """Where to write something, in the user's words then their YAML: “Thông tin xét kết nạp
        › Họp chi bộ xét kết nạp” (xet_ket_nap.hop_chi_bo)."""
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        return f"“{self.form.path_label(path, self.data)}” ({dotted})"

    def field(self, *path: str | int) -> str:
        """A field inside a sentence: ``ctx.field("gia_dinh", 0, "noi_o")`` → "chỗ ở hiện nay"."""
        return self.form.field_label(path)

    def relation(self, code: object) -> str:
        """A relationship of (21) inside a sentence: "ông nội bên vợ (chồng)"."""
        return self.form.relation_label(code)

    # ---- helpers

    def ref_phrase(self) -> str:
        """How the reference date is named in a message."""
        if self.meeting is not None:
            return f"ngày họp chi bộ xét kết nạp ({dates.show_day(self.ref)})"
        return f"ngày xét ({dates.show_day(self.ref)})"

    def at_or_past(self, stage: str) -> bool:
        return self.stage is not None and self.stage_index >= stage_mod.index(stage)

    @property
    def xkn(self) -> Mapping[str, Any]:
        value = self.data.get("xet_ket_nap")
        return value if isinstance(value, dict) else {}

    @cached_property
    def birth(self) -> date | None:
        return dates.parse_day(self.data.get("ngay_sinh"))

    def age_at(self, on: date) -> int | None:
        return dates.age_months(self.birth, on) if self.birth else None

    @cached_property
    def age(self) -> int | None:
        """Age in completed months at the reference date."""
        return self.age_at(self.ref)

    @cached_property
    def family(self) -> list[tuple[int, Mapping[str, Any]]]:
        return rows(self.data, "gia_dinh")

    @cached_property
    def by_relation(self) -> dict[str, list[tuple[int, Mapping[str, Any]]]]:
        out: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}
        for i, person in self.family:
            rel = person.get("quan_he")
            if isinstance(rel, str):
                out.setdefault(rel, []).append((i, person))
        return out

    def has(self, relation: str) -> bool:
        return relation in self.by_relation

    @cached_property
    def married(self) -> bool:
        return any(self.has(r) for r in SPOUSES)

    @cached_property
    def doan_member(self) -> bool:
        """A Youth Union member: item (12) filled with a date."""
        return present(self.data.get("doan_thanh_nien"))

    @cached_property
    def texts(self) -> Texts:
        """Every text value of the dossier, indexed once for the text rules."""
        if self._listed is not None:
            return Texts.listed(*self._listed)
        return Texts(self.data)

    @property
    def strings(self) -> list[tuple[Path_, str]]:
        """Every text value with its path, in document order."""
        t = self.texts
        return [(t.path(i), v) for i, v in enumerate(t.values)]


# Keys whose values are dates (or "nay"), and keys whose values are people's names.
DATE_KEYS = frozenset({
    "ngay", "tu", "den", "thang", "nam", "nam_sinh", "ngay_sinh", "ngay_vao_dang",
    "ngay_chinh_thuc", "cung_cong_tac_tu", "ngay_ket_nap_lan_dau", "ngay_chinh_thuc_lan_dau",
    "ngay_ra_khoi_dang", "ngay_gui", "ngay_nhan", "ngay_tra_loi"})
NAME_KEYS = frozenset({"ho_ten", "ho_ten_nguoi_duoc_tham_tra", "nguoi_ky"})
SEPARATOR = "\x00"  # never in a loaded text (the loader refuses control characters)


class Texts:
    """The text values of a dossier: a list, where each one is, and one string joining them all.

    The joined string (:attr:`blob`) starts, ends and is separated by :data:`SEPARATOR`, so a
    text rule runs one regular expression (or a substring test) over the whole dossier in C and
    looks only at the few values it matches. Paths are built only for the values reported.
    """

    __slots__ = ("_blob", "_starts", "dates", "names", "refs", "values")

    def __init__(self, data: Mapping[str, Any]) -> None:
        values: list[str] = []
        refs: list[tuple[Path_, str | int]] = []
        dates_: list[int] = []
        names: list[int] = []
        add_value, add_ref = values.append, refs.append

        def walk(node: Any, path: Path_) -> None:
            for key, value in (node.items() if type(node) is dict else enumerate(node)):
                kind = type(value)
                if kind is str:
                    if key in DATE_KEYS:
                        dates_.append(len(values))
                    elif key in NAME_KEYS:
                        names.append(len(values))
                    add_value(value)
                    add_ref((path, key))
                elif kind is dict or kind is list:
                    walk(value, (*path, key))

        walk(data, ())
        self._set(values, refs, dates_, names)

    def _set(self, values: list[str], refs: list[tuple[Path_, str | int]], dates_: list[int],
             names: list[int]) -> None:
        self.values = values
        self.refs = refs
        self.dates = dates_
        self.names = names
        self._blob: str | None = None
        self._starts: list[int] = []

    @classmethod
    def listed(cls, values: list[str], refs: list[tuple[Path_, str | int]]) -> Texts:
        """The index of the text values the loader listed as it read the dossier (what the walk
        of ``__init__`` finds, in the same order), without walking the tree again."""
        self = cls.__new__(cls)
        dates_ = [i for i, (_, key) in enumerate(refs) if key in DATE_KEYS]
        names = [i for i, (_, key) in enumerate(refs) if key in NAME_KEYS]
        self._set(values, refs, dates_, names)
        return self

    def path(self, i: int) -> Path_:
        parent, key = self.refs[i]
        return (*parent, key)

    @property
    def blob(self) -> str:
        """``SEP value0 SEP value1 … SEP``."""
        if self._blob is None:
            self._blob = SEPARATOR + SEPARATOR.join(self.values) + SEPARATOR
        return self._blob

    @property
    def starts(self) -> list[int]:
        """Offset of each value in :attr:`blob` (built on the first match only)."""
        if not self._starts and self.values:
            # 1 + the lengths before + one separator per value before, all in C iterators
            self._starts = list(map(operator.add, accumulate(map(len, self.values), initial=1),
                                    range(len(self.values))))
        return self._starts

    def index_at(self, offset: int) -> int:
        """The value a blob offset falls in (a separator belongs to the value after it)."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def start(self, i: int) -> int:
        """Offset of value ``i`` in :attr:`blob`."""
        return self.starts[i]

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """(value index, first match in it) for each value ``pattern`` matches in the blob."""
        last = -1
        for m in pattern.finditer(self.blob):
            i = self.index_at(m.start() + (1 if m.group().startswith(SEPARATOR) else 0))
            if i != last:
                last = i
                yield i, m

    def search_each(self, pattern: re.Pattern[str], indexes: Iterable[int]
                    ) -> Iterator[tuple[int, re.Match[str]]]:
        """(value index, first match) of ``pattern`` searched in each of the values ``indexes``."""
        values = self.values
        for i in indexes:
            m = pattern.search(values[i])
            if m is not None:
                yield i, m

    def containing(self, needle: str) -> list[int]:
        """Indexes of the values containing ``needle`` (one substring search when none does)."""
        blob = self.blob
        if needle not in blob:
            return []
        out: list[int] = []
        shift = 1 if needle.startswith(SEPARATOR) else 0  # a leading separator opens its value
        pos = blob.find(needle)
        while pos >= 0:
            i = self.index_at(pos + shift)
            if not out or out[-1] != i:
                out.append(i)
            pos = blob.find(needle, pos + 1)
        return out
