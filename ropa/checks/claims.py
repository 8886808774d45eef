"""Where a policy contradicts itself: a promise against the details it gives elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.checks.context import Context
from ropa.countries import EEA, country_name
from ropa.findings import Issue, Severity
from ropa.model.enums import ClaimKind, RecipientKind
from ropa.model.markers import Evidence, Fact


def _quote(evidence: list[Evidence]) -> str:
    return f'"{" ".join(evidence[0].quote.split())}"' if evidence else "(no quote)"


def contradictions(ctx: Context) -> Iterable[Issue]:  # noqa: C901, PLR0912 - one branch per claim kind
    for c, claim in enumerate(ctx.register.policy_claims):
        promise = _quote(claim.evidence)
        if claim.kind is ClaimKind.DATA_STAY_IN_EEA:
            for r, rec in enumerate(ctx.register.recipients):
                if isinstance(rec.country, Fact) and rec.country.value not in EEA:
                    yield Issue(
                        ("policy_claims", c, "kind"),
                        "policy-contradiction",
                        f"the policy promises {promise}, but recipient `{rec.id}` is in {country_name(rec.country.value)}: {_quote(rec.country.evidence or rec.evidence)}",
                        Severity.WARNING,
                        related=(f"recipients[{r}].country",),
                    )
            for a, act in enumerate(ctx.register.activities):
                if isinstance(act.transfers, list):
                    for t, transfer in enumerate(act.transfers):
                        if transfer.country in EEA:
                            continue
                        where = (
                            country_name(transfer.country)
                            if transfer.country
                            else repr(transfer.organisation or transfer.unnamed_destination)
                        )
                        yield Issue(
                            ("policy_claims", c, "kind"),
                            "policy-contradiction",
                            f"the policy promises {promise}, but activity `{act.id}` records a transfer to {where}: {_quote(transfer.evidence)}",
                            Severity.WARNING,
                            related=(f"activities[{a}].transfers[{t}]",),
                        )
                if isinstance(act.storage_location, list):
                    for s, loc in enumerate(act.storage_location):
                        if loc.country and loc.country not in EEA:
                            yield Issue(
                                ("policy_claims", c, "kind"),
                                "policy-contradiction",
                                f"the policy promises {promise}, but activity `{act.id}` stores data in {country_name(loc.country)}: {_quote(loc.evidence)}",
                                Severity.WARNING,
                                related=(f"activities[{a}].storage_location[{s}]",),
                            )
        elif claim.kind is ClaimKind.NO_DISCLOSURE_TO_THIRD_PARTIES:
            for r, rec in enumerate(ctx.register.recipients):
                if rec.kind in {RecipientKind.INDEPENDENT_CONTROLLER, RecipientKind.BUSINESS_PARTNER}:
                    yield Issue(
                        ("policy_claims", c, "kind"),
                        "policy-contradiction",
                        f"the policy promises {promise}, but names `{rec.id}` ({rec.kind.value}) as a recipient: {_quote(rec.evidence)}",
                        Severity.WARNING,
                        related=(f"recipients[{r}]",),
                    )
        elif claim.kind is ClaimKind.NO_AUTOMATED_DECISIONS:
            for a, act in enumerate(ctx.register.activities):
                auto = act.automated_decisions
                if getattr(auto, "automated_decision", False):
                    yield Issue(
                        ("policy_claims", c, "kind"),
                        "policy-contradiction",
                        f"the policy promises {promise}, but activity `{act.id}` records automated decisions: {_quote(getattr(auto, 'evidence', []))}",
                        Severity.WARNING,
                        related=(f"activities[{a}].automated_decisions",),
                    )
