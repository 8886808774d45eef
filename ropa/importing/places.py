"""Countries as DPOs write them: 'USA', 'United States of America', 'UK', 'Holland'; regions that name none."""

from __future__ import annotations

import re
from functools import lru_cache

from ropa.reference.countries import COUNTRIES, EEA, suggest_country

# --- countries ----------------------------------------------------------------------------------

_ALIASES = {
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "us": "US",
    "united states of america": "US",
    "america": "US",
    "the united states": "US",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "the united kingdom": "GB",
    "korea": "KR",
    "republic of korea": "KR",
    "russia": "RU",
    "the netherlands": "NL",
    "holland": "NL",
    "czech republic": "CZ",
    "vietnam": "VN",
}
_NAMES = {name.casefold(): code for code, names in COUNTRIES.items() for name in names} | _ALIASES
#: Words that name a region, not a country: the data leave, but to where is not said.
_REGIONS = re.compile(r"worldwide|global|international|rest of (?:the )?world|outside", re.IGNORECASE)
_INSIDE = frozenset({"eu", "eea", "european union", "european economic area", "europe", "eu/eea", "within the eea", "within the eu"})


@lru_cache(maxsize=4096)
def country(text: str, *, fuzzy: bool = True) -> tuple[str | None, bool]:
    """The ISO code a name or code stands for, and whether it was a guess (a close spelling; only when ``fuzzy``)."""
    key = " ".join(text.casefold().split()).strip(" .")
    if text.strip().upper() in COUNTRIES and len(text.strip()) == 2:
        return text.strip().upper(), False
    if key in _NAMES:
        return _NAMES[key], False
    if not fuzzy:
        return None, False
    guess = suggest_country(text.strip())
    return guess, guess is not None


def is_region(text: str) -> bool:
    return bool(_REGIONS.search(text))


def is_inside_eea(text: str) -> bool:
    key = " ".join(text.casefold().split()).strip(" .")
    return key in _INSIDE or (len(key) == 2 and key.upper() in EEA)
