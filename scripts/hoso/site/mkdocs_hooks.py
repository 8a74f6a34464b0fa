"""MkDocs hooks of the generated ``mkdocs.yml`` (its ``hooks:`` list): what ``hoso site`` adds to
a plain ``mkdocs build`` runs inside it.

- ``on_env``: the theme's Jinja templates compiled once and kept in the site folder's
  ``.hoso-cache/jinja`` (Jinja's own bytecode cache; its key is the template's source, so a new
  theme version compiles again). A site folder without ``.hoso-cache`` (one hoso did not make) is
  built as always.
- ``on_post_build``: the search index gets its copies without diacritics
  (:mod:`hoso.site.search`), after the search plugin wrote it and before Material's offline plugin
  (priority -100) copies it into ``search_index.js``.

MkDocs loads this file by its path with its folder on ``sys.path`` while it runs the module, so
the module imports nothing of its neighbours at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority


def on_env(env: Any, config: Any, files: Any) -> Any:
    from hoso.site.page import SITE_CACHE

    cache = Path(config["site_dir"]) / SITE_CACHE
    if cache.is_dir():
        from jinja2 import FileSystemBytecodeCache

        folder = cache / "jinja"
        folder.mkdir(exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


@event_priority(-50)
def on_post_build(config: Any) -> None:
    from hoso.site.search import fold_site_index

    fold_site_index(Path(config["site_dir"]))
