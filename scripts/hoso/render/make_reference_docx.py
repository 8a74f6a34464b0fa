"""Build ``templates/reference.docx`` from pandoc's own default reference document.

pandoc takes page size, margins, styles, header and footer of a DOCX from its reference document.
Its default one uses Aptos on US Letter; this script edits it into the layout of a Vietnamese
administrative document:

* A4; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm;
* Tinos (metric-compatible with Times New Roman, embedded in each DOCX) 13 pt for the text, 14 pt
  bold headings, no theme colours;
* bordered tables for the booklet's tables;
* the paragraph styles the templates name with ``custom-style`` (same names as ``kieu`` in
  ``templates/2-knd.typ``);
* a header with the draft mark "BẢN NHÁP" (text and a diagonal watermark), which hoso removes
  from a final document, and a footer with the provenance line whose ``HOSO_…`` placeholders
  hoso fills for each dossier (``hoso.render.docx``).

The result is committed; ``tests/test_render_reference.py`` rebuilds it and compares the parts.
Run: ``python -m hoso.render.make_reference_docx [OUTPUT]`` (default: the repository's
templates/reference.docx).
"""

from __future__ import annotations

import io
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path

from hoso.render import pandoc

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
ET.register_namespace("w", W_NS)
ET.register_namespace("r", R_NS)

# The bundled Tinos (templates/fonts, metric-compatible with Times New Roman), embedded in every
# DOCX by hoso.render.docx_fonts: the same letters and line breaks in Word, LibreOffice and the PDF.
FONT = "Tinos"
BODY_HALF_POINTS = 26  # 13 pt
HEADING_HALF_POINTS = 28  # 14 pt

# Placeholders in the footer, replaced per dossier (hoso.render.docx).
PLACEHOLDER_CODE = "HOSO_MA"
PLACEHOLDER_COMMIT = "HOSO_COMMIT"
PLACEHOLDER_HASH = "HOSO_BAM"

# twips: 1 mm = 56.7 twips
PAGE = {"w": "11906", "h": "16838"}  # A4
MARGINS = {"top": "1134", "right": "851", "bottom": "1134", "left": "1701",
           "header": "567", "footer": "567", "gutter": "0"}
TEXT_WIDTH_TWIPS = 11906 - 851 - 1701
PHOTO_TWIPS = (1701, 2268)  # 3 cm × 4 cm

HEADER_REL = "rIdHosoHeader"
FOOTER_REL = "rIdHosoFooter"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _el(tag: str, attrs: dict[str, str] | None = None, *children: ET.Element) -> ET.Element:
    e = ET.Element(W + tag, {W + k: v for k, v in (attrs or {}).items()})
    e.extend(children)
    return e


def _fonts() -> ET.Element:
    return _el("rFonts", {"ascii": FONT, "hAnsi": FONT, "cs": FONT, "eastAsia": FONT})


def _size(half_points: int) -> list[ET.Element]:
    return [_el("sz", {"val": str(half_points)}), _el("szCs", {"val": str(half_points)})]


