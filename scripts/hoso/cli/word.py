"""``hoso word``: Mẫu 2-KNĐ dạng Word để quần chúng khai."""

from __future__ import annotations

from pathlib import Path

import click

from hoso import extras
from hoso.cli._common import REPO, repo_of


@click.command(help="Tạo Mẫu 2-KNĐ dạng Word (.docx) để quần chúng khai: “hoso word MÃ --chi-bo "
                    "CHI_BỘ” cho hồ sơ mới (mẫu trống), “hoso word dossiers/CHI_BỘ/MÃ.yaml” cho "
                    "mẫu đã điền sẵn từ hồ sơ (để sửa sau khi bị trả lại). Khai xong, nhập lại "
                    "bằng “hoso import”.")
@click.argument("target", metavar="MÃ_HỒ_SƠ|TỆP.yaml")
@click.option("--chi-bo", "chi_bo", default=None, help="Mã chi bộ trong to-chuc.yaml (khi tạo mẫu trống).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi tệp .docx (mặc định: build/word trong kho).")
@REPO
def command(target: str, chi_bo: str | None, out_dir: Path | None, repo_dir: Path | None) -> int:
    extras.require("word")
    from hoso.word.make import make_form

    repo = repo_of(repo_dir)
    path = make_form(repo, target, chi_bo, out_dir)
    click.echo(f"Đã tạo {repo.relative(path)}. Gửi tệp cho quần chúng khai; nhận lại thì chạy: "
               f"hoso import {repo.relative(path)}")
    return 0
