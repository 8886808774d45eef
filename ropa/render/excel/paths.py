"""Walk a register model with the YAML path of every part: where each quote and note sits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from ropa.model.activity import Activity
from ropa.model.markers import Evidence

#: Field names of the model -> the label key of the point a reader knows them by.
FIELD_POINTS = {
    "business_function": "point.business-function",
    "purposes": "point.purposes",
    "lawful_basis": "point.lawful-basis",
    "data_subjects": "point.data-subjects",
    "data_subject_categories": "point.data-subjects",
    "data_categories": "point.data-categories",
    "special_category_conditions": "point.art9-condition",
    "criminal_offence_basis": "point.art10-basis",
    "data_source": "point.data-source",
    "provision_requirement": "point.provision-requirement",
    "recipients": "point.recipients",
    "contract": "point.processor-contract",
    "transfers": "point.transfers",
    "mechanism": "point.transfer-mechanism",
    "retention": "point.retention",
    "security_measures": "point.security-measures",
    "automated_decisions": "point.automated-decisions",
    "dpia": "point.dpia",
    "storage_location": "point.storage-location",
    "last_reviewed": "point.last-reviewed",
    "controllers_served": "point.controllers-served",
    "controller": "point.controller-name",
    "registration_number": "point.registration-number",
    "vat_number": "point.vat-number",
    "address": "point.address",
    "country": "point.country",
    "contacts": "point.contacts",
    "website": "point.website",
    "representative": "point.representative",
    "dpo": "point.dpo",
    "joint_controllers": "point.joint-controllers",
    "supervisory_authority": "point.supervisory-authority",
    "data_subject_rights": "point.rights",
    "employees": "point.employees",
    "art30_5": "point.art30-5",
    "sources": "point.source",
    "policy_claims": "xlsx.row.policy-claims",
    "cookies": "point.cookies",
    "lifetime": "point.cookie-lifetime",
    "strictly_necessary": "point.cookie-strictly-necessary",
    "identifies_device": "point.cookie-identifies-device",
    "party": "point.cookie-party",
    "purpose": "point.cookie-purpose",
    "relations": "point.relations",
    "arrangement": "point.joint-arrangement",
}


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a model class holds, looked up once per class: its fields by YAML key, and its own note."""

    fields: tuple[tuple[str, str], ...]
    evidence: bool
    note: str | None


_SHAPES: dict[type[BaseModel], _Shape] = {}


def _shape(cls: type[BaseModel]) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        fields = cls.model_fields
        keys = tuple((name, info.alias or name) for name, info in fields.items() if name != "evidence")
        note = "note" if "note" in fields else "reason" if "reason" in fields else None
        shape = _SHAPES[cls] = _Shape(keys, "evidence" in fields, note)
    return shape


def walk(model: BaseModel, path: str = "", *, own: bool = False) -> Iterator[tuple[str, BaseModel, _Shape]]:
    """Every model inside ``model`` (itself first, then in document order) with its path, e.g. ``activities[0].purposes[1]``.

    ``own``: leave out what an activity inherits from ``defaults`` (it is visited there, once).
    """
    stack: list[tuple[str, BaseModel]] = [(path, model)]
    while stack:
        where, part = stack.pop()
        shape = _shape(type(part))
        yield where, part, shape
        prefix = f"{where}." if where else ""
        inner: list[tuple[str, BaseModel]] = []
        skip = part.inherited if own and isinstance(part, Activity) else frozenset()
        for name, key in shape.fields:
            if name in skip:
                continue
            value = getattr(part, name)
            if isinstance(value, BaseModel):
                inner.append((prefix + key, value))
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                inner.extend((f"{prefix}{key}[{i}]", item) for i, item in enumerate(value))
        inner.reverse()
        stack.extend(inner)


def evidence(model: BaseModel, path: str = "") -> Iterator[tuple[str, Evidence]]:
    """Every evidence item (quote or attestation) with the path of the statement it supports."""
    for where, part, shape in walk(model, path, own=True):
        if shape.evidence:
            for quote in getattr(part, "evidence"):  # noqa: B009 - a field known to exist
                yield where, quote


def notes(model: BaseModel, path: str = "") -> Iterator[tuple[str, str]]:
    """Every encoder's note (and not-applicable reason) with the path it belongs to."""
    for where, part, shape in walk(model, path):
        if shape.note:
            note = getattr(part, shape.note)
            if note:
                yield where, str(note)


def point_key(path: str) -> str | None:
    """The label key of the point a path belongs to: that of the deepest field name that names one."""
    for part in reversed(path.replace("]", "").replace("[", ".").split(".")):
        if part in FIELD_POINTS:
            return FIELD_POINTS[part]
    return None
