"""Stable anchors of docs/format.md: one per model and per field, and the anchor an error path points at.

A field's anchor is its model's slug and its YAML key, hyphenated: ``activity-retention``,
``register-language``. A schema error names the deepest known field of its path
(``(see docs/format.md#activity-retention)``); the generic point models (a stated value, not
stated, none, not applicable) are looked through, so ``activities[0].data_subjects.value[0]``
points at ``activity-data-subjects``. In a union of models (an evidence item: a quote or an
attestation) the member the path's tag names, else the first that has the path's key, is the one
explained: ``dpo.evidence[0].attestation.date`` points at ``attestation-date``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ropa.model import Register
from ropa.model.activity import (
    Activity,
    Art9Statement,
    Art10Statement,
    AutomatedDecisions,
    Dpia,
    LawfulBasisStatement,
    Location,
    MechanismStatement,
    Purpose,
    RetentionRule,
    Transfer,
)
from ropa.model.claim_limits import ClaimLimit
from ropa.model.cookies import Cookie
from ropa.model.defaults import Defaults
from ropa.model.dpia_facts import DpiaScreening, ListEntry, Scale
from ropa.model.joint import Arrangement, ContactPoint, JointController, Responsibility
from ropa.model.markers import Attestation, NoneStated, NotApplicable, NotStated, Quote
from ropa.model.organisation import Art305, Authority, Contact, Controller, Party, PolicyClaim, RegisterInfo, RightStatement, Source
from ropa.model.provision import ProvisionStatement
from ropa.model.registries import DataCategory, Recipient, SecurityMeasure, SubjectCategory
from ropa.model.relations import RecipientLink
from ropa.reference.labels import LANGUAGES

DOC = "docs/format.md"

#: Each model's slug: the YAML key it sits under, in the singular, where that reads well.
SLUGS: dict[type[BaseModel], str] = {
    Register: "file",
    Quote: "evidence",
    Attestation: "attestation",
    NotStated: "state-not-stated",
    NoneStated: "state-none",
    NotApplicable: "state-not-applicable",
    RegisterInfo: "register",
    Source: "source",
    Controller: "controller",
    Contact: "contact",
    Party: "party",
    JointController: "joint-controller",
    Arrangement: "arrangement",
    ContactPoint: "contact-point",
    Responsibility: "responsibility",
    Authority: "authority",
    Art305: "art30-5",
    RightStatement: "right",
    PolicyClaim: "claim",
    ClaimLimit: "claim-limit",
    SubjectCategory: "subject-category",
    DataCategory: "data-category",
    Recipient: "recipient",
    RecipientLink: "recipient-relation",
    SecurityMeasure: "security-measure",
    Cookie: "cookie",
    Defaults: "defaults",
    Activity: "activity",
    Purpose: "purpose",
    LawfulBasisStatement: "lawful-basis",
    Art9Statement: "art9",
    Art10Statement: "art10",
    Transfer: "transfer",
    MechanismStatement: "mechanism",
    RetentionRule: "retention-rule",
    AutomatedDecisions: "automated-decisions",
    Dpia: "dpia",
    Location: "location",
    ProvisionStatement: "provision",
    DpiaScreening: "dpia-screening",
    Scale: "scale",
    ListEntry: "national-list-entry",
}


_STATE_MODELS = (NotStated, NoneStated, NotApplicable)

#: The tags an error's path gives the two kinds of evidence item (ropa.model.markers).
_EVIDENCE_TAGS: dict[str | int, type[BaseModel]] = {"quote": Quote, "attestation": Attestation}


@dataclass(frozen=True)
class Section:
    """A part of docs/format.md: the top-level keys it covers and the models first met under them."""

    anchor: str
    title: str
    keys: tuple[str, ...]
    intro: str


SECTIONS = (
    Section("part-file", "The register file", (), "The top-level keys of a register, in the order the shipped registers write them."),
    Section("part-register", "register: what this document is", ("register",), "Identity, date and language of the register."),
    Section("part-sources", "sources: the documents quoted", ("sources",), "Every quote is checked against the text of one of these."),
    Section(
        "part-controller",
        "controller: who keeps the register",
        ("controller",),
        "Art. 30(1)(a): the controller's name and contact details.",
    ),
    Section(
        "part-parties",
        "representative, dpo, joint_controllers",
        ("representative", "dpo", "joint_controllers"),
        "Art. 30(1)(a): the other parties the record names; each a party, or `none`, `not_applicable`, `not_stated`.",
    ),
    Section("part-authority", "supervisory_authority", ("supervisory_authority",), "The lead or competent supervisory authority."),
    Section("part-roles-and-art30-5", "roles and art30_5", ("roles", "art30_5"), "Which record this is, and the Art. 30(5) exemption."),
    Section(
        "part-rights",
        "data_subject_rights and policy_claims",
        ("data_subject_rights", "policy_claims"),
        "What the source grants and promises.",
    ),
    Section(
        "part-registries",
        "Registries: data subjects, data, recipients, security measures",
        ("data_subject_categories", "data_categories", "recipients", "security_measures"),
        "Lists the activities refer to by id, each entry stated once for the whole register.",
    ),
    Section(
        "part-cookies",
        "cookies: the cookie registry",
        ("cookies",),
        "Each cookie or similar technology the website sets (ePrivacy Directive 2002/58/EC Art. 5(3)), once; activities name those they use.",
    ),
    Section(
        "part-defaults",
        "defaults: organisation-wide statements",
        ("defaults",),
        "Points that hold for every activity: an activity that leaves one out inherits it whole; one it states replaces it.",
    ),
    Section(
        "part-activities",
        "activities: the processing activities",
        ("activities",),
        "One register row each: Art. 30(1)(b)-(g) and the templates' extras.",
    ),
)


def field_anchor(model: type[BaseModel], key: str) -> str:
    return f"{SLUGS[model]}-{key.replace('_', '-')}"


def fields(model: type[BaseModel]) -> Iterator[tuple[str, FieldInfo]]:
    """(YAML key, FieldInfo) of a model, in declaration order."""
    for name, info in model.model_fields.items():
        yield info.alias or name, info


def _lookup(model: type[BaseModel], key: str) -> FieldInfo | None:
    return next((info for k, info in fields(model) if k == key), None)


def _walk_through(models: list[type[BaseModel]], key: str) -> tuple[type[BaseModel], FieldInfo] | None:
    for model in models:
        info = _lookup(model, key)
        if info is not None:
            return model, info
    return None


def _held(tp: Any) -> list[type[BaseModel]]:
    """Every model a field annotation holds, a point's value and state models included, documented ones first."""
    found: list[type[BaseModel]] = []
    todo = [tp]
    while todo:
        item = todo.pop(0)
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item not in found:
                found.append(item)
        else:
            todo.extend(get_args(item))
    return sorted(found, key=lambda m: (m not in SLUGS, m in _STATE_MODELS))


@cache
def anchor_for(loc: tuple[str | int, ...]) -> str | None:
    """The anchor of docs/format.md that explains the deepest known field of ``loc``, or None."""
    here: list[type[BaseModel]] = [Register]
    best: str | None = None
    for i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        tagged = _EVIDENCE_TAGS.get(part) if Quote in here and Attestation in here else None
        if tagged is not None and any(isinstance(p, str) for p in loc[i + 1 :]):  # the tag of an evidence item's kind
            here = [tagged]
            continue
        step = _walk_through(here, part)
        if step is None:  # an unknown key: the section of the model it was written in
            documented = [m for m in here if m in SLUGS and m is not Register]
            return SLUGS[documented[0]] if documented else best
        model, info = step
        if model in SLUGS:
            best = field_anchor(model, part)
        here = _held(info.annotation)
    return best


def pointer(loc: tuple[str | int, ...]) -> str:
    """`` (see docs/format.md#activity-retention)`` for a path with a known field, else empty."""
    anchor = anchor_for(loc)
    return f" (see {DOC}#{anchor})" if anchor else ""


__all__ = ["DOC", "LANGUAGES", "SECTIONS", "SLUGS", "Section", "anchor_for", "field_anchor", "fields", "pointer"]
