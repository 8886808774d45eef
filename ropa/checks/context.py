"""What every check needs: the register, where it lives, and lookups built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ropa.findings import Loc
from ropa.model import Register
from ropa.model.enums import RegisterKind
from ropa.model.markers import Fact
from ropa.model.registries import DataCategory, Recipient

#: A run of references: where the list of ids sits (where the one id sits when ``indexed`` is False), in two
#: parts (the holder's path, the rest: joined only for a finding), the registry they name, the ids, and whether
#: each id's place is the list's path and its index.
Refs = tuple[Loc, Loc, str, Sequence[str], bool]


@dataclass
class Context:
    """A validated register and the folder its relative paths start from."""

    register: Register
    base_dir: Path
    source_texts: dict[str, str | None] = field(default_factory=dict)
    references: list[Refs] | None = None  # every run of references, collected once (ropa.checks.references)
    named_ids: dict[str, set[str]] | None = None  # registry -> the ids named anywhere, collected once (the same)
    as_of: dt.date | None = None  # the date adequacy and reviews are judged on; None: the register's date

    @property
    def day(self) -> dt.date:
        """The date adequacy and reviews are judged on."""
        return self.as_of or self.register.info.date

    @property
    def the_source(self) -> str:
        """Who leaves a point open, as findings word it: "the source" of a policy encoding, or "the register"
        when it is the organisation's own record (``register.kind: internal``), where a gap is not recorded."""
        return "the register" if self.register.info.kind is RegisterKind.INTERNAL else "the source"

    @cached_property
    def inherited(self) -> tuple[frozenset[str], ...]:
        """The points each activity takes from ``defaults``, by activity index, read once."""
        return self.register.inherited

    @cached_property
    def recipients(self) -> dict[str, Recipient]:
        return {r.id: r for r in self.register.recipients}

    @cached_property
    def data_categories(self) -> dict[str, DataCategory]:
        return {c.id: c for c in self.register.data_categories}

    def recipient_country(self, recipient_id: str) -> str | None:
        """The stated country of a recipient, or None when unknown."""
        rec = self.recipients.get(recipient_id)
        if rec is not None and isinstance(rec.country, Fact):
            return str(rec.country.value)
        return None
