"""The event-stream builder (hoso.load.fast) gives what the node builder gives, or steps aside.

Every YAML file of the repository and a corpus of awkward snippets are loaded twice, once as
``load_bytes`` does (events first) and once with the event builder switched off: the data, the
positions (in the same order), the key positions and the findings must be the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hoso.load import Loaded, load_bytes
from hoso.load import tree as tree_mod
from hoso.load.fast import build

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts and ".venv" not in p.parts
               and p.suffix in (".yaml", ".yml"))

SNIPPETS = {
    "plain": "a: 1\nb: [x, 'y', \"z\"]\nc:\n  - d: e\n    f: ~\n",
    "bools": "a: yes\nb: On\nc: FALSE\nd: yEs\ne: 'true'\nf: null\ng:\nh: Null\n",
    "quoted-empty-key": "'': a\nb: c\n",
    "null-key": "~: a\n",
    "empty-key": ": a\n",
    "duplicate": "a: 1\na: 2\n",
    "anchor": "a: &x 1\nb: *x\n",
    "anchor-map": "a: &x {b: 1}\nc: *x\n",
    "alias-key": "a: &k b\n*k : c\n",
    "tag": "a: !!str 1\nb: !custom x\n",
    "tag-map": "a: !!map {b: 1}\n",
    "non-specific": "a: ! 1\n",
    "explicit-key": "? a\n: b\n",
    "explicit-key-flow": "{? a: b}\n",
    "question-in-text": "a: Có không?\nb: '? x'\n",
    "complex-key": "[a, b]: c\n",
    "map-key": "{a: b}: c\n",
    "escaped-control": "a: \"x\\u0007y\"\n",
    "escaped-fine": "a: \"x\\ny\"\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "document-end": "a: 1\n...\n",
    "explicit-start": "---\na: 1\n",
    "root-list": "- a\n- b\n",
    "root-scalar": "just text\n",
    "root-null": "~\n",
    "empty": "",
    "comment-only": "# nothing\n",
    "syntax-error": "a: [1, 2\nb: 3\n",
    "bad-indent": "a:\n  b: 1\n c: 2\n",
    "deep": "a: " + "[" * 25 + "]" * 25 + "\n",
    "deep-ok": "a: " + "[" * 18 + "]" * 18 + "\n",
    "long-list": "a: [" + ", ".join(["x"] * 2001) + "]\n",
    "long-map": "".join(f"k{i}: v\n" for i in range(2001)),
    "multiline": "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
    "unicode": "ho_ten: NGUYỄN VĂN A\nnoi_o: Phường Tam Thanh, tỉnh Lạng Sơn\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "numbers": "a: 020099004517\nb: 1.5\nc: 2016-09\nd: 0x1F\n",
    "tab": "a:\tb\n",
}


def _both(raw: bytes, name: str, monkeypatch: pytest.MonkeyPatch,
          dossier: bool = True) -> tuple[Loaded, Loaded]:
    fast = load_bytes(raw, name, dossier=dossier)
    with monkeypatch.context() as m:
        m.setattr(tree_mod, "build_from_events", lambda *_a, **_k: None)
        careful = load_bytes(raw, name, dossier=dossier)
    return fast, careful


def _same(a: Loaded, b: Loaded) -> None:
    assert a.data == b.data
    assert list(a.positions.items()) == list(b.positions.items())
    assert list(a.key_positions.items()) == list(b.key_positions.items())
    assert a.findings == b.findings
    assert [f.path for f in a.findings] == [f.path for f in b.findings]
    assert a.text == b.text


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_loads_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(*_both(path.read_bytes(), path.name, monkeypatch))


@pytest.mark.parametrize("dossier", [True, False])
@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_awkward_yaml_loads_the_same(name: str, dossier: bool,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _same(*_both(SNIPPETS[name].encode("utf-8"), f"{name}.yaml", monkeypatch, dossier))


def test_a_clean_dossier_is_built_from_the_events() -> None:
    text = (ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml").read_text(encoding="utf-8")
    assert build(text) is not None


def test_a_clean_dossiers_positions_are_built_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml").read_bytes()
    calls: list[bool] = []

    def counted(text: str, explicit: object = None, *, positions: bool = True,
                texts: object = None) -> object:
        calls.append(positions)
        return build(text, explicit, positions=positions, texts=texts)  # type: ignore[arg-type]

    monkeypatch.setattr(tree_mod, "build_from_events", counted)
    loaded = load_bytes(raw, "a.yaml")
    assert calls == [False]  # the data only
    data, positions, keys = build(raw.decode("utf-8"))
    assert loaded.data == data
    assert list(loaded.positions.items()) == list(positions.items())
    assert list(loaded.key_positions.items()) == list(keys.items())
    assert loaded.locate(("gia_dinh", 0, "ho_ten")) == positions[("gia_dinh", 0, "ho_ten")]
    assert calls == [False, True]  # once, on the first question
    assert build(raw.decode("utf-8"), positions=False) == (data, {}, {})


@pytest.mark.parametrize("name", ["null-key", "duplicate", "anchor", "tag", "explicit-key",
                                  "escaped-control", "two-documents", "root-list", "empty",
                                  "syntax-error", "deep", "long-list", "long-map"])
def test_anything_to_report_is_left_to_the_node_builder(name: str) -> None:
    text = SNIPPETS[name]
    has_question = "?" in text
    explicit = (lambda i: tree_mod.explicit_key_at(text, i) is not None) if has_question else None
    assert build(text, explicit) is None


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_listed_texts_are_the_walks(path: Path) -> None:
    # the event builder lists the text values for the rules as it reads; the rules' index of them
    # must be the one a walk of the data gives
    from hoso.validate.rules.base import Texts

    loaded = load_bytes(path.read_bytes(), path.name)
    if loaded.texts is None or not isinstance(loaded.data, dict):
        assert loaded.texts is None
        return
    listed, walked = Texts.listed(*loaded.texts), Texts(loaded.data)
    assert (listed.values, listed.refs, listed.dates, listed.names) == \
        (walked.values, walked.refs, walked.dates, walked.names)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_the_listed_texts_of_awkward_yaml(name: str) -> None:
    from hoso.validate.rules.base import Texts

    loaded = load_bytes(SNIPPETS[name].encode("utf-8"), f"{name}.yaml")
    if loaded.texts is not None and isinstance(loaded.data, dict):
        listed, walked = Texts.listed(*loaded.texts), Texts(loaded.data)
        assert (listed.values, listed.refs) == (walked.values, walked.refs)
