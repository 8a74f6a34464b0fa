"""The candidate's web form (``hoso form``) in a real browser, opened from disk (file://).

Chromium is driven over the DevTools protocol on a pipe (tests/browser/cdp.py). The page is
filled through its own controls — text typed into fields, options chosen, rows added with the
table's buttons, the branch of an item chosen with its radio buttons — saved with its "Lưu tệp
YAML" button into a download folder, and the file is checked by the real ``hoso check``.
Screenshots go to ``$HOSO_TEST_OUTPUT/webform`` when that variable is set, else to pytest's
temporary folder; they are test output, never committed.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import require_chromium, shots_folder
from browser.cdp import Browser, Page

from hoso import new, webform
from hoso.cli import main as cli_main
from hoso.form import Form
from hoso.form.schema import read_schema
from hoso.load import load_file
from hoso.validate.schema import SchemaValidator
from hoso.webform import layout
from hoso.webform.spec import Spec
from hoso.webform.wording import for_page

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "2-knd-2025.schema.json"
EXAMPLES = sorted((ROOT / "dossiers").glob("*/*.yaml"))
ON = "2026-11-27"  # the examples are written as of this day (README)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Fills the page through its controls from a dossier's data: what a person does by hand.
FILL_JS = r"""
async (data, groups) => {
  const q = (sel, root = document) => root.querySelector(sel);
  const qa = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const esc = (p) => CSS.escape(p);
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const type = (el, text) => {
    el.value = text;
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
  };
  const open = (path) => qa(`fieldset.k-choice[data-path="${esc(path)}"]`)
    .filter((f) => !q(":scope > .cac-lua-chon input:checked", f));
  async function choose(path, value) {
    for (let f = open(path)[0]; f; f = open(path)[0]) {
      const radios = qa(":scope > .cac-lua-chon label", f);
      const khong = radios.find((l) => l.textContent.trim() === "Không");
      if (value === "Không" && khong) { q("input", khong).click(); await tick(); continue; }
      let done = false;
      for (const label of radios.filter((l) => l !== khong)) {
        q("input", label).click();
        await tick();
        const keys = value && typeof value === "object" ? Object.keys(value) : [];
        const nested = qa(`fieldset.k-choice[data-path="${esc(path)}"]`, f).length > 0;
        if (nested || (keys.length && keys.every((k) => q(`[data-path="${esc(path + "/" + k)}"]`)))) {
          done = true;
          break;
        }
      }
      if (!done) throw new Error("no branch fits " + path);
    }
  }
  async function fill(path, value) {
    await choose(path, value);
    const arr = q(`fieldset.k-array[data-path="${esc(path)}"]`);
    if (arr && Array.isArray(value) && q(":scope > section.nhom-gd", arr)) {
      // the relatives of (21): each added with the button of their group, in the file's order
      const rows = () => qa(":scope > section.nhom-gd > ol > li", arr);
      while (rows().length) { q(".nut-dong[data-verb='Xóa']", rows().at(-1)).click(); await tick(); }
      for (let i = 0; i < value.length; i++) {
        q(`:scope > section.nhom-gd[data-nhom="${groups[value[i].quan_he]}"] > button.them`, arr).click();
        await tick();
        await fill(`${path}/${i}`, value[i]);
      }
      return;
    }
    if (arr && Array.isArray(value)) {
      const rows = () => qa(":scope > ol > li", arr);
      while (rows().length > value.length) {
        q(".nut-dong[data-verb='Xóa']", rows().at(-1)).click();
        await tick();
      }
      while (rows().length < value.length) { q(":scope > button.them", arr).click(); await tick(); }
      for (let i = 0; i < value.length; i++) await fill(`${path}/${i}`, value[i]);
      return;
    }
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) await fill(`${path}/${k}`, v);
      return;
    }
    const field = q(`.truong[data-path="${esc(path)}"]`);
    if (!field) {
      if (value === "Không" && q(`fieldset.k-choice[data-path="${esc(path)}"]`)) return;
      throw new Error("no field for " + path);
    }
    const date = q(".ngay", field);
    if (date) {
      const shape = value === "nay" ? "nay" : /^\d{4}-\d{2}-\d{2}$/.test(value) ? "ngay"
        : /^\d{4}-\d{2}$/.test(value) ? "thang" : /^\d{4}$/.test(value) ? "nam" : "khac";
      const select = q("select", date);
      if (select) type(select, shape);
      await tick();
      const [y, m, d] = String(value).split("-");
      for (const [cls, part] of [["p-y", y], ["p-m", m], ["p-d", d]]) {
        const inp = q("input." + cls, date);
        if (inp && part) type(inp, part);
      }
      if (shape === "khac") type(q("input.p-raw", date), value);
      return;
    }
    const select = q("select", field);
    if (select) {
      const opt = qa("option", select).find((o) => o.dataset.value === JSON.stringify(value));
      if (!opt) throw new Error(`no choice ${value} at ${path}`);
      type(select, opt.value);
      return;
    }
    const input = q("input, textarea", field);
    if (input) type(input, String(value));
  }
  for (const [k, v] of Object.entries(data)) await fill("/" + k, v);
  return true;
}
"""


def _chromium() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shots_folder(tmp_path_factory, "webform")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page as ``hoso form`` writes it."""
    out = tmp_path_factory.mktemp("trang")
    assert cli_main(["form", "--kho", str(ROOT), "--out", str(out)]) == 0
    return out / webform.FILE_NAME


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tai-ve")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Browser]:
    exe = _chromium()
    with Browser.launch(tmp_path_factory.mktemp("chromium") / "profile", exe) as b:
        b.allow_downloads(downloads)
        yield b


