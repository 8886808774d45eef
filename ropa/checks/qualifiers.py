"""A quote cut just before a qualifier ("unless", "except", "sauf") that changes what it says.

The source text right after a matched quote is read up to the end of its sentence: when it
begins (after an opening parenthesis, a comma, a dash or quotation marks) with a qualifier word
of the source's language, the quote says more than the source does. Only the match position the
quote check already has is used: no further search of the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

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
    language: re.compile("(?:" + "|".join(re.escape(w.casefold()) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")
    for language, words in QUALIFIERS.items()
}


def qualifier_after(matching: str, end: int, language: str) -> tuple[int, int, int] | None:
    """Where the qualifier clause after a quote ending at ``end`` of a source's matching form starts, where its
    qualifier word starts, and where its sentence ends; None when no qualifier follows.

    The clause starts at the first opener after the quote (so "(unless …)" keeps its parenthesis).
    """
    pattern = _PATTERNS.get(language.casefold())
    if pattern is None or end >= len(matching) or matching[end - 1] in ".!?":
        return None  # not checked, or the quote ends its sentence (or the source)
    word = end
    while word < len(matching) and matching[word] in _OPENERS:
        word += 1
    if (word > 0 and matching[word - 1].isalnum()) or not pattern.match(matching[word : word + _LOOK].casefold()):
        return None  # the quote ends inside a word, or no qualifier follows
    stop = _SENTENCE_END.search(matching, word)
    return end + (matching[end] == " "), word, stop.start() if stop else len(matching)


def cut_before(matching: str, shown: str, raw: Callable[[], str | None], end: int, language: str) -> str | None:
    """The qualifier clause a quote ending at ``end`` (matching form) leaves out, as the source writes it, or None.

    ``raw`` gives the source's text before white space was folded, read only when a qualifier
    follows: a line break between the quote and the qualifier (a list item, a new paragraph) ends
    the sentence, and one after the qualifier ends the clause.
    """
    span = qualifier_after(matching, end, language)
    if span is None:
        return None
    at, clause, word, stop = (_shown_offset(shown, offset) for offset in (end, *span))
    text = raw()
    line_end = _line_break_after(text, at, stop) if text is not None else None
    if line_end is not None:
        if line_end < word:
            return None
        stop = min(stop, line_end)
    return _cut(shown[clause:stop].strip())


def _cut(clause: str) -> str:
    """A clause cut after a whole word within :data:`_SHOWN` characters, a closing bracket kept."""
    if len(clause) <= _SHOWN:
        return clause
    head = clause[: _SHOWN + 1].rsplit(" ", 1)[0] or clause[:_SHOWN]
    return head.rstrip(" ,;") + " …" + (")" if clause.endswith(")") else "")


_WHITE = re.compile(r"\s+")


def _line_break_after(raw: str, at: int, until: int) -> int | None:
    """The shown-form offset of the first white space holding a line break at or after ``at`` (before ``until``)."""
    text = unicodedata.normalize("NFC", raw)
    shown = 0  # the shown form: each run of white space one space, none at either end
    previous = 0
    for run in _WHITE.finditer(text):
        if run.start() == 0:
            previous = run.end()
            continue
        if run.end() == len(text):
            return None
        shown += run.start() - previous
        if shown > until:
            return None
        if shown >= at and "".join(run.group().splitlines()) != run.group():
            return shown
        shown += 1
        previous = run.end()
    return None


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
