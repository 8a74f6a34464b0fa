"""The two kinds of failure hoso knows about.

A :class:`UserError` is something the user can fix (a missing file, a bad option, a missing tool);
the CLI prints its Vietnamese message and exits with code 2. A :class:`ToolError` is an external
program (pandoc, typst, git, mkdocs) that failed; it carries the command, exit code and output.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


class HosoError(Exception):
    """Base of the errors that are shown to the user as one clean message."""

    exit_code = 2


class UserError(HosoError):
    """A problem the user can fix; the message is Vietnamese."""


class ToolError(HosoError):
    """An external program failed."""

    def __init__(self, cmd: Sequence[str], returncode: int | None, output: str, hint: str = "") -> None:
        self.cmd = list(cmd)
        self.returncode = returncode
        self.output = output
        self.hint = hint
        shown = " ".join(self.cmd)
        code = "không chạy được" if returncode is None else f"mã thoát {returncode}"
        msg = f"Chương trình ngoài thất bại ({code}): {shown}"
        if hint:
            msg += f"\n{hint}"
        if output.strip():
            msg += "\n--- đầu ra ---\n" + output.strip()[-4000:]
        super().__init__(msg)
