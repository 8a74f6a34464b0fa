"""The two kinds of failure hoso knows about.

A :class:`UserError` is something the user can fix (a missing file, a bad option, a missing tool);
the CLI prints its Vietnamese message and exits with code 2. A :class:`ToolError` is an external
program (pandoc, typst, git, mkdocs) that failed; it carries the command, exit code and output.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
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


_OS_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không được phép",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EISDIR: "đây là thư mục chứ không phải tệp",
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EEXIST: "ở đó đã có một tệp trùng tên (cần một thư mục)",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.EIO: "lỗi đọc, ghi của ổ đĩa",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
}


def os_error_message(exc: OSError) -> str:
    """An input/output error as the user reads it: which path, why, what to check (Vietnamese)."""
    reason = _OS_REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    where = " → ".join(f"“{p}”" for p in paths) if paths else "một tệp"
    return (f"Không đọc hoặc ghi được {where}: {reason}. Hãy kiểm tra đường dẫn, quyền ghi và chỗ "
            f"trống trên ổ đĩa rồi chạy lại.")
