"""Options shared by several verbs (their click-free helpers are in :mod:`hoso.cli._plain`)."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._plain import DATE_ENV, FORMATS, parse_date, repo_of

__all__ = ["DATE", "FORMAT", "REPO", "SHARD", "parse_date", "repo_of"]

FORMAT = click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
                      default="text", show_default=True, help="Cách in kết quả.")
REPO = click.option("--kho", "repo_dir", type=click.Path(file_okay=False, path_type=Path),
                    default=None, help="Thư mục kho hồ sơ (mặc định: tìm từ thư mục hiện tại).")
DATE = click.option("--ngay", "on_date", default=None, metavar="YYYY-MM-DD", envvar=DATE_ENV,
                    help="Ngày dùng để xét các quy định (mặc định: ngày họp chi bộ, nếu không thì hôm nay).")
SHARD = click.option("--shard", default=None, metavar="i/n",
                     help="Chỉ xử lý phần thứ i trong n phần (chia việc cho nhiều máy CI).")
