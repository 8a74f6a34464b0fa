"""Views of one :class:`~hoso.report.figures.Report`: plain text, Markdown, JSON and an HTML page.

Text, Markdown and HTML are built from the same small document (headings, paragraphs, tables,
charts), so they always say the same thing; JSON is the figures themselves. Every value coming
from a dossier or ``to-chuc.yaml`` is escaped for the output it goes to (Markdown punctuation,
HTML/SVG entities) and stripped of control characters in plain text.
"""

from __future__ import annotations

import json
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.numbers import format_decimal, format_percent

from hoso import escape
from hoso.form import limits
from hoso.form.dates import show_day
from hoso.report import charts, deadlines
from hoso.report.figures import (
    Expiry,
    Report,
    days_left,
)
from hoso.util import write_atomic

FORMATS = ("text", "markdown", "json")

ADMISSIONS_SVG = "ket-nap-theo-nam.svg"
STAGES_SVG = "ho-so-theo-giai-doan.svg"
MARKDOWN_FILE = "bao-cao.md"
HTML_FILE = "index.html"
TEXT_WIDTH = 100

PRIVATE = ("Tài liệu nội bộ của cấp ủy, có thông tin cá nhân (Nghị định 13/2023/NĐ-CP): "
           "không đăng lên trang hướng dẫn, không gửi ra ngoài.")
SCHEMA_CODE = "Theo lược đồ Mẫu 2-KNĐ hoặc định dạng tệp"
WORKDAY_NOTE = ("Ngày làm việc trừ thứ Bảy, Chủ nhật, ngày lễ, Tết, ngày nghỉ bù (lịch nghỉ của "
                "Nhà nước) và các ngày nghỉ ghi trong to-chuc.yaml (ngay_nghi); cùng lịch với "
                "các quy định của hoso check.")


# --------------------------------------------------------------------------------------------
# formatting helpers


#: Numbers are written the Vietnamese way (Babel's ``vi`` locale): "33,3%", "1.234,56".
LOCALE = "vi"


def show_percent(value: float | None) -> str:
    """A percentage given in points (``33.33`` → ``"33,3%"``)."""
    if value is None:
        return "—"
    return format_percent(value / 100, format="#,##0.0%", locale=LOCALE)


def show_number(value: float | None) -> str:
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0.00", locale=LOCALE)


def show_left(until: date, on: date) -> str:
    n = days_left(until, on)
    if n > 0:
        return f"còn {n} ngày"
    if n == 0:
        return "hôm nay"
    return f"đã quá {-n} ngày"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --------------------------------------------------------------------------------------------
# the document


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Footer:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Columns aligned right (numbers).
    right: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Chart:
    file: str
    alt: str
    svg: str


Block = Heading | Para | Footer | Items | Table | Chart


def _cell_names(report: Report) -> Mapping[str, str]:
    return {c.code: c.name for c in report.stage_table.cells}


def _num_cols(n: int, start: int = 1) -> frozenset[int]:
    return frozenset(range(start, n))


def document(report: Report) -> list[Block]:
    """The report as blocks, section by section."""
    out: list[Block] = [Heading(1, "Báo cáo thống kê hồ sơ kết nạp Đảng")]
    if report.party:
        out.append(Para(report.party))
    out.append(Para(f"Tính đến ngày {show_day(report.on)}; năm xem xét {report.year}; "
                    f"{report.dossiers} hồ sơ trong thư mục dossiers/."))
    for section in (_stages, _admissions, _conversions, _quality, _returns, _due_dates):
        out += section(report)
    if report.notes:
        out.append(Heading(2, "Ghi chú về số liệu"))
        out.append(Items(tuple(report.notes)))
    out.append(Footer(PRIVATE))
    return out


