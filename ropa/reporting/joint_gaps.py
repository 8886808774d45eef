"""The gaps of joint controllers' arrangements (Art. 26): for each joint controller the register names, the three parts
of the essence of its arrangement, or one gap when the arrangement is not recorded (``ropa.reporting.gaps`` lists
them after the joint-controllers point)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ropa.model.joint import Arrangement
from ropa.reporting.point_status import Point, Status, state_of

JOINT_ARRANGEMENT = Point("joint-arrangement", "Art. 26(1)-(2)")
JOINT_CONTACT = Point("joint-contact-point", "Art. 26(1)")
JOINT_DUTIES = Point("joint-responsibilities", "Art. 26(1)")
JOINT_ESSENCE = Point("joint-essence", "Art. 26(2)")

#: A gap before it is one, as ``ropa.reporting.gaps`` builds it: activity, point, status, field, note, value.
Row = tuple[str | None, Point, Status, str, str | None, Any]


def _row(point: Point, field: str, value: Any) -> Row:
    status, note = state_of(value)
    return (None, point, status, field, note, value)


def arrangement_rows(joint: object) -> Iterator[Row]:
    """Each stated joint controller's arrangement: its three parts, or one gap (noted with the party's name) when it is
    left out or marked not stated."""
    if not isinstance(joint, list):
        return
    for j, party in enumerate(joint):
        field = f"joint_controllers[{j}].arrangement"
        arrangement = party.arrangement
        if arrangement is None:
            yield (None, JOINT_ARRANGEMENT, Status.NOT_STATED, field, party.name, None)
        elif isinstance(arrangement, Arrangement):
            yield _row(JOINT_CONTACT, f"{field}.contact_point", arrangement.contact_point)
            yield _row(JOINT_DUTIES, f"{field}.responsibilities", arrangement.responsibilities)
            yield _row(JOINT_ESSENCE, f"{field}.essence_available", arrangement.essence_available)
        else:
            yield _row(JOINT_ARRANGEMENT, field, arrangement)
