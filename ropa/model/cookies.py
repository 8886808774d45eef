"""The cookie registry: each cookie (or similar device-storage technology) a website sets, once.

ePrivacy Directive 2002/58/EC Art. 5(3): storing or reading information on a user's device needs
consent unless it is strictly necessary for a service the user asked for. GDPR recital 30 and
Art. 4(1): an online identifier that singles out a browser or device is personal data. Activities
name the cookies they use by id (``Activity.cookies``).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, Strict

from ropa.model.enums import CookieParty
from ropa.model.markers import EvidenceList, Id, Model, Point, Text
from ropa.model.types import is_duration

#: The lifetime of a cookie that ends when the browser closes.
SESSION = "session"


def _lifetime(value: str) -> str:
    if value != SESSION and not is_duration(value):
        raise ValueError(f"{value!r} is neither `session` nor an ISO 8601 duration such as P13M, P30D or PT30M")
    return value


Lifetime = Annotated[
    str,
    AfterValidator(_lifetime),
    Field(
        title="Lifetime",
        description="How long the cookie stays on the device: `session` (until the browser closes) or an ISO 8601 duration, e.g. P2Y, P13M, PT30M.",
        examples=["session", "P2Y", "P30D"],
        json_schema_extra={"pattern": r"^(session|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$"},
    ),
]

_UNITS_DAYS = {"Y": 365.25, "M": 365.25 / 12, "W": 7.0, "D": 1.0}
_TIME_DAYS = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}
_PART = re.compile(r"(\d+)([YMWDHS])")


def days(duration: str) -> float:
    """An ISO 8601 duration (or ``session``: 0) in days, a year being 365.25 days and a month a twelfth of it,
    so P1Y equals P12M and lifetimes compare with retention periods written in other units."""
    if duration == SESSION:
        return 0.0
    date_part, _, time_part = duration[1:].partition("T")
    total = sum(int(n) * _UNITS_DAYS[u] for n, u in _PART.findall(date_part))
    return total + sum(int(n) * _TIME_DAYS[u] for n, u in _PART.findall(time_part))


class Cookie(Model):
    """A cookie or similar technology (pixel, local storage) the website sets or lets a third party set."""

    id: Id = Field(description="Identifier activities refer to.")
    name: Text = Field(
        description="The cookie's name as set (e.g. `_ga`), or, where the source gives none, as the source calls it (e.g. 'Hotjar cookie')."
    )
    description: Text | None = Field(default=None, description="What the cookie is, in the source's terms.")
    party: Point[CookieParty] = Field(
        description="First party (the website's own domain), third party (another party's domain), or both; a gap when not stated."
    )
    provider: Id | None = Field(
        default=None,
        description="The recipient (by id) that sets the cookie or receives what it reads, e.g. the analytics provider; left out for the website's own.",
    )
    purpose: Point[Text] = Field(description="What the cookie is for, in the source's terms; a gap when not stated.")
    lifetime: Point[Lifetime] = Field(
        description="How long the cookie stays on the device; compared with the retention of the activities that use it; a gap when not stated."
    )
    strictly_necessary: Point[Annotated[bool, Strict(), Field(title="Bool")]] = Field(
        description=(
            "ePrivacy Directive 2002/58/EC Art. 5(3): true when the cookie is strictly necessary for a service the user asked for,"
            " the only cookies exempt from consent; a gap when not stated."
        )
    )
    identifies_device: Point[Annotated[bool, Strict(), Field(title="Bool")]] | None = Field(
        default=None,
        description=(
            "True when the cookie singles out a browser or device (a unique identifier): an online identifier is personal data"
            " (GDPR recital 30, Art. 4(1)); left out means not stated."
        ),
    )
    data_categories: list[Id] = Field(
        default_factory=list, description="The data categories (ids) the cookie holds or lets its provider collect; empty: none recorded."
    )
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark, e.g. how the party or lifetime was read.")
