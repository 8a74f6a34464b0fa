"""``hoso import``: đọc Mẫu 2-KNĐ đã khai trong Word vào hồ sơ YAML."""

from __future__ import annotations

from pathlib import Path

import click

from hoso import extras
from hoso.cli._common import DATE, REPO, parse_date, repo_of


@click.command(name="import",
               help="Đọc Mẫu 2-KNĐ đã khai trong Word (.docx), hoặc tệp YAML lưu từ trang khai "
                    "(hoso form), vào dossiers/CHI_BỘ/MÃ.yaml, theo "
                    "đúng bố cục của “hoso new”, rồi kiểm tra. Mọi chỗ đã chuẩn hóa (ngày tháng, "
                    "chữ hoa, bảng mã…) và mọi chỗ cần người xem lại đều được liệt kê kèm vị trí "
                    "trong tệp Word. Hồ sơ đã có thì chỉ thay các mục người khai ghi, giữ nguyên "
                    "quy trình và phần của cấp ủy, và in các thay đổi từng mục.")
@click.argument("docx", metavar="TỆP.docx|TỆP.yaml", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--chi-bo", "chi_bo", default=None, help="Mã chi bộ (bắt buộc với tệp không do hoso word tạo).")
@click.option("--ma", "code", default=None, help="Mã hồ sơ (bắt buộc với tệp không do hoso word tạo).")
@click.option("--nguoi", "person", default=None,
              help="Người nhập, ghi vào lịch sử quy trình của hồ sơ mới (mặc định: người khai).")
@DATE
@REPO
def command(docx: Path, chi_bo: str | None, code: str | None, person: str | None,
            on_date: str | None, repo_dir: Path | None) -> int:
    from hoso.word.importer import YAML_SUFFIXES

    if docx.suffix.lower() not in YAML_SUFFIXES:  # the web form's YAML needs no Word reader
        extras.require("word")
    from hoso.word.report import run_import

    repo = repo_of(repo_dir)
    text, code_out = run_import(repo, docx, code=code, chi_bo=chi_bo, person=person,
                                on_date=parse_date(on_date))
    click.echo(text, nl=False)
    return code_out
