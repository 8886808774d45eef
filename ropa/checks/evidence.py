"""Every quote really occurs in the source it names; every fact has a quote."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.markers import NotApplicable, NotStated
from ropa.sources import lexically_safe, read_bytes, resolve


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


def _safe_relative(file: str) -> bool:
    return lexically_safe(file)


def read_source(base_dir: Path, file: str) -> tuple[str | None, str | None]:
    """The folded text of a source file, or None and the reason it cannot be read (see ropa.sources)."""
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
    for loc, model in walk_models(ctx.register):
        evidence = model.__dict__.get("evidence")
        if evidence is None:
            continue
        if not evidence:
            if not _excused(model):
                yield Issue(loc, "evidence-missing", "no evidence quote supports this fact", Severity.WARNING)
            continue
        for i, item in enumerate(evidence):
            source_id = item.source or only
            where: Loc = (*loc, "evidence", i)
            if source_id is None:
                yield Issue((*where, "quote"), "evidence-source", "this register has several sources: name the quote's `source`")
            elif source_id not in known:
                yield Issue((*where, "source"), "evidence-source", f"`{source_id}` is not one of the sources: {', '.join(sorted(known))}")
            elif (text := ctx.source_texts.get(source_id)) is not None:  # a missing source is reported once, by sources_exist
                found = verdicts.get((source_id, item.quote))
                if found is None:
                    found = verdicts[(source_id, item.quote)] = fold(item.quote) in text
                if not found:
                    near = closest_passage(fold(item.quote), text)
                    hint = f"; closest passage: {_excerpt(near)}" if near else ""
                    yield Issue(
                        (*where, "quote"),
                        "quote-not-found",
                        f"quote not found in source `{source_id}`: {_excerpt(item.quote)}{hint}",
                    )


def _excused(model: BaseModel) -> bool:
    return isinstance(model, (NotStated, NotApplicable)) or bool(getattr(model, "note", None) and type(model).__name__ == "NoneStated")


def closest_passage(quote: str, text: str) -> str | None:
    """The run of the source's words most like the quote, when one is reasonably close."""
    words = text.split(" ")
    size = len(quote.split(" "))
    if not words or size == 0:
        return None
    best, best_ratio = None, 0.6
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start : start + size])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best


def _excerpt(quote: str, limit: int = 80) -> str:
    folded = " ".join(quote.split())
    return f'"{folded}"' if len(folded) <= limit else f'"{folded[: limit - 1]}…"'
