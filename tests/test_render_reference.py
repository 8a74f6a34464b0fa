"""templates/reference.docx is generated: rebuilding it gives the committed parts exactly."""

from __future__ import annotations

import io
import re
import zipfile

from test_render_support import ROOT

from hoso.render import make_reference_docx as ref

COMMITTED = ROOT / "templates" / "reference.docx"
PARTS = ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml",
         "word/_rels/document.xml.rels", "[Content_Types].xml", "word/theme/theme1.xml")


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_reference_docx_is_up_to_date() -> None:
    built = _parts(ref.build_from_pandoc())
    committed = _parts(COMMITTED.read_bytes())
    assert sorted(built) == sorted(committed)
    for name in PARTS:
        assert built[name] == committed[name], (
            f"{name} khác: chạy python -m hoso.render.make_reference_docx rồi commit")


def test_reference_docx_layout() -> None:
    parts = _parts(COMMITTED.read_bytes())
    document = parts["word/document.xml"].decode()
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document  # A4
    assert 'w:top="1134"' in document
    assert 'w:bottom="1134"' in document
    assert 'w:left="1701"' in document
    assert 'w:right="851"' in document
    styles = parts["word/styles.xml"].decode()
    for name in ("Mẫu số", "Tiêu đề bìa", "Ô ảnh", "Mục con", "Người thân", "Ký tên",
                 "Tên người ký"):
        assert f'<w:name w:val="{name}" />' in styles or f'<w:name w:val="{name}"/>' in styles
    footer = parts["word/footer1.xml"].decode()
    for placeholder in (ref.PLACEHOLDER_CODE, ref.PLACEHOLDER_COMMIT, ref.PLACEHOLDER_HASH):
        assert placeholder in footer
    assert "NUMPAGES" in footer
    assert "PAGE" in footer
    assert "BẢN NHÁP" in parts["word/header1.xml"].decode()


def test_every_docx_style_has_a_typst_counterpart() -> None:
    """A custom-style used by the templates is a style in reference.docx and a case of kieu()."""

    used = set()
    for template in (ROOT / "templates").rglob("*.md.j2"):
        if template.parent.name == "van-ban":
            continue  # the committee documents have their own layout (test below)
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        used |= set(re.findall(r'custom-style="([^"]+)"', text))
    styles = _parts(COMMITTED.read_bytes())["word/styles.xml"].decode()
    layout = (ROOT / "templates" / "2-knd.typ").read_text(encoding="utf-8")
    assert len(used) >= 10
    for name in sorted(used):
        assert f'w:val="{name}"' in styles, name
        assert f'"{name}"' in layout, name


def test_a_draft_keeps_the_mark_and_a_final_loses_it() -> None:
    """The DOCX post-processing on the reference's own parts: no pandoc needed, so this runs in
    the fast suite. A draft keeps "BẢN NHÁP" in the header, a final has an empty header; both
    get the footer filled, the values escaped."""
    from hoso.render import docx

    for draft in (True, False):
        out = _parts(docx.finish(COMMITTED.read_bytes(), code="KT-2026-001", commit="commit <1a2b>",
                                 content_hash="0f1e2d3c", draft=draft))
        header = out[docx.HEADER].decode()
        assert ("BẢN NHÁP" in header) is draft
        footer = out[docx.FOOTER].decode()
        assert "KT-2026-001" in footer
        assert "commit &lt;1a2b&gt;" in footer
        assert "0f1e2d3c" in footer
        assert not re.search(r"HOSO_\w+", footer)


def test_every_committee_document_style_has_a_typst_case() -> None:
    """The committee documents' custom styles are cases of kieu() in templates/van-ban.typ (in
    the DOCX pandoc creates them on Normal: a committee restyles its copy)."""
    used = set()
    for template in (ROOT / "templates" / "van-ban").glob("*.md.j2"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        used |= set(re.findall(r'custom-style="([^"]+)"', text))
    layout = (ROOT / "templates" / "van-ban.typ").read_text(encoding="utf-8")
    assert len(used) >= 10
    for name in sorted(used):
        assert f'"{name}"' in layout, name
