"""The Register sheet: Art. 30(1), one row per controller activity, in the UK ICO template's column order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ropa.model.activity import (
    Activity,
    Art9Statement,
    Art10Statement,
    AutomatedDecisions,
    Dpia,
    LawfulBasisStatement,
    MechanismStatement,
)
from ropa.model.enums import LawfulBasis, RecipientKind, Role
from ropa.model.markers import Fact, NotStated
from ropa.model.organisation import RightStatement
from ropa.render.excel import paths
from ropa.render.excel.facts import Lookup, may_be_processor, point_cell
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, Words, items, lines

_NOT_STATED = NotStated(not_stated=True)

ID = Column("xlsx.col.activity-id", min_width=10, max_width=20)
NAME = Column("point.activity", min_width=14, max_width=24)
DESCRIPTION = Column("xlsx.col.description", min_width=16, max_width=34)
NOTES = Column("xlsx.col.notes", min_width=20, max_width=60)

#: Art. 30(1) columns in the order of the UK ICO controller template (then the template's extras).
CONTROLLER_COLUMNS = (
    ID,
    NAME,
    DESCRIPTION,
    Column("point.business-function", ("template",), 14, 20),
    Column("point.purposes", ("30(1)(b)",), 24, 42),
    Column("point.joint-controllers", ("30(1)(a)", "26"), 14, 24),
    Column("point.data-subjects", ("30(1)(c)",), 14, 26),
    Column("point.data-categories", ("30(1)(c)",), 16, 32),
    Column("point.recipients", ("30(1)(d)",), 18, 34),
    Column("point.processor-contract", ("28(3)",), 16, 30),
    Column("point.transfers", ("30(1)(e)",), 16, 28),
    Column("point.transfer-mechanism", ("30(1)(e)", "44-49"), 18, 32),
    Column("point.retention", ("30(1)(f)",), 18, 36),
    Column("point.security-measures", ("30(1)(g)", "32(1)"), 20, 36),
    Column("point.lawful-basis", ("6(1)",), 18, 28),
    Column("point.art9-condition", (), 14, 26),
    Column("point.art10-basis", (), 14, 22),
    Column("point.legitimate-interest", ("6(1)(f)",), 16, 32),
    Column("point.rights", ("12-22",), 18, 30),
    Column("point.automated-decisions", ("22",), 14, 26),
    Column("point.data-source", ("13-14",), 14, 20),
    Column("point.storage-location", ("template",), 16, 28),
    Column("point.dpia", ("35",), 14, 24),
    Column("point.last-reviewed", ("template",), 12, 14),
    NOTES,
)


def _numbered(values: Sequence[str]) -> str:
    """One value per line, numbered when there are several (purposes, and what belongs to each)."""
    return lines(values) if len(values) == 1 else lines([f"{n}. {text}" for n, text in enumerate(values, 1)])


def basis_text(basis: LawfulBasisStatement, w: Words) -> str:
    """A lawful basis as the workbook states it: its label, then how consent is withdrawn (Art. 7(3)) on a line of its
    own when the register says ('Consent (Art. 6(1)(a))' / 'How consent is withdrawn (Art. 7(3)): Unsubscribe link')."""
    text = w.enum(basis.basis)
    if basis.consent_withdrawal:
        text += "\n" + w.colon(w("xlsx.word.consent-withdrawal"), basis.consent_withdrawal)
    return text


def _per_purpose(cells: Sequence[str | None], look: Lookup) -> Cell:
    """One line per purpose (numbered when there are several); a gap cell when none is stated."""
    if all(c is None for c in cells):
        return look.w.not_stated
    ns = look.w.not_stated[0]
    return (_numbered([c if c is not None else ns for c in cells]), Kind.TEXT)


class RegisterRows:
    """Cells of one activity, column by column; shared by the controller and processor sheets."""

    def __init__(self, look: Lookup) -> None:
        self.look = look
        self.w = look.w
        reg = look.register
        rights = reg.data_subject_rights
        self.rights: Cell = self._rights(rights) if isinstance(rights, list) else self.w.marker(rights)

    def _rights(self, statements: list[RightStatement]) -> Cell:
        """The rights, once each; how they are exercised is on the Controller sheet."""
        rights = dict.fromkeys(self.w.enum(r) for st in statements for r in st.rights)
        return self.listed(list(rights))

    def wide(self, act: Activity, point: str, cell: Cell) -> Cell:
        """An inherited value marked as the organisation-wide statement it is: 'Organisation-wide: ...'."""
        return (self.w.colon(self.w("docx.org-wide"), cell[0]), cell[1]) if point in act.inherited else cell

    def listed(self, values: Sequence[str]) -> Cell:
        """A list of statements; an empty one reads 'None', never a blank cell."""
        return (items(values), Kind.TEXT) if values else self.w.none

    def ids(self, act: Activity) -> list[Cell]:
        return [(act.id, Kind.TEXT), (act.name, Kind.TEXT)]

    def joint(self, act: Activity) -> Cell:
        look = self.look
        if isinstance(act.recipients, Fact):
            named = [
                look.recipient_name(r)
                for r in act.recipients.value
                if r in look.recipients and look.recipients[r].kind is RecipientKind.JOINT_CONTROLLER
            ]
            if named:
                return (items(named), Kind.TEXT)
        joint = look.register.joint_controllers
        if isinstance(joint, list):
            return (items([p.name or "" for p in joint]), Kind.TEXT) if joint else self.w.none
        return self.w.marker(joint)

    def contracts(self, act: Activity) -> Cell:
        if not isinstance(act.recipients, Fact):
            return self.w.marker(act.recipients)
        look = self.look
        chosen = [look.recipients[r] for r in act.recipients.value if r in look.recipients and may_be_processor(look.recipients[r].kind)]
        if not chosen:
            return (self.w.not_applicable, Kind.MARKER)
        return look.labelled((r.name, r.contract.value if isinstance(r.contract, Fact) else None) for r in chosen)

    def transfers(self, act: Activity) -> tuple[Cell, Cell]:
        """The destinations, and the mechanism of each."""
        where, grounds = self._transfers(act)
        return self.wide(act, "transfers", where), self.wide(act, "transfers", grounds)

    def _transfers(self, act: Activity) -> tuple[Cell, Cell]:
        if not isinstance(act.transfers, list) or not act.transfers:
            cell = self.w.marker(act.transfers) if not isinstance(act.transfers, list) else self.w.none
            return cell, cell
        look = self.look
        names = [look.transfer_name(t) for t in act.transfers]
        unnamed = [t.unnamed_destination is not None for t in act.transfers]
        gap = f" \N{EN DASH} {self.w('xlsx.word.country-not-stated')}"
        where: Cell = (
            items([n + gap if u else n for n, u in zip(names, unnamed, strict=True)]),
            Kind.NOT_STATED if all(unnamed) else Kind.TEXT,
        )
        grounds = [
            (n, look.mechanism(t.mechanism) if isinstance(t.mechanism, MechanismStatement) else None)
            for n, t in zip(names, act.transfers, strict=True)
        ]
        if len(grounds) == 1:
            only = grounds[0][1]
            return where, ((only, Kind.TEXT) if only else self.w.not_stated)
        return where, look.labelled(grounds)

    def retention(self, act: Activity) -> Cell:
        if not isinstance(act.retention, list):
            return self.wide(act, "retention", self.w.marker(act.retention))
        return self.wide(act, "retention", self.listed([self.look.retention(r) for r in act.retention]))

    def security(self, act: Activity) -> Cell:
        return self.wide(act, "security_measures", self._security(act))

    def _security(self, act: Activity) -> Cell:
        look = self.look
        own = [look.measure(m) for m in act.security_measures.value] if isinstance(act.security_measures, Fact) else []
        count = len(look.org_measures)
        wide = [self.w("xlsx.word.organisation-measures").format(n=count, sheet=self.w("xlsx.sheet.security"))] if count else []
        if not own and not wide:
            return self.w.marker(act.security_measures) if isinstance(act.security_measures, NotStated) else self.w.none
        return (items(own + wide), Kind.TEXT)

    def special(self, act: Activity) -> tuple[Cell, Cell]:
        """The Art. 9(2) condition and the Art. 10 basis; not applicable without such data (as in ``ropa.reporting.gaps``)."""
        look = self.look
        chosen = (
            [look.categories[c] for c in act.data_categories.value if c in look.categories] if isinstance(act.data_categories, Fact) else []
        )
        art9: Cell = (self.w.not_applicable, Kind.MARKER)
        if any(c.special_category for c in chosen):
            conds = act.special_category_conditions
            art9 = self.listed([self._art9(c) for c in conds]) if isinstance(conds, list) else look.w.marker(conds or _NOT_STATED)
        art10: Cell = (self.w.not_applicable, Kind.MARKER)
        if any(c.criminal_offence for c in chosen):
            basis = act.criminal_offence_basis
            art10 = (self._art10(basis), Kind.TEXT) if isinstance(basis, Art10Statement) else look.w.marker(basis or _NOT_STATED)
        return art9, art10

    def _art9(self, cond: Art9Statement) -> str:
        text = self.w.enum(cond.condition)
        if cond.data_categories:
            text = self.w.colon(text, ", ".join(self.look.category(c) for c in cond.data_categories))
        return text

    def _art10(self, basis: Art10Statement) -> str:
        text = self.w.enum(basis.basis)
        return self.w.semicolons([text, basis.legal_reference]) if basis.legal_reference else text

    def automated(self, act: Activity) -> Cell:
        return self.wide(act, "automated_decisions", self._automated(act))

    def _automated(self, act: Activity) -> Cell:
        auto = act.automated_decisions
        if not isinstance(auto, AutomatedDecisions):
            return self.w.marker(auto)
        w = self.w
        return (
            lines(
                [
                    w.colon(w("word.profiling"), w.yes_no(auto.profiling)),
                    w.colon(w("word.automated-decision"), w.yes_no(auto.automated_decision)),
                    auto.description,
                ]
            ),
            Kind.TEXT,
        )

    def dpia(self, act: Activity) -> Cell:
        if not isinstance(act.dpia, Dpia):
            return self.wide(act, "dpia", self.w.marker(act.dpia))
        text = self.w.enum(act.dpia.status)
        return self.wide(act, "dpia", (f"{text}\n{act.dpia.reference}" if act.dpia.reference else text, Kind.TEXT))

    def reviewed(self, act: Activity) -> Cell:
        day = self.look.day(act.last_reviewed if act.last_reviewed is not None else self.look.register.info.last_reviewed)
        return self.wide(act, "last_reviewed", day)

    def notes(self, act: Activity) -> Cell:
        out: dict[str, None] = {}
        for where, note in paths.notes(act):
            key = paths.point_key(where)
            out[self.w.colon(self.w(key), note) if key else note] = None
        return (items(out), Kind.TEXT) if out else ("", Kind.TEXT)

    def names(self, value: Fact[list[str]] | NotStated, show: str) -> Cell:
        fmt = self.look.subject if show == "subjects" else self.look.category
        return point_cell(value, lambda ids: items([fmt(i) for i in ids]), self.w)

    def recipients(self, act: Activity) -> Cell:
        return self.wide(act, "recipients", point_cell(act.recipients, lambda ids: items([self.look.recipient(i) for i in ids]), self.w))

    def business_function(self, act: Activity) -> Cell:
        return self.wide(act, "business_function", point_cell(act.business_function, str, self.w))

    def data_source(self, act: Activity) -> Cell:
        return self.wide(act, "data_source", point_cell(act.data_source, lambda v: items([self.w.enum(s) for s in v]), self.w))

    def storage(self, act: Activity) -> Cell:
        where = act.storage_location
        cell = self.listed([self.look.location(x) for x in where]) if isinstance(where, list) else self.w.marker(where)
        return self.wide(act, "storage_location", cell)

    def controller_row(self, act: Activity) -> list[Cell]:
        w, look = self.w, self.look
        bases = [basis_text(p.lawful_basis, w) if not isinstance(p.lawful_basis, NotStated) else None for p in act.purposes]
        interests = [
            (p.lawful_basis.legitimate_interest or w.not_stated[0])
            if not isinstance(p.lawful_basis, NotStated) and p.lawful_basis.basis is LawfulBasis.LEGITIMATE_INTERESTS
            else None
            for p in act.purposes
        ]
        where, grounds = self.transfers(act)
        art9, art10 = self.special(act)
        return [
            *self.ids(act),
            (act.description, Kind.TEXT) if act.description else ("", Kind.TEXT),
            self.business_function(act),
            (_numbered([p.description for p in act.purposes]), Kind.TEXT),
            self.joint(act),
            self.names(act.data_subjects, "subjects"),
            self.names(act.data_categories, "categories"),
            self.recipients(act),
            self.contracts(act),
            where,
            grounds,
            self.retention(act),
            self.security(act),
            _per_purpose(bases, look),
            art9,
            art10,
            (_numbered([i or w.not_applicable for i in interests]), Kind.TEXT) if any(interests) else (w.not_applicable, Kind.MARKER),
            self.rights,
            self.automated(act),
            self.data_source(act),
            self.storage(act),
            self.dpia(act),
            self.reviewed(act),
            self.notes(act),
        ]


def _rows(look: Lookup) -> Iterator[list[Cell]]:
    rows = RegisterRows(look)
    for act in look.register.activities:
        if act.role is Role.CONTROLLER:
            yield rows.controller_row(act)


def register_sheet(look: Lookup) -> Sheet:
    """Art. 30(1): one row per controller activity."""
    return table("xlsx.sheet.register", CONTROLLER_COLUMNS, _rows(look), look.w, freeze="C2", wide=True)