# name → (based on, paragraph properties, run properties); the names are what the templates use.
def _custom_styles() -> list[tuple[str, str, list[ET.Element], list[ET.Element]]]:
    center = _el("jc", {"val": "center"})
    half = str(TEXT_WIDTH_TWIPS * 38 // 100)

    def sign(before: str = "0", keep: bool = True) -> list[ET.Element]:
        """A line of a signature block, kept with the next one unless it is the last."""
        return [*([_el("keepNext")] if keep else []),
                _el("spacing", {"before": before, "after": "0"}),
                _el("ind", {"left": half}), _el("jc", {"val": "center"})]

    return [
        ("Mẫu số", "Normal", [_el("jc", {"val": "right"})], [_el("b")]),
        ("Tên Đảng", "Normal", [_el("spacing", {"before": "240", "after": "0"}), center],
         [_el("b"), *_size(28)]),
        ("Tiêu đề bìa", "Normal", [_el("spacing", {"before": "3400", "after": "120"}), center],
         [_el("b"), *_size(48)]),
        ("Tiêu đề phụ bìa", "Normal", [_el("spacing", {"before": "0", "after": "1200"}), center],
         [_el("b"), *_size(32)]),
        ("Bìa", "Normal", [_el("spacing", {"before": "120", "after": "120"}),
                           _el("ind", {"left": "850"})], [*_size(28)]),
        # hoso.render.docx puts this paragraph in a frame at the foot of the cover page
        ("Số lý lịch", "Normal", [_el("spacing", {"before": "0", "after": "0"}),
                                  _el("jc", {"val": "right"})], []),
        # hoso.render.docx wraps this paragraph in a ruled 3×4 cm one-cell table
        ("Ô ảnh", "Normal", [
            _el("spacing", {"before": "0", "after": "0", "line": "240", "lineRule": "auto"}),
            center,
        ], [*_size(22)]),
        ("Mục con", "Normal", [_el("ind", {"left": "454"})], []),
        ("Người thân", "Normal",
         [_el("keepNext"), _el("spacing", {"before": "160", "after": "40"})], [_el("b")]),
        ("Giữa", "Normal", [center], []),
        # kept with what follows (the end of a signed text with its signature block)
        ("Liền sau", "BodyText", [_el("keepNext")], []),
        ("Ký tên", "Normal", sign(), []),
        ("Ngày ký", "Ký tên", sign(), [_el("i")]),
        ("Chức danh ký", "Ký tên", sign(), [_el("b")]),
        ("Ghi chú ký", "Ký tên", sign(), [_el("i")]),
        ("Tên người ký", "Ký tên", sign(before="1300", keep=False), [_el("b")]),
        # the committee documents (templates/van-ban, the Party document format of reference
        # §4A.1, sizes as in templates/van-ban.typ): hoso.render.docx_letter sets the header and
        # closing blocks side by side in borderless tables
        *_letter_styles(),
    ]


def _letter_styles() -> list[tuple[str, str, list[ET.Element], list[ET.Element]]]:
    center = _el("jc", {"val": "center"})

    def tight(before: str = "0", after: str = "0") -> ET.Element:
        return _el("spacing", {"before": before, "after": after, "line": "264",
                               "lineRule": "auto"})

    return [
        # containers: pandoc gives a paragraph its innermost style, these never reach one
        ("Đầu văn bản", "Normal", [tight()], []),
        ("Đầu trái", "Normal", [tight(), center], []),
        ("Đầu phải", "Normal", [tight(), center], []),
        ("Cuối văn bản", "Normal", [tight()], []),
        ("Cấp trên", "Normal", [tight(), center], [_el("caps"), *_size(28)]),
        ("Cơ quan ban hành", "Normal", [tight(), center], [_el("b"), _el("caps"), *_size(28)]),
        ("Số ký hiệu", "Normal", [tight(), center], [*_size(28)]),
        ("Địa danh ngày", "Normal", [tight(before="160"), center], [_el("i"), *_size(28)]),
        ("Tên loại", "Normal", [_el("keepNext"), tight(before="280", after="40"), center],
         [_el("b"), _el("caps"), *_size(32)]),
        ("Trích yếu", "Normal", [_el("keepNext"), tight(after="60"), center],
         [_el("b"), *_size(28)]),
        ("Căn cứ", "Normal", [_el("spacing", {"before": "0", "after": "56"}),
                              _el("ind", {"left": "720"}), _el("jc", {"val": "both"})],
         [*_size(28)]),
        ("Nơi nhận", "Normal", [tight(), _el("jc", {"val": "left"})], [*_size(24)]),
    ]


def _style_id(name: str) -> str:
    ascii_name = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in ascii_name if ch.isascii() and ch.isalnum())


def _clear(parent: ET.Element, *tags: str) -> None:
    for tag in tags:
        for e in parent.findall(W + tag):
            parent.remove(e)


def _edit_defaults(root: ET.Element) -> None:
    """Tinos 13 pt, Vietnamese, a little space after each paragraph."""
    rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    ppr = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert rpr is not None
    assert ppr is not None
    for parent in (rpr, ppr):
        for child in list(parent):
            parent.remove(child)
    rpr.extend([_fonts(), *_size(BODY_HALF_POINTS),
                _el("lang", {"val": "vi-VN", "eastAsia": "vi-VN", "bidi": "ar-SA"})])
    ppr.append(_el("spacing", {"after": "80", "line": "264", "lineRule": "auto"}))


