"""Options shared by several verbs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hoso.errors import UserError
from hoso.form import dates
from hoso.repo import Repo, find_repo

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]),
                      default="text", show_default=True, help="Cách in kết quả.")
REPO = click.option("--kho", "repo_dir", type=click.Path(file_okay=False, path_type=Path),
                    default=None, help="Thư mục kho hồ sơ (mặc định: tìm từ thư mục hiện tại).")
DATE = click.option("--ngay", "on_date", default=None, metavar="YYYY-MM-DD", envvar="HOSO_NGAY",
                    help="Ngày dùng để xét các quy định (mặc định: ngày họp chi bộ, nếu không thì hôm nay).")
SHARD = click.option("--shard", default=None, metavar="i/n",
                     help="Chỉ xử lý phần thứ i trong n phần (chia việc cho nhiều máy CI).")


def repo_of(repo_dir: Path | None) -> Repo:
    return find_repo(repo_dir)


def parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    day = dates.parse_day(text)
    if day is None:
        raise UserError(f"--ngay phải có dạng YYYY-MM-DD, ví dụ 2026-03-26 (nhận được “{text}”).")
    return day
