"""Gaps of the registries' entries, reported as the organisation's: a recipient whose kind is not stated
(Art. 30(1)(d)) and the points each cookie must state (``ropa.reporting.cookie_gaps``), each note naming the entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ropa.model import Register
from ropa.model.markers import NotStated
from ropa.reporting.cookie_gaps import cookie_values
from ropa.reporting.point_status import Point, Status, state_of

RECIPIENT_KIND = Point("recipient-kind", "Art. 30(1)(d)")

#: A row of the gap table: (activity id, point, status, field, note, value), as ``ropa.reporting.gaps`` builds them.
Row = tuple[str | None, Point, Status, str, str | None, Any]


def registry_rows(register: Register) -> Iterator[Row]:
    """A row for each recipient whose kind is not stated (a stated kind is no row), then each cookie's points."""
    for r, rec in enumerate(register.recipients):
        if isinstance(rec.kind, NotStated):
            named = f"{rec.name}: {rec.kind.note}" if rec.kind.note else rec.name
            yield (None, RECIPIENT_KIND, Status.NOT_STATED, f"recipients[{r}].kind", named, rec.kind)
    for key, article, field, note, value in cookie_values(register):
        yield (None, Point(key, article), state_of(value)[0], field, note, value)
