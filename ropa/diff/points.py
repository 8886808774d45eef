"""A register as the items a reviewer compares: entities (the controller, each activity, each
recipient...) holding labelled points with their display text and evidence.

Every output reads this one list: the comparison pairs entities and compares their points, the
Word redline shows each entity as a label/value table. The labels are catalogue keys; the
articles are those of :mod:`ropa.reporting.gaps`, so a point cites the same article everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ropa.diff.display import Display, Ref
from ropa.diff.model import Area, Shown
from ropa.model import Register
from ropa.model.activity import Activity, AutomatedDecisions
from ropa.model.joint import JointController
from ropa.model.markers import Fact
from ropa.reporting import gaps
from ropa.reporting.review_status import period_text

#: Evidence attached to an item itself rather than to one of its points.
EVIDENCE_KEY = "point.evidence"


@dataclass(frozen=True, slots=True)
class Field:
    """One point of an entity: label key, article, display text, evidence and high-risk items."""

    key: str
    article: str
    value: Shown
    evidence: Shown
    risky: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Entity:
    """An item of the register that can be added, removed or changed as a whole."""

    area: Area
    id: str
    name: str
    fields: tuple[Field, ...]

    def get(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def digest(self, d: Display) -> Shown:
        """Every point with a value, one line each: what an added or removed item held."""
        return tuple(f"{d.t(f.key)}{d.colon}{d.semicolon.join(f.value)}" for f in self.fields if f.value)


class _Builder:
    """Collects the fields of one entity."""

    def __init__(self, display: Display) -> None:
        self.d = display
        self.fields: list[Field] = []

    def add(self, key: str, article: str, value: Any, ref: Ref = "", *, absent: str = "", risky: frozenset[str] = frozenset()) -> None:
        self.fields.append(Field(key, article, self.d.show(value, ref, absent=absent), self.d.evidence(value), risky))

    def own(self, model: BaseModel) -> None:
        ev = self.d.own_evidence(model)
        self.fields.append(Field(EVIDENCE_KEY, "", (), ev))

    def done(self, area: Area, ident: str, name: str) -> Entity:
        return Entity(area, ident, name, tuple(self.fields))


_NOT_STATED = "status.not-stated"


def controller(reg: Register, d: Display) -> Entity:
    """Art. 30(1)(a): who the controller is and how to reach it, with representative, DPO, joint controllers."""
    c = reg.controller
    b = _Builder(d)
    b.add("point.controller-name", gaps.CONTROLLER_NAME.article, c.name)
    b.add("diff.point.short-name", "", c.short_name)
    b.add("point.registration-number", gaps.REGISTRATION.article, c.registration_number)
    b.add("point.vat-number", "", c.vat_number, absent=_NOT_STATED)
    b.add("point.address", gaps.ADDRESS.article, c.address)
    b.add("point.country", gaps.COUNTRY.article, c.country, "country")
    b.add("point.contacts", gaps.CONTACTS.article, c.contacts)
    b.add("point.website", "", c.website, absent=_NOT_STATED)
    b.add("point.representative", gaps.REPRESENTATIVE.article, reg.representative)
    b.add("point.dpo", gaps.DPO.article, reg.dpo)
    joint = reg.joint_controllers
    if isinstance(joint, list):  # the parties, their arrangements apart: a changed arrangement is one change, of its own point
        b.add("point.joint-controllers", gaps.JOINT.article, [p.model_copy(update={"arrangement": None}) for p in joint])
        b.fields.append(_arrangements(joint, d))
    else:
        b.add("point.joint-controllers", gaps.JOINT.article, joint)
    b.add("point.supervisory-authority", gaps.AUTHORITY.article, reg.supervisory_authority)
    return b.done(Area.CONTROLLER, "controller", c.name.value)


def _arrangements(joint: list[JointController], d: Display) -> Field:
    """Art. 26: each joint controller's arrangement, named by its party; one not recorded reads 'Not stated'."""
    shown = tuple(
        f"{p.name or d.t('point.joint-controllers')}{d.colon}{d.item(p.arrangement) if p.arrangement is not None else d.t(_NOT_STATED)}"
        for p in joint
    )
    return Field("point.joint-arrangement", gaps.JOINT_ARRANGEMENT.article, shown, d.evidence([p.arrangement for p in joint]))


def organisation(reg: Register, d: Display) -> Entity:
    """The register as a whole: roles, Art. 30(5), rights, the policy's promises, review date and period."""
    b = _Builder(d)
    b.add("point.role", "Art. 30(1), 30(2)", reg.roles)
    b.add("point.art30-5", "Art. 30(5)", reg.art30_5.exemption_applies)
    b.add("point.employees", gaps.EMPLOYEES.article, reg.art30_5.employees)
    b.add("diff.point.art30-5-reasoning", "Art. 30(5)", reg.art30_5.reasoning)
    b.add("point.rights", gaps.RIGHTS.article, reg.data_subject_rights)
    b.add("diff.point.policy-claims", "Art. 5(1)(a)", reg.policy_claims)
    b.add("point.last-reviewed", gaps.LAST_REVIEWED.article, reg.info.last_reviewed)
    b.add("point.review-period", "Art. 24(1)", period_text(reg, d.t))
    return b.done(Area.ORGANISATION, "organisation", d.t("word.organisation"))


