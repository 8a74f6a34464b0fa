"""The committee documents' DOCX in the Party document format, like ``templates/van-ban.typ`` draws
their PDF (reference §4A.1, figures [U]): margins 25/25/35/15 mm, 14 pt body with a 1.27 cm
first-line indent, the header blocks side by side (left: superior body, issuing body, "*",
number; right: "ĐẢNG CỘNG SẢN VIỆT NAM" over a rule, place and date), a short rule under the
summary line, "Nơi nhận" beside the signature block, and "DỰ THẢO" as the draft mark.

pandoc gives each paragraph the style of its innermost ``custom-style`` div (the styles are in
``reference.docx``, :mod:`hoso.render.make_reference_docx`); the side-by-side blocks, which a
paragraph style cannot express, become borderless two-column tables here.
"""

from __future__ import annotations

import re

# twips (1 mm = 56.7)
MARGINS = {"top": 1418, "right": 851, "bottom": 1418, "left": 1985}
TEXT_WIDTH = 11906 - MARGINS["left"] - MARGINS["right"]
BODY_HALF_POINTS = 28  # 14 pt
FIRST_LINE = 720  # 1.27 cm
GAP = 56  # twips between body paragraphs
DRAFT_LINE = "DỰ THẢO — hoso tạo từ dữ liệu hồ sơ, cấp ủy kiểm tra trước khi ký"
DRAFT_MARK = "DỰ THẢO"

_P = r'<w:p><w:pPr><w:pStyle w:val="(?:{})" />(?:(?!</w:p>).)*</w:p>\s*'


def _run_of(*styles: str) -> str:
    return "(?:" + _P.format("|".join(styles)) + ")+"


_HEAD = re.compile("(" + _run_of("Captren", "Coquanbanhanh", "Giua", "Sokyhieu") + ")("
                   + _run_of("TenDang", "Diadanhngay") + ")", re.S)
_FOOT = re.compile("(" + _run_of("Noinhan") + ")("
                   + _run_of("Kyten", "Chucdanhky", "Ghichuky", "Tennguoiky", "Ngayky") + ")",
                   re.S)
_SUMMARY = re.compile(_P.format("Trichyeu"), re.S)
_PARTY = re.compile(r'(<w:p><w:pPr><w:pStyle w:val="TenDang" />)<w:ind [^>]*/>((?:(?!</w:p>).)*</w:p>)',
                    re.S)
_NIL = "".join(f'<w:{side} w:val="nil" />' for side in ("top", "left", "bottom", "right",
                                                        "insideH", "insideV"))
_RULE = '<w:{side} w:val="single" w:sz="6" w:space="1" w:color="000000" />'


def _in_cell(paragraphs: str) -> str:
    """Paragraphs set in a cell: no side indent (the signature styles indent for the booklet)."""
    return re.sub(r'(<w:pStyle w:val="[^"]+" />)', r'\1<w:ind w:left="0" w:right="0" />',
                  paragraphs)


def _side_by_side(left: str, right: str, share: float) -> str:
    """A borderless one-row table: ``left`` in a cell ``share`` of the text width, ``right``
    in the rest."""
    a = int(TEXT_WIDTH * share)
    b = TEXT_WIDTH - a
    cell = '<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa" /></w:tcPr>{}</w:tc>'
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa" />'
            f'<w:tblInd w:w="0" w:type="dxa" /><w:tblBorders>{_NIL}</w:tblBorders>'
            '<w:tblLayout w:type="fixed" /><w:tblCellMar><w:left w:w="0" w:type="dxa" />'
            '<w:right w:w="113" w:type="dxa" /></w:tblCellMar><w:tblLook w:val="0000" />'
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{a}" /><w:gridCol w:w="{b}" /></w:tblGrid>'
            '<w:tr><w:trPr><w:cantSplit /></w:trPr>'
            + cell.format(a, _in_cell(left)) + cell.format(b, _in_cell(right))
            + "</w:tr></w:tbl>")


def _party_name(m: re.Match[str]) -> str:
    """"ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt with a rule of about its length below."""
    head, rest = m.groups()
    rest = rest.replace("<w:r>", '<w:r><w:rPr><w:sz w:val="30" /><w:szCs w:val="30" /></w:rPr>')
    border = "<w:pBdr>" + _RULE.format(side="bottom") + "</w:pBdr>"
    return head + border + '<w:ind w:left="340" w:right="340" />' + rest


