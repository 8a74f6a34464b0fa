"""``hoso render``: in hồ sơ ra DOCX và PDF theo Mẫu 2-KNĐ."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from hoso import extras
from hoso import findings as fnd
from hoso.cli._common import DATE, FORMAT, REPO, SHARD, parse_date, repo_of
from hoso.escape import github_command
from hoso.render import Progress, RenderReport, parse_formats, render_paths

HELP = """In hồ sơ (tệp hoặc thư mục; mặc định: dossiers/) ra DOCX và PDF theo Mẫu 2-KNĐ.

\b
Tài liệu ghi vào <OUT>/<chi_bo>/<ma_ho_so>.docx và .pdf. Hồ sơ chưa đến giai đoạn
chép bản chính thức, hoặc in không có --ban-chinh-thuc, mang dấu “BẢN NHÁP” trên mọi trang.
Hồ sơ còn lỗi lược đồ không in được, kể cả bản nháp; bản chính thức còn cần `hoso check`
không báo lỗi. Hồ sơ không đổi từ lần in trước được bỏ qua. Mã thoát: 0 xong, 1 có hồ sơ
không in được (các lỗi được liệt kê), 2 lỗi cách dùng hoặc lỗi chương trình ngoài.
"""


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    bar = RichProgress(TextColumn("Đang in hồ sơ"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), TextColumn("{task.description}"),
                       console=Console(stderr=True), transient=True)
    task = bar.add_task("", total=None)

    def update(done: int, total: int, what: str) -> None:
        bar.update(task, completed=done, total=total, description=what)

    with bar:
        yield update


def _text(report: RenderReport, verbose: bool) -> str:
    lines = [f"{f.file}:{f.line}:{f.col}: {f.severity.value} {f.code}: {f.message}"
             for f in report.result().sorted()]
    lines.extend(f"Lỗi: {e}" for e in report.errors)
    if verbose:
        for o in report.outcomes:
            if o.status != "failed":
                state = "đã in" if o.status == "rendered" else "không đổi"
                lines.extend(f"{state}: {p}" for p in o.outputs.values())
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _json(report: RenderReport) -> str:
    doc = {
        "thu_muc": str(report.out_dir),
        "so_ho_so": len(report.outcomes),
        "da_in": len(report.rendered),
        "khong_doi": len(report.skipped),
        "khong_in_duoc": len(report.failed),
        "ho_so": [{"tep": o.display, "trang_thai": o.status, "tai_lieu": o.outputs,
                   "loi": o.error, "thoi_gian_giay": round(o.seconds, 3)}
                  for o in report.outcomes],
        "ket_qua": [f.to_dict() for f in report.result().sorted()],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@click.command(help=HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to", "to", default="docx,pdf", show_default=True, metavar="ĐỊNH_DẠNG",
              help="docx, pdf hoặc docx,pdf.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi tài liệu (mặc định: build/ho-so trong kho).")
@click.option("--ban-chinh-thuc", "final", is_flag=True,
              help="In bản chính thức (không có dấu BẢN NHÁP): chỉ in khi hồ sơ đã đến giai đoạn "
                   "chép bản chính thức và `hoso check` không còn lỗi.")
@DATE
@SHARD
@click.option("--jobs", "-j", "jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình in song song (mặc định: số lõi CPU).")
@click.option("--khong-cache", "no_cache", is_flag=True,
              help="In lại tất cả, không bỏ qua hồ sơ nào.")
@click.option("--chi-tiet", "verbose", is_flag=True, help="Liệt kê từng tệp đã ghi.")
@FORMAT
@REPO
def command(paths: tuple[Path, ...], *, to: str, out: Path | None, final: bool, on_date: str | None,
            shard: str | None, jobs: int | None, no_cache: bool, verbose: bool, fmt: str,
            repo_dir: Path | None) -> int:
    extras.require("render")
    from hoso.validate.check import parse_shard

    repo = repo_of(repo_dir)
    formats = parse_formats(to)
    out_dir = out if out is not None else repo.root / "build" / "ho-so"
    with _progress_bar(fmt == "text" and sys.stderr.isatty()) as progress:
        report = render_paths(list(paths), repo, out_dir, formats=formats, final=final, jobs=jobs,
                              shard=parse_shard(shard), use_cache=not no_cache, progress=progress,
                              on_date=parse_date(on_date))
    if fmt == "json":
        click.echo(_json(report), nl=False)
    elif fmt == "github":
        result = report.result()
        click.echo(fnd.render_github(result), nl=False)
        for e in report.errors:
            click.echo(f"::error ::{github_command(e)}")
        click.echo(report.summary())
    else:
        click.echo(_text(report, verbose), nl=False)
    return report.exit_code()
