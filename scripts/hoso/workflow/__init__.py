"""The workflow verbs: what moves a dossier through review and what reviewers see.

- :mod:`hoso.workflow.stages` — the stage machine (stages, moves, returns; standard library only,
  imported by the checker, the renderer and the report);
- :mod:`hoso.workflow.advance` — ``hoso advance``: one move written into the file, nothing else
  changed;
- :mod:`hoso.workflow.diff` — ``hoso diff``: what changed between two git revisions, item by item;
- :mod:`hoso.workflow.annotations` — ``hoso ci-annotations``: GitHub annotations within GitHub's
  limits;
- :mod:`hoso.workflow.codeowners` — ``hoso codeowners``: who reviews which chi bộ's dossiers.

This package imports nothing itself, so importing the stage machine stays cheap.
"""
