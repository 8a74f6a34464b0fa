"""``mkdocs build`` started ahead of its pages (``python -m hoso.site.mkdocs_ahead``).

Importing mkdocs, its theme and plugins takes a quarter of a second before a build reads anything;
:class:`Ahead` starts this process first, so that the imports run while ``hoso site`` writes the
pages, then sends it the path of the ``mkdocs.yml`` to build (an empty line: nothing to build).
What follows is ``python -m mkdocs build --strict -f MKDOCS_YML``, with its output and exit code.
"""

from __future__ import annotations

import contextlib
import importlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from hoso.errors import ToolError

#: Modules a build imports anyway: mkdocs, and what the repository's mkdocs.yml uses (the Material
#: theme, its search and offline plugins, the pymdownx extensions). One that is not installed is
#: left for the build to ask for.
MODULES = ("mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults",
           "mkdocs.contrib.search", "markdown.extensions.toc", "markdown.extensions.tables",
           "markdown.extensions.attr_list", "markdown.extensions.admonition", "pymdownx.details",
           "pymdownx.highlight", "pymdownx.superfences", "material", "material.plugins.search.plugin",
           "material.plugins.offline.plugin", "pygments.formatters.html")


def build_command(config: Path) -> list[str]:
    """The command this process runs once told ``config``."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]


class Ahead:
    """The waiting mkdocs process; :meth:`build` or :meth:`cancel` ends it."""

    def __init__(self, cwd: Path, env: Mapping[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "hoso.site.mkdocs_ahead"], cwd=cwd,
                                     env=dict(env), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def build(self, config: Path, hint: str) -> None:
        """Build with ``config``; a failure is the :class:`ToolError` of the same command run
        directly."""
        out, err = self.proc.communicate(f"{config}\n".encode())
        if self.proc.returncode != 0:
            output = (err + b"\n" + out).decode("utf-8", "replace")
            raise ToolError(build_command(config), self.proc.returncode, output, hint)

    def cancel(self) -> None:
        if self.proc.returncode is None:
            self.proc.communicate(b"\n")


def main(argv: Sequence[str] | None = None) -> int:
    for name in MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    config = sys.stdin.readline().strip()
    if not config:
        return 0
    from mkdocs.__main__ import cli

    # as `python -m mkdocs build --strict -f CONFIG` (click exits with the build's code)
    cli.main(args=["build", "--strict", "-f", config], prog_name="python -m mkdocs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
