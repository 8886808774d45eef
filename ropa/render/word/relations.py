"""Annex A: the lines under a recipient's name that say how it relates to other recipients."""

from __future__ import annotations

from ropa.model.enums import RecipientRelation
from ropa.model.registries import Recipient
from ropa.render.relations import relation_texts
from ropa.render.word.ooxml import Element, para
from ropa.render.word.styles import TABLE_TEXT
from ropa.render.word.values import Context


def relation_paras(ctx: Context, rec: Recipient, towards: dict[RecipientRelation, list[str]]) -> list[Element]:
    """'Sub-processor of Mailchimp', 'Sub-processors: SendGrid': one paragraph each (none when it has no relation)."""

    def name(rid: str) -> str:
        other = ctx.recipients.get(rid)
        return other.name if other is not None else rid

    return [para(text, TABLE_TEXT) for text in relation_texts(rec, towards, ctx, name)]
