"""Reviews that go stale: the register's and each activity's ``last_reviewed`` against a period.

Art. 24(1) GDPR: the controller's measures "shall be reviewed and updated where necessary"; the
record of processing activities is one of them. The period is the organisation's own (its
register's ``review_period_months``, default 12 months) and is judged on a date: the register's
own date unless ``ropa validate --as-of`` names another.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model import Register
from ropa.model.markers import Fact, NotStated

DEFAULT_PERIOD_MONTHS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, or the month's last day where it has none (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReviewStatus:
    """The last review (None: not recorded), the period, and the date the status is judged on."""

    last: dt.date | None
    period_months: int
    as_of: dt.date

    @property
    def due(self) -> dt.date | None:
        """The last day on which the review is still within its period."""
        return add_months(self.last, self.period_months) if self.last is not None else None

    @property
    def stale(self) -> bool:
        """Older than the period on ``as_of``: a review exactly one period old is still current."""
        return self.due is not None and self.as_of > self.due


def period_of(register: Register) -> int:
    """The register's review period in months, or the default."""
    months = register.info.review_period_months
    return months if months is not None else DEFAULT_PERIOD_MONTHS


def register_status(register: Register, as_of: dt.date | None = None) -> ReviewStatus:
    """The review status of the register as a whole, on ``as_of`` (default: the register's date)."""
    point = register.info.last_reviewed
    last = point.value if isinstance(point, Fact) else None
    return ReviewStatus(last, period_of(register), as_of or register.info.date)


def reviews(ctx: Context) -> Iterable[Issue]:
    """``review-not-recorded`` and ``review-stale`` for the register and each activity that records its own review."""
    reg, day = ctx.register, ctx.day
    months = period_of(reg)
    yield from _judge(("register", "last_reviewed"), "the register", reg.info.last_reviewed, months, day)
    inherited = False
    for a, act in enumerate(reg.activities):
        if act.last_reviewed is None:  # absent: the activity is reviewed with the register
            continue
        if "last_reviewed" in act.inherited:  # one organisation-wide date: judged once, at `defaults`
            if not inherited:
                yield from _judge(("defaults", "last_reviewed"), "the organisation-wide `defaults`", act.last_reviewed, months, day)
            inherited = True
            continue
        yield from _judge(("activities", a, "last_reviewed"), f"activity `{act.id}`", act.last_reviewed, months, day)


def _judge(loc: Loc, what: str, point: Fact[dt.date] | NotStated, months: int, day: dt.date) -> Iterable[Issue]:
    if not isinstance(point, Fact):
        yield Issue(
            loc,
            "review-not-recorded",
            f"{what} records no date of its last review: state `last_reviewed` (a review is due every {months} months, Art. 24(1))",
            Severity.WARNING,
        )
        return
    status = ReviewStatus(point.value, months, day)
    if status.stale:
        yield Issue(
            (*loc, "value"),
            "review-stale",
            f"{what} was last reviewed on {point.value.isoformat()}, more than {months} months before {day.isoformat()}"
            f" (the review was due by {status.due}, Art. 24(1))",
            Severity.WARNING,
        )
