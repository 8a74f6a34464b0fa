"""``hoso form``: trang khai lý lịch chạy trên máy, không cần cài đặt."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import REPO, repo_of


@click.command(
    help="Tạo trang khai lý lịch Mẫu 2-KNĐ: một tệp HTML duy nhất, mở bằng trình duyệt "
    "trên máy tính hay điện thoại, không cần mạng, không gửi dữ liệu đi đâu. Quần "
    "chúng khai, kiểm tra nhanh, rồi lưu tệp YAML gửi chi bộ."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Thư mục ghi trang (mặc định: build/trang-khai trong kho).",
)
@REPO
def command(out_dir: Path | None, repo_dir: Path | None) -> int:
    from hoso import webform
    from hoso.form.schema import read_schema

    repo = repo_of(repo_dir)
    out = out_dir if out_dir is not None else repo.root / "build" / "trang-khai"
    path = webform.write(read_schema(repo.schema_path("2025")), out)
    click.echo(
        f"Đã tạo trang khai lý lịch: {repo.relative(path)}. Gửi tệp này cho quần chúng; "
        f"mở bằng trình duyệt (kể cả trên điện thoại), khai xong bấm “Lưu tệp YAML”."
    )
    return 0
