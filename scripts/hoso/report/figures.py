"""The figures of the report, computed from collected data only (no I/O, no clock).

Everything here is a pure function of a :class:`~hoso.report.data.Collected`, the reference date
and the chosen year, so the tests pin every number.

Definitions (the report prints them too):

- *admission year*: the year of ``xet_ket_nap.quyet_dinh_ket_nap.ngay``; *conversion year*: the
  year of ``xet_ket_nap.cong_nhan_chinh_thuc.ngay``;
- a term ``{tu, den}`` counts admissions of the years ``tu`` to ``den`` inclusive;
- *first-time right*: a dossier whose first committed version at ``dang_uy_xem_xet`` has no error
  (warnings allowed), over the dossiers that have such a version;
- *returns*: :func:`hoso.workflow.stages.count_returns` on ``quy_trinh.lich_su``;
- *probation*: ends 12 months after ``le_ket_nap.ngay``; the chi bộ decides within 30 working
  days after that, counted on the Vietnamese calendar (:mod:`hoso.form.calendar`: weekends,
  public holidays, Tết, substitute days and ``to-chuc.yaml``'s ``ngay_nghi``); listed while there is no
  ``cong_nhan_chinh_thuc`` and the stage is not ``chinh_thuc``;
- *certificate*: ``chung_nhan_boi_duong.ngay`` + 60 months; *papers*: the introducers' letters,
  the summary of opinions, the Youth Union / trade union resolutions and ``giay_to``: date + 12
  months (HD 06 §5.4 a: the application and the biography do not lapse)
  (the same set as the rule ``giay-to-qua-han``). Both only matter until the chi bộ meeting, so
  they are listed for dossiers not admitted whose meeting (``hop_chi_bo.ngay``) has not passed,
  when already past or within ``horizon`` days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hoso import org as org_mod
from hoso.findings import Severity
from hoso.form import limits
from hoso.form.calendar import NATIONAL, Calendar
from hoso.form.dates import add_months, parse_day
from hoso.report import deadlines
from hoso.report.data import Collected, Dossier
from hoso.workflow import stages

DEFAULT_HORIZON = 90
TOP_CODES = 10

UNKNOWN_STAGE = "khong_ro"
UNKNOWN_STAGE_LABEL = "Không rõ giai đoạn"

# --------------------------------------------------------------------------------------------
# the model


@dataclass(frozen=True)
class Cell:
    """A chi bộ: its code (the YAML value) and name."""

    code: str
    name: str


@dataclass
class StageTable:
    cells: list[Cell]
    #: Stage codes shown as rows, in workflow order (``khong_ro`` last, only when used).
    stage_codes: list[str]
    counts: dict[tuple[str, str], int]  # (cell code, stage code) -> dossiers

    def count(self, cell: str, stage: str) -> int:
        return self.counts.get((cell, stage), 0)

    def stage_total(self, stage: str) -> int:
        return sum(n for (_, s), n in self.counts.items() if s == stage)

    def cell_total(self, cell: str) -> int:
        return sum(n for (c, _), n in self.counts.items() if c == cell)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class YearRow:
    year: int
    admitted: int
    target: int | None

    @property
    def percent(self) -> float | None:
        return percent(self.admitted, self.target)


@dataclass(frozen=True)
class TermRow:
    start: int
    end: int
    admitted: int
    target: int | None

    @property
    def percent(self) -> float | None:
        return percent(self.admitted, self.target)

    def contains(self, year: int) -> bool:
        return self.start <= year <= self.end


@dataclass(frozen=True)
class ReplayRow:
    code: str
    path: str
    day: date
    commit: str
    commit_day: date
    errors: int
    warnings: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class CodeCount:
    code: str
    severity: Severity
    findings: int
    dossiers: int
    #: The rule's title; empty for the schema's and the file checks' codes.
    title: str = ""


@dataclass
class Quality:
    git: bool
    reason: str
    shallow: bool
    replays: list[ReplayRow]
    #: Dossiers past ``dang_uy_xem_xet`` now with no committed version at that stage.
    unmeasured: list[str]
    codes: list[CodeCount]

    @property
    def reached(self) -> int:
        return len(self.replays)

    @property
    def first_time_right(self) -> int:
        return sum(r.errors == 0 for r in self.replays)

    @property
    def share(self) -> float | None:
        return percent(self.first_time_right, self.reached)


@dataclass(frozen=True)
class ReturnRow:
    code: str
    cell: str
    returns: int


@dataclass
class Returns:
    rows: list[ReturnRow]  # every dossier, most returns first

    @property
    def total(self) -> int:
        return sum(r.returns for r in self.rows)

    @property
    def returned(self) -> int:
        return sum(r.returns > 0 for r in self.rows)

    @property
    def average(self) -> float | None:
        return self.total / len(self.rows) if self.rows else None

    def distribution(self) -> list[tuple[int, int]]:
        """(number of returns, dossiers), fewest returns first."""
        c = Counter(r.returns for r in self.rows)
        return sorted(c.items())


@dataclass(frozen=True)
class Probation:
    code: str
    cell: str
    ceremony: date
    ends: date
    deadline: date


@dataclass(frozen=True)
class Expiry:
    code: str
    cell: str
    what: str
    issued: date
    until: date


@dataclass
class Report:
    party: str
    on: date
    year: int
    horizon: int
    dossiers: int
    stage_table: StageTable
    years: list[YearRow]
    terms: list[TermRow]
    conversions: list[tuple[int, int]]
    quality: Quality
    returns: Returns
    probation: list[Probation]
    certificates: list[Expiry]
    papers: list[Expiry]
    notes: list[str] = field(default_factory=list)
    #: every open limit of the procedure (:mod:`hoso.report.deadlines`), on ``calendar``
    board: list[deadlines.Due] = field(default_factory=list)
    calendar: Calendar = NATIONAL

    def year_row(self, year: int | None = None) -> YearRow:
        y = self.year if year is None else year
        for row in self.years:
            if row.year == y:
                return row
        return YearRow(y, 0, None)

    def conversions_in(self, year: int | None = None) -> int:
        y = self.year if year is None else year
        return dict(self.conversions).get(y, 0)

    def terms_of(self, year: int | None = None) -> list[TermRow]:
        y = self.year if year is None else year
        return [t for t in self.terms if t.contains(y)]


def percent(part: int, whole: int | None) -> float | None:
    if not whole:
        return None
    return 100.0 * part / whole


def days_left(until: date, on: date) -> int:
    """Days from ``on`` to ``until``; negative when already past."""
    return (until - on).days


# --------------------------------------------------------------------------------------------
# reading the data


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


class _Dates:
    """Reads full dates from dossiers; a value that is not one becomes a note."""

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes

    def parse(self, dossier: Dossier, value: Any, where: str, label: str) -> date | None:
        if value is None or value == "":
            return None
        day = parse_day(value)
        if day is not None:
            return day
        self.notes.append(f"{dossier.code}: {label} “{value}” ({where}) không phải một ngày "
                          "hợp lệ; bỏ qua trong thống kê.")
        return None

    def get(self, dossier: Dossier, *keys: str, label: str) -> date | None:
        return self.parse(dossier, _dig(dossier.data, *keys), ".".join(keys), label)


def _stage(dossier: Dossier) -> str:
    value = _dig(dossier.data, "quy_trinh", "giai_doan")
    return value if isinstance(value, str) and value in stages.STAGES else UNKNOWN_STAGE


def _cell_code(dossier: Dossier) -> str:
    value = _dig(dossier.data, "chi_bo")
    if isinstance(value, str) and value.strip():
        return value.strip()
    parts = dossier.path.split("/")
    return parts[1] if len(parts) > 2 else "khong-ro"


def _cells(org: Mapping[str, Any]) -> list[Cell]:
    out = []
    raw = org.get("chi_bo")
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping) and item.get("ma"):
            code = str(item["ma"]).strip()
            out.append(Cell(code, str(item.get("ten") or code).strip()))
    return out


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


Term = tuple[int, int, int | None]


def _targets(org: Mapping[str, Any], notes: list[str]) -> tuple[dict[int, int], list[Term]]:
    plan = org.get("chi_tieu")
    if not isinstance(plan, Mapping):
        return {}, []
    per_year: dict[int, int] = {}
    years = plan.get("nam")
    for key, value in (years.items() if isinstance(years, Mapping) else []):
        y, n = _int(key), _int(value)
        if y is None or n is None:
            notes.append(f"to-chuc.yaml: chỉ tiêu năm “{key}: {value}” không hiểu được; bỏ qua.")
            continue
        per_year[y] = n
    terms: list[Term] = []
    raw_terms = plan.get("nhiem_ky")
    for item in raw_terms if isinstance(raw_terms, list) else []:
        start = _int(item.get("tu")) if isinstance(item, Mapping) else None
        end = _int(item.get("den")) if isinstance(item, Mapping) else None
        if start is None or end is None or end < start:
            notes.append(f"to-chuc.yaml: nhiệm kỳ “{item}” cần tu và den là năm; bỏ qua.")
            continue
        terms.append((start, end, _int(item.get("ket_nap"))))
    return per_year, terms


# --------------------------------------------------------------------------------------------
# the figures


def stage_table(dossiers: Sequence[Dossier], cells: Sequence[Cell]) -> StageTable:
    known = {c.code for c in cells}
    shown = list(cells)
    counts: Counter[tuple[str, str]] = Counter()
    for d in dossiers:
        cell = _cell_code(d)
        if cell not in known:
            known.add(cell)
            shown.append(Cell(cell, cell))
        counts[(cell, _stage(d))] += 1
    codes = list(stages.CODES)
    if any(s == UNKNOWN_STAGE for _, s in counts):
        codes.append(UNKNOWN_STAGE)
    return StageTable(shown, codes, dict(counts))


def quality(collected: Collected) -> Quality:
    git = collected.git
    rows: list[ReplayRow] = []
    unmeasured: list[str] = []
    per_code: Counter[str] = Counter()
    dossiers_per_code: Counter[str] = Counter()
    severity: dict[str, Severity] = {}
    for d in collected.dossiers:
        replay = d.replay
        if replay is None:
            stage = _stage(d)
            if git.available and stage != UNKNOWN_STAGE and \
                    stages.index(stage) > stages.index(stages.DANG_UY_XEM_XET):
                unmeasured.append(d.code)
            continue
        codes = sorted({f.code for f in replay.findings})
        rows.append(ReplayRow(d.code, d.path, replay.day, replay.commit, replay.commit_day,
                              replay.errors, replay.warnings, tuple(codes)))
        for f in replay.findings:
            per_code[f.code] += 1
            if f.severity is Severity.ERROR or f.code not in severity:
                severity[f.code] = f.severity
        dossiers_per_code.update(codes)
    ranked = sorted(per_code, key=lambda c: (-per_code[c], -dossiers_per_code[c], c))
    top = [CodeCount(c, severity[c], per_code[c], dossiers_per_code[c], collected.titles.get(c, ""))
           for c in ranked[:TOP_CODES]]
    rows.sort(key=lambda r: (r.day, r.code))
    return Quality(git.available, git.reason, git.shallow, rows, sorted(unmeasured), top)


def returns(dossiers: Sequence[Dossier]) -> Returns:
    rows = []
    for d in dossiers:
        history = _dig(d.data, "quy_trinh", "lich_su")
        n = stages.count_returns(history) if isinstance(history, list) else 0
        rows.append(ReturnRow(d.code, _cell_code(d), n))
    rows.sort(key=lambda r: (-r.returns, r.code))
    return Returns(rows)


def _admitted(d: Dossier, dates: _Dates) -> bool:
    stage = _stage(d)
    decided = dates.get(d, "xet_ket_nap", "quyet_dinh_ket_nap", "ngay",
                        label="ngày quyết định kết nạp")
    return decided is not None or (stage != UNKNOWN_STAGE
                                   and stages.at_or_past(stage, stages.KET_NAP))


def _papers(d: Dossier) -> list[tuple[str, str, Any]]:
    """(where, name, date value) of every paper valid 12 months (as rule ``giay-to-qua-han``)."""
    fixed = [
        (("xet_ket_nap", "tong_hop_y_kien", "ngay"), "Tổng hợp ý kiến nhận xét"),
        (("xet_ket_nap", "gioi_thieu_cua_doan", "ngay"), "Nghị quyết giới thiệu của Đoàn"),
        (("xet_ket_nap", "gioi_thieu_cua_cong_doan", "ngay"),
         "Nghị quyết giới thiệu của công đoàn"),
    ]
    out = [(".".join(keys), name, _dig(d.data, *keys)) for keys, name in fixed]
    people = _dig(d.data, "xet_ket_nap", "nguoi_gioi_thieu")
    for i, person in enumerate(people if isinstance(people, list) else []):
        if isinstance(person, Mapping):
            out.append((f"xet_ket_nap.nguoi_gioi_thieu[{i}].ngay_giay_gioi_thieu",
                        f"Giấy giới thiệu của {person.get('ho_ten') or 'người giới thiệu'}",
                        person.get("ngay_giay_gioi_thieu")))
    papers = _dig(d.data, "xet_ket_nap", "giay_to")
    for i, paper in enumerate(papers if isinstance(papers, list) else []):
        if not isinstance(paper, Mapping):
            continue
        name = paper.get("ten")
        name = " ".join(name.split()) if isinstance(name, str) and name.strip() else "Giấy tờ"
        out.append((f"xet_ket_nap.giay_to[{i}].ngay", name, paper.get("ngay")))
    return out


def due_dates(dossiers: Sequence[Dossier], on: date, horizon: int, notes: list[str],
              calendar: Calendar | None = None,
              ) -> tuple[list[Probation], list[Expiry], list[Expiry]]:
    """The due-date board; working days are counted on ``calendar`` (holidays, Tết, the
    committee's days off), the same calendar as the rules."""
    cal = calendar if calendar is not None else NATIONAL
    dates = _Dates(notes)
    probation: list[Probation] = []
    certificates: list[Expiry] = []
    papers: list[Expiry] = []
    limit = on.toordinal() + horizon
    for d in dossiers:
        if d.data is None:
            continue
        cell = _cell_code(d)
        stage = _stage(d)
        ceremony = dates.get(d, "xet_ket_nap", "le_ket_nap", "ngay", label="ngày lễ kết nạp")
        official = dates.get(d, "xet_ket_nap", "cong_nhan_chinh_thuc", "ngay",
                             label="ngày công nhận chính thức")
        if ceremony is not None and official is None and stage != stages.CHINH_THUC:
            ends = add_months(ceremony, limits.PROBATION_MONTHS.value)
            probation.append(Probation(d.code, cell, ceremony, ends,
                                       cal.add_workdays(ends, limits.RECOGNITION_WORKDAYS.value)))
        if _admitted(d, dates):
            continue
        meeting = dates.get(d, "xet_ket_nap", "hop_chi_bo", "ngay", label="ngày họp chi bộ")
        if meeting is not None and meeting < on:
            continue
        issued = dates.get(d, "xet_ket_nap", "chung_nhan_boi_duong", "ngay",
                           label="ngày cấp giấy chứng nhận bồi dưỡng")
        if issued is not None:
            until = add_months(issued, limits.CERTIFICATE_MONTHS.value)
            if until.toordinal() <= limit:
                certificates.append(Expiry(d.code, cell, "Giấy chứng nhận bồi dưỡng nhận thức "
                                           "về Đảng", issued, until))
        for where, name, value in _papers(d):
            written = dates.parse(d, value, where, f"ngày của “{name}”")
            if written is None:
                continue
            until = add_months(written, limits.PAPER_MONTHS.value)
            if until.toordinal() <= limit:
                papers.append(Expiry(d.code, cell, name, written, until))
    probation.sort(key=lambda p: (p.deadline, p.code))
    certificates.sort(key=lambda e: (e.until, e.code))
    papers.sort(key=lambda e: (e.until, e.code, e.what))
    return probation, certificates, papers


def compute(collected: Collected, on: date, year: int | None = None,
            horizon: int = DEFAULT_HORIZON) -> Report:
    """Every figure of the report, relative to the reference date ``on``."""
    notes: list[str] = []
    org = collected.org
    party = _dig(org, "dang_bo", "ten")
    dossiers = sorted(collected.dossiers, key=lambda d: (d.code, d.path))
    for d in dossiers:
        if d.data is None:
            notes.append(f"{d.path}: không đọc được hồ sơ (chạy “hoso check {d.path}” để xem lỗi); "
                         "chỉ được đếm ở giai đoạn “không rõ”.")
    per_year, terms = _targets(org, notes)
    dates = _Dates(notes)
    admitted: Counter[int] = Counter()
    converted: Counter[int] = Counter()
    for d in dossiers:
        decided = dates.get(d, "xet_ket_nap", "quyet_dinh_ket_nap", "ngay",
                            label="ngày quyết định kết nạp")
        if decided is not None:
            admitted[decided.year] += 1
        official = dates.get(d, "xet_ket_nap", "cong_nhan_chinh_thuc", "ngay",
                             label="ngày công nhận chính thức")
        if official is not None:
            converted[official.year] += 1
    chosen = on.year if year is None else year
    years = sorted(set(admitted) | set(per_year) | {chosen})
    year_rows = [YearRow(y, admitted.get(y, 0), per_year.get(y)) for y in years]
    term_rows = [TermRow(s, e, sum(n for y, n in admitted.items() if s <= y <= e), t)
                 for s, e, t in terms]
    calendar = org_mod.calendar_of(org)
    probation, certificates, papers = due_dates(dossiers, on, horizon, notes, calendar)
    board = deadlines.board([(d.code, _cell_code(d), d.data) for d in dossiers], calendar)
    return Report(
        party=party.strip() if isinstance(party, str) else "",
        on=on,
        year=chosen,
        horizon=horizon,
        dossiers=len(dossiers),
        stage_table=stage_table(dossiers, _cells(org)),
        years=year_rows,
        terms=term_rows,
        conversions=sorted(converted.items()),
        quality=quality(collected),
        returns=returns(dossiers),
        probation=probation,
        certificates=certificates,
        papers=papers,
        notes=list(dict.fromkeys(notes)),
        board=board,
        calendar=calendar,
    )
