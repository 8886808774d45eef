"""What breaks the promises on consent to disclosure, adequate countries and an own data centre; the limits of Art. 12(5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from ropa.checks.claim_scope import Breach
from ropa.checks.context import Context
from ropa.findings import Issue, Severity
from ropa.model.activity import Activity, LawfulBasisStatement, MechanismStatement, Transfer
from ropa.model.enums import ClaimKind, LawfulBasis, RecipientKind, TransferMechanism
from ropa.model.markers import Attestation, Evidence, Fact, NotStated, plain
from ropa.reference.adequacy import Decision, table
from ropa.reference.countries import EEA, country_name

#: Recipients that get data for their own ends or by law: a disclosure, not work on the controller's behalf.
_DISCLOSED_TO = frozenset(
    {
        RecipientKind.AFFILIATE,
        RecipientKind.INDEPENDENT_CONTROLLER,
        RecipientKind.JOINT_CONTROLLER,
        RecipientKind.BUSINESS_PARTNER,
        RecipientKind.PUBLIC_AUTHORITY,
        RecipientKind.COURT,
        RecipientKind.PUBLIC,
    }
)
_PROCESSORS = frozenset({RecipientKind.PROCESSOR, RecipientKind.SUB_PROCESSOR})
#: Grounds that are (or, while in force, were) adequacy decisions under Art. 45.
_ADEQUACY_GROUNDS = frozenset({TransferMechanism.ADEQUACY, TransferMechanism.PRIVACY_SHIELD})


def quote(evidence: list[Evidence]) -> str:
    """The first quote of a list, in double quotes, for a message."""
    if not evidence:
        return "(no quote)"
    first = evidence[0]
    return plain(first) if isinstance(first, Attestation) else f'"{" ".join(first.quote.split())}"'


def _bases(act: Activity) -> set[LawfulBasis]:
    return {p.lawful_basis.basis for p in act.purposes if isinstance(p.lawful_basis, LawfulBasisStatement)}


def _without_consent(ctx: Context) -> Iterator[Breach]:
    """Each disclosure to a third party by an activity none of whose purposes rests on consent."""
    for a, act in enumerate(ctx.register.activities):
        if not isinstance(act.recipients, Fact):
            continue
        bases = _bases(act)
        if LawfulBasis.CONSENT in bases:
            continue
        on = ", ".join(sorted(b.value for b in bases)) if bases else "no stated lawful basis"
        base = "defaults" if "recipients" in act.inherited else f"activities[{a}]"
        for i, rid in enumerate(act.recipients.value):
            rec = ctx.recipients.get(rid)
            if rec is not None and rec.kind in _DISCLOSED_TO:
                yield Breach(
                    f"activity `{act.id}` discloses data to `{rid}` ({_kind_word(rec.kind)}) on {on}, not consent",
                    act.recipients.evidence or rec.evidence,
                    f"{base}.recipients.value[{i}]",
                )


@cache
def _decisions(destination: str, day: dt.date) -> tuple[Decision, ...]:
    """The adequacy decisions for a destination in force on a day, looked up once per pair (a register names few)."""
    return tuple(table().find(destination, day))


def _covered(ctx: Context, destination: str, recipient: str | None, mechanism: object) -> bool:
    """Whether an adequacy decision in force on the day covers data sent to ``destination`` (and ``recipient``)."""
    for decision in _decisions(destination, ctx.day):
        if decision.condition is None:
            return True
        if decision.condition == "dpf-certified":
            rec = ctx.recipients.get(recipient or "")
            if rec is not None and isinstance(rec.dpf_certified, Fact) and rec.dpf_certified.value is True:
                return True
        shield = isinstance(mechanism, MechanismStatement) and mechanism.mechanism is TransferMechanism.PRIVACY_SHIELD
        if decision.condition == "privacy-shield" and shield:
            return True  # the encoding states the recipient was certified under the Shield
    return False


def _no_adequacy(ctx: Context, destination: str, label: str, recipient: str | None) -> str:
    """'United States, which no adequacy decision covers on <day>', or which one covers only for certified organisations."""
    day = ctx.day.isoformat()
    conditional = _decisions(destination, ctx.day)  # in force but not met: for certified organisations only
    if not conditional:
        return f"{label}, which no adequacy decision covers on {day}"
    decision, whom = conditional[0], f"`{recipient}`" if recipient else "this recipient"
    return f"{label}, where on {day} an adequacy decision covers {decision.scope} ({decision.reference}), which the register does not state of {whom}"


def _transfer_breach(ctx: Context, transfer: Transfer) -> str | None:
    """Why a transfer breaks the promise, in words; None when it keeps it or cannot be judged."""
    mech = transfer.mechanism
    if transfer.unnamed_destination is not None:
        if isinstance(mech, MechanismStatement) and mech.mechanism not in _ADEQUACY_GROUNDS:
            return f"a transfer to {transfer.unnamed_destination!r} on {mech.mechanism.value}, not an adequacy decision"
        return None  # no country, no ground: reported as a gap by the transfer checks, not judged here
    if transfer.country in EEA:
        return None
    destination = transfer.country or "org:" + "-".join((transfer.organisation or "").lower().split())
    if _covered(ctx, destination, transfer.recipient, mech):
        return None
    label = country_name(transfer.country) if transfer.country else repr(transfer.organisation)
    return "a transfer to " + _no_adequacy(ctx, destination, label, transfer.recipient)


def _each(ctx: Context, point: str) -> Iterator[tuple[Activity, str, str]]:
    """Each activity with who states ``point`` and where: a point taken from ``defaults`` is given once, as the defaults'."""
    told = False
    for a, act in enumerate(ctx.register.activities):
        if point not in act.inherited:
            yield act, f"activity `{act.id}`", f"activities[{a}]"
        elif not told:
            told = True
            yield act, "the organisation-wide `defaults`", "defaults"


