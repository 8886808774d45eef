"""Annexes A-D: recipients, third-country transfers and safeguards, retention schedule, security measures."""

from __future__ import annotations

from functools import partial

from ropa.model.activity import Activity, RetentionRule, Transfer
from ropa.model.markers import Fact, NotStated
from ropa.model.registries import Recipient
from ropa.reference.adequacy import Decision, table
from ropa.render.relations import incoming
from ropa.render.word.activities import destination, mechanism
from ropa.render.word.certification import certification_lines
from ropa.render.word.evidence import Quotes, evidence_block
from ropa.render.word.ooxml import Body, Element, Run, TableSpec
from ropa.render.word.paragraphs import prefixed, xml_para
from ropa.render.word.relations import relation_paras
from ropa.render.word.styles import HEADINGS, NOTE, REGISTER_TABLE, TABLE_TEXT
from ropa.render.word.values import Context
from ropa.reporting.recipient_use import annotated, recipient_use

_DASH = "–"


def annex_heading(ctx: Context, body: Body, name: str) -> None:
    """'Annex A – Recipients' as a Heading 1 (annexes are lettered, not numbered)."""
    body.heading(1, "", f"{ctx.t('docx.annex', letter=ctx.annex[name])} – {ctx.t('docx.annex.' + name)}", HEADINGS[1])


def _table(ctx: Context, body: Body, widths: tuple[int, ...], header_keys: list[str]) -> tuple[TableSpec, Element]:
    spec = TableSpec(widths, style=REGISTER_TABLE)
    return spec, spec.new(body, [ctx.t(k) for k in header_keys])


def _users(ctx: Context) -> dict[str, list[str]]:
    """Recipient id -> numbers of the activities that involve it, each with how when it does not list it ('3 (transfer)')."""
    return {rid: [annotated(ctx.numbers[act.id], ways, ctx.t) for act, ways in uses] for rid, uses in recipient_use(ctx.register).items()}


def _flag_line(ctx: Context, key: str, flag: bool) -> list[Element]:
    """'Certified under ...: Yes'."""
    return [xml_para([Run(ctx.t(key) + ctx.t("punct.colon"), NOTE), ctx.yes_no(flag)], TABLE_TEXT)]


def _recipient_country(ctx: Context, rec: Recipient, certifications: list[tuple[str, str]]) -> list[Element]:
    """Where the recipient is, then each certification line the register shows (see ``certification_lines``)."""
    return ctx.point(rec.country, lambda code: ctx.text(ctx.country(code))) + _certified(ctx, rec, certifications)


def _certified(ctx: Context, rec: Recipient, certifications: list[tuple[str, str]]) -> list[Element]:
    """'Certified under the EU-US Privacy Shield: Yes', per certification the register shows and the recipient states
    (or marks not stated); nothing for the others."""
    out: list[Element] = []
    for field, key in certifications:
        value = getattr(rec, field)
        if value is None:
            continue
        shown = ctx.point(value, partial(_flag_line, ctx, key))
        if isinstance(value, NotStated):
            shown[0] = prefixed(shown[0], (Run(ctx.t(key) + ctx.t("punct.colon"), NOTE),))
        out += shown
    return out


