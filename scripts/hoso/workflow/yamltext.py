"""Text-level YAML editing shared by ``hoso advance``'s stage edit and its fact records: where
a node starts and ends in the author's text, so an edit touches only its own lines."""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML


class EditError(Exception):
    """The file's shape does not allow a safe in-place edit (the message is Vietnamese)."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def rt_load(text: str) -> Any:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    return rt.load(io.StringIO(text))


def token_end(line: str, start: int) -> int:
    """End column of the scalar token that starts at ``start`` on ``line`` (single line only)."""
    if start >= len(line):
        return start
    quote = line[start]
    if quote in "\"'":
        i = start + 1
        while i < len(line):
            c = line[i]
            if quote == '"' and c == "\\":
                i += 2
                continue
            if c == quote:
                if quote == "'" and i + 1 < len(line) and line[i + 1] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        raise EditError("Giá trị giai đoạn có dấu nháy chưa đóng.")
    m = re.search(r"\s#", line[start:])
    end = start + m.start() if m else len(line)
    return len(line[:end].rstrip())


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def block_end(lines: list[str], start: int, parent_col: int) -> int:
    """Index of the last line that belongs to a node starting at ``start``.

    The node continues while lines are blank, or indented deeper than ``parent_col``
    (comments at the parent's indentation or less end it, as do keys and dashes).
    """
    last = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        if indent(line) > parent_col:
            last = i
            continue
        break
    return last


def is_flow(lines: list[str], line: int, col: int) -> bool:
    return line < len(lines) and col < len(lines[line]) and lines[line][col] in "[{"