def _stages(report: Report) -> list[Block]:
    table = report.stage_table
    headers = ("Giai đoạn", *(c.name for c in table.cells), "Cộng")
    rows = [
        (charts.stage_label(code), *(str(table.count(c.code, code)) for c in table.cells),
         str(table.stage_total(code)))
        for code in table.stage_codes
    ]
    rows.append(("Cộng", *(str(table.cell_total(c.code)) for c in table.cells), str(table.total)))
    return [Heading(2, "1. Hồ sơ theo chi bộ và giai đoạn"),
            Table(headers, tuple(rows), _num_cols(len(headers))),
            Chart(STAGES_SVG, "Biểu đồ: hồ sơ theo giai đoạn", charts.stages_chart(table))]


def _target(value: int | None) -> str:
    return "—" if value is None else str(value)


def _admissions(report: Report) -> list[Block]:
    out: list[Block] = [Heading(2, "2. Kết nạp đảng viên mới")]
    row = report.year_row()
    if row.target is None:
        out.append(Para(f"Năm {report.year}: kết nạp {row.admitted} đảng viên; chưa có chỉ tiêu "
                        "năm trong to-chuc.yaml."))
    else:
        out.append(Para(f"Năm {report.year}: kết nạp {row.admitted}/{row.target} đảng viên theo "
                        f"chỉ tiêu, đạt {show_percent(row.percent)}."))
    for term in report.terms_of():
        if term.target is None:
            out.append(Para(f"Nhiệm kỳ {term.start}–{term.end}: đã kết nạp {term.admitted} đảng "
                            "viên; chưa có chỉ tiêu nhiệm kỳ."))
        else:
            out.append(Para(f"Nhiệm kỳ {term.start}–{term.end}: đã kết nạp {term.admitted}/"
                            f"{term.target} đảng viên theo chỉ tiêu nhiệm kỳ, đạt "
                            f"{show_percent(term.percent)}."))
    out.append(Table(("Năm", "Kết nạp", "Chỉ tiêu", "Tỷ lệ đạt"),
                     tuple((str(r.year), str(r.admitted), _target(r.target),
                            show_percent(r.percent)) for r in report.years),
                     _num_cols(4)))
    if report.terms:
        out.append(Table(("Nhiệm kỳ", "Kết nạp", "Chỉ tiêu", "Tỷ lệ đạt"),
                         tuple((f"{t.start}–{t.end}", str(t.admitted), _target(t.target),
                                show_percent(t.percent)) for t in report.terms),
                         _num_cols(4)))
    out.append(Para("Năm kết nạp tính theo ngày của quyết định kết nạp (xet_ket_nap."
                    "quyet_dinh_ket_nap.ngay); nhiệm kỳ tính cả năm đầu và năm cuối."))
    out.append(Chart(ADMISSIONS_SVG, "Biểu đồ: kết nạp theo năm so với chỉ tiêu",
                     charts.admissions_chart(report.years)))
    return out


def _conversions(report: Report) -> list[Block]:
    out: list[Block] = [
        Heading(2, "3. Công nhận đảng viên chính thức"),
        Para(f"Năm {report.year}: {report.conversions_in()} đảng viên được công nhận chính thức "
             "(theo ngày của quyết định công nhận)."),
    ]
    if report.conversions:
        out.append(Table(("Năm", "Số đảng viên"),
                         tuple((str(y), str(n)) for y, n in report.conversions), _num_cols(2)))
    return out


