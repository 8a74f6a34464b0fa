"""The command line: one verb per module in this package, loaded only when called.

Only this package imports click and rich. Each ``hoso/cli/<verb>.py`` defines ``command``, a
click command that parses options and calls the library, which returns an exit code:
0 clean, 1 findings, 2 usage or environment error. The group of the verbs is in
:mod:`hoso.cli._group`; a plain ``hoso check FILE`` (the pre-commit hook) runs without importing
click at all (:mod:`hoso.cli._plain`).

The program itself (the ``hoso`` command, ``python -m hoso``) is :func:`run`: :func:`main`
started without the cyclic garbage collector (start-up only makes objects that live to the end;
the collector comes back, with them frozen, when the work starts:
:func:`hoso.cli._program.startup_done`), and a plain check ended without tearing the interpreter
down (its output flushed first). Together they are a fifth of a one-file check, the pre-commit
hook's call.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from hoso import extras
from hoso.cli._program import PROGRAM, startup_done
from hoso.cli._verbs import VERBS
from hoso.errors import HosoError, os_error_message

__all__ = ["VERBS", "main", "run", "startup_done"]



def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    args = list(sys.argv[1:] if argv is None else argv)
    quick: Callable[[], int] | None = None
    if args[:1] == ["check"]:
        from hoso.cli._plain import quick_check

        quick = quick_check(args[1:])
        PROGRAM["plain_check"] = quick is not None
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


def run() -> NoReturn:
    """The ``hoso`` command: :func:`main` as a program (see the module's notes)."""
    gc.disable()
    PROGRAM["collector_off"] = True
    code = main()
    if PROGRAM["plain_check"]:
        # a plain check holds no file, pool or temporary folder open by now: only its output
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # a reader that stopped early (hoso check … | head)
            code = code or 1
        except OSError as exc:  # a full disk under a redirected output
            _error(f"Lỗi: {os_error_message(exc)}")
            code = 2
        os._exit(code)
    startup_done()
    raise SystemExit(code)
