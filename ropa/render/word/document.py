"""The document around the body: template, styles, A4 page, header and footer, properties.

python-docx serves as the package here (parts, relationships, header and footer parts); the
body itself is written with :mod:`ropa.render.word.ooxml`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Twips

from ropa.model import Register
from ropa.render.word import styles
from ropa.render.word.ooxml import Body, Element, field, para, w
from ropa.render.word.values import Context

#: Word 2010's copy of the styles with text effects (python-docx has no constant for it).
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

#: python-docx raises for core properties longer than this.
CORE_PROPERTY_LIMIT = 255


def register_name(register: Register) -> str:
    """The name a register goes by: its title, else the controller's name."""
    return register.info.title or register.controller.name.value


def version_line(ctx: Context) -> str:
    """'Built by ropa 0.1.0 from policies/cmt/register.yaml (SHA-256 ...)'."""
    return ctx.t("docx.version-line", version=ctx.data.tool_version, source=ctx.data.source_path, sha256=ctx.data.sha256)


def fit(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def new_document(ctx: Context) -> tuple[Any, Body]:
    """A python-docx document with our styles, page set-up, header, footer and properties."""
    document = docx.Document()
    _drop_thumbnail(document)
    _drop_styles_with_effects(document)
    styles.install(document.styles.element, ctx.lang)
    _page(document)
    _header_footer(document, ctx)
    _core_properties(document, ctx)
    _app_properties(document, ctx)
    _settings(document.settings.element, ctx.lang)
    return document, Body(document.element.body)


def _drop_thumbnail(document: Any) -> None:
    """The template's thumbnail shows an empty page of another document: leave it out."""
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rid]


def _drop_styles_with_effects(document: Any) -> None:
    """The template's Word 2010 copy of its styles would go stale beside ours: leave the part out
    (its relationship, so python-docx writes neither the part nor its content type)."""
    rels = document.part.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            del rels[rid]


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(styles.PAGE_WIDTH), Twips(styles.PAGE_HEIGHT)
    section.left_margin = section.right_margin = Twips(styles.MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Twips(styles.MARGIN_TOP), Twips(styles.MARGIN_BOTTOM)
    section.header_distance = section.footer_distance = Twips(styles.MARGIN_EDGE)
    section.different_first_page_header_footer = True


def _fill(paragraph: Any, content: list[Element]) -> None:
    p = paragraph._p
    for el in content:
        p.append(el)


def _header_footer(document: Any, ctx: Context) -> None:
    """Header: register name and date. Footer: organisation and "page X of Y". None on the title page."""
    section = document.sections[0]
    reg = ctx.register
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    _fill(header, list(para(f"{register_name(reg)}\t{ctx.date(reg.info.date)}")))
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    before, rest = ctx.t("docx.footer-page").split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    runs = list(para(f"{reg.controller.name.value}\t{before}"))
    runs += field("PAGE", "1") + list(para(middle)) + field("NUMPAGES", "1") + list(para(after))
    _fill(footer, runs)
    # The title page: no header, and at its foot the version line (tool version, input and its hash).
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = document.styles["Normal"]
    section.first_page_footer.is_linked_to_previous = False
    version = section.first_page_footer.paragraphs[0]
    version.style = document.styles["Version Line"]
    _fill(version, list(para(version_line(ctx))))


def _core_properties(document: Any, ctx: Context) -> None:
    """Title, subject, author and dates from the register: never the wall clock or the template's 2013."""
    reg = ctx.register
    props = document.core_properties
    day = reg.info.date
    stamp = dt.datetime(day.year, day.month, day.day)
    props.title = fit(f"{ctx.t('docx.title')}: {register_name(reg)}")
    props.subject = fit(ctx.t("docx.subject"))
    props.author = "ropa"
    props.last_modified_by = "ropa"
    props.keywords = fit(ctx.t("docx.keywords"))
    props.comments = fit(version_line(ctx))
    props.category = fit(ctx.t("docx.title"))
    props.identifier = fit(reg.info.id)
    props.language = ctx.lang
    props.revision = 1
    props.created = stamp
    props.modified = stamp


def _app_properties(document: Any, ctx: Context) -> None:
    """Extended properties naming ropa, not the template's Word for Mac 2011."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                f"<Template>Normal.dotm</Template><Application>{escape('ropa ' + ctx.data.tool_version)}</Application>"
                "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
                "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
            ).encode()


def _settings(settings: Element, lang: str) -> None:
    """Word's settings: the document's language for spelling; no revision-session ids; a complete zoom."""
    for zoom in settings.findall(w("zoom")):
        zoom.set(w("percent"), "100")  # required by CT_Zoom (wml.xsd); the template omits it
    for rsids in settings.findall(w("rsids")):
        settings.remove(rsids)
    for font_lang in settings.findall(w("themeFontLang")):
        font_lang.set(w("val"), styles.word_language(lang))
