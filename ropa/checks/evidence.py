"""Every quote really occurs in the source it names; every fact has a quote or an attestation."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.loading.sources import read_bytes, resolve
from ropa.model.markers import Attestation, NotApplicable, NotStated


def fold(text: str) -> str:
    """Normalise for comparison: Unicode NFC, every run of white space (no-break too) one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


_CHILDREN: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_holds_models(arg) for arg in get_args(annotation))


def _children(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The fields of a model that can hold other models, with their YAML keys (cached)."""
    found = _CHILDREN.get(cls)
    if found is None:
        found = tuple((name, f.alias or name) for name, f in cls.model_fields.items() if name != "evidence" and _holds_models(f.annotation))
        _CHILDREN[cls] = found
    return found


def walk_models(root: BaseModel) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model in the register with its document path (by YAML key), depth first.

    Evidence items are not visited: they are read from their parent's ``evidence`` list.
    """
    stack: list[tuple[Loc, Any]] = [((), root)]
    while stack:
        loc, obj = stack.pop()
        if isinstance(obj, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(obj))) if isinstance(v, (BaseModel, list)))
            continue
        yield loc, obj
        values = obj.__dict__
        for name, key in reversed(_children(type(obj))):
            value = values[name]
            if isinstance(value, (BaseModel, list)):
                stack.append(((*loc, key), value))


def read_source(base_dir: Path, file: str) -> tuple[str | None, str | None]:
    """The folded text of a source file, or None and the reason it cannot be read (see ropa.loading.sources)."""
    path, problem = resolve(base_dir, file)
    if path is None:
        return None, problem
    try:
        data = read_bytes(path)
    except OSError as exc:
        return None, f"source file `{file}` cannot be read: {exc.strerror}"
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return None, f"source file `{file}` is not UTF-8"
    return fold(text), None


def sources_exist(ctx: Context) -> Iterable[Issue]:
    for i, source in enumerate(ctx.register.sources):
        text, problem = read_source(ctx.base_dir, source.file)
        ctx.source_texts[source.id] = text
        if problem:
            yield Issue(("sources", i, "file"), "source-missing", problem)


def quotes(ctx: Context) -> Iterable[Issue]:
    sources = ctx.register.sources
    only = sources[0].id if len(sources) == 1 else None
    known = {s.id for s in sources}
    verdicts: dict[tuple[str, str], bool] = {}  # (source, quote) -> found; registers repeat quotes
    hints: dict[tuple[str, str], str] = {}  # (source, quote) -> what to say about the closest passage
    weak: dict[str, str | None] = {}  # quote -> why it is too short to support a fact
    for loc, model in walk_models(ctx.register):
        evidence = model.__dict__.get("evidence")
        if evidence is None:
            continue
        if not evidence and not _excused(model):  # a quote or an attestation satisfies it
            yield Issue(loc, "evidence-missing", "no evidence quote supports this fact", Severity.WARNING)
        for i, item in enumerate(evidence):
            where: Loc = (*loc, "evidence", i)
            if isinstance(item, Attestation):  # stated by a person: no source text to check it against
                yield from _attestation(ctx, item, where)
                continue
            source_id = item.source or only
            if source_id is None:
                yield Issue((*where, "quote"), "evidence-source", "this register has several sources: name the quote's `source`")
            elif source_id not in known:
                yield Issue((*where, "source"), "evidence-source", f"`{source_id}` is not one of the sources: {', '.join(sorted(known))}")
            elif (why := weak[item.quote] if item.quote in weak else weak.setdefault(item.quote, _too_weak(item.quote))) is not None:
                yield Issue((*where, "quote"), "quote-too-short", why)
            elif (text := ctx.source_texts.get(source_id)) is not None:  # a missing source is reported once, by sources_exist
                found = verdicts.get((source_id, item.quote))
                if found is None:
                    found = verdicts[(source_id, item.quote)] = fold(item.quote) in text
                if not found:
                    hint = hints.get((source_id, item.quote))
                    if hint is None:
                        hint = hints[(source_id, item.quote)] = _hint(fold(item.quote), text, len(hints))
                    yield Issue(
                        (*where, "quote"),
                        "quote-not-found",
                        f"quote not found in source `{source_id}`: {_excerpt(item.quote)}{hint}",
                    )


