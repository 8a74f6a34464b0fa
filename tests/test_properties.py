"""Property tests (hypothesis) of the three stages that take untrusted text.

1. The loader, given YAML-shaped input (trees of the schema's own key names and Vietnamese or
   markup text, dumped in varied styles, then cut and spliced), only ever returns located
   findings; an intact dump reads back as exactly the tree that was written.
2. The checker never raises on a dossier that passes the schema: the fictional sample with random
   values in its leaves (realistic and hostile text, dates in the schema's format including
   impossible ones, values from the closed lists) and random table lengths.
3. The renderer prints every string value literally: random text from the Vietnamese alphabet and
   markup characters, through the template environment and pandoc's reader, comes back as the
   same text, with no inline other than words and spaces.

Examples are kept few enough for the normal test command (a few seconds in all).
"""

from __future__ import annotations

import copy
import functools
import json
import re
import string
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hoso.findings import Finding, Path_, Severity
from hoso.load import MAX_DEPTH, Loaded, load_bytes
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions
from hoso.validate.schema import SchemaValidator

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "2-knd-2025.schema.json"

# ---- alphabets (built from code points: no hypothesis charmap cache is written anywhere)

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VOWELS = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in _TONES]
_LETTERS = sorted({*_VOWELS, *"bcdđghklmnpqrstvx"})
VIETNAMESE = [*_LETTERS, *(c.upper() for c in _LETTERS)]
MARKUP = list(string.punctuation)
SPACES = [" ", " ", "\n", "\u00a0"]
ALPHABET = VIETNAMESE + MARKUP + SPACES + list(string.digits)

_char = st.sampled_from(ALPHABET)
_word = st.lists(st.sampled_from(VIETNAMESE), min_size=1, max_size=8).map("".join)
# Text weighted toward words with markup between them, as a pasted field looks.
text = st.lists(st.one_of(_word, _char, st.sampled_from(MARKUP)), max_size=30).map("".join)

HOSTILE = [
    "Không", "không", "KHÔNG", "Không.", "nay", "Đã mất", "đã mất năm 2019", " ", "-", "--",
    "…", "0", "1968", "2026-02-30", "*đậm*", "_nghiêng_", "`mã`", "[liên kết](http://x.invalid)",
    "![ảnh](/etc/passwd)", "<script>alert(1)</script>", "<!-- chú thích -->", "&amp; &#x41;",
    "{{ hs.ma_ho_so }}", "{% raw %}", "{#", "$x^2$", "\\(x\\)", "#set page(width: 1cm)",
    "#import \"/etc/passwd\"", "@nhan", "#", "# Tiêu đề", "1. mục", "- mục", "> trích",
    "| a | b |", ":::", "::: {custom-style=\"X\"}", "\\", "\\\\", "'", '"', "```", "~~~",
    "::: {=openxml}", "`<w:p/>`{=openxml}", "[x]{.smallcaps}", "^mũ^", "~dưới~", "\u00a0",
    "Nguyễn Văn A\u00a0B", "A" * 5000, "Ạ" * 5000, "Chấp hành tốt. " * 300,
    "Hoàng Minh Khôi", "Xã Hoàng Đồng, tỉnh Lạng Sơn", "Kỹ sư viễn thông, viên chức",
]


# ---- 1. the loader


@functools.cache
def _schema_keys() -> list[str]:
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                keys.update(props)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return sorted(keys)


_key = st.one_of(st.deferred(lambda: st.sampled_from(_schema_keys())),
                 st.lists(st.sampled_from([*VIETNAMESE, "_", " ", "-"]), min_size=1,
                          max_size=12).map("".join))
_leaf = st.one_of(text, st.sampled_from(HOSTILE[:-3]), st.none(), st.booleans())
tree = st.recursive(
    _leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_key, inner, max_size=5)),
    max_leaves=25,
)
document = st.dictionaries(_key, tree, min_size=1, max_size=6)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any, style: str | None, flow: bool | None, unicode: bool, width: int) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=unicode, default_style=style,
                     default_flow_style=flow, sort_keys=False, width=width)


_dump_args = st.tuples(st.sampled_from([None, None, "'", '"']),
                       st.sampled_from([False, None, True]), st.booleans(),
                       st.sampled_from([40, 80, 1000]))


def _assert_located(loaded: Loaded, text_: str) -> None:
    assert isinstance(loaded, Loaded)
    last_line = text_.count("\n") + text_.count("\r") + 2
    for f in loaded.findings:
        assert isinstance(f, Finding)
        assert 1 <= f.line <= last_line, f
        assert f.col >= 1, f
        assert f.code
        assert f.message.strip()
        assert f.severity in (Severity.ERROR, Severity.WARNING)


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


