"""Register content as cell text: parties, contacts, registry references, durations, rules.

One ``Lookup`` per render holds the registries by id and the reader's words, so every sheet
names a recipient, a data category or a retention rule the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from ropa.model import Register
from ropa.model.activity import Location, MechanismStatement, RetentionRule, Transfer
from ropa.model.enums import RecipientKind
from ropa.model.markers import Fact, NoneStated, NotApplicable, NotStated
from ropa.model.organisation import Contact, Party
from ropa.model.recipient_kind import is_processor
from ropa.model.registries import DataCategory, Recipient, SecurityMeasure
from ropa.render.excel.words import Cell, Kind, Words, items, lines

T = TypeVar("T")

_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


def may_be_processor(kind: RecipientKind | NotStated) -> bool:
    """A processor, or a recipient whose kind is not stated (it may be one: its contract is asked for, not ruled out)."""
    return is_processor(kind) is not False


def point_cell(value: Fact[T] | NotStated | NoneStated | NotApplicable | None, show: Callable[[T], str], words: Words) -> Cell:
    """A point's cell: the stated value shown by ``show``, or its marker."""
    if isinstance(value, Fact):
        text = show(value.value)
        return (text, Kind.TEXT) if text else words.none
    if value is None:
        return words.not_stated
    return words.marker(value)


