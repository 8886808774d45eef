"""Cross-checks that span the register: references, evidence, transfers, lawful bases, claims, reviews.

Each check takes a ``Context`` and yields ``Issue`` values that speak in document paths; the
validation pipeline positions them. Checks never look at other registers, so a pre-commit batch
gives the same answer whichever files it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ropa.checks import (
    arrangements,
    basis,
    claim_breaches,
    claims,
    cookies,
    defaults,
    dpia,
    evidence,
    recipient_terms,
    references,
    relations,
    representative,
    review,
    transfers,
)
from ropa.checks.context import Context
from ropa.findings import Issue

Check = Callable[[Context], Iterable[Issue]]

CHECKS: tuple[Check, ...] = (
    references.unique_ids,
    references.resolve,
    references.unused,
    evidence.sources_exist,
    evidence.quotes,
    basis.lawful_bases,
    basis.special_categories,
    basis.art30_5,
    basis.processor_activities,
    transfers.transfers,
    transfers.recipients_abroad,
    relations.links,
    relations.loops,
    relations.sub_processors_abroad,
    recipient_terms.public_recipients,
    recipient_terms.certification_eras,
    representative.representative,
    claims.contradictions,
    claim_breaches.charge_limits,
    cookies.lifetime_against_retention,
    cookies.third_party_providers,
    review.reviews,
    dpia.screening,
    defaults.unused_defaults,
    arrangements.retention_holders,
    arrangements.provision,
    arrangements.joint_responsibilities,
)


def run_checks(context: Context) -> list[Issue]:
    issues: list[Issue] = []
    for check in CHECKS:
        issues.extend(check(context))
    return issues


__all__ = ["CHECKS", "Context", "run_checks"]
