"""Building the site: the generated pages written next to a copy of ``docs/``, then
``mkdocs build --strict`` with the repository's ``mkdocs.yml`` (its nav expanded to every item).
A repository without them (one holding only ``dossiers/``) uses the copies installed with hoso.

Everything is written into a work folder (a temporary one unless given), never into the
repository; the output folder is refused when mkdocs would wipe something that is not a site.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hoso.errors import UserError
from hoso.form import Form, load_form
from hoso.repo import Repo
from hoso.site.items import ItemGroup, ItemIndex, item_groups, item_page, items_index_page, nav_title
from hoso.site.mkdocs_ahead import Ahead
from hoso.site.page import (
    ITEMS_INDEX,
    SAMPLE_DIR,
    SAMPLE_NAME,
    SITE_CACHE,
    Page,
)
from hoso.site.rules import RuleDoc, load_rules, rules_page
from hoso.site.sample import default_sample, sample_data, sample_page
from hoso.util import hash_tree, write_atomic

if TYPE_CHECKING:
    from hoso.render.api import RenderReport


def load_schema(repo: Repo) -> Form:
    """The form of the repository's schema (read once per process)."""
    return load_form(repo.schema_path())


def generate_pages(form: Form, rules: Sequence[RuleDoc], sample_text: str,
                   sample: Mapping[str, Any], downloads: Mapping[str, str]) -> list[Page]:
    """Every generated page: the item guide's index and items, the rules, the sample."""
    groups = item_groups(form)
    index = ItemIndex(form, groups)
    rules_by_key = index.rules_by_key(rules)
    pages = [items_index_page(groups)]
    pages += [item_page(form, g, rules_by_key) for g in groups]
    pages.append(rules_page(rules, index, sample))
    pages.append(sample_page(form, sample_text, sample, downloads))
    return pages


def _expand_nav(nav: Any, item_nav: list[Any]) -> Any:
    """Replace the nav entry that points at the item guide's index with a section of all items."""
    if isinstance(nav, list):
        return [_expand_nav(entry, item_nav) for entry in nav]
    if isinstance(nav, Mapping):
        out = {}
        for title, target in nav.items():
            if target == ITEMS_INDEX:
                out[title] = [ITEMS_INDEX, *item_nav]
            else:
                out[title] = _expand_nav(target, item_nav)
        return out
    return nav


def site_config(repo: Repo, docs_dir: Path, out_dir: Path, item_nav: list[Any]) -> dict[str, Any]:
    path = repo.site_config
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy {repo.relative(path)} (cấu hình trang hướng dẫn).") \
            from None
    except yaml.YAMLError as exc:
        raise UserError(f"{repo.relative(path)} không đọc được (chỉ dùng YAML thường, không thẻ "
                        f"!!python): {exc}") from None
    if not isinstance(config, dict):
        raise UserError(f"{repo.relative(path)} phải là một bảng khóa: giá trị.")
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(out_dir)
    # the generated file lives in the work folder: the repository's own hooks keep their place
    hooks = config.get("hooks") or []
    if not isinstance(hooks, list):
        raise UserError(f"{repo.relative(path)}: “hooks” phải là một danh sách đường dẫn tệp.")
    config["hooks"] = [*(str(path.parent / str(h)) for h in hooks), str(HOOKS)]
    if "nav" in config:
        config["nav"] = _expand_nav(config["nav"], item_nav)
    return config


