"""Finding the dossier repository and its parts.

Schema, templates and the organisation file are read from the repository root, found from the
current directory upward, so a committee adjusts its own copy without touching code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hoso.errors import UserError

MARKERS = ("to-chuc.yaml", "schema")


@dataclass(frozen=True)
class Repo:
    root: Path

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def dossiers_dir(self) -> Path:
        return self.root / "dossiers"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def org_file(self) -> Path:
        return self.root / "to-chuc.yaml"

    def schema_path(self, version: str = "2025") -> Path:
        return self.schema_dir / f"2-knd-{version}.schema.json"

    def relative(self, path: str | os.PathLike[str]) -> str:
        """A path as the user should see it: relative to the current directory when possible."""
        p = Path(path)
        try:
            return os.path.relpath(p)
        except ValueError:
            return str(p)


def find_repo(start: str | os.PathLike[str] | None = None) -> Repo:
    """The nearest folder at or above ``start`` holding ``to-chuc.yaml`` and ``schema/``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "to-chuc.yaml").is_file() and (folder / "schema").is_dir():
            return Repo(folder)
    raise UserError(
        f"Không tìm thấy kho hồ sơ (thư mục có to-chuc.yaml và schema/) từ {here} trở lên. "
        "Hãy chạy lệnh trong kho hồ sơ, hoặc dùng --kho ĐƯỜNG_DẪN."
    )


def find_repo_or_checkout(start: str | os.PathLike[str] | None = None) -> Repo:
    """:func:`find_repo` from ``start`` (the current directory); failing that, the source checkout
    this package runs from, which is a dossier repository too (its schema, its sample dossiers).

    For what needs *a* repository's files without being given one (a rule context built by hand,
    the sample dossier's fallback); a command finds its repository with :func:`find_repo`.
    """
    try:
        return find_repo(start)
    except UserError as exc:
        missing = exc
    try:
        return find_repo(Path(__file__).resolve().parent)
    except UserError:
        raise missing from None
