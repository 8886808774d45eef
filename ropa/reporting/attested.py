"""Whether a stated value rests on attestations only: no quote of a document anywhere in it.

The gap table asks this of every stated point, so it is fast: which fields of a model class can
hold models is worked out once per class (from the annotations, as ``ropa.checks.walk`` does),
values are told apart by a lookup of their class rather than ``isinstance`` chains (pydantic's
go through ``ABCMeta``), each model's ``__dict__`` is read by those names only, and the walk stops
at the first kind of evidence other than an attestation.
"""

from __future__ import annotations

import typing
from typing import Any, Final, get_args, get_origin

from pydantic import BaseModel

from ropa.model.markers import Attestation, Quote

__all__ = ["attested"]

#: What a value of a class found: an attestation (exactly that class), or evidence of any other kind.
_ATTESTATION: Final = 1
_OTHER: Final = 2
#: A list: its items are looked at.
_LIST: Final = 0

#: The plan of each class met so far: ``_LIST``, an evidence kind (``_ATTESTATION``/``_OTHER``), the
#: names of a model's fields that can hold models (a tuple), or None for a value with no evidence in it.
_Plan = int | tuple[str, ...] | None
_PLANS: dict[type, _Plan] = {}


def _holds_models(annotation: Any) -> bool:
    """Whether a field so annotated can hold a model (unknown annotations are assumed to)."""
    if isinstance(annotation, type) and not get_args(annotation):
        return issubclass(annotation, BaseModel)
    origin = get_origin(annotation)
    if origin is typing.Literal:
        return False
    args = get_args(annotation)
    if origin is typing.Annotated:
        return _holds_models(args[0])
    if not args:
        return True  # a forward reference, a type variable: not known to hold no models
    return any(_holds_models(arg) for arg in args)


def _plan(cls: type) -> _Plan:
    """The plan of a class (cached), in the order the checks were made before: list, evidence, model."""
    if cls not in _PLANS:
        plan: _Plan = None
        if issubclass(cls, list):
            plan = _LIST
        elif issubclass(cls, (Quote, Attestation)):
            plan = _ATTESTATION if cls is Attestation else _OTHER
        elif issubclass(cls, BaseModel):
            plan = tuple(n for n, f in cls.model_fields.items() if _holds_models(f.annotation))
        _PLANS[cls] = plan
    return _PLANS[cls]


def _kinds(value: Any) -> int:
    """The kinds of evidence within a value, as bits; stops once a kind other than an attestation is found."""
    cls = type(value)
    try:
        plan = _PLANS[cls]
    except KeyError:
        plan = _plan(cls)
    if plan is None:
        return 0
    if isinstance(plan, int):
        if plan != _LIST:
            return plan
        found = 0
        for item in value:
            found |= _kinds(item)
            if found & _OTHER:
                break
        return found
    found = 0
    values = value.__dict__
    for name in plan:
        found |= _kinds(values[name])
        if found & _OTHER:
            break
    return found


def attested(value: Any) -> bool:
    """Whether a value holds attestations and nothing else as evidence (no quote, anywhere within it)."""
    return _kinds(value) == _ATTESTATION
