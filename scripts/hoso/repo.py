"""Finding the dossier repository and its parts.

The repository is the nearest folder, from the current directory upward, that holds
``to-chuc.yaml``, ``schema/`` or ``dossiers/``. Schema and templates are read from the repository's
own ``schema/`` and ``templates/`` when it has them, so a committee adjusts its own copy without
touching code; otherwise from the copies installed with the package (a repository that holds only
``dossiers/`` and uses the pre-commit hook of a released version). The guidance site's ``docs/``
and ``mkdocs.yml`` are found the same way. ``to-chuc.yaml`` is optional for checking; the verbs that
need it say what to add.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hoso.errors import UserError

#: Any of these marks the root of a dossier repository.
MARKERS = ("to-chuc.yaml", "schema", "dossiers")

#: The folders shipped inside the package: repository folder → package that holds its copy.
#: "site" is the template repository's root, for its mkdocs.yml (the only file shipped from it).
PACKAGED = {"schema": "hoso._schema", "templates": "hoso._templates", "docs": "hoso._docs",
            "site": "hoso._site"}
#: Where each packaged folder is in a source checkout (PYTHONPATH=scripts, no install).
_SOURCE = {"schema": "schema", "templates": "templates", "docs": "docs", "site": "."}
SITE_CONFIG = "mkdocs.yml"


@cache
def packaged_dir(folder: str) -> Path:
    """The installed copy of the repository folder ``folder`` (``schema``, ``templates``,
    ``docs``, or ``site`` for the folder of ``mkdocs.yml``).

    A wheel or editable install maps ``hoso._schema``, ``hoso._templates``, ``hoso._docs`` and
    ``hoso._site`` to them (see ``pyproject.toml``); a source checkout run with
    ``PYTHONPATH=scripts`` has them beside ``scripts/``.
    """
    spec = None
    try:
        spec = importlib.util.find_spec(PACKAGED[folder])
    except ModuleNotFoundError:
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for location in locations:
        if Path(location).is_dir():
            return Path(location)
    return (Path(__file__).resolve().parents[2] / _SOURCE[folder]).resolve()


@dataclass(frozen=True)
class Repo:
    root: Path

    def _own_or_packaged(self, folder: str) -> Path:
        own = self.root / folder
        return own if own.is_dir() else packaged_dir(folder)

    @property
    def schema_dir(self) -> Path:
        return self._own_or_packaged("schema")

    @property
    def templates_dir(self) -> Path:
        return self._own_or_packaged("templates")

    @property
    def dossiers_dir(self) -> Path:
        return self.root / "dossiers"

    @property
    def docs_dir(self) -> Path:
        """The guidance site's pages: the repository's own ``docs/``, else the installed ones."""
        return self._own_or_packaged("docs")

    @property
    def site_config(self) -> Path:
        """The site's ``mkdocs.yml``: the repository's own, else the installed one. A repository
        that keeps its own ``docs/`` keeps its own ``mkdocs.yml`` too (the nav names its pages)."""
        own = self.root / SITE_CONFIG
        return own if own.is_file() else packaged_dir("site") / SITE_CONFIG

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
    """The nearest folder at or above ``start`` holding ``to-chuc.yaml``, ``schema/`` or
    ``dossiers/``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in MARKERS):
            return Repo(folder)
    raise UserError(
        f"Không tìm thấy kho hồ sơ (thư mục có dossiers/, to-chuc.yaml hoặc schema/) từ {here} trở "
        "lên. Hãy chạy lệnh trong kho hồ sơ, hoặc dùng --kho ĐƯỜNG_DẪN."
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
