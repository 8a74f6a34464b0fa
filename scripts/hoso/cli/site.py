"""``hoso site``: dựng trang hướng dẫn."""

from __future__ import annotations

from pathlib import Path

import click

from hoso import extras
from hoso.cli._common import REPO, repo_of


@click.command(help="Dựng trang hướng dẫn (tiếng Việt) từ lược đồ, danh mục quy tắc, docs/ và "
                    "hồ sơ minh họa hư cấu — không dùng hồ sơ nào trong dossiers/. Xem trang: mở "
                    "build/site/index.html bằng trình duyệt (không cần máy chủ, không cần mạng).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ra (mặc định: build/site trong kho). Nội dung cũ sẽ bị xóa.")
@click.option("--khong-in", "no_documents", is_flag=True,
              help="Không in bản DOCX, PDF của hồ sơ minh họa (dựng nhanh hơn).")
@REPO
def command(out_dir: Path | None, no_documents: bool, repo_dir: Path | None) -> int:
    extras.require("site", *(() if no_documents else ("render",)))
    from hoso.site import build_site
    from hoso.util import duration

    repo = repo_of(repo_dir)
    out = out_dir if out_dir is not None else repo.root / "build" / "site"
    result = build_site(repo, out, documents=not no_documents,
                        progress=lambda msg: click.echo(msg, err=True))
    shown = repo.relative(result.out_dir)
    click.echo(f"Đã dựng trang hướng dẫn: {shown} ({result.pages} trang sinh tự động, "
               f"{duration(result.seconds)}). Xem: mở {Path(shown) / 'index.html'} bằng trình duyệt.")
    return 0