def _edit_paragraph_style(sid: str, spr: ET.Element | None, srpr: ET.Element | None) -> None:
    """Body text justified; table cells left-aligned; headings bold, black, 14 pt/13 pt."""
    if srpr is not None:
        _clear(srpr, "rFonts", "color")
    if spr is not None and sid in ("BodyText", "FirstParagraph", "Compact"):
        _clear(spr, "spacing")
        gap = "20" if sid == "Compact" else "60"
        spr.append(_el("spacing", {"before": gap, "after": gap}))
        spr.append(_el("jc", {"val": "left" if sid == "Compact" else "both"}))
    if sid.startswith("Heading") and srpr is not None:
        _clear(srpr, "sz", "szCs", "i", "iCs", "b")
        level = sid.removeprefix("Heading").removesuffix("Char")
        srpr.extend([_el("b"), *_size(HEADING_HALF_POINTS if level == "1" else BODY_HALF_POINTS)])
        if spr is not None and not sid.endswith("Char"):
            _clear(spr, "spacing")
            spr.append(_el("spacing", {"before": "240", "after": "200"}))
            if level == "1":
                spr.append(_el("jc", {"val": "center"}))
    if sid == "Hyperlink" and srpr is not None:
        srpr.append(_el("color", {"val": "000000"}))


def _edit_table_style(style: ET.Element) -> None:
    """Every cell ruled, like the booklet's tables; the header row bold on light grey."""
    tblpr = style.find(f"{W}tblPr")
    assert tblpr is not None
    tblpr.insert(1, _el("tblBorders", None, *(
        _el(side, {"val": "single", "sz": "4", "space": "0", "color": "000000"})
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))))
    first = style.find(f"{W}tblStylePr")
    if first is not None:
        first.append(_el("rPr", None, _el("b")))
        tcpr = first.find(f"{W}tcPr")
        if tcpr is not None:
            tcpr.append(_el("shd", {"val": "clear", "color": "auto", "fill": "F2F2F2"}))


def _add_styles(root: ET.Element) -> None:
    for name, based_on, ppr_children, rpr_children in _custom_styles():
        style = _el("style", {"type": "paragraph", "customStyle": "1", "styleId": _style_id(name)},
                    _el("name", {"val": name}),
                    _el("basedOn", {"val": _style_id(based_on)}),
                    _el("qFormat"),
                    _el("pPr", None, *ppr_children))
        if rpr_children:
            style.append(_el("rPr", None, *rpr_children))
        root.append(style)
    for name, size in (("Header", 20), ("Footer", 18)):
        root.append(_el("style", {"type": "paragraph", "styleId": name},
                        _el("name", {"val": name.lower()}),
                        _el("basedOn", {"val": "Normal"}),
                        _el("pPr", None, _el("spacing", {"before": "0", "after": "0"}),
                            _el("jc", {"val": "center"})),
                        _el("rPr", None, *_size(size))))


