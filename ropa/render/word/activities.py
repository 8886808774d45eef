"""Section 3: one subsection per processing activity, a label/value table citing Art. 30, and its quotes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ropa.model.activity import (
    Activity,
    Art9Statement,
    Art10Statement,
    AutomatedDecisions,
    Dpia,
    LawfulBasisStatement,
    Location,
    MechanismStatement,
    Purpose,
    RetentionRule,
    Transfer,
)
from ropa.model.enums import Role
from ropa.model.markers import Fact, NotStated
from ropa.render.word.categories import categories_cell, subjects_cell
from ropa.render.word.cookies import cookies_cell
from ropa.render.word.dpia import write_screening
from ropa.render.word.evidence import Quotes, evidence_block
from ropa.render.word.ooxml import Body, Cell, Element, Inline, Run, TableSpec
from ropa.render.word.paragraphs import prefixed, xml_para
from ropa.render.word.provision import provision_row
from ropa.render.word.styles import HEADINGS, NOT_STATED, NOTE, REGISTER_TABLE, TABLE_ITEM, TABLE_TEXT, TEXT_WIDTH
from ropa.render.word.values import Context
from ropa.reporting import gaps
from ropa.reporting.dpia import Screening
from ropa.reporting.review_status import status_text

LABEL_WIDTH = 2835
Row = tuple[Cell, Cell]


def label_value_spec() -> TableSpec:
    """The two-column table: label citing the Art. 30 point, then the value."""
    return TableSpec((LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH), style=REGISTER_TABLE, label_column=True)


def write_activities(ctx: Context, body: Body, screenings: Sequence[Screening]) -> None:
    """Heading 1 and one Heading 2 subsection per activity, each with its DPIA screening (``screenings``, in order)."""
    body.heading(1, "3", ctx.t("docx.section.activities"), HEADINGS[1])
    spec = label_value_spec()
    for i, act in enumerate(ctx.register.activities):
        quotes = Quotes()
        # Each activity starts a page (the first follows its section heading), so it can be read and signed alone.
        body.heading(2, ctx.numbers[act.id], act.name, HEADINGS[2], new_page=i > 0)
        if act.description:
            body.add(xml_para(act.description, keep_next=True))
        table = spec.new(body, [ctx.t("docx.col.point"), act.name])
        for label, value in rows(ctx, act, quotes):
            spec.row(table, (label, value))
        evidence_block(ctx, body, quotes)
        write_screening(ctx, body, screenings[i])
        body.checkpoint()


def _sub(ctx: Context, key: str, text: str) -> Element:
    """A labelled detail line inside a value cell: 'How consent is withdrawn: ...'."""
    return xml_para([Run(ctx.t(key) + ctx.t("punct.colon"), NOTE), text], TABLE_TEXT)


def _numbered(items: list[Cell], many: bool) -> list[Element]:
    """Flatten per-item paragraphs; when there are several items, number each and set them apart."""
    out: list[Element] = []
    for i, paras in enumerate(items, start=1):
        if many and paras:
            out.append(prefixed(paras[0], (f"{i}. ",), TABLE_ITEM if i > 1 else None))  # every table paragraph has a style
            out.extend(paras[1:])
            continue
        out.extend(paras)
    return out


def rows(ctx: Context, act: Activity, quotes: Quotes) -> Iterator[Row]:
    """The rows of an activity's table, in the order of Art. 30(1) and the templates."""
    lab = ctx.label_cell
    yield lab("docx.col.identifier"), ctx.text(act.id)
    article = "Art. 30(2)" if act.role is Role.PROCESSOR else "Art. 30(1)"
    yield lab("point.role", article), ctx.text(ctx.enum(act.role))
    if act.controllers_served:
        yield lab("point.controllers-served", "Art. 30(2)(a)"), [p for party in act.controllers_served for p in ctx.party(party)]
    org = Quotes()  # quotes of organisation-wide statements, labelled as such below
    inherited = act.inherited

    def q(point: str) -> Quotes:
        return org if point in inherited else quotes

    def wide(point: str, cell: list[Element]) -> list[Element]:
        """An inherited value is shown as the organisation-wide statement it is, never as the activity's own."""
        return [ctx.mark("docx.org-wide-statement", NOTE), *cell] if point in inherited else cell

    yield lab("point.business-function", None), wide("business_function", ctx.point(act.business_function, ctx.text))
    q("business_function").add_from(ctx.t("point.business-function"), act.business_function)

    many = len(act.purposes) > 1
    yield lab("point.purposes", gaps.PURPOSES.article), _numbered([ctx.text(p.description) for p in act.purposes], many)
    yield lab("point.lawful-basis", gaps.LAWFUL_BASIS.article), _numbered([_basis(ctx, p, quotes) for p in act.purposes], many)
    for p in act.purposes:
        quotes.add(ctx.t("point.purposes"), p.evidence)

    yield lab("point.data-subjects", gaps.DATA_SUBJECTS.article), ctx.point(act.data_subjects, lambda ids: subjects_cell(ctx, ids))
    quotes.add_from(ctx.t("point.data-subjects"), act.data_subjects)
    yield lab("point.data-categories", gaps.DATA_CATEGORIES.article), ctx.point(act.data_categories, lambda ids: categories_cell(ctx, ids))
    quotes.add_from(ctx.t("point.data-categories"), act.data_categories)
    yield from _special_rows(ctx, act, quotes)
    yield (
        lab("point.data-source", gaps.DATA_SOURCE.article),
        wide("data_source", ctx.point(act.data_source, lambda vals: ctx.lines(ctx.enum(v) for v in vals))),
    )
    q("data_source").add_from(ctx.t("point.data-source"), act.data_source)
    if (row := provision_row(ctx, act, quotes)) is not None:
        yield row

    yield lab("point.recipients", gaps.RECIPIENTS.article), wide("recipients", ctx.point(act.recipients, lambda ids: _recipients(ctx, ids)))
    q("recipients").add_from(ctx.t("point.recipients"), act.recipients)
    tq = q("transfers")
    yield (
        lab("point.transfers", gaps.TRANSFERS.article),
        wide("transfers", ctx.point(act.transfers, lambda items: _numbered([_transfer(ctx, t, tq) for t in items], len(items) > 1))),
    )
    tq.add_from(ctx.t("point.transfers"), act.transfers)
    rq = q("retention")
    yield (
        lab("point.retention", gaps.RETENTION.article),
        wide("retention", ctx.point(act.retention, lambda items: _numbered([retention(ctx, r, rq) for r in items], len(items) > 1))),
    )
    if act.cookies is not None:
        yield lab("point.cookies", "ePrivacy Art. 5(3)"), cookies_cell(ctx, act.cookies)
    yield lab("point.security-measures", gaps.SECURITY.article), wide("security_measures", _security(ctx, act, q("security_measures")))
    aq = q("automated_decisions")
    yield (
        lab("point.automated-decisions", gaps.AUTOMATED.article),
        wide("automated_decisions", ctx.point(act.automated_decisions, lambda a: _automated(ctx, a, aq))),
    )
    aq.add_from(ctx.t("point.automated-decisions"), act.automated_decisions)
    dq = q("dpia")
    yield lab("point.dpia", gaps.DPIA.article), wide("dpia", ctx.point(act.dpia, lambda d: _dpia(ctx, d, dq)))
    sq = q("storage_location")
    yield (
        lab("point.storage-location", None),
        wide("storage_location", ctx.point(act.storage_location, lambda items: [p for loc in items for p in _location(ctx, loc, sq)])),
    )
    if act.last_reviewed is not None:
        yield (
            lab("point.last-reviewed", None),
            wide(
                "last_reviewed",
                ctx.point(act.last_reviewed, lambda day: ctx.lines([ctx.date(day), status_text(ctx.register, ctx.t, ctx.date, day)])),
            ),
        )
    quotes.merge(org, ctx.t("docx.org-wide-label"))


