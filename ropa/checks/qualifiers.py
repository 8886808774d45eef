"""A quote cut just before a qualifier ("unless", "except", "sauf") that changes what it says.

The source text right after a matched quote is read up to the end of its sentence: when it
begins (after an opening parenthesis, a comma, a dash or quotation marks) with a qualifier word
of the source's language, the quote says more than the source does. Only the match position the
quote check already has is used: no further search of the source.
"""

from __future__ import annotations

import re

#: Words and phrases that, right after a quote in the same sentence, narrow or undo what it says.
#: Languages not listed here (the source's ``language``) are not checked.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "en": ("unless", "except", "excluding", "provided that", "only if", "subject to", "other than", "save that", "but not"),
    "sv": ("utom", "förutom", "såvida", "om inte", "med undantag"),
    "nl": ("tenzij", "behalve", "met uitzondering van", "mits", "uitgezonderd"),
    "de": ("es sei denn", "außer", "ausgenommen", "sofern nicht", "mit Ausnahme"),
    "fr": ("sauf", "à moins que", "excepté", "hormis", "sous réserve"),
}

#: What may stand between a quote and its qualifier (in the matching form: one quotation mark, plain dashes).
_OPENERS = ' ([,-"'
#: The end of a sentence in the matching form: . ! or ? before a space or the end of the text.
_SENTENCE_END = re.compile(r"[.!?](?= |$)")
#: How much of the source a qualifier takes, at most, to be recognised (the longest phrase and a word boundary).
_LOOK = 40
#: A qualifier is shown up to this many characters.
_SHOWN = 60

_PATTERNS = {
    language: re.compile(
        "(?:" + "|".join(re.escape(w.casefold()) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)"
    )
    for language, words in QUALIFIERS.items()
}


def qualifier_after(matching: str, end: int, language: str) -> tuple[int, int] | None:
    """Where the qualifier clause that follows a quote ending at ``end`` of a source's matching form runs, if one does.

    The span starts at the first opener after the quote (so "(unless …)" keeps its parenthesis)
    and ends at the end of the sentence.
    """
    pattern = _PATTERNS.get(language.casefold())
    if pattern is None or end >= len(matching):
        return None
    start = end
    while start < len(matching) and matching[start] in _OPENERS:
        start += 1
    if (start > 0 and matching[start - 1].isalnum()) or not pattern.match(matching[start : start + _LOOK].casefold()):
        return None  # the quote ends inside a word, or no qualifier follows
    clause = end + (matching[end] == " ")
    stop = _SENTENCE_END.search(matching, start)
    return clause, stop.start() if stop else len(matching)


def shown_clause(shown: str, span: tuple[int, int]) -> str:
    """The qualifier clause as the source writes it, cut to :data:`_SHOWN` characters (a closing bracket kept)."""
    start, stop = (_shown_offset(shown, at) for at in span)
    clause = shown[start:stop].strip()
    if len(clause) <= _SHOWN:
        return clause
    closing = ")" if clause.endswith(")") else ""
    return clause[: _SHOWN - 1].rstrip(" ,;") + " …" + closing


def _shown_offset(shown: str, at: int) -> int:
    """The offset in the shown form of offset ``at`` in the matching form (they differ at an ellipsis or soft hyphen)."""
    if "…" not in shown and "\u00ad" not in shown:
        return at
    length = 0
    for i, char in enumerate(shown):
        if length >= at:
            return i
        length += 3 if char == "…" else 0 if char == "\u00ad" else 1
    return len(shown)
