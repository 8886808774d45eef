"""Organisation-wide statements that no activity inherits: every activity states its own."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.checks.context import Context
from ropa.findings import Issue, Severity
from ropa.model.defaults import INHERITABLE


def unused_defaults(ctx: Context) -> Iterable[Issue]:
    """``default-unused``: a point of ``defaults`` that every activity replaces with its own."""
    defaults = ctx.register.defaults
    if defaults is None:
        return
    taken = frozenset().union(*ctx.register.inherited)
    for point in INHERITABLE:
        if getattr(defaults, point) is not None and point not in taken:
            yield Issue(
                ("defaults", point),
                "default-unused",
                f"every activity states its own `{point}`, so `defaults.{point}` applies to none: remove it, or the activities' own",
                Severity.WARNING,
            )
