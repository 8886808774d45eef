"""Turn pydantic's validation errors into findings a DPO can act on, at their YAML line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ropa.findings import Finding, Loc, Severity, dotted
from ropa.format_doc.anchors import pointer
from ropa.loading.positions import Positions
from ropa.model import Register
from ropa.model.defaults import REQUIRED, inherited_in, missing_message
from ropa.reference.countries import suggest_country


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo: list[Any] = [root]
    while todo:
        tp = todo.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                continue
            seen.add(tp)
            yield tp
            todo.extend(f.annotation for f in tp.model_fields.values())
        else:
            todo.extend(get_args(tp))
            origin = get_origin(tp)
            if origin is not None:
                todo.append(origin)


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """All keys the format knows, and those that accept ``{not_stated: true}``."""
    keys: set[str] = {"not_stated", "none", "not_applicable", "note", "reason"}
    points: set[str] = set()
    others: set[str] = set()
    for model in _models(Register):
        for name, field in model.model_fields.items():
            key = field.alias or name
            keys.add(key)
            (points if "NotStated" in repr(field.annotation) else others).add(key)
    return frozenset(keys), frozenset(points - others)


def _suggest(word: str, choices: Any) -> str:
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.7)
    if not match and len(word) >= 4:  # a value cut short: `art77-complaint` for `art77-complaint-to-authority`
        match = [c for c in sorted(choices) if c.startswith(word)][:2]
        match = match if len(match) == 1 else []
    return f"; did you mean `{match[0]}`?" if match else ""


_EXPECTED = re.compile(r"'([^']+)'")


def _message(err: Any, loc: Loc) -> tuple[str, str]:  # noqa: C901, PLR0911, PLR0912 - one branch per error kind
    kind = err["type"]
    keys, points = _vocabulary()
    last = loc[-1] if loc else ""
    if kind == "missing":
        if last == "date" and "attestation" in loc:
            return "schema-missing", "an attestation needs the date it was stated (YYYY-MM-DD)"
        hint = " (write `{not_stated: true}` if the source does not say)" if last in points else ""
        return "schema-missing", f"missing required key `{last}`{hint}"
    if kind == "extra_forbidden":
        if "attestation" in loc and last in {"quote", "source", "locator"}:
            return (
                "schema-unknown-key",
                f"key `{last}` in an attestation: an evidence item is a quote or an attestation (`attested_by`), not both",
            )
        if last in keys:
            return "schema-unknown-key", f"key `{last}` does not belong here"
        return "schema-unknown-key", f"unknown key `{last}`{_suggest(str(last), keys)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "schema-type", "expected a mapping (`key: value` lines)"
    if kind == "list_type":
        return "schema-type", "expected a list (`- item` lines)"
    if kind == "enum":
        expected = _EXPECTED.findall(err.get("ctx", {}).get("expected", ""))
        given = str(err.get("input"))
        hint = _suggest(given, expected)
        return "schema-enum", f"{given!r} is not one of {', '.join(expected)}{hint}"
    if kind == "literal_error":
        if last in {"not_stated", "none", "not_applicable"}:
            return "schema-value", f"`{last}` must be `true` (got {err.get('input')!r})"
        return "schema-value", f"{err['msg']} (got {err.get('input')!r})"
    if kind == "value_error":
        return "schema-value", str(err["msg"]).removeprefix("Value error, ")
    if kind == "language_code":
        return "schema-language", str(err["msg"])
    if kind == "date_range":
        return "schema-date-range", str(err["msg"])
    if kind.startswith("date"):
        return "schema-date", f"{err.get('input')!r} is not a valid date (YYYY-MM-DD): {err['msg']}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "schema-int", f"{err.get('input')!r} is not a whole number"
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == "^[A-Z]{2}$":
        country = suggest_country(str(err.get("input")))
        return "schema-country", f"{err.get('input')!r} is not an ISO 3166-1 alpha-2 country code" + (
            f"; did you mean {country}?" if country else ""
        )
    if kind == "string_pattern_mismatch" and any(p == "id" or "id" in str(p) for p in loc[-1:]):
        return "schema-id", f"{err.get('input')!r} is not a valid id: use lower-case letters, digits and hyphens"
    if kind == "string_too_long":
        return "schema-too-long", f"text is {len(str(err.get('input')))} characters; the limit is {err['ctx']['max_length']}"
    return "schema-" + kind.split("_")[0], str(err["msg"])


def map_errors(exc: ValidationError, positions: Positions, path: str) -> list[Finding]:
    """One finding per pydantic error, positioned at the key or value it concerns."""
    findings: list[Finding] = []
    for err in exc.errors(include_url=False):
        line, col, found, loc = positions.walk(err["loc"])
        if inherited_in(positions.root, loc) is not None:
            continue  # a value taken from `defaults`: its error is reported once, at `defaults`
        code, message = _message(err, loc)
        if err["type"] == "missing" and len(loc) == 3 and loc[0] == "activities" and loc[2] in REQUIRED:
            message = missing_message(_activity_id(positions.root, loc[1]), str(loc[2]))
        message += pointer(tuple(loc))
        if err["type"] == "extra_forbidden":
            key_loc = found if found and found[-1] == loc[-1] else (*found, loc[-1])
            key_at = positions.key_position(key_loc) if loc else None
            if key_at:
                line, col = key_at
        findings.append(Finding(path, line, col, Severity.ERROR, code, message, dotted(loc)))
    return findings


def _activity_id(data: Any, index: object) -> object:
    acts = data.get("activities") if isinstance(data, dict) else None
    if isinstance(acts, list) and isinstance(index, int) and 0 <= index < len(acts) and isinstance(acts[index], dict):
        return acts[index].get("id")
    return None
