"""The command line: one verb per module in this package, loaded only when called.

Only this package imports click and rich. Each ``hoso/cli/<verb>.py`` defines ``command``, a
click command that parses options and calls the library, which returns an exit code:
0 clean, 1 findings, 2 usage or environment error. The group of the verbs is in
:mod:`hoso.cli._group`; a plain ``hoso check FILE`` (the pre-commit hook) runs without importing
click at all (:mod:`hoso.cli._plain`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from hoso import extras
from hoso.cli._verbs import VERBS
from hoso.errors import HosoError, os_error_message

__all__ = ["VERBS", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    args = list(sys.argv[1:] if argv is None else argv)
    quick: Callable[[], int] | None = None
    if args[:1] == ["check"]:
        from hoso.cli._plain import quick_check

        quick = quick_check(args[1:])
    elif args[:1] == ["site"]:  # mkdocs imports itself while hoso and click do
        from hoso.site.mkdocs_ahead import start_early

        start_early(args[1:])
    if quick is None:
        from hoso.cli import _group

        quick = lambda: _group.run(argv)  # noqa: E731 - click reads sys.argv itself when None
    try:
        return quick()
    except HosoError as exc:
        _error(f"Lỗi: {exc}")
        return exc.exit_code
    except ModuleNotFoundError as exc:
        extra = extras.extra_of_module(exc.name)
        if extra is None:
            raise
        _error(f"Lỗi: {extras.message([extra])}")
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    except OSError as exc:  # a full disk, a folder that cannot be created, no permission…
        _error(f"Lỗi: {os_error_message(exc)}")
        return 2


def _error(message: str) -> None:
    """A message on stderr (what ``click.echo(message, err=True)`` writes)."""
    stream = sys.stderr
    stream.write(message + "\n")
    stream.flush()
