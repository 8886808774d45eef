"""Annexes E-G, what a reviewer checks the record against: the gaps, the sources, the warnings."""

from __future__ import annotations

import re
from itertools import groupby

from ropa.render.word.annexes import annex_heading
from ropa.render.word.evidence import Quotes, evidence_block
from ropa.render.word.ooxml import Body, Element, Run, TableSpec
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import NOTE, REGISTER_TABLE, TABLE_LABEL, TABLE_TEXT
from ropa.render.word.values import Context
from ropa.reporting.gaps import Gap

_DASH = "–"


def write_gaps(ctx: Context, body: Body) -> None:
    """Annex E: every point the source leaves open, the organisation's first, then by activity."""
    annex_heading(ctx, body, "gaps")
    missing = ctx.missing
    if not missing:
        body.add(xml_para(ctx.t("docx.gaps.none")))
        return
    body.add(xml_para(ctx.counted("docx.gaps.intro", len(missing), count=len(missing))))
    spec = TableSpec((3300, 1900, 4212), style=REGISTER_TABLE)
    tbl = spec.new(body, [ctx.t("docx.col.point"), ctx.t("docx.col.article"), ctx.t("point.note")])
    labels: dict[tuple[str, bool], Element] = {}  # each point's label and article, made once: they repeat for every activity
    articles: dict[str, list[Element]] = {}
    for activity, group in groupby(missing, key=lambda g: g.activity):
        title = ctx.activity_ref(activity) if activity is not None else ctx.t("word.organisation")
        spec.span_row(tbl, [xml_para(title, TABLE_LABEL, keep_next=True)])
        for gap in group:
            org_wide = gap.field.startswith("defaults.")
            label = labels.get((gap.point.key, org_wide))
            if label is None:
                text = ctx.t(f"point.{gap.point.key}")
                label = xml_para(f"{text} {ctx.t('docx.org-wide-label')}" if org_wide else text, TABLE_TEXT)
                if type(label) is str:  # a paragraph object is placed once: made anew each time
                    labels[gap.point.key, org_wide] = label
            article = articles.get(gap.point.article)
            if article is None:
                article = ctx.text(ctx.t("docx.article.template") if gap.point.article == "template" else gap.point.article)
                if type(article[0]) is str:
                    articles[gap.point.article] = article
            item = _item(ctx, gap)
            point = [label, xml_para([Run(item, NOTE)], TABLE_TEXT)] if item else [label]
            spec.row(tbl, (point, article, ctx.text(gap.note or _DASH)))
            body.checkpoint(tbl)


_ITEM = re.compile(r"^activities\[(\d+)\]\.(purposes|transfers)\[(\d+)\]")


def _item(ctx: Context, gap: Gap) -> str | None:
    """Which purpose or transfer a per-item gap is about, so two 'Lawful basis' rows can be told apart."""
    m = _ITEM.match(gap.field)
    if m is None:
        return None
    act = ctx.register.activities[int(m.group(1))]
    index = int(m.group(3))
    if m.group(2) == "purposes":
        return f"{index + 1}. {act.purposes[index].description}" if len(act.purposes) > 1 else None
    if not isinstance(act.transfers, list):
        return None
    transfer = act.transfers[index]
    if transfer.recipient:
        return ctx.names([transfer.recipient], ctx.recipients)[0]
    return ctx.country(transfer.country) if transfer.country else transfer.organisation or transfer.unnamed_destination


def write_sources(ctx: Context, body: Body) -> None:
    """Annex F: the documents the register is encoded from, and the register file itself."""
    annex_heading(ctx, body, "sources")
    keys = ["docx.col.identifier", "docx.col.title", "docx.col.language", "docx.col.date", "docx.col.location"]
    spec = TableSpec((1500, 2900, 1200, 1700, 2112), style=REGISTER_TABLE)
    tbl = spec.new(body, [ctx.t(k) for k in keys])
    quotes = Quotes()
    for src in ctx.register.sources:
        quotes.add_from(f"{src.title} ({ctx.t('docx.col.date')})", src.date)
        date = ctx.point(src.date, lambda day: ctx.text(ctx.date(day)))
        where = ctx.lines([src.file] + ([src.url] if src.url else []))
        spec.row(tbl, (ctx.text(src.id), ctx.text(src.title), ctx.text(ctx.language_name(src.language)), date, where))
    data = ctx.data
    body.add(
        xml_para([Run(ctx.t("docx.sources.register") + ctx.t("punct.colon"), NOTE), data.source_path]),
        xml_para([Run("SHA-256: ", NOTE), data.sha256]),
    )
    evidence_block(ctx, body, quotes)  # where a source's date is quoted from


def write_warnings(ctx: Context, body: Body) -> None:
    """Annex G (only when validation warned): the warnings, with their line in the register file."""
    if not ctx.data.warnings:
        return
    annex_heading(ctx, body, "warnings")
    body.add(xml_para(ctx.t("docx.warnings.intro")))
    spec = TableSpec((800, 2300, 6312), style=REGISTER_TABLE)
    tbl = spec.new(body, [ctx.t("docx.col.line"), ctx.t("docx.col.code"), ctx.t("docx.col.message")])
    for finding in ctx.data.warnings:
        spec.row(tbl, (ctx.text(finding.line), ctx.text(finding.code), ctx.text(finding.message)))
        body.checkpoint(tbl)
