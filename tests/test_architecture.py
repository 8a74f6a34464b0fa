"""The shape of the package, held by tests (ARCHITECTURE.md says why).

- no module over 600 lines;
- no import cycle between the package's modules, counting lazy and ``TYPE_CHECKING`` imports;
- each shared concept lives in one place: dates are parsed and printed only in ``hoso.form``, time
  limits are named only in ``hoso.form.limits``, the schema's label annotations are read only in
  ``hoso.form``, untrusted text is escaped only in ``hoso.escape``, git is started only by
  ``hoso.git``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "hoso"
MAX_LINES = 600


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_the_limit(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{rel(MODULES[name])}: {lines} lines (limit {MAX_LINES})"


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import, at the top, inside functions (lazy) and under ``TYPE_CHECKING``: a cycle
    that only the type checker or a lazy import sees is still two modules that need each other."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def imported(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports (a package's own submodules named in ``from``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        out.update(t for t in targets if t in MODULES and t != name)
    return out


def test_no_import_cycle() -> None:
    graph = {name: imported(name, path) for name, path in MODULES.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert not cycles, f"import cycles: {cycles}"


# ------------------------------------------------------------------------------- one place each

# (what, pattern, where it may appear)
ONE_PLACE = [
    ("parsing a date", re.compile(r"fromisoformat|strptime|\\d\{4\}-|\(\\d\{4\}\)"), ("form/",)),
    ("month arithmetic", re.compile(r"def (add_months|months_between|add_workdays)\b"), ("form/",)),
    ("a time limit", re.compile(r"^\s*[A-Z_]*(MONTHS|YEARS|WORKDAYS)\s*=\s*\d", re.MULTILINE),
     ("form/limits.py",)),
    ("the schema's label annotations", re.compile(r"[\"']x-(nhan|muc|nhom|ngan)[\"']"),
     ("form/",)),
    ("escaping", re.compile(r"html\.escape|from html import escape|saxutils|string\.punctuation|"
                            r"\"&lt;\"|'&lt;'|%0A"), ("escape.py",)),
    ("starting git", re.compile(r"[\[(]\s*[\"']git[\"']\s*,"), ("git.py",)),
]


@pytest.mark.parametrize(("what", "pattern", "allowed"), ONE_PLACE, ids=[w for w, _, _ in ONE_PLACE])
def test_each_concept_lives_in_one_place(what: str, pattern: re.Pattern[str],
                                         allowed: tuple[str, ...]) -> None:
    offenders = []
    for path in MODULES.values():
        inside = path.relative_to(PACKAGE).as_posix()
        if inside.startswith(allowed):
            continue
        text = path.read_text(encoding="utf-8")
        for m in pattern.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            offenders.append(f"{rel(path)}:{line}: {m.group().strip()}")
    assert not offenders, f"{what} outside {allowed}:\n" + "\n".join(offenders)