def _special_rows(ctx: Context, act: Activity, quotes: Quotes) -> Iterator[Row]:
    """The Art. 9(2) and Art. 10 rows, where the activity states them."""
    lab = ctx.label_cell
    if act.special_category_conditions is not None:
        conditions = act.special_category_conditions
        yield (
            lab("point.art9-condition", gaps.ART9.article),
            ctx.point(conditions, lambda items: [p for s in items for p in _art9(ctx, s, quotes)]),
        )
    if act.criminal_offence_basis is not None:
        basis = act.criminal_offence_basis
        yield lab("point.art10-basis", gaps.ART10.article), ctx.point(basis, lambda s: _art10(ctx, s, quotes))


def _basis(ctx: Context, purpose: Purpose, quotes: Quotes) -> list[Element]:
    basis = purpose.lawful_basis
    if not isinstance(basis, LawfulBasisStatement):
        return ctx.not_stated(basis.note)
    quotes.add(ctx.t("point.lawful-basis"), basis.evidence)
    out = [xml_para(ctx.enum(basis.basis), TABLE_TEXT)]
    if basis.legitimate_interest:
        out.append(_sub(ctx, "point.legitimate-interest", basis.legitimate_interest))
    if basis.consent_withdrawal:
        out.append(_sub(ctx, "docx.consent-withdrawal", basis.consent_withdrawal))
    return out + ctx.note(basis.note)


