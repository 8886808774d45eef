"""Sheets about the organisation: the controller (Art. 30(1)(a)), its recipients and its security measures."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ropa.model.markers import Fact, NoneStated, NotApplicable, NotStated
from ropa.model.organisation import Authority, Party
from ropa.model.registries import Recipient
from ropa.reference.claim_words import claim_text
from ropa.reference.countries import EEA
from ropa.render.excel import certification_cells
from ropa.render.excel.facts import Lookup, may_be_processor, point_cell
from ropa.render.excel.joint_sheet import arrangements_cell, has_joint_controllers
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, Words, items, lines
from ropa.render.relations import incoming, relation_texts
from ropa.reporting.recipient_use import annotated, recipient_use

KEY_VALUE = (
    Column("xlsx.col.point", min_width=18, max_width=30),
    Column("xlsx.col.article", min_width=12, max_width=22),
    Column("xlsx.col.value", min_width=30, max_width=70),
    Column("point.note", min_width=20, max_width=60),
)

RECIPIENT_COLUMNS = (
    Column("xlsx.col.id", min_width=10, max_width=22),
    Column("xlsx.col.name", min_width=14, max_width=32),
    Column("xlsx.col.recipient-kind", ("4(9)",), 14, 24),
    Column("xlsx.col.description", min_width=16, max_width=45),
    Column("point.country", ("30(1)(d)",), 12, 22),
    Column("xlsx.col.third-country", ("44",), 10, 16),
    Column("point.processor-contract", ("28(3)",), 16, 40),
    Column("point.website", min_width=14, max_width=36),
    Column("xlsx.col.activities", min_width=16, max_width=40),
    Column("point.relations", ("28(2)", "27"), 16, 40),
    Column("point.note", min_width=16, max_width=50),
)

SECURITY_COLUMNS = (
    Column("xlsx.col.id", min_width=10, max_width=22),
    Column("xlsx.col.measure", ("30(1)(g)", "32(1)"), 30, 70),
    Column("xlsx.col.measure-kind", ("32(1)",), 14, 18),
    Column("xlsx.col.applies-to", min_width=20, max_width=50),
)


def _note(value: object) -> Cell:
    note = getattr(value, "note", None)
    return (note, Kind.TEXT) if note else ("", Kind.TEXT)


def _authority(value: Authority | NotStated, look: Lookup) -> Cell:
    if isinstance(value, Authority):
        details = [x for x in (value.name, value.address, look.w.country(value.country), value.website) if x]
        return (lines(details + [look.contact(c) for c in value.contacts]), Kind.TEXT)
    return look.w.marker(value)


def _parties(value: Sequence[Party] | NotStated | NoneStated | NotApplicable, look: Lookup) -> Cell:
    if isinstance(value, NotStated | NoneStated | NotApplicable):
        return look.w.marker(value)
    return ("\n\n".join(lines(look.party(p)) for p in value), Kind.TEXT) if value else look.w.none


def _controller_rows(look: Lookup) -> Iterator[list[Cell]]:
    reg, w = look.register, look.w
    c = reg.controller

    def row(key: str, cites: tuple[str, ...], value: Cell, note: Cell = ("", Kind.TEXT)) -> list[Cell]:
        return [(w(key), Kind.TEXT), (w.cite(*cites), Kind.TEXT), value, note]

    yield row("point.controller-name", ("30(1)(a)",), point_cell(c.name, str, w), _note(c.name))
    if c.short_name:
        yield row("xlsx.row.short-name", ("30(1)(a)",), (c.short_name, Kind.TEXT))
    yield row("point.registration-number", ("30(1)(a)",), point_cell(c.registration_number, str, w), _note(c.registration_number))
    if c.vat_number is not None:
        yield row("point.vat-number", ("30(1)(a)",), point_cell(c.vat_number, str, w), _note(c.vat_number))
    yield row("point.address", ("30(1)(a)",), point_cell(c.address, str, w), _note(c.address))
    yield row("point.country", ("30(1)(a)",), point_cell(c.country, w.country, w), _note(c.country))
    contacts = (items([look.contact(x) for x in c.contacts]), Kind.TEXT) if isinstance(c.contacts, list) else w.marker(c.contacts)
    yield row("point.contacts", ("30(1)(a)",), contacts, _note(c.contacts))
    if c.website is not None:
        yield row("point.website", ("30(1)(a)",), point_cell(c.website, str, w), _note(c.website))
    yield row("point.representative", ("30(1)(a)", "27"), look.party_cell(reg.representative), _note(reg.representative))
    yield row("point.dpo", ("30(1)(a)", "37"), look.party_cell(reg.dpo), _note(reg.dpo))
    yield row("point.joint-controllers", ("30(1)(a)", "26"), _parties(reg.joint_controllers, look), _note(reg.joint_controllers))
    if has_joint_controllers(look):  # the essence of each arrangement; the Joint controllers sheet has it point by point
        yield row("point.joint-arrangement", ("26(1)", "26(2)"), arrangements_cell(look))
    yield row("point.supervisory-authority", ("51", "56"), _authority(reg.supervisory_authority, look), _note(reg.supervisory_authority))
    yield row("point.role", ("30(1)", "30(2)"), (lines([w.enum(r) for r in reg.roles]), Kind.TEXT))
    exemption = reg.art30_5
    yield row("point.art30-5", ("30(5)",), (w.yes_no(exemption.exemption_applies), Kind.TEXT), (exemption.reasoning, Kind.TEXT))
    yield row("point.employees", ("30(5)",), point_cell(exemption.employees, str, w), _note(exemption.employees))
    rights = reg.data_subject_rights
    if isinstance(rights, list):
        how = [st.how for st in rights if st.how]
        value: Cell = (items(dict.fromkeys(w.enum(r) for st in rights for r in st.rights)), Kind.TEXT)
        yield row("point.rights", ("12-22",), value, (items(how) if how else "", Kind.TEXT))
    else:
        yield row("point.rights", ("12-22",), w.marker(rights), _note(rights))
    if reg.policy_claims:
        names = {act.id: act.name for act in reg.activities}
        claims = items([claim_text(w, cl, "xlsx", names) for cl in reg.policy_claims])
        yield row(
            "xlsx.row.policy-claims",
            ("5(1)(a)",),
            (claims, Kind.TEXT),
            (lines([n for cl in reg.policy_claims for n in (cl.note, *(lim.note for lim in cl.limits)) if n]), Kind.TEXT),
        )
    yield row("xlsx.row.register-date", ("30(1)",), (reg.info.date.isoformat(), Kind.TEXT))
    yield row("point.last-reviewed", ("template",), look.day(reg.info.last_reviewed), _note(reg.info.last_reviewed))


def controller_sheet(look: Lookup) -> Sheet:
    """Art. 30(1)(a): the controller, its representative, DPO and joint controllers, and the register's context."""
    return table("xlsx.sheet.controller", KEY_VALUE, _controller_rows(look), look.w, freeze="A2")


