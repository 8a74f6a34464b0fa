"""``hoso new``: tạo hồ sơ trống."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import REPO, repo_of


@click.command(help="Tạo hồ sơ trống dossiers/CHI_BỘ/MÃ.yaml với đủ các mục (1)–(26) và hướng dẫn khai "
                    "từng mục dưới dạng chú thích.")
@click.argument("code", metavar="MÃ_HỒ_SƠ")
@click.option("--chi-bo", "chi_bo", required=True, help="Mã chi bộ trong to-chuc.yaml, ví dụ ky-thuat.")
@click.option("--ghi-de", "force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@REPO
def command(code: str, chi_bo: str, force: bool, repo_dir: Path | None) -> int:
    from hoso import new

    repo = repo_of(repo_dir)
    path = new.main(code, chi_bo, repo.root, force=force)
    click.echo(f"Đã tạo {repo.relative(path)}. Mở tệp, khai từng mục theo hướng dẫn rồi chạy: "
               f"hoso check {repo.relative(path)}")
    return 0