def write_recipients(ctx: Context, body: Body) -> None:
    """Annex A: every recipient with its kind, location, contract and the activities using it."""
    annex_heading(ctx, body, "recipients")
    if not ctx.register.recipients:
        body.add(xml_para(ctx.t("docx.empty")))
        return
    keys = ["docx.col.recipient", "docx.col.kind", "point.country", "point.processor-contract", "docx.col.activities"]
    spec, tbl = _table(ctx, body, (2900, 1250, 1900, 2062, 1300), keys)
    users, links, quotes = _users(ctx), incoming(ctx.register), Quotes()
    certifications = certification_lines(ctx.register)
    for rec in ctx.register.recipients:
        _recipient_quotes(ctx, rec, certifications, quotes)
        name = [xml_para([Run(rec.name, "Strong")], TABLE_TEXT)]
        if rec.description:
            name.append(xml_para([Run(rec.description, NOTE)], TABLE_TEXT))
        if rec.website:
            name.append(xml_para(rec.website, TABLE_TEXT))
        name += relation_paras(ctx, rec, links.get(rec.id, {}), quotes)
        name += ctx.note(rec.note)
        contract = ctx.point(rec.contract, ctx.text) if rec.contract is not None else ctx.text(_DASH)
        used = users.get(rec.id)
        spec.row(
            tbl,
            (
                name,
                ctx.point(rec.kind, lambda kind: ctx.text(ctx.enum(kind))),
                _recipient_country(ctx, rec, certifications),
                contract,
                ctx.text(", ".join(used) if used else _DASH),
            ),
        )
        body.checkpoint(tbl)
    evidence_block(ctx, body, quotes)  # the quotes behind each recipient, its points and its relations


def _recipient_quotes(ctx: Context, rec: Recipient, certifications: list[tuple[str, str]], quotes: Quotes) -> None:
    """The quotes behind a recipient ('MailChimp') and behind each of its stated points ('MailChimp (Country)'), for the
    evidence under the annex's table: each quote once, with every point it supports."""
    quotes.add(rec.name, rec.evidence)
    points = [("point.country", rec.country), ("point.processor-contract", rec.contract)]
    points += [(key, getattr(rec, field)) for field, key in certifications]
    for key, value in points:
        quotes.add_from(f"{rec.name} ({ctx.t(key)})", value)


def _slug(name: str) -> str:
    return "org:" + "-".join(name.lower().split())


def _adequacy(ctx: Context, transfer: Transfer) -> list[Element]:
    """The adequacy decisions covering the destination on the register date."""
    if transfer.unnamed_destination is not None:
        return ctx.text(_DASH)
    where = transfer.country or _slug(transfer.organisation or "")
    decisions: list[Decision] = table().find(where, ctx.register.info.date)
    if not decisions:
        return ctx.text(ctx.t("docx.adequacy.none"))
    out = []
    for d in decisions:
        if d.condition == "dpf-certified":
            out.append(xml_para(ctx.t("docx.adequacy.dpf-only"), TABLE_TEXT))
        elif d.condition:
            out.append(xml_para(d.name, TABLE_TEXT))
        elif d.scope != "whole":
            out.append(xml_para(ctx.t("docx.adequacy.scope", scope=d.scope), TABLE_TEXT))
        out.append(xml_para([Run(d.reference, NOTE)], TABLE_TEXT))
    return out


def _ref(ctx: Context, act: Activity, point: str) -> str:
    """'3.2 Customer service', followed by '(organisation-wide)' when the activity inherits ``point`` from ``defaults``."""
    ref = ctx.activity_ref(act.id)
    return f"{ref} {ctx.t('docx.org-wide-label')}" if point in act.inherited else ref


def write_transfers(ctx: Context, body: Body) -> None:
    """Annex B: each transfer, its safeguard and whether an adequacy decision covered it."""
    annex_heading(ctx, body, "transfers")
    reg = ctx.register
    body.add(xml_para(ctx.t("docx.adequacy.intro", date=ctx.date(reg.info.date), valid_as_of=ctx.date(table().valid_as_of))))
    if not any(isinstance(act.transfers, NotStated) or (isinstance(act.transfers, list) and act.transfers) for act in reg.activities):
        body.add(xml_para(ctx.t("docx.no-transfers")))  # no row: no table (a streamed table's start cannot be taken back)
        return
    keys = ["point.activity", "docx.col.destination", "docx.col.recipient", "point.transfer-mechanism", "docx.col.adequacy"]
    spec, tbl = _table(ctx, body, (1900, 1350, 1500, 2262, 2400), keys)
    certifications = certification_lines(reg)
    for act in reg.activities:
        ref = _ref(ctx, act, "transfers")
        if isinstance(act.transfers, NotStated):
            spec.row(tbl, (ctx.text(ref), ctx.not_stated(act.transfers.note), [], [], []))
            body.checkpoint(tbl)
            continue
        if not isinstance(act.transfers, list):
            continue
        for transfer in act.transfers:
            recipient = ctx.names([transfer.recipient], ctx.recipients) if transfer.recipient else [_DASH]
            receiver = ctx.recipients.get(transfer.recipient or "")
            certified = _certified(ctx, receiver, certifications) if receiver is not None else []
            spec.row(
                tbl,
                (
                    ctx.text(ref),
                    [xml_para(destination(ctx, transfer), TABLE_TEXT)],
                    ctx.lines(recipient) + certified,
                    mechanism(ctx, transfer, notes=False),
                    _adequacy(ctx, transfer),
                ),
            )
            body.checkpoint(tbl)