def _check_out_dir(repo: Repo, out_dir: Path) -> None:
    """mkdocs empties the output folder first: refuse the repository itself, its data, and any
    folder that holds something other than a site built before."""
    out = out_dir.resolve()
    protected = [repo.root.resolve(), repo.dossiers_dir.resolve(), repo.docs_dir.resolve(),
                 repo.schema_dir.resolve(), repo.templates_dir.resolve()]
    if any(out == p or out in p.parents for p in protected) or \
            any(p in out.parents for p in protected[1:]):
        raise UserError(f"Thư mục ra {out_dir} trùng với kho hoặc nằm trong dữ liệu của kho; hãy "
                        "chọn thư mục khác (mặc định build/site).")
    if out.is_dir() and any(p.name != SITE_CACHE for p in out.iterdir()) \
            and not (out / "sitemap.xml").exists() \
            and not (out / "search" / "search_index.json").exists():
        raise UserError(f"Thư mục ra {out_dir} đã có tệp khác và không phải một trang đã dựng; "
                        "mkdocs sẽ xóa hết nội dung của nó. Hãy chọn thư mục trống.")
    # created here, so a folder that cannot be made is hoso's clear error, not mkdocs' traceback
    out.mkdir(parents=True, exist_ok=True)


@dataclass
class SiteResult:
    out_dir: Path
    pages: int
    documents: list[str]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


SAMPLE_KINDS = ("docx", "pdf")
#: The generated pages with the fingerprint of what they were made from, in :data:`SITE_CACHE`.
PAGES_CACHE = "trang.json"
#: The hooks the generated mkdocs.yml adds to the repository's (:mod:`hoso.site.mkdocs_hooks`).
HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


class _SampleRender:
    """The sample's DOCX and PDF (a draft: the sample is not at the official-copy stage).

    Rendered once and then kept (:data:`SITE_CACHE`): a build that finds them up to date
    checks that here in a few milliseconds; the first build renders them in a process of its own
    while this one writes the pages and mkdocs builds, about a second of CPU that the site waits
    for no longer.
    """

    def __init__(self, sample: Path, repo: Repo, site_dir: Path) -> None:
        from hoso.render.api import RenderApart, render_paths
        from hoso.render.cache import CACHE_DIR, MANIFEST

        folder = site_dir / SITE_CACHE / "mau"
        folder.mkdir(parents=True, exist_ok=True)
        # a copy outside git, as the work folder's was: the footer reads "chưa commit" either way
        source = folder / f"{SAMPLE_NAME}.yaml"
        data = sample.read_bytes()
        if not source.is_file() or source.read_bytes() != data:
            source.write_bytes(data)
        out = folder / "in"
        options: dict[str, Any] = {"formats": SAMPLE_KINDS, "final": False, "jobs": 1,
                                   "use_cache": True}
        self.apart: RenderApart | None = None
        self.done: RenderReport | None = None
        if (out / CACHE_DIR / MANIFEST).is_file():  # rendered before: most likely up to date
            self.done = render_paths([source], repo, out, **options)
        else:
            # at a lower priority: the pages and mkdocs come first, the sample is awaited last
            self.apart = RenderApart([source], repo, out, nice=10, **options)

    def wait(self) -> None:
        if self.apart is not None:
            self.apart.wait()

    def result(self) -> dict[str, Path]:
        """kind → the rendered file; the renderer's problems as a :class:`UserError`."""
        report = self.done if self.apart is None else self.apart.report()
        assert report is not None
        problems = report.errors + [f"{f.file}:{f.line}:{f.col}: {f.message}"
                                    for f in report.findings]
        if report.failed or problems:
            raise UserError("Không in được bản DOCX, PDF của hồ sơ minh họa:\n"
                            + "\n".join(problems))
        found: dict[str, Path] = {}
        for path in report.outputs:
            kind = path.suffix.lower().lstrip(".")
            if kind in SAMPLE_KINDS:
                found.setdefault(kind, path)
        missing = [k.upper() for k in SAMPLE_KINDS if k not in found]
        if missing:
            raise UserError(f"Bộ in không tạo ra tệp {', '.join(missing)} cho hồ sơ minh họa.")
        return found


def _reserved_paths(pages: Sequence[Page], files: Mapping[str, str]) -> list[str]:
    """Every path the build writes into the docs folder; docs/ must not hold any of them."""
    sample_files = [f"{SAMPLE_DIR}/{SAMPLE_NAME}.{ext}" for ext in ("yaml", "docx", "pdf")]
    return [*(page.path for page in pages), *files, *sample_files]


