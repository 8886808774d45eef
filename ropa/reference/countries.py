"""ISO 3166-1 countries and the EEA, from a data file that loads in well under a millisecond."""

from __future__ import annotations

import difflib

from ropa.reference.tsv import read_tsv

COUNTRIES = read_tsv("countries.tsv")

#: The 27 EU member states plus Iceland, Liechtenstein and Norway (Agreement on the EEA).
EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)

_COMMON_MISTAKES = {"UK": "GB", "EL": "GR", "EN": "GB", "USA": "US", "SW": "SE", "HO": "NL"}


def country_name(code: str, language: str = "en") -> str:
    """The country's short name in English, Swedish, Dutch, French or German (English for any other language)."""
    names = COUNTRIES.get(code)
    if names is None:
        return code
    return names[{"en": 0, "sv": 1, "nl": 2, "fr": 3, "de": 4}.get(language, 0)]


def suggest_country(value: str) -> str | None:
    """Best guess at the code a person meant ('UK' -> 'GB', 'Sweden' -> 'SE')."""
    upper = value.upper()
    if upper in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[upper]
    if upper in COUNTRIES:
        return upper
    by_name = {names[0].lower(): code for code, names in COUNTRIES.items()}
    match = difflib.get_close_matches(value.lower(), list(by_name), n=1, cutoff=0.8)
    return by_name[match[0]] if match else None
