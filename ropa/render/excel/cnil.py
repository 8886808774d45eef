"""The CNIL layout (``ropa build --layout cnil``): the French authority's model of the register, in French.

The CNIL's model ("registre des activités de traitement", its basic register) has a page common to
all activities (the organisation, its representative and DPO, the list of activities) and one
"fiche de registre" per activity with its sections: description, actors, purposes, data
subjects, data categories with their erasure periods, sensitive data, recipients, transfers
outside the EU and security measures. Here the common page is the first sheet and each fiche a
sheet of its own, printed portrait on A4. Cells are built by the same ``Lookup`` and
``RegisterRows`` as the default (ICO) layout, so a gap reads "Non précisé dans la source" wherever
the register does not state a point.

Followed: the CNIL's basic register model (cnil.fr, "Le registre des activités de traitement",
with its downloadable "registre de base"): the common page, then per activity the fiche's dates,
purposes ("Objectifs poursuivis"), data subjects, data categories, sensitive data (yes/no, then
which), retention per data category ("ces différentes durées doivent apparaître dans le
registre"), recipients, transfers outside the EU and security measures; and the actors block and
"N° / REF" of its 2018 version. Deviations, because ropa never invents facts: the model's tick
boxes (families of data, kinds of recipient, kinds of security measure) become the register's
own entries, named as the register names them; retention is a column of the data-categories
section rather than a section of its own; the lawful basis of each purpose and the Art. 9(2)
condition of each sensitive category are added; "Date de création de la fiche" and the software
used are not in the register, so the date reads as not stated and the software is left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ropa.model.activity import Activity, Art9Statement, Art10Statement, MechanismStatement, RetentionRule
from ropa.model.enums import LawfulBasis, Role
from ropa.model.markers import Fact, NotStated
from ropa.model.registries import DataCategory
from ropa.render.context import RenderInput
from ropa.render.excel import register_properties
from ropa.render.excel.cnil_words import LANG, FrenchWords
from ropa.render.excel.facts import Lookup, may_be_processor, point_cell
from ropa.render.excel.layout import Sheet, sheet_names
from ropa.render.excel.package import Properties, write_workbook
from ropa.render.excel.register_sheet import RegisterRows, basis_text
from ropa.render.excel.words import Cell, Kind, items, lines

__all__ = ["render", "workbook_plan"]

#: Width bounds (characters) of a form's three columns: heading, content, detail; at most 122 in all,
#: so that a fiche fits an A4 page's width (printed fitted to the width) at a readable size.
BOUNDS = ((28, 32), (50, 60), (26, 30))
EMPTY: Cell = ("", Kind.TEXT)
EMPTY_HEADER: Cell = ("", Kind.HEADER)
Row = list[Cell]


class Fiche:
    """The rows of the common page and of each activity's fiche."""

    def __init__(self, look: Lookup) -> None:
        self.look = look
        self.w = look.w
        self.rows = RegisterRows(look)

    def section(self, title: str, second: str = "cnil.col.content", third: str | None = None, *, wide: bool = False) -> Row:
        """A section's header row; ``wide`` marks a section whose content is organisation-wide (from ``defaults``)."""
        w = self.w
        head = f"{w(title)} {w('docx.org-wide-label')}" if wide else w(title)
        return [(head, Kind.HEADER), (w(second), Kind.HEADER), (w(third) if third else "", Kind.HEADER)]

    def row(self, key: str, value: Cell, extra: Cell = EMPTY) -> Row:
        return [(self.w(key), Kind.TEXT), value, extra]

    # the common page ---------------------------------------------------------------------------
    def controller(self) -> Cell:
        """Name, address, country and contacts of the controller; a point the source does not state says so."""
        c, w, look = self.look.register.controller, self.w, self.look
        ns = w.not_stated[0]
        parts = [c.name.value]
        parts.append(c.address.value if isinstance(c.address, Fact) else w.colon(w("point.address"), ns))  # which line is the gap
        if isinstance(c.country, Fact):
            parts.append(w.country(c.country.value))
        parts.extend([look.contact(x) for x in c.contacts] if isinstance(c.contacts, list) else [w.colon(w("point.contacts"), ns)])
        return (lines(parts), Kind.TEXT)

    def common(self, fiche_names: Sequence[str]) -> Iterator[Row]:
        reg, look = self.look.register, self.look
        yield self.row("cnil.controller", self.controller())
        yield self.row("cnil.representative", look.party_cell(reg.representative))
        yield self.row("cnil.dpo", look.party_cell(reg.dpo))
        yield self.row("cnil.register-date", (reg.info.date.isoformat(), Kind.TEXT))
        yield self.row("cnil.last-reviewed", look.day(reg.info.last_reviewed))
        yield self.row("cnil.source", (items([s.title for s in reg.sources]), Kind.TEXT))
        yield self.section("cnil.col.ref", "cnil.col.activity", "cnil.col.fiche")
        for act, name in zip(reg.activities, fiche_names, strict=True):
            yield [(act.id, Kind.TEXT), (act.name, Kind.TEXT), (name, Kind.TEXT)]

    # one activity --------------------------------------------------------------------------------
    def fiche(self, act: Activity) -> Iterator[Row]:
        yield from self.description(act)
        yield from self.actors(act)
        yield from self.purposes(act)
        yield from self.subjects(act)
        yield from self.categories(act)
        yield from self.recipients(act)
        yield from self.transfers(act)
        yield from self.security(act)

    def description(self, act: Activity) -> Iterator[Row]:
        w = self.w
        yield self.section("cnil.section.description")
        yield self.row("cnil.name", (act.name, Kind.TEXT))
        yield self.row("cnil.ref", (act.id, Kind.TEXT))
        yield self.row("cnil.created", w.not_stated)
        yield self.row("cnil.updated", self.rows.reviewed(act))
        yield self.row("cnil.role", (w.enum(act.role), Kind.TEXT))
        yield self.row("cnil.function", self.rows.wide(act, "business_function", point_cell(act.business_function, str, w)))
        yield self.row("cnil.col.description", (act.description, Kind.TEXT) if act.description else EMPTY)

    def actors(self, act: Activity) -> Iterator[Row]:
        reg, look = self.look.register, self.look
        yield self.section("cnil.section.actors")
        yield self.row("cnil.controller" if act.role is Role.CONTROLLER else "cnil.processor", self.controller())
        if act.controllers_served:
            yield self.row("cnil.controllers-served", ("\n\n".join(lines(look.party(p)) for p in act.controllers_served), Kind.TEXT))
        yield self.row("cnil.dpo", look.party_cell(reg.dpo))
        yield self.row("cnil.representative", look.party_cell(reg.representative))
        yield self.row("cnil.joint", self.rows.joint(act))

    def purposes(self, act: Activity) -> Iterator[Row]:
        w = self.w
        yield self.section("cnil.section.purposes", "cnil.col.description", "cnil.col.legal-basis")
        for n, purpose in enumerate(act.purposes):
            basis = purpose.lawful_basis
            if isinstance(basis, NotStated):
                ground = w.not_stated
            else:
                text = basis_text(basis, w)
                if basis.basis is LawfulBasis.LEGITIMATE_INTERESTS:
                    text += "\n" + (basis.legitimate_interest or w.not_stated[0])
                ground = (text, Kind.TEXT)
            label = w("cnil.purpose.main") if n == 0 else w.t("cnil.purpose.sub", n=n)
            yield [(label, Kind.TEXT), (purpose.description, Kind.TEXT), ground]

    def subjects(self, act: Activity) -> Iterator[Row]:
        yield self.section("cnil.section.subjects", "cnil.col.description")
        if not isinstance(act.data_subjects, Fact):
            yield [self.w.marker(act.data_subjects), self.w.marker(act.data_subjects), EMPTY]
            return
        for sid in act.data_subjects.value:
            entry = self.look.subjects.get(sid)
            yield [(self.look.subject(sid), Kind.TEXT), (entry.description or "", Kind.TEXT) if entry else EMPTY, EMPTY]

    def _erasure(self, act: Activity, cid: str) -> Cell:
        """The retention rules that cover one data category (a rule naming no category covers them all)."""
        return self.rows.wide(act, "retention", self._rules(act, cid))

    def _rules(self, act: Activity, cid: str) -> Cell:
        if not isinstance(act.retention, list):
            return self.w.marker(act.retention)
        rules: list[RetentionRule] = [r for r in act.retention if not r.data_categories or cid in r.data_categories]
        if not rules:
            return self.w.not_stated
        return (items([self.look.retention(r, with_categories=False) for r in rules]), Kind.TEXT)

    def categories(self, act: Activity) -> Iterator[Row]:
        w, look = self.w, self.look
        yield self.section("cnil.section.categories", "cnil.col.description", "cnil.col.erasure")
        if not isinstance(act.data_categories, Fact):
            gap = w.marker(act.data_categories)
            yield [gap, gap, self.rows.retention(act)]
            yield self.section("cnil.section.sensitive", "cnil.col.condition", "cnil.col.retention")
            yield [gap, gap, self.rows.retention(act)]
            return
        chosen = [look.categories[c] for c in act.data_categories.value if c in look.categories]
        plain = [c for c in chosen if c.special_category is None and not c.criminal_offence]
        sensitive = [c for c in chosen if c.special_category is not None or c.criminal_offence]
        for cat in plain:
            yield [(cat.name, Kind.TEXT), (cat.description or "", Kind.TEXT), self._erasure(act, cat.id)]
        if not plain and sensitive:  # not "none": the activity's data are all in the sensitive-data section
            yield [(w("cnil.categories.only-sensitive"), Kind.MARKER), EMPTY, EMPTY]
        elif not plain:
            yield [w.none, w.none, EMPTY]
        yield self.section("cnil.section.sensitive", "cnil.col.condition", "cnil.col.retention")
        for cat in sensitive:
            yield [(look.category(cat.id), Kind.TEXT), self._condition(act, cat), self._erasure(act, cat.id)]
        if not sensitive:
            yield [(w("word.no"), Kind.TEXT), (w("cnil.sensitive.none"), Kind.MARKER), EMPTY]

    def _condition(self, act: Activity, cat: DataCategory) -> Cell:
        """The Art. 9(2) condition of a special category, or the Art. 10 basis of criminal-offence data."""
        w = self.w
        if cat.special_category is not None:
            conds = act.special_category_conditions
            if not isinstance(conds, list):
                return w.marker(conds) if conds is not None else w.not_stated
            covering = [c for c in conds if not c.data_categories or cat.id in c.data_categories]
            return (items([self._art9(c) for c in covering]), Kind.TEXT) if covering else w.not_stated
        basis = act.criminal_offence_basis
        if isinstance(basis, Art10Statement):
            text = w.enum(basis.basis)
            return (w.semicolons([text, basis.legal_reference]) if basis.legal_reference else text, Kind.TEXT)
        return w.marker(basis) if basis is not None else w.not_stated

    def _art9(self, cond: Art9Statement) -> str:
        return self.w.enum(cond.condition)

    def recipients(self, act: Activity) -> Iterator[Row]:
        w, look = self.w, self.look
        yield self.section("cnil.section.recipients", "cnil.col.detail", "cnil.col.kind", wide="recipients" in act.inherited)
        if not isinstance(act.recipients, Fact):
            cell = w.marker(act.recipients)
            yield [cell, cell, cell]
            return
        for rid in act.recipients.value:
            entry = look.recipients.get(rid)
            if entry is None:
                yield [(rid, Kind.TEXT), EMPTY, EMPTY]
                continue
            where = w.country(str(entry.country.value)) if isinstance(entry.country, Fact) else None
            detail = [x for x in (entry.description, where) if x]
            if may_be_processor(entry.kind) and entry.contract is not None:
                contract = entry.contract.value if isinstance(entry.contract, Fact) else w.not_stated[0]
                detail.append(w.colon(w("cnil.contract"), contract))
            yield [
                (entry.name, Kind.TEXT),
                (lines(detail), Kind.TEXT),
                w.not_stated if isinstance(entry.kind, NotStated) else (w.enum(entry.kind), Kind.TEXT),
            ]
        if not act.recipients.value:
            yield [w.none, w.none, EMPTY]

    def transfers(self, act: Activity) -> Iterator[Row]:
        w, look = self.w, self.look
        yield self.section("cnil.section.transfers", "cnil.col.country", "cnil.col.guarantees", wide="transfers" in act.inherited)
        if not isinstance(act.transfers, list) or not act.transfers:
            cell = w.marker(act.transfers) if not isinstance(act.transfers, list) else w.none
            yield [cell, cell, cell]
            return
        for t in act.transfers:
            who = look.recipient_name(t.recipient) if t.recipient else look.destination(t)
            if t.unnamed_destination is not None:
                where: Cell = (f"{look.destination(t)} \N{EN DASH} {w('xlsx.word.country-not-stated')}", Kind.NOT_STATED)
            else:
                where = (look.destination(t), Kind.TEXT)
            ground = (look.mechanism(t.mechanism), Kind.TEXT) if isinstance(t.mechanism, MechanismStatement) else w.marker(t.mechanism)
            yield [(who, Kind.TEXT), where, ground]

    def security(self, act: Activity) -> Iterator[Row]:
        w, look = self.w, self.look
        yield self.section(
            "cnil.section.security", "cnil.col.description", "cnil.col.measure-kind", wide="security_measures" in act.inherited
        )
        own = (
            [look.measures[m] for m in act.security_measures.value if m in look.measures] if isinstance(act.security_measures, Fact) else []
        )
        shared = [m for m in look.org_measures if m not in own]
        for key, measures in (("cnil.security.activity", own), ("cnil.security.organisation", shared)):
            for m in measures:
                yield [(w(key), Kind.TEXT), (m.description, Kind.TEXT), (w.enum(m.kind), Kind.TEXT) if m.kind else EMPTY]
        if not own and not shared:
            cell = w.marker(act.security_measures) if isinstance(act.security_measures, NotStated) else w.none
            yield [cell, cell, EMPTY]


