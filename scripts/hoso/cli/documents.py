"""``hoso documents``: các văn bản của chi bộ, Đảng ủy tạo từ dữ liệu hồ sơ (bản dự thảo)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hoso.cli._common import REPO, parse_date, repo_of

HELP = """Tạo các văn bản của chi bộ, Đảng ủy từ dữ liệu hồ sơ (DOCX và PDF, bản dự thảo):
danh mục hồ sơ, tổng hợp ý kiến nhận xét, nghị quyết chi bộ đề nghị kết nạp, nghị quyết
Đảng ủy cơ sở, dự thảo quyết định kết nạp, nghị quyết chi bộ đề nghị công nhận chính thức.

Mặc định mỗi hồ sơ chỉ tạo các văn bản giai đoạn hiện tại cần đến; --van-ban chọn văn bản.
Mẫu văn bản nằm trong templates/van-ban/ (mỗi văn bản một tệp, cấp ủy có thể chỉnh).

Mã thoát: 0 đã tạo, 1 có hồ sơ còn lỗi, 2 lỗi cách dùng."""


@click.command(help=HELP)
@click.argument("paths", nargs=-1, metavar="[ĐƯỜNG_DẪN…]", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default=Path("build") / "ho-so", type=click.Path(path_type=Path),
              show_default=True, metavar="THƯ_MỤC", help="Thư mục ghi văn bản.")
@click.option("--to", "to", default="docx,pdf", show_default=True, metavar="docx,pdf",
              help="Định dạng cần tạo.")
@click.option("--van-ban", "only", multiple=True, metavar="TÊN",
              help="Chỉ tạo văn bản này (ví dụ nghi-quyet-chi-bo-ket-nap); ghi nhiều lần được.")
@click.option("--ngay", "on_date", default=None, metavar="YYYY-MM-DD",
              help="Ngày tính hiệu lực giấy tờ trong danh mục khi chưa họp chi bộ.")
@REPO
def command(paths: tuple[Path, ...], out_dir: Path, to: str, only: tuple[str, ...],
            on_date: str | None, repo_dir: Path | None) -> int:
    from hoso.findings import Result, render_text
    from hoso.render.committee import render_dossiers
    from hoso.validate.check import collect

    repo = repo_of(repo_dir)
    formats = tuple(f.strip() for f in to.split(",") if f.strip())
    if not formats or any(f not in ("docx", "pdf") for f in formats):
        raise click.UsageError("--to chỉ nhận docx, pdf hoặc docx,pdf.")
    files = collect(list(paths), repo)
    batch = render_dossiers(repo, files, out_dir, formats=formats, only=only,
                            on=parse_date(on_date) or date.today())
    if batch.findings:
        click.echo(render_text(Result(findings=batch.findings)), nl=False, err=True)
    for line in batch.skipped:
        click.echo(line, err=True)
    click.echo(f"Đã tạo {len(batch.written)} tệp văn bản (bản dự thảo) trong {out_dir}.")
    return 1 if batch.skipped else 0
