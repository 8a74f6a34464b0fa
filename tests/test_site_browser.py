"""The built guidance site in a real browser (Debian's chromium, headless).

The site is served on 127.0.0.1 from a thread; chromium is driven over the DevTools protocol on a
pipe (tests/browser/cdp.py, standard library only). Screenshots are written to
``$HOSO_TEST_OUTPUT/site`` when that variable is set, else to pytest's temporary folder; they are
test output, never committed.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import require_chromium, shots_folder
from browser.cdp import Browser, CDPError, Page
from browser.server import serve

from hoso import site
from hoso.form import Form
from hoso.repo import Repo

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

Built = tuple[Path, Form]
Served = tuple[str, list[tuple[str, int]]]
#: The text of the page's title, without the "¶" permalink.
H1 = "document.querySelector('h1').firstChild.textContent.trim()"


def _chromium() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shots_folder(tmp_path_factory, "site")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site of a copy of the repository (tests never write into the repository)."""
    base = tmp_path_factory.mktemp("site")
    repo = base / "kho"
    repo.mkdir()
    for name in ("schema", "templates", "docs"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, repo / name)
    for name in ("to-chuc.yaml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, repo / name)
    git_page = repo / "docs" / "quy-trinh-git.md"
    if not git_page.exists():  # written by another part of the project
        git_page.write_text("# Quy trình trên git\n", encoding="utf-8")
    (repo / "dossiers").mkdir()
    out = base / "out"
    site.build_site(Repo(repo), out)
    return out, site.load_schema(Repo(repo))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    exe = _chromium()
    with Browser.launch(tmp_path_factory.mktemp("chromium") / "profile", exe) as b:
        yield b


@pytest.fixture(scope="module")
def served(built_site: Built) -> Iterator[Served]:
    with serve(built_site[0]) as (base, seen):
        yield base, seen


def _item_url(doc: Form, key: str) -> str:
    group = next(g for g in site.item_groups(doc) if key in g.keys)
    return group.path.removesuffix(".md") + ".html"


def _assert_clean(page: Page, base: str) -> None:
    assert page.console_errors() == []
    outside = [u for u in page.requested_urls()
               if not u.startswith(base) and not u.startswith(("data:", "blob:", "about:"))]
    assert outside == [], "the site must not reach the network"


def test_home_page_opens_without_errors(browser: Browser, served: Served,
                                        shots: Path) -> None:
    base, seen = served
    page = browser.new_page()
    page.goto(base)
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.evaluate(H1) == "Hồ sơ kết nạp Đảng trong git"
    nav = page.evaluate("Array.from(document.querySelectorAll('.md-nav__link'))"
                        ".map(a => a.textContent.trim())")
    for title in ("Hướng dẫn khai từng mục", "Các lỗi thường gặp", "Mẫu minh họa", "Cài đặt"):
        assert title in nav
    page.screenshot(shots / "trang-chu.png")
    _assert_clean(page, base)
    assert all(status < 400 for _path, status in seen), seen


def test_item_page_opens_without_errors(browser: Browser, built_site: Built, served: Served,
                                        shots: Path) -> None:
    base, seen = served
    page = browser.new_page()
    page.goto(base + _item_url(built_site[1], "que_quan"))
    assert page.evaluate(H1) == "Mục (6) Quê quán"
    assert page.evaluate("document.title").startswith("(6) Quê quán")
    page.screenshot(shots / "muc-06-que-quan.png")
    _assert_clean(page, base)
    assert all(status < 400 for _path, status in seen), seen


def _search(page: Page, base: str, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into Material's search box, as a reader would, and read the results."""
    page.goto(base if base.endswith(".html") else base + "index.html")
    for _attempt in range(3):
        page.click("input.md-search__input")  # a real click
        page.wait_for("document.activeElement === document.querySelector('input.md-search__input')")
        page.evaluate("document.querySelector('input.md-search__input').select()")
        page.type_text(query)
        try:
            page.wait_for("document.querySelectorAll('.md-search-result__item').length > 0",
                          timeout=10)
            break
        except CDPError:  # the index was still loading: type the query again
            continue
    time.sleep(0.3)  # let the list settle after the last keystroke
    results = page.evaluate(
        "Array.from(document.querySelectorAll('.md-search-result__item > a'))"
        ".map(a => [a.getAttribute('href'), (a.querySelector('h1, h2') || a).textContent.trim()])")
    return [(str(href), str(title)) for href, title in results]


def test_vietnamese_search_finds_the_item_page(browser: Browser, built_site: Built,
                                               served: Served, shots: Path) -> None:
    base, _seen = served
    page = browser.new_page()
    results = _search(page, base, "quê quán")
    page.screenshot(shots / "tim-kiem-que-quan.png")
    target = base + _item_url(built_site[1], "que_quan")
    pages = [href.split("?")[0].split("#")[0] for href, _title in results]
    assert target in pages, results
    # The item's own page comes first, under its Vietnamese title.
    assert pages[0] == target, results
    assert "Quê quán" in results[0][1]
    _assert_clean(page, base)


def test_sample_and_rules_pages_open_without_errors(
        browser: Browser, served: Served, shots: Path) -> None:
    base, seen = served
    page = browser.new_page()
    page.goto(base + "mau-minh-hoa/index.html")
    links = page.evaluate("Array.from(document.querySelectorAll('a.md-button')).map(a => a.href)")
    assert {link.rsplit(".", 1)[-1] for link in links} >= {"yaml", "docx", "pdf"}
    status = page.evaluate(
        "Promise.all(Array.from(document.querySelectorAll('a.md-button'))"
        ".map(a => fetch(a.href, {method: 'HEAD'}).then(r => r.status)))")
    assert status == [200] * len(links)
    page.screenshot(shots / "mau-minh-hoa.png")
    _assert_clean(page, base)
    page = browser.new_page()
    page.goto(base + "loi-thuong-gap.html")
    page.screenshot(shots / "loi-thuong-gap.png")
    _assert_clean(page, base)
    assert all(code < 400 for _path, code in seen), seen


# ------------------------------------------------------------------ opened from disk (file://)


def _file_base(built_site: Built) -> str:
    return built_site[0].resolve().as_uri() + "/"


def _match_count(page: Page) -> int:
    """The number of matching pages Material reports above the results ("N kết quả …")."""
    text = str(page.evaluate("document.querySelector('.md-search-result__meta').textContent"))
    digits = "".join(ch for ch in text.split(maxsplit=1)[0] if ch.isdigit()) if text.split() else ""
    return int(digits) if digits else 0


def test_site_opened_from_disk_follows_links(browser: Browser, built_site: Built,
                                             shots: Path) -> None:
    """The CI artifact, unzipped and opened by double-click: links land on pages, not folders."""
    base = _file_base(built_site)
    page = browser.new_page()
    page.goto(base + "index.html")
    assert page.evaluate(H1) == "Hồ sơ kết nạp Đảng trong git"
    hrefs = page.evaluate("Array.from(document.querySelectorAll('.md-nav__link[href]'))"
                          ".map(a => a.href).filter(h => h.startsWith('file:'))")
    assert hrefs, "navigation links"
    assert all(h.split("#")[0].endswith(".html") for h in hrefs), hrefs
    # Follow a link as a reader would: a real click on the navigation entry "Cài đặt".
    page.evaluate("document.querySelector('.md-nav__link[href$=\"cai-dat.html\"]')"
                  ".setAttribute('data-test', 'cai-dat')")
    page.click("[data-test=cai-dat]")
    page.wait_for("location.href.endsWith('cai-dat.html')")
    page.wait_for("document.readyState === 'complete'")
    assert page.evaluate(H1) == "Cài đặt"
    page.goto(base + _item_url(built_site[1], "que_quan"))
    assert page.evaluate(H1) == "Mục (6) Quê quán"
    assert not page.evaluate("document.title.startsWith('Index of')")
    page.screenshot(shots / "tu-dia-muc-06.png")
    _assert_clean(page, base)


def test_search_works_from_disk(browser: Browser, built_site: Built, shots: Path) -> None:
    base = _file_base(built_site)
    page = browser.new_page()
    results = _search(page, base + "index.html", "quê quán")
    page.screenshot(shots / "tu-dia-tim-kiem.png")
    target = base + _item_url(built_site[1], "que_quan")
    pages = [href.split("?")[0].split("#")[0] for href, _title in results]
    assert pages[0] == target, results
    _assert_clean(page, base)


@pytest.mark.parametrize(("marked", "plain"), [("sáp nhập", "sap nhap"), ("Lạng Sơn", "lang son"),
                                               ("quê quán", "que quan"),
                                               ("đoàn viên", "doan vien")])
@pytest.mark.parametrize("where", ["http", "file"])
def test_search_without_diacritics_finds_the_same_pages(
        browser: Browser, built_site: Built, served: Served, shots: Path,
        marked: str, plain: str, where: str) -> None:
    base = served[0] if where == "http" else _file_base(built_site)
    page = browser.new_page()
    with_marks = _search(page, base, marked)
    count_marked = _match_count(page)
    without = _search(page, base, plain)
    count_plain = _match_count(page)
    page.screenshot(shots / f"tim-khong-dau-{plain.replace(' ', '-')}-{where}.png")
    assert with_marks
    assert without
    assert count_plain >= count_marked > 0
    # The best page for the query with marks is among the first for the query without them.
    first = with_marks[0][0].split("?")[0].split("#")[0]
    assert first in [href.split("?")[0].split("#")[0] for href, _title in without], \
        (with_marks, without)
    _assert_clean(page, base)


@pytest.mark.parametrize("where", ["http", "file"])
def test_code_is_drawn_in_the_bundled_monospace_font(browser: Browser, built_site: Built,
                                                     served: Served, shots: Path,
                                                     where: str) -> None:
    """Code examples keep their Vietnamese marks on any system: the site's own monospace font."""
    base = served[0] if where == "http" else _file_base(built_site)
    page = browser.new_page()
    page.goto(base + "mau-minh-hoa/index.html")
    page.evaluate("document.fonts.ready.then(() => true)")
    family = page.evaluate("getComputedStyle(document.querySelector('pre code')).fontFamily")
    assert str(family).replace('"', "").startswith("hoso-mono"), family
    loaded = page.wait_for(
        "Array.from(document.fonts).filter(f => f.family.replace(/\"/g, '') === 'hoso-mono'"
        " && f.status === 'loaded').length")
    assert loaded >= 1
    assert page.evaluate("document.fonts.check('16px hoso-mono', 'Số ổ ữ Đảng')")
    page.evaluate("document.querySelector('pre code').scrollIntoView()")
    page.screenshot(shots / f"phong-chu-ma-{where}.png")
    _assert_clean(page, base)
