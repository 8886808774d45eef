"""What a model field holds, read from its annotation: the states it takes and the type of its stated value.

The register's points are discriminated unions built at run time (ropa.model.markers); the format
reference and the error pointers both need to see through them to the models and types inside.
"""

from __future__ import annotations

import enum
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ropa.model.markers import Attestation, Fact, NoneStated, NotApplicable, NotStated, Quote

#: The models of a point's states, in the order the reference explains them.
STATES: dict[type[BaseModel], str] = {NotStated: "not_stated", NoneStated: "none", NotApplicable: "not_applicable"}
#: Models every point is built from; the reference explains them once, in its first section.
BUILDING_BLOCKS = (Quote, Attestation, NotStated, NoneStated, NotApplicable)


@dataclass(frozen=True)
class Shape:
    """A field's annotation taken apart: the stated type, the other states, and whether it may be left out."""

    stated: Any
    states: tuple[str, ...]
    fact: bool  # a `{value: ..., evidence: [...]}` point rather than a structured statement
    nullable: bool
    title: str | None = None  # the stated type's title (Text, Id, Date...) where pydantic moved it off the type


def _strip(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def shape(annotation: Any) -> Shape:
    """Take a field annotation apart (``Point[Text] | None`` -> stated Text, states not_stated, nullable)."""
    tp = _strip(annotation)
    nullable = False
    if _is_union(tp) and type(None) in get_args(tp):
        nullable = True
        rest = [a for a in get_args(tp) if a is not type(None)]
        tp = _strip(rest[0]) if len(rest) == 1 else tp
    if isinstance(tp, type) and issubclass(tp, Fact):
        value = tp.model_fields["value"]
        return Shape(value.annotation, (), True, nullable, value.title)
    if not _is_union(tp):
        return Shape(tp, (), False, nullable, title_of(annotation))
    stated: Any = None
    states: list[str] = []
    for member in get_args(tp):
        inner = _strip(member)
        if isinstance(inner, type) and inner in STATES:
            states.append(STATES[inner])
        else:
            stated = inner
    fact = isinstance(stated, type) and issubclass(stated, Fact)
    title = None
    if fact:
        value = stated.model_fields["value"]
        stated, title = value.annotation, value.title
    return Shape(stated, tuple(states), fact, nullable, title)


def models_in(tp: Any) -> list[type[BaseModel]]:
    """The register models a (stated) type holds: ``list[Transfer]`` -> [Transfer]."""
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if issubclass(tp, Fact):
            return models_in(tp.model_fields["value"].annotation)
        return [tp]
    found: list[type[BaseModel]] = []
    for arg in get_args(tp):
        found += [m for m in models_in(arg) if m not in found]
    return found


def enum_in(tp: Any) -> type[enum.Enum] | None:
    """The closed list a type draws from, if any: ``list[DataSource]`` -> DataSource."""
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    for arg in get_args(tp):
        if (found := enum_in(arg)) is not None:
            return found
    return None


def literal_in(tp: Any) -> tuple[Any, ...] | None:
    tp = _strip(tp)
    return get_args(tp) if get_origin(tp) is Literal else None


def title_of(tp: Any) -> str | None:
    """The title an ``Annotated`` type carries in its metadata (``Field(title="Id")``), if any."""
    while get_origin(tp) is Annotated:
        for meta in get_args(tp)[1:]:
            if getattr(meta, "title", None):
                return str(meta.title)
        tp = get_args(tp)[0]
    if _is_union(tp):
        for arg in get_args(tp):
            if arg is not type(None) and (found := title_of(arg)):
                return found
    return None