@pytest.fixture
def tabs(browser: Browser) -> Iterator[list[Page]]:
    """The tabs a test opens, closed after it."""
    opened: list[Page] = []
    yield opened
    for page in opened:
        page.close()


def _fresh(browser: Browser, page_file: Path, width: int = 1280, tabs: list[Page] | None = None) -> Page:
    """The page opened from disk with an empty draft store."""
    page = browser.new_page()
    if tabs is not None:
        tabs.append(page)
    page.send("Page.bringToFront")  # focus and blur events fire in the front tab only
    page.set_viewport(width, 900, mobile=width < 500)
    page.goto(page_file.as_uri())
    page.evaluate("localStorage.clear()")
    page.goto(page_file.as_uri())
    page.wait_for("document.documentElement.classList.contains('san-sang')")
    return page


def _assert_offline(page: Page, page_file: Path) -> None:
    """Nothing requested but the page itself (and data:/blob: URLs it makes); no script errors."""
    urls = page.requested_urls()
    assert urls, "the network log is empty: Network.enable did not take"
    outside = [u for u in urls if u != page_file.as_uri() and not u.startswith(("data:", "blob:"))]
    assert outside == [], outside
    assert page.console_errors() == []


def _save(page: Page, downloads: Path, name: str) -> Path:
    """Press "Lưu tệp YAML" and wait until Chromium reports the download completed."""
    target = downloads / name
    target.unlink(missing_ok=True)
    start = len(page.browser.events)
    page.click("#luu")
    page.browser.wait_event(
        lambda ev: ev.get("method") == "Browser.downloadProgress"
        and ev["params"].get("state") in ("completed", "canceled"),
        timeout=30,
        start=start,
    )
    assert target.exists(), f"no download {target}"
    return target


def _repo_with(tmp_path: Path, saved: Path, data: dict[str, Any]) -> Path:
    """A dossier repository holding the saved file where ``hoso check`` expects it."""
    repo = tmp_path / "kho"
    (repo / "dossiers" / data["chi_bo"]).mkdir(parents=True)
    shutil.copy2(ROOT / "to-chuc.yaml", repo / "to-chuc.yaml")
    shutil.copytree(ROOT / "schema", repo / "schema")
    for photo in ("anh",):
        if isinstance(data.get(photo), str) and (ROOT / data[photo]).exists():
            (repo / data[photo]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / data[photo], repo / data[photo])
    target = repo / "dossiers" / data["chi_bo"] / f"{data['ma_ho_so']}.yaml"
    shutil.copy2(saved, target)
    return target


