"""What a comparison produces: changes, the pairing of items, and the report that holds them.

A :class:`Change` is one difference a DPO would name: an activity added, a point of an activity
changed, a recipient's country no longer stated, a gap opened. Old and new values are the
display text of the value (:mod:`ropa.diff.display`), one item per line, so the same value reads
the same in the terminal, in JSON, in the workbook and in the Word redline.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class Area(enum.StrEnum):
    """Where in the register a change is, in the order a reviewer reads them (risk first)."""

    TRANSFER = "transfer"
    CONTROLLER = "controller"
    ORGANISATION = "organisation"
    ACTIVITY = "activity"
    RECIPIENT = "recipient"
    SECURITY = "security"
    DATA_CATEGORY = "data-category"
    SUBJECT_CATEGORY = "subject-category"
    COOKIE = "cookie"
    GAP = "gap"
    SOURCE = "source"


class Action(enum.StrEnum):
    """What happened to the item or point."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    OPENED = "opened"
    CLOSED = "closed"

    def mirror(self) -> Action:
        """The action seen from the other side: added <-> removed, opened <-> closed."""
        return _MIRROR.get(self, self)


_MIRROR = {Action.ADDED: Action.REMOVED, Action.REMOVED: Action.ADDED, Action.OPENED: Action.CLOSED, Action.CLOSED: Action.OPENED}


class Kind(enum.StrEnum):
    """Substantive changes alter what the register records; evidence changes only its support."""

    SUBSTANTIVE = "substantive"
    EVIDENCE = "evidence"


class Risk(enum.StrEnum):
    """High: a new third country, a changed transfer ground, new special data or profiling."""

    HIGH = "high"
    NORMAL = "normal"


Shown = tuple[str, ...]
"""A value as display text: one item per entry (a list of recipients gives one entry each)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the OLD and the NEW register."""

    area: Area
    item: str
    action: Action
    kind: Kind = Kind.SUBSTANTIVE
    point: str = ""
    article: str = ""
    old: Shown = ()
    new: Shown = ()
    old_id: str = ""
    new_id: str = ""
    risk: Risk = Risk.NORMAL

    @property
    def removed_items(self) -> Shown:
        """Items of the old value that the new one no longer has."""
        return _minus(self.old, self.new)

    @property
    def added_items(self) -> Shown:
        """Items of the new value that the old one did not have."""
        return _minus(self.new, self.old)


def _minus(a: Shown, b: Shown) -> Shown:
    left = list(b)
    out = []
    for item in a:
        if item in left:
            left.remove(item)
        else:
            out.append(item)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Pairing:
    """An item of OLD matched with one of NEW: by the same id, or by the same name when ids differ."""

    area: Area
    old_id: str
    new_id: str
    name: str
    by: str  # "id" or "name"


@dataclass(frozen=True, slots=True)
class Side:
    """Which register one side of the comparison is."""

    id: str
    date: dt.date
    controller: str
    title: str
    path: str = ""
    open_points: int = 0


@dataclass(frozen=True)
class Report:
    """Every change from OLD to NEW, risk first, with the pairings the comparison made."""

    old: Side
    new: Side
    lang: str
    changes: tuple[Change, ...] = ()
    pairings: tuple[Pairing, ...] = field(default_factory=tuple)
    #: The NEW register's kind (``policy`` or ``internal``): how a gap reads on both sides.
    kind: str = "policy"

    @property
    def equal(self) -> bool:
        return not self.changes

    def of_kind(self, kind: Kind) -> list[Change]:
        return [c for c in self.changes if c.kind is kind]

    def in_area(self, area: Area) -> list[Change]:
        return [c for c in self.changes if c.area is area]
