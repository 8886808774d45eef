"""The Word register's joint controllers (Art. 26): each party, then the essence of its arrangement:
the contact point, who does what, how the essence is made available, and the activities it covers."""

from __future__ import annotations

from ropa.model.joint import Arrangement, ContactPoint, JointController, Responsibility
from ropa.render.word.evidence import Quotes
from ropa.render.word.ooxml import Element, Run
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import NOTE, TABLE_TEXT
from ropa.render.word.values import Context
from ropa.reporting import gaps


def joint_cell(ctx: Context, value: object, quotes: Quotes) -> list[Element]:
    """The joint-controllers cell of section 1.2: each party with its arrangement, or the point's marker."""
    point = ctx.t("point.joint-controllers")
    if not isinstance(value, list):
        quotes.add_from(point, value)
        return ctx.marker(value) or []
    out: list[Element] = []
    for party in value:
        quotes.add(point, party.evidence)
        out += ctx.party(party)
        out += _arrangement(ctx, party, quotes)
    return out


def _head(ctx: Context, key: str, article: str) -> Element:
    return xml_para([Run(f"{ctx.t(key)} ({article})" + ctx.t("punct.colon").rstrip(), NOTE)], TABLE_TEXT)


def _arrangement(ctx: Context, party: JointController, quotes: Quotes) -> list[Element]:
    arrangement = party.arrangement
    if not isinstance(arrangement, Arrangement):
        # left out or marked not stated: the gap shows, with the encoder's note where there is one
        note = getattr(arrangement, "note", None)
        return [_head(ctx, "point.joint-arrangement", gaps.JOINT_ARRANGEMENT.article), *ctx.not_stated(note)]
    label = ctx.t("point.joint-arrangement")
    out = [_head(ctx, "point.joint-contact-point", gaps.JOINT_CONTACT.article)]
    out += ctx.point(arrangement.contact_point, lambda cp: _contact_point(ctx, cp, quotes, label))
    out.append(_head(ctx, "point.joint-responsibilities", gaps.JOINT_DUTIES.article))
    out += ctx.point(arrangement.responsibilities, lambda items: [p for r in items for p in _duty(ctx, r, quotes, label)])
    out.append(_head(ctx, "point.joint-essence", gaps.JOINT_ESSENCE.article))
    out += ctx.point(arrangement.essence_available, ctx.text)
    quotes.add_from(label, arrangement.essence_available)
    if arrangement.activities:
        covered = ", ".join(ctx.activity_ref(a) for a in arrangement.activities)
        out.append(xml_para([Run(ctx.t("word.activities-covered") + ctx.t("punct.colon"), NOTE), covered], TABLE_TEXT))
    return out + ctx.note(arrangement.note)


def _contact_point(ctx: Context, cp: ContactPoint, quotes: Quotes, label: str) -> list[Element]:
    quotes.add(label, cp.evidence)
    for contact in cp.contacts:
        quotes.add(label, contact.evidence)
    return [xml_para(ctx.enum(cp.answered_by), TABLE_TEXT), *ctx.contacts(cp.contacts), *ctx.note(cp.note)]


def _duty(ctx: Context, r: Responsibility, quotes: Quotes, label: str) -> list[Element]:
    quotes.add(label, r.evidence)
    runs: list[str | Run] = [Run(ctx.enum(r.duty) + ctx.t("punct.colon"), NOTE), ctx.enum(r.by)]
    out = [xml_para(runs, TABLE_TEXT)]
    if r.description:
        out.append(xml_para(r.description, TABLE_TEXT))
    return out + ctx.note(r.note)
