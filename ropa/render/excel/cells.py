"""Excel's cell limit, which counts UTF-16 code units, not characters.

A cell holds at most 32,767 UTF-16 units: a character outside the Basic Multilingual Plane (an
emoji, a rare CJK ideograph) takes two. Excel calls a file with a longer cell corrupt, so text
is measured and cut in these units, and never between the two halves of a surrogate pair.
"""

from __future__ import annotations

MAX_CELL_UNITS = 32767


def utf16_units(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut_utf16(text: str, units: int) -> str:
    """The longest start of ``text`` that fits in ``units`` UTF-16 code units, whole characters only."""
    if len(text) * 2 <= units:
        return text
    encoded = text.encode("utf-16-le", "surrogatepass")[: max(units, 0) * 2]
    kept = encoded.decode("utf-16-le", "surrogatepass")
    if kept and "\ud800" <= kept[-1] <= "\udbff" and len(encoded) < len(text.encode("utf-16-le", "surrogatepass")):
        kept = kept[:-1]  # the first half of a pair whose second half was cut
    return kept
