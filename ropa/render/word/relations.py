"""Annex A: the lines under a recipient's name that say how it relates to other recipients, and their quotes."""

from __future__ import annotations

from ropa.model.enums import RecipientRelation
from ropa.model.registries import Recipient
from ropa.render.relations import forward_text, inverse_texts
from ropa.render.word.evidence import Quotes
from ropa.render.word.ooxml import Element
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import TABLE_TEXT
from ropa.render.word.values import Context


def relation_paras(ctx: Context, rec: Recipient, towards: dict[RecipientRelation, list[str]], quotes: Quotes) -> list[Element]:
    """'Sub-processor of Mailchimp' with its note, then 'Sub-processors: SendGrid': one paragraph each (none when the
    recipient has no relation). The quotes of its own relations go to ``quotes``, shown under the annex's table."""

    def name(rid: str) -> str:
        other = ctx.recipients.get(rid)
        return other.name if other is not None else rid

    out: list[Element] = []
    for link in rec.relations:
        text = forward_text(link, ctx, name)
        quotes.add(f"{rec.name}{ctx.t('punct.colon')}{text}", link.evidence)
        out.append(xml_para(text, TABLE_TEXT))
        out += ctx.note(link.note)
    return out + [xml_para(text, TABLE_TEXT) for text in inverse_texts(towards, ctx, name)]
