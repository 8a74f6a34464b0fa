"""``mkdocs build`` started ahead of its pages (``python -m hoso.site.mkdocs_ahead``).

Importing mkdocs, its theme and plugins takes a third of a second before a build reads anything;
:class:`Ahead` starts this process first, so that the imports run while ``hoso site`` writes the
pages, then sends it the path of the ``mkdocs.yml`` to build (an empty line: nothing to build).
What follows is ``python -m mkdocs build --strict -f MKDOCS_YML``, with its output and exit code.

``hoso site`` starts it before anything else (:func:`start_early`, called by the command line
before it imports click): the process then imports mkdocs while this one imports hoso. It runs
with ``-P`` (no folder of the caller's on ``sys.path``), and imports nothing of hoso but this
module; a process left unused ends when its input closes, at the latest with the caller.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

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
    """The waiting mkdocs process; :meth:`send` then :meth:`wait`, or :meth:`cancel`, ends it."""

    def __init__(self) -> None:
        self.config = Path()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.proc = subprocess.Popen([sys.executable, "-P", "-m", "hoso.site.mkdocs_ahead"],
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)

    @classmethod
    def take(cls) -> Ahead:
        """The process :func:`start_early` started, else a new one."""
        ahead = _EARLY.pop() if _EARLY else None
        return ahead if ahead is not None and ahead.proc.returncode is None else cls()

    def send(self, config: Path) -> None:
        """Start building with ``config``; :meth:`wait` for the end."""
        self.config = config
        assert self.proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it failed to start: wait() says how
            self.proc.stdin.write(f"{config}\n".encode())
            self.proc.stdin.flush()

    def wait(self, hint: str) -> None:
        """The end of the build :meth:`send` started; a failure is the :class:`ToolError` of
        the same command run directly."""
        out, err = self.proc.communicate()
        if self.proc.returncode != 0:
            from hoso.errors import ToolError

            output = (err + b"\n" + out).decode("utf-8", "replace")
            raise ToolError(build_command(self.config), self.proc.returncode, output, hint)

    def cancel(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(OSError):  # already gone: its input is a broken pipe
                self.proc.communicate(b"\n")


#: The process :func:`start_early` started, until :meth:`Ahead.take` takes it.
_EARLY: list[Ahead] = []


def start_early(args: Sequence[str]) -> None:
    """Start the process for the ``hoso site`` about to run with ``args`` (not for its help)."""
    if not _EARLY and not {"-h", "--help"} & set(args):
        _EARLY.append(Ahead())
        atexit.register(_cancel_early)


def _cancel_early() -> None:
    while _EARLY:
        _EARLY.pop().cancel()


def main() -> int:
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
