"""ISO 639-1 languages: every code a register or source may name, and the names a reader sees.

The codes come from ``ropa/data/languages.tsv`` (184 codes, generated from the iso-codes data by
``make data``). Outputs are labelled in the catalogue languages only (``ropa.reference.labels``);
a register in any other language is rendered with English labels.
"""

from __future__ import annotations

import difflib

from ropa.reference.tsv import read_tsv

#: Column of each catalogue language in languages.tsv.
_COLUMN = {"en": 0, "sv": 1, "nl": 2, "de": 3, "fr": 4}


#: ISO 639-1 code -> its name in English, Swedish, Dutch, German and French.
LANGUAGES = read_tsv("languages.tsv")

#: Codes people write for a language that are not its ISO 639-1 code (country codes, ISO 639-2).
_COMMON_MISTAKES = {"ge": "de", "ger": "de", "deu": "de", "dk": "da", "se": "sv", "swe": "sv", "eng": "en", "gb": "en", "uk": "en"}
_COMMON_MISTAKES |= {"fra": "fr", "fre": "fr", "nld": "nl", "dut": "nl", "jp": "ja", "cz": "cs", "gr": "el", "ee": "et", "ua": "uk"}


def language_name(code: str, lang: str = "en") -> str:
    """The language's name in ``lang`` (a catalogue language; English for any other): 'German', 'Deutsch'."""
    names = LANGUAGES.get(code)
    if names is None:
        return code
    return names[_COLUMN.get(lang, 0)]


def suggest_language(value: str) -> str | None:
    """Best guess at the code a person meant ('ge' -> 'de', 'english' -> 'en', 'EN' -> 'en', 'Deutsch' -> 'de').

    A BCP 47 or locale tag suggests its primary subtag ('nl-NL', 'de_DE', 'en-GB' -> 'nl', 'de', 'en');
    the beginning of a language's name suggests it only when no other name begins so ('dutc' -> 'nl',
    but 'du' -> None: Dutch, and Duits, the Dutch for German).
    """
    lower = value.strip().lower()
    if lower in LANGUAGES:
        return lower
    if lower in _COMMON_MISTAKES and _COMMON_MISTAKES[lower] in LANGUAGES:
        return _COMMON_MISTAKES[lower]
    primary, _sep, rest = lower.replace("_", "-").partition("-")
    if rest and primary != lower and (primary in LANGUAGES or primary in _COMMON_MISTAKES):
        return suggest_language(primary)
    by_name = {name.lower(): code for code, names in LANGUAGES.items() for name in names}
    if lower in by_name:
        return by_name[lower]
    match = difflib.get_close_matches(lower, list(by_name), n=1, cutoff=0.8)
    if match:
        return by_name[match[0]]
    begun = {code for name, code in by_name.items() if len(lower) >= 2 and name.startswith(lower)}
    return begun.pop() if len(begun) == 1 else None
