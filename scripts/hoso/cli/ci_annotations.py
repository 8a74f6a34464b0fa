"""``hoso ci-annotations``: chú thích GitHub trong giới hạn, phần còn lại vào tóm tắt của job."""

from __future__ import annotations

import os
from pathlib import Path

import click

from hoso.cli._common import REPO, repo_of

HELP = """Đọc kết quả của `hoso check --format json` (tệp KẾT_QUẢ; nhiều tệp khi kiểm tra được chia
cho nhiều máy CI bằng --shard i/n: gộp lại như một lần kiểm tra) và in các chú thích GitHub
(::error / ::warning) trong giới hạn của GitHub: tối đa 10 mỗi mức trong một bước, 50 trong một job;
ưu tiên các dòng mà pull request vừa sửa (--goc). Các phát hiện còn lại, cùng số lượng bị bỏ ra,
được ghi dạng Markdown vào $GITHUB_STEP_SUMMARY (hoặc tệp --tom-tat).

Giá trị được trích trong thông báo (“…”) bị che để nhật ký CI không chứa dữ liệu cá nhân;
--giu-gia-tri để giữ nguyên.

Mã thoát: 1 nếu có lỗi (hoặc có cảnh báo khi dùng --strict), 0 nếu không, 2 lỗi cách dùng."""


@click.command(help=HELP)
@click.argument("results", metavar="KẾT_QUẢ…", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--goc", "base", default=None, metavar="PHIÊN_BẢN",
              help="Phiên bản gốc để biết dòng nào vừa sửa, ví dụ origin/main...HEAD.")
@click.option("--dich", "head", default=None, metavar="PHIÊN_BẢN",
              help="Phiên bản đích (mặc định: thư mục làm việc, hoặc phần sau ... của --goc).")
@click.option("--tom-tat", "summary_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Tệp ghi tóm tắt (mặc định: $GITHUB_STEP_SUMMARY, nếu không có "
                                 "thì in ra màn hình).")
@click.option("--da-dung", "used", type=click.IntRange(0, None), default=0,
              help="Số chú thích các bước trước trong cùng job đã dùng.")
@click.option("--giu-gia-tri", "keep_values", is_flag=True,
              help="Giữ nguyên giá trị được trích trong thông báo.")
@click.option("--strict", is_flag=True, help="Coi cảnh báo như lỗi khi tính mã thoát.")
@REPO
def command(results: tuple[Path, ...], base: str | None, head: str | None, summary_file: Path | None,
            used: int, keep_values: bool, strict: bool, repo_dir: Path | None) -> int:
    from hoso.findings import Severity
    from hoso.workflow import annotations
    from hoso.workflow.diff.revisions import changed_lines, revisions

    repo = repo_of(repo_dir)
    findings, files = annotations.read_all(results, repo.root)
    changed = None
    if base:
        base_id, head_id = revisions(repo.root, base, head)
        changed = changed_lines(repo.root, base_id, head_id)
    plan = annotations.budget(findings, changed, files=files, keep_values=keep_values, used=used)
    click.echo(plan.commands(), nl=False)
    if plan.left_out:
        click.echo(f"::notice title=hoso::Còn {len(plan.left_out)} phát hiện không hiện được thành "
                   "chú thích; xem tóm tắt của lượt chạy.")
    target = summary_file or (Path(os.environ["GITHUB_STEP_SUMMARY"])
                              if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if target is not None:
        with target.open("a", encoding="utf-8") as fh:
            fh.write(plan.summary)
    else:
        click.echo(plan.summary, nl=False)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    return 1 if errors or (strict and findings) else 0
