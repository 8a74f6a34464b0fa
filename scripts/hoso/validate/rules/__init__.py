"""The admission rules: checks the schema cannot express (see :mod:`hoso.validate.rules.catalogue`).

:func:`run_rules` is what ``hoso check`` calls for a dossier that passed the schema. Each rule
reads the dossier through a :class:`~hoso.validate.rules.base.Ctx` built once per dossier and
reports :class:`~hoso.validate.rules.base.Hit` s, located here through the loader's positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoso import org
from hoso.findings import Finding, Severity
from hoso.form import load_form
from hoso.validate.rules import catalogue
from hoso.validate.rules.base import Ctx, Rule

if TYPE_CHECKING:
    from hoso.form import Form
    from hoso.load import Loaded
    from hoso.repo import Repo
    from hoso.validate.options import CheckOptions

__all__ = ["prepare", "run_rules"]

_PREPARED: dict[tuple[object, ...], tuple[tuple[Rule, Severity], ...]] = {}


def prepare(repo: Repo | None, options: CheckOptions) -> tuple[tuple[Rule, Severity], ...]:
    """The rules that run and their severities after the committee's overrides (``to-chuc.yaml``,
    read once per version of the file) and the options' own: worked out once per run, not once
    per dossier."""
    committee = catalogue.org_overrides(repo.org_file if repo is not None else None)
    # the committee's overrides are one cached object per version of to-chuc.yaml
    key = (id(committee) if committee else 0,
           repr(sorted(options.overrides.items())) if options.overrides else "")
    prepared = _PREPARED.get(key)
    if prepared is None:
        overrides = dict(committee)
        if options.overrides:
            overrides.update(catalogue.parse_overrides(
                options.overrides, source="CheckOptions.overrides", reason_required=False))
        _PREPARED.clear()  # one entry: a run uses one set of overrides
        prepared = _PREPARED[key] = tuple(catalogue.effective(overrides))
    return prepared


def run_rules(loaded: Loaded, repo: Repo | None, options: CheckOptions,
              form: Form | None = None) -> list[Finding]:
    """Run every enabled rule on a dossier that passed the schema.

    ``form`` is the form of the dossier's version (the checker passes its schema validator);
    without it, the form is read from ``repo``'s schema.
    """
    data = loaded.data
    if not isinstance(data, dict):
        return []
    if form is None and repo is not None:
        form = load_form(repo.schema_path(str(data.get("phien_ban", "2025"))))
    enabled = prepare(repo, options)
    calendar = org.calendar(repo.org_file if repo is not None else None)
    ctx = Ctx(data, form=form, on_date=options.on_date, stage=options.stage, calendar=calendar,
              texts=loaded.texts)
    out: list[Finding] = []
    file = loaded.file
    for rule, severity in enabled:
        if not rule.applies_at(ctx.stage):
            continue
        for path, message in rule.check(ctx):
            line, col = loaded.locate(path)
            out.append(Finding(file, line, col, rule.code, severity, message, path))
    return out
