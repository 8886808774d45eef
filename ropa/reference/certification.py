"""When a US recipient's certification can matter: the Privacy Shield and Data Privacy Framework eras.

The eras come from the dated adequacy table (``data/adequacy.toml``): the Privacy Shield row
(Decision (EU) 2016/1250, 2016-08-01 until its invalidation by C-311/18 on 2020-07-16) and the
Data Privacy Framework row (Decision (EU) 2023/1795, from 2023-07-10).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ropa.model.markers import Fact
from ropa.model.registries import Recipient
from ropa.reference.adequacy import table


@dataclass(frozen=True, slots=True)
class Era:
    """A recipient field that records a certification, and the days the certification counted for a transfer."""

    field: str
    condition: str
    start: dt.date
    until: dt.date | None
    reference: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day < self.until)


#: Recipient field -> the condition of its adequacy rows in the table.
_FIELDS = {"privacy_shield_certified": "privacy-shield", "dpf_certified": "dpf-certified"}


@cache
def eras() -> tuple[Era, ...]:
    """The Privacy Shield era, then the Data Privacy Framework era."""
    out = []
    for field, condition in _FIELDS.items():
        rows = [d for d in table().decisions if d.destination == "US" and d.condition == condition]
        out.append(Era(field, condition, min(d.start for d in rows), rows[0].until, rows[0].reference))
    return tuple(out)


def era(field: str) -> Era:
    """The era of ``privacy_shield_certified`` or ``dpf_certified``."""
    return next(e for e in eras() if e.field == field)


def shown(field: str, day: dt.date, recipients: Iterable[Recipient]) -> bool:
    """Whether outputs give ``field`` a column or line: the register's date is in its era, or a recipient states it."""
    return era(field).covers(day) or any(isinstance(getattr(r, field), Fact) for r in recipients)
