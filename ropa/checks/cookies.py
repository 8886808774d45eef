"""Cookies against the activities that use them: references, lifetime against retention, third-party providers.

* a cookie that outlives the retention of an activity using it keeps the activity's data on the
  device for longer than the register says they are kept (Art. 5(1)(e), Art. 30(1)(f)): a warning;
* a third-party cookie lets its provider read what it holds: the provider is a recipient of the
  activity (Art. 4(9), Art. 30(1)(d)), so one missing from the activity's recipients is a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.activity import Activity, RetentionRule
from ropa.model.cookies import SESSION, Cookie, days
from ropa.model.enums import CookieParty
from ropa.model.markers import Fact, NoneStated


def cookie_refs(ctx: Context) -> Iterator[tuple[Loc, str, str]]:
    """Every reference the cookie registry and the activities' ``cookies`` make: (where, registry, id)."""
    for c, cookie in enumerate(ctx.register.cookies):
        if cookie.provider:
            yield ("cookies", c, "provider"), "recipients", cookie.provider
        for i, ref in enumerate(cookie.data_categories):
            yield ("cookies", c, "data_categories", i), "data_categories", ref
    for a, act in enumerate(ctx.register.activities):
        for i, ref in enumerate(act.cookies or []):
            yield ("activities", a, "cookies", i), "cookies", ref


def used_cookies(ctx: Context) -> Iterator[tuple[int, Activity, int, Cookie]]:
    """Each cookie an activity names that the registry holds: (activity index, activity, position in its list, cookie)."""
    known = {c.id: c for c in ctx.register.cookies}
    if not known:  # no cookie registry: nothing an activity names is in it
        return
    for a, act in enumerate(ctx.register.activities):
        for i, ref in enumerate(act.cookies or []):
            if ref in known:
                yield a, act, i, known[ref]


def _covering(rules: list[RetentionRule], cookie: Cookie) -> list[RetentionRule]:
    """The retention rules that cover what a cookie holds: those naming one of its data categories or none
    (all of the activity's); every rule when the cookie records no data categories or no rule names any."""
    held = set(cookie.data_categories)
    if not held or not any(r.data_categories for r in rules):
        return rules
    return [r for r in rules if not r.data_categories or held & set(r.data_categories)]


def _retention_limit(act: Activity, cookie: Cookie) -> tuple[str, int] | None:
    """The longest retention period covering the cookie's data and the index of its rule; None when it
    cannot be compared (retention not stated, or a covering rule without a period)."""
    if not isinstance(act.retention, list):
        return None
    rules = _covering(act.retention, cookie)
    if not rules or any(r.period is None for r in rules):
        return None
    longest = max(rules, key=lambda r: days(r.period or ""))
    return longest.period or "", act.retention.index(longest)


def lifetime_against_retention(ctx: Context) -> Iterable[Issue]:
    """A warning for each cookie that stays on the device longer than an activity using it keeps its data."""
    for a, act, i, cookie in used_cookies(ctx):
        if not isinstance(cookie.lifetime, Fact) or cookie.lifetime.value == SESSION:
            continue
        limit = _retention_limit(act, cookie)
        if limit is None:
            continue
        period, r = limit
        if days(cookie.lifetime.value) > days(period):
            where = "defaults.retention" if "retention" in act.inherited else f"activities[{a}].retention[{r}]"
            yield Issue(
                ("activities", a, "cookies", i),
                "cookie-outlives-retention",
                f"cookie `{cookie.id}` ({cookie.name}) stays on the device for {cookie.lifetime.value}, "
                f"longer than activity `{act.id}` keeps its data ({period})",
                Severity.WARNING,
                related=(where, f"cookies[{ctx.register.cookies.index(cookie)}].lifetime"),
            )


def third_party_providers(ctx: Context) -> Iterable[Issue]:
    """A warning for each third-party cookie whose provider is not among the recipients of an activity using it."""
    for a, act, i, cookie in used_cookies(ctx):
        party = cookie.party
        if not (isinstance(party, Fact) and party.value in {CookieParty.THIRD_PARTY, CookieParty.BOTH}):
            continue
        if cookie.provider not in ctx.recipients:
            continue  # none named, or an unknown id (an error of its own)
        recipients = act.recipients
        if isinstance(recipients, Fact) and cookie.provider in recipients.value:
            continue
        if not isinstance(recipients, Fact | NoneStated):
            continue  # not stated or not applicable: nothing to compare with
        yield Issue(
            ("activities", a, "cookies", i),
            "cookie-provider-not-recipient",
            f"cookie `{cookie.id}` ({cookie.name}) is a third-party cookie of `{cookie.provider}`, "
            f"which is not among the recipients of activity `{act.id}`",
            Severity.WARNING,
            related=(f"cookies[{ctx.register.cookies.index(cookie)}].provider",),
        )
