"""The model walk: every model of a register with its document path, depth first, in field order.

Which fields of a model class can hold other models is worked out once per class (from the
annotations), as is whether the class carries ``evidence``. The walk then reads each model's
``__dict__`` by those names only, tells models from plain values by a lookup of their class
rather than ``isinstance`` (pydantic's goes through ``ABCMeta``), records a model without fields
that hold models without a call, and builds each path from its parent's and a one-element tuple
made once (field keys per class, list indexes shared by every path).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel

from ropa.findings import Loc

__all__ = ["evidence_holders", "walk_models"]

#: The fields of a model class that can hold models, as (name, (YAML key,)), and whether it has ``evidence``.
_Plan = tuple[tuple[tuple[str, tuple[str]], ...], bool]

#: The plan of each class met so far; None for a class that is not a model (str, date, an enum).
_PLANS: dict[type, _Plan | None] = {}
#: ``(i,)`` for list index ``i``, shared by every path.
_INDEXES: list[tuple[int]] = []


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_holds_models(arg) for arg in get_args(annotation))


def _plan(cls: type) -> _Plan | None:
    """The plan of a class (cached): None when it is not a model."""
    if cls not in _PLANS:
        plan: _Plan | None = None
        if issubclass(cls, BaseModel):
            fields = cls.model_fields
            children = tuple((n, (f.alias or n,)) for n, f in fields.items() if n != "evidence" and _holds_models(f.annotation))
            plan = (children, "evidence" in fields)
        _PLANS[cls] = plan
    return _PLANS[cls]


def _walk(root: BaseModel, *, everything: bool) -> tuple[list[Loc], list[BaseModel]]:  # noqa: C901 - unrolled for speed
    """The models under ``root`` (itself included) and their paths, depth first: all, or those with evidence."""
    locs: list[Loc] = []
    models: list[BaseModel] = []
    keep_loc, keep = locs.append, models.append
    plans = _PLANS

    def visit(obj: BaseModel, loc: Loc, plan: _Plan) -> None:
        if everything or plan[1]:
            keep_loc(loc)
            keep(obj)
        values = obj.__dict__
        for name, key in plan[0]:
            value = values[name]
            if value is None:
                continue
            if type(value) is list:
                items(value, loc + key)
                continue
            try:
                child = plans[type(value)]
            except KeyError:
                child = _plan(type(value))
            if child is None:
                continue
            if child[0]:
                visit(value, loc + key, child)
            elif everything or child[1]:  # a model without models in it, recorded here: no call
                keep_loc(loc + key)
                keep(value)

    def items(values: list[Any], loc: Loc) -> None:
        while len(_INDEXES) < len(values):
            _INDEXES.append((len(_INDEXES),))
        for value, index in zip(values, _INDEXES, strict=False):
            if type(value) is list:
                items(value, loc + index)
                continue
            try:
                child = plans[type(value)]
            except KeyError:
                child = _plan(type(value))
            if child is None:
                continue
            if child[0]:
                visit(value, loc + index, child)
            elif everything or child[1]:
                keep_loc(loc + index)
                keep(value)

    plan = _plan(type(root))
    if plan is not None:
        visit(root, (), plan)
    return locs, models


def walk_models(root: BaseModel) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model in the register with its document path (by YAML key), depth first.

    Evidence items are not visited: they are read from their parent's ``evidence`` list.
    """
    return zip(*_walk(root, everything=True), strict=True)


def evidence_holders(root: BaseModel) -> Iterator[tuple[Loc, BaseModel]]:
    """The models of :func:`walk_models` whose class has an ``evidence`` field, in the same order."""
    return zip(*_walk(root, everything=False), strict=True)