def _quality(report: Report) -> list[Block]:
    q = report.quality
    out: list[Block] = [Heading(2, "4. Chất lượng hồ sơ"),
                        Heading(3, "Hồ sơ đạt ngay khi lên Đảng ủy xem xét")]
    if not q.git:
        out.append(Para(f"Không có lịch sử git ({q.reason}): chưa tính được tỷ lệ hồ sơ không có "
                        "lỗi khi lên Đảng ủy và các mã quy tắc thường gặp."))
        return out
    if q.reached:
        out.append(Para(f"{q.first_time_right}/{q.reached} hồ sơ không có lỗi nào ở lần đầu lên "
                        f"Đảng ủy xem xét ({show_percent(q.share)})."))
        out.append(Table(("Mã hồ sơ", "Ngày lên Đảng ủy", "Commit", "Lỗi", "Cảnh báo"),
                         tuple((r.code, show_day(r.day), r.commit[:10], str(r.errors),
                                str(r.warnings)) for r in q.replays),
                         frozenset({3, 4})))
    else:
        out.append(Para("Chưa có hồ sơ nào lên Đảng ủy xem xét trong lịch sử git."))
    out.append(Para("Cách tính: lấy phiên bản đầu tiên trong lịch sử git có giai đoạn “Đảng ủy "
                    "xem xét” và kiểm tra lại bằng lược đồ, quy định hiện hành; ngày xét là ngày "
                    "chuyển lên Đảng ủy ghi trong lịch sử quy trình của phiên bản đó (không có "
                    "thì lấy ngày của commit); cảnh báo không tính là lỗi."))
    if q.unmeasured:
        out.append(Para("Đã qua bước Đảng ủy xem xét nhưng lịch sử git không có phiên bản ở bước "
                        "đó (không tính vào tỷ lệ): " + ", ".join(q.unmeasured) + "."))
    if q.shallow:
        out.append(Para("Kho git là bản sao nông (shallow clone): lịch sử có thể không đầy đủ. "
                        "Lấy đủ lịch sử bằng “git fetch --unshallow” rồi chạy lại."))
    out.append(Heading(3, "Mã quy tắc gặp nhiều nhất khi lên Đảng ủy"))
    if q.codes:
        out.append(Table(("Mã quy tắc", "Nội dung", "Mức độ", "Số lần", "Số hồ sơ"),
                         tuple((c.code, c.title or SCHEMA_CODE, c.severity.value, str(c.findings),
                                str(c.dossiers)) for c in q.codes),
                         frozenset({3, 4})))
    else:
        out.append(Para("Không có lỗi hay cảnh báo nào."))
    return out


def _returns(report: Report) -> list[Block]:
    r = report.returns
    names = _cell_names(report)
    out: list[Block] = [Heading(3, "Số lần trả lại để sửa")]
    if not r.rows:
        return [*out, Para("Chưa có hồ sơ.")]
    out.append(Para(f"Tổng cộng {r.total} lần trả lại; {r.returned}/{len(r.rows)} hồ sơ bị trả "
                    f"lại ít nhất một lần; trung bình {show_number(r.average)} lần mỗi hồ sơ "
                    "(theo lịch sử quy trình trong hồ sơ)."))
    out.append(Table(("Số lần trả lại", "Số hồ sơ"),
                     tuple((str(k), str(n)) for k, n in r.distribution()), _num_cols(2, 0)))
    returned = [row for row in r.rows if row.returns]
    if returned:
        out.append(Table(("Mã hồ sơ", "Chi bộ", "Số lần trả lại"),
                         tuple((x.code, names.get(x.cell, x.cell), str(x.returns))
                               for x in returned),
                         frozenset({2})))
    return out