def _copy_docs(repo: Repo, docs: Path, reserved: Sequence[str]) -> None:
    if docs.exists():
        shutil.rmtree(docs)
    if repo.docs_dir.is_dir():
        shutil.copytree(repo.docs_dir, docs, ignore=shutil.ignore_patterns(".*", "_sinh"))
    else:
        docs.mkdir(parents=True)
    clashes = [p for p in reserved if (docs / p).exists()]
    if clashes:
        raise UserError("Các tệp sau trong docs/ trùng tên với trang sinh tự động; hãy đổi tên: "
                        + ", ".join(f"docs/{p}" for p in clashes))


def build_site(repo: Repo, out_dir: Path, *, documents: bool = True, sample: Path | None = None,
               work_dir: Path | None = None,
               progress: Callable[[str], None] | None = None) -> SiteResult:
    """Generate the pages and build the site into ``out_dir``; return what was done.

    ``work_dir`` (default: a temporary folder, removed afterwards) receives the copy of ``docs/``,
    the generated pages and the generated ``mkdocs.yml``.

    What mkdocs only copies is made while it builds: the sample's DOCX and PDF (in a process of
    their own) and the web form's file (in this one, otherwise idle then); each has a stand-in
    for mkdocs' link check, replaced in the built site afterwards.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    say = progress or (lambda _msg: None)
    out_dir = Path(out_dir)
    _check_out_dir(repo, out_dir)
    (out_dir / SITE_CACHE).mkdir(exist_ok=True)  # the build's hooks keep what they make there
    sample = sample or default_sample()
    sample_text = sample.read_text(encoding="utf-8")
    data = sample_data(sample_text)
    if not isinstance(data, Mapping):
        raise UserError(f"Hồ sơ minh họa {sample} không phải một bảng khóa: giá trị.")

    with _work_folder(work_dir) as work:
        # mkdocs imports its modules while the pages are written (hoso.site.mkdocs_ahead)
        ahead = Ahead.take()
        rendering: _SampleRender | None = None
        try:
            form = load_schema(repo)
            groups = item_groups(form)
            downloads = {"yaml": f"{SAMPLE_NAME}.yaml"}
            if documents:
                say("Đang in bản DOCX, PDF của hồ sơ minh họa…")
                rendering = _SampleRender(sample, repo, out_dir)
                downloads.update((kind, f"{SAMPLE_NAME}.{kind}") for kind in SAMPLE_KINDS)

            t = time.perf_counter()
            made = _Generated(repo, form, sample_text, data, downloads,
                              out_dir / SITE_CACHE / PAGES_CACHE)
            timings["sinh-trang"] = time.perf_counter() - t
            docs = work / "docs"
            _copy_docs(repo, docs, _reserved_paths(made.pages, made.files))
            sample_copy = docs / SAMPLE_DIR / downloads["yaml"]
            sample_copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, sample_copy)
            for kind in SAMPLE_KINDS if documents else ():
                # a stand-in for mkdocs' link check; the rendered file replaces it below
                (sample_copy.parent / downloads[kind]).write_bytes(b"")
            config_path = _write_pages(repo, work, docs, out_dir, made.pages, made.files, groups)

            t = time.perf_counter()
            say("Đang dựng trang bằng mkdocs…")
            ahead.send(config_path)
            later = made.make_later()
            ahead.wait("mkdocs không dựng được trang hướng dẫn (chế độ --strict: mọi cảnh báo "
                       "là lỗi).")
            timings["mkdocs"] = time.perf_counter() - t
            made.finish(later, [docs, out_dir])

            if rendering is not None:
                t = time.perf_counter()
                _place_sample(rendering, downloads, [sample_copy.parent, out_dir / SAMPLE_DIR])
                timings["in"] = time.perf_counter() - t  # the wait after mkdocs
        finally:
            ahead.cancel()
            if rendering is not None:
                rendering.wait()  # before the work folder goes, whatever happened

    made_docs = [f"{SAMPLE_DIR}/{name}" for kind, name in downloads.items() if kind != "yaml"]
    return SiteResult(out_dir, len(made.pages), made_docs, time.perf_counter() - started,
                      timings)


class _Generated:
    """The generated pages and other files (the candidate's web form, path → text).

    Those of the last build when they were made from the same code, schema and sample (half a
    second of Python saved); else the pages are made now and the web form's file, which mkdocs
    only copies, by :meth:`make_later` while mkdocs builds (until then it is a stand-in). What
    was made is kept for the next build by :meth:`finish`.
    """

    def __init__(self, repo: Repo, form: Form, sample_text: str, data: Mapping[str, Any],
                 downloads: Mapping[str, str], cache_file: Path) -> None:
        import hashlib
        import json

        import hoso

        self.form = form
        self.cache_file = cache_file
        h = hashlib.sha256()
        h.update(f"hoso {hoso.__version__}\0PyYAML {yaml.__version__}\0".encode())
        hash_tree(h, Path(hoso.__file__).parent, "hoso")  # the pages' code, the rules, the model
        hash_tree(h, repo.schema_path(), "schema")
        h.update(json.dumps([sample_text, sorted(downloads.items())], ensure_ascii=False).encode())
        self.key = h.hexdigest()
        self.kept = False
        try:
            kept = json.loads(cache_file.read_text(encoding="utf-8"))
            if kept["khoa"] == self.key:
                self.pages = [Page(*page) for page in kept["trang"]]
                self.files: dict[str, str] = dict(kept["tep"])
                self.kept = True
                return
        except (OSError, ValueError, KeyError, TypeError):
            pass
        from hoso.webform import site_page

        self.pages = generate_pages(form, load_rules(), sample_text, data, downloads)
        # the candidate's web form (hoso form): its page, and the same file, from the schema alone
        self.pages.append(site_page.page())
        self.files = {site_page.FORM: ""}  # a stand-in until make_later

    def make_later(self) -> dict[str, str]:
        """The files whose stand-ins went into the build (none when they were kept)."""
        if self.kept:
            return {}
        from hoso.webform import site_page

        path, text = site_page.form_file(dict(self.form.schema))
        self.files[path] = text
        return {path: text}

    def finish(self, later: Mapping[str, str], folders: Sequence[Path]) -> None:
        """The files :meth:`make_later` made in place of their stand-ins in ``folders`` (the
        docs copy and the built site); then everything kept for the next build."""
        import json

        for path, text in later.items():
            for folder in folders:
                write_atomic(folder / path, text.encode("utf-8"))
        if self.kept:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.cache_file, json.dumps(
            {"khoa": self.key, "trang": [[p.path, p.title, p.text] for p in self.pages],
             "tep": self.files}, ensure_ascii=False).encode("utf-8"))
        self.kept = True


def _write_pages(repo: Repo, work: Path, docs: Path, out_dir: Path, pages: Sequence[Page],
                 files: Mapping[str, str], groups: Sequence[ItemGroup]) -> Path:
    """The generated pages and files in the docs copy, and the mkdocs.yml that builds them; its
    path."""
    texts = {**{page.path: page.text for page in pages}, **files}
    for path, text in texts.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    item_nav: list[Any] = [{nav_title(g): g.path} for g in groups]
    config_path = work / "mkdocs.yml"
    config = site_config(repo, docs, out_dir.resolve(), item_nav)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    config_path.write_text(yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    return config_path


def _place_sample(rendering: _SampleRender, downloads: Mapping[str, str],
                  folders: Sequence[Path]) -> None:
    """The rendered DOCX and PDF in place of their stand-ins (in the docs copy and the built
    site); when the render failed, the stand-ins are removed from the site and its error
    raised."""
    try:
        found = rendering.result()
    except UserError:
        for kind in SAMPLE_KINDS:
            (folders[-1] / downloads[kind]).unlink(missing_ok=True)
        raise
    for kind, path in found.items():
        for folder in folders:
            shutil.copyfile(path, folder / downloads[kind])


@contextlib.contextmanager
def _work_folder(path: Path | None) -> Iterator[Path]:
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="hoso-site-") as tmp:
        yield Path(tmp)
