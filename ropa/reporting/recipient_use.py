"""Which activities involve a recipient, and how: the one answer every output gives.

An activity involves a recipient when it lists it under ``recipients`` (Art. 30(1)(d)), transfers data to it
(``transfers[].recipient``, Art. 30(1)(e)), keeps a retention rule for its copy (``retention[].held_by``,
Art. 30(1)(f)) or stores data with it (``storage_location[].recipient``). The activity's effective points are
read, so a point it takes from ``defaults`` involves the recipients it names for every activity that inherits it
and for no other. The Word register's Annex A, the workbook's Recipients sheet and the web page's Recipients
section and filter all ask here, so they name the same activities; where the recipient is not simply listed,
they say how it is involved (:func:`annotated`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

from ropa.model import Register
from ropa.model.activity import Activity
from ropa.model.markers import Fact

__all__ = ["Use", "annotated", "involved", "recipient_use"]


class Use(enum.Enum):
    """How an activity involves a recipient, in the order of the activity's points."""

    RECIPIENT = "recipient"
    TRANSFER = "transfer"
    RETENTION = "retention"
    STORAGE = "storage"

    @property
    def key(self) -> str:
        """The label of this way in the catalogue (``ropa/data/labels/recipient_use.toml``)."""
        return f"recipient-use.{self.value}"


def involved(act: Activity) -> dict[str, tuple[Use, ...]]:
    """The recipients an activity involves (ids, in the order its points name them) and how each is involved."""
    found: dict[str, list[Use]] = {}

    def add(rids: Iterable[str | None], use: Use) -> None:
        for rid in rids:
            if rid:
                ways = found.setdefault(rid, [])
                if use not in ways:
                    ways.append(use)

    if isinstance(act.recipients, Fact):
        add(act.recipients.value, Use.RECIPIENT)
    if isinstance(act.transfers, list):
        add((t.recipient for t in act.transfers), Use.TRANSFER)
    if isinstance(act.retention, list):
        add((rid for rule in act.retention for rid in rule.held_by), Use.RETENTION)
    if isinstance(act.storage_location, list):
        add((loc.recipient for loc in act.storage_location), Use.STORAGE)
    return {rid: tuple(ways) for rid, ways in found.items()}


def recipient_use(register: Register) -> dict[str, list[tuple[Activity, tuple[Use, ...]]]]:
    """Recipient id -> the activities that involve it, in register order, each with how (see :func:`involved`)."""
    users: dict[str, list[tuple[Activity, tuple[Use, ...]]]] = {}
    for act in register.activities:
        for rid, ways in involved(act).items():
            users.setdefault(rid, []).append((act, ways))
    return users


def annotated(text: str, ways: tuple[Use, ...], label: Callable[[str], str]) -> str:
    """``text`` as it stands when the activity lists the recipient; else with how it is involved: '3 (transfer, storage)'."""
    if Use.RECIPIENT in ways:
        return text
    return f"{text} ({', '.join(label(use.key) for use in ways)})"
