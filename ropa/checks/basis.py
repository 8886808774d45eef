"""Lawful bases (Art. 6), special categories (Art. 9, 10), Art. 30(5) and processor records."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.activity import Activity, LawfulBasisStatement
from ropa.model.enums import LawfulBasis, Role
from ropa.model.markers import Fact, NotStated


def lawful_bases(ctx: Context) -> Iterable[Issue]:
    for a, act in enumerate(ctx.register.activities):
        for p, purpose in enumerate(act.purposes):
            basis = purpose.lawful_basis
            if not isinstance(basis, LawfulBasisStatement):
                continue
            loc: Loc = ("activities", a, "purposes", p, "lawful_basis")
            if basis.basis is LawfulBasis.LEGITIMATE_INTERESTS and not basis.legitimate_interest:
                yield Issue(
                    (*loc, "basis"), "legitimate-interest-missing", "Art. 6(1)(f) needs the interest pursued: add `legitimate_interest`"
                )
            if basis.basis is LawfulBasis.CONSENT and not basis.consent_withdrawal:
                yield Issue(
                    (*loc, "basis"),
                    "consent-withdrawal-missing",
                    "Art. 6(1)(a) consent needs how it is withdrawn (Art. 7(3)): add `consent_withdrawal`",
                )


def _categories(ctx: Context, act: Activity) -> list[str]:
    return list(act.data_categories.value) if isinstance(act.data_categories, Fact) else []


def special_categories(ctx: Context) -> Iterable[Issue]:
    flagged = {i for i, c in ctx.data_categories.items() if c.special_category is not None or c.criminal_offence}
    if not flagged:  # no activity can name a special or criminal-offence category
        return
    for a, act in enumerate(ctx.register.activities):
        if flagged.isdisjoint(_categories(ctx, act)):
            continue
        cats = [ctx.data_categories[c] for c in _categories(ctx, act) if c in ctx.data_categories]
        special = [c for c in cats if c.special_category is not None]
        criminal = [c for c in cats if c.criminal_offence]
        loc: Loc = ("activities", a)
        if special:
            names = ", ".join(c.id for c in special)
            if act.special_category_conditions is None:
                yield Issue(
                    (*loc, "data_categories"),
                    "art9-condition-missing",
                    f"special-category data ({names}) need an Art. 9(2) condition: add `special_category_conditions`",
                )
            elif isinstance(act.special_category_conditions, NotStated):
                yield Issue(
                    (*loc, "special_category_conditions"),
                    "art9-condition-not-stated",
                    f"{ctx.the_source} gives no Art. 9(2) condition for special-category data ({names})",
                    Severity.WARNING,
                )
        if criminal:
            names = ", ".join(c.id for c in criminal)
            if act.criminal_offence_basis is None:
                yield Issue(
                    (*loc, "data_categories"),
                    "art10-basis-missing",
                    f"criminal-offence data ({names}) need an Art. 10 basis: add `criminal_offence_basis`",
                )
            elif isinstance(act.criminal_offence_basis, NotStated):
                yield Issue(
                    (*loc, "criminal_offence_basis"),
                    "art10-basis-not-stated",
                    f"{ctx.the_source} gives no Art. 10 basis for criminal-offence data ({names})",
                    Severity.WARNING,
                )


def art30_5(ctx: Context) -> Iterable[Issue]:
    rule = ctx.register.art30_5
    if not rule.exemption_applies:
        return
    sensitive = [c.id for c in ctx.register.data_categories if c.special_category is not None or c.criminal_offence]
    if sensitive:
        yield Issue(
            ("art30_5", "exemption_applies"),
            "art30-5-exemption",
            f"the Art. 30(5) exemption cannot apply: the register processes Art. 9 or Art. 10 data ({', '.join(sensitive)})",
        )
    employees = rule.employees
    if isinstance(employees, Fact) and int(employees.value) >= 250:
        yield Issue(
            ("art30_5", "employees"),
            "art30-5-exemption",
            f"the Art. 30(5) exemption is for fewer than 250 employees, not {employees.value}",
        )


def processor_activities(ctx: Context) -> Iterable[Issue]:
    roles = set(ctx.register.roles)
    for a, act in enumerate(ctx.register.activities):
        if act.role is Role.PROCESSOR and not act.controllers_served:
            yield Issue(
                ("activities", a, "role"),
                "processor-controllers-missing",
                "a processor activity names the controllers it serves (Art. 30(2)(a)): add `controllers_served`",
            )
        if act.role not in roles:
            yield Issue(("activities", a, "role"), "role-mismatch", f"activity role `{act.role.value}` is not among the register's `roles`")
