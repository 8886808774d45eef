"""The title page and the table of contents (a real TOC field, pre-filled with the headings)."""

from __future__ import annotations

import re

from ropa.render.word.ooxml import W_VAL, Body, Element, Run, TableSpec, linked_para, para, parse, w
from ropa.render.word.styles import (
    APPROVAL,
    DETAILS_TABLE,
    NOT_STATED,
    READING_NOTE,
    REGISTER_TABLE,
    SUBTITLE,
    TABLE_LABEL,
    TABLE_TEXT,
    TEXT_WIDTH,
    TITLE,
    TITLE_LABEL,
    TITLE_TEXT,
    TOC,
    TOC_HEADING,
)
from ropa.render.word.values import Context
from ropa.reporting.review_status import period_text, status_text

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def write_title_page(ctx: Context, body: Body) -> None:
    """Title, organisation, its legal details, the register date and its review status (the version line is in the page's footer)."""
    reg, c = ctx.register, ctx.register.controller
    # "(GDPR Art. 30)" is kept on one line: the title breaks before it, not inside it.
    title = re.sub(r"\(([^)]*)\)", lambda m: "(" + m.group(1).replace(" ", "\u00a0") + ")", ctx.t("docx.title"))
    body.add(para(title, TITLE), para(c.name.value, SUBTITLE))
    spec = TableSpec((3000, TEXT_WIDTH - 3000), style=DETAILS_TABLE, label_column=False)
    details = spec.new(body)
    rows = [("point.controller-name", ctx.text(c.name.value))]
    rows.append(("point.registration-number", ctx.point(c.registration_number, ctx.text)))
    if c.vat_number is not None:
        rows.append(("point.vat-number", ctx.point(c.vat_number, ctx.text)))
    rows.append(("point.address", ctx.point(c.address, ctx.text)))
    rows.append(("point.country", ctx.point(c.country, lambda code: ctx.text(ctx.country(code)))))
    rows.append(("docx.register-date", ctx.text(ctx.date(reg.info.date))))
    rows.append(("point.last-reviewed", ctx.point(reg.info.last_reviewed, lambda day: ctx.text(ctx.date(day)))))
    rows.append(("point.review-period", ctx.text(period_text(reg, ctx.t))))
    rows.append(("point.review-status", ctx.text(status_text(reg, ctx.t, ctx.date))))
    rows.append(("docx.register-id", ctx.text(reg.info.id)))
    for key, value in rows:
        spec.row(details, (ctx.label_cell(key), _without_notes(value)))
    # The title page's details read at body size: restyle the table paragraphs.
    restyle = {TABLE_LABEL: TITLE_LABEL, TABLE_TEXT: TITLE_TEXT}
    for style in details.iter(w("pStyle")):
        style.set(W_VAL, restyle.get(style.get(W_VAL), style.get(W_VAL)))
    _approval(ctx, body)


def _approval(ctx: Context, body: Body) -> None:
    """Space for the reviewers: who reviewed and who approved the record, when, and their signatures."""
    body.add(para(ctx.t("docx.approval"), APPROVAL))
    spec = TableSpec((2200, 3600, 1600, TEXT_WIDTH - 7400), style=REGISTER_TABLE, label_column=True)
    table = spec.new(body, ["", ctx.t("docx.col.name"), ctx.t("docx.col.date"), ctx.t("docx.col.signature")])
    for key in ("docx.approval.reviewed", "docx.approval.approved"):
        spec.row(table, [[para(ctx.t(key), TITLE_LABEL)], [], [], []])
        table[-1][0].append(parse('<w:trHeight w:val="680"/>'))


def _without_notes(cell: list[Element]) -> list[Element]:
    """The title page shows values and gap marks; the encoder's notes are in the sections."""
    return cell[:1]


def contents(ctx: Context, body: Body) -> list[Element]:
    """The TOC heading and field, its result pre-filled with every Heading 1 and 2 as a link.

    Page numbers are Word's to compute: the field is marked dirty, so Word refreshes it when the
    document is opened, and the pre-filled entries make it useful before that.
    """
    out = [para(ctx.t("docx.contents"), TOC_HEADING)]
    begin = [
        parse('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'),
        parse(f'<w:r><w:instrText xml:space="preserve"> {TOC_INSTRUCTION} </w:instrText></w:r>'),
        parse('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'),
    ]
    entries = []
    for level, number, title, anchor in body.outline:
        text = f"{number}\t{title}" if number else title
        entries.append(linked_para(anchor, text, TOC[level]))
    if not entries:
        entries.append(para(""))
    first = entries[0]
    ppr = first[0] if len(first) and first[0].tag.endswith("}pPr") else None
    for i, el in enumerate(begin):
        first.insert(i + (1 if ppr is not None else 0), el)
    entries[-1].append(parse('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    return [*out, *entries, _reading_note(ctx)]


def _reading_note(ctx: Context) -> Element:
    """How to read the record: where the entries come from and how a gap is marked."""
    text = ctx.t("docx.reading", sources=ctx.annex["sources"], gaps=ctx.annex["gaps"], marker="\0")
    lead, rest = text.split(". ", 1)
    before, after = rest.split("\0", 1)
    return para([Run(lead + ".", "Strong"), " " + before, Run(ctx.t("status.not-stated"), NOT_STATED), after], READING_NOTE)
