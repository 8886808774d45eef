"""Cookies (ePrivacy Directive 2002/58/EC Art. 5(3)): named in each activity's table, described once in their annex.

An activity that records cookies lists them by name with party and lifetime, and points to the
annex. The annex lists each cookie of the registry once: name, description, party and provider,
purpose, lifetime, whether it is strictly necessary (the only cookies exempt from consent), whether
it identifies a browser or device, the data categories it holds, the activities using it, and the
quotes behind it in the document's evidence style.
"""

from __future__ import annotations

from ropa.model.cookies import SESSION, Cookie
from ropa.model.markers import Fact, NotStated
from ropa.render.word.evidence import Quotes, evidence_block
from ropa.render.word.ooxml import Body, Element, Run, TableSpec
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import HEADINGS, NOT_STATED, NOTE, REGISTER_TABLE, TABLE_TEXT, TEXT_WIDTH
from ropa.render.word.values import Context

_USED_WIDTH = 2000
_DASH = "–"


def lifetime(ctx: Context, value: str) -> str:
    """'Session' or '13 months (P13M)'."""
    return ctx.t("word.session") if value == SESSION else ctx.duration(value)


def _short(ctx: Context, cookie: Cookie) -> str:
    """'first party, 2 years (P2Y)': what an activity's table says beside a cookie's name, as stated."""
    parts = []
    if isinstance(cookie.party, Fact):
        parts.append(ctx.enum(cookie.party.value))
    if isinstance(cookie.lifetime, Fact):
        parts.append(lifetime(ctx, cookie.lifetime.value))
    return ", ".join(parts)


def cookies_cell(ctx: Context, ids: list[str]) -> list[Element]:
    """An activity's cookies: each by name, its party and lifetime beside it, and the line pointing to the annex."""
    if not ids:
        return [xml_para([Run(ctx.t("status.none"), NOTE)], TABLE_TEXT)]
    known = {c.id: c for c in ctx.register.cookies}
    out = []
    for cid in ids:
        cookie = known.get(cid)
        if cookie is None:
            out.append(xml_para(cid, TABLE_TEXT))
            continue
        short = _short(ctx, cookie)
        out.append(xml_para([cookie.name, *([Run(f" ({short})", NOTE)] if short else [])], TABLE_TEXT))
    ref = xml_para([Run(ctx.t("docx.cookies-ref", letter=ctx.annex["cookies"]), NOTE)], TABLE_TEXT)
    return [*out, ref]


def _line(ctx: Context, key: str, value: object, show: str | None, *, quotes: Quotes, name: str) -> list[Element]:
    """'Purpose: ...' in an annex entry, 'not stated' with the encoder's note, nothing when left out."""
    label = Run(ctx.t(key) + ctx.t("punct.colon"), NOTE)
    if isinstance(value, NotStated):
        return [xml_para([label, Run(ctx.t("status.not-stated"), NOT_STATED)], TABLE_TEXT), *ctx.note(value.note)]
    if not isinstance(value, Fact) or show is None:
        return []
    quotes.add(f"{name} ({ctx.t(key)})", value.evidence)
    return [xml_para([label, show], TABLE_TEXT), *ctx.note(value.note)]


def _entry(ctx: Context, cookie: Cookie, quotes: Quotes) -> list[Element]:
    name = cookie.name
    quotes.add(name, cookie.evidence)
    out = [xml_para([Run(name, "Strong")], TABLE_TEXT)]
    if cookie.description:
        out.append(xml_para([Run(cookie.description, NOTE)], TABLE_TEXT))
    party = cookie.party
    out += _line(ctx, "point.cookie-party", party, ctx.enum(party.value) if isinstance(party, Fact) else None, quotes=quotes, name=name)
    if cookie.provider:
        provider = ctx.recipients[cookie.provider].name if cookie.provider in ctx.recipients else cookie.provider
        out.append(xml_para([Run(ctx.t("point.cookie-provider") + ctx.t("punct.colon"), NOTE), provider], TABLE_TEXT))
    purpose = cookie.purpose
    out += _line(ctx, "point.cookie-purpose", purpose, str(purpose.value) if isinstance(purpose, Fact) else None, quotes=quotes, name=name)
    life = cookie.lifetime
    out += _line(
        ctx, "point.cookie-lifetime", life, lifetime(ctx, life.value) if isinstance(life, Fact) else None, quotes=quotes, name=name
    )
    for key, flag in (
        ("point.cookie-strictly-necessary", cookie.strictly_necessary),
        ("point.cookie-identifies-device", cookie.identifies_device),
    ):
        out += _line(ctx, key, flag, ctx.yes_no(bool(flag.value)) if isinstance(flag, Fact) else None, quotes=quotes, name=name)
    if cookie.data_categories:
        held = ", ".join(ctx.names(cookie.data_categories, ctx.categories))
        out.append(xml_para([Run(ctx.t("point.data-categories") + ctx.t("punct.colon"), NOTE), held], TABLE_TEXT))
    return out + ctx.note(cookie.note)


def write_annex(ctx: Context, body: Body) -> None:
    """The annex: every cookie of the registry, described once with the activities using it and its quotes."""
    body.heading(1, "", f"{ctx.t('docx.annex', letter=ctx.annex['cookies'])} – {ctx.t('docx.annex.cookies')}", HEADINGS[1])
    body.add(xml_para(ctx.t("docx.cookies-intro")))
    users: dict[str, list[str]] = {}
    for act in ctx.register.activities:
        for cid in dict.fromkeys(act.cookies or []):
            users.setdefault(cid, []).append(ctx.numbers[act.id])
    spec = TableSpec((TEXT_WIDTH - _USED_WIDTH, _USED_WIDTH), style=REGISTER_TABLE)
    tbl = spec.new(body, [ctx.t("point.cookies"), ctx.t("docx.col.activities")])
    quotes = Quotes()
    for cookie in ctx.register.cookies:
        spec.row(tbl, (_entry(ctx, cookie, quotes), ctx.text(", ".join(users.get(cookie.id, [])) or _DASH)))
        body.checkpoint(tbl)
    evidence_block(ctx, body, quotes)
