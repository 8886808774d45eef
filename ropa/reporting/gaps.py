"""Completeness: for every point of Art. 30 and the template extras, is it stated?

One table per register, organisation-level points first, then one block per activity. Every
renderer and ``ropa gaps`` read this, so a gap looks the same everywhere.

Each point is first a row that carries the value it reads, so its status, note and whether it
rests on attestations only (``ropa.reporting.attested``) are asked of that value once, and each
gap is built once with its marks (issue 15: the Word register of 10,000 activities).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ropa.model import Register
from ropa.model.activity import Activity, MechanismStatement
from ropa.model.markers import Fact
from ropa.model.registries import DataCategory
from ropa.reporting.attested import attested
from ropa.reporting.joint_gaps import JOINT_ARRANGEMENT, JOINT_CONTACT, JOINT_DUTIES, JOINT_ESSENCE, arrangement_rows
from ropa.reporting.point_status import Point, Status, state_of, status_of
from ropa.reporting.registry_gaps import RECIPIENT_KIND, registry_rows

# Point, Status and status_of live in point_status, the joint controllers' points in joint_gaps, the registries' in
# registry_gaps; all are re-exported:
# callers import them from here.
__all__ = [
    "ACTIVITY_POINTS", "ADDRESS", "ART9", "ART10", "AUTHORITY", "AUTOMATED", "BUSINESS_FUNCTION", "CONTACTS",
    "CONTROLLER_NAME", "COUNTRY", "DATA_CATEGORIES", "DATA_SOURCE", "DATA_SUBJECTS", "DEFAULT_POINTS", "DPIA", "DPO",
    "EMPLOYEES", "JOINT", "JOINT_ARRANGEMENT", "JOINT_CONTACT", "JOINT_DUTIES", "JOINT_ESSENCE", "LAST_REVIEWED",
    "LAWFUL_BASIS", "LOCATION", "ORGANISATION_POINTS", "PROVISION", "PURPOSES", "RECIPIENTS", "RECIPIENT_KIND",
    "REGISTRATION", "REPRESENTATIVE", "RETENTION", "RIGHTS", "SECURITY", "TRANSFERS", "TRANSFER_DESTINATION",
    "TRANSFER_MECHANISM", "Gap", "Point", "Status", "activity_gaps", "all_gaps", "default_gaps", "missing",
    "organisation_gaps", "own", "status_of",
]  # fmt: skip


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
#: A recipient whose kind (processor, controller, the public...) the source does not state: one row per such recipient.

# Activity-level points, in the order of Art. 30(1)(b)-(g) and the templates.
BUSINESS_FUNCTION = Point("business-function", "template")
PURPOSES = Point("purposes", "Art. 30(1)(b)")
LAWFUL_BASIS = Point("lawful-basis", "Art. 6(1)")
DATA_SUBJECTS = Point("data-subjects", "Art. 30(1)(c)")
DATA_CATEGORIES = Point("data-categories", "Art. 30(1)(c)")
ART9 = Point("art9-condition", "Art. 9(2)")
ART10 = Point("art10-basis", "Art. 10")
DATA_SOURCE = Point("data-source", "Art. 13-14")
PROVISION = Point("provision-requirement", "Art. 13(2)(e)")
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
    JOINT_ARRANGEMENT,
    JOINT_CONTACT,
    JOINT_DUTIES,
    JOINT_ESSENCE,
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
    PROVISION,
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


#: A gap before it is one: activity, point, status, field, note, and the value at the field.
_Row = tuple[str | None, Point, Status, str, str | None, Any]


def _row(aid: str | None, point: Point, field: str, value: Any) -> _Row:
    """A point's row with the status and note of its value."""
    status, note = state_of(value)
    return (aid, point, status, field, note, value)


def organisation_gaps(register: Register) -> Iterator[Gap]:
    return (Gap(*row[:5]) for row in _organisation_rows(register))


def _organisation_rows(register: Register) -> Iterator[_Row]:
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
        yield _row(None, point, field, value)
        if point is JOINT:
            yield from arrangement_rows(value)
    yield from registry_rows(register)
    yield from _default_rows(register)


def default_gaps(register: Register) -> Iterator[Gap]:
    """The organisation-wide statements (``defaults``) that hold for at least one activity: each reported once."""
    return (Gap(*row[:5]) for row in _default_rows(register))


def _default_rows(register: Register) -> Iterator[_Row]:
    defaults = register.defaults
    if defaults is None:
        return
    taken = frozenset().union(*register.inherited)
    for name, point in DEFAULT_POINTS:
        value = getattr(defaults, name)
        if value is None or name not in taken:
            continue
        if name == "transfers":
            yield from _transfer_rows(None, "defaults.transfers", value)
        elif name == "security_measures":
            yield _security_row(any(m.organisation_wide for m in register.security_measures), None, "defaults.security_measures", value)
        else:
            yield _row(None, point, f"defaults.{name}", value)


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
    return (
        Gap(*row[:5])
        for row in _activity_rows(register, index, register.activities[index], any(m.organisation_wide for m in register.security_measures))
    )


