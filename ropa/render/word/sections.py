"""Sections 1 and 2: the controller (Art. 30(1)(a) and Art. 30(5)) and the summary of activities."""

from __future__ import annotations

from collections import Counter

from ropa.model.activity import Activity, LawfulBasisStatement
from ropa.model.markers import Fact, NoneStated, NotApplicable, NotStated
from ropa.model.organisation import Authority, Party, PolicyClaim, RightStatement
from ropa.reference.claim_words import claim_text
from ropa.render.word.activities import Row, label_value_spec
from ropa.render.word.evidence import Quotes, evidence_block
from ropa.render.word.joint import joint_cell
from ropa.render.word.ooxml import Body, Element, Run, TableSpec
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import HEADINGS, MARKER, NOT_STATED, NOTE, REGISTER_TABLE, TABLE_TEXT
from ropa.render.word.values import Context
from ropa.reporting import gaps

_A = gaps.CONTROLLER_NAME.article


def _table(ctx: Context, body: Body, spec: TableSpec, rows: list[Row]) -> None:
    table = spec.new(body, [ctx.t("docx.col.point"), ctx.t("docx.col.entry")])
    for label, value in rows:
        spec.row(table, (label, value))


def _parties(ctx: Context, value: object, quotes: Quotes, point: str) -> list[Element]:
    if isinstance(value, list):
        for party in value:
            quotes.add(ctx.t(point), party.evidence)
        return [p for party in value for p in ctx.party(party)]
    if isinstance(value, Party):
        quotes.add(ctx.t(point), value.evidence)
        return ctx.party(value)
    quotes.add_from(ctx.t(point), value)
    return ctx.marker(value) or []


def _authority(ctx: Context, value: object, quotes: Quotes) -> list[Element]:
    if not isinstance(value, Authority):
        return ctx.marker(value) or []
    quotes.add(ctx.t("point.supervisory-authority"), value.evidence)
    for contact in value.contacts:
        quotes.add(ctx.t("point.supervisory-authority"), contact.evidence)
    out = [xml_para([Run(value.name, "Strong")], TABLE_TEXT)]
    out += ctx.lines(x for x in (value.address, ctx.country(value.country), value.website) if x)
    return out + ctx.contacts(value.contacts) + ctx.note(value.note)


def write_controller(ctx: Context, body: Body) -> None:
    """Section 1: name and contacts, the other parties, Art. 30(5), and the data subjects' rights."""
    reg, c, lab = ctx.register, ctx.register.controller, ctx.label_cell
    spec = label_value_spec()
    body.heading(1, "1", ctx.t("docx.section.controller"), HEADINGS[1])

    body.heading(2, "1.1", ctx.t("docx.section.identity"), HEADINGS[2])
    quotes = Quotes()
    name = c.name.value + (f" ({c.short_name})" if c.short_name else "")
    rows: list[Row] = [(lab("point.controller-name", _A), ctx.text(name) + ctx.note(c.name.note))]
    quotes.add(ctx.t("point.controller-name"), c.name.evidence)
    country = ctx.point(c.country, lambda code: ctx.text(ctx.country(code)))
    fields: list[tuple[str, object, list[Element] | None]] = [("point.registration-number", c.registration_number, None)]
    fields += [("point.vat-number", c.vat_number, None)]
    fields += [("point.address", c.address, None), ("point.country", c.country, country), ("point.website", c.website, None)]
    for key, value, shown in fields:
        if value is not None:
            rows.append((lab(key, _A), shown or ctx.point(value, ctx.text)))
            quotes.add_from(ctx.t(key), value)
    rows.append((lab("point.contacts", _A), ctx.point(c.contacts, ctx.contacts)))
    if isinstance(c.contacts, list):
        for contact in c.contacts:
            quotes.add(ctx.t("point.contacts"), contact.evidence)
    _table(ctx, body, spec, rows)
    evidence_block(ctx, body, quotes)

    body.heading(2, "1.2", ctx.t("docx.section.parties"), HEADINGS[2])
    quotes = Quotes()
    rows = [
        (lab("point.representative", gaps.REPRESENTATIVE.article), _parties(ctx, reg.representative, quotes, "point.representative")),
        (lab("point.dpo", gaps.DPO.article), _parties(ctx, reg.dpo, quotes, "point.dpo")),
        (lab("point.joint-controllers", gaps.JOINT.article), joint_cell(ctx, reg.joint_controllers, quotes)),
        (lab("point.supervisory-authority", gaps.AUTHORITY.article), _authority(ctx, reg.supervisory_authority, quotes)),
        (lab("docx.row.roles", "Art. 30(1), 30(2)"), ctx.lines(ctx.enum(r) for r in reg.roles)),
    ]
    _table(ctx, body, spec, rows)
    evidence_block(ctx, body, quotes)

    body.heading(2, "1.3", ctx.t("docx.section.art30-5"), HEADINGS[2])
    quotes = Quotes()
    art = reg.art30_5
    quotes.add_from(ctx.t("point.employees"), art.employees)
    quotes.add_from(ctx.t("point.last-reviewed"), reg.info.last_reviewed)
    rows = [
        (lab("point.employees", "Art. 30(5)"), ctx.point(art.employees, ctx.text)),
        (lab("docx.row.exemption", "Art. 30(5)"), ctx.text(ctx.yes_no(art.exemption_applies))),
        (lab("docx.row.reasoning", "Art. 30(5)"), ctx.text(art.reasoning)),
        (lab("point.last-reviewed", None), ctx.point(reg.info.last_reviewed, lambda day: ctx.text(ctx.date(day)))),
    ]
    _table(ctx, body, spec, rows)
    evidence_block(ctx, body, quotes)

    body.heading(2, "1.4", ctx.t("docx.section.rights"), HEADINGS[2])
    quotes = Quotes()
    rows = [(lab("point.rights", gaps.RIGHTS.article), ctx.point(reg.data_subject_rights, lambda items: _rights(ctx, items, quotes)))]
    if reg.policy_claims:
        names = {act.id: act.name for act in reg.activities}
        rows.append((lab("docx.row.claims", "Art. 5(1)(a)"), [p for c in reg.policy_claims for p in _claim(ctx, c, names)]))
        for claim in reg.policy_claims:
            quotes.add(ctx.t("docx.row.claims"), claim.evidence)
            for limit in claim.limits:
                quotes.add(ctx.t("docx.row.claims"), limit.evidence)
    _table(ctx, body, spec, rows)
    evidence_block(ctx, body, quotes)


