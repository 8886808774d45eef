"""The extract for publication (``ropa build --public``): the register without what stays inside.

Left out: every encoder's note (``note`` on any statement or marker), the internal document an
attestation points to (``document``), where a DPIA is kept (``dpia.reference``) and the files the
register was encoded from (``sources[].file``; their titles and public addresses stay). Who attested
a fact is left out where the page shows evidence (``ropa.render.html.evidence``): an attested fact
reads "Attested by a person in the organisation" with its date.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ropa.model import Register
from ropa.model.activity import Dpia
from ropa.model.markers import Attestation

#: Fields cleared on every model that has them, and fields cleared on one model only.
_EVERYWHERE = ("note",)
_ON: dict[type[BaseModel], tuple[str, ...]] = {Attestation: ("document",), Dpia: ("reference",)}


def _cleared(model: BaseModel) -> BaseModel:
    update: dict[str, Any] = {}
    fields = type(model).model_fields
    for name in fields:
        value = getattr(model, name)
        if name in _EVERYWHERE or name in _ON.get(type(model), ()):
            if value is not None:
                update[name] = None
            continue
        if isinstance(value, BaseModel):
            new = _cleared(value)
            if new is not value:
                update[name] = new
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            items = [_cleared(v) if isinstance(v, BaseModel) else v for v in value]
            if any(a is not b for a, b in zip(items, value, strict=True)):
                update[name] = items
    return model.model_copy(update=update) if update else model


def extract(register: Register) -> Register:
    """``register`` without encoder notes and internal document references (a copy; ``inherited`` kept)."""
    result = _cleared(register)
    assert isinstance(result, Register)
    return result
