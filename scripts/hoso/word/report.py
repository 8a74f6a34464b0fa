"""What ``hoso import`` prints: the changes made, what needs a person, the checker's findings,
the difference from the dossier it replaced, and a summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hoso import findings as fnd
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions
from hoso.word.importer import CODE_PERSON, Imported, import_docx
from hoso.word.normalise import CHANGED, EXACT, PERSON


def summary(result: Imported) -> str:
    c = result.outcome.counts
    if result.kind != "tệp Word":
        return f"Đã đọc {result.kind}: {len(result.outcome.data)} mục người khai ghi."
    kind = "tệp Word không do hoso tạo (đọc theo số và tên mục)" if result.legacy else \
        "mẫu Word của hoso"
    return (f"Đã đọc {kind}: {c[EXACT]} ô đặt đúng nguyên văn, {c[CHANGED]} ô đã chuẩn hóa, "
            f"{c[PERSON]} chỗ cần người xem lại.")


def run_import(repo: Repo, docx: Path, *, code: str | None, chi_bo: str | None,
               person: str | None, on_date: date | None) -> tuple[str, int]:
    result = import_docx(repo, docx, code=code, chi_bo=chi_bo, person=person, today=on_date)
    shown = repo.relative(result.target)
    lines = [f"{'Đã tạo' if result.created else 'Đã cập nhật'} {shown} từ {docx.name}."]
    changed = [f for f in result.notes if f.code != CODE_PERSON]
    person_notes = [f for f in result.notes if f.code == CODE_PERSON]
    if changed:
        lines += ["", "Đã chuẩn hóa:"]
        lines += [f"{f.file}:{f.line}:{f.col}: {f.message}" for f in changed]
    if person_notes:
        lines += ["", "Cần người xem lại:"]
        lines += [f"{f.file}:{f.line}:{f.col}: {f.message}" for f in person_notes]
    if not result.created:
        lines += ["", "Thay đổi so với hồ sơ trước:"]
        if result.changes:
            for change in result.changes:
                lines.append(f"  {change.item}: {change.text}")
        else:
            lines.append("  Không có thay đổi nào.")
    checked = Checker(repo, CheckOptions(on_date=on_date)).check_files([result.target])
    lines += ["", "Kiểm tra hồ sơ:"]
    lines.append(fnd.render_text(checked).rstrip("\n"))
    lines += ["", summary(result)]
    return "\n".join(lines) + "\n", checked.exit_code()
