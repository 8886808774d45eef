"""The register's review status in words: the Word title page, the workbook's About sheet, `ropa diff`.

Judged on the register's own date: a rebuilt output is byte-identical whatever the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ropa.checks.review import ReviewStatus, register_status
from ropa.model import Register

Label = Callable[..., str]


def period_text(register: Register, t: Label) -> str:
    """'12 months', '1 month', in the output's language."""
    months = register_status(register).period_months
    return t("review.period-one-month") if months == 1 else t("review.period-months", months=months)


def status_text(register: Register, t: Label, day: Callable[[dt.date], str], last: dt.date | None = None) -> str:
    """Current, overdue or not recorded on the register's date, with the date the review falls or fell due.

    ``last`` is an activity's own last review; without it, the register's.
    """
    status = register_status(register)
    if last is not None:
        status = ReviewStatus(last, status.period_months, status.as_of)
    as_of = day(status.as_of)
    if status.due is None:
        return t("review.not-recorded", as_of=as_of)
    return t("review.stale" if status.stale else "review.current", as_of=as_of, due=day(status.due))
