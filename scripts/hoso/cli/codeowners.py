"""``hoso codeowners``: sinh .github/CODEOWNERS từ to-chuc.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from hoso.cli._common import REPO, repo_of


@click.command(help="Sinh tệp .github/CODEOWNERS từ to-chuc.yaml: thư mục hồ sơ của mỗi chi bộ "
                    "thuộc những người xem xét của chi bộ đó, mọi tệp khác thuộc nhóm Đảng ủy. "
                    "Mã thoát với --kiem-tra: 0 nếu tệp đã đúng, 1 nếu tệp cũ.")
@click.option("--kiem-tra", "check", is_flag=True,
              help="Chỉ kiểm tra tệp hiện có có khớp to-chuc.yaml không, không ghi.")
@REPO
def command(check: bool, repo_dir: Path | None) -> int:
    from hoso.util import write_atomic
    from hoso.workflow import codeowners

    repo = repo_of(repo_dir)
    text = codeowners.generate(codeowners.load_org(repo.org_file))
    target = repo.root / codeowners.RELATIVE_PATH
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    shown = repo.relative(target)
    if check:
        if current == text:
            click.echo(f"{shown} khớp với to-chuc.yaml.")
            return 0
        click.echo(f"{shown} đã cũ so với to-chuc.yaml: chạy “hoso codeowners” rồi commit.",
                   err=True)
        return 1
    if current == text:
        click.echo(f"{shown} đã đúng, không cần ghi lại.")
        return 0
    write_atomic(target, text.encode("utf-8"))
    click.echo(f"Đã ghi {shown}.")
    return 0
