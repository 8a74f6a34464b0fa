"""What loading one file gives: the :class:`Loaded` result, the limits, and the findings sink."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hoso.findings import Finding, Path_, Severity

MAX_BYTES = 1_000_000  # oversized file limit
MAX_DEPTH = 20  # nesting depth limit (the root collection is level 1)
MAX_ITEMS = 2_000  # max entries in one list / mapping
MAX_PER_CODE = 20  # findings listed per code before one summary finding

Pos = tuple[int, int]


Where = Callable[[], tuple[dict[Path_, Pos], dict[Path_, Pos]]]


@dataclass
class Loaded:
    """One loaded file. ``positions`` are 1-based (line, column) counted in characters.

    The positions of the values and of the keys are worked out on the first question
    (``where``): a clean file never needs them.
    """

    file: str
    data: Any
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None
    where: Where | None = field(default=None, repr=False, compare=False)
    #: Every text value of ``data`` in document order and where each is (the parent's path, the
    #: key or index), when the loader listed them as it read (None: walk ``data``).
    texts: tuple[list[str], list[tuple[Path_, str | int]]] | None = field(
        default=None, repr=False, compare=False)
    _found: tuple[dict[Path_, Pos], dict[Path_, Pos]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _positions(self) -> tuple[dict[Path_, Pos], dict[Path_, Pos]]:
        if self._found is None:
            self._found = self.where() if self.where is not None else ({}, {})
            self.where = None
        return self._found

    @property
    def positions(self) -> dict[Path_, Pos]:
        """path → where its value starts."""
        return self._positions()[0]

    @property
    def key_positions(self) -> dict[Path_, Pos]:
        """path → where its key starts (mapping entries)."""
        return self._positions()[1]

    def locate(self, path: Iterable[str | int]) -> Pos:
        """Position of ``path``, else of its nearest ancestor that has one, else (1, 1)."""
        p = tuple(path)
        positions = self.positions
        for n in range(len(p), -1, -1):
            pos = positions.get(p[:n])
            if pos is not None:
                return pos
        return (1, 1)

    def path_at(self, line: int, col: int) -> Path_:
        """The value a position of the text belongs to: the path whose value starts last at or
        before (``line``, ``col``), the deepest on a tie; () when none does."""
        best: Path_ = ()
        best_pos: Pos = (0, 0)
        for path, pos in self.positions.items():
            if pos <= (line, col) and (pos > best_pos or (pos == best_pos and len(path) > len(best))):
                best, best_pos = path, pos
        return best

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


class Sink:
    """Collects the findings of one file; at most MAX_PER_CODE per code, then one summary."""

    __slots__ = ("counts", "file", "findings", "first_dropped")

    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}
        self.first_dropped: dict[str, Pos] = {}

    def add(self, code: str, line: int, col: int, message: str, path: Path_ = ()) -> None:
        n = self.counts.get(code, 0) + 1
        self.counts[code] = n
        if n > MAX_PER_CODE:
            self.first_dropped.setdefault(code, (line, col))
            return
        self.findings.append(Finding(self.file, max(line, 1), max(col, 1), code,
                                     Severity.ERROR, message, path))

    def has(self, code: str) -> bool:
        return code in self.counts

    def result(self, data: Any, text: str | None, where: Where | None = None,
               texts: tuple[list[str], list[tuple[Path_, str | int]]] | None = None) -> Loaded:
        for code, (line, col) in self.first_dropped.items():
            more = self.counts[code] - MAX_PER_CODE
            self.findings.append(Finding(
                self.file, max(line, 1), max(col, 1), code, Severity.ERROR,
                f"Còn {more} chỗ khác cùng loại lỗi “{code}” (từ vị trí này trở đi) chưa được "
                f"liệt kê. Sửa các chỗ đã nêu rồi kiểm tra lại để xem tiếp."))
        self.first_dropped.clear()
        return Loaded(self.file, data, self.findings, text, where, texts)


def vn_number(n: int) -> str:
    """``12345`` → ``"12.345"`` (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def deep_message() -> str:
    return (f"Dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp). Hồ sơ hợp lệ không lồng sâu như "
            f"vậy: hãy kiểm tra lại thụt lề và các dấu ngoặc [ ] {{ }}.")