def _special_items(reg: Register, act: Activity, d: Display) -> frozenset[str]:
    if not isinstance(act.data_categories, Fact):
        return frozenset()
    cats = {c.id: c for c in reg.data_categories}
    return frozenset(
        d.name("category", i) for i in act.data_categories.value if i in cats and (cats[i].special_category or cats[i].criminal_offence)
    )


def _profiling_items(act: Activity, d: Display) -> frozenset[str]:
    a = act.automated_decisions
    if isinstance(a, AutomatedDecisions) and (a.profiling or a.automated_decision):
        return frozenset(d.show(a))
    return frozenset()


class _Inheriting(_Builder):
    """An activity's builder: a point it takes from ``defaults`` reads 'Organisation-wide statement', not the value.

    So a changed default is one change of the organisation-wide statements, not one per activity,
    and an activity switching between the default and a value of its own is a change of the activity.
    """

    def __init__(self, display: Display, inherited: frozenset[str]) -> None:
        super().__init__(display)
        self.inherited = inherited

    def add(self, key: str, article: str, value: Any, ref: Ref = "", *, absent: str = "", risky: frozenset[str] = frozenset()) -> None:
        name = _POINT_FIELDS.get(key)
        if name is not None and name in self.inherited:
            self.fields.append(Field(key, article, (self.d.t(ORG_WIDE),), ()))
        else:
            super().add(key, article, value, ref, absent=absent, risky=risky)


#: What an inherited point of an activity reads in a comparison.
ORG_WIDE = "diff.value.org-wide"
#: The entity that holds the organisation-wide statements.
DEFAULTS_ID = "defaults"
_POINT_FIELDS = {
    "point.business-function": "business_function",
    "point.data-source": "data_source",
    "point.recipients": "recipients",
    "point.transfers": "transfers",
    "point.retention": "retention",
    "point.security-measures": "security_measures",
    "point.automated-decisions": "automated_decisions",
    "point.dpia": "dpia",
    "point.storage-location": "storage_location",
    "point.last-reviewed": "last_reviewed",
}


def defaults(reg: Register, d: Display) -> Entity | None:
    """The organisation-wide statements (``defaults``), when the register has them: one entity, so a change is one change."""
    held = reg.defaults
    if held is None:
        return None
    b = _Builder(d)
    b.add("point.business-function", gaps.BUSINESS_FUNCTION.article, held.business_function, absent=_ABSENT)
    b.add("point.data-source", gaps.DATA_SOURCE.article, held.data_source, absent=_ABSENT)
    b.add("point.recipients", gaps.RECIPIENTS.article, held.recipients, "recipient", absent=_ABSENT)
    b.add("point.transfers", gaps.TRANSFERS.article, held.transfers, absent=_ABSENT)
    b.add("point.retention", gaps.RETENTION.article, held.retention, absent=_ABSENT)
    b.add("point.security-measures", gaps.SECURITY.article, held.security_measures, "measure", absent=_ABSENT)
    b.add("point.automated-decisions", gaps.AUTOMATED.article, held.automated_decisions, absent=_ABSENT)
    b.add("point.dpia", gaps.DPIA.article, held.dpia, absent=_ABSENT)
    b.add("point.storage-location", gaps.LOCATION.article, held.storage_location, absent=_ABSENT)
    b.add("point.last-reviewed", "", held.last_reviewed, absent=_ABSENT)
    return b.done(Area.ORGANISATION, DEFAULTS_ID, d.t("diff.defaults"))


_ABSENT = "diff.value.no-default"