def _form(key: str, header: Row, rows: Iterator[Row]) -> Sheet:
    return Sheet(key, header, BOUNDS, rows, freeze="A2", form=True)


def workbook_plan(data: RenderInput) -> tuple[list[Sheet], list[str], Properties]:
    """The common sheet, then one fiche per activity; their names; the document properties."""
    words = FrenchWords(data.register.info.kind.value)
    look = Lookup(data.register, words)
    fiche = Fiche(look)
    reg = data.register
    organisation = reg.controller.name.value
    names = sheet_names([words("cnil.sheet.register")] + [words.t("cnil.sheet.fiche", n=n) for n in range(1, len(reg.activities) + 1)])
    sheets = [
        _form(
            "cnil.sheet.register", [(words("cnil.title"), Kind.HEADER), (organisation, Kind.HEADER), EMPTY_HEADER], fiche.common(names[1:])
        )
    ]
    for act in reg.activities:
        header = [(words("cnil.fiche"), Kind.HEADER), (act.name, Kind.HEADER), (words.colon(words("cnil.ref"), act.id), Kind.HEADER)]
        sheets.append(_form("cnil.fiche", header, fiche.fiche(act)))
    props = register_properties(
        data,
        words,
        title=f"{words('cnil.title')} {organisation}",
        subject=words("cnil.subject"),
        keywords="RGPD; art. 30; registre; CNIL",
        language=LANG,
    )
    return sheets, names, props


def render(data: RenderInput) -> bytes:
    """The register in the CNIL's layout as an .xlsx workbook, byte-identical for identical input."""
    return write_workbook(*workbook_plan(data))
