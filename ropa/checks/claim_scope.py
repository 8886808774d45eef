"""Which details a promise speaks of: all of them, or those of the activities it names (``policy_claims[].activities``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ropa.checks.context import Context
from ropa.findings import Loc
from ropa.model.markers import Evidence
from ropa.model.organisation import PolicyClaim
from ropa.reporting.recipient_use import involved

_INDEXED = re.compile(r"^(activities|recipients|cookies)\[(\d+)\]")


class Breach(NamedTuple):
    """A detail that breaks a promise."""

    detail: str  # the detail in words
    evidence: list[Evidence]  # its quotes
    related: str  # where it sits in the document (dotted)
    within: str = ""  # the path the claim's scope is judged on, when not ``related``: the activity that uses a cookie


def claim_refs(ctx: Context) -> Iterator[tuple[Loc, str, str]]:
    """The activities the claims name: (where, registry, id), for the reference checks."""
    for c, claim in enumerate(ctx.register.policy_claims):
        for i, ref in enumerate(claim.activities):
            yield ("policy_claims", c, "activities", i), "activities", ref


def scope(ctx: Context, claim: PolicyClaim) -> Callable[[str], bool]:
    """Whether a detail (by its dotted path) belongs to the activities the claim names; every detail does when it names none.

    What the named activities hold (their recipients, their cookies, the points they take from ``defaults``) is gathered once per claim.
    """
    if not claim.activities:
        return lambda related: True
    named = set(claim.activities)
    scoped = [act for act in ctx.register.activities if act.id in named]
    inherited = {point for act in scoped for point in act.inherited}
    recipients = {rid for act in scoped for rid in involved(act)}  # listed, sent to, stored with, or holding a copy
    cookies = {ref for act in scoped for ref in act.cookies or ()}

    def holds(related: str) -> bool:
        if related.startswith("defaults."):
            return related.split(".", 2)[1].split("[", 1)[0] in inherited
        match = _INDEXED.match(related)
        if match is None:
            return True
        index = int(match.group(2))
        if match.group(1) == "activities":
            return ctx.register.activities[index].id in named
        if match.group(1) == "cookies":  # a cookie one of the named activities uses
            return ctx.register.cookies[index].id in cookies
        return ctx.register.recipients[index].id in recipients

    return holds