#: A quote must hold this many letters or digits, among them a word of at least this many that is
#: not a common function word of the register languages: a quote must be able to support something.
MIN_QUOTE_CHARS = 6
MIN_WORD_CHARS = 4
_ENGLISH = (
    "about above after again also been before being below between both could does doing during each from further have "
    "having here into more most must only other over same shall should some such than that their them then there these "
    "they this those through under until upon very were what when where which while will with within without would your"
)
_SWEDISH = (
    "alla andra bara blir både dessa detta denna deras dina ditt efter eller enligt genom hade hans hela hennes inom inte "
    "just kommer mellan mest mycket måste också samma sedan sina sitt skall skulle till utan vara varit vilka vilken vilket "
    "våra vårt även över"
)
_DUTCH = (
    "alle andere deze door echter geen hebben heeft hier jouw kunnen maar meer naar niet omdat onder onze tegen tussen "
    "voor waar wanneer welke wordt worden zijn zich zoals zonder zullen"
)
_FUNCTION_WORDS = frozenset(f"{_ENGLISH} {_SWEDISH} {_DUTCH}".split())


def _attestation(ctx: Context, item: Attestation, where: Loc) -> Iterator[Issue]:
    """An attestation dated after the register's date cannot support what the register says as of its date."""
    if item.date > ctx.register.info.date:
        yield Issue(
            (*where, "date"),
            "attestation-after-register",
            f"attested on {item.date.isoformat()}, after the register's date {ctx.register.info.date.isoformat()}",
            Severity.WARNING,
        )


def _too_weak(quote: str) -> str | None:
    """Why a quote is too short to support a fact, or None when it can."""
    words = ["".join(c for c in w if c.isalnum()) for w in unicodedata.normalize("NFC", quote).casefold().split()]
    chars = sum(len(w) for w in words)
    if chars >= MIN_QUOTE_CHARS and any(len(w) >= MIN_WORD_CHARS and w not in _FUNCTION_WORDS for w in words):
        return None
    return (
        f"quote {_excerpt(quote)} is too short to support a fact: a quote needs at least {MIN_QUOTE_CHARS} letters or digits, "
        f"among them a word of {MIN_WORD_CHARS} or more that is not a common word such as `the`, `with` or `och`"
    )


def _hint(quote: str, text: str, searched: int) -> str:
    if searched >= MAX_HINTS:
        return f" (no closest passage searched after the first {MAX_HINTS:,} quotes not found)"
    near = closest_passage(quote, text)
    return f"; closest passage: {_excerpt(near)}" if near else ""


def _excused(model: BaseModel) -> bool:
    return isinstance(model, (NotStated, NotApplicable)) or bool(getattr(model, "note", None) and type(model).__name__ == "NoneStated")


#: Words found more often than this in a source do not point at a passage ("the", "data").
_COMMON = 40
#: How many candidate passages are compared character by character, at most, per quote.
_CANDIDATES = 12
#: How many missing quotes of one register get a closest passage searched for; the rest are reported without.
MAX_HINTS = 1000


_PUNCTUATION = "\"'“”‘’«»„()[]{}.,;:!?…-–—•*_#/"


def _key(word: str) -> str:
    return word.strip(_PUNCTUATION).casefold()


@dataclass(frozen=True)
class _Index:
    """A source's words and, for each word (case and punctuation aside), where it occurs."""

    words: list[str]
    where: dict[str, list[int]]
    pieces: dict[str, list[int]]  # four-letter pieces of words, for quotes whose words are misspelt


@lru_cache(maxsize=16)
def _index(text: str) -> _Index:
    words = text.split(" ")
    where: dict[str, list[int]] = {}
    pieces: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        key = _key(word)
        where.setdefault(key, []).append(i)
        for piece in _pieces(key):
            pieces.setdefault(piece, []).append(i)
    return _Index(words, where, pieces)


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
    size = len(quote_words)
    if not index.words or not quote:
        return None
    last = max(0, len(index.words) - size)
    best, best_ratio = None, 0.6
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    seen: set[int] = set()
    for candidate in _starts(index, quote_words):
        for start in range(candidate - 2, candidate + 3):  # words added or dropped before the match
            start = min(max(start, 0), last)  # noqa: PLW2901 - clamped into the text
            if start in seen:
                continue
            seen.add(start)
            window = " ".join(index.words[start : start + size])
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = window, ratio
    return best


def _excerpt(quote: str, limit: int = 80) -> str:
    folded = " ".join(quote.split())
    return f'"{folded}"' if len(folded) <= limit else f'"{folded[: limit - 1]}…"'
