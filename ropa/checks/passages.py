"""Quotes against source texts: the two normal forms, the closest passage to a missing quote, and where the two part.

A source text is kept in its *shown* form (:func:`fold`: Unicode NFC, white space one space), the
form messages quote from. Matching compares the *loose* form (:func:`loose`): every quotation
mark and apostrophe (straight, curly, low, guillemet, backtick) folds to one, and dashes, the
ellipsis, no-break spaces and soft hyphens to their plain keyboard form, there and only there,
so that a quote typed with straight quotes is found in a typeset policy, while every message
still shows the words as the source writes them.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

#: What a typeset text writes and a keyboard does not (Unicode punctuation folded to ASCII), for matching only.
_PLAIN = str.maketrans(
    {
        # every quotation mark and apostrophe is one: which a text uses is typography ('x', "x", ‘x’, „x“, «x», `x`)
        **dict.fromkeys("“”„‟«»″〝〞＂‘’‚‛‹›ʼ′＇`´'", '"'),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        "…": "...",
        "\u00ad": None,  # soft hyphen: a place a word may break, not a character
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)


def fold(text: str) -> str:
    """The shown form: Unicode NFC, every run of white space (no-break too) one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def loose(text: str) -> str:
    """The matching form of a shown text: typographic punctuation plain, soft hyphens gone, white space one space."""
    return " ".join(text.translate(_PLAIN).split())


#: Words found more often than this in a source do not point at a passage ("the", "data").
_COMMON = 40
#: How many candidate passages are compared character by character, at most, per quote.
_CANDIDATES = 12

_PUNCTUATION = "\"'()[]{}.,;:!?-•*_#/"


def _key(word: str) -> str:
    return loose(word).strip(_PUNCTUATION).casefold()


@dataclass(frozen=True)
class _Index:
    """A source's words and, for each word (case and punctuation aside), where it occurs."""

    words: list[str]
    plain: list[str]  # each word in the matching form
    where: dict[str, list[int]]
    pieces: dict[str, list[int]]  # four-letter pieces of words, for quotes whose words are misspelt


@lru_cache(maxsize=16)
def _index(text: str) -> _Index:
    words = text.split(" ")
    plain = [word.translate(_PLAIN) for word in words]
    where: dict[str, list[int]] = {}
    pieces: dict[str, list[int]] = {}
    for i, word in enumerate(plain):
        key = word.strip(_PUNCTUATION).casefold()
        where.setdefault(key, []).append(i)
        for piece in _pieces(key):
            pieces.setdefault(piece, []).append(i)
    return _Index(words, plain, where, pieces)


def _pieces(key: str) -> set[str]:
    return {key[i : i + 4] for i in range(len(key) - 3)}


def _starts(index: _Index, quote_words: list[str]) -> list[int]:
    """Where a passage like the quote may start: the starts most of the quote's distinctive words agree on."""
    votes: Counter[int] = Counter()
    common: list[tuple[int, list[int]]] = []
    for offset, word in enumerate(quote_words):
        positions = index.where.get(_key(word))
        if not positions:
            continue
        if len(positions) > _COMMON:
            common.append((offset, positions))
            continue
        for p in positions:
            votes[p - offset] += 1
    if not votes or votes.most_common(1)[0][1] < 2:  # misspelt words: their four-letter pieces vote
        for offset, word in enumerate(quote_words):
            for piece in _pieces(_key(word)):
                positions = index.pieces.get(piece, [])
                for p in positions if len(positions) <= _COMMON else []:
                    votes[p - offset] += 1
    if not votes:  # only common words: let the first few of them vote, a bounded number of times
        for offset, positions in common[:3]:
            for p in positions[: _COMMON * 5]:
                votes[p - offset] += 1
    return [start for start, _n in votes.most_common(_CANDIDATES)]


def closest_passage(quote: str, text: str) -> str | None:
    """The run of the source's words most like the quote, when one is reasonably close (ratio over 0.6).

    Candidate runs come from an index of the source's words (where the quote's less common words
    occur, and so where the quote would start); only those few are compared character by
    character, so a missing quote costs about a millisecond, not a scan of the whole source.
    """
    quote_words = quote.split(" ")
    index = _index(text)
    quote = loose(quote)
    size = len(quote_words)
    if not index.words or not quote:
        return None
    last = max(0, len(index.words) - size)
    best: int | None = None
    best_ratio = 0.6
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    seen: set[int] = set()
    for candidate in _starts(index, quote_words):
        for start in range(candidate - 2, candidate + 3):  # words added or dropped before the match
            start = min(max(start, 0), last)  # noqa: PLW2901 - clamped into the text
            if start in seen:
                continue
            seen.add(start)
            matcher.set_seq1(" ".join(index.plain[start : start + size]))
            if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = start, ratio
    return None if best is None else " ".join(index.words[best : best + size])


#: Words shown before the first difference, of the difference itself (at most), and after it.
_BEFORE, _DIFFERENT, _AFTER = 3, 6, 2
#: A side of the difference is cut to this many characters.
_SIDE = 90


def _side(words: list[str], start: int, end: int) -> str:
    """Words ``start`` to ``end`` of a text with an ellipsis where words are left out, cut to :data:`_SIDE`."""
    shown = " ".join(words[max(start, 0) : end])
    if len(shown) > _SIDE:
        shown = shown[: _SIDE - 1] + "…"
    return ("…" if start > 0 else "") + shown + ("…" if end < len(words) and not shown.endswith("…") else "")


def parting(quote: str, passage: str) -> tuple[int, str, str] | None:
    """Where a quote parts from its closest passage: the word (counted from 1) and both sides around it.

    Both sides show the same few words before the first difference (as each text writes them),
    the differing words (at most :data:`_DIFFERENT`), and a few words after, so the two can never
    read alike. None when the two do not differ in the matching form (then nothing can be shown).
    """
    quote_words, passage_words = quote.split(" "), passage.split(" ")
    matcher = difflib.SequenceMatcher(None, [loose(w) for w in quote_words], [loose(w) for w in passage_words], autojunk=False)
    for tag, q1, q2, p1, p2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        q_end = min(q2, q1 + _DIFFERENT) + _AFTER
        p_end = min(p2, p1 + _DIFFERENT) + _AFTER
        return q1 + 1, _side(quote_words, q1 - _BEFORE, q_end), _side(passage_words, p1 - _BEFORE, p_end)
    return None
