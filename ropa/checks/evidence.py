"""Every quote really occurs in the source it names; every fact has a quote."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.markers import Evidence, NotApplicable, NotStated

_SCALARS = (str, int, float, bool, Enum)


def fold(text: str) -> str:
    """Normalise for comparison: Unicode NFC, every run of white space (no-break too) one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def walk_models(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model in the register with its document path (by YAML key)."""
    if isinstance(obj, BaseModel):
        yield loc, obj
        for name, field in type(obj).model_fields.items():
            value = getattr(obj, name)
            if value is None or isinstance(value, _SCALARS):
                continue
            yield from walk_models(value, (*loc, field.alias or name))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            if isinstance(value, (BaseModel, list)):
                yield from walk_models(value, (*loc, i))


def _safe_relative(file: str) -> bool:
    path = PurePosixPath(file.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in file


def read_source(base_dir: Path, file: str) -> tuple[str | None, str | None]:
    """The folded text of a source file, or None and the reason it cannot be read."""
    if not _safe_relative(file):
        return None, f"source path `{file}` must be relative to the register and stay inside its folder"
    path = base_dir / file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, f"source file `{file}` does not exist next to the register"
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
    folded_cache: dict[str, str] = {}
    for loc, model in walk_models(ctx.register):
        if isinstance(model, Evidence):
            source_id = model.source or only
            if source_id is None:
                yield Issue((*loc, "quote"), "evidence-source", "this register has several sources: name the quote's `source`")
                continue
            if source_id not in known:
                yield Issue((*loc, "source"), "evidence-source", f"`{source_id}` is not one of the sources: {', '.join(sorted(known))}")
                continue
            text = ctx.source_texts.get(source_id)
            if text is None:
                continue  # the source itself is reported missing
            quote = folded_cache.get(model.quote)
            if quote is None:
                quote = folded_cache[model.quote] = fold(model.quote)
            if quote not in text:
                yield Issue(
                    (*loc, "quote"),
                    "quote-not-found",
                    f"quote not found in source `{source_id}`: {_excerpt(model.quote)}",
                )
        elif "evidence" in type(model).model_fields and not getattr(model, "evidence") and not _excused(model):
            yield Issue(loc, "evidence-missing", "no evidence quote supports this fact", Severity.WARNING)


def _excused(model: BaseModel) -> bool:
    return isinstance(model, (NotStated, NotApplicable)) or bool(getattr(model, "note", None) and type(model).__name__ == "NoneStated")


def _excerpt(quote: str, limit: int = 80) -> str:
    folded = " ".join(quote.split())
    return f'"{folded}"' if len(folded) <= limit else f'"{folded[: limit - 1]}…"'
