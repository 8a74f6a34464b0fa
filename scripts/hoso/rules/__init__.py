"""The admission rules: checks the schema cannot express (see hoso.rules.catalogue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoso.check import CheckOptions
    from hoso.findings import Finding
    from hoso.load import Loaded
    from hoso.repo import Repo


def run_rules(loaded: Loaded, repo: Repo, options: CheckOptions) -> list[Finding]:
    """Run every enabled rule on a dossier that passed the schema."""
    return []
