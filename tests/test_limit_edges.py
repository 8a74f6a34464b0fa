"""Every time limit a rule enforces, tested at its edge: on the limit, one day before, one after.

The cases are built from the form model's table of limits (:mod:`hoso.form.limits`): the edge date
is computed from the limit's value, so a changed limit moves its tests with it, and
:func:`test_every_limit_a_rule_reads_has_edge_cases` fails when a rule starts reading a limit that
has no edge case here. Each case patches the sample dossier and runs the one rule that enforces the
limit (as ``tests/test_rules_cases.py`` does), judged at the examples' date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from rulecases import sample

from hoso.form import dates, limits
from hoso.form.calendar import NATIONAL
from hoso.validate import rules as rules_package
from hoso.validate.rules import catalogue, examples
from hoso.validate.rules.base import Ctx
from hoso.validate.rules.readmission import READMISSION
from hoso.validate.rules.samples import (
    AT_ADMISSION,
    AT_OFFICIAL,
    AT_VOTE,
    CEREMONY,
    COMMENTS,
    DECISION,
    DECISION_BLOCK,
    MEETING,
    VERIFIED,
)

RULES_DIR = Path(rules_package.__file__).parent
ON = examples.EXAMPLE_DATE  # "now" of the sample, which has no chi bộ meeting yet: the reference
OFFSETS = (-1, 0, 1)  # days from the edge

Patch = Mapping[str, Any]


@dataclass(frozen=True)
class Case:
    patches: Sequence[Patch]
    on: date = ON
    stage: str | None = None


def next_day(day: date, offset: int) -> date:
    return day + timedelta(days=offset)


def next_workday(day: date, offset: int) -> date:
    """``offset`` working days after (or before) ``day`` on the national calendar (Tết, holidays
    and their substitute days are not working days)."""
    step = 1 if offset > 0 else -1
    for _ in range(abs(offset)):
        day += timedelta(days=step)
        while not NATIONAL.is_workday(day):
            day += timedelta(days=step)
    return day


@dataclass(frozen=True)
class Edge:
    """How one limit is crossed: ``case(day)`` puts the limited date on ``day`` (a value in the
    dossier, or the day it is judged at); ``edge`` is the day exactly on the limit; ``fires(offset)``
    says on which side the rule speaks; ``shift`` moves a day by the limit's unit (days, or working
    days for a limit counted in working days)."""

    limit: limits.Limit
    code: str
    edge: date
    case: Callable[[date], Case]
    fires: Callable[[int], bool]
    shift: Callable[[date, int], date] = next_day


def patched(make: Callable[[date], Sequence[Patch]]) -> Callable[[date], Case]:
    return lambda day: Case(make(day))


def months_before(n: int, day: date = ON) -> date:
    return dates.add_months(day, -n)


def at(path: str, day: date) -> Patch:
    return {"dat": path, "gia_tri": day.isoformat()}


def _birth(day: date) -> list[Patch]:
    return [at("ngay_sinh", day)]


NOT_A_MEMBER: list[Patch] = [
    {"dat": "doan_thanh_nien", "gia_tri": "Không"},
    {"xoa": "xet_ket_nap.gioi_thieu_cua_doan"},
]
OLDER_BIRTH = date(1985, 4, 17)  # so that joining the Youth Union at 30 lies in the past
DECIDED = date.fromisoformat(DECISION_BLOCK["ngay"])
CEREMONY_DAY = date.fromisoformat(CEREMONY[0]["gia_tri"]["ngay"])
ABROAD_FROM = date(2019, 7, 1)


def _child(day: date) -> list[Patch]:
    return [*_birth(date(1970, 4, 17)), *VERIFIED, *COMMENTS,
            {"them": "gia_dinh", "gia_tri": {"quan_he": "con_de", "ho_ten": "Hoàng Minh An",
                                             "nam_sinh": day.isoformat()}}]


REQUESTED = date(2026, 3, 2)
RESOLVED = date.fromisoformat(MEETING[0]["gia_tri"]["ngay"])
RECOGNITION_RESOLVED = date(2027, 7, 28)
CADRE: Patch = {"dat": "xet_ket_nap.can_bo_doan", "gia_tri": "Bí thư Chi đoàn Kỹ thuật"}


def _request(day: date, *, abroad: bool) -> list[Patch]:
    return [{"dat": "xet_ket_nap.yeu_cau_tham_tra", "gia_tri": [{
        "gui_den": "Chi ủy Chi bộ Khu phố 5, Đảng bộ phường Tam Thanh", "doi_tuong": "ban_than",
        "ngay_gui": REQUESTED.isoformat(), "ngay_tra_loi": day.isoformat(),
        **({"nuoc_ngoai": True} if abroad else {})}]}]


def _abroad(day: date) -> list[Patch]:
    return [{"dat": "di_nuoc_ngoai", "gia_tri": [{
        "tu": ABROAD_FROM.isoformat(), "den": day.isoformat(), "noi_dung": "Thực tập kỹ thuật mạng",
        "nuoc": "Nhật Bản", "co_quan_quyet_dinh": "Trường Đại học Bách khoa Hà Nội"}]}]


EDGES: list[Edge] = [
    # exactly 18 years old on the day is old enough; a day younger is not
    Edge(limits.MIN_AGE, "tuoi-toi-thieu", months_before(limits.MIN_AGE.value * 12),
         patched(_birth), lambda off: off > 0),
    # ages count in completed months: over 60 starts at 60 years and one month
    Edge(limits.MAX_AGE, "tuoi-tren-60", months_before(limits.MAX_AGE.value * 12 + 1),
         patched(_birth), lambda off: off <= 0),
    # youth age runs from the 16th birthday until the day before the 31st
    Edge(limits.YOUTH_MIN_AGE, "doan-vien-tuoi-thanh-nien",
         months_before(limits.YOUTH_MIN_AGE.value * 12),
         patched(lambda day: [*_birth(day), *NOT_A_MEMBER]), lambda off: off <= 0),
    Edge(limits.YOUTH_MAX_AGE, "doan-vien-tuoi-thanh-nien",
         months_before((limits.YOUTH_MAX_AGE.value + 1) * 12),
         patched(lambda day: [*_birth(day), *NOT_A_MEMBER]), lambda off: off > 0),
    # joining the Youth Union on the 15th birthday is too early ("đủ 15 tuổi + 1 ngày") ...
    Edge(limits.DOAN_MIN_AGE, "tuoi-vao-doan",
         dates.add_months(OLDER_BIRTH, limits.DOAN_MIN_AGE.value * 12),
         patched(lambda day: [*_birth(OLDER_BIRTH), at("doan_thanh_nien.ngay", day)]),
         lambda off: off <= 0),
    # ... and joining on the 31st birthday is past 30
    Edge(limits.DOAN_MAX_AGE, "tuoi-vao-doan",
         dates.add_months(OLDER_BIRTH, (limits.DOAN_MAX_AGE.value + 1) * 12),
         patched(lambda day: [*_birth(OLDER_BIRTH), at("doan_thanh_nien.ngay", day)]),
         lambda off: off >= 0),
    # a certificate issued exactly 60 months before the meeting is still valid on that day
    Edge(limits.CERTIFICATE_MONTHS, "chung-nhan-boi-duong-het-han",
         months_before(limits.CERTIFICATE_MONTHS.value),
         patched(lambda day: [at("xet_ket_nap.chung_nhan_boi_duong.ngay", day)]),
         lambda off: off < 0),
    Edge(limits.PAPER_MONTHS, "giay-to-qua-han", months_before(limits.PAPER_MONTHS.value),
         patched(lambda day: [at("xet_ket_nap.gioi_thieu_cua_doan.ngay", day)]),
         lambda off: off < 0),
    # twelve months together, counted to the meeting, is enough
    Edge(limits.INTRODUCER_MONTHS, "nguoi-gioi-thieu-cung-cong-tac",
         months_before(limits.INTRODUCER_MONTHS.value),
         patched(lambda day: [at("xet_ket_nap.nguoi_gioi_thieu[0].cung_cong_tac_tu", day)]),
         lambda off: off > 0),
    # an introducer becomes official twelve months after joining, not a day earlier
    Edge(limits.PROBATION_MONTHS, "nguoi-gioi-thieu-ngay-dang",
         dates.add_months(date(2015, 3, 2), limits.PROBATION_MONTHS.value),
         patched(lambda day: [at("xet_ket_nap.nguoi_gioi_thieu[0].ngay_vao_dang", date(2015, 3, 2)),
                              at("xet_ket_nap.nguoi_gioi_thieu[0].ngay_chinh_thuc", day)]),
         lambda off: off < 0),
    # 36 months out of the Party, counted to the meeting, is enough
    Edge(limits.READMISSION_MONTHS, "ket-nap-lai-36-thang",
         months_before(limits.READMISSION_MONTHS.value),
         patched(lambda day: [{"dat": "ket_nap_lai",
                               "gia_tri": {**READMISSION, "ngay_ra_khoi_dang": day.isoformat()}}]),
         lambda off: off > 0),
    # 60 months after the criminal record was cleared, counted to the meeting, is enough
    Edge(limits.READMISSION_EXPUNGED_MONTHS, "ket-nap-lai-xoa-an-tich",
         months_before(limits.READMISSION_EXPUNGED_MONTHS.value),
         patched(lambda day: [{"dat": "ket_nap_lai",
                               "gia_tri": {**READMISSION, "ngay_xoa_an_tich": day.isoformat()}}]),
         lambda off: off > 0),
    # a child who turns 18 on the day the cell judges must be verified
    Edge(limits.VERIFY_CHILD_AGE, "tham-tra-du-doi-tuong",
         months_before(limits.VERIFY_CHILD_AGE.value * 12),
         lambda day: Case(_child(day), stage="tham_tra"), lambda off: off <= 0),
    # a stay abroad of exactly three months (1-7 to 30-9) belongs in (18); a day shorter does not
    Edge(limits.ABROAD_MONTHS, "nuoc-ngoai-3-thang",
         dates.add_months(ABROAD_FROM, limits.ABROAD_MONTHS.value) - timedelta(days=1),
         patched(_abroad), lambda off: off < 0),
    # the ceremony on the 30th working day after the decision is in time; the next one is late
    Edge(limits.CEREMONY_WORKDAYS, "le-ket-nap-dung-han",
         dates.add_workdays(DECIDED, limits.CEREMONY_WORKDAYS.value),
         lambda day: Case([*AT_VOTE, *DECISION, at("xet_ket_nap.le_ket_nap.ngay", day)],
                          stage="du_bi"),
         lambda off: off > 0, next_workday),
    # the cell must judge the recognition within 30 working days after the probation year
    Edge(limits.RECOGNITION_WORKDAYS, "xet-chinh-thuc-dung-han",
         NATIONAL.add_workdays(dates.add_months(CEREMONY_DAY, limits.PROBATION_MONTHS.value),
                               limits.RECOGNITION_WORKDAYS.value),
         lambda day: Case(AT_ADMISSION, on=day, stage="du_bi"), lambda off: off > 0, next_workday),
    # a verification reply on the 30th working day (90th abroad) after the request is in time
    Edge(limits.VERIFY_WORKDAYS, "tham-tra-tra-loi-dung-han",
         NATIONAL.add_workdays(REQUESTED, limits.VERIFY_WORKDAYS.value),
         patched(lambda day: _request(day, abroad=False)), lambda off: off > 0, next_workday),
    Edge(limits.VERIFY_ABROAD_WORKDAYS, "tham-tra-tra-loi-dung-han",
         NATIONAL.add_workdays(REQUESTED, limits.VERIFY_ABROAD_WORKDAYS.value),
         patched(lambda day: _request(day, abroad=True)), lambda off: off > 0, next_workday),
    # the admission decision within 45 working days of the chi bộ resolution, 60 when extended
    Edge(limits.DECISION_WORKDAYS, "quyet-dinh-ket-nap-dung-han",
         NATIONAL.add_workdays(RESOLVED, limits.DECISION_WORKDAYS.value),
         lambda day: Case([*AT_VOTE, *DECISION, at("xet_ket_nap.quyet_dinh_ket_nap.ngay", day)],
                          stage="bieu_quyet"),
         lambda off: off > 0, next_workday),
    Edge(limits.DECISION_EXTENSION_WORKDAYS, "quyet-dinh-ket-nap-dung-han",
         NATIONAL.add_workdays(RESOLVED, limits.DECISION_WORKDAYS.value
                               + limits.DECISION_EXTENSION_WORKDAYS.value),
         lambda day: Case([*AT_VOTE, *DECISION, at("xet_ket_nap.quyet_dinh_ket_nap.ngay", day),
                           {"dat": "xet_ket_nap.quyet_dinh_ket_nap.gia_han", "gia_tri": True}],
                          stage="bieu_quyet"),
         lambda off: off > 0, next_workday),
    # the recognition decision within 30 working days of the chi bộ's recognition resolution
    Edge(limits.RECOGNITION_DECISION_WORKDAYS, "quyet-dinh-cong-nhan-dung-han",
         NATIONAL.add_workdays(RECOGNITION_RESOLVED, limits.RECOGNITION_DECISION_WORKDAYS.value),
         lambda day: Case([*AT_OFFICIAL, at("xet_ket_nap.cong_nhan_chinh_thuc.ngay", day)],
                          on=date(2027, 12, 31), stage="chinh_thuc"),
         lambda off: off > 0, next_workday),
    # a Youth Union officer keeps the youth path until the day before the 36th birthday
    Edge(limits.YOUTH_CADRE_MAX_AGE, "gioi-thieu-doan-khong-hop",
         months_before((limits.YOUTH_CADRE_MAX_AGE.value + 1) * 12),
         patched(lambda day: [*_birth(day), CADRE]), lambda off: off <= 0),
]

EDGE_IDS = [f"{e.limit.name}-{e.code}" for e in EDGES]


def _fires(edge: Edge, day: date) -> bool:
    case = edge.case(day)
    data = examples.apply(sample(), case.patches)
    ctx = Ctx(data, on_date=case.on, stage=case.stage)
    return any(True for _ in catalogue.by_code()[edge.code].check(ctx))


def limits_read_by_rules() -> set[str]:
    """The names of the limits the rule modules import from :mod:`hoso.form.limits`."""
    names: set[str] = set()
    for path in RULES_DIR.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"from hoso\.form\.limits import \(?([^)]*?)\)?\n(?!\s)", text, re.S):
            names.update(n.strip() for n in block.replace("\n", ",").split(",") if n.strip())
        names.update(re.findall(r"\blimits\.([A-Z_]+)\b", text))
    return {n for n in names if isinstance(getattr(limits, n, None), limits.Limit)}


def test_every_limit_a_rule_reads_has_edge_cases() -> None:
    covered = {e.limit.name for e in EDGES}
    read = limits_read_by_rules()
    assert read, "no rule reads hoso.form.limits: the scan is broken"
    missing = read - covered
    assert not missing, f"limits without edge cases: {sorted(missing)}"


@pytest.mark.parametrize("edge", EDGES, ids=EDGE_IDS)
@pytest.mark.parametrize("offset", OFFSETS)
def test_the_rule_speaks_on_exactly_one_side_of_the_limit(edge: Edge, offset: int) -> None:
    day = edge.shift(edge.edge, offset) if offset else edge.edge
    assert _fires(edge, day) == edge.fires(offset), (
        f"{edge.limit.name} = {edge.limit.show()}: {edge.code} at {day} (edge {edge.edge}, "
        f"offset {offset:+d})")
