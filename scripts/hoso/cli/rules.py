"""``hoso rules``: in danh mục các quy tắc kiểm tra."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import REPO
from hoso.errors import UserError
from hoso.repo import find_repo
from hoso.validate.rules import catalogue


@click.command(help="In danh mục các quy tắc kiểm tra hồ sơ (mã, mức độ, căn cứ, ví dụ sai và "
                    "đúng), kể cả điều chỉnh trong to-chuc.yaml của kho hồ sơ nếu có.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Cách in: văn bản, JSON hoặc Markdown (trang hướng dẫn).")
@REPO
def command(fmt: str, repo_dir: Path | None) -> int:
    try:
        repo = find_repo(repo_dir)
    except UserError:
        if repo_dir is not None:
            raise
        repo = None  # outside a dossier repository: the catalogue without overrides
    overrides = catalogue.org_overrides(repo.org_file) if repo is not None else {}
    if fmt == "markdown":
        from hoso.site.rules import catalogue_markdown

        click.echo(catalogue_markdown(overrides), nl=False)
    else:
        click.echo(catalogue.RENDERERS[fmt](overrides), nl=False)
    return 0
