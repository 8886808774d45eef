"""The points of each cookie that a register must state (ePrivacy Directive 2002/58/EC Art. 5(3)): its party,
purpose, lifetime and whether it is strictly necessary. One not stated is a gap of the organisation,
its note naming the cookie."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ropa.model import Register
from ropa.reporting.point_status import state_of

#: (model field, gap point key, article) of each point a cookie must state.
COOKIE_POINTS = (
    ("party", "cookie-party", "ePrivacy Art. 5(3)"),
    ("purpose", "cookie-purpose", "ePrivacy Art. 5(3)"),
    ("lifetime", "cookie-lifetime", "Art. 5(1)(e), 13(2)(a)"),
    ("strictly_necessary", "cookie-strictly-necessary", "ePrivacy Art. 5(3)"),
)


def cookie_values(register: Register) -> Iterator[tuple[str, str, str, str | None, Any]]:
    """Each cookie point: (gap point key, article, field, note naming the cookie, value)."""
    for c, cookie in enumerate(register.cookies):
        for name, key, article in COOKIE_POINTS:
            value = getattr(cookie, name)
            _status, note = state_of(value)
            named = f"{cookie.name}: {note}" if note else cookie.name
            yield key, article, f"cookies[{c}].{name}", named, value
