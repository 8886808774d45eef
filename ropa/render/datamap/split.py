"""When one picture would not be readable: the map split by business function, else into groups of activities."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ropa.model.activity import Activity
from ropa.model.markers import Fact

#: The most activities one picture shows: at this size a part printed across an A4 page keeps 7-point text.
MAX_ACTIVITIES = 25


class SplitBy(enum.StrEnum):
    """How the map is cut into pictures."""

    NONE = "none"  # one picture
    FUNCTION = "function"  # by business function, whole functions packed into parts
    GROUPS = "groups"  # in register order, groups of about the same number of activities


@dataclass(frozen=True, slots=True)
class Part:
    """One picture of the map: its activities, and what they have in common (functions, or their positions)."""

    activities: tuple[Activity, ...]
    #: The business functions shown (None: an activity whose function is not stated), for SplitBy.FUNCTION.
    functions: tuple[str | None, ...] = ()
    #: 1-based positions in the register of the first and last activity, for SplitBy.GROUPS.
    first: int = 0
    last: int = 0


def _function(act: Activity) -> str | None:
    return act.business_function.value if isinstance(act.business_function, Fact) else None


def _by_function(activities: Sequence[Activity], limit: int) -> list[Part] | None:
    """Whole business functions packed in order of first appearance; None when one function alone exceeds ``limit``."""
    groups: dict[str | None, list[Activity]] = {}
    for act in activities:
        groups.setdefault(_function(act), []).append(act)
    if len(groups) < 2 or any(len(g) > limit for g in groups.values()):
        return None
    parts: list[Part] = []
    acts: list[Activity] = []
    names: list[str | None] = []
    for name, members in groups.items():
        if acts and len(acts) + len(members) > limit:
            parts.append(Part(tuple(acts), tuple(names)))
            acts, names = [], []
        acts += members
        names.append(name)
    parts.append(Part(tuple(acts), tuple(names)))
    return parts


def split(activities: Sequence[Activity], limit: int = MAX_ACTIVITIES) -> tuple[SplitBy, list[Part]]:
    """The parts of the map: one when the activities fit one picture, else by function, else in even groups."""
    if len(activities) <= limit:
        return SplitBy.NONE, [Part(tuple(activities), first=1, last=len(activities))]
    by_function = _by_function(activities, limit)
    if by_function is not None:
        return SplitBy.FUNCTION, by_function
    count = math.ceil(len(activities) / limit)
    size = math.ceil(len(activities) / count)
    parts = [
        Part(tuple(activities[start : start + size]), first=start + 1, last=min(start + size, len(activities)))
        for start in range(0, len(activities), size)
    ]
    return SplitBy.GROUPS, parts
