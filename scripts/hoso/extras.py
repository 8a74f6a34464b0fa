"""The optional parts of the install and the Vietnamese message when one is missing.

The base install checks dossiers (the pre-commit hook needs nothing more); printing, the site and
the report are extras in ``pyproject.toml``. A verb that needs one calls :func:`require` before it
starts, and the CLI turns a late ``ModuleNotFoundError`` of the same modules into the same message.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

from hoso.errors import UserError

#: extra → (what it is for, the modules it installs, as imported).
EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "render": ("in hồ sơ ra DOCX và PDF", ("jinja2", "rich", "pypandoc", "typst", "fontTools",
                                         "platformdirs")),
    "site": ("dựng trang hướng dẫn", ("mkdocs", "material")),
    "report": ("thống kê, báo cáo", ("rich", "babel")),
    "word": ("tạo và đọc Mẫu 2-KNĐ dạng Word", ("lxml",)),
}


def missing_modules(extra: str) -> list[str]:
    return [m for m in EXTRAS[extra][1] if importlib.util.find_spec(m) is None]


def message(extras: Iterable[str]) -> str:
    names = list(dict.fromkeys(extras))
    purposes = "; ".join(EXTRAS[e][0] for e in names)
    spec = ",".join(names)
    return (f"Môi trường này chỉ cài phần kiểm tra hồ sơ, chưa có các gói để {purposes}. Cài thêm: "
            f"pip install \"hoso[{spec}]\" (trong thư mục của kho hoso: pip install -e \".[{spec}]\"; "
            "cài đủ mọi phần: \".[all]\").")


def require(*extras: str) -> None:
    """Stop with the Vietnamese install hint when any module of ``extras`` is missing."""
    lacking = [e for e in extras if missing_modules(e)]
    if lacking:
        raise UserError(message(lacking))


def extra_of_module(name: str | None) -> str | None:
    """The extra that installs the (top-level) module ``name``, if any."""
    top = (name or "").split(".")[0]
    for extra, (_, modules) in EXTRAS.items():
        if top in modules:
            return extra
    return None
