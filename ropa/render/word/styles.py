"""The styles of the Word register: Word's own (Title, Heading 1-3, Quote, toc 1-2) restyled, plus ours.

Restyling Word's built-in styles rather than formatting paragraphs directly keeps the navigation
pane, the outline and "restyle the whole document" working for the reader. Each style is
resolved once here; the body refers to styles by id only.
"""

from __future__ import annotations

from ropa.render.word.ooxml import Element, parse, w

# Page geometry (A4), in twentieths of a point.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_EDGE = 1247, 1417, 1304, 624
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE

# Style ids used in the body.
TITLE, SUBTITLE, QUOTE = "Title", "Subtitle", "Quote"
HEADINGS = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
TOC_HEADING, TOC = "TOCHeading", {1: "TOC1", 2: "TOC2"}
QUOTE_SOURCE, TABLE_TEXT, TABLE_LABEL, TABLE_HEADING = "QuoteSource", "TableText", "TableLabel", "TableHeading"
TABLE_ITEM = "TableItem"
TITLE_LABEL, TITLE_TEXT, READING_NOTE, APPROVAL = "TitleLabel", "TitleText", "ReadingNote", "ApprovalHeading"
VERSION_LINE = "VersionLine"
NOT_STATED, MARKER, ARTICLE, NOTE = "NotStated", "StatusMarker", "ArticleReference", "NoteText"
REGISTER_TABLE, DETAILS_TABLE = "RegisterTable", "DetailsTable"

NAVY, GREY, RULE = "1F3864", "595959", "BFBFBF"
FONT = "Calibri"

_LANG = {"en": "en-GB", "sv": "sv-SE", "nl": "nl-NL", "de": "de-DE", "fr": "fr-FR"}


def word_language(lang: str) -> str:
    """Word's language tag for the labels' language (spelling and hyphenation): 'de' -> 'de-DE'."""
    return _LANG.get(lang, "en-GB")


