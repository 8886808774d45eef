"""The promises a policy makes about cookies, against the cookie registry and the activities that use it.

* ``no-cookies-before-consent``: only strictly necessary cookies may be set without consent (ePrivacy
  Directive 2002/58/EC Art. 5(3)); broken by a cookie stated not strictly necessary that an activity
  uses on a lawful basis other than consent;
* ``cookies-hold-no-personal-data``: an online identifier that singles out a browser or device is
  personal data (GDPR recital 30, Art. 4(1)); broken by such a cookie or one that holds data categories;
* ``anonymous-visit``: broken by those cookies, and by activities whose data come from observing the
  use of the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ropa.checks.claim_scope import Breach
from ropa.checks.context import Context
from ropa.checks.cookies import used_cookies
from ropa.model.activity import LawfulBasisStatement
from ropa.model.cookies import Cookie
from ropa.model.enums import ClaimKind, DataSource, LawfulBasis
from ropa.model.markers import Evidence, Fact


def _evidence(point: object, cookie: Cookie) -> list[Evidence]:
    return (point.evidence if isinstance(point, Fact) else []) or cookie.evidence


def _before_consent(ctx: Context) -> Iterator[Breach]:
    index = {c.id: n for n, c in enumerate(ctx.register.cookies)}
    for a, act, _i, cookie in used_cookies(ctx):
        flag = cookie.strictly_necessary
        if not isinstance(flag, Fact) or flag.value:
            continue
        bases = [p.lawful_basis.basis for p in act.purposes if isinstance(p.lawful_basis, LawfulBasisStatement)]
        other = sorted({b.value for b in bases if b is not LawfulBasis.CONSENT})
        if other:
            yield Breach(
                f"cookie `{cookie.id}` ({cookie.name}) is not strictly necessary and activity `{act.id}` uses it on {', '.join(other)}",
                _evidence(flag, cookie),
                f"cookies[{index[cookie.id]}].strictly_necessary",
                f"activities[{a}]",  # a claim about some activities speaks of their use of the cookie
            )


def _identifying(ctx: Context) -> Iterator[Breach]:
    for c, cookie in enumerate(ctx.register.cookies):
        flag = cookie.identifies_device
        if isinstance(flag, Fact) and flag.value:
            yield Breach(
                f"cookie `{cookie.id}` ({cookie.name}) identifies a browser or device",
                _evidence(flag, cookie),
                f"cookies[{c}].identifies_device",
            )
        elif cookie.data_categories:
            held = ", ".join(f"`{d}`" for d in cookie.data_categories)
            yield Breach(f"cookie `{cookie.id}` ({cookie.name}) holds {held}", cookie.evidence, f"cookies[{c}].data_categories")


def _observed(ctx: Context) -> Iterator[Breach]:
    """Cookies that identify a browser or device, then activities observing the use of the service that name none of them
    (one that does is already told through its cookie)."""
    identifying = set()
    for breach in _identifying(ctx):
        identifying.add(breach.related.split("]")[0] + "]")
        yield breach
    index = {c.id: f"cookies[{n}]" for n, c in enumerate(ctx.register.cookies)}
    wide_told = False
    for a, act in enumerate(ctx.register.activities):
        source = act.data_source
        if not (isinstance(source, Fact) and DataSource.OBSERVED in source.value):
            continue
        if any(index.get(ref) in identifying for ref in act.cookies or []):
            continue
        if "data_source" in act.inherited:
            if wide_told:
                continue
            wide_told = True
            yield Breach(
                "the organisation-wide `defaults` record data from observed use of the service", source.evidence, "defaults.data_source"
            )
        else:
            yield Breach(
                f"activity `{act.id}` records data from observed use of the service", source.evidence, f"activities[{a}].data_source"
            )


BREACHES: dict[ClaimKind, Callable[[Context], Iterator[Breach]]] = {
    ClaimKind.NO_COOKIES_BEFORE_CONSENT: _before_consent,
    ClaimKind.COOKIES_HOLD_NO_PERSONAL_DATA: _identifying,
    ClaimKind.ANONYMOUS_VISIT: _observed,
}