class Lookup:
    """The register's registries by id, and how each entry reads in a cell."""

    def __init__(self, register: Register, words: Words) -> None:
        self.register = register
        self.w = words
        self.subjects = {s.id: s for s in register.data_subject_categories}
        self.categories: dict[str, DataCategory] = {c.id: c for c in register.data_categories}
        self.recipients: dict[str, Recipient] = {r.id: r for r in register.recipients}
        self.measures: dict[str, SecurityMeasure] = {m.id: m for m in register.security_measures}
        self.org_measures = [m for m in register.security_measures if m.organisation_wide]
        self.sources = {s.id: s for s in register.sources}

    # registry entries -------------------------------------------------------------------------
    def subject(self, sid: str) -> str:
        entry = self.subjects.get(sid)
        return entry.name if entry else sid

    def category(self, cid: str) -> str:
        """A data category, flagged when it is special (Art. 9) or criminal-offence data (Art. 10)."""
        entry = self.categories.get(cid)
        if entry is None:
            return cid
        if entry.special_category is not None:
            return f"{entry.name} ({self.w.semicolons([self.w.enum(entry.special_category), self.w('xlsx.word.special-category')])})"
        if entry.criminal_offence:
            return f"{entry.name} ({self.w('xlsx.word.criminal-offence')})"
        return entry.name

    def recipient_name(self, rid: str) -> str:
        entry = self.recipients.get(rid)
        return entry.name if entry else rid

    def recipient(self, rid: str) -> str:
        """'MailChimp (Processor, United States)'."""
        entry = self.recipients.get(rid)
        if entry is None:
            return rid
        where = self.w.country(str(entry.country.value)) if isinstance(entry.country, Fact) else None
        return f"{entry.name} ({self.kind_text(entry.kind)}" + (f", {where})" if where else ")")

    def kind_text(self, kind: RecipientKind | NotStated) -> str:
        """A recipient's kind, or the register's words for not stated ('Not stated in source', 'Not recorded')."""
        return self.w.not_stated[0] if isinstance(kind, NotStated) else self.w.enum(kind)

    def kind_cell(self, kind: RecipientKind | NotStated) -> Cell:
        """A recipient's kind as a cell: its label, or the not-stated marker."""
        return self.w.not_stated if isinstance(kind, NotStated) else (self.w.enum(kind), Kind.TEXT)

    def measure(self, mid: str) -> str:
        entry = self.measures.get(mid)
        return entry.description if entry else mid

    def source(self, sid: str | None) -> str:
        """A source by id; the register's default source when the quote names none."""
        if sid is None:
            sid = self.register.default_source
        entry = self.sources.get(sid or "")
        return entry.title if entry else (sid or "")

    # composite values -------------------------------------------------------------------------
    def contact(self, contact: Contact) -> str:
        """'E-mail: privacy@example.se (questions about personal data)'."""
        text = self.w.colon(self.w.enum(contact.kind), contact.value)
        return f"{text} ({contact.purpose})" if contact.purpose else text

    def party(self, party: Party) -> list[str]:
        """A person or organisation: name, address, country and contacts, one per line."""
        out = [x for x in (party.name, party.address) if x]
        if party.country:
            out.append(self.w.country(party.country))
        out.extend(self.contact(c) for c in party.contacts)
        return out

    def party_cell(self, value: Party | NotStated | NoneStated | NotApplicable) -> Cell:
        if isinstance(value, Party):
            return (lines(self.party(value)), Kind.TEXT)
        return self.w.marker(value)

    def duration(self, iso: str) -> str:
        """'P2Y6M' -> '2 years 6 months (P2Y6M)'."""
        found = _DURATION.fullmatch(iso)
        if found is None:
            return iso
        parts = []
        for unit, amount in zip(_UNITS, found.groups(), strict=True):
            if amount is not None:
                n = int(amount)
                parts.append(f"{n} {self.w(f'xlsx.unit.{unit}' + ('' if n == 1 else 's'))}")
        return f"{' '.join(parts)} ({iso})"

    def retention(self, rule: RetentionRule, *, with_categories: bool = True) -> str:
        """'E-mail address: 2 years (P2Y); Counted from: end of the contract; Legal reference: ...'."""
        body = [x for x in (self.duration(rule.period) if rule.period else None, rule.rule) if x]
        if rule.trigger:
            body.append(self.w.colon(self.w("word.trigger"), rule.trigger))
        if rule.legal_reference:
            body.append(self.w.colon(self.w("word.legal-reference"), rule.legal_reference))
        if rule.held_by:  # last, after the legal reference: ropa.importing.own_cells.retention reads it first
            body.append(self.w.colon(self.w("point.held-by"), ", ".join(self.recipient_name(r) for r in rule.held_by)))
        text = self.w.semicolons(body)
        if with_categories and rule.data_categories:
            text = self.w.colon(", ".join(self.category(c) for c in rule.data_categories), text)
        return text

    def destination(self, transfer: Transfer) -> str:
        """The country or organisation; where the source names none, its words in quotes."""
        if transfer.country:
            return self.w.country(transfer.country)
        if transfer.organisation:
            return transfer.organisation
        return f"\N{LEFT DOUBLE QUOTATION MARK}{transfer.unnamed_destination}\N{RIGHT DOUBLE QUOTATION MARK}"

    def transfer_name(self, transfer: Transfer) -> str:
        """'United States (MailChimp)': the destination and, where given, who receives the data there."""
        where = self.destination(transfer)
        return f"{where} ({self.recipient_name(transfer.recipient)})" if transfer.recipient else where

    def mechanism(self, mech: MechanismStatement) -> str:
        text = self.w.enum(mech.mechanism)
        if not mech.documentation:
            return text
        return self.w.semicolons([text, self.w.colon(self.w("xlsx.word.documentation"), mech.documentation)])

    def location(self, loc: Location) -> str:
        extra = [
            x
            for x in (self.w.country(loc.country) if loc.country else None, self.recipient_name(loc.recipient) if loc.recipient else None)
            if x
        ]
        return f"{loc.description} ({', '.join(extra)})" if extra else loc.description

    def day(self, value: dt.date | Fact[dt.date] | NotStated | None) -> Cell:
        if isinstance(value, dt.date):
            return (value.isoformat(), Kind.TEXT)
        return point_cell(value, dt.date.isoformat, self.w)

    def labelled(self, pairs: Iterable[tuple[str, str | None]]) -> Cell:
        """'name: value' per line, the value being the not-stated label where None; a gap cell if all are."""
        rows = list(pairs)
        if not rows:
            return self.w.none
        ns = self.w.not_stated[0]
        text = items([self.w.colon(name, value if value is not None else ns) for name, value in rows])
        return (text, Kind.NOT_STATED if all(v is None for _, v in rows) else Kind.TEXT)