def _due_dates(report: Report) -> list[Block]:
    names = _cell_names(report)
    probation, recognition = limits.PROBATION_MONTHS.show(), limits.RECOGNITION_WORKDAYS.show()
    out: list[Block] = [
        Heading(2, f"5. Thời hạn cần theo dõi (tính đến ngày {show_day(report.on)})"),
        Heading(3, "Các bước đang chờ (hạn tính bằng ngày làm việc)"),
    ]
    if report.board:
        out.append(Table(
            ("Mã hồ sơ", "Chi bộ", "Việc phải làm", "Tính từ", "Hạn", "Còn lại", "Căn cứ"),
            tuple((d.code, names.get(d.cell, d.cell), d.what, d.since, show_day(d.due),
                   deadlines.show_left(d.left(report.on, report.calendar)), d.basis())
                  for d in report.board)))
        late = sum(d.left(report.on, report.calendar) < 0 for d in report.board)
        out.append(Para(f"{late} việc đã quá hạn (đánh dấu QUÁ HẠN). " if late else
                        "Không có việc nào quá hạn. "))
    else:
        out.append(Para("Không có bước nào đang chờ theo thời hạn."))
    out.append(Para("Hạn quyết định kết nạp, công nhận chính thức tính từ ngày chi bộ có nghị "
                    "quyết đề nghị (QĐ 294 §4.3.1); “kéo dài” khi cấp ủy ghi gia_han: true. "
                    + WORKDAY_NOTE))
    out.append(Heading(3, f"Hết {probation} dự bị"))
    if report.probation:
        out.append(Table(
            ("Mã hồ sơ", "Chi bộ", "Lễ kết nạp", "Hết dự bị"),
            tuple((p.code, names.get(p.cell, p.cell), show_day(p.ceremony), show_day(p.ends))
                  for p in report.probation)))
    else:
        out.append(Para("Không có đảng viên dự bị nào."))
    out.append(Para(f"Thời gian dự bị {probation} tính từ ngày lễ kết nạp; chi bộ xét công nhận "
                    f"chính thức trong {recognition} sau đó: hạn và số ngày làm việc còn lại ở "
                    "bảng các bước đang chờ."))
    out.append(Heading(3, "Giấy chứng nhận bồi dưỡng nhận thức về Đảng "
                          f"({limits.CERTIFICATE_MONTHS.show()})"))
    out.append(_expiry_block(report, report.certificates, issued="Ngày cấp",
                             until="Hết giá trị", none="Không có giấy chứng nhận nào"))
    out.append(Heading(3, f"Giấy tờ quá {limits.PAPER_MONTHS.show()}"))
    out.append(_expiry_block(report, report.papers, issued="Ngày lập",
                             until=f"Đủ {limits.PAPER_MONTHS.show()}",
                             none="Không có giấy tờ nào", with_name=True))
    out.append(Para(f"Chỉ tính hồ sơ chưa kết nạp mà chi bộ chưa họp xét; liệt kê giấy đã hết giá "
                    f"trị hoặc hết giá trị trong {report.horizon} ngày tới. Giấy tờ gồm đơn xin "
                    "vào Đảng, lý lịch (ngày ký), nghị quyết giới thiệu của Đoàn, công đoàn và "
                    "các giấy tờ ghi ở xet_ket_nap.giay_to."))
    return out


def _expiry_block(report: Report, items: Sequence[Expiry], *, issued: str, until: str,
                  none: str, with_name: bool = False) -> Block:
    if not items:
        return Para(f"{none} đã hoặc sắp hết giá trị trong {report.horizon} ngày tới.")
    names = _cell_names(report)
    headers: tuple[str, ...] = ("Mã hồ sơ", "Chi bộ", *(("Giấy tờ",) if with_name else ()),
                                issued, until, "Còn lại")
    rows = tuple((e.code, names.get(e.cell, e.cell), *((e.what,) if with_name else ()),
                  show_day(e.issued), show_day(e.until), show_left(e.until, report.on))
                 for e in items)
    return Table(headers, rows)


# --------------------------------------------------------------------------------------------
# plain text

clean = escape.terminal


def width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def text_table(table: Table) -> list[str]:
    headers = [clean(h) for h in table.headers]
    rows = [[clean(c) for c in row] for row in table.rows]
    sizes = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(_pad(h, sizes[i], i in table.right) for i, h in enumerate(headers)).rstrip(),
             "  ".join("-" * s for s in sizes)]
    lines += ["  ".join(_pad(c, sizes[i], i in table.right) for i, c in enumerate(row)).rstrip()
              for row in rows]
    return lines


