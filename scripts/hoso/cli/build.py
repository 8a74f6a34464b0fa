"""``hoso build``: việc chính — kiểm tra, in, dựng trang hướng dẫn, thống kê."""

from __future__ import annotations

from pathlib import Path

import click

from hoso import extras
from hoso.cli._common import DATE, REPO, parse_date, repo_of


@click.command(help="Việc chính (CI chạy trên nhánh main): kiểm tra mọi hồ sơ, in Mẫu 2-KNĐ ra DOCX và "
                    "PDF (bản nháp trước bước chép bản chính thức), dựng trang hướng dẫn và báo cáo "
                    "thống kê nội bộ vào thư mục --out. Mã thoát 1 khi có hồ sơ lỗi hoặc không in được.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục kết quả (mặc định: build/ trong kho).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình kiểm tra và in song song (mặc định: số lõi CPU).")
@click.option("--khong-in", "no_documents", is_flag=True, help="Bỏ qua bước in tài liệu.")
@click.option("--khong-trang", "no_site", is_flag=True, help="Bỏ qua bước dựng trang hướng dẫn.")
@click.option("--khong-thong-ke", "no_report", is_flag=True, help="Bỏ qua báo cáo thống kê.")
@click.option("--strict", is_flag=True, help="Coi cảnh báo như lỗi.")
@DATE
@REPO
def command(out_dir: Path | None, jobs: int | None, no_documents: bool, no_site: bool,
            no_report: bool, strict: bool, on_date: str | None, repo_dir: Path | None) -> int:
    needed = [name for name, wanted in (("render", not no_documents), ("site", not no_site),
                                         ("report", not no_report)) if wanted]
    extras.require(*needed)
    from hoso.build import BuildOptions, run

    repo = repo_of(repo_dir)
    options = BuildOptions(out_dir=out_dir or repo.root / "build", on_date=parse_date(on_date),
                           jobs=jobs, documents=not no_documents, site=not no_site,
                           report=not no_report, strict=strict)
    return run(repo, options, click.echo)
