"""The dated table of adequacy decisions (Art. 45), kept as data in ``data/adequacy.toml``."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Decision:
    """One adequacy decision: where it applies, from when, until when, on what condition."""

    destination: str
    name: str
    scope: str
    start: dt.date
    until: dt.date | None
    reference: str
    condition: str | None

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day < self.until)


@dataclass(frozen=True, slots=True)
class AdequacyTable:
    """All decisions, and the day the table was last checked against the Commission's list."""

    valid_as_of: dt.date
    decisions: tuple[Decision, ...]

    def find(self, destination: str, day: dt.date) -> list[Decision]:
        """Decisions for a country code (or ``org:<slug>``) in force on ``day``."""
        return [d for d in self.decisions if d.destination == destination and d.in_force(day)]


@cache
def table() -> AdequacyTable:
    raw = tomllib.loads(resources.files("ropa.data").joinpath("adequacy.toml").read_text(encoding="utf-8"))
    decisions = tuple(
        Decision(
            destination=row["destination"],
            name=row["name"],
            scope=row["scope"],
            start=row["from"],
            until=row.get("until"),
            reference=row["reference"],
            condition=row.get("condition"),
        )
        for row in raw["decision"]
    )
    return AdequacyTable(valid_as_of=raw["valid_as_of"], decisions=decisions)
