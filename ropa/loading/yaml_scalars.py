"""What a YAML scalar means in a register: the YAML 1.2 core schema, strictly, for both builders.

An untagged plain scalar is ``null``, ``true``/``false``, a canonical decimal integer, or a string
(no octal, hex or floats: ``0123``, ``0x1F`` and ``1.5`` stay the text typed). A quoted or block
scalar is a string. An explicit tag decides instead of the style, as the spec says: ``!!str`` and
the non-specific ``!`` give a string, ``!!int``, ``!!bool`` and ``!!null`` the value they name, if
the text is one (``!!int abc`` is an error, never a silent string). Every other tag is refused.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
NON_SPECIFIC = "!"
CORE_TAGS = frozenset({STR, INT, BOOL, NULL, MAP, SEQ, NON_SPECIFIC})
SCALAR_TAGS = frozenset({STR, INT, BOOL, NULL, NON_SPECIFIC})

INT_PATTERN = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
INT_START = frozenset("-0123456789")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})

#: What a tagged scalar gives when its tag does not fit the text (or is not a core tag).
MISFIT = object()


def text(value: str) -> str:
    """A string as stored: Unicode NFC."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def plain(value: str) -> Any:
    """An untagged plain scalar."""
    if value in NULLS:
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    if INT_PATTERN.fullmatch(value):
        return int(value)
    return text(value)


def tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit tag, or ``MISFIT``."""
    if tag in (STR, NON_SPECIFIC):
        return text(value)
    if tag == INT:
        return int(value) if INT_PATTERN.fullmatch(value) else MISFIT
    if tag == BOOL:
        return True if value in TRUE else False if value in FALSE else MISFIT
    if tag == NULL:
        return None if value in NULLS else MISFIT
    return MISFIT


def scalar(tag: str | None, style: str | None, value: str) -> Any:
    """Any scalar event's value, or ``MISFIT``."""
    if tag is not None:
        return tagged(tag, value)
    return text(value) if style else plain(value)


def fits_collection(tag: str | None, is_mapping: bool) -> bool:
    """Whether a mapping's or sequence's tag (if any) names what it is."""
    return tag is None or tag in (NON_SPECIFIC, MAP if is_mapping else SEQ)


def shorthand(tag: str) -> str:
    """A tag as a person writes it: ``!!int`` rather than ``tag:yaml.org,2002:int``."""
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag.removeprefix("tag:yaml.org,2002:")
    return tag if tag.startswith("!") else f"!<{tag}>"


def tag_problem(tag: str, value: object) -> str:
    """What is wrong with a tag: not a core one, or not fitting its value."""
    if tag not in CORE_TAGS:
        return f"tag {shorthand(tag)} is not allowed; only plain YAML values are (write the value without a tag)"
    what = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else repr(value)
    return f"tag {shorthand(tag)} does not fit {what}; remove the tag or correct the value"
