"""Issue 11's points checked against the rest of the register: retention per recipient (Art. 30(1)(f)),
the Art. 13(2)(e) statements of an activity, and the respective responsibilities of joint controllers (Art. 26(1))."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa.checks.context import Context
from ropa.findings import Issue, Severity
from ropa.model.activity import Activity, RetentionRule
from ropa.model.enums import DataSource, JointDuty
from ropa.model.joint import Arrangement
from ropa.model.markers import Fact, NotStated


def retention_holders(ctx: Context) -> Iterable[Issue]:
    """A retention rule's ``held_by`` names recipients the activity discloses to (unknown ids are ``unknown-reference``)."""
    for a, act in enumerate(ctx.register.activities):
        rules = act.retention
        if isinstance(rules, list):
            for r, rule in enumerate(rules):
                if rule.held_by:  # rare: the activity's inherited points are asked only then
                    yield from _holders(ctx, a, act, r, rule)


def _holders(ctx: Context, a: int, act: Activity, r: int, rule: RetentionRule) -> Iterator[Issue]:
    inherited = "retention" in act.inherited
    recipients = act.recipients
    whose = f" of activity `{act.id}`" if inherited else ""
    for i, rid in enumerate(rule.held_by):
        if rid not in ctx.recipients:
            continue
        loc = ("defaults", "retention", r, "held_by", i) if inherited else ("activities", a, "retention", r, "held_by", i)
        said = f"the retention rule{whose} is for the copy held by `{rid}`"
        if isinstance(recipients, Fact):
            if rid not in recipients.value:
                yield Issue(
                    loc,
                    "retention-holder-not-recipient",
                    f"{said}, which is not among the activity's recipients (Art. 30(1)(d)): add it there, or correct `held_by`",
                )
        elif isinstance(recipients, NotStated):
            yield Issue(
                loc,
                "retention-holder-not-recipient",
                f"{said}, but the activity's recipients are not stated: state them, with this one among them",
                Severity.WARNING,
            )
        else:
            yield Issue(loc, "retention-holder-not-recipient", f"{said}, but the activity has no recipients")


def provision(ctx: Context) -> Iterable[Issue]:
    """Art. 13(2)(e): the data categories are the activity's; an obligation names its consequences; the data come
    from the data subject (Art. 14 has no such point)."""
    for a, act in enumerate(ctx.register.activities):
        statements = act.provision_requirement
        if not isinstance(statements, list):
            continue
        cats = act.data_categories.value if isinstance(act.data_categories, Fact) else None
        for s, st in enumerate(statements):
            base = ("activities", a, "provision_requirement", s)
            for i, cid in enumerate(st.data_categories):
                if cats is not None and cid in ctx.data_categories and cid not in cats:
                    yield Issue(
                        (*base, "data_categories", i),
                        "provision-category-not-in-activity",
                        f"`{cid}` is not among the activity's data categories (Art. 30(1)(c)): add it there, or correct the statement",
                    )
            if st.obliged and not st.consequences:
                yield Issue(
                    (*base, "obliged"),
                    "provision-consequences-missing",
                    "the data subject is obliged to provide the data, but what follows if they do not is not recorded: "
                    "Art. 13(2)(e) asks for the possible consequences of failure to provide them (`consequences`)",
                    Severity.WARNING,
                )
        source = act.data_source
        if isinstance(source, Fact) and not _FROM_SUBJECT & set(source.value):
            yield Issue(
                ("activities", a, "provision_requirement"),
                "provision-not-from-subject",
                "Art. 13(2)(e) is about data collected from the data subject, but the activity's data source "
                "includes neither `data-subject` nor `observed-use-of-service`",
                Severity.WARNING,
            )


#: Art. 13 covers data the person provides and data observed from them, e.g. through their own device (WP260 rev.01, para. 26).
_FROM_SUBJECT = frozenset({DataSource.DATA_SUBJECT, DataSource.OBSERVED})


def joint_responsibilities(ctx: Context) -> Iterable[Issue]:
    """Art. 26(1): a stated division of responsibilities says who gives the Art. 13 and 14 information."""
    joint = ctx.register.joint_controllers
    if not isinstance(joint, list):
        return
    for j, party in enumerate(joint):
        arrangement = party.arrangement
        if not isinstance(arrangement, Arrangement) or not isinstance(arrangement.responsibilities, list):
            continue
        if not any(r.duty is JointDuty.INFORMATION for r in arrangement.responsibilities):
            yield Issue(
                ("joint_controllers", j, "arrangement", "responsibilities"),
                "joint-information-unassigned",
                "the arrangement does not say who gives data subjects the Art. 13 and 14 information, which Art. 26(1) "
                "names in particular: add a responsibility with `duty: information-art13-14`",
                Severity.WARNING,
            )
