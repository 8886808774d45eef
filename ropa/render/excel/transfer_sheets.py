"""Transfers and safeguards (Art. 30(1)(e), with the adequacy table's date) and the retention schedule (Art. 30(1)(f))."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.model.activity import Activity, MechanismStatement, Transfer
from ropa.model.markers import Fact, NotStated
from ropa.reference.adequacy import AdequacyTable
from ropa.reference.adequacy import table as adequacy_table
from ropa.render.excel import certification_cells
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, items, lines

ACTIVITY = (
    Column("xlsx.col.activity-id", min_width=10, max_width=22),
    Column("point.activity", min_width=14, max_width=28),
)

TRANSFER_COLUMNS = (
    *ACTIVITY,
    Column("xlsx.col.destination", ("30(1)(e)",), 14, 28),
    Column("xlsx.col.recipient", ("30(1)(d)",), 14, 28),
    Column("point.transfer-mechanism", ("30(1)(e)", "44-49"), 20, 45),
    Column("xlsx.col.documentation", ("30(1)(e)", "49(1)"), 16, 40),
    Column("xlsx.col.adequacy", ("45",), 24, 50),
    Column("point.note", min_width=16, max_width=50),
)

RETENTION_COLUMNS = (
    *ACTIVITY,
    Column("point.data-categories", ("30(1)(c)",), 16, 36),
    Column("word.period", ("30(1)(f)",), 12, 26),
    Column("word.rule", ("30(1)(f)",), 16, 45),
    Column("word.trigger", min_width=14, max_width=36),
    Column("word.legal-reference", min_width=14, max_width=36),
    Column("point.note", min_width=16, max_width=50),
    Column("point.held-by", ("30(1)(f)",), 14, 36),  # last: left empty for the controller's own copy
)

_ORG = "org:"


def _adequacy(transfer: Transfer, look: Lookup, decisions_table: AdequacyTable) -> Cell:
    """The adequacy decisions in force for the destination on the register's date, and their condition."""
    w = look.w
    if transfer.unnamed_destination is not None:
        return (w("xlsx.word.adequacy-unknown"), Kind.NOT_STATED)
    key = transfer.country or _ORG + "-".join((transfer.organisation or "").lower().split())
    found = decisions_table.find(key, look.register.info.date)
    if not found:
        return (w("xlsx.word.no-adequacy"), Kind.TEXT)
    out = []
    for d in found:
        out.append(f"{d.name}: {d.reference}")
        if d.scope != "whole":
            out.append(f"{w('xlsx.word.scope')}: {d.scope}")
        field = certification_cells.field_of(d.condition)
        if field is not None:  # the Privacy Shield, the Data Privacy Framework: the recipient's certification
            rec = look.recipients.get(transfer.recipient or "")
            certified = getattr(rec, field) if rec is not None else None
            value = w.yes_no(certified.value) if isinstance(certified, Fact) else w.not_stated[0]
            out.append(f"{w(certification_cells.COLUMNS[field].key)}: {value}")
    return (lines(out), Kind.TEXT)


def _destination(transfer: Transfer, look: Lookup) -> Cell:
    if transfer.unnamed_destination is None:
        return (look.destination(transfer), Kind.TEXT)
    return (f"{look.destination(transfer)} \N{EN DASH} {look.w('xlsx.word.country-not-stated')}", Kind.NOT_STATED)


def _ids(look: Lookup, act: Activity, point: str) -> list[Cell]:
    """The activity's id and name; the name says '(organisation-wide)' when the rows are the ``defaults``' ``point``."""
    name = f"{act.name} {look.w('docx.org-wide-label')}" if point in act.inherited else act.name
    return [(act.id, Kind.TEXT), (name, Kind.TEXT)]


def _transfer_rows(look: Lookup) -> Iterator[list[Cell]]:
    w = look.w
    decisions = adequacy_table()
    for act in look.register.activities:
        ids = _ids(look, act, "transfers")
        if isinstance(act.transfers, NotStated):
            yield [*ids, w.not_stated, w.not_stated, w.not_stated, ("", Kind.TEXT), ("", Kind.TEXT), (act.transfers.note or "", Kind.TEXT)]
            continue
        if not isinstance(act.transfers, list):
            continue
        for t in act.transfers:
            mech = t.mechanism
            notes = [n for n in (t.note, mech.note) if n]
            yield [
                *ids,
                _destination(t, look),
                (look.recipient(t.recipient), Kind.TEXT) if t.recipient else ("", Kind.TEXT),
                (w.enum(mech.mechanism), Kind.TEXT) if isinstance(mech, MechanismStatement) else w.not_stated,
                (mech.documentation or "", Kind.TEXT) if isinstance(mech, MechanismStatement) else ("", Kind.TEXT),
                _adequacy(t, look, decisions),
                (items(notes) if notes else "", Kind.TEXT),
            ]


def transfers_sheet(look: Lookup) -> Sheet:
    """One row per transfer outside the EEA; the adequacy column is judged on the register's date."""
    sheet = table("xlsx.sheet.transfers", TRANSFER_COLUMNS, _transfer_rows(look), look.w, freeze="C2")
    w = look.w
    valid = adequacy_table().valid_as_of.isoformat()
    day = look.register.info.date.isoformat()
    header = list(sheet.header)
    index = [c.key for c in TRANSFER_COLUMNS].index("xlsx.col.adequacy")
    header[index] = (f"{w('xlsx.col.adequacy')} {day}\n{w.cite('45')}; {w('point.adequacy-table-date')} {valid}", Kind.HEADER)
    sheet.header = header
    return sheet


def _retention_rows(look: Lookup, act: Activity) -> Iterator[list[Cell]]:
    w = look.w
    ids = _ids(look, act, "retention")
    if not isinstance(act.retention, list):
        note = getattr(act.retention, "note", None) or ""
        yield [*ids, w.not_stated, w.not_stated, w.not_stated, ("", Kind.TEXT), ("", Kind.TEXT), (note, Kind.TEXT), ("", Kind.TEXT)]
        return
    for rule in act.retention:
        categories = items([look.category(c) for c in rule.data_categories]) if rule.data_categories else w("word.all-categories")
        yield [
            *ids,
            (categories, Kind.TEXT),
            (look.duration(rule.period) if rule.period else "", Kind.TEXT),
            (rule.rule or "", Kind.TEXT),
            (rule.trigger or "", Kind.TEXT),
            (rule.legal_reference or "", Kind.TEXT),
            (rule.note or "", Kind.TEXT),
            (items([look.recipient_name(r) for r in rule.held_by]), Kind.TEXT),
        ]


def retention_sheet(look: Lookup) -> Sheet:
    """Art. 30(1)(f): the retention schedule, one row per rule (per data category where the source distinguishes)."""
    rows = (row for act in look.register.activities for row in _retention_rows(look, act))
    return table("xlsx.sheet.retention", RETENTION_COLUMNS, rows, look.w, freeze="C2")