def render_text(report: Report) -> str:
    lines: list[str] = []

    def gap() -> None:
        if lines and lines[-1]:
            lines.append("")

    for block in document(report):
        if isinstance(block, Heading):
            gap()
            text = clean(block.text)
            if block.level == 1:
                lines += [text.upper(), "=" * width(text)]
            elif block.level == 2:
                lines += [text, "-" * width(text)]
            else:
                lines.append(f"* {text}")
        elif isinstance(block, Para | Footer):
            if isinstance(block, Footer):
                gap()
            lines += textwrap.wrap(clean(block.text), TEXT_WIDTH, break_long_words=False,
                                   break_on_hyphens=False)
        elif isinstance(block, Items):
            for item in block.items:
                lines += textwrap.wrap(clean(item), TEXT_WIDTH, initial_indent="  - ",
                                       subsequent_indent="    ", break_long_words=False,
                                       break_on_hyphens=False)
        elif isinstance(block, Table):
            gap()
            lines += text_table(block)
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Markdown

def md(text: str) -> str:
    """Inline Markdown text that renders literally (one line)."""
    return escape.github_markdown(clean(text))


def md_table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(md(h) for h in table.headers) + " |",
             "|" + "|".join("---:" if i in table.right else "---"
                            for i in range(len(table.headers))) + "|"]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in table.rows]
    return lines


def render_markdown(report: Report) -> str:
    lines: list[str] = []
    for block in document(report):
        if lines:
            lines.append("")
        if isinstance(block, Heading):
            lines.append("#" * block.level + " " + md(block.text))
        elif isinstance(block, Para):
            lines.append(md(block.text))
        elif isinstance(block, Footer):
            lines += ["---", "", f"*{md(block.text)}*"]
        elif isinstance(block, Items):
            lines += [f"- {md(item)}" for item in block.items]
        elif isinstance(block, Table):
            lines += md_table(block)
        else:
            lines.append(f"![{md(block.alt)}]({block.file})")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# HTML (the internal statistics page)

_CSS = """
body { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.45; }
.noi-bo { background: #fff3cd; border: 1px solid #e0c36a; padding: .6rem .9rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
td.so { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
figure { margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
"""


def _h(text: str) -> str:
    return escape.html(escape.terminal(text))


