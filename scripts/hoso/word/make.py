"""``hoso word``: which form to make (blank for a code, pre-filled from a dossier) and where."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hoso import new
from hoso.errors import UserError
from hoso.load import load_file
from hoso.repo import Repo
from hoso.util import write_atomic
from hoso.word.importer import VERSION, form_and_layout
from hoso.word.write import build_docx

DOSSIER_SUFFIXES = (".yaml", ".yml")


def make_form(repo: Repo, target: str, chi_bo: str | None, out_dir: Path | None,
              today: date | None = None) -> Path:
    """Write the form; return the .docx path. Raises :class:`UserError`."""
    form, layout = form_and_layout(repo)
    data = None
    if target.endswith(DOSSIER_SUFFIXES) or Path(target).is_file():
        loaded = load_file(Path(target), display=target)
        if not loaded.ok or not isinstance(loaded.data, dict):
            first = loaded.findings[0].message if loaded.findings else "không phải một hồ sơ"
            raise UserError(f"Không đọc được hồ sơ {target}: {first} Sửa lỗi (hoso check) rồi "
                            f"tạo lại mẫu Word.")
        data = loaded.data
        code = str(data.get("ma_ho_so") or Path(target).stem)
        chi_bo = str(data.get("chi_bo") or Path(target).parent.name)
    else:
        code = target
        if not chi_bo:
            raise UserError("Cần --chi-bo CHI_BỘ khi tạo mẫu trống, ví dụ: "
                            "hoso word KT-2026-010 --chi-bo ky-thuat")
        new.check_identity(repo, form.schema, code, chi_bo)
    safe = re.sub(r"[^A-Za-z0-9-]", "_", code) or "ho-so"
    out = (out_dir or repo.root / "build" / "word") / f"{safe}.docx"
    write_atomic(out, build_docx(layout, data, code, chi_bo, VERSION, today or date.today()))
    return out