def _activity_rows(register: Register, index: int, act: Activity, wide: bool) -> Iterator[_Row]:
    """An activity's rows; ``wide``: the register has organisation-wide security measures."""
    base = f"activities[{index}]"
    aid = act.id
    yield _row(aid, BUSINESS_FUNCTION, f"{base}.business_function", act.business_function)
    yield (aid, PURPOSES, Status.STATED, f"{base}.purposes", None, act.purposes)
    for p, purpose in enumerate(act.purposes):
        yield _row(aid, LAWFUL_BASIS, f"{base}.purposes[{p}].lawful_basis", purpose.lawful_basis)
    yield _row(aid, DATA_SUBJECTS, f"{base}.data_subjects", act.data_subjects)
    yield _row(aid, DATA_CATEGORIES, f"{base}.data_categories", act.data_categories)
    special, criminal = _special(register, act)
    art9 = status_of(act.special_category_conditions) if special else Status.NOT_APPLICABLE
    yield (
        aid,
        ART9,
        art9,
        f"{base}.special_category_conditions",
        None if special else "no special-category data",
        act.special_category_conditions,
    )
    art10 = status_of(act.criminal_offence_basis) if criminal else Status.NOT_APPLICABLE
    yield (
        aid,
        ART10,
        art10,
        f"{base}.criminal_offence_basis",
        None if criminal else "no criminal-offence data",
        act.criminal_offence_basis,
    )
    yield _row(aid, DATA_SOURCE, f"{base}.data_source", act.data_source)
    if act.provision_requirement is not None:  # optional (Art. 13(2)(e) is not an Art. 30 point): a gap only when marked not stated
        yield _row(aid, PROVISION, f"{base}.provision_requirement", act.provision_requirement)
    yield _row(aid, RECIPIENTS, f"{base}.recipients", act.recipients)
    yield from _transfer_rows(aid, f"{base}.transfers", act.transfers)
    yield _row(aid, RETENTION, f"{base}.retention", act.retention)
    yield _security_row(wide, aid, f"{base}.security_measures", act.security_measures)
    yield _row(aid, AUTOMATED, f"{base}.automated_decisions", act.automated_decisions)
    yield _row(aid, DPIA, f"{base}.dpia", act.dpia)
    yield _row(aid, LOCATION, f"{base}.storage_location", act.storage_location)


def _transfer_rows(aid: str | None, field: str, transfers: object) -> Iterator[_Row]:
    yield _row(aid, TRANSFERS, field, transfers)
    if isinstance(transfers, list):
        for t, transfer in enumerate(transfers):
            if transfer.unnamed_destination is not None:
                yield (
                    aid,
                    TRANSFER_DESTINATION,
                    Status.NOT_STATED,
                    f"{field}[{t}].unnamed_destination",
                    transfer.unnamed_destination,
                    transfer.unnamed_destination,
                )
            mech = transfer.mechanism
            status = Status.STATED if isinstance(mech, MechanismStatement) else Status.NOT_STATED
            yield (aid, TRANSFER_MECHANISM, status, *_row(aid, TRANSFER_MECHANISM, f"{field}[{t}].mechanism", mech)[3:])


def _security_row(wide: bool, aid: str | None, field: str, value: object) -> _Row:
    """The security point; ``wide``: the register has organisation-wide security measures."""
    row = _row(aid, SECURITY, field, value)
    if row[2] is Status.NOT_STATED and wide:
        return (aid, SECURITY, Status.STATED, field, "organisation-wide measures only", value)
    return row


def _marked_rows(register: Register) -> Iterator[tuple[str | None, Point, Status, str, str | None, Any, bool]]:
    """Every row of :func:`all_gaps` in order, with whether it is an activity's inherited copy of a default."""
    for row in _organisation_rows(register):
        yield (*row, False)
    wide = any(m.organisation_wide for m in register.security_measures)
    for i, act in enumerate(register.activities):
        inherited = act.inherited
        if inherited:
            for row in _activity_rows(register, i, act, wide):
                yield (*row, _point_of(row[3]) in inherited)
        else:
            for row in _activity_rows(register, i, act, wide):
                yield (*row, False)


def all_gaps(register: Register) -> list[Gap]:
    """Every point of the register with its status: organisation first, then each activity.

    An activity's points taken from ``defaults`` are marked ``inherited``: their status is the
    default's, counted once in the organisation's rows. Each gap is built once, with its marks.
    """
    stated = Status.STATED
    return [
        Gap(aid, point, status, field, note, status is stated and attested(value), inherited)
        for aid, point, status, field, note, value, inherited in _marked_rows(register)
    ]


def own(rows: list[Gap]) -> list[Gap]:
    """The rows that are not an activity's inherited copy of a default."""
    return [g for g in rows if not g.inherited]


def missing(register: Register) -> list[Gap]:
    """Only the points the source does not state, each once (a default's gap once, not per activity)."""
    # The rows of own(all_gaps(register)) that are not stated, built without the others (never attested).
    gap = Status.NOT_STATED
    return [
        Gap(aid, point, status, field, note)
        for aid, point, status, field, note, _value, inherited in _marked_rows(register)
        if status is gap and not inherited
    ]
