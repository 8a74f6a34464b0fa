"""Hostile text in every free-text field prints literally; nothing runs, nothing is read.

Every free-text value of the fixture gets payloads from the list below appended, in rotation, so
that each payload lands in fields of every kind — top-level items, address parts, table cells,
free paragraphs, family lines, signature blocks (addresses keep their required "Xã …"/"Tỉnh …"
prefix; closed lists and dates stay valid). The rendered document must
(1) have exactly the structure of the clean fixture — the same pandoc AST apart from the words,
(2) show every payload literally in the DOCX text and in the PDF text, and (3) hold nothing read
from the file system. Bidi and control characters are refused earlier, by the loader.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_render_support import FIXTURE_REL, docx_blocks, docx_part, make_kho, nfc, pdf_pages

from hoso.render import RenderReport, pandoc, render_paths
from hoso.repo import Repo
from hoso.util import run

pytestmark = pytest.mark.slow

LONG_WORD = "Dàiquá" + "x" * 294
PAYLOADS = [
    "**đậm** _nghiêng_ `mã` ~~gạch~~ ^mũ^ ~dưới~ ==đánh dấu==",
    "# Tiêu đề giả",
    "[liên kết](https://vi-du.invalid) ![ảnh](/etc/passwd) <https://vi-du.invalid> [^1]",
    "<script>alert('x')</script> <b>đậm</b> <!-- ẩn --> &amp; &#35; &lt;",
    r"\input{/etc/passwd} \newpage $x^2$ $$y$$ \(z\)",
    '#read("/etc/passwd") #import "@preview/cetz:0.3.0": * #set page(fill: red) // hết',
    "#pagebreak() #{ panic(\"x\") } #include \"/etc/passwd\" $ a $ <nhan> @nhan",
    "`chèn`{=openxml} <w:p><w:r><w:t>CHÈN-XML</w:t></w:r></w:p> [chữ]{.ngat-trang} {.lop #ma}",
    "::: ngat-trang\n:::\n```{=typst}\n#pagebreak()\n```",
    "| ô một | ô hai |\n|---|---|\n- mục\n1. số\n> trích\n---\n    thụt lề",
    "@trich-dan [@khoa] ^[chú thích] {{ 7*7 }} {% raw %} $(rm -rf /) ; ls | cat",
    LONG_WORD,
]
# Keys whose values are not free text (closed lists, dates, numbers, identifiers).
FIXED_KEYS = {
    "mau", "phien_ban", "ma_ho_so", "chi_bo", "so_can_cuoc", "gioi_tinh", "quan_he", "loai",
    "hinh_thuc_ra_khoi_dang", "doi_tuong", "ket_nap_lai_lan_thu", "ngay", "ngay_sinh", "tu", "den",
    "thang", "nam", "nam_sinh", "ngay_ket_nap_lan_dau", "ngay_chinh_thuc_lan_dau",
    "ngay_ra_khoi_dang", "giai_doan", "anh", "so_ly_lich",
}
PER_FIELD = 3  # payloads appended to each field, in rotation: every payload reaches every kind


def _poison(value: Any, key: str = "", counter: list[int] | None = None) -> Any:
    counter = [0] if counter is None else counter
    if isinstance(value, dict):
        return {k: _poison(v, k, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key, counter) for v in value]
    if isinstance(value, str) and key not in FIXED_KEYS and value != "Không":
        start = counter[0]
        counter[0] += 1
        picked = [PAYLOADS[(start + i * 5) % len(PAYLOADS)] for i in range(PER_FIELD)]
        return value + " " + " ".join(picked)
    return value


def _flatten(text: str) -> str:
    """Text without whitespace (line breaks)."""
    return "".join(nfc(text).split())


@pytest.fixture(scope="module")
def kho(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    repo = make_kho(tmp_path_factory.mktemp("kho"))
    src = repo.root / FIXTURE_REL
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    poisoned = _poison(data)
    poisoned["ma_ho_so"] = "TT-2026-966"
    text = yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False, width=10_000)
    src.with_name("TT-2026-966.yaml").write_text(text, encoding="utf-8")
    return repo


@pytest.fixture(scope="module")
def rendered(kho: Repo) -> RenderReport:
    report = render_paths([kho.root / "dossiers"], kho, kho.root / "build", jobs=1)
    assert report.exit_code() == 0, (report.errors, [f.message for f in report.findings])
    return report


@pytest.fixture(scope="module")
def pdf_text(rendered: RenderReport) -> list[str]:
    return pdf_pages(_outputs(rendered, "TT-2026-966")["pdf"])


def _outputs(report: RenderReport, code: str) -> dict[str, Path]:
    (outcome,) = [o for o in report.outcomes if o.code == code]
    return {fmt: Path(p) for fmt, p in outcome.outputs.items()}


def _shape(markdown: str) -> Counter[str]:
    """Every pandoc AST node kind except words and spaces, with the Div attributes."""
    ast = json.loads(_to_json(markdown))
    counts: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, dict) and "t" in node:
            kind = node["t"]
            if kind == "Div":
                counts[f"Div{json.dumps(node['c'][0], ensure_ascii=False)}"] += 1
            elif kind not in ("Str", "Space", "SoftBreak"):
                counts[kind] += 1
            walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(ast["blocks"])
    return counts


def _to_json(markdown: str) -> str:
    return run([pandoc.pandoc_path(), "--sandbox", "-f", pandoc.READER, "-t", "json"],
               input=markdown.encode("utf-8")).decode("utf-8")


def test_structure_is_the_clean_fixtures(rendered: RenderReport, kho: Repo) -> None:
    cache = kho.root / "build" / ".hoso-cache" / "kinh-doanh"
    clean = _shape((cache / "TT-2026-901.md").read_text(encoding="utf-8"))
    hostile = _shape((cache / "TT-2026-966.md").read_text(encoding="utf-8"))
    assert hostile == clean
    forbidden = {"RawBlock", "RawInline", "Link", "Image", "Math", "Code", "CodeBlock", "Emph",
                 "Strong", "Strikeout", "Superscript", "Subscript", "Note", "Cite", "BulletList",
                 "OrderedList", "BlockQuote", "HorizontalRule", "Span", "Quoted", "LineBreak"}
    assert not forbidden & set(hostile)


def test_payloads_print_literally_in_the_docx(rendered: RenderReport) -> None:
    text = _flatten("\n".join(docx_blocks(_outputs(rendered, "TT-2026-966")["docx"])))
    for payload in PAYLOADS:
        assert _flatten(payload) in text, payload
    document = docx_part(_outputs(rendered, "TT-2026-966")["docx"], "word/document.xml")
    assert "<w:t>CHÈN-XML</w:t>" not in document
    assert "&lt;w:p&gt;" in document
    assert document.count('<w:br w:type="page"/>') == 11


def test_payloads_print_literally_in_the_pdf(pdf_text: list[str]) -> None:
    pages = pdf_text
    text = _flatten("".join(pages))
    for payload in PAYLOADS:
        assert _flatten(payload) in text, payload
    assert all("BẢN NHÁP" in p for p in pages)


def test_nothing_is_read_or_run(rendered: RenderReport, kho: Repo, pdf_text: list[str]) -> None:
    secret = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    out = _outputs(rendered, "TT-2026-966")
    assert secret not in "".join(pdf_text)
    assert secret not in "\n".join(docx_blocks(out["docx"]))

    with zipfile.ZipFile(out["docx"]) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
        rels = z.read("word/_rels/document.xml.rels").decode()
        assert "vi-du.invalid" not in rels
        assert "/etc/passwd" not in rels
    typ = (kho.root / "build" / ".hoso-cache" / "kinh-doanh" / "TT-2026-966.typ").read_text(
        encoding="utf-8")
    body = typ.split("#show: ho-so", 1)[1]
    # every "#" of the data is escaped: the only code calls are the layout's own
    calls = set(re.findall(r"(?<!\\)#([a-z][a-z-]*)", body))
    assert calls <= {"kieu", "pagebreak", "figure", "table", "block", "align"}, calls
    assert len(pdf_text) >= 12


def test_bidi_and_control_characters_are_refused_by_the_loader(kho: Repo) -> None:
    src = kho.root / FIXTURE_REL
    bad = src.with_name("TT-2026-967.yaml")
    bad.write_text(src.read_text(encoding="utf-8").replace(
        "ma_ho_so: TT-2026-901", "ma_ho_so: TT-2026-967").replace(
        "nghe_nghiep: Chuyên viên", "nghe_nghiep: \u202eChuyên viên"), encoding="utf-8")
    try:
        report = render_paths([bad], kho, kho.root / "build-bidi", jobs=1)
        assert report.exit_code() == 1
        assert {f.code for f in report.findings} == {"ky-tu-dieu-khien"}
    finally:
        bad.unlink()
