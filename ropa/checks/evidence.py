"""Every quote really occurs in the source it names; every fact has a quote or an attestation."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ropa.checks.context import Context
from ropa.checks.passages import closest_passage, fold, loose, parting
from ropa.checks.qualifiers import cut_before
from ropa.checks.walk import evidence_holders, walk_models
from ropa.findings import Issue, Loc, Severity
from ropa.loading.sources import read_text
from ropa.model.markers import Attestation, NotApplicable, NotStated, Quote

__all__ = ["closest_passage", "fold", "quotes", "read_source", "sources_exist", "walk_models"]


def read_source(base_dir: Path, file: str) -> tuple[str | None, str | None]:
    """The folded text of a source file, or None and the reason it cannot be read (see ropa.loading.sources)."""
    text, problem = read_text(base_dir, file)
    return (fold(text), None) if text is not None else (None, problem)


def sources_exist(ctx: Context) -> Iterable[Issue]:
    for i, source in enumerate(ctx.register.sources):
        text, problem = read_source(ctx.base_dir, source.file)
        ctx.source_texts[source.id] = text
        if problem:
            yield Issue(("sources", i, "file"), "source-missing", problem)


def _default_source(ctx: Context, known: set[str]) -> Iterable[Issue]:
    """An error when ``register.default_source`` names no listed source."""
    named = ctx.register.info.default_source
    if named is not None and named not in known:
        match = difflib.get_close_matches(named, sorted(known), n=1, cutoff=0.6)
        hint = f"; did you mean `{match[0]}`?" if match else f"; the sources are {', '.join(sorted(known))}"
        yield Issue(("register", "default_source"), "evidence-source", f"default source `{named}` is not one of the sources{hint}")


@dataclass
class _Memo:
    """What was found once per register: registers repeat the same quotes many times."""

    ends: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, quote) -> where its match ends, -1: not found
    hints: dict[tuple[str, str, bool], str] = field(default_factory=dict)  # (source, quote, named) -> what to say about it
    weak: dict[str, str | None] = field(default_factory=dict)  # quote -> why it is too short to support a fact
    matching: dict[str, str] = field(default_factory=dict)  # source -> its text in the matching form
    languages: dict[str, str] = field(default_factory=dict)  # source -> the language it is written in
    raw: dict[str, str | None] = field(default_factory=dict)  # source -> its text unfolded, read only for a qualifier
    clean: set[tuple[str | None, str]] = field(default_factory=set)  # (source as written, quote) that gave no finding


#: What a fact without evidence lacks, and the two ways to give it.
EVIDENCE_MISSING = (
    "no evidence supports this fact: add a quote of a source (`quote: ...`) or who stated it (`attested_by: ...`, `date: ...`)"
)


def quotes(ctx: Context) -> Iterable[Issue]:
    known = {s.id for s in ctx.register.sources}
    yield from _default_source(ctx, known)
    default = ctx.register.default_source
    memo = _Memo()
    clean = memo.clean
    for loc, model in evidence_holders(ctx.register):
        evidence = model.__dict__["evidence"]
        if not evidence:
            if evidence is not None and not _excused(model):  # a quote or an attestation satisfies it
                yield Issue(loc, "evidence-missing", EVIDENCE_MISSING, Severity.WARNING)
            continue
        for i, item in enumerate(evidence):
            if type(item) is Quote:  # a quote met before without a finding has none here either
                seen = (item.source, item.quote)
                if seen in clean:
                    continue
                issue = _checked(ctx, memo, item, (*loc, "evidence", i), known=known, default=default)
                if issue is None:
                    clean.add(seen)
                else:
                    yield issue
            elif isinstance(item, Attestation):  # stated by a person: no source text to check it against
                yield from _attestation(ctx, item, (*loc, "evidence", i))


def _checked(ctx: Context, memo: _Memo, item: Quote, where: Loc, *, known: set[str], default: str) -> Issue | None:
    """What is wrong with one quote, if anything: its source unknown, or the quote weak or not in it."""
    source_id = item.source or default
    if source_id not in known:
        if item.source is None:  # an unknown default is reported once, at the register
            return None
        return Issue((*where, "source"), "evidence-source", f"`{source_id}` is not one of the sources: {', '.join(sorted(known))}")
    return _quote(ctx, memo, source_id, item.quote, (*where, "quote"), named=item.source is not None)


def _end(ctx: Context, memo: _Memo, source_id: str, quote: str) -> int:
    """Where a quote's first match in a source ends (in the matching form), or -1 when it is not there (remembered)."""
    end = memo.ends.get((source_id, quote))
    if end is None:
        text = ctx.source_texts.get(source_id)
        if text is None:
            return -1
        if source_id not in memo.matching:
            memo.matching[source_id] = loose(text)
        wanted = loose(fold(quote))
        at = memo.matching[source_id].find(wanted)
        end = memo.ends[(source_id, quote)] = at + len(wanted) if at >= 0 else -1
    return end