def edit_styles(xml: bytes) -> bytes:
    root = ET.fromstring(xml)
    _edit_defaults(root)
    for style in root.findall(f"{W}style"):
        sid = style.get(W + "styleId", "")
        if sid == "Table":
            _edit_table_style(style)
        else:
            _edit_paragraph_style(sid, style.find(f"{W}pPr"), style.find(f"{W}rPr"))
    _add_styles(root)
    ET.indent(root, space=" ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body + b"\n"


_DOC_NS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def document_xml() -> bytes:
    page = " ".join(f'w:{k}="{v}"' for k, v in PAGE.items())
    margins = " ".join(f'w:{k}="{v}"' for k, v in MARGINS.items())
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {_DOC_NS}>
 <w:body>
  <w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>
  <w:sectPr>
   <w:headerReference w:type="default" r:id="{HEADER_REL}"/>
   <w:footerReference w:type="default" r:id="{FOOTER_REL}"/>
   <w:pgSz {page}/>
   <w:pgMar {margins}/>
   <w:cols w:space="720"/>
  </w:sectPr>
 </w:body>
</w:document>
""".encode()


_WATERMARK_STYLE = ";".join([
    "position:absolute", "margin-left:0", "margin-top:0", "width:470pt", "height:117pt",
    "rotation:315", "z-index:-251657216", "mso-position-horizontal:center",
    "mso-position-horizontal-relative:margin", "mso-position-vertical:center",
    "mso-position-vertical-relative:margin",
])


def header_xml() -> bytes:
    """The draft mark: a red line at the top and a light diagonal watermark on every page."""
    shapetype = (
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>")
    shape = (
        f'<v:shape id="BanNhap" o:spid="_x0000_s1025" type="#_x0000_t136" '
        f'style="{_WATERMARK_STYLE}" o:allowincell="f" fillcolor="#d9d9d9" stroked="f">'
        f'<v:fill opacity=".5"/><v:textpath style="font-family:&quot;{FONT}&quot;;'
        f'font-size:1pt" string="BẢN NHÁP"/><w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape>")
    mark = ('<w:r><w:rPr><w:b/><w:color w:val="B00000"/></w:rPr>'
            '<w:t xml:space="preserve">BẢN NHÁP — không dùng để nộp</w:t></w:r>')
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {_DOC_NS}>
 <w:p>
  <w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>
  <w:r><w:pict>{shapetype}{shape}</w:pict></w:r>
  {mark}
 </w:p>
</w:hdr>
""".encode()


EMPTY_HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {_DOC_NS}>
 <w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>
</w:hdr>
""".encode()


def _field(instr: str, shown: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{shown}</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def footer_xml() -> bytes:
    def text(s: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{s}</w:t></w:r>'

    line = (text(f"Mã hồ sơ {PLACEHOLDER_CODE} · Trang ") + _field("PAGE", "1") + text("/")
            + _field("NUMPAGES", "1")
            + text(f" · {PLACEHOLDER_COMMIT} · {PLACEHOLDER_HASH}"))
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {_DOC_NS}>
 <w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{line}</w:p>
</w:ftr>
""".encode()


def edit_rels(xml: bytes) -> bytes:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    extra = (f'<Relationship Type="{base}/header" Id="{HEADER_REL}" Target="header1.xml" />'
             f'<Relationship Type="{base}/footer" Id="{FOOTER_REL}" Target="footer1.xml" />')
    return xml.replace(b"</Relationships>", extra.encode() + b"</Relationships>")


def edit_content_types(xml: bytes) -> bytes:
    base = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    extra = (f'<Override PartName="/word/header1.xml" ContentType="{base}.header+xml"/>'
             f'<Override PartName="/word/footer1.xml" ContentType="{base}.footer+xml"/>')
    return xml.replace(b"</Types>", extra.encode() + b"</Types>")


def edit_theme(xml: bytes) -> bytes:
    for name in (b"Aptos Display", b"Aptos"):
        xml = xml.replace(b'typeface="' + name + b'"', b'typeface="' + FONT.encode() + b'"')
    return xml


def edit_core(_: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://'
            b'purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            b'<dc:title>M\xe1\xba\xabu 2-KN\xc4\x90</dc:title><dc:creator>hoso</dc:creator>'
            b"</cp:coreProperties>\n")


def build(default_docx: bytes) -> bytes:
    """The reference document built from pandoc's default ``reference.docx`` bytes."""
    edits = {
        "word/styles.xml": edit_styles,
        "word/_rels/document.xml.rels": edit_rels,
        "[Content_Types].xml": edit_content_types,
        "word/theme/theme1.xml": edit_theme,
        "docProps/core.xml": edit_core,
    }
    new_parts = {
        "word/document.xml": document_xml(),
        "word/header1.xml": header_xml(),
        "word/footer1.xml": footer_xml(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default_docx)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = [n for n in src.namelist() if n not in new_parts]
        parts = {n: src.read(n) for n in names}
        for name, edit in edits.items():
            parts[name] = edit(parts[name])
        parts.update(new_parts)
        first = "[Content_Types].xml"
        for name in [first, *sorted(n for n in parts if n != first)]:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, parts[name])
    return out.getvalue()


def build_from_pandoc() -> bytes:
    return build(pandoc.default_reference_docx())


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from hoso.errors import HosoError
    from hoso.repo import find_repo

    try:
        target = Path(args[0]) if args else find_repo().templates_dir / "reference.docx"
        target.write_bytes(build_from_pandoc())
    except HosoError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"Đã ghi {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