def _claim(ctx: Context, claim: PolicyClaim, names: dict[str, str]) -> list[Element]:
    """A promise in words, then the encoder's note on it and on each of its limits ('Note: once a year: ...')."""
    out = ctx.text(claim_text(ctx, claim, "docx", names)) + ctx.note(claim.note)
    for limit in claim.limits:
        if limit.note:
            out += ctx.note(limit.description + ctx.t("punct.colon") + limit.note)
    return out


def _rights(ctx: Context, items: list[RightStatement], quotes: Quotes) -> list[Element]:
    out = []
    for statement in items:
        quotes.add(ctx.t("point.rights"), statement.evidence)
        out.append(xml_para([Run("; ".join(ctx.enum(r) for r in statement.rights), "Strong")], TABLE_TEXT))
        if statement.how:
            out.append(xml_para([Run(ctx.t("docx.row.how") + ctx.t("punct.colon"), NOTE), statement.how], TABLE_TEXT))
    return out


# --- Section 2 ------------------------------------------------------------------------------

SUMMARY_WIDTHS = (620, 2000, 2792, 1700, 1300, 1000)


def _marker_run(ctx: Context, value: object = None) -> Element:
    """The marker's label alone (no note): not stated (also for ``None``), none, or not applicable."""
    if value is None or isinstance(value, NotStated):
        return ctx.mark("status.not-stated", NOT_STATED)
    return ctx.mark("status.none" if isinstance(value, NoneStated) else "status.not-applicable", MARKER)


def _summary_bases(ctx: Context, act: Activity) -> list[Element]:
    seen: list[str] = []
    missing = False
    for p in act.purposes:
        if isinstance(p.lawful_basis, LawfulBasisStatement):
            text = ctx.enum(p.lawful_basis.basis)
            if text not in seen:
                seen.append(text)
        else:
            missing = True
    out = ctx.lines(seen)
    return [*out, _marker_run(ctx)] if missing else out


def _summary_countries(ctx: Context, act: Activity) -> list[Element]:
    value = act.transfers
    if isinstance(value, (NotStated, NoneStated, NotApplicable)):
        return [_marker_run(ctx, value)]
    named = dict.fromkeys(ctx.country(t.country) if t.country else str(t.organisation) for t in value if t.unnamed_destination is None)
    out = ctx.lines(named)
    if any(t.unnamed_destination is not None for t in value):
        out.append(_marker_run(ctx))
    return out


def write_summary(ctx: Context, body: Body) -> None:
    """Section 2: one row per activity with its purposes, bases, third countries and open points."""
    body.heading(1, "2", ctx.t("docx.section.summary"), HEADINGS[1])
    open_points = Counter(g.activity for g in ctx.missing if g.activity is not None)
    spec = TableSpec(SUMMARY_WIDTHS, style=REGISTER_TABLE)
    header = [
        "docx.col.number",
        "point.activity",
        "point.purposes",
        "docx.col.lawful-bases",
        "docx.col.third-countries",
        "docx.col.not-stated",
    ]
    table = spec.new(body, [ctx.t(k) for k in header])
    for act in ctx.register.activities:
        name = [xml_para(act.name, TABLE_TEXT)]
        if isinstance(act.business_function, Fact):
            name.append(xml_para([Run(act.business_function.value, NOTE)], TABLE_TEXT))
        count = open_points.get(act.id, 0)
        spec.row(
            table,
            (
                ctx.text(ctx.numbers[act.id]),
                name,
                ctx.lines(p.description for p in act.purposes),
                _summary_bases(ctx, act),
                _summary_countries(ctx, act),
                ctx.text(count),
            ),
        )
        body.checkpoint(table)