def _art9(ctx: Context, statement: Art9Statement, quotes: Quotes) -> list[Element]:
    quotes.add(ctx.t("point.art9-condition"), statement.evidence)
    out = [xml_para(ctx.enum(statement.condition), TABLE_TEXT)]
    if statement.data_categories:
        out.append(_sub(ctx, "point.data-categories", ", ".join(ctx.names(statement.data_categories, ctx.categories))))
    return out + ctx.note(statement.note)


def _art10(ctx: Context, statement: Art10Statement, quotes: Quotes) -> list[Element]:
    quotes.add(ctx.t("point.art10-basis"), statement.evidence)
    out = [xml_para(ctx.enum(statement.basis), TABLE_TEXT)]
    if statement.legal_reference:
        out.append(_sub(ctx, "word.legal-reference", statement.legal_reference))
    return out


def recipient_line(ctx: Context, rid: str) -> str:
    """'MailChimp (Processor, United States)'."""
    line = ctx.memo.get(("recipient", rid))
    if line is None:
        line = ctx.memo["recipient", rid] = _recipient_line(ctx, rid)
    return line


def _recipient_line(ctx: Context, rid: str) -> str:
    rec = ctx.recipients.get(rid)
    if rec is None:
        return rid
    details = [ctx.t("status.not-stated") if isinstance(rec.kind, NotStated) else ctx.enum(rec.kind)]
    if isinstance(rec.country, Fact):
        details.append(ctx.country(rec.country.value))
    return f"{rec.name} ({', '.join(details)})"


def _recipients(ctx: Context, ids: list[str]) -> list[Element]:
    return ctx.lines(recipient_line(ctx, rid) for rid in ids)


def destination(ctx: Context, transfer: Transfer) -> list[Inline]:
    """Where a transfer goes: a country's name, an international organisation, or, when the
    source names no country, the not-stated mark followed by the source's own words."""
    if transfer.country:
        return [ctx.country(transfer.country)]
    if transfer.organisation:
        return [transfer.organisation]
    words = transfer.unnamed_destination or ""
    return [Run(ctx.t("status.not-stated"), NOT_STATED), f" ({ctx.t('docx.quote', quote=words)})"]


def mechanism(ctx: Context, transfer: Transfer, quotes: Quotes | None = None, *, notes: bool = True) -> list[Element]:
    """The transfer's safeguard, its documentation, or the not-stated mark (with the encoder's notes unless told)."""
    mech = transfer.mechanism
    if not isinstance(mech, MechanismStatement):
        return ctx.not_stated(mech.note if notes else None)
    if quotes is not None:
        quotes.add(ctx.t("point.transfer-mechanism"), mech.evidence)
    out = [xml_para(ctx.enum(mech.mechanism), TABLE_TEXT)]
    if mech.documentation:
        out.append(_sub(ctx, "docx.documentation", mech.documentation))
    return out + ctx.note(mech.note if notes else None)


