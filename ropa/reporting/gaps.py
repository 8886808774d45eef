"""Completeness: for every point of Art. 30 and the template extras, is it stated?

One table per register, organisation-level points first, then one block per activity. Every
renderer and ``ropa gaps`` read this, so a gap looks the same everywhere.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ropa.model import Register
from ropa.model.activity import Activity, MechanismStatement
from ropa.model.markers import Attestation, Fact, NoneStated, NotApplicable, NotStated, Quote
from ropa.model.registries import DataCategory


class Status(enum.StrEnum):
    """How a point of the register stands."""

    STATED = "stated"
    NONE = "none"
    NOT_STATED = "not-stated"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True)
class Point:
    """A point of the record: its label key in the catalogue and the article it comes from."""

    key: str
    article: str


# Organisation-level points, in the order of Art. 30(1)(a) and the templates.
CONTROLLER_NAME = Point("controller-name", "Art. 30(1)(a)")
REGISTRATION = Point("registration-number", "Art. 30(1)(a)")
ADDRESS = Point("address", "Art. 30(1)(a)")
COUNTRY = Point("country", "Art. 30(1)(a)")
CONTACTS = Point("contacts", "Art. 30(1)(a)")
REPRESENTATIVE = Point("representative", "Art. 30(1)(a), Art. 27")
DPO = Point("dpo", "Art. 30(1)(a), Art. 37")
JOINT = Point("joint-controllers", "Art. 30(1)(a), Art. 26")
AUTHORITY = Point("supervisory-authority", "Art. 51, Art. 56")
RIGHTS = Point("rights", "Art. 12-22")
EMPLOYEES = Point("employees", "Art. 30(5)")
LAST_REVIEWED = Point("last-reviewed", "template")

# Activity-level points, in the order of Art. 30(1)(b)-(g) and the templates.
BUSINESS_FUNCTION = Point("business-function", "template")
PURPOSES = Point("purposes", "Art. 30(1)(b)")
LAWFUL_BASIS = Point("lawful-basis", "Art. 6(1)")
DATA_SUBJECTS = Point("data-subjects", "Art. 30(1)(c)")
DATA_CATEGORIES = Point("data-categories", "Art. 30(1)(c)")
ART9 = Point("art9-condition", "Art. 9(2)")
ART10 = Point("art10-basis", "Art. 10")
DATA_SOURCE = Point("data-source", "Art. 13-14")
RECIPIENTS = Point("recipients", "Art. 30(1)(d)")
TRANSFERS = Point("transfers", "Art. 30(1)(e)")
TRANSFER_DESTINATION = Point("transfer-destination", "Art. 30(1)(e)")
TRANSFER_MECHANISM = Point("transfer-mechanism", "Art. 30(1)(e), Art. 44-49")
RETENTION = Point("retention", "Art. 30(1)(f)")
SECURITY = Point("security-measures", "Art. 30(1)(g), Art. 32(1)")
AUTOMATED = Point("automated-decisions", "Art. 22")
DPIA = Point("dpia", "Art. 35")
LOCATION = Point("storage-location", "template")

ORGANISATION_POINTS = (
    CONTROLLER_NAME,
    REGISTRATION,
    ADDRESS,
    COUNTRY,
    CONTACTS,
    REPRESENTATIVE,
    DPO,
    JOINT,
    AUTHORITY,
    RIGHTS,
    EMPLOYEES,
    LAST_REVIEWED,
)
ACTIVITY_POINTS = (
    BUSINESS_FUNCTION,
    PURPOSES,
    LAWFUL_BASIS,
    DATA_SUBJECTS,
    DATA_CATEGORIES,
    ART9,
    ART10,
    DATA_SOURCE,
    RECIPIENTS,
    TRANSFERS,
    TRANSFER_DESTINATION,
    TRANSFER_MECHANISM,
    RETENTION,
    SECURITY,
    AUTOMATED,
    DPIA,
    LOCATION,
)


@dataclass(frozen=True, slots=True)
class Gap:
    """The status of one point for the organisation (``activity`` None) or one activity."""

    activity: str | None
    point: Point
    status: Status
    field: str
    note: str | None = None
    #: A stated point whose evidence is only attestations (people in the organisation), no quote of a document.
    attested: bool = False
    inherited: bool = False  # an activity's point taken from `defaults`: its gap, if any, is the default's


#: An activity's point (by model field) and the gap point it is reported as, for `defaults`.
DEFAULT_POINTS = (
    ("business_function", BUSINESS_FUNCTION),
    ("data_source", DATA_SOURCE),
    ("recipients", RECIPIENTS),
    ("transfers", TRANSFERS),
    ("retention", RETENTION),
    ("security_measures", SECURITY),
    ("automated_decisions", AUTOMATED),
    ("dpia", DPIA),
    ("storage_location", LOCATION),
    ("last_reviewed", LAST_REVIEWED),
)


def _point_of(field: str) -> str:
    """The activity's point a gap's field lies in: ``activities[2].transfers[0].mechanism`` -> ``transfers``."""
    return field.split(".")[1].split("[", maxsplit=1)[0] if "." in field else ""


def status_of(value: object) -> Status:
    """The status of a point value as the register holds it."""
    if value is None or isinstance(value, NotStated):
        return Status.NOT_STATED
    if isinstance(value, NoneStated):
        return Status.NONE
    if isinstance(value, NotApplicable):
        return Status.NOT_APPLICABLE
    return Status.STATED


def _note(value: object) -> str | None:
    if isinstance(value, NotApplicable):
        return value.reason
    note = getattr(value, "note", None)
    return str(note) if note else None


def organisation_gaps(register: Register) -> Iterator[Gap]:
    c = register.controller
    values = (
        (CONTROLLER_NAME, c.name, "controller.name"),
        (REGISTRATION, c.registration_number, "controller.registration_number"),
        (ADDRESS, c.address, "controller.address"),
        (COUNTRY, c.country, "controller.country"),
        (CONTACTS, c.contacts, "controller.contacts"),
        (REPRESENTATIVE, register.representative, "representative"),
        (DPO, register.dpo, "dpo"),
        (JOINT, register.joint_controllers, "joint_controllers"),
        (AUTHORITY, register.supervisory_authority, "supervisory_authority"),
        (RIGHTS, register.data_subject_rights, "data_subject_rights"),
        (EMPLOYEES, register.art30_5.employees, "art30_5.employees"),
        (LAST_REVIEWED, register.info.last_reviewed, "register.last_reviewed"),
    )
    for point, value, field in values:
        yield Gap(None, point, status_of(value), field, _note(value))
    yield from default_gaps(register)


def default_gaps(register: Register) -> Iterator[Gap]:
    """The organisation-wide statements (``defaults``) that hold for at least one activity: each reported once."""
    defaults = register.defaults
    if defaults is None:
        return
    taken = frozenset().union(*register.inherited)
    for name, point in DEFAULT_POINTS:
        value = getattr(defaults, name)
        if value is None or name not in taken:
            continue
        if name == "transfers":
            yield from _transfer_gaps(None, "defaults.transfers", value)
        elif name == "security_measures":
            yield _security_gap(register, None, "defaults.security_measures", value)
        else:
            yield Gap(None, point, status_of(value), f"defaults.{name}", _note(value))


def _special(register: Register, act: Activity) -> tuple[bool, bool]:
    if not isinstance(act.data_categories, Fact):
        return False, False
    cats = _categories(register)
    chosen = [cats[i] for i in act.data_categories.value if i in cats]
    return any(c.special_category for c in chosen), any(c.criminal_offence for c in chosen)


def _categories(register: Register) -> dict[str, DataCategory]:
    """The data-category registry by id, built once per register."""
    cached = _CATEGORY_CACHE.get(id(register))
    if cached is None or cached[0] is not register:
        cached = (register, {c.id: c for c in register.data_categories})
        _CATEGORY_CACHE.clear()
        _CATEGORY_CACHE[id(register)] = cached
    return cached[1]


_CATEGORY_CACHE: dict[int, tuple[Register, dict[str, DataCategory]]] = {}


def activity_gaps(register: Register, index: int) -> Iterator[Gap]:
    act = register.activities[index]
    base = f"activities[{index}]"
    aid = act.id
    yield Gap(aid, BUSINESS_FUNCTION, status_of(act.business_function), f"{base}.business_function", _note(act.business_function))
    yield Gap(aid, PURPOSES, Status.STATED, f"{base}.purposes")
    for p, purpose in enumerate(act.purposes):
        yield Gap(aid, LAWFUL_BASIS, status_of(purpose.lawful_basis), f"{base}.purposes[{p}].lawful_basis", _note(purpose.lawful_basis))
    yield Gap(aid, DATA_SUBJECTS, status_of(act.data_subjects), f"{base}.data_subjects", _note(act.data_subjects))
    yield Gap(aid, DATA_CATEGORIES, status_of(act.data_categories), f"{base}.data_categories", _note(act.data_categories))
    special, criminal = _special(register, act)
    art9 = status_of(act.special_category_conditions) if special else Status.NOT_APPLICABLE
    yield Gap(aid, ART9, art9, f"{base}.special_category_conditions", None if special else "no special-category data")
    art10 = status_of(act.criminal_offence_basis) if criminal else Status.NOT_APPLICABLE
    yield Gap(aid, ART10, art10, f"{base}.criminal_offence_basis", None if criminal else "no criminal-offence data")
    yield Gap(aid, DATA_SOURCE, status_of(act.data_source), f"{base}.data_source", _note(act.data_source))
    yield Gap(aid, RECIPIENTS, status_of(act.recipients), f"{base}.recipients", _note(act.recipients))
    yield from _transfer_gaps(aid, f"{base}.transfers", act.transfers)
    yield Gap(aid, RETENTION, status_of(act.retention), f"{base}.retention", _note(act.retention))
    yield _security_gap(register, aid, f"{base}.security_measures", act.security_measures)
    yield Gap(aid, AUTOMATED, status_of(act.automated_decisions), f"{base}.automated_decisions", _note(act.automated_decisions))
    yield Gap(aid, DPIA, status_of(act.dpia), f"{base}.dpia", _note(act.dpia))
    yield Gap(aid, LOCATION, status_of(act.storage_location), f"{base}.storage_location", _note(act.storage_location))


def _transfer_gaps(aid: str | None, field: str, transfers: object) -> Iterator[Gap]:
    yield Gap(aid, TRANSFERS, status_of(transfers), field, _note(transfers))
    if isinstance(transfers, list):
        for t, transfer in enumerate(transfers):
            if transfer.unnamed_destination is not None:
                yield Gap(aid, TRANSFER_DESTINATION, Status.NOT_STATED, f"{field}[{t}].unnamed_destination", transfer.unnamed_destination)
            mech = transfer.mechanism
            status = Status.STATED if isinstance(mech, MechanismStatement) else Status.NOT_STATED
            yield Gap(aid, TRANSFER_MECHANISM, status, f"{field}[{t}].mechanism", _note(mech))


def _security_gap(register: Register, aid: str | None, field: str, value: object) -> Gap:
    security, note = status_of(value), _note(value)
    if security is Status.NOT_STATED and any(m.organisation_wide for m in register.security_measures):
        security, note = Status.STATED, "organisation-wide measures only"
    return Gap(aid, SECURITY, security, field, note)


def all_gaps(register: Register) -> list[Gap]:
    """Every point of the register with its status: organisation first, then each activity.

    An activity's points taken from ``defaults`` are marked ``inherited``: their status is the
    default's, counted once in the organisation's rows.
    """
    rows = list(organisation_gaps(register))
    for i, act in enumerate(register.activities):
        inherited = act.inherited
        for gap in activity_gaps(register, i):
            if inherited and _point_of(gap.field) in inherited:
                gap = dataclasses.replace(gap, inherited=True)  # noqa: PLW2901 - marked
            rows.append(gap)
    return [dataclasses.replace(g, attested=True) if g.status is Status.STATED and _attested(_at(register, g.field)) else g for g in rows]


_STEP = re.compile(r"(\w+)|\[(\d+)\]")


def _at(root: BaseModel, path: str) -> Any:
    """The value at a gap's field path ('activities[0].purposes[1].lawful_basis'; YAML keys or field names)."""
    value: Any = root
    for name, index in _STEP.findall(path):
        if index:
            value = value[int(index)] if isinstance(value, list) and int(index) < len(value) else None
        elif isinstance(value, BaseModel):
            fields = type(value).model_fields
            attr = name if name in fields else next((n for n, f in fields.items() if f.alias == name), None)
            value = getattr(value, attr) if attr else None
        else:
            value = None
    return value


def _kinds(value: Any, found: set[type]) -> None:
    """The kinds of evidence (Quote, Attestation) anywhere within a value."""
    if isinstance(value, list):
        for v in value:
            _kinds(v, found)
    elif isinstance(value, (Quote, Attestation)):
        found.add(type(value))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _kinds(getattr(value, name), found)


def _attested(value: Any) -> bool:
    """Whether a stated value rests on attestations only: no quote of a document anywhere in it."""
    found: set[type] = set()
    _kinds(value, found)
    return found == {Attestation}


def own(rows: list[Gap]) -> list[Gap]:
    """The rows that are not an activity's inherited copy of a default."""
    return [g for g in rows if not g.inherited]


def missing(register: Register) -> list[Gap]:
    """Only the points the source does not state, each once (a default's gap once, not per activity)."""
    return [g for g in own(all_gaps(register)) if g.status is Status.NOT_STATED]
