"""The render cache: skip a dossier whose documents are already up to date.

A document is up to date when its key is unchanged and the output file is the one written. The
key of one format of one dossier hashes:

* the dossier file's bytes (read and hashed, never parsed: a cache hit does not load YAML);
* its commit text (the footer prints it) and whether the document is a draft or final;
* the environment: every file under ``templates/`` (Jinja templates, Lua filter, Typst layout,
  reference.docx, fonts) and ``schema/``, the source of ``hoso.render``, the versions of pandoc
  (pypandoc-binary) and typst — and for a final document also ``to-chuc.yaml`` and the code of
  ``hoso check`` (loader, schema validation, rules), since a final needs a clean check;

plus the files the last render read besides the dossier (its photo), checked by size and mtime.
The manifest lives in ``<out>/.hoso-cache/manifest.json`` with the intermediate Markdown and Typst.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoso.repo import Repo
from hoso.util import hash_tree

CACHE_DIR = ".hoso-cache"
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


def _dist(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def environment_fingerprint(repo: Repo, final: bool = False) -> str:
    """Hash of everything besides the dossier that shapes the documents.

    The rendering code counts for every document; the loader and the rules only for finals,
    whose printing depends on ``hoso check`` passing.
    """
    import hoso

    package = Path(hoso.__file__).parent
    h = hashlib.sha256()
    h.update(f"hoso {hoso.__version__}\0pypandoc-binary {_dist('pypandoc-binary')}\0"
             f"typst {_dist('typst')}\0".encode())
    hash_tree(h, repo.templates_dir, "templates")
    hash_tree(h, repo.schema_dir, "schema")
    # the form model prints dates and labels, escape.py makes every value literal
    for name in ("render", "form", "escape.py"):
        hash_tree(h, package / name, f"hoso/{name}")
    if final:
        hash_tree(h, repo.org_file, "to-chuc.yaml")
        for name in ("load", "workflow/stages.py", "validate"):
            hash_tree(h, package / name, f"hoso/{name}")
    return h.hexdigest()


def output_key(env: str, file_sha: str, commit: str, final: bool, fmt: str) -> str:
    text = f"{MANIFEST_VERSION}\0{env}\0{file_sha}\0{commit}\0{int(final)}\0{fmt}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass
class Entry:
    file_sha: str
    code: str
    cell: str
    deps: list[tuple[str, int, int]] = field(default_factory=list)
    # format → {"key", "path" (relative to the output folder), "size", "mtime_ns"}
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)


class Manifest:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / CACHE_DIR / MANIFEST
        self.entries: dict[str, Entry] = {}

    @property
    def cache_dir(self) -> Path:
        return self.out_dir / CACHE_DIR

    def load(self) -> Manifest:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return self
        if not isinstance(doc, dict) or doc.get("version") != MANIFEST_VERSION:
            return self
        for source, raw in doc.get("entries", {}).items():
            try:
                self.entries[source] = Entry(
                    raw["file_sha"], raw["code"], raw["cell"],
                    [(str(d[0]), int(d[1]), int(d[2])) for d in raw.get("deps", [])],
                    dict(raw.get("outputs", {})))
            except (KeyError, TypeError):
                continue
        return self

    def save(self) -> None:
        from hoso.util import write_atomic

        doc = {
            "version": MANIFEST_VERSION,
            "entries": {
                source: {"file_sha": e.file_sha, "code": e.code, "cell": e.cell,
                         "deps": [list(d) for d in e.deps], "outputs": e.outputs}
                for source, e in sorted(self.entries.items())
            },
        }
        write_atomic(self.path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))

    def stale_formats(self, source: str, file_sha: str, keys: dict[str, str],
                      repo_root: Path) -> tuple[str, ...]:
        """The formats of ``source`` that must be rendered again (all of them when unknown)."""
        entry = self.entries.get(source)
        if entry is None or entry.file_sha != file_sha:
            return tuple(keys)
        for rel, size, mtime in entry.deps:
            if _stat(repo_root / rel) != (size, mtime):
                return tuple(keys)
        stale = []
        for fmt, key in keys.items():
            out = entry.outputs.get(fmt)
            if (out is None or out.get("key") != key
                    or _stat(self.out_dir / out["path"]) != (out.get("size"), out.get("mtime_ns"))):
                stale.append(fmt)
        return tuple(stale)

    def outputs_of(self, source: str, formats: Iterable[str]) -> dict[str, str]:
        entry = self.entries.get(source)
        if entry is None:
            return {}
        return {fmt: str(self.out_dir / entry.outputs[fmt]["path"])
                for fmt in formats if fmt in entry.outputs}

    def record(self, source: str, file_sha: str, code: str, cell: str, *,
               deps: list[tuple[str, int, int]], outputs: dict[str, str],
               keys: dict[str, str]) -> None:
        """Remember what a render wrote (other formats stay if the dossier is unchanged)."""
        old = self.entries.get(source)
        kept = old.outputs if old is not None and old.file_sha == file_sha else {}
        entry = Entry(file_sha, code, cell, list(deps), dict(kept))
        for fmt, path in outputs.items():
            st = _stat(Path(path))
            if st is None:
                continue
            entry.outputs[fmt] = {
                "key": keys[fmt],
                "path": os.path.relpath(path, self.out_dir),
                "size": st[0],
                "mtime_ns": st[1],
            }
        self.entries[source] = entry
