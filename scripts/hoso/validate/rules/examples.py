"""The rules' examples: patches applied to the fictional sample dossier.

A patch is one of::

    {"dat": "gia_dinh[4].nam_sinh", "gia_tri": "1938"}   # set (creating missing mappings)
    {"xoa": "xet_ket_nap.gioi_thieu_cua_doan"}            # delete a key or a list row
    {"them": "gia_dinh", "gia_tri": {...}}                 # append a row ("Không" → a new list)

Paths are dotted keys with ``[i]`` for list rows. The patched dossier is written out as YAML and
loaded again, so the findings carry real line numbers.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from hoso.findings import Path_
from hoso.repo import find_repo_or_checkout

#: The date examples are checked at (the tests pin the same date).
EXAMPLE_DATE = date(2026, 11, 27)
SAMPLE_RESOURCE = "mau-minh-hoa.yaml"
SAMPLE_NAME = "mau-minh-hoa.yaml"

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> Path_:
    """``"gia_dinh[4].nam_sinh"`` → ``("gia_dinh", 4, "nam_sinh")``."""
    out: list[str | int] = []
    pos = 0
    for m in _STEP.finditer(text):
        if m.start() not in (pos, pos + 1) or (m.start() == pos + 1 and text[pos] != "."):
            raise ValueError(f"bad path {text!r}")
        out.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    if pos != len(text) or not out:
        raise ValueError(f"bad path {text!r}")
    return tuple(out)


def show_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


#: The sample's source in a dossier repository, should the packaged copy be missing.
FALLBACK = Path("ky-thuat") / "KT-2026-001.yaml"


def sample_text() -> str:
    """The sample dossier's YAML text (packaged; the repository's first example as a fallback)."""
    return _sample_text()


@cache
def _sample_text() -> str:
    from importlib import resources  # only here: its import costs every check a few ms

    packaged = resources.files("hoso").joinpath("data", SAMPLE_RESOURCE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (find_repo_or_checkout().dossiers_dir / FALLBACK).read_text(encoding="utf-8")


def _parent(doc: Any, path: Path_, create: bool) -> tuple[Any, str | int]:
    cur = doc
    for step, nxt in pairwise(path):
        if isinstance(step, int):
            cur = cur[step]
        else:
            if step not in cur or not isinstance(cur[step], dict | list):
                if not create:
                    raise KeyError(step)
                cur[step] = [] if isinstance(nxt, int) else {}
            cur = cur[step]
    return cur, path[-1]


def apply(doc: Any, patches: Iterable[Mapping[str, Any]]) -> Any:
    """A copy of ``doc`` with ``patches`` applied in order."""
    out = copy.deepcopy(doc)
    for patch in patches:
        if "dat" in patch:
            parent, key = _parent(out, parse_path(patch["dat"]), create=True)
            parent[key] = copy.deepcopy(patch["gia_tri"])
        elif "xoa" in patch:
            parent, key = _parent(out, parse_path(patch["xoa"]), create=False)
            del parent[key]
        elif "them" in patch:
            parent, key = _parent(out, parse_path(patch["them"]), create=True)
            if not isinstance(parent.get(key) if isinstance(key, str) else parent[key], list):
                parent[key] = []
            parent[key].append(copy.deepcopy(patch["gia_tri"]))
        else:
            raise ValueError(f"unknown patch {patch!r}")
    return out


def dump(doc: Any) -> str:
    """YAML text of a patched dossier: every scalar stays a string, long lines are not folded."""
    return yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)


def patched_text(patches: Sequence[Mapping[str, Any]]) -> str:
    base = yaml.load(sample_text(), Loader=yaml.CSafeLoader)
    return dump(apply(_stringify(base), patches))


def _stringify(value: Any) -> Any:
    """YAML's typed scalars back to the text the loader would keep (dates, numbers)."""
    if isinstance(value, dict):
        return {k: _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    if value is None or isinstance(value, bool | str):
        return value
    return str(value)
