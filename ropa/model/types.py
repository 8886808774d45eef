"""Reusable constrained types: identifiers, country codes, durations, free text."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from ropa.countries import COUNTRIES, suggest_country

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$"),
    Field(title="Id", description="Identifier: lower-case letters, digits and hyphens, unique within its list."),
]

Text = Annotated[str, StringConstraints(min_length=1, max_length=10000), Field(title="Text")]
"""Free text from the register, at most 10,000 characters (a spreadsheet cell holds 32,767)."""


def _country(value: str) -> str:
    if value not in COUNTRIES:
        hint = suggest_country(value)
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code" + (f"; did you mean {hint}?" if hint else ""))
    return value


CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    AfterValidator(_country),
    Field(title="CountryCode", description="ISO 3166-1 alpha-2 country code, e.g. SE, NL, US, GB."),
]

_DURATION = re.compile(r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?")


def _duration(value: str) -> str:
    if not _DURATION.fullmatch(value):
        raise ValueError(f"{value!r} is not an ISO 8601 duration such as P2Y, P6M, P30D or PT1H")
    return value


Duration = Annotated[
    str,
    AfterValidator(_duration),
    Field(title="Duration", description="ISO 8601 duration: P2Y (two years), P6M, P30D, PT30M.", examples=["P2Y", "P13M", "P30D"]),
]
