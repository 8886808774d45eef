"""Which details a promise speaks of: all of them, or those of the activities it names (``policy_claims[].activities``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.checks.context import Context
from ropa.findings import Loc
from ropa.model.markers import Fact
from ropa.model.organisation import PolicyClaim

_INDEXED = re.compile(r"^(activities|recipients)\[(\d+)\]")


def claim_refs(ctx: Context) -> Iterator[tuple[Loc, str, str]]:
    """The activities the claims name: (where, registry, id), for the reference checks."""
    for c, claim in enumerate(ctx.register.policy_claims):
        for i, ref in enumerate(claim.activities):
            yield ("policy_claims", c, "activities", i), "activities", ref


def in_scope(ctx: Context, claim: PolicyClaim, related: str) -> bool:
    """Whether a detail (by its dotted path) belongs to the activities the claim names; every detail does when it names none."""
    if not claim.activities:
        return True
    scoped = [act for act in ctx.register.activities if act.id in claim.activities]
    if related.startswith("defaults."):
        point = related.split(".")[1].split("[", maxsplit=1)[0]
        return any(point in act.inherited for act in scoped)
    match = _INDEXED.match(related)
    if match is None:
        return True
    index = int(match.group(2))
    if match.group(1) == "activities":
        return ctx.register.activities[index].id in claim.activities
    rid = ctx.register.recipients[index].id
    for act in scoped:
        named = set(act.recipients.value) if isinstance(act.recipients, Fact) else set()
        if isinstance(act.transfers, list):
            named.update(t.recipient for t in act.transfers if t.recipient)
        if isinstance(act.storage_location, list):
            named.update(loc.recipient for loc in act.storage_location if loc.recipient)
        if rid in named:
            return True
    return False
