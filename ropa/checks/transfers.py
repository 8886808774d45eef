"""Chapter V: transfers outside the EEA need a valid ground on the register's date (or ``ropa validate --as-of``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ropa.checks import recipient_terms
from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.activity import MechanismStatement, Transfer
from ropa.model.enums import TransferMechanism
from ropa.model.markers import Fact, NotStated
from ropa.reference.adequacy import table
from ropa.reference.countries import EEA, country_name

_ORG_PREFIX = "org:"


def _slug(name: str) -> str:
    return _ORG_PREFIX + "-".join(name.lower().split())


def transfers(ctx: Context) -> Iterable[Issue]:
    day = ctx.day
    for a, act in enumerate(ctx.register.activities):
        if not isinstance(act.transfers, list):
            continue
        for t, transfer in enumerate(act.transfers):
            loc: Loc = ("activities", a, "transfers", t)
            if transfer.unnamed_destination is not None:
                yield Issue(
                    (*loc, "unnamed_destination"),
                    "transfer-destination-not-stated",
                    f"{ctx.the_source} says data may go {transfer.unnamed_destination!r} but names no country (Art. 30(1)(e))",
                    Severity.WARNING,
                )
                continue
            if transfer.country in EEA:
                yield Issue(
                    (*loc, "country"),
                    "transfer-inside-eea",
                    f"{country_name(transfer.country or '')} is in the EEA: this is not a third-country transfer",
                    Severity.WARNING,
                )
                continue
            mech = transfer.mechanism
            if not isinstance(mech, MechanismStatement):
                where = transfer.country or transfer.organisation
                yield Issue(
                    (*loc, "mechanism"),
                    "transfer-mechanism-not-stated",
                    f"transfer to {where}: {ctx.the_source} states no transfer mechanism (Art. 44-49)",
                    Severity.WARNING,
                )
                continue
            if mech.mechanism in _JUDGED:  # the other mechanisms need nothing more here
                yield from _mechanism(ctx, transfer, mech, (*loc, "mechanism"), day)


#: The mechanisms ``_mechanism`` has anything to say about.
_JUDGED = frozenset((TransferMechanism.ADEQUACY, TransferMechanism.PRIVACY_SHIELD, TransferMechanism.COMPELLING_INTERESTS))


def _mechanism(ctx: Context, transfer: Transfer, mech: MechanismStatement, loc: Loc, day: object) -> Iterable[Issue]:
    assert isinstance(day, dt.date)
    if mech.mechanism is TransferMechanism.COMPELLING_INTERESTS:  # the one judged without the adequacy table
        yield from _documented(mech, loc)
        return
    destination = transfer.country or _slug(transfer.organisation or "")
    label = country_name(transfer.country) if transfer.country else (transfer.organisation or "")
    decisions = table().find(destination, day)
    if mech.mechanism is TransferMechanism.ADEQUACY:
        plain = [d for d in decisions if d.condition is None]
        dpf = [d for d in decisions if d.condition == "dpf-certified"]
        if plain:
            return
        if dpf:
            rec = ctx.recipients.get(transfer.recipient or "")
            certified = rec is not None and isinstance(rec.dpf_certified, Fact) and rec.dpf_certified.value is True
            if not certified:
                yield Issue(
                    (*loc, "mechanism"),
                    "adequacy-not-available",
                    f"adequacy for {label} covers only recipients certified under the EU-US Data Privacy Framework: state the recipient's `dpf_certified` or another mechanism",
                )
            return
        if any(d.condition == "privacy-shield" for d in decisions):
            stated = recipient_terms.shield_certified(ctx, transfer)
            if stated is None:
                yield Issue(
                    (*loc, "mechanism"),
                    "adequacy-not-available",
                    f"on {day.isoformat()} transfers to {label} rested on the EU-US Privacy Shield (Decision (EU) 2016/1250), "
                    f"not on a general adequacy decision: if the recipient was certified under it, state its `privacy_shield_certified` "
                    f"or `mechanism: {TransferMechanism.PRIVACY_SHIELD.value}`",
                )
            elif stated:
                yield _shield_historical(day, loc)
            else:
                yield from recipient_terms.privacy_shield(ctx, transfer, (*loc, "mechanism"), label)
            return
        yield Issue(
            (*loc, "mechanism"),
            "adequacy-not-available",
            f"no adequacy decision covers {label} on {day.isoformat()} (table valid as of {table().valid_as_of.isoformat()})",
        )
    elif mech.mechanism is TransferMechanism.PRIVACY_SHIELD:
        shield = [d for d in decisions if d.condition == "privacy-shield"]
        if not shield:
            yield Issue(
                (*loc, "mechanism"),
                "privacy-shield-invalid",
                f"the EU-US Privacy Shield was not in force on {day.isoformat()} (Decision (EU) 2016/1250, invalidated on 2020-07-16 by C-311/18)",
            )
        else:
            yield _shield_historical(day, loc)
            yield from recipient_terms.privacy_shield(ctx, transfer, (*loc, "mechanism"), label)


def _documented(mech: MechanismStatement, loc: Loc) -> Iterator[Issue]:
    """Art. 49(1), second subparagraph: the documentation of suitable safeguards is recorded."""
    if not mech.documentation:
        yield Issue(
            (*loc, "documentation"),
            "transfer-documentation-missing",
            "Art. 30(1)(e): a transfer under the second subparagraph of Art. 49(1) needs the documentation of suitable safeguards: add `documentation`",
        )


def _shield_historical(day: dt.date, loc: Loc) -> Issue:
    return Issue(
        (*loc, "mechanism"),
        "privacy-shield-historical",
        f"the EU-US Privacy Shield was valid on {day.isoformat()} but was invalidated on 2020-07-16 (C-311/18); it is no ground for a transfer today",
        Severity.WARNING,
    )


def recipients_abroad(ctx: Context) -> Iterable[Issue]:
    """A recipient outside the EEA that an activity discloses to, with no transfer recorded for it."""
    abroad = {rid: country for rid in ctx.recipients if (country := ctx.recipient_country(rid)) and country not in EEA}
    if not abroad:
        return
    for a, act in enumerate(ctx.register.activities):
        stated = act.recipients
        if type(stated) is NotStated or not isinstance(stated, Fact) or abroad.keys().isdisjoint(stated.value):
            continue
        covered: set[str] = set()
        if isinstance(act.transfers, list):
            covered = {t.recipient for t in act.transfers if t.recipient}
        for i, rid in enumerate(stated.value):
            country = abroad.get(rid)
            if country and rid not in covered:
                message = f"recipient `{rid}` is in {country_name(country)} (outside the EEA) but the activity records no transfer to it"
                loc: Loc = ("activities", a, "recipients", "value", i)
                inherited = ctx.inherited[a]
                if "recipients" in inherited and "transfers" not in inherited:  # the activity's own transfers leave it out
                    loc = ("activities", a, "transfers")
                    message = f"recipient `{rid}` (organisation-wide, in `defaults`) is in {country_name(country)} (outside the EEA) but activity `{act.id}` records no transfer to it"
                yield Issue(loc, "recipient-abroad-no-transfer", message, Severity.WARNING)
