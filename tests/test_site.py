"""The guidance site: escaping, generated pages, the build, privacy (no dossier content leaks)."""

from __future__ import annotations

import gzip
import html
import html.parser
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from hoso import escape, site
from hoso.cli import main
from hoso.errors import UserError
from hoso.form import Form
from hoso.repo import Repo, find_repo
from hoso.site.build import _expand_nav
from hoso.site.items import error_messages
from hoso.site.sample import _NoDatesLoader

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------------------------
# Escaping: literal text stays literal through Python-Markdown with the site's own extensions.
# --------------------------------------------------------------------------------------------------

def _markdown() -> markdown.Markdown:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, conf), = entry.items()
            names.append(name)
            configs[name] = conf or {}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(md_text: str) -> _Text:
    parser = _Text()
    parser.feed(_markdown().convert(md_text))
    return parser


def _expected(text: str) -> str:
    s = unicodedata.normalize("NFC", text)
    s = escape.INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", s)
    return " ".join(s.split())


HOSTILE = [
    "*nghiêng* **đậm** _gạch_ __đậm__",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[liên kết](javascript:alert(1)) ![ảnh](http://ví-dụ.vn/a.png)",
    "`mã` ``hai``",
    "# tiêu đề",
    "## tiêu đề ##",
    "- danh sách",
    "+ danh sách",
    "* danh sách",
    "1. số thứ tự",
    "2026. năm",
    "> trích dẫn",
    "---",
    "***",
    "===",
    "| a | b |",
    "{: .lop #id }",
    "Tiêu đề { #id }",
    "&amp; &lt;b&gt; &#42; &copy;",
    "!!! note \"x\"",
    "??? note",
    "<!-- chú thích -->",
    "\\*không nghiêng\\*",
    "~~gạch~~ ==đánh dấu== ^^chèn^^ ++ctrl++ :smile:",
    "$x^2$ \\(x\\)",
    "--8<-- \"/etc/passwd\"",
    "[[wiki]] [^1] *[HTML]: x",
    "<http://ví-dụ.vn> http://ví-dụ.vn www.ví-dụ.vn",
    "Tôi\u202ecam đoan\u2066x\u2069",
    "a\tb\u200bc\u00a0d\x00e\x1bf",
    "    mã thụt lề",
    "dòng một\ndòng hai\n===",
    "#{sys.exit()} #let x = 1 \\input{/etc/passwd} {{ 7*7 }} {% raw %}",
    "quê quán: Xã Hoàng Đồng (trước đây là …)",
]


WRAPS = {
    "{}": ("", {"p"}),
    "## {}": ("", {"h2", "a"}),  # "a": the heading's permalink "¶"
    "- {}": ("", {"ul", "li"}),
    "| h |\n|---|\n| {} |": ("h ", {"table", "thead", "tbody", "tr", "th", "td"}),
    "Nhãn: **{}**": ("Nhãn: ", {"p", "strong"}),
}


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("wrap", list(WRAPS))
def test_escape_inline_keeps_text_literal(text: str, wrap: str) -> None:
    prefix, allowed = WRAPS[wrap]
    out = _render(wrap.format(escape.mkdocs_inline(text)))
    got = " ".join("".join(out.text).split())
    if wrap.startswith("##"):
        got = got.removesuffix("¶").rstrip()
    assert got == " ".join((prefix + _expected(text)).split())
    assert set(out.tags) <= allowed, out.tags


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_escape_inline_any_text(text: str) -> None:
    out = _render(escape.mkdocs_inline(text))
    assert " ".join("".join(out.text).split()) == _expected(text)
    assert set(out.tags) <= {"p"}


def test_escape_block_keeps_paragraphs_and_line_breaks() -> None:
    out = _render(escape.mkdocs_block("một *hai*\n# ba\n\n- bốn\n==="))
    assert out.tags == ["p", "br", "p", "br"]
    assert "".join(out.text).split("\n") == ["một *hai*", "# ba", "- bốn", "==="]


@pytest.mark.parametrize("text", ["```\nx\n```", "a ```` b", "~~~\nkhông đóng"])
def test_code_block_cannot_be_closed_by_its_content(text: str) -> None:
    out = _render(escape.mkdocs_code(text, "yaml") + "\n\nsau")
    assert "".join(out.text).rstrip().endswith("sau")
    assert out.tags.count("code") == 1
    assert text in "".join(out.text)


def test_code_or_text() -> None:
    assert site.code_or_text("que_quan") == "`que_quan`"
    assert site.code_or_text("a`b") == escape.mkdocs_cell("a`b")
    assert site.code_or_text("a|b") == escape.mkdocs_cell("a|b")


# --------------------------------------------------------------------------------------------------
# Generated pages from the real schema and the sample.
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def schema_doc() -> Form:
    return site.load_schema(Repo(ROOT))


@pytest.fixture(scope="module")
def sample() -> tuple[str, dict[str, Any]]:
    text = site.default_sample().read_text(encoding="utf-8")
    return text, yaml.load(text, Loader=_NoDatesLoader)


@pytest.fixture(scope="module")
def pages(schema_doc: Form, sample: tuple[str, dict[str, Any]]) -> dict[str, site.Page]:
    text, data = sample
    generated = site.generate_pages(schema_doc, site.load_rules(), text, data,
                                    {"yaml": "mau-minh-hoa.yaml", "docx": "mau-minh-hoa.docx",
                                     "pdf": "mau-minh-hoa.pdf"})
    return {p.path: p for p in generated}


def test_one_page_per_form_item(schema_doc: Form, pages: dict[str, site.Page]) -> None:
    groups = site.item_groups(schema_doc)
    assert [g.muc for g in groups if g.muc] == [str(n) for n in range(1, 27)]
    for g in groups:
        assert g.path in pages
        assert g.path.startswith("huong-dan-khai/")
    que_quan = next(g for g in groups if "que_quan" in g.keys)
    assert que_quan.muc == "6"
    page = pages[que_quan.path].text
    assert "\n# Mục (6) Quê quán\n" in page
    assert page.startswith("---\nsearch:\n  boost: 2\n---\n")


def test_every_schema_key_and_allowed_value_is_documented(schema_doc: Form,
                                                         pages: dict[str, site.Page]) -> None:
    everything = "\n".join(p.text for p in pages.values())
    props = schema_doc.root["properties"]
    for key in schema_doc.top_keys():
        assert f"`{key}`" in everything, key

    def walk(node: Any, path: str) -> None:
        node = schema_doc.resolve(node)
        for value, _label in Form.node_enum_choices(node):
            if isinstance(value, str):
                assert site.code_or_text(value) in everything, (path, value)
        children, _ = schema_doc.children(node)
        for key, sub in children.items():
            walk(sub, f"{path}.{key}")

    for key, node in props.items():
        walk(node, key)


def test_item_page_shows_label_instruction_examples_and_messages(
        schema_doc: Form, pages: dict[str, site.Page]) -> None:
    node = schema_doc.resolve(schema_doc.root["properties"]["que_quan"])
    page = next(p for p in pages.values() if p.path.endswith("-que-quan.md")).text
    assert escape.mkdocs_block(node["description"]) in page
    for msg in error_messages(node):
        assert escape.mkdocs_inline(msg) in page
    assert "Khóa trong tệp YAML: `que_quan.xa`" in page


def test_items_index_links_every_item(schema_doc: Form,
                                      pages: dict[str, site.Page]) -> None:
    index = pages[site.ITEMS_INDEX].text
    for g in site.item_groups(schema_doc):
        assert f"]({Path(g.path).name})" in index


def test_sample_page_has_yaml_preview_and_downloads(pages: dict[str, site.Page],
                                                    sample: tuple[str, dict[str, Any]]) -> None:
    text, data = sample
    page = pages[site.SAMPLE_PAGE].text
    for name in ("mau-minh-hoa.yaml", "mau-minh-hoa.docx", "mau-minh-hoa.pdf"):
        assert f"]({name})" in page
    assert text.rstrip("\n") in page  # the YAML, verbatim, in a code block
    assert "#### (6) Quê quán" in page
    assert escape.mkdocs_inline(data["ho_ten_khai_sinh"]) in page
    assert "ngày 17-4-1999" in page or data["ngay_sinh"] != "1999-04-17"


EVIL = "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=alert(1) } ![i](x.png)"
SAFE_TAGS = {"h1", "h2", "h3", "h4", "h5", "p", "a", "code", "pre", "span", "div", "table",
             "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "strong", "em", "br"}


def test_hostile_schema_rules_and_sample_stay_text() -> None:
    """Every page generated from hostile annotations, rules and sample values: no markup gets
    through, and the hostile text is shown literally."""
    schema = {
        "type": "object", "x-thu-tu": ["a", "b"],
        "properties": {
            "a": {"title": EVIL, "x-muc": "1", "description": EVIL + "\n# không phải tiêu đề",
                  "type": "string", "enum": ["<b>", "x"], "x-nhan": {"<b>": EVIL, "x": "```"},
                  "examples": ["</code>" + EVIL], "errorMessage": {"enum": EVIL}},
            "b": {"title": "Bảng", "x-muc": "2", "type": "array",
                  "items": {"type": "object", "properties": {
                      "c": {"title": EVIL, "type": "string"}}}},
        },
    }
    doc = Form(schema)
    rule = {"code": "x", "severity": "lỗi", "title": EVIL, "explanation": EVIL, "basis": EVIL,
            "confidence": "U", "items": ["1", "2"], "stages": [],
            "failing": {"patches": [{"dat": "a", "gia_tri": EVIL}], "at": EVIL},
            "passing": {"patches": []}}
    sample = {"a": EVIL, "b": [{"c": EVIL}]}
    pages = site.generate_pages(doc, [site.normalise_rule(rule)], yaml.safe_dump(sample), sample,
                                {"yaml": "mau-minh-hoa.yaml"})
    for page in pages:
        body = re.sub(r"\A---\n.*?\n---\n", "", page.text, flags=re.S)
        out = _render(body)
        assert set(out.tags) <= SAFE_TAGS, (page.path, set(out.tags) - SAFE_TAGS)
        html_out = _markdown().convert(body)
        assert "<script" not in html_out
        assert "javascript:" not in re.findall(r'href="([^"]*)"', html_out)
        assert not re.search(r"<[^>]*\son\w+\s*=", html_out)  # no event-handler attribute
        if page.path != site.ITEMS_INDEX:
            assert "<script>alert(1)</script>" in "".join(out.text), page.path


def test_format_value() -> None:
    assert site.format_value("2026-03-26") == "ngày 26-3-2026"
    assert site.format_value("2016-09") == "tháng 9-2016"
    assert site.format_value("1962") == "1962"
    assert site.format_value("nay") == "nay"


def test_form_fields_as_the_site_documents_them() -> None:
    """The walker methods the site reads the schema through (hoso.form.SchemaNav, Form)."""
    form = Form({
        "type": "object", "x-thu-tu": ["b", "khong-co", "a"],
        "properties": {
            "a": {"type": "array", "items": {"$ref": "#/$defs/row"}},
            "b": {"type": "string", "enum": ["x", "y", 3], "x-nhan": {"x": "Ích", "3": "Ba"}},
            "c": {"oneOf": [
                {"const": "Không"},
                {"type": "object", "properties": {"so": {}, "ngay": {}},
                 "required": ["so", "ngay"]},
                {"type": "object", "properties": {"so": {}, "ghi_chu": {}}, "required": ["so"]},
            ]},
        },
        "$defs": {"row": {"type": "object", "properties": {"ten": {}},
                          "allOf": [{"properties": {"tuoi": {}}, "required": ["tuoi"]}]}},
    })
    assert form.top_keys() == ["b", "a", "c"]
    props = form.root["properties"]
    assert form.children(props["a"]) == ({"ten": {}, "tuoi": {}}, ["tuoi"])
    assert form.required_everywhere(props["a"]) == {"tuoi"}
    assert [alt.get("const") for alt in form.alternatives(form.resolve(props["c"]))] == \
        ["Không", None, None]
    assert form.children(props["c"]) == ({"so": {}, "ngay": {}, "ghi_chu": {}}, ["so", "ngay"])
    assert form.required_everywhere(props["c"]) == {"so"}
    assert Form.node_enum_choices(props["b"]) == [("x", "Ích"), ("y", ""), (3, "Ba")]
    assert Form.node_enum_choices({"enum": ["p", "q"], "x-nhan": ["P"]}) == [("p", "P"), ("q", "")]
    assert Form.node_enum_choices(props["a"]) == []


# --------------------------------------------------------------------------------------------------
# The rule catalogue page.
# --------------------------------------------------------------------------------------------------

@dataclass
class _Example:
    patches: tuple[dict[str, Any], ...]
    at: str | None = None
    ngay: str | None = None
    giai_doan: str | None = None


@dataclass
class _Rule:
    code: str
    severity: str
    title: str
    explanation: str
    basis: str
    confidence: str
    items: tuple[str, ...]
    stages: tuple[str, ...] | None
    failing: _Example
    passing: _Example


FAKE_RULES = [
    _Rule("tuoi-toi-thieu", "lỗi", "Đủ 18 tuổi <b>tính theo tháng</b>",
          "Người vào Đảng phải đủ *18 tuổi* tại ngày chi bộ họp.", "Quy định 294-QĐ/TW | Điều 1",
          "C", ("3",), None,
          _Example(({"dat": "ngay_sinh", "gia_tri": "2010-01-01"},), at="ngay_sinh",
                   ngay="2026-03-26"),
          _Example(())),
    _Rule("du-nguoi-than", "cảnh báo", "Đủ người thân", "Khai đủ ông bà.", "Mẫu 2-KNĐ", "U",
          ("21",), ("khai", "chi_uy_xem_xet"),
          _Example(({"xoa": "gia_dinh[0]"},), at="gia_dinh"),
          _Example(({"them": "gia_dinh", "gia_tri": {"quan_he": "vo", "ho_ten": "Lò Thị A"}},))),
]


def test_rules_page_from_catalogue(schema_doc: Form,
                                   sample: tuple[str, dict[str, Any]]) -> None:
    rules = [site.normalise_rule(r) for r in FAKE_RULES]
    index = site.ItemIndex(schema_doc, site.item_groups(schema_doc))
    page = site.rules_page(rules, index, sample[1]).text
    assert "### Đủ 18 tuổi &#60;b&#62;tính theo tháng&#60;/b&#62; { #tuoi-toi-thieu }" in page
    assert escape.mkdocs_inline(site.CONFIDENCE["C"]) in page
    assert escape.mkdocs_inline(site.CONFIDENCE["U"]) in page
    assert "Quy định 294-QĐ/TW &#124; Điều 1" in page
    assert '# Sửa ngay_sinh:\n    ngay_sinh: "2010-01-01"' in page
    first = sample[1]["gia_dinh"][0]
    removed = f"{first['quan_he']}, {first['ho_ten']}"
    assert f"# Bỏ gia_dinh[0] (dòng thứ 1 của gia_dinh): {removed}." in page
    assert "# Thêm một dòng vào gia_dinh:" in page
    # A passing example without changes shows the sample's own values of the rule's items.
    assert f'    ngay_sinh: "{sample[1]["ngay_sinh"]}"' in page
    assert "Chi ủy xem xét" in page  # stage labels, not codes
    out = _render(re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S))
    assert "script" not in out.tags
    assert "b" not in out.tags


def test_rules_page_and_hoso_rules_write_a_rule_the_same_way(
        schema_doc: Form, sample: tuple[str, dict[str, Any]]) -> None:
    from hoso.validate.rules import catalogue

    rule = site.normalise_rule(FAKE_RULES[0])
    index = site.ItemIndex(schema_doc, site.item_groups(schema_doc))
    section = "\n".join(site.rule_markdown(rule, index, sample[1]))
    assert section in site.rules_page([rule], index, sample[1]).text
    code = catalogue.rules()[0].code
    assert f"{{ #{code} }}\n\nMã: `{code}` · mức độ: **" in site.catalogue_markdown()


def test_rule_links_from_item_pages(schema_doc: Form,
                                    sample: tuple[str, dict[str, Any]]) -> None:
    rules = [site.normalise_rule(r) for r in FAKE_RULES]
    pages = {p.path: p for p in site.generate_pages(schema_doc, rules, sample[0], sample[1], {})}
    page = next(p for p in pages.values() if p.path.endswith("muc-03-ngay-sinh.md")).text
    assert "[`tuoi-toi-thieu`](../loi-thuong-gap.md#tuoi-toi-thieu)" in page


def test_apply_patch() -> None:
    data: dict[str, Any] = {"gia_dinh": [{"ho_ten": "A"}, {"ho_ten": "B"}], "ky_luat": []}
    site.apply_patch(data, {"dat": "gia_dinh[1].nam_sinh", "gia_tri": "1950"})
    site.apply_patch(data, {"xoa": "gia_dinh[0]"})
    site.apply_patch(data, {"them": "ky_luat", "gia_tri": {"thang": "2020-01"}})
    site.apply_patch(data, {"dat": "xet_ket_nap.hop_chi_bo", "gia_tri": {"ngay": "2026-06-15"}})
    assert data == {"gia_dinh": [{"ho_ten": "B", "nam_sinh": "1950"}],
                    "ky_luat": [{"thang": "2020-01"}],
                    "xet_ket_nap": {"hop_chi_bo": {"ngay": "2026-06-15"}}}


def test_rule_items_that_name_a_key(schema_doc: Form) -> None:
    index = site.ItemIndex(schema_doc, site.item_groups(schema_doc))
    assert index.keys("6") == ["que_quan"]
    assert index.keys("xét kết nạp") == ["xet_ket_nap"]
    link = index.link("xét kết nạp", site.RULES_PAGE)
    assert link == "huong-dan-khai/thong-tin-chung.md#xet-ket-nap"
    assert index.link("6", site.RULES_PAGE) == "huong-dan-khai/muc-06-que-quan.md"
    assert index.keys("không có mục này") == []


def test_examples_quote_what_could_be_read_as_numbers() -> None:
    text = site.yaml_text({"so_can_cuoc": "020099004517", "nam_sinh": "1968", "ngay": "2026-03-26",
                           "ton_giao": "Không", "tra_loi": "yes", "pho_thong": "12/12"})
    assert text == ('so_can_cuoc: "020099004517"\nnam_sinh: "1968"\nngay: "2026-03-26"\n'
                    'ton_giao: Không\ntra_loi: "yes"\npho_thong: 12/12\n')


def test_real_catalogue_is_complete_on_the_page(schema_doc: Form,
                                                sample: tuple[str, dict[str, Any]]) -> None:
    rules = site.load_rules()
    page = site.rules_page(rules, site.ItemIndex(schema_doc, site.item_groups(schema_doc)),
                           sample[1]).text
    assert len(rules) >= 40
    for rule in rules:
        assert f"{{ #{site.slug(rule.code)} }}" in page
        assert rule.severity in ("lỗi", "cảnh báo")
        assert rule.title
        assert rule.confidence in site.CONFIDENCE
    # Every rule shows a wrong and a right example.
    assert page.count('!!! failure "Ví dụ sai') == len(rules)
    assert page.count('!!! success "Ví dụ đúng') == len(rules)


def test_describe_patch() -> None:
    assert site.parse_path("gia_dinh[4].nam_sinh") == ["gia_dinh", 4, "nam_sinh"]
    text = site.describe_patch({"dat": "gia_dinh[4].nam_sinh", "gia_tri": "1950"})
    assert text == ('# Sửa gia_dinh[4].nam_sinh (dòng thứ 5 của gia_dinh):\n'
                    'gia_dinh:\n- nam_sinh: "1950"\n')


# --------------------------------------------------------------------------------------------------
# Building the site (mkdocs --strict).
# --------------------------------------------------------------------------------------------------

def _render_available() -> bool:
    try:
        from hoso.render import render_paths  # noqa: F401
    except ImportError:
        return False
    return True


def _ensure_docs(repo: Path) -> None:
    """docs/quy-trinh-git.md belongs to another part of the project; stand in for it if absent."""
    page = repo / "docs" / "quy-trinh-git.md"
    if not page.exists():
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# Quy trình trên git\n", encoding="utf-8")


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


_ASSET = re.compile(r"<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                    r"(?:href|src|data)=[\"']?((?:https?:)?//[^\"' >]+)", re.I)


@pytest.mark.slow
def test_hoso_site_builds_without_network_assets(repo_copy: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _ensure_docs(repo_copy)
    before = sorted(p.relative_to(repo_copy) for p in repo_copy.rglob("*"))
    out = tmp_path / "site"
    assert main(["site", "--out", str(out), "--khong-in"]) == 0
    assert "Đã dựng trang hướng dẫn" in capsys.readouterr().out
    # Nothing written into the repository (the work folder is temporary).
    assert sorted(p.relative_to(repo_copy) for p in repo_copy.rglob("*")) == before
    assert (out / "index.html").is_file()
    assert (out / "huong-dan-khai" / "muc-06-que-quan.html").is_file()
    assert (out / "loi-thuong-gap.html").is_file()
    assert (out / "mau-minh-hoa" / "mau-minh-hoa.yaml").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in index
    for page in _html_files(out):
        text = page.read_text(encoding="utf-8")
        assert not _ASSET.findall(text), page
        assert "fonts.googleapis" not in text
        assert "fonts.gstatic" not in text
    for css in out.rglob("*.css"):
        assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", css.read_text(encoding="utf-8")), css
    # The search index is Vietnamese and holds the item page under its title.
    search = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["vi"]
    titles = {d["location"]: d["title"] for d in search["docs"]}
    assert titles["huong-dan-khai/muc-06-que-quan.html"] in ("(6) Quê quán", "Mục (6) Quê quán")
    # Opened from disk: the index as a script too, and no worker shim from a CDN.
    assert (out / "search" / "search_index.js").is_file()
    assert '<script src="javascripts/iframe-worker-hoso.js">' in index
    assert "unpkg.com" not in index


@pytest.mark.slow
def test_hostile_schema_text_does_not_become_markup_in_the_built_site(repo_copy: Path,
                                                                      tmp_path: Path) -> None:
    _ensure_docs(repo_copy)
    path = repo_copy / "schema" / "2-knd-2025.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    evil = "</title><script>alert(1)</script><img src=x onerror=alert(1)> &amp;"
    schema["properties"]["que_quan"]["title"] = evil
    schema["properties"]["que_quan"]["description"] = evil
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "site"
    site.build_site(find_repo(), out, documents=False)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, page
        assert "<img src=x" not in text, page
        assert "</title><script>" not in text, page
    item = (out / "huong-dan-khai" / "muc-06-que-quan.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in item  # shown, as text


def _can_unshare_network() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.slow
def test_site_builds_with_no_network_at_all(repo_copy: Path, tmp_path: Path) -> None:
    """Built in a new network namespace (no usable interface): mkdocs, the theme and the
    renderer fetch nothing."""
    if not _can_unshare_network():
        pytest.skip("needs `unshare -n` (root or user namespaces)")
    _ensure_docs(repo_copy)
    out = tmp_path / "site"
    args = ["unshare", "-n", sys.executable, "-m", "hoso", "site", "--out", str(out)]
    if not _render_available():
        args.append("--khong-in")
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (out / "index.html").is_file()


@pytest.mark.slow
def test_site_refuses_an_output_folder_it_would_wipe(repo_copy: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    keep = tmp_path / "tai-lieu"
    keep.mkdir()
    (keep / "quan-trong.txt").write_text("đừng xóa", encoding="utf-8")
    assert main(["site", "--out", str(keep), "--khong-in"]) == 2
    assert "mkdocs sẽ xóa hết" in capsys.readouterr().err
    assert (keep / "quan-trong.txt").exists()
    with pytest.raises(UserError):
        site.build_site(find_repo(), repo_copy, documents=False)
    with pytest.raises(UserError):
        site.build_site(find_repo(), repo_copy / "dossiers" / "x", documents=False)


def test_generated_page_clashing_with_docs_is_refused(repo_copy: Path, tmp_path: Path) -> None:
    (repo_copy / "docs").mkdir(exist_ok=True)
    (repo_copy / "docs" / "loi-thuong-gap.md").write_text("# tay\n", encoding="utf-8")
    with pytest.raises(UserError, match="trùng tên với trang sinh tự động"):
        site.build_site(find_repo(), tmp_path / "site", documents=False)


# --------------------------------------------------------------------------------------------------
# Privacy: nothing of any dossier reaches the site.
# --------------------------------------------------------------------------------------------------

def site_text(out_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every file of a built site as text, as a reader or a search engine would see it: HTML
    entities and JSON escapes undone, DOCX (zip), gzip and PDF files opened, file names too."""
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        texts: list[str] = [path.relative_to(out_dir).as_posix()]
        suffix = path.suffix.lower()
        if suffix == ".docx":
            with zipfile.ZipFile(path) as zf:
                texts += [zf.read(n).decode("utf-8", "replace") for n in zf.namelist()]
        elif suffix == ".gz":
            texts.append(gzip.decompress(data).decode("utf-8", "replace"))
        elif suffix == ".pdf":
            reader = PdfReader(str(path))
            texts += [page.extract_text() or "" for page in reader.pages]
            texts.append(str(reader.metadata or ""))
        else:
            texts.append(data.decode("utf-8", "replace"))
        if suffix == ".json":
            texts.append(json.dumps(json.loads(data), ensure_ascii=False))
        yield path, unicodedata.normalize("NFC", html.unescape("\n".join(texts)))


def _marker_dossier(sample: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The sample with every text value replaced by a unique marker (ASCII and Vietnamese)."""
    markers: list[str] = []

    def mark(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        if isinstance(value, str) and value not in ("2-KNĐ", "2025") and not re.fullmatch(
                r"[\d-]+|nay|Không|[a-z_]+", value):
            n = len(markers)
            marker = f"ZQXBIMAT{n:04d}" if n % 2 else f"Bímậtẩndanh{n:04d}"
            markers.append(marker)
            return marker
        return value

    return mark(sample), markers


@pytest.mark.slow
def test_no_dossier_content_reaches_the_site(repo_copy: Path, tmp_path: Path) -> None:
    _ensure_docs(repo_copy)
    data = yaml.load(site.default_sample().read_text(encoding="utf-8"),
                     Loader=_NoDatesLoader)
    marked, markers = _marker_dossier(data)
    assert len(markers) > 50
    secret_dir = repo_copy / "dossiers" / "ZQXBIMATTHUMUC"
    secret_dir.mkdir(parents=True)
    (secret_dir / "ZQXBIMATTEP.yaml").write_text(
        yaml.safe_dump(marked, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (secret_dir / "ZQXBIMATANH.jpg").write_bytes(b"\xff\xd8ZQXBIMATANHDATA")
    markers += ["ZQXBIMATTHUMUC", "ZQXBIMATTEP", "ZQXBIMATANH"]
    # Every bundled dossier is private, too: its names and places must not appear either.
    for path in (repo_copy / "dossiers").rglob("*.yaml"):
        if path.parent != secret_dir:
            other = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDatesLoader)
            if other.get("ho_ten_khai_sinh") != data.get("ho_ten_khai_sinh"):
                markers.append(other["ho_ten_khai_sinh"])

    out = tmp_path / "site"
    site.build_site(find_repo(), out, documents=_render_available())
    texts = list(site_text(out))
    assert len(texts) > 30
    whole = "\n".join(text for _path, text in texts).casefold()
    # The scanner sees decoded text: the sample's own values are there, in HTML, JSON and documents.
    assert data["ho_ten_khai_sinh"].casefold() in whole
    found = [m for m in markers if unicodedata.normalize("NFC", m).casefold() in whole]
    assert found == []


@pytest.mark.slow
@pytest.mark.skipif(not _render_available(), reason="hoso.render.render_paths not available")
def test_sample_documents_are_built_for_download(repo_copy: Path, tmp_path: Path) -> None:
    _ensure_docs(repo_copy)
    out = tmp_path / "site"
    result = site.build_site(find_repo(), out)
    assert sorted(result.documents) == ["mau-minh-hoa/mau-minh-hoa.docx",
                                        "mau-minh-hoa/mau-minh-hoa.pdf"]
    texts = dict(site_text(out))
    pdf = texts[out / "mau-minh-hoa" / "mau-minh-hoa.pdf"]
    docx = texts[out / "mau-minh-hoa" / "mau-minh-hoa.docx"]
    for text in (pdf, docx):
        assert "QUÊ QUÁN" in text.upper()


# --------------------------------------------------------------------------------------------------
# Hand-written pages.
# --------------------------------------------------------------------------------------------------

def test_home_page_names_every_stage() -> None:
    from hoso.workflow import stages

    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for code in (*stages.CODES, stages.TRA_LAI):
        assert f"`{code}`" in text, code


def test_nav_expansion_keeps_other_entries() -> None:
    nav = [{"Trang chủ": "index.md"}, {"Khai": site.ITEMS_INDEX}, "x.md"]
    out = _expand_nav(nav, [{"(1) A": "huong-dan-khai/a.md"}])
    assert out == [{"Trang chủ": "index.md"},
                   {"Khai": [site.ITEMS_INDEX, {"(1) A": "huong-dan-khai/a.md"}]}, "x.md"]


def test_mkdocs_config_is_plain_yaml_and_offline() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    assert config["theme"]["language"] == "vi"
    assert config["theme"]["font"] is False
    assert config["strict"] is True
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["lang"] == "vi"
    assert site.ITEMS_INDEX in str(config["nav"])


def test_site_text_reads_inside_archives(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"t": "qu\\u00ea"}', encoding="utf-8")
    (tmp_path / "b.gz").write_bytes(gzip.compress("nén".encode()))
    with zipfile.ZipFile(tmp_path / "c.docx", "w") as zf:
        zf.writestr("word/document.xml", "<w:t>trong &amp; word</w:t>")
    texts = "\n".join(t for _p, t in site_text(tmp_path))
    for expected in ("quê", "nén", "trong & word"):
        assert expected in texts
    shutil.rmtree(tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not _render_available(), reason="hoso.render.render_paths not available")
def test_a_sample_that_cannot_be_printed_leaves_no_stand_in(repo_copy: Path, tmp_path: Path) -> None:
    # the sample renders in a process of its own while mkdocs builds; mkdocs is given empty
    # stand-ins for the DOCX and PDF, which must not stay in the site when the render fails
    _ensure_docs(repo_copy)
    from hoso.site.sample import default_sample

    text = default_sample().read_text(encoding="utf-8")
    bad = tmp_path / "mau-minh-hoa.yaml"
    bad.write_text(text.replace("ho_ten_khai_sinh:", "anh: khong-co-anh.jpg\nho_ten_khai_sinh:", 1),
                   encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(UserError, match="Không in được bản DOCX, PDF của hồ sơ minh họa"):
        site.build_site(find_repo(), out, sample=bad)
    assert (out / "index.html").is_file()
    assert not list((out / "mau-minh-hoa").glob("*.docx"))
    assert not list((out / "mau-minh-hoa").glob("*.pdf"))


def test_a_second_build_keeps_the_pages_and_follows_the_sample(repo_copy: Path,
                                                                tmp_path: Path) -> None:
    # the generated pages are kept in the site's hidden .hoso-cache for the next build, under the
    # fingerprint of the code, the schema and the sample
    _ensure_docs(repo_copy)
    from hoso.site.sample import default_sample

    out = tmp_path / "site"
    site.build_site(find_repo(), out, documents=False)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and ".hoso-cache" not in p.parts and p.suffix != ".gz"}
    assert (out / ".hoso-cache" / "trang.json").is_file()
    # the web form's file, made while mkdocs built (a stand-in until then), is hoso form's page
    from hoso.form.schema import read_schema
    from hoso.webform import FILE_NAME, build

    form_page = build(read_schema(find_repo().schema_path()))
    assert first[Path("trang-khai") / FILE_NAME] == form_page.encode("utf-8")
    kept = json.loads((out / ".hoso-cache" / "trang.json").read_text(encoding="utf-8"))
    assert kept["tep"] == {f"trang-khai/{FILE_NAME}": form_page}
    # the theme's templates were compiled once and kept (Jinja's bytecode cache)
    compiled = sorted((out / ".hoso-cache" / "jinja").iterdir())
    assert compiled
    stamps = [p.stat().st_mtime_ns for p in compiled]
    # the search index folded inside the build, before Material copied it for offline reading
    index = (out / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"title_khong_dau"' in index
    assert (out / "search" / "search_index.js").read_text(encoding="utf-8") == \
        f"var __index = {index}"
    site.build_site(find_repo(), out, documents=False)
    again = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and ".hoso-cache" not in p.parts and p.suffix != ".gz"}
    assert again == first
    assert sorted((out / ".hoso-cache" / "jinja").iterdir()) == compiled
    assert [p.stat().st_mtime_ns for p in compiled] == stamps  # read, not written again
    other = tmp_path / "mau-minh-hoa.yaml"
    other.write_text(default_sample().read_text(encoding="utf-8").replace(
        "Hoàng Minh Khôi", "Hoàng Minh Khang"), encoding="utf-8")
    site.build_site(find_repo(), out, documents=False, sample=other)
    page = (out / "mau-minh-hoa" / "index.html").read_text(encoding="utf-8")
    assert "Hoàng Minh Khang" in page
    assert "Hoàng Minh Khôi" not in page


def test_the_generated_configuration_adds_hoso_hooks_after_the_repository_own(
        repo_copy: Path, tmp_path: Path) -> None:
    # mkdocs reads a hook's path relative to the configuration, which hoso writes elsewhere
    config_file = repo_copy / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"] = ["hooks/rieng.py"]
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    made = site.site_config(Repo(repo_copy), tmp_path / "docs", tmp_path / "out", [])
    assert made["hooks"] == [str(repo_copy / "hooks" / "rieng.py"),
                             str(ROOT / "scripts" / "hoso" / "site" / "mkdocs_hooks.py")]
    config["hooks"] = "hooks/rieng.py"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with pytest.raises(UserError, match="“hooks” phải là một danh sách"):
        site.site_config(Repo(repo_copy), tmp_path / "docs", tmp_path / "out", [])


def test_the_mkdocs_process_started_early_is_the_one_the_build_takes() -> None:
    from hoso.site import mkdocs_ahead

    mkdocs_ahead.start_early(["--help"])  # a help screen builds nothing
    assert not mkdocs_ahead._EARLY
    mkdocs_ahead.start_early(["--out", "x"])
    early = mkdocs_ahead._EARLY[0]
    ahead = mkdocs_ahead.Ahead.take()
    assert ahead is early
    assert not mkdocs_ahead._EARLY
    ahead.cancel()  # an empty line: nothing to build, the process ends cleanly
    assert ahead.proc.returncode == 0
    fresh = mkdocs_ahead.Ahead.take()  # none waiting: a new one
    assert fresh is not early
    fresh.cancel()
    assert fresh.proc.returncode == 0


def test_hoso_site_that_fails_before_building_leaves_no_mkdocs_behind(tmp_path: Path) -> None:
    # the mkdocs process starts before hoso reads anything; an error ends both, with hoso's
    # message and no traceback
    result = subprocess.run([sys.executable, "-m", "hoso", "site", "--kho", str(tmp_path / "khong")],
                            check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Lỗi:" in result.stderr
    assert "Traceback" not in result.stderr