# Built-in styles: (paragraph properties, run properties) replacing the template's.
_BUILT_IN: dict[str, tuple[str, str]] = {
    "Normal": ('<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>', ""),
    TITLE: (
        '<w:spacing w:before="1400" w:after="240" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>',
        f'<w:color w:val="{NAVY}"/><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/>',
    ),
    SUBTITLE: ('<w:spacing w:before="0" w:after="600"/>', '<w:color w:val="404040"/><w:sz w:val="32"/><w:szCs w:val="32"/>'),
    "Heading1": (
        "<w:keepNext/><w:keepLines/><w:pageBreakBefore/>"
        f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="{NAVY}"/></w:pBdr>'
        '<w:tabs><w:tab w:val="left" w:pos="680"/></w:tabs><w:spacing w:before="0" w:after="240"/>'
        '<w:ind w:left="680" w:hanging="680"/><w:outlineLvl w:val="0"/>',
        f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
    ),
    "Heading2": (
        '<w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="851"/></w:tabs>'
        '<w:spacing w:before="360" w:after="120"/><w:ind w:left="851" w:hanging="851"/><w:outlineLvl w:val="1"/>',
        f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
    "Heading3": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/>',
        '<w:b/><w:bCs/><w:color w:val="404040"/><w:sz w:val="21"/><w:szCs w:val="21"/>',
    ),
    QUOTE: (
        f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{RULE}"/></w:pBdr>'
        '<w:spacing w:before="120" w:after="0"/><w:ind w:left="567" w:right="567"/>',
        '<w:i/><w:iCs/><w:color w:val="262626"/>',
    ),
    TOC_HEADING: ('<w:outlineLvl w:val="9"/>', ""),
    "Header": (
        f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
        f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
    "Footer": (
        f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
        f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
}

_TABLE_MARGINS = (
    '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
)

# Our own styles: (type, id, name, based on, extra elements inside w:style).
_CUSTOM: list[tuple[str, str, str, str | None, str]] = [
    (
        "paragraph",
        QUOTE_SOURCE,
        "Quote Source",
        QUOTE,
        '<w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr>'
        f'<w:rPr><w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
    ),
    (
        "paragraph",
        TABLE_TEXT,
        "Table Text",
        "Normal",
        '<w:pPr><w:spacing w:before="20" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    ("paragraph", TABLE_LABEL, "Table Label", TABLE_TEXT, "<w:rPr><w:b/><w:bCs/></w:rPr>"),
    ("paragraph", TABLE_ITEM, "Table Item", TABLE_TEXT, '<w:pPr><w:spacing w:before="140"/></w:pPr>'),
    (
        "paragraph",
        TITLE_LABEL,
        "Title Label",
        TABLE_LABEL,
        '<w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
    ),
    (
        "paragraph",
        READING_NOTE,
        "Reading Note",
        "Normal",
        f'<w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="8" w:color="{RULE}"/></w:pBdr><w:spacing w:before="600" w:after="0"/></w:pPr>'
        '<w:rPr><w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    ("paragraph", APPROVAL, "Approval Heading", TITLE_LABEL, '<w:pPr><w:keepNext/><w:spacing w:before="720" w:after="120"/></w:pPr>'),
    (
        "paragraph",
        TITLE_TEXT,
        "Title Text",
        TABLE_TEXT,
        '<w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
    ),
    (
        "paragraph",
        TABLE_HEADING,
        "Table Heading",
        TABLE_TEXT,
        '<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>',
    ),
    (
        "paragraph",
        VERSION_LINE,
        "Version Line",
        "Normal",
        f'<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr><w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
    ),
    (
        "paragraph",
        TOC[1],
        "toc 1",
        "Normal",
        f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="680"/><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:spacing w:before="120" w:after="0"/><w:ind w:left="680" w:hanging="680"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>',
    ),
    (
        "paragraph",
        TOC[2],
        "toc 2",
        "Normal",
        f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="1531"/><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:spacing w:before="0" w:after="0"/><w:ind w:left="1531" w:hanging="851"/></w:pPr>',
    ),
    (
        "character",
        NOT_STATED,
        "Not Stated",
        None,
        '<w:rPr><w:i/><w:iCs/><w:color w:val="9C0006"/><w:shd w:val="clear" w:color="auto" w:fill="FCE4E4"/></w:rPr>',
    ),
    ("character", MARKER, "Status Marker", None, f'<w:rPr><w:i/><w:iCs/><w:color w:val="{GREY}"/></w:rPr>'),
    (
        "character",
        ARTICLE,
        "Article Reference",
        None,
        f'<w:rPr><w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
    ),
    ("character", NOTE, "Note Text", None, f'<w:rPr><w:i/><w:iCs/><w:color w:val="{GREY}"/></w:rPr>'),
    (
        "table",
        REGISTER_TABLE,
        "Register Table",
        "TableNormal",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:tblPr><w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + f"</w:tblBorders>{_TABLE_MARGINS}</w:tblPr>"
        f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr></w:tblStylePr>',
    ),
    (
        "table",
        DETAILS_TABLE,
        "Details Table",
        "TableNormal",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:tblPr><w:tblBorders>"
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="D9D9D9"/>' for side in ("top", "bottom", "insideH"))
        + f"</w:tblBorders>{_TABLE_MARGINS}</w:tblPr>",
    ),
]


def _replace_props(style: Element, ppr: str, rpr: str) -> None:
    for tag in ("pPr", "rPr"):
        for old in style.findall(w(tag)):
            style.remove(old)
    if ppr:
        style.append(parse(f"<w:pPr>{ppr}</w:pPr>"))
    if rpr:
        style.append(parse(f"<w:rPr>{rpr}</w:rPr>"))


def install(styles: Element, lang: str) -> None:
    """Restyle the built-in styles and add ours to the ``w:styles`` element of the document."""
    defaults = styles.find(w("docDefaults"))
    rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    tag = word_language(lang)
    rpr.append(parse(f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
    rpr.append(parse('<w:sz w:val="20"/>'))
    rpr.append(parse('<w:szCs w:val="20"/>'))
    rpr.append(parse(f'<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'))
    by_id = {s.get(w("styleId")): s for s in styles.findall(w("style"))}
    for style_id, (ppr, run_props) in _BUILT_IN.items():
        _replace_props(by_id[style_id], ppr, run_props)
    for kind, style_id, name, based_on, extra in _CUSTOM:
        if style_id in by_id:
            styles.remove(by_id[style_id])
        base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
        # toc 1 and toc 2 are Word's built-in styles (Word fills them when it updates the TOC).
        custom = "" if name.startswith("toc ") else ' w:customStyle="1"'
        flags = '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>' if not custom else "<w:qFormat/>"
        styles.append(
            parse(f'<w:style w:type="{kind}"{custom} w:styleId="{style_id}"><w:name w:val="{name}"/>{base}{flags}{extra}</w:style>')
        )
