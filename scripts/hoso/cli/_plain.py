"""The parts of the command line that need no click, and ``hoso check`` without it.

A one-file ``hoso check`` (the pre-commit hook) spends a fifth of its time importing click, which
is not needed to read ``check FILE --ngay D``: :func:`quick_check` reads the plain spellings of
``hoso check``'s options (:data:`CHECK_OPTIONS`, held equal to the click command's by
tests/test_cli_check.py) and runs the same :func:`check`. Anything else — help, an unknown or
abbreviated option, a value click would refuse — returns None, and click reads the command line
as always, with its own messages.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from hoso.errors import UserError
from hoso.form import dates
from hoso.repo import Repo, find_repo

#: ``hoso check``'s options: spelling → (parameter, takes a value).
CHECK_OPTIONS: dict[str, tuple[str, bool]] = {
    "--format": ("fmt", True),
    "--strict": ("strict", False),
    "--chi-luoc-do": ("schema_only", False),
    "--ngay": ("on_date", True),
    "--shard": ("shard", True),
    "--jobs": ("jobs", True),
    "-j": ("jobs", True),
    "--kho": ("repo_dir", True),
}
#: The values of ``--format``.
FORMATS = ("text", "json", "github")
#: The environment variable ``--ngay`` falls back to.
DATE_ENV = "HOSO_NGAY"


def repo_of(repo_dir: Path | None) -> Repo:
    return find_repo(repo_dir)


def parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    day = dates.parse_day(text)
    if day is None:
        raise UserError(f"--ngay phải có dạng YYYY-MM-DD, ví dụ 2026-03-26 (nhận được “{text}”).")
    return day


def check(paths: Sequence[Path], fmt: str, strict: bool, schema_only: bool,
          on_date: str | None, shard: str | None, jobs: int | None, repo_dir: Path | None,
          write: Callable[[str], object]) -> int:
    """``hoso check``: the report goes to ``write``; the exit code is returned."""
    from hoso.cli._program import startup_done
    from hoso.validate.check import Checker, CheckOptions, collect, parse_shard, report

    startup_done()
    repo = repo_of(repo_dir)
    options = CheckOptions(on_date=parse_date(on_date), schema_only=schema_only)
    files = collect(paths, repo, parse_shard(shard))
    result = Checker(repo, options).check_files(files, jobs=jobs)
    write(report(result, fmt))
    return result.exit_code(strict)


def quick_check(args: Sequence[str]) -> Callable[[], int] | None:
    """``hoso check`` for the arguments after the verb, when they need nothing of click."""
    if sys.platform == "win32":  # click expands wildcards there
        return None
    values: dict[str, object] = {"fmt": "text", "strict": False, "schema_only": False,
                                 "on_date": None, "shard": None, "jobs": None, "repo_dir": None}
    paths: list[Path] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            paths.append(Path(arg))
            continue
        name, eq, attached = arg.partition("=")
        spec = CHECK_OPTIONS.get(name)
        if spec is None or (eq and not spec[1]):
            return None
        dest, takes_value = spec
        if not takes_value:
            values[dest] = True
            continue
        if eq:
            value = attached
        elif rest and not rest[0].startswith("-"):
            value = rest.pop(0)
        else:
            return None
        parsed = _value(dest, value)
        if parsed is None:
            return None
        values[dest] = parsed
    if "" in args:  # click's judgement (an empty path)
        return None
    if values["on_date"] is None:
        values["on_date"] = os.environ.get(DATE_ENV) or None

    def run() -> int:
        return check(paths, write=_write, **values)  # type: ignore[arg-type]

    return run


def _value(dest: str, value: str) -> object:
    """An option's value as click would give it; None when click should judge it."""
    if dest == "fmt":
        return value if value in FORMATS else None
    if dest == "jobs":
        return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
    if dest == "repo_dir":  # click refuses an existing file (file_okay=False)
        return Path(value) if value and not os.path.isfile(value) else None
    return value if value else None


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
