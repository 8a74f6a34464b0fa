"""One rule run on the sample dossier with patches, for the tests of rules at their cases and
edges: what that one rule says about exactly this dossier."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import yaml

from hoso.validate.rules import catalogue, examples
from hoso.validate.rules.base import Ctx

PINNED = examples.EXAMPLE_DATE


def sample() -> Any:
    """The rules' sample dossier as data (dates as text, like the loader gives them)."""
    return examples._stringify(yaml.load(examples.sample_text(), Loader=yaml.CSafeLoader))


def hits(code: str, patches: Sequence[Mapping[str, Any]] = (), *, on: date = PINNED,
         stage: str | None = None) -> list[tuple[str, str]]:
    """(path, message) of each finding of rule ``code`` on the patched sample."""
    data = examples.apply(sample(), patches)
    ctx = Ctx(data, on_date=on, stage=stage)
    rule = catalogue.by_code()[code]
    return [(examples.show_path(h.path), h.message) for h in rule.check(ctx)]