# ------------------------------------------------------------------ the Done-when tests


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_dossier_filled_through_the_page_passes_hoso_check(
    tabs: list[Page],
    browser: Browser,
    page_file: Path,
    downloads: Path,
    tmp_path: Path,
    example: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    page = _fresh(browser, page_file, tabs=tabs)
    groups = json.dumps(Form(read_schema(SCHEMA)).relation_groups)
    page.evaluate(f"({FILL_JS})({json.dumps(data, ensure_ascii=False)}, {groups})", timeout=120)
    saved = _save(page, downloads, f"{data['ma_ho_so']}.yaml")
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == data
    target = _repo_with(tmp_path, saved, data)
    capsys.readouterr()
    code = cli_main(["check", "--kho", str(target.parents[2]), "--ngay", ON, str(target)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "không có lỗi nào" in out
    # the page agrees: nothing left to correct
    assert (
        page.evaluate("document.getElementById('so-loi').textContent") == "Các mục đã khai đúng theo lược đồ."
    )
    _assert_offline(page, page_file)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_an_opened_example_is_saved_with_the_same_data_in_hoso_new_layout(
    tabs: list[Page], browser: Browser, page_file: Path, downloads: Path, example: Path
) -> None:
    text = example.read_text(encoding="utf-8")
    page = _fresh(browser, page_file, tabs=tabs)
    assert _open(page, example) == f"Đã mở tệp {example.name}."
    data = yaml.safe_load(text)
    saved = _save(page, downloads, f"{data['ma_ho_so']}.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(saved) == data
    # the very text hoso new / hoso import write for these data
    assert saved == layout.write(read_schema(SCHEMA), data)
    _assert_offline(page, page_file)


def _open(page: Page, path: Path) -> str:
    """Choose ``path`` in the page's "Mở tệp hồ sơ (YAML)" and return the status line."""
    page.evaluate("document.getElementById('trang-thai').textContent = ''")
    page.send("DOM.enable")
    doc = page.send("DOM.getDocument")["root"]["nodeId"]
    node = page.send("DOM.querySelector", {"nodeId": doc, "selector": "#mo-tep"})["nodeId"]
    page.send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(path)]})
    return str(page.wait_for("document.getElementById('trang-thai').textContent"))


def test_bad_files_are_refused_in_vietnamese_and_unknown_keys_kept(
    tabs: list[Page], browser: Browser, page_file: Path, downloads: Path, tmp_path: Path
) -> None:
    page = _fresh(browser, page_file, tabs=tabs)
    page.evaluate("""(() => {
      const box = document.querySelector('.truong[data-path="/ho_ten_khai_sinh"] textarea');
      box.value = 'ĐANG KHAI'; box.dispatchEvent(new Event('input', {bubbles: true}));
    })()""")
    before = page.evaluate("window.hosoForm.collect()")
    cases = {
        "hong.yaml": "ma_ho_so: [KT\n  chi_bo: x\n",
        "danh-sach.yaml": "- a\n- b\n",
        "rong.yaml": "",
        "nhi-phan.yaml": "\x00\x01\x02",
    }
    for name, text in cases.items():
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        status = _open(page, bad)
        assert status.startswith(f"Không đọc được tệp {name}"), status
        assert "Dữ liệu đang khai không bị thay đổi" in status
        assert page.evaluate("window.hosoForm.collect()") == before
    # keys the form does not know are kept, and named at their block in the checker's words
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["ghi_chu_rieng"] = "giữ lại"
    data["trinh_do"]["ghi_them"] = "cũng giữ"
    odd = tmp_path / f"{data['ma_ho_so']}.yaml"
    odd.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _open(page, odd) == f"Đã mở tệp {odd.name}."
    saved = _save(page, downloads, odd.name).read_text(encoding="utf-8")
    assert yaml.safe_load(saved) == data
    found = page.evaluate("window.hosoForm.findings()")
    assert {
        "path": "/trinh_do",
        "text": "Tệp đã mở có mục “ghi_them” không có trong Mẫu 2-KNĐ trong Mục (11) Trình độ hiện nay.",
    } in found
    _assert_offline(page, page_file)


def _for_page(message: str, path: tuple[str | int, ...]) -> str:
    """The checker's message as the page words it (webform/wording.py)."""
    spec = Spec(read_schema(SCHEMA))
    return for_page(message, *spec.names_near(spec.node_at(path) or {}, path))


def test_the_checkers_guess_for_a_value_or_key_of_an_opened_file(
    tabs: list[Page], browser: Browser, page_file: Path, tmp_path: Path
) -> None:
    """A relationship outside the closed list and a key the form does not know, typed in a file:
    the page guesses as ``hoso check`` does ("Có phải ý bạn là …?"), naming the choice or the
    field as the page shows it."""
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["gia_dinh"][0]["quan_he"] = "ong_nooi"
    data["gia_dinh"][1]["quan_he"] = "xyz"  # nothing close: no guess
    data["trinh_do"]["tin_hocc"] = data["trinh_do"].pop("tin_hoc")
    data["trinh_do"]["zzz"] = "x"
    data["noi_cu_tru"]["tam_tru"] = "Khôngg"  # “Không” or an address: a text close to “Không”
    odd = tmp_path / f"{data['ma_ho_so']}.yaml"
    odd.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = _fresh(browser, page_file, tabs=tabs)
    assert _open(page, odd) == f"Đã mở tệp {odd.name}."
    found = {(f["path"], f["text"]) for f in page.evaluate("window.hosoForm.findings()")}
    checker = SchemaValidator(read_schema(SCHEMA)).validate(load_file(odd))
    # an unknown key is named at its block, a value outside the list at its field
    at = {f: f.path[:-1] if f.code == "khoa-la" else f.path for f in checker}
    wanted = {
        ("/" + "/".join(map(str, at[f])), _for_page(f.message, at[f]))
        for f in checker
        if f.code in ("khoa-la", "gia-tri-khong-hop-le")
    }
    assert len(wanted) == 5  # two relationships, two unknown keys, the temporary address
    assert wanted <= found
    texts = "\n".join(t for _p, t in found)
    assert "“ong_nooi” không được phép" in texts
    assert "Có phải ý bạn là “Ông nội”?" in texts
    assert "Có phải ý bạn là “Tin học”?" in texts
    assert "chỉ nhận “Không”. Có phải ý bạn là “Không”?" in texts
    assert texts.count("Có phải ý bạn là") == 3  # "xyz" and "zzz" are close to nothing
    _assert_offline(page, page_file)


def test_the_guess_matches_pythons_difflib(tabs: list[Page], browser: Browser, page_file: Path) -> None:
    import difflib

    rng = random.Random(21)
    codes = [*Form(read_schema(SCHEMA)).relations, "nam", "nữ", "Đảng viên", "a", ""]
    alphabet = "aeinoóuơưđ_ĐKNtrgh ạ😀"
    words = [*codes] + [c[: rng.randint(0, len(c))] + rng.choice(alphabet) for c in codes]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    words += ["".join(rng.choice("ab_") for _ in range(rng.randint(200, 320))) for _ in range(5)]
    long = ["".join(rng.choice("ab_") for _ in range(rng.randint(190, 260))) for _ in range(5)]
    # long words (difflib's "autojunk" from 200 characters) a few letters away from the long ones
    words += [w[: rng.randint(150, 200)] + "ba" + w[210:] for w in long]
    page = _fresh(browser, page_file, tabs=tabs)
    hits = 0
    for cutoff, pool in ((0.5, codes), (0.6, codes), (0.5, long), (0.9, long)):
        call = f"window.hosoForm.closeMatch(w, {json.dumps(pool)}, {cutoff})"
        got = page.evaluate(f"{json.dumps(words)}.map(w => {call})", timeout=60)
        wanted = [(difflib.get_close_matches(w, pool, n=1, cutoff=cutoff) or [None])[0] for w in words]
        assert got == wanted
        hits += sum(g is not None for g in got)
    assert hits > 150


def test_a_schema_error_appears_at_its_field_with_the_checkers_message(
    tabs: list[Page], browser: Browser, page_file: Path, tmp_path: Path
) -> None:
    page = _fresh(browser, page_file, tabs=tabs)
    page.evaluate("""(() => {
      const box = document.querySelector('.truong[data-path="/so_can_cuoc"] input');
      box.focus(); box.value = '12345'; box.dispatchEvent(new Event('input', {bubbles: true}));
      box.blur();
    })()""")
    field = '.truong[data-path="/so_can_cuoc"]'
    shown = page.wait_for(f"document.querySelector('{field} .loi:not([hidden])')?.textContent")
    assert page.evaluate(f"document.querySelector('{field} input').getAttribute('aria-invalid')") == "true"
    # the message hoso check writes for the same value, less the label the field shows already
    saved = page.evaluate("window.hosoForm.toYaml(window.hosoForm.collect())")
    file = tmp_path / "x.yaml"
    file.write_text(saved, encoding="utf-8")
    findings = SchemaValidator(read_schema(SCHEMA)).validate(load_file(file))
    wanted = next(f.message for f in findings if f.path == ("so_can_cuoc",))
    assert wanted == (
        "Mục (3) Số căn cước: giá trị “12345” không đúng dạng. Ghi số căn cước gồm "
        'đúng 12 chữ số trong ngoặc kép, ví dụ "020099004517".'
    )
    # in the page's words: no quotes to type in a form field
    assert shown == (
        "giá trị “12345” không đúng dạng. Ghi số căn cước gồm đúng 12 chữ số, ví dụ “020099004517”."
    )
    assert shown == _for_page(wanted, ("so_can_cuoc",)).removeprefix("Mục (3) Số căn cước: ")
    # the error summary lists every schema finding of the blank form, in the checker's words
    page.click("#kiem-tra")
    listed = page.evaluate("Array.from(document.querySelectorAll('#tom-tat-loi a')).map(a => a.textContent)")
    assert sorted(listed) == sorted({_for_page(f.message, f.path) for f in findings})
    assert page.evaluate("document.activeElement.closest('#tom-tat-loi') !== null")
    _assert_offline(page, page_file)


def test_the_page_opened_from_disk_requests_nothing(
    tabs: list[Page], browser: Browser, page_file: Path, shots: Path
) -> None:
    page = _fresh(browser, page_file, tabs=tabs)
    # use it: open a dossier, open the committee's part, check, print view
    example = yaml.safe_load(EXAMPLES[-1].read_text(encoding="utf-8"))
    page.evaluate(f"window.hosoForm.build({json.dumps(example, ensure_ascii=False)})")
    page.evaluate("document.querySelector('details.phan-cap-uy').open = true")
    page.click("#kiem-tra")
    page.send("Emulation.setEmulatedMedia", {"media": "print"})
    page.screenshot(shots / "in.png")
    page.send("Emulation.setEmulatedMedia", {"media": ""})
    csp = page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    assert "connect-src 'none'" in csp
    assert "default-src 'none'" in csp
    # even a script that tries is stopped by the page's policy
    blocked = page.evaluate("fetch('https://example.invalid/x').then(() => 'sent', () => 'blocked')")
    assert blocked == "blocked"
    urls = page.requested_urls()
    assert [u for u in urls if u.startswith("http")] == []
    assert [u for u in urls if u != page_file.as_uri() and not u.startswith(("data:", "blob:"))] == []


def test_draft_is_kept_in_this_browser_and_cleared_on_request(
    tabs: list[Page], browser: Browser, page_file: Path
) -> None:
    page = _fresh(browser, page_file, tabs=tabs)
    page.evaluate("""(() => {
      const box = document.querySelector('.truong[data-path="/ho_ten_khai_sinh"] textarea');
      box.value = 'TRẦN THỊ NHÁP'; box.dispatchEvent(new Event('input', {bubbles: true}));
    })()""")
    page.wait_for("(localStorage.getItem('hoso-form-ban-nhap') || '').includes('TRẦN THỊ NHÁP')")
    page.goto(page_file.as_uri())
    page.wait_for("document.documentElement.classList.contains('san-sang')")
    assert (
        page.evaluate("document.querySelector('.truong[data-path=\"/ho_ten_khai_sinh\"] textarea').value")
        == "TRẦN THỊ NHÁP"
    )
    assert "bản nháp" in page.evaluate("document.getElementById('trang-thai').textContent")
    page.click("#xoa")
    assert page.evaluate("document.getElementById('hoi-xoa').open") is True
    page.click("#xoa-that")
    page.wait_for("document.getElementById('trang-thai').textContent.includes('Đã xóa')")
    assert (
        page.evaluate("document.querySelector('.truong[data-path=\"/ho_ten_khai_sinh\"] textarea').value")
        == ""
    )
    time.sleep(0.5)  # the autosave after the reset must not bring anything back
    draft = page.evaluate("localStorage.getItem('hoso-form-ban-nhap') || ''")
    assert "NHÁP" not in draft


def test_rows_are_added_moved_and_removed_with_the_keyboard(
    tabs: list[Page], browser: Browser, page_file: Path
) -> None:
    page = _fresh(browser, page_file, tabs=tabs)
    table = 'fieldset.k-array[data-path="/khen_thuong"]'
    page.evaluate(f"document.querySelector('{table} > button.them').focus()")
    for month in ("03", "11"):
        page.evaluate(f"document.querySelector('{table} > button.them').focus()")
        page.press("Enter")
        # focus lands in the new row's first field (the month of (19)'s date): type there
        assert page.evaluate("document.activeElement.closest('li.hang') !== null")
        page.type_text(month)
    rows = f"Array.from(document.querySelectorAll('{table} > ol > li'))"
    first = f"{rows}.map(li => li.querySelector('input.p-m').value)"
    assert page.evaluate(first) == ["03", "11"]
    page.evaluate(f"{rows}[1].querySelector(\"[data-verb='Chuyển lên']\").focus()")
    page.press("Enter")
    assert page.evaluate(first) == ["11", "03"]
    page.evaluate(f"{rows}[0].querySelector(\"[data-verb='Xóa']\").focus()")
    page.press(" ")
    assert page.evaluate(first) == ["03"]
    # Tab walks from the name field to the next control without a mouse
    page.evaluate("document.querySelector('.truong[data-path=\"/ho_ten_khai_sinh\"] textarea').focus()")
    page.press("Tab")
    assert page.evaluate("document.activeElement.closest('.truong')?.dataset.path") == "/ho_ten_thuong_dung"


def test_relatives_are_shown_under_the_groups_of_item_21(
    tabs: list[Page], browser: Browser, page_file: Path, downloads: Path
) -> None:
    """(21) as the booklet groups it: each relative under the heading of the form model's group;
    a changed relationship moves the person; each group adds its own; the file keeps its order."""
    form = Form(read_schema(SCHEMA))
    example = next(p for p in EXAMPLES if p.stem == "KD-2026-002")
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    page = _fresh(browser, page_file, tabs=tabs)
    assert _open(page, example) == f"Đã mở tệp {example.name}."
    shown = page.evaluate("""Array.from(document.querySelectorAll(
        'fieldset[data-path="/gia_dinh"] > section.nhom-gd:not([hidden])')).map(s => [
          s.querySelector('h3').textContent,
          Array.from(s.querySelectorAll(':scope > ol > li .ten-dong')).map(c => c.textContent)])""")
    people = list(enumerate(data["gia_dinh"]))
    wanted = [
        [
            group.title,
            [
                f"Người thứ {i + 1} ({form.relations[p['quan_he']]})"
                for i, p in people
                if form.relation_groups[p["quan_he"]] == group.number
            ],
        ]
        for group in form.family_groups(data["gia_dinh"])
    ]
    assert shown == wanted
    assert [len(people) for _t, people in shown] == [8, 5, 3]
    # the relationship of the first person changed: the row moves to group 2, keeps its number
    # and the focus; the data keep their order
    page.evaluate("""(() => {
      const sel = document.querySelector('[data-path="/gia_dinh/0/quan_he"] select');
      sel.focus();
      sel.value = Array.from(sel.options).find(o => o.dataset.value === '"cha_de"').value;
      sel.dispatchEvent(new Event('change', {bubbles: true}));
    })()""")
    group_of = """(p) => document.querySelector(`[data-path="${p}"]`)
        .closest('section.nhom-gd').dataset.nhom"""
    focused = "document.activeElement.closest('[data-path]').dataset.path"
    assert page.evaluate(f"({group_of})('/gia_dinh/0')") == "2"
    assert page.evaluate(focused) == "/gia_dinh/0/quan_he"
    assert page.evaluate("window.hosoForm.collect().gia_dinh[0].quan_he") == "cha_de"
    # its choices now start with its new group's relationships
    assert page.evaluate(
        "document.querySelector('[data-path=\"/gia_dinh/0/quan_he\"] select optgroup').label"
    ) == form.family_groups([])[1].title
    # a relative added in group 3 joins the end of the list, shown in group 3, its group's
    # relationships offered first; keyboard only
    page.evaluate("document.querySelector('section.nhom-gd[data-nhom=\"3\"] > button.them').focus()")
    page.press("Enter")
    assert page.evaluate(f"({group_of})('/gia_dinh/16')") == "3"
    assert page.evaluate(focused) == "/gia_dinh/16/quan_he"
    first = page.evaluate("document.activeElement.querySelector('optgroup').label")
    assert first == form.family_groups([])[2].title
    assert page.evaluate("window.hosoForm.collect().gia_dinh.length") == 17
    # ↑ in a group passes the previous relative of that group: the two change places in the file
    page.evaluate("""document.querySelector('[data-path="/gia_dinh/15"]').closest('li')
        .querySelector("[data-verb='Chuyển lên']").focus()""")
    page.press("Enter")
    order = page.evaluate("window.hosoForm.collect().gia_dinh.map(p => p.quan_he)")
    assert order[14:16] == ["con_de", "chi_ruot_vo_chong"]
    assert order[6] == "em_ruot"
    # nothing changed, nothing moved: an opened file is saved as it was (the save test, here too)
    page2 = _fresh(browser, page_file, tabs=tabs)
    assert _open(page2, example) == f"Đã mở tệp {example.name}."
    saved = _save(page2, downloads, f"{data['ma_ho_so']}.yaml").read_text(encoding="utf-8")
    assert saved == layout.write(read_schema(SCHEMA), data)
    _assert_offline(page, page_file)


def test_former_province_names_point_to_todays(tabs: list[Page], browser: Browser, page_file: Path) -> None:
    page = _fresh(browser, page_file, tabs=tabs)
    field = '.truong[data-path="/que_quan/tinh"]'
    page.evaluate("document.querySelector('fieldset.k-choice[data-path=\"/que_quan\"] input').click()")
    page.evaluate(f"""(() => {{
      const box = document.querySelector('{field} input');
      box.value = 'Tỉnh Bắc Giang'; box.dispatchEvent(new Event('input', {{bubbles: true}}));
    }})()""")
    note = page.evaluate(f"document.querySelector('{field} .goi-y').textContent")
    assert "Tỉnh Bắc Giang nay thuộc Tỉnh Bắc Ninh" in note
    options = page.evaluate(f"document.querySelectorAll('{field} datalist option').length")
    assert options == 34


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_no_sideways_scrolling(
    tabs: list[Page], browser: Browser, page_file: Path, shots: Path, width: int
) -> None:
    page = _fresh(browser, page_file, width, tabs=tabs)
    example = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    page.evaluate(f"window.hosoForm.build({json.dumps(example, ensure_ascii=False)})")
    page.evaluate("""(() => {
      const box = document.querySelector('.truong[data-path="/so_can_cuoc"] input');
      box.focus(); box.value = '0123'; box.dispatchEvent(new Event('input', {bubbles: true}));
      box.blur();
    })()""")
    page.wait_for("document.querySelector('.truong[data-path=\"/so_can_cuoc\"] .loi:not([hidden])') !== null")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    page.evaluate("document.querySelector('.truong[data-path=\"/so_can_cuoc\"]').scrollIntoView()")
    page.screenshot(shots / f"khai-{width}-loi.png")
    page.click("#kiem-tra")
    page.evaluate("document.getElementById('so-loi').scrollIntoView()")
    page.screenshot(shots / f"khai-{width}-tom-tat.png")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(shots / f"khai-{width}-dau.png")
    page.screenshot(shots / f"khai-{width}.png", full_page=True)
    table = 'fieldset.k-array[data-path="/gia_dinh"]'
    page.evaluate(f"document.querySelector('{table}').scrollIntoView()")
    page.screenshot(shots / f"khai-{width}-gia-dinh.png")
    page.evaluate(f"document.querySelector('{table} > section.nhom-gd[data-nhom=\"3\"]').scrollIntoView()")
    page.screenshot(shots / f"khai-{width}-gia-dinh-nhom-3.png")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    _assert_offline(page, page_file)


# Texts whose YAML reading differs between readers or versions: booleans of YAML 1.1 and 1.2,
# numbers, dates, indicators, controls, Unicode spaces and line breaks.
TRICKY = [
    "yes",
    "no",
    "on",
    "off",
    "On",
    "OFF",
    "y",
    "n",
    "Y",
    "N",
    "~",
    "null",
    "NULL",
    "1",
    "0o7",
    "0x1F",
    "1_000",
    "1e3",
    "6.8523015e+5",
    ".inf",
    "-.inf",
    ".NaN",
    "+1",
    "-1.5",
    "1:20",
    "190:20:30.15",
    "0b101",
    "true",
    "True",
    "2026-03-26",
    "2026-03-26 10:00:00",
    "2016-09",
    "1962",
    "012",
    "09",
    "=",
    "<<",
    "- a",
    "-",
    "?",
    "? a",
    "a b",
    " lead",
    "trail ",
    "a\nb",
    "tab\tin",
    "Không",
    "Đã mất",
    "x#y",
    "a #b",
    "50%",
    "@x",
    "\u3000x",
    "\x85x",
    "a\u2028b",
    "\ufeffx",
    "a: b",
    "a:b",
    "[x]",
    "a,b",
    "*x",
    "&x",
    "!x",
    "|x",
    ">x",
    "`x",
    "'x'",
    '"x"',
    "---",
    "...",
    "\x07",
    "e\u0301",
    "nay",
    "Số 12, đường 3/2",
]


def test_plain_or_quoted_scalars_as_hoso_new_writes_them(
    tabs: list[Page], browser: Browser, page_file: Path
) -> None:
    """The page's writer quotes exactly the texts ``new._scalar`` quotes."""
    rng = random.Random(18)
    texts = list(TRICKY)
    for _ in range(3000):
        parts = rng.choices(TRICKY, k=rng.randint(1, 3))
        texts.append(rng.choice(["", " ", "-", ":", "#", "\t"]).join(parts))
        texts.append("".join(rng.choice("aĐ0-.:#' \t\n\u00a0\u3000~?!yYnN") for _ in range(4)))
    page = _fresh(browser, page_file, tabs=tabs)
    got = page.evaluate(f"{json.dumps(texts)}.map(t => window.hosoForm.scalar(t))", timeout=60)
    wrong = [(t, new._scalar(t), g) for t, g in zip(texts, got, strict=True) if new._scalar(t) != g]
    assert wrong == []