def _summary_rule(m: re.Match[str]) -> str:
    """A short rule (a quarter of the text width) under the summary line."""
    side = TEXT_WIDTH * 3 // 8
    rule = ("<w:p><w:pPr><w:pBdr>" + _RULE.format(side="top") + "</w:pBdr>"
            '<w:spacing w:before="100" w:after="140" w:line="120" w:lineRule="exact" />'
            f'<w:ind w:left="{side}" w:right="{side}" /></w:pPr></w:p>')
    return m.group(0) + rule


_GRID = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.S)
_COL = re.compile(r'<w:gridCol w:w="(\d+)"\s*/>')
MIN_COLUMN = 680  # 1.2 cm: "TT" in 12 pt bold and the cell margins


def _fit_tables(xml: str) -> str:
    """The data tables across this layout's text width, no column narrower than
    :data:`MIN_COLUMN` (the widest gives up the difference)."""

    def fit(m: re.Match[str]) -> str:
        widths = [int(w) for w in _COL.findall(m.group(1))]
        total = sum(widths)
        if not total:
            return m.group(0)
        widths = [max(MIN_COLUMN, w * TEXT_WIDTH // total) for w in widths]
        widths[widths.index(max(widths))] -= sum(widths) - TEXT_WIDTH
        return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}" />' for w in widths) + \
            "</w:tblGrid>"

    return _GRID.sub(fit, xml)


def document(xml: str) -> str:
    """``word/document.xml`` of a committee document in the Party layout."""
    xml = _fit_tables(xml)
    xml = _HEAD.sub(lambda m: _PARTY.sub(_party_name, _side_by_side(m.group(1), m.group(2),
                                                                     1 / 2.2)), xml, count=1)
    xml = _FOOT.sub(lambda m: _side_by_side(m.group(1), m.group(2), 0.5), xml, count=1)
    xml = _SUMMARY.sub(_summary_rule, xml, count=1)

    def margins(m: re.Match[str]) -> str:
        tag = m.group(0)
        for side, twips in MARGINS.items():
            tag = re.sub(rf'w:{side}="\d+"', f'w:{side}="{twips}"', tag)
        return tag

    return re.sub(r"<w:pgMar [^>]*/>", margins, xml)


def styles(xml: str) -> str:
    """``word/styles.xml``: 14 pt text, body paragraphs with a first-line indent."""
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", xml, re.S)
    assert defaults is not None, "styles.xml without w:docDefaults"
    sized = re.sub(r'(<w:szC?s? w:val=")\d+(")', rf"\g<1>{BODY_HALF_POINTS}\2", defaults.group(0))
    xml = xml.replace(defaults.group(0), sized)

    def indent(m: re.Match[str]) -> str:
        # table cells (Compact, based on Body Text) keep no indent
        if m.group(1) == "Compact":
            return m.group(0).replace("<w:jc ", '<w:ind w:firstLine="0" /><w:jc ', 1)
        # paragraphs 2.8 pt apart, like "spacing: 0.8em" over "leading: 0.6em" in van-ban.typ
        style = re.sub(r"<w:spacing [^>]*/>", f'<w:spacing w:before="0" w:after="{GAP}" />',
                       m.group(0), count=1)
        return style.replace("<w:jc ", f'<w:ind w:firstLine="{FIRST_LINE}" /><w:jc ', 1)

    xml = re.sub(r'<w:style [^>]*w:styleId="(BodyText|FirstParagraph|Compact)"[^>]*>.*?</w:style>',
                 indent, xml, flags=re.S)
    # the signer's title in capitals, as upper() in van-ban.typ ("BÍ THƯ")
    xml = re.sub(r'(<w:style [^>]*w:styleId="Chucdanhky"[^>]*>(?:(?!</w:style>).)*?<w:b />)',
                 r"\1<w:caps />", xml, count=1, flags=re.S)
    # 20 mm to sign in, as v(20mm) in van-ban.typ (the booklet leaves 23 mm)
    return re.sub(r'(<w:style [^>]*w:styleId="Tennguoiky"[^>]*>(?:(?!</w:style>).)*?w:before=")'
                  r'\d+"', r'\g<1>1134"', xml, count=1, flags=re.S)


def header(xml: str) -> str:
    """The draft mark of a committee document: "DỰ THẢO" (a draft for the committee to check)."""
    return xml.replace("BẢN NHÁP — không dùng để nộp", DRAFT_LINE).replace(
        'string="BẢN NHÁP"', f'string="{DRAFT_MARK}"')
