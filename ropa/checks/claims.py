"""Where a policy contradicts itself: a promise against the details it gives elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ropa.checks import cookie_claims
from ropa.checks.claim_breaches import BREACHES, quote
from ropa.checks.claim_scope import Breach, scope
from ropa.checks.context import Context
from ropa.findings import Issue, Severity
from ropa.model.enums import ClaimKind, RecipientKind
from ropa.model.markers import Fact
from ropa.reference.countries import EEA, country_name


def _outside_eea(ctx: Context) -> Iterator[Breach]:
    for r, rec in enumerate(ctx.register.recipients):
        if isinstance(rec.country, Fact) and rec.country.value not in EEA:
            yield Breach(
                f"recipient `{rec.id}` is in {country_name(rec.country.value)}",
                rec.country.evidence or rec.evidence,
                f"recipients[{r}].country",
            )
    told: set[str] = set()  # organisation-wide points already reported: once, not per activity
    for a, act in enumerate(ctx.register.activities):
        who, base = (f"activity `{act.id}`", f"activities[{a}]")
        if "transfers" not in act.inherited or "transfers" not in told:
            if "transfers" in act.inherited:
                told.add("transfers")
                who, base = _DEFAULTS, "defaults"
            for t, transfer in enumerate(act.transfers if isinstance(act.transfers, list) else []):
                if transfer.country not in EEA:
                    where = (
                        country_name(transfer.country) if transfer.country else repr(transfer.organisation or transfer.unnamed_destination)
                    )
                    yield Breach(f"{who} records a transfer to {where}", transfer.evidence, f"{base}.transfers[{t}]")
        who, base = (f"activity `{act.id}`", f"activities[{a}]")
        if "storage_location" in act.inherited:
            if "storage_location" in told:
                continue
            told.add("storage_location")
            who, base = _DEFAULTS, "defaults"
        for s, loc in enumerate(act.storage_location if isinstance(act.storage_location, list) else []):
            if loc.country and loc.country not in EEA:
                yield Breach(f"{who} stores data in {country_name(loc.country)}", loc.evidence, f"{base}.storage_location[{s}]")


_DEFAULTS = "the organisation-wide `defaults`"


#: Recipients that receive data for their own ends, or everyone (publication, Art. 4(2)); a kind not stated breaks no promise.
_THIRD_PARTIES = frozenset({RecipientKind.INDEPENDENT_CONTROLLER, RecipientKind.BUSINESS_PARTNER, RecipientKind.PUBLIC})


def _third_parties(ctx: Context) -> Iterator[Breach]:
    for r, rec in enumerate(ctx.register.recipients):
        if rec.kind in _THIRD_PARTIES:
            yield Breach(f"names `{rec.id}` ({rec.kind}) as a recipient", rec.evidence, f"recipients[{r}]")


def _automated_decisions(ctx: Context) -> Iterator[Breach]:
    told = False
    for a, act in enumerate(ctx.register.activities):
        auto = act.automated_decisions
        if not getattr(auto, "automated_decision", False):
            continue
        if "automated_decisions" not in act.inherited:
            yield Breach(
                f"activity `{act.id}` records automated decisions", getattr(auto, "evidence", []), f"activities[{a}].automated_decisions"
            )
        elif not told:
            told = True
            yield Breach(f"{_DEFAULTS} record automated decisions", getattr(auto, "evidence", []), "defaults.automated_decisions")


_BREACHES: dict[ClaimKind, Callable[[Context], Iterator[Breach]]] = {
    ClaimKind.DATA_STAY_IN_EEA: _outside_eea,
    ClaimKind.NO_DISCLOSURE_TO_THIRD_PARTIES: _third_parties,
    ClaimKind.NO_AUTOMATED_DECISIONS: _automated_decisions,
    **BREACHES,
    **cookie_claims.BREACHES,
}


def contradictions(ctx: Context) -> Iterable[Issue]:
    """A warning, with both quotes, for each detail that breaks one of the policy's promises."""
    for c, claim in enumerate(ctx.register.policy_claims):
        promise = quote(claim.evidence)
        in_scope = scope(ctx, claim)
        for detail, evidence, related, within in _BREACHES[claim.kind](ctx):
            if not in_scope(within or related):
                continue
            yield Issue(
                ("policy_claims", c, "kind"),
                "policy-contradiction",
                f"the policy promises {promise}, but {detail}: {quote(evidence)}",
                Severity.WARNING,
                related=(related,),
            )