def render_html(report: Report) -> str:
    body: list[str] = [f'<p class="noi-bo"><strong>Nội bộ.</strong> {_h(PRIVATE)}</p>']
    title = "Thống kê hồ sơ kết nạp Đảng"
    for block in document(report):
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_h(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{_h(block.text)}</p>")
        elif isinstance(block, Footer):
            continue  # said in the banner at the top
        elif isinstance(block, Items):
            body.append("<ul>" + "".join(f"<li>{_h(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f'<th scope="col">{_h(h)}</th>' for h in block.headers)
            rows = "".join(
                "<tr>" + "".join(f'<td class="so">{_h(c)}</td>' if i in block.right
                                 else f"<td>{_h(c)}</td>" for i, c in enumerate(row)) + "</tr>"
                for row in block.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            body.append(f"<figure>{block.svg}</figure>")
    party = f" — {_h(report.party)}" if report.party else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'self'\">\n"
        f"<title>{_h(title)}{party} (nội bộ)</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body) + "\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------------------------
# JSON


def to_json_data(report: Report) -> dict[str, object]:
    table = report.stage_table
    q = report.quality
    r = report.returns
    row = report.year_row()
    return {
        "dang_bo": report.party,
        "ngay_tinh": report.on.isoformat(),
        "nam": report.year,
        "so_ho_so": report.dossiers,
        "theo_giai_doan": {
            "giai_doan": [{"ma": code, "ten": charts.stage_label(code)}
                          for code in table.stage_codes],
            "chi_bo": [
                {"ma": c.code, "ten": c.name,
                 "so_ho_so": {code: table.count(c.code, code) for code in table.stage_codes},
                 "cong": table.cell_total(c.code)}
                for c in table.cells],
            "cong": {code: table.stage_total(code) for code in table.stage_codes},
            "tong": table.total,
        },
        "ket_nap": {
            "nam_xem_xet": {"nam": row.year, "so_ket_nap": row.admitted, "chi_tieu": row.target,
                            "ty_le": _round(row.percent)},
            "theo_nam": [{"nam": y.year, "so_ket_nap": y.admitted, "chi_tieu": y.target,
                          "ty_le": _round(y.percent)} for y in report.years],
            "nhiem_ky": [{"tu": t.start, "den": t.end, "so_ket_nap": t.admitted,
                          "chi_tieu": t.target, "ty_le": _round(t.percent),
                          "gom_nam_xem_xet": t.contains(report.year)} for t in report.terms],
        },
        "chinh_thuc": {
            "nam_xem_xet": report.conversions_in(),
            "theo_nam": [{"nam": y, "so_dang_vien": n} for y, n in report.conversions],
        },
        "chat_luong": {
            "co_lich_su_git": q.git,
            "ly_do": q.reason or None,
            "kho_nong": q.shallow,
            "so_ho_so_len_dang_uy": q.reached,
            "so_ho_so_khong_loi": q.first_time_right,
            "ty_le_khong_loi": _round(q.share),
            "ho_so": [{"ma": x.code, "tep": x.path, "ngay": x.day.isoformat(),
                       "commit": x.commit, "ngay_commit": x.commit_day.isoformat(),
                       "so_loi": x.errors, "so_canh_bao": x.warnings,
                       "ma_quy_tac": list(x.codes)}
                      for x in q.replays],
            "chua_do_duoc": q.unmeasured,
            "ma_quy_tac": [{"ma": c.code, "ten": c.title or None, "muc_do": c.severity.value,
                            "so_lan": c.findings, "so_ho_so": c.dossiers} for c in q.codes],
        },
        "tra_lai": {
            "tong": r.total,
            "so_ho_so_bi_tra_lai": r.returned,
            "trung_binh": None if r.average is None else round(r.average, 2),
            "phan_bo": [{"so_lan": k, "so_ho_so": n} for k, n in r.distribution()],
            "ho_so": [{"ma": x.code, "chi_bo": x.cell, "so_lan": x.returns} for x in r.rows],
        },
        "thoi_han": {
            "du_bi": [{"ma": p.code, "chi_bo": p.cell, "le_ket_nap": p.ceremony.isoformat(),
                       "het_du_bi": p.ends.isoformat(), "han_xet": p.deadline.isoformat(),
                       "con_ngay": days_left(p.deadline, report.on)} for p in report.probation],
            "chung_nhan_boi_duong": [_expiry_json(e, report.on) for e in report.certificates],
            "giay_to": [_expiry_json(e, report.on) for e in report.papers],
            "trong_so_ngay": report.horizon,
            "cac_buoc": deadlines.to_json(report.board, report.on, report.calendar),
        },
        "ghi_chu": report.notes,
    }


def _expiry_json(e: Expiry, on: date) -> dict[str, object]:
    return {"ma": e.code, "chi_bo": e.cell, "giay": e.what, "ngay": e.issued.isoformat(),
            "het_gia_tri": e.until.isoformat(), "con_ngay": days_left(e.until, on)}


def render_json(report: Report) -> str:
    return json.dumps(to_json_data(report), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)


def write_outputs(report: Report, out_dir: Path) -> list[Path]:
    """Write the Markdown report, its two charts and the HTML page into ``out_dir``."""
    files = {
        MARKDOWN_FILE: render_markdown(report),
        ADMISSIONS_SVG: charts.admissions_chart(report.years),
        STAGES_SVG: charts.stages_chart(report.stage_table),
        HTML_FILE: render_html(report),
    }
    written = []
    for name, text in files.items():
        path = out_dir / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown", "render_text",
           "write_outputs"]
