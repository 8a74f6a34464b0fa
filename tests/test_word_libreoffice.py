"""The Word form opened and saved again by LibreOffice Writer imports identically (LibreOffice
keeps the content controls but drops their tags; the import finds the values by their labels)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from wordfill import Filler, resave

from hoso.repo import Repo
from hoso.word.importer import import_docx
from hoso.word.make import make_form
from hoso.word.normalise import CHANGED, PERSON

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 27)
EXAMPLES = sorted(p.relative_to(ROOT / "dossiers").as_posix()
                  for p in (ROOT / "dossiers").glob("*/*.yaml"))

pytestmark = pytest.mark.slow


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


def test_every_example_saved_again_by_libreoffice_imports_identically(
        repo_copy: Path, profile: Path) -> None:
    repo = Repo(repo_copy)
    made = [make_form(repo, str(repo_copy / "dossiers" / e), None, repo_copy / "w", today=TODAY)
            for e in EXAMPLES]
    # a change typed into one of them before LibreOffice saves it
    filler = Filler(made[0])
    filler.set("ton_giao", "không")
    filler.save()
    for example, path in zip(EXAMPLES, made, strict=True):
        target = repo_copy / "dossiers" / example
        before = load(target)
        direct = import_docx(repo, path, today=TODAY)
        after_direct = load(target)
        resaved = resave(path, repo_copy / "lo", profile)
        again = import_docx(repo, resaved, today=TODAY)
        assert load(target) == after_direct == before, example
        assert again.outcome.counts == direct.outcome.counts, example
        assert again.outcome.counts[PERSON] == 0
        assert [n.message for n in again.notes] == [n.message for n in direct.notes]
        if path == made[0]:
            assert again.outcome.counts[CHANGED] == 1
