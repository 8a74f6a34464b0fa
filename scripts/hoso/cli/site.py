"""``hoso site``: dựng trang hướng dẫn."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import REPO, repo_of


@click.command(help="Dựng trang hướng dẫn (tiếng Việt) từ lược đồ, danh mục quy tắc, docs/ và "
                    "hồ sơ minh họa hư cấu — không dùng hồ sơ nào trong dossiers/. Xem trang qua "
                    "một máy chủ web, ví dụ: python -m http.server -d build/site")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ra (mặc định: build/site trong kho). Nội dung cũ sẽ bị xóa.")
@click.option("--khong-in", "no_documents", is_flag=True,
              help="Không in bản DOCX, PDF của hồ sơ minh họa (dựng nhanh hơn).")
@REPO
def command(out_dir: Path | None, no_documents: bool, repo_dir: Path | None) -> int:
    from hoso.site import build_site
    from hoso.util import duration

    repo = repo_of(repo_dir)
    out = out_dir if out_dir is not None else repo.root / "build" / "site"
    result = build_site(repo, out, documents=not no_documents,
                        progress=lambda msg: click.echo(msg, err=True))
    shown = repo.relative(result.out_dir)
    click.echo(f"Đã dựng trang hướng dẫn: {shown} ({result.pages} trang sinh tự động, "
               f"{duration(result.seconds)}). Xem: python -m http.server -d {shown}")
    return 0
