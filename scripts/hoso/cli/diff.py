"""``hoso diff``: tóm tắt thay đổi của các hồ sơ giữa hai phiên bản git."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import REPO, repo_of

HELP = """Tóm tắt, theo từng mục của Mẫu 2-KNĐ, những gì thay đổi trong các hồ sơ giữa hai phiên bản
git: hồ sơ thêm, xóa, đổi tên, sửa; chuyển giai đoạn; dòng thêm, bỏ, sửa trong các bảng; người thân
thêm, bỏ.

\b
  hoso diff                    thay đổi chưa commit (so với HEAD)
  hoso diff main               thư mục làm việc so với nhánh main
  hoso diff main HEAD          giữa hai phiên bản
  hoso diff origin/main...HEAD từ điểm rẽ nhánh (như một pull request)
"""


@click.command(help=HELP)
@click.argument("base", metavar="[GỐC]", required=False)
@click.argument("head", metavar="[ĐÍCH]", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Cách in: chữ, Markdown (bình luận pull request) hoặc JSON.")
@click.option("--chi-ten-tep", "names_only", is_flag=True,
              help="Chỉ in đường dẫn các hồ sơ còn tồn tại đã thay đổi, mỗi dòng một tệp.")
@REPO
def command(base: str | None, head: str | None, fmt: str, names_only: bool,
            repo_dir: Path | None) -> int:
    from hoso.workflow import diff

    repo = repo_of(repo_dir)
    report = diff.build_report(repo, base, head)
    if names_only:
        for path in diff.changed_paths(report):
            click.echo(path)
        return 0
    click.echo(diff.RENDERERS[fmt](report), nl=False)
    return 0
