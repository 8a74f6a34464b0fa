"""The fixed parts of the Word package: content types, relationships, styles, page setup.

A4 portrait, Times New Roman 13 pt as the typed Party documents use; the styles the form's
paragraphs name (``HuongDan`` for guidance, ``NhanMuc`` for a field's label) and a bordered
table style. Word and LibreOffice Writer open these parts without repair.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lxml import etree

from hoso.escape import xml as xml_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

#: Text width of an A4 page with 2 cm / 3 cm / 1.5 cm margins, in twentieths of a point.
TEXT_WIDTH = 9638
FIELD_WIDTHS = (3600, TEXT_WIDTH - 3600)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def column_widths(kinds: Sequence[str]) -> tuple[int, ...]:
    """Columns of a table: dates and choices narrow, text shares the rest."""
    narrow = {"date": 1250, "choice": 1800, "flag": 1200}
    fixed = sum(narrow.get(k, 0) for k in kinds)
    texts = [k for k in kinds if k not in narrow]
    each = (TEXT_WIDTH - fixed) // max(len(texts), 1)
    return tuple(narrow.get(k, each) for k in kinds)


def section_properties() -> etree._Element:
    sect = etree.Element(w("sectPr"))
    size = etree.SubElement(sect, w("pgSz"))
    size.set(w("w"), "11906")
    size.set(w("h"), "16838")
    margin = etree.SubElement(sect, w("pgMar"))
    for side, value in (("top", "1134"), ("right", "850"), ("bottom", "1134"), ("left", "1701"),
                        ("header", "709"), ("footer", "709"), ("gutter", "0")):
        margin.set(w(side), value)
    return sect


_PKG = "application/vnd.openxmlformats-package."
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="{_PKG}relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{DOC_TYPE}"/>
<Override PartName="/word/styles.xml" ContentType="{_WML}styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_WML}settings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="{_PKG}core-properties+xml"/>
<Override PartName="/docProps/app.xml"
 ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2"
 Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
 Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

_DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{REL}/settings" Target="settings.xml"/>
</Relationships>"""

_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/><w:compat>
<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
</w:compat></w:settings>"""

_FONT = ('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" '
         'w:eastAsia="Times New Roman"/>')


def _style(kind: str, sid: str, name: str, ppr: str = "", rpr: str = "", extra: str = "") -> str:
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{extra}'
            f'{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}'
            f"</w:style>")


_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))

_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    f'<w:docDefaults><w:rPrDefault><w:rPr>{_FONT}<w:sz w:val="26"/><w:szCs w:val="26"/>'
    f'<w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
    f'<w:spacing w:after="60" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + _style("paragraph", "Normal", "Normal", extra="<w:qFormat/>")
    + _style("paragraph", "Title", "Title", '<w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/>',
             '<w:b/><w:sz w:val="32"/>', '<w:basedOn w:val="Normal"/><w:qFormat/>')
    + _style("paragraph", "Heading1", "heading 1", '<w:keepNext/><w:jc w:val="center"/>'
             '<w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
             '<w:b/><w:sz w:val="28"/>', '<w:basedOn w:val="Normal"/><w:qFormat/>')
    + _style("paragraph", "Heading2", "heading 2", '<w:keepNext/><w:spacing w:before="240" w:after="60"/>'
             '<w:outlineLvl w:val="1"/>', "<w:b/>", '<w:basedOn w:val="Normal"/><w:qFormat/>')
    + _style("paragraph", "Heading3", "heading 3", '<w:keepNext/><w:spacing w:before="160" w:after="60"/>'
             '<w:outlineLvl w:val="2"/>', "<w:b/><w:i/>", '<w:basedOn w:val="Normal"/><w:qFormat/>')
    + _style("paragraph", "HuongDan", "Hướng dẫn", "", '<w:i/><w:color w:val="595959"/>'
             '<w:sz w:val="20"/><w:szCs w:val="20"/>', '<w:basedOn w:val="Normal"/>')
    + _style("paragraph", "NhanMuc", "Nhãn mục", '<w:keepNext/>', "<w:b/>", '<w:basedOn w:val="Normal"/>')
    + _style("character", "PlaceholderText", "Placeholder Text", "", '<w:color w:val="808080"/>')
    + _style("table", "BangMau", "Bảng mẫu", "", "",
             f'<w:tblPr><w:tblBorders>{_BORDERS}</w:tblBorders><w:tblCellMar>'
             f'<w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>')
    + "</w:styles>"
)


def _core(code: str, today: date) -> str:
    stamp = f"{today.isoformat()}T00:00:00Z"
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Mẫu 2-KNĐ — Lý lịch của người xin vào Đảng ({xml_text(code)})</dc:title>
<dc:creator>hoso</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>
</cp:coreProperties>"""


_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>hoso</Application></Properties>"""


def package_parts(code: str, today: date) -> dict[str, bytes]:
    """Every part but ``word/document.xml``."""
    return {
        "[Content_Types].xml": _CONTENT_TYPES.encode(),
        "_rels/.rels": _ROOT_RELS.encode(),
        "word/_rels/document.xml.rels": _DOC_RELS.encode(),
        "word/styles.xml": _STYLES.encode(),
        "word/settings.xml": _SETTINGS.encode(),
        "docProps/core.xml": _core(code, today).encode(),
        "docProps/app.xml": _APP.encode(),
    }
