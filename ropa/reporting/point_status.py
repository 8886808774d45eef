"""How a point of the register stands (stated, none, not stated, not applicable), and its note.

The gap table asks this of every point of every activity, so the answer for each class of value
is worked out once (by the ``isinstance`` checks, in their order) and then looked up by class.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ropa.model.markers import NoneStated, NotApplicable, NotStated


@dataclass(frozen=True, slots=True)
class Point:
    """A point of the record: its label key in the catalogue and the article it comes from."""

    key: str
    article: str


class Status(enum.StrEnum):
    """How a point of the register stands."""

    STATED = "stated"
    NONE = "none"
    NOT_STATED = "not-stated"
    NOT_APPLICABLE = "not-applicable"


#: For each class of point value met so far: its status, and whether its note is ``reason`` (not applicable).
_STATES: dict[type, tuple[Status, bool]] = {}


def _class_state(cls: type) -> tuple[Status, bool]:
    """The status of a value of a class (cached)."""
    if cls not in _STATES:
        if cls is type(None) or issubclass(cls, NotStated):
            status = Status.NOT_STATED
        elif issubclass(cls, NoneStated):
            status = Status.NONE
        elif issubclass(cls, NotApplicable):
            status = Status.NOT_APPLICABLE
        else:
            status = Status.STATED
        _STATES[cls] = (status, issubclass(cls, NotApplicable))
    return _STATES[cls]


def status_of(value: object) -> Status:
    """The status of a point value as the register holds it."""
    return _class_state(type(value))[0]


def state_of(value: object) -> tuple[Status, str | None]:
    """The status of a point value and its note: a not-applicable's reason, else the value's ``note``, if any."""
    cls = type(value)
    try:
        status, reason = _STATES[cls]
    except KeyError:
        status, reason = _class_state(cls)
    if reason:
        return status, value.reason  # type: ignore[attr-defined]
    if value is None or cls is list:
        return status, None
    note = getattr(value, "note", None)
    return status, str(note) if note else None
