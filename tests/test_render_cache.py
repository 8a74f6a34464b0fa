"""Incremental rendering (the cache) and provenance (commit and hash in the footer)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from gitrepo import git, init
from test_render_support import FIXTURE_REL, docx_part, make_kho

import hoso.load
from hoso.render import provenance as prov
from hoso.render import render_paths
from hoso.repo import Repo

pytestmark = pytest.mark.slow


@pytest.fixture
def kho(tmp_path: Path) -> Repo:
    repo = make_kho(tmp_path / "kho")
    src = repo.root / FIXTURE_REL
    twin = src.with_name("TT-2026-902.yaml")
    twin.write_text(src.read_text(encoding="utf-8").replace(
        "ma_ho_so: TT-2026-901", "ma_ho_so: TT-2026-902"), encoding="utf-8")
    return repo


def _render(repo: Repo, **kw: object):  # type: ignore[no-untyped-def]
    options = {"formats": ["docx"], "jobs": 1, **kw}
    report = render_paths([], repo, repo.root / "build", **options)  # type: ignore[arg-type]
    assert report.exit_code() == 0, (report.errors, report.findings)
    return report


def _status(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {Path(o.source).name: o.status for o in report.outcomes}


def test_unchanged_dossiers_are_skipped_without_loading_yaml(
        kho: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _render(kho)
    assert set(_status(first).values()) == {"rendered"}
    docx = Path(first.outcomes[0].outputs["docx"])
    before = docx.stat().st_mtime_ns

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the cache check must not load YAML")

    monkeypatch.setattr(hoso.load, "load_bytes", refuse)
    monkeypatch.setattr(hoso.load, "load_file", refuse)
    again = _render(kho)
    assert set(_status(again).values()) == {"skipped"}
    assert docx.stat().st_mtime_ns == before
    assert again.outputs == first.outputs


def test_a_change_renders_only_what_changed(kho: Repo) -> None:
    _render(kho)
    twin = kho.root / FIXTURE_REL.with_name("TT-2026-902.yaml")
    twin.write_text(twin.read_text(encoding="utf-8").replace("Phật giáo", "Không", 1),
                    encoding="utf-8")
    assert _status(_render(kho)) == {"TT-2026-901.yaml": "skipped", "TT-2026-902.yaml": "rendered"}
    # a template change renders everything again
    layout = kho.templates_dir / "2-knd" / "dac-diem-lich-su.md.j2"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert set(_status(_render(kho)).values()) == {"rendered"}
    # so does --khong-cache
    assert set(_status(_render(kho, use_cache=False)).values()) == {"rendered"}


def test_a_missing_output_or_a_new_format_is_rendered_alone(kho: Repo) -> None:
    first = _render(kho)
    Path(first.outcomes[0].outputs["docx"]).unlink()
    again = _render(kho)
    assert [o.status for o in again.outcomes] == ["rendered", "skipped"]
    both = _render(kho, formats=["docx", "pdf"])
    assert [o.formats for o in both.outcomes] == [("pdf",), ("pdf",)]
    assert all(set(o.outputs) == {"docx", "pdf"} for o in both.outcomes)
    assert set(_status(_render(kho, formats=["docx", "pdf"])).values()) == {"skipped"}
    # a final document is another document
    final = _render(kho, final=True, on_date=date(2026, 3, 15))
    assert set(_status(final).values()) == {"rendered"}
    assert set(_status(_render(kho, final=True, on_date=date(2026, 3, 15))).values()) == {"skipped"}


def test_shards_split_the_dossiers(kho: Repo) -> None:
    one = _render(kho, shard=(1, 2))
    two = _render(kho, shard=(2, 2))
    assert len(one.outcomes) == len(two.outcomes) == 1
    assert one.outcomes[0].source != two.outcomes[0].source


def test_two_dossiers_with_one_code_both_fail(kho: Repo) -> None:
    twin = kho.root / FIXTURE_REL.with_name("TT-2026-902.yaml")
    twin.write_text(twin.read_text(encoding="utf-8").replace(
        "ma_ho_so: TT-2026-902", "ma_ho_so: TT-2026-901"), encoding="utf-8")
    report = render_paths([], kho, kho.root / "build", formats=["docx"], jobs=1)
    assert report.exit_code() == 1
    assert [f.code for f in report.findings] == ["trung-ma-ho-so", "trung-ma-ho-so"]


def _footer(report) -> str:  # type: ignore[no-untyped-def]

    path = Path(report.outcomes[0].outputs["docx"])
    return re.sub(r"<[^>]+>", "", docx_part(path, "word/footer1.xml")).strip()


def test_footer_carries_commit_and_hash(kho: Repo, git_env: dict[str, str]) -> None:
    src = kho.root / FIXTURE_REL
    bam = prov.content_hash(src.read_bytes())[:8]
    outside = _render(kho)
    assert _footer(outside).endswith(f"· chưa commit · {bam}")

    init(kho.root, "Hồ sơ mẫu")
    short = git(kho.root, "log", "-1", "--format=%h", "--", str(FIXTURE_REL)).strip()
    assert prov.commits([src])[src.resolve()] == short
    committed = _render(kho)
    assert [o.status for o in committed.outcomes] == ["rendered", "rendered"]
    assert _footer(committed).endswith(f"· commit {short} · {bam}")

    src.write_text(src.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
    assert prov.commits([src])[src.resolve()] == prov.NOT_COMMITTED
    dirty = _render(kho)
    assert "· chưa commit · " in _footer(dirty)
    # a later commit of another file does not change this file's commit
    (kho.root / "ghi-chu.txt").write_text("x", encoding="utf-8")
    git(kho.root, "add", "ghi-chu.txt")
    git(kho.root, "commit", "-q", "-m", "Ghi chú")
    twin = kho.root / FIXTURE_REL.with_name("TT-2026-902.yaml")
    assert prov.commits([twin])[twin.resolve()] == short


def test_commits_outside_git(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("x", encoding="utf-8")
    assert prov.commits([f]) == {f.resolve(): prov.NOT_COMMITTED}
    assert prov.footer_commit("abc1234") == "commit abc1234"
    assert prov.footer_commit(prov.NOT_COMMITTED) == "chưa commit"
