"""Cross-checks that span the register: references, evidence, transfers, lawful bases, claims, reviews.

Each check takes a ``Context`` and yields ``Issue`` values that speak in document paths; the
validation pipeline positions them. Checks never look at other registers, so a pre-commit batch
gives the same answer whichever files it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ropa.checks import basis, claims, cookies, defaults, dpia, evidence, references, representative, review, transfers
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
    representative.representative,
    claims.contradictions,
    cookies.lifetime_against_retention,
    cookies.third_party_providers,
    review.reviews,
    dpia.screening,
    defaults.unused_defaults,
)


def run_checks(context: Context) -> list[Issue]:
    issues: list[Issue] = []
    for check in CHECKS:
        issues.extend(check(context))
    return issues


__all__ = ["CHECKS", "Context", "run_checks"]