def _not_adequate(ctx: Context) -> Iterator[Breach]:
    """Transfers, recipients and storage places outside the EEA that no adequacy decision covers on the day."""
    for act, who, base in _each(ctx, "transfers"):
        for t, transfer in enumerate(act.transfers if isinstance(act.transfers, list) else []):
            why = _transfer_breach(ctx, transfer)
            if why:
                yield Breach(f"{who} records {why}", transfer.evidence, f"{base}.transfers[{t}]")
    for act, who, base in _each(ctx, "storage_location"):
        sent = {t.recipient for t in act.transfers if t.recipient} if isinstance(act.transfers, list) else set()
        for s, loc in enumerate(act.storage_location if isinstance(act.storage_location, list) else []):
            if not loc.country or loc.country in EEA or (loc.recipient and loc.recipient in sent):
                continue  # inside the EEA, or judged by the transfer to its host
            if not _covered(ctx, loc.country, loc.recipient, None):
                place = _no_adequacy(ctx, loc.country, country_name(loc.country), loc.recipient)
                yield Breach(f"{who} stores data in {place}", loc.evidence, f"{base}.storage_location[{s}]")
    judged = {t.recipient for act in ctx.register.activities if isinstance(act.transfers, list) for t in act.transfers}
    for r, rec in enumerate(ctx.register.recipients):
        if rec.id in judged or not isinstance(rec.country, Fact) or rec.country.value in EEA:
            continue  # a recipient a transfer names is judged by that transfer
        if not _covered(ctx, rec.country.value, rec.id, None):
            place = _no_adequacy(ctx, rec.country.value, country_name(rec.country.value), rec.id)
            yield Breach(f"recipient `{rec.id}` is in {place}", rec.country.evidence or rec.evidence, f"recipients[{r}].country")


def _kind_word(kind: RecipientKind | NotStated) -> str:
    """The kind as the register writes it; a kind the source does not state says so."""
    return "kind not stated" if isinstance(kind, NotStated) else kind.value


def _outside_own_data_centre(ctx: Context) -> Iterator[Breach]:
    """Processors, storage places another party hosts, and transfers: data held outside the controller's own data centre."""
    for r, rec in enumerate(ctx.register.recipients):
        if rec.kind in _PROCESSORS:
            yield Breach(f"names `{rec.id}` ({_kind_word(rec.kind)}) as a recipient", rec.evidence, f"recipients[{r}]")
    for act, who, base in _each(ctx, "transfers"):
        for t, transfer in enumerate(act.transfers if isinstance(act.transfers, list) else []):
            where = country_name(transfer.country) if transfer.country else repr(transfer.organisation or transfer.unnamed_destination)
            yield Breach(f"{who} records a transfer to {where}", transfer.evidence, f"{base}.transfers[{t}]")
    for act, who, base in _each(ctx, "storage_location"):
        for s, loc in enumerate(act.storage_location if isinstance(act.storage_location, list) else []):
            host = ctx.recipients.get(loc.recipient or "")
            if host is not None and host.kind not in _PROCESSORS:  # a processor is named once above
                yield Breach(f"{who} stores data at `{host.id}` ({_kind_word(host.kind)})", loc.evidence, f"{base}.storage_location[{s}]")


def _nothing(ctx: Context) -> Iterator[Breach]:
    """A promise the register holds no detail to check against (free of charge; `other`)."""
    return iter(())


BREACHES: dict[ClaimKind, Callable[[Context], Iterator[Breach]]] = {
    ClaimKind.DISCLOSURE_ONLY_WITH_CONSENT: _without_consent,
    ClaimKind.TRANSFERS_ONLY_TO_ADEQUATE_COUNTRIES: _not_adequate,
    ClaimKind.DATA_STAY_IN_OWN_DATA_CENTRE: _outside_own_data_centre,
    ClaimKind.RIGHTS_FREE_OF_CHARGE: _nothing,
    ClaimKind.OTHER: _nothing,
}


def charge_limits(ctx: Context) -> Iterable[Issue]:
    """Art. 12(5): rights are free of charge; a limit on that (once a year, a fee) goes beyond what the article allows."""
    for c, claim in enumerate(ctx.register.policy_claims):
        if claim.kind is not ClaimKind.RIGHTS_FREE_OF_CHARGE:
            continue
        for n, limit in enumerate(claim.limits):
            yield Issue(
                ("policy_claims", c, "limits", n),
                "rights-charge-limited",
                f"the policy promises {quote(claim.evidence)}, but limits it: {limit.description} ({quote(limit.evidence)}); "
                "Art. 12(5) allows a fee or a refusal only for manifestly unfounded or excessive requests, which the controller must show",
                Severity.WARNING,
            )
