"""What a check is asked to do: read by the pipeline (:mod:`hoso.validate.check`) and the rules.

Kept apart from both so that the rules never import the pipeline that runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class CheckOptions:
    #: "Now" for the rules (``--ngay``); today when not given.
    on_date: date | None = None
    #: Stop after the schema (a draft document needs no more).
    schema_only: bool = False
    #: Judge the dossier as if it were at this workflow stage (``hoso advance`` asks before a move).
    stage: str | None = None
    #: Rule severities changed or rules turned off, as ``quy_tac`` of ``to-chuc.yaml`` writes them.
    overrides: dict[str, object] = field(default_factory=dict)