def write_retention(ctx: Context, body: Body) -> None:
    """Annex C: the time limits for erasure, one row per rule, by activity."""
    annex_heading(ctx, body, "retention")
    keys = ["point.activity", "point.data-categories", "docx.col.time-limit", "word.trigger", "word.legal-reference"]
    spec, tbl = _table(ctx, body, (2100, 2200, 2300, 1600, 1212), keys)
    for act in ctx.register.activities:
        ref = _ref(ctx, act, "retention")
        if not isinstance(act.retention, list):
            spec.row(tbl, (ctx.text(ref), [], ctx.not_stated(act.retention.note), [], []))
            body.checkpoint(tbl)
            continue
        for rule in act.retention:
            cats = ctx.names(rule.data_categories, ctx.categories) if rule.data_categories else [ctx.t("word.all-categories")]
            limit = ([ctx.duration(rule.period)] if rule.period else []) + ([rule.rule] if rule.rule else [])
            spec.row(
                tbl,
                (
                    ctx.text(ref),
                    ctx.lines(cats),
                    ctx.lines(limit) + held_by(ctx, rule) + ctx.note(rule.note),
                    ctx.text(rule.trigger or _DASH),
                    ctx.text(rule.legal_reference or _DASH),
                ),
            )
            body.checkpoint(tbl)


def held_by(ctx: Context, rule: RetentionRule) -> list[Element]:
    """'Held by: HostCo': whose copy a retention rule is for, when it is a recipient's (left out: the controller's own)."""
    if not rule.held_by:
        return []
    names = ", ".join(ctx.names(rule.held_by, ctx.recipients))
    return [xml_para([Run(ctx.t("point.held-by") + ctx.t("punct.colon"), NOTE), names], TABLE_TEXT)]


def write_security(ctx: Context, body: Body) -> None:
    """Annex D: every security measure, its kind, and whether it covers everything or named activities."""
    annex_heading(ctx, body, "security")
    if not ctx.register.security_measures:
        body.add(xml_para(ctx.t("docx.empty")))
        return
    used: dict[str, list[str]] = {}
    for act in ctx.register.activities:
        if isinstance(act.security_measures, Fact):
            for mid in act.security_measures.value:
                used.setdefault(mid, []).append(ctx.numbers[act.id])
    keys = ["docx.col.measure", "docx.col.kind", "docx.col.applies-to"]
    spec, tbl = _table(ctx, body, (5312, 1600, 2500), keys)
    quotes = Quotes()
    for m in ctx.register.security_measures:
        quotes.add(m.description, m.evidence)
        scope = [ctx.t("docx.org-wide")] if m.organisation_wide else []
        if m.id in used:
            scope.append(", ".join(used[m.id]))
        kind = ctx.enum(m.kind) if m.kind else _DASH
        spec.row(tbl, (ctx.text(m.description), ctx.text(kind), ctx.lines(scope or [ctx.t("docx.not-used")])))
        body.checkpoint(tbl)
    evidence_block(ctx, body, quotes)
