"""Two small SVG charts written by hand: no plotting library, no script, no external resource.

Every text is escaped; numbers are formatted with one decimal at most, so the output is the same
on every machine (the tests compare it). Labels are Vietnamese.
"""

from __future__ import annotations

from collections.abc import Sequence

from hoso import escape
from hoso.report.figures import UNKNOWN_STAGE, UNKNOWN_STAGE_LABEL, StageTable, YearRow
from hoso.workflow import stages

FONT = "'Liberation Sans', 'DejaVu Sans', Arial, sans-serif"
BAR = "#b71c1c"
TARGET = "#f9a825"
GRID = "#dddddd"
INK = "#222222"


def _n(x: float) -> str:
    """A coordinate: integer when whole, else one decimal."""
    r = round(x, 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


_t = escape.html


def nice_max(value: int) -> tuple[int, int]:
    """An axis top ≥ ``value`` and a tick step giving at most 6 steps."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 6:
            top = -(-value // step) * step
            return top, step
    step = 10 ** len(str(value // 6))
    return -(-value // step) * step, step


def _open(width: int, height: int, title: str, desc: str, ident: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="{_t(FONT)}" font-size="12" fill="{INK}">',
        f'<title id="{ident}-t">{_t(title)}</title>',
        f'<desc id="{ident}-d">{_t(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{width // 2}" y="22" text-anchor="middle" font-size="15" '
        f'font-weight="bold">{_t(title)}</text>',
    ]


def admissions_chart(rows: Sequence[YearRow]) -> str:
    """Bars: admissions per year; line and dots: the year's target (where there is one)."""
    width, height = 640, 340
    left, right, top, bottom = 52, 20, 64, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    title = "Kết nạp đảng viên theo năm so với chỉ tiêu"
    desc = "; ".join(
        f"năm {r.year}: kết nạp {r.admitted}"
        + (f", chỉ tiêu {r.target}" if r.target is not None else ", không có chỉ tiêu")
        for r in rows) or "Chưa có số liệu."
    out = _open(width, height, title, desc, "ket-nap")
    # legend
    out += [
        f'<rect x="{left}" y="36" width="14" height="12" fill="{BAR}"/>',
        f'<text x="{left + 20}" y="46">Số đảng viên kết nạp</text>',
        f'<line x1="{left + 190}" y1="42" x2="{left + 214}" y2="42" stroke="{TARGET}" '
        f'stroke-width="3"/>',
        f'<circle cx="{left + 202}" cy="42" r="4" fill="{TARGET}"/>',
        f'<text x="{left + 222}" y="46">Chỉ tiêu</text>',
    ]
    peak = max([r.admitted for r in rows] + [r.target or 0 for r in rows] + [1])
    axis_top, step = nice_max(peak)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / axis_top

    for tick in range(0, axis_top + 1, step):
        out.append(f'<line x1="{left}" y1="{_n(y(tick))}" x2="{width - right}" y2="{_n(y(tick))}" '
                   f'stroke="{GRID}"/>')
        out.append(f'<text x="{left - 6}" y="{_n(y(tick) + 4)}" text-anchor="end">{tick}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
               f'stroke="{INK}"/>')
    if not rows:
        out.append(f'<text x="{width // 2}" y="{top + plot_h // 2}" text-anchor="middle">'
                   'Chưa có số liệu</text>')
    band = plot_w / max(len(rows), 1)
    bar_w = min(band * 0.5, 60)
    points: list[tuple[float, float, YearRow]] = []
    for i, row in enumerate(rows):
        cx = left + band * (i + 0.5)
        h = plot_h * row.admitted / axis_top
        tip = f"Năm {row.year}: kết nạp {row.admitted}" + (
            f", chỉ tiêu {row.target}" if row.target is not None else "")
        out.append(f'<rect x="{_n(cx - bar_w / 2)}" y="{_n(top + plot_h - h)}" width="{_n(bar_w)}" '
                   f'height="{_n(h)}" fill="{BAR}"><title>{_t(tip)}</title></rect>')
        # the count sits inside a tall enough bar (white), else above it: never under a dot
        inside = h >= 22
        label_y = top + plot_h - h + (16 if inside else -5)
        colour = ' fill="#ffffff"' if inside else ""
        out.append(f'<text x="{_n(cx)}" y="{_n(label_y)}" text-anchor="middle" '
                   f'font-weight="bold"{colour}>{row.admitted}</text>')
        out.append(f'<text x="{_n(cx)}" y="{top + plot_h + 18}" text-anchor="middle">'
                   f'{row.year}</text>')
        if row.target is not None:
            points.append((cx, y(row.target), row))
    # the target line joins consecutive years that have a target
    run: list[tuple[float, float, YearRow]] = []
    runs: list[list[tuple[float, float, YearRow]]] = []
    for p in points:
        if run and p[2].year != run[-1][2].year + 1:
            runs.append(run)
            run = []
        run.append(p)
    if run:
        runs.append(run)
    for segment in runs:
        if len(segment) > 1:
            coords = " ".join(f"{_n(px)},{_n(py)}" for px, py, _ in segment)
            out.append(f'<polyline points="{coords}" fill="none" stroke="{TARGET}" '
                       f'stroke-width="3"/>')
    for px, py, row in points:
        out.append(f'<circle cx="{_n(px)}" cy="{_n(py)}" r="5" fill="{TARGET}" stroke="#ffffff">'
                   f'<title>{_t(f"Chỉ tiêu năm {row.year}: {row.target}")}</title></circle>')
    out.append(f'<text x="14" y="{_n(top + plot_h / 2)}" text-anchor="middle" '
               f'transform="rotate(-90 14 {_n(top + plot_h / 2)})">Số người</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def stage_label(code: str) -> str:
    return UNKNOWN_STAGE_LABEL if code == UNKNOWN_STAGE else stages.label(code)


def stages_chart(table: StageTable) -> str:
    """Horizontal bars: dossiers at each stage (all chi bộ together)."""
    codes = table.stage_codes
    row_h = 28
    left, right, top, bottom = 210, 40, 44, 16
    width = 640
    height = top + row_h * len(codes) + bottom
    plot_w = width - left - right
    title = "Hồ sơ theo giai đoạn"
    counts = [(code, table.stage_total(code)) for code in codes]
    desc = "; ".join(f"{stage_label(c)}: {n}" for c, n in counts)
    out = _open(width, height, title, desc, "giai-doan")
    peak = max([n for _, n in counts] + [1])
    for i, (code, n) in enumerate(counts):
        y0 = top + row_h * i
        w = plot_w * n / peak
        label = stage_label(code)
        out.append(f'<text x="{left - 8}" y="{y0 + 18}" text-anchor="end">{_t(label)}</text>')
        if n:
            out.append(f'<rect x="{left}" y="{y0 + 5}" width="{_n(w)}" height="{row_h - 10}" '
                       f'fill="{BAR}"><title>{_t(f"{label}: {n} hồ sơ")}</title></rect>')
        out.append(f'<text x="{_n(left + w + 6)}" y="{y0 + 18}" font-weight="bold">{n}</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + row_h * len(codes)}" '
               f'stroke="{INK}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
