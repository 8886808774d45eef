"""The Word register's Art. 13(2)(e) row of an activity: whether the data must be provided, and what follows if not."""

from __future__ import annotations

from ropa.model.activity import Activity
from ropa.model.provision import ProvisionStatement
from ropa.render.word.evidence import Quotes
from ropa.render.word.ooxml import Element, Run
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import NOTE, TABLE_TEXT
from ropa.render.word.values import Context
from ropa.reporting import gaps


def provision_row(ctx: Context, act: Activity, quotes: Quotes) -> tuple[list[Element], list[Element]] | None:
    """The label and value cells of the row, or None when the activity leaves the optional point out."""
    value = act.provision_requirement
    if value is None:
        return None
    label = ctx.t("point.provision-requirement")
    quotes.add_from(label, value)
    cell = ctx.point(value, lambda items: [p for st in items for p in _statement(ctx, st, quotes, label)])
    return ctx.label_cell("point.provision-requirement", gaps.PROVISION.article), cell


def _sub(ctx: Context, key: str, text: str) -> Element:
    return xml_para([Run(ctx.t(key) + ctx.t("punct.colon"), NOTE), text], TABLE_TEXT)


def _statement(ctx: Context, st: ProvisionStatement, quotes: Quotes, label: str) -> list[Element]:
    quotes.add(label, st.evidence)
    cats = ", ".join(ctx.names(st.data_categories, ctx.categories)) if st.data_categories else ctx.t("word.all-categories")
    out = [xml_para([Run(cats + ctx.t("punct.colon"), NOTE), ctx.enum(st.requirement)], TABLE_TEXT)]
    out.append(_sub(ctx, "word.obliged", ctx.yes_no(st.obliged)))
    if st.consequences:
        out.append(_sub(ctx, "word.consequences", st.consequences))
    return out + ctx.note(st.note)