def activity(reg: Register, act: Activity, d: Display) -> Entity:
    """One processing activity: Art. 30(1)(b)-(g) and the regulators' template extras."""
    b = _Inheriting(d, act.inherited)
    b.add("diff.point.name", "", act.name)
    b.add("diff.point.description", "", act.description)
    b.add("point.role", "Art. 30(1), 30(2)", act.role)
    b.add("point.controllers-served", "Art. 30(2)(a)", act.controllers_served)
    b.add("point.business-function", gaps.BUSINESS_FUNCTION.article, act.business_function)
    b.add("point.purposes", gaps.PURPOSES.article, act.purposes)
    b.add("point.lawful-basis", gaps.LAWFUL_BASIS.article, [p.lawful_basis for p in act.purposes])
    b.add("point.data-subjects", gaps.DATA_SUBJECTS.article, act.data_subjects, "subject")
    b.add("point.data-categories", gaps.DATA_CATEGORIES.article, act.data_categories, "category", risky=_special_items(reg, act, d))
    b.add("point.art9-condition", gaps.ART9.article, act.special_category_conditions)
    b.add("point.art10-basis", gaps.ART10.article, act.criminal_offence_basis)
    b.add("point.data-source", gaps.DATA_SOURCE.article, act.data_source)
    b.add("point.provision-requirement", gaps.PROVISION.article, act.provision_requirement)
    b.add("point.recipients", gaps.RECIPIENTS.article, act.recipients, "recipient")
    b.add("point.transfers", gaps.TRANSFERS.article, act.transfers)
    b.add("point.retention", gaps.RETENTION.article, act.retention)
    b.add("point.security-measures", gaps.SECURITY.article, act.security_measures, "measure")
    b.add("point.automated-decisions", gaps.AUTOMATED.article, act.automated_decisions, risky=_profiling_items(act, d))
    b.add("point.dpia", gaps.DPIA.article, act.dpia)
    b.add("point.storage-location", gaps.LOCATION.article, act.storage_location)
    b.add("point.last-reviewed", "", act.last_reviewed)
    b.add("point.cookies", COOKIE_ARTICLE, act.cookies, "cookie")
    return b.done(Area.ACTIVITY, act.id, act.name)


COOKIE_ARTICLE = "ePrivacy Art. 5(3)"


def cookie_entities(reg: Register, d: Display) -> Iterator[Entity]:
    """Each cookie of the registry: added, removed or changed point by point."""
    for c in reg.cookies:
        b = _Builder(d)
        b.add("diff.point.name", "", c.name)
        b.add("diff.point.description", "", c.description)
        b.add("point.cookie-party", COOKIE_ARTICLE, c.party)
        b.add("point.cookie-provider", "Art. 30(1)(d)", c.provider, "recipient")
        b.add("point.cookie-purpose", COOKIE_ARTICLE, c.purpose)
        b.add("point.cookie-lifetime", "Art. 5(1)(e)", c.lifetime)
        b.add("point.cookie-strictly-necessary", COOKIE_ARTICLE, c.strictly_necessary)
        b.add("point.cookie-identifies-device", "Rec. 30, Art. 4(1)", c.identifies_device)
        b.add("point.data-categories", gaps.DATA_CATEGORIES.article, c.data_categories, "category")
        b.own(c)
        yield b.done(Area.COOKIE, c.id, c.name)


def entities(reg: Register, d: Display) -> Iterator[Entity]:
    """Every entity of the register, in the order the redline shows them."""
    yield controller(reg, d)
    yield organisation(reg, d)
    wide = defaults(reg, d)
    if wide is not None:
        yield wide
    for act in reg.activities:
        yield activity(reg, act, d)
    for r in reg.recipients:
        b = _Builder(d)
        b.add("diff.point.name", "", r.name)
        b.add("diff.point.recipient-kind", gaps.RECIPIENTS.article, r.kind)
        b.add("diff.point.description", "", r.description)
        b.add("point.country", "", r.country, "country")
        b.add("point.processor-contract", "Art. 28(3)", r.contract)
        b.add("diff.point.privacy-shield-certified", "Art. 45", r.privacy_shield_certified)
        b.add("diff.point.dpf-certified", "Art. 45", r.dpf_certified)
        b.add("point.website", "", r.website)
        b.add("point.relations", "Art. 28(2), 27", r.relations)
        b.own(r)
        yield b.done(Area.RECIPIENT, r.id, r.name)
    for m in reg.security_measures:
        b = _Builder(d)
        b.add("diff.point.description", gaps.SECURITY.article, m.description)
        b.add("diff.point.measure-kind", "Art. 32(1)", m.kind)
        b.add("diff.point.organisation-wide", "", m.organisation_wide)
        b.own(m)
        yield b.done(Area.SECURITY, m.id, m.description)
    for c in reg.data_categories:
        b = _Builder(d)
        b.add("diff.point.name", "", c.name)
        b.add("diff.point.description", "", c.description)
        special = d.show(c.special_category)
        b.add("diff.point.special-category", "Art. 9(1)", c.special_category, risky=frozenset(special))
        b.add(
            "diff.point.criminal-offence",
            "Art. 10",
            c.criminal_offence,
            risky=frozenset(d.show(True)) if c.criminal_offence else frozenset(),
        )
        b.own(c)
        yield b.done(Area.DATA_CATEGORY, c.id, c.name)
    for s in reg.data_subject_categories:
        b = _Builder(d)
        b.add("diff.point.name", "", s.name)
        b.add("diff.point.description", "", s.description)
        b.own(s)
        yield b.done(Area.SUBJECT_CATEGORY, s.id, s.name)
    yield from cookie_entities(reg, d)
    for src in reg.sources:
        b = _Builder(d)
        b.add("diff.point.title", "", src.title)
        b.add("diff.point.file", "", src.file)
        b.add("diff.point.url", "", src.url)
        b.add("diff.point.source-date", "", src.date)
        b.add("diff.point.language", "", d.language_name(src.language))
        yield b.done(Area.SOURCE, src.id, src.title)