def _found(ctx: Context, memo: _Memo, source_id: str, quote: str) -> bool:
    """Whether a quote occurs in a source (in the matching form; remembered per source and quote)."""
    return _end(ctx, memo, source_id, quote) >= 0


def _raw(ctx: Context, memo: _Memo, source_id: str) -> str | None:
    """A source's text before white space was folded (read again, once, only when a qualifier may follow a quote)."""
    if source_id not in memo.raw:
        file = next(s.file for s in ctx.register.sources if s.id == source_id)
        memo.raw[source_id] = read_text(ctx.base_dir, file)[0]
    return memo.raw[source_id]


def _cut(ctx: Context, memo: _Memo, source_id: str, end: int, where: Loc) -> Issue | None:
    """A warning when the source goes on, in the same sentence, with a qualifier the quote leaves out."""
    if not memo.languages:
        memo.languages.update((s.id, str(s.language)) for s in ctx.register.sources)
    clause = cut_before(
        memo.matching[source_id], ctx.source_texts[source_id] or "", lambda: _raw(ctx, memo, source_id), end, memo.languages[source_id]
    )
    if clause is None:
        return None
    return Issue(
        where,
        "quote-cut-before-qualifier",
        f'quote stops before "{clause}": quote the qualifier too, and state the fact as the source qualifies it',
        Severity.WARNING,
    )


def _elsewhere(ctx: Context, memo: _Memo, source_id: str, quote: str, *, named: bool) -> str | None:
    """When a quote missing from its source is in another source of the register: which, and how to say so."""
    for other in ctx.register.sources:
        if other.id != source_id and _found(ctx, memo, other.id, quote):
            return f"; found in source `{other.id}`: {'write' if named else 'add'} `source: {other.id}`"
    return None


def _quote(ctx: Context, memo: _Memo, source_id: str, quote: str, where: Loc, *, named: bool = False) -> Issue | None:
    """What is wrong with one quote of a known source, if anything (``named``: the quote names its source)."""
    why = memo.weak[quote] if quote in memo.weak else memo.weak.setdefault(quote, _too_weak(quote))
    if why is not None:
        return Issue(where, "quote-too-short", why)
    text = ctx.source_texts.get(source_id)
    if text is None:  # a missing source is reported once, by sources_exist
        return None
    end = _end(ctx, memo, source_id, quote)
    if end >= 0:
        return _cut(ctx, memo, source_id, end, where)
    hint = memo.hints.get((source_id, quote, named))
    if hint is None:
        hint = _elsewhere(ctx, memo, source_id, quote, named=named) or _hint(fold(quote), text, len(memo.hints))
        memo.hints[(source_id, quote, named)] = hint
    return Issue(where, "quote-not-found", f"quote not found in source `{source_id}`: {_excerpt(quote)}{hint}")


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
    """What to say about the passage of the source closest to a missing (folded) quote."""
    if searched >= MAX_HINTS:
        return f" (no closest passage searched after the first {MAX_HINTS:,} quotes not found)"
    near = closest_passage(quote, text)
    if near is None:
        return ""
    parts = parting(quote, near)
    if parts is None or (len(quote) <= _SHORT and len(near) <= _SHORT):  # both shown whole: the difference is plain
        return f"; closest passage: {_excerpt(near)}"
    word, in_quote, in_source = parts
    return f'; the closest passage differs at word {word}: quote: "{in_quote}"; source: "{in_source}"'


def _excused(model: BaseModel) -> bool:
    return isinstance(model, (NotStated, NotApplicable)) or bool(getattr(model, "note", None) and type(model).__name__ == "NoneStated")


#: How many missing quotes of one register get a closest passage searched for; the rest are reported without.
MAX_HINTS = 1000


#: A quote or passage this long is shown whole in a message.
_SHORT = 80


def _excerpt(quote: str, limit: int = _SHORT) -> str:
    folded = " ".join(quote.split())
    return f'"{folded}"' if len(folded) <= limit else f'"{folded[: limit - 1]}…"'
