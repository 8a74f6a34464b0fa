"""``.github/CODEOWNERS`` generated from ``to-chuc.yaml``.

Each chi bộ's folder ``dossiers/<ma>/`` belongs to that chi bộ's reviewers (``nguoi_xem_xet``);
everything else — and so the organisation file, the schema, the templates and the workflows —
belongs to the Party committee's team (``dang_bo.nhom_dang_uy``). In CODEOWNERS the last matching
line wins, so ``*`` comes first. With "Require review from Code Owners" turned on, a change to a
dossier needs the approval of its chi bộ's reviewers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hoso import org
from hoso.errors import UserError

RELATIVE_PATH = Path(".github") / "CODEOWNERS"

_OWNER = re.compile(r"^(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?"
                    r"|[^@\s]+@[^@\s]+\.[^@\s]+)$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

HEADER = """\
# Tệp này được sinh tự động từ to-chuc.yaml bằng lệnh: hoso codeowners
# Đừng sửa tay: sửa to-chuc.yaml rồi chạy lại lệnh (kiểm thử sẽ báo nếu tệp này cũ).
#
# Dòng khớp sau cùng được áp dụng: mọi tệp thuộc nhóm Đảng ủy, trừ thư mục hồ sơ của từng chi bộ
# thuộc những người xem xét của chi bộ đó. Bật "Require review from Code Owners" trong quy tắc
# bảo vệ nhánh main để mỗi thay đổi hồ sơ cần chi ủy của chính chi bộ đó duyệt.
"""


def _owners(value: Any, where: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise UserError(f"to-chuc.yaml: {where} chưa có tài khoản nào (cần dạng @to-chuc/nhom "
                        "hoặc @ten-tai-khoan).")
    out = []
    for item in items:
        text = str(item).strip()
        if not _OWNER.match(text):
            raise UserError(f"to-chuc.yaml: {where}: “{text}” không phải tài khoản GitHub "
                            "(@ten-tai-khoan), nhóm (@to-chuc/nhom) hay địa chỉ thư.")
        out.append(text)
    return out


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def generate(org: Mapping[str, Any]) -> str:
    """The CODEOWNERS text for the organisation described by ``org`` (to-chuc.yaml)."""
    party = org.get("dang_bo") if isinstance(org, Mapping) else None
    if not isinstance(party, Mapping):
        raise UserError("to-chuc.yaml: thiếu mục dang_bo.")
    committee = _owners(party.get("nhom_dang_uy"), "dang_bo.nhom_dang_uy")
    cells = org.get("chi_bo") or []
    if not isinstance(cells, list):
        raise UserError("to-chuc.yaml: chi_bo phải là một danh sách.")
    lines = [HEADER, f"# {_one_line(party.get('ten', 'Đảng bộ'))}: Đảng ủy",
             "* " + " ".join(committee), ""]
    seen: set[str] = set()
    for i, cell in enumerate(cells, 1):
        if not isinstance(cell, Mapping):
            raise UserError(
                f"to-chuc.yaml: chi bộ thứ {i} phải là một bảng (ma, ten, nguoi_xem_xet).")
        code = str(cell.get("ma", "")).strip()
        if not _CODE.match(code):
            raise UserError(f"to-chuc.yaml: mã chi bộ thứ {i} “{code}” chỉ được gồm chữ thường "
                            "không dấu, số và dấu gạch ngang (ví dụ ky-thuat).")
        if code in seen:
            raise UserError(f"to-chuc.yaml: mã chi bộ “{code}” bị lặp.")
        seen.add(code)
        owners = _owners(cell.get("nguoi_xem_xet"), f"chi bộ {code}: nguoi_xem_xet")
        lines.append(f"# {_one_line(cell.get('ten', code))}")
        lines.append(f"/dossiers/{code}/ " + " ".join(owners))
    return "\n".join(lines).rstrip("\n") + "\n"


def load_org(path: Path) -> Mapping[str, Any]:
    return org.load_org(path)
