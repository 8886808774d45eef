"""Reusable constrained types: identifiers, dates, country codes, durations, free text."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ropa.reference.countries import COUNTRIES, suggest_country
from ropa.reference.languages import LANGUAGES, suggest_language

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$"),
    Field(title="Id", description="Identifier: lower-case letters, digits and hyphens, unique within its list."),
]

_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))})


def _file_name(value: str) -> str:
    if value.casefold() in _DEVICES:
        raise ValueError(
            f"`{value}` is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9): "
            "files named after it cannot be created there; choose another id"
        )
    return value


FileId = Annotated[Id, AfterValidator(_file_name), Field(json_schema_extra={"not": {"enum": sorted(_DEVICES)}})]
"""An id that names output files: also not a Windows device name."""

#: The dates a register can speak of: not before Directive 95/46/EC (1995), not beyond this century.
EARLIEST_DATE = dt.date(1995, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _register_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` text (or a date, from Python), between the earliest and latest dates."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError("date_from_text", "{error}", {"error": str(exc)}) from None
    else:
        raise PydanticCustomError("date_type", "write the date as YYYY-MM-DD", {})
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise PydanticCustomError(
            "date_range",
            "{day} is outside the dates a register can speak of: {earliest} (Directive 95/46/EC) to {latest}",
            {"day": day.isoformat(), "earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
    return day


Date = Annotated[
    dt.date,
    BeforeValidator(_register_date),
    Field(title="Date", json_schema_extra={"formatMinimum": EARLIEST_DATE.isoformat(), "formatMaximum": LATEST_DATE.isoformat()}),
]
"""A calendar date written YYYY-MM-DD, from 1995-01-01 to 2099-12-31 (every date that reaches an output)."""

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


def _language(value: Any) -> Any:
    if isinstance(value, str) and value in LANGUAGES:
        return value
    hint = suggest_language(value) if isinstance(value, str) else None
    raise PydanticCustomError(
        "language_code",
        "{value} is not an ISO 639-1 language code (two lower-case letters, e.g. en, de, fr){hint}",
        {"value": repr(value), "hint": f"; did you mean {hint}?" if hint else ""},
    )


LanguageCode = Annotated[
    str,
    BeforeValidator(_language),
    Field(
        title="LanguageCode",
        description="ISO 639-1 language code, e.g. en, sv, nl, de, fr, fi. Outputs have labels in en, sv, nl, de and fr; any other language renders with English labels.",
        json_schema_extra={"enum": sorted(LANGUAGES)},
    ),
]
"""Any of the 184 ISO 639-1 codes: the language a register or a source is written in."""

_DURATION = re.compile(r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?")


@lru_cache(maxsize=256)
def is_duration(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 duration; remembered, as registers write the same few many times."""
    return _DURATION.fullmatch(value) is not None


def _duration(value: str) -> str:
    if not is_duration(value):
        raise ValueError(f"{value!r} is not an ISO 8601 duration such as P2Y, P6M, P30D or PT1H")
    return value


Duration = Annotated[
    str,
    AfterValidator(_duration),
    Field(title="Duration", description="ISO 8601 duration: P2Y (two years), P6M, P30D, PT30M.", examples=["P2Y", "P13M", "P30D"]),
]