@settings(database=None, max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(document, _dump_args)
def test_a_dumped_tree_reads_back_exactly(data: dict[str, Any],
                                         args: tuple[str | None, bool | None, bool, int]) -> None:
    assert _depth(data) <= MAX_DEPTH
    dumped = _dump(data, *args)
    loaded = load_bytes(dumped.encode("utf-8"), "ho-so.yaml")
    _assert_located(loaded, dumped)
    assert loaded.findings == [], dumped
    assert loaded.data == data
    for path in loaded.positions:
        assert loaded.locate(path) == loaded.positions[path]


_YAML_BITS = ["\n", " ", "  ", "\t", ":", ": ", "- ", "? ", "[", "]", "{", "}", ",", "#", "&a ",
              "*a", "!x ", "!!str ", "'", '"', "\\", "|", ">", "---\n", "...\n", "~", "%", "@",
              "`", "\x00", "\u202e", "\ufeff", "e\u0302\u0301", "\r"]
_edit = st.tuples(st.floats(0, 1), st.integers(0, 12),
                  st.one_of(st.sampled_from(_YAML_BITS), text))


@settings(database=None, max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(document, _dump_args, st.lists(_edit, min_size=1, max_size=6))
def test_a_damaged_dump_only_gives_located_findings(
        data: dict[str, Any], args: tuple[str | None, bool | None, bool, int],
        edits: list[tuple[float, int, str]]) -> None:
    text_ = _dump(data, *args)
    for where, cut, insert in edits:  # cut some characters somewhere, put something in
        i = int(where * len(text_))
        text_ = text_[:i] + insert + text_[i + cut:]
    loaded = load_bytes(text_.encode("utf-8", "surrogatepass"), "ho-so.yaml")
    _assert_located(loaded, text_)
    if loaded.ok:
        assert isinstance(loaded.data, dict)


# ---- 2. the checker


@functools.cache
def _sample() -> dict[str, Any]:
    raw = (resources.files("hoso") / "data" / "mau-minh-hoa.yaml").read_bytes()
    loaded = load_bytes(raw, "mau-minh-hoa.yaml")
    assert loaded.ok, loaded.findings
    data: dict[str, Any] = loaded.data
    return data


@functools.cache
def _validator() -> SchemaValidator:
    return SchemaValidator.from_file(SCHEMA)


def _leaves(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _with(path: Path_, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(_sample())
    _set(data, path, value)
    return data


@functools.cache
def _slots() -> dict[str, list[Any]]:
    """The sample's leaves by the kind of value the schema takes there (found by trying)."""
    valid = _validator().is_valid
    free, dates, lists = [], [], []
    choices: dict[Path_, list[str]] = {}
    for path, value in _leaves(_sample()):
        if not path:
            continue
        if isinstance(value, list):
            lists.append(path)
        elif isinstance(value, str):
            if valid(_with(path, "Nội dung thử, có dấu.")):
                free.append(path)
            formats = [f for f in ("2020-05-17", "2020-05", "2020") if valid(_with(path, f))]
            if formats:
                dates.append((path, formats))
            node = _validator().chain(path)[-1] or {}
            enum = node.get("enum")
            if isinstance(enum, list) and len(enum) > 1:
                choices[path] = [e for e in enum if isinstance(e, str)]
    return {"free": free, "dates": dates, "lists": lists, "choices": list(choices.items())}


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.integers(0, 10 ** n - 1).map(lambda x: f"{x:0{n}d}")


def _date_of(formats: list[str]) -> st.SearchStrategy[str]:
    realistic = st.dates(date(1900, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    # the format the schema asks for, with any digits: month 00 or 13, day 31 in February …
    anything = st.tuples(_digits(4), _digits(2), _digits(2)).map("-".join)
    full = st.one_of(realistic, anything)
    return st.one_of([full.map(_cut(len(f))) for f in formats])


def _cut(n: int) -> Any:
    return lambda d: d[:n]


@st.composite
def mutated_dossier(draw: st.DrawFn) -> dict[str, Any]:
    slots = _slots()
    data = copy.deepcopy(_sample())
    value: Any
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["free", "free", "dates", "choices", "lists"]))
        if kind == "free":
            path = draw(st.sampled_from(slots["free"]))
            value = draw(st.one_of(text, st.sampled_from(HOSTILE)))
        elif kind == "dates":
            path, formats = draw(st.sampled_from(slots["dates"]))
            value = draw(_date_of(formats))
        elif kind == "choices":
            path, values = draw(st.sampled_from(slots["choices"]))
            value = draw(st.sampled_from(values))
        else:
            path = draw(st.sampled_from(slots["lists"]))
            rows = _get(_sample(), path)
            n = draw(st.integers(0, 2 * len(rows) + 3))
            value = [copy.deepcopy(rows[i % len(rows)]) for i in range(n)] if rows else []
        try:
            _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change made the path go away (a shorter list)
    return data


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


@settings(database=None, max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mutated_dossier())
def test_the_checker_never_raises_on_a_dossier_that_passes_the_schema(
        data: dict[str, Any]) -> None:
    assume(_validator().is_valid(data))
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    loaded = load_bytes(dumped.encode("utf-8"), "dossiers/ky-thuat/MAU-2026-001.yaml")
    assert loaded.data == data  # the dossier the checker sees is the one drawn
    checker = Checker(Repo(ROOT), CheckOptions(on_date=date(2026, 11, 27)))
    findings = checker.check_loaded(loaded)
    _assert_located(loaded, dumped)
    for f in findings:
        assert isinstance(f, Finding)
        assert f.file == "dossiers/ky-thuat/MAU-2026-001.yaml"
        assert f.line >= 1
        assert f.col >= 1
        assert f.message.strip()
        assert f.severity in (Severity.ERROR, Severity.WARNING)


def test_the_mutation_slots_cover_the_sample() -> None:
    slots = _slots()
    assert len(slots["free"]) >= 50
    assert len(slots["dates"]) >= 10
    assert len(slots["lists"]) >= 5
    assert any(path[-1] == "quan_he" for path, _ in slots["choices"])


# ---- 3. the renderer


_TEMPLATE = """\
Mục: «{{ x }}»

| Cột một | Cột hai |
|---------|---------|
| «{{ x }}» | «{{ x | upper }}» |

::: {custom-style="Ghi chú"}
{{ x }}
:::
"""
_BLOCKS = {"Para", "Plain", "Table", "Div"}
_TABLE_PARTS = {"AlignDefault", "ColWidthDefault", "ColWidth"}
_INLINES = {"Str", "Space"}


_BREAKS = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")


def _expected(value: str) -> str:
    """What the reader must see: NFC, each run of line-breaking whitespace as one space (a value
    never starts a block or ends a table row), no space at either end."""
    return _BREAKS.sub(" ", unicodedata.normalize("NFC", value)).strip()


def _texts(node: Any, out: list[str], kinds: set[str]) -> None:
    """The text of every paragraph or cell; the kind of every element met."""
    if isinstance(node, dict):
        kind = node.get("t")
        if isinstance(kind, str):
            kinds.add(kind)
        if kind in ("Para", "Plain"):
            parts = []
            for inline in node["c"]:
                kinds.add(inline["t"])
                parts.append(inline["c"] if inline["t"] == "Str" else " ")
            out.append("".join(parts))
            return
        for v in node.values():
            _texts(v, out, kinds)
    elif isinstance(node, list):
        for v in node:
            _texts(v, out, kinds)


@functools.cache
def _env() -> Any:
    from hoso.render.markdown import make_env

    return make_env(ROOT / "templates")


def _read(markdown: str) -> dict[str, Any]:
    from hoso.render.pandoc import READER, pandoc_path

    proc = subprocess.run([pandoc_path(), "--sandbox", "-f", READER, "-t", "json"],
                          input=markdown.encode("utf-8"), capture_output=True, check=True)
    doc: dict[str, Any] = json.loads(proc.stdout)
    return doc


@settings(database=None, max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(text, st.sampled_from(HOSTILE[:-3])), min_size=1, max_size=8))
def test_every_string_prints_literally(values: list[str]) -> None:
    template = _env().from_string(_TEMPLATE)
    markdown = "\n\n".join(template.render(x=v) for v in values)
    found: list[str] = []
    kinds: set[str] = set()
    _texts(_read(markdown)["blocks"], found, kinds)
    assert kinds <= _BLOCKS | _TABLE_PARTS | _INLINES, (kinds, markdown)
    wanted: list[str] = []
    for v in values:
        shown = _expected(v)
        upper = _expected(v.upper())
        wanted += [f"Mục: «{shown}»", "Cột một", "Cột hai", f"«{shown}»", f"«{upper}»"]
        if shown:  # alone on its line: an empty value makes no paragraph
            wanted.append(shown)
    assert found == wanted, markdown