def _transfer(ctx: Context, transfer: Transfer, quotes: Quotes) -> list[Element]:
    quotes.add(ctx.t("point.transfers"), transfer.evidence)
    head: list[Inline] = [Run(ctx.t("point.transfer-destination") + ctx.t("punct.colon"), NOTE), *destination(ctx, transfer)]
    if transfer.recipient:
        head += [" — ", Run(ctx.names([transfer.recipient], ctx.recipients)[0], "Strong")]
    mech = mechanism(ctx, transfer, quotes)
    mech[0] = prefixed(mech[0], (Run(ctx.t("point.transfer-mechanism") + ctx.t("punct.colon"), NOTE),))
    return [xml_para(head, TABLE_TEXT), *mech, *ctx.note(transfer.note)]


def retention(ctx: Context, rule: RetentionRule, quotes: Quotes | None = None) -> list[Element]:
    """One retention rule: the categories it covers, the period and rule, trigger and law."""
    if quotes is not None:
        quotes.add(ctx.t("point.retention"), rule.evidence)
    cats = ", ".join(ctx.names(rule.data_categories, ctx.categories)) if rule.data_categories else ctx.t("word.all-categories")
    out = [xml_para([Run(cats + ctx.t("punct.colon"), NOTE), ctx.duration(rule.period) if rule.period else str(rule.rule)], TABLE_TEXT)]
    if rule.period and rule.rule:
        out.append(_sub(ctx, "word.rule", rule.rule))
    if rule.trigger:
        out.append(_sub(ctx, "word.trigger", rule.trigger))
    if rule.legal_reference:
        out.append(_sub(ctx, "word.legal-reference", rule.legal_reference))
    if rule.held_by:
        out.append(_sub(ctx, "point.held-by", ", ".join(ctx.names(rule.held_by, ctx.recipients))))
    return out + ctx.note(rule.note)


def _security(ctx: Context, act: Activity, quotes: Quotes) -> list[Element]:
    """Activity measures, and the organisation-wide ones by reference (as the gaps table counts them)."""
    org_wide = ctx.org_wide_security
    letter = ctx.annex["security"]
    value = act.security_measures
    if isinstance(value, Fact):
        quotes.add(ctx.t("point.security-measures"), value.evidence)
        out = ctx.lines(ctx.measures[i].description if i in ctx.measures else i for i in value.value) + ctx.note(value.note)
        if org_wide:
            out.append(ctx.made("org-wide-apply", lambda: xml_para([Run(ctx.t("docx.org-wide-apply", letter=letter), NOTE)], TABLE_TEXT)))
        return out
    if org_wide:
        return [xml_para(ctx.t("docx.org-wide-only", letter=letter), TABLE_TEXT), *ctx.note(value.note)]
    return ctx.not_stated(value.note)


def _automated(ctx: Context, item: AutomatedDecisions, quotes: Quotes) -> list[Element]:
    quotes.add(ctx.t("point.automated-decisions"), item.evidence)
    colon, semicolon = ctx.t("punct.colon"), ctx.t("punct.semicolon")
    profiling, automated = ctx.t("word.profiling"), ctx.t("word.automated-decision")
    flags = f"{profiling}{colon}{ctx.yes_no(item.profiling)}{semicolon}{automated}{colon}{ctx.yes_no(item.automated_decision)}"
    return [xml_para(flags, TABLE_TEXT), xml_para(item.description, TABLE_TEXT)]


def _dpia(ctx: Context, dpia: Dpia, quotes: Quotes) -> list[Element]:
    quotes.add(ctx.t("point.dpia"), dpia.evidence)
    out = [xml_para(ctx.enum(dpia.status), TABLE_TEXT)]
    if dpia.reference:
        out.append(xml_para(dpia.reference, TABLE_TEXT))
    return out + ctx.note(dpia.note)


def _location(ctx: Context, loc: Location, quotes: Quotes) -> list[Element]:
    quotes.add(ctx.t("point.storage-location"), loc.evidence)
    details = [ctx.country(loc.country)] if loc.country else []
    if loc.recipient:
        details.append(ctx.names([loc.recipient], ctx.recipients)[0])
    return [xml_para(loc.description + (f" ({', '.join(details)})" if details else ""), TABLE_TEXT)]