def recipient_rows(look: Lookup, certified: list[str]) -> Iterator[list[Cell]]:
    """One row per recipient, in the columns of ``recipient_columns``; its activities are those ``recipient_use`` names."""
    w = look.w
    users = {rid: [annotated(f"{act.id}: {act.name}", ways, w) for act, ways in uses] for rid, uses in recipient_use(look.register).items()}
    links = incoming(look.register)
    for rec in look.register.recipients:
        country = point_cell(rec.country, w.country, w)
        abroad = point_cell(rec.country, lambda code: w.yes_no(code not in EEA), w)
        if rec.contract is not None:
            contract = point_cell(rec.contract, str, w)
        else:
            contract = w.not_stated if may_be_processor(rec.kind) else (w.not_applicable, Kind.MARKER)
        yield [
            (rec.id, Kind.TEXT),
            (rec.name, Kind.TEXT),
            look.kind_cell(rec.kind),
            (rec.description or "", Kind.TEXT),
            country,
            abroad,
            contract,
            *(certification_cells.cell(rec, field, w) for field in certified),
            (rec.website or "", Kind.TEXT),
            (items(users.get(rec.id, [])) if rec.id in users else "", Kind.TEXT),
            (items(relation_texts(rec, links.get(rec.id, {}), w, look.recipient_name)), Kind.TEXT),
            (lines(_recipient_notes(rec, certified, w)), Kind.TEXT),
        ]


def _recipient_notes(rec: Recipient, certified: list[str], w: Words) -> list[str]:
    """The recipient's note, then the encoder's note on each of its points ('Country: ...'), as the Word annex shows them."""
    points = [("xlsx.col.recipient-kind", rec.kind), ("point.country", rec.country), ("point.processor-contract", rec.contract)]
    points += [(certification_cells.COLUMNS[field].key, getattr(rec, field)) for field in certified]
    out = [rec.note] if rec.note else []
    for key, value in points:
        note = getattr(value, "note", None)
        if note:
            out.append(w.colon(w(key), note))
    return out


def recipients_sheet(look: Lookup) -> Sheet:
    """Art. 30(1)(d): every recipient, where it is, on what terms, and which activities involve it (``recipient_use``)."""
    certified = certification_cells.fields(look.register)
    return table("xlsx.sheet.recipients", recipient_columns(certified), recipient_rows(look, certified), look.w, freeze="C2")


def recipient_columns(certified: list[str]) -> list[Column]:
    """The Recipients sheet's columns, with the certification columns ``certified`` names after the contract's."""
    return [*RECIPIENT_COLUMNS[:7], *(certification_cells.COLUMNS[f] for f in certified), *RECIPIENT_COLUMNS[7:]]


def _security_rows(look: Lookup) -> Iterator[list[Cell]]:
    w = look.w
    users: dict[str, list[str]] = {}
    for act in look.register.activities:
        if isinstance(act.security_measures, Fact):
            for mid in act.security_measures.value:
                users.setdefault(mid, []).append(f"{act.id}: {act.name}")
    for m in look.register.security_measures:
        scope = w("xlsx.word.all-activities") if m.organisation_wide else items(users[m.id]) if m.id in users else ""
        yield [
            (m.id, Kind.TEXT),
            (m.description, Kind.TEXT),
            (w.enum(m.kind), Kind.TEXT) if m.kind else w.not_stated,
            (scope, Kind.TEXT),
        ]


def security_sheet(look: Lookup) -> Sheet:
    """Art. 30(1)(g), Art. 32(1): the measures, technical or organisational, and what they protect."""
    return table("xlsx.sheet.security", SECURITY_COLUMNS, _security_rows(look), look.w, freeze="B2")
