"""The words of a DPIA screening (Art. 35, WP248 rev.01): the nine criteria, how each stands, and the
judgements and national-list matches a screening is made of (see :mod:`ropa.reporting.dpia`)."""

from __future__ import annotations

import enum
from typing import NamedTuple

__all__ = ["Criterion", "Judgement", "ListMatch", "Result"]


class Criterion(enum.StrEnum):
    """The nine criteria of the WP248 rev.01 guidelines (endorsed by the EDPB on 25 May 2018), in their order."""

    EVALUATION = "evaluation-or-scoring"
    AUTOMATED_DECISION = "automated-decision"
    MONITORING = "systematic-monitoring"
    SENSITIVE = "sensitive-data"
    LARGE_SCALE = "large-scale"
    COMBINED = "combined-datasets"
    VULNERABLE = "vulnerable-subjects"
    INNOVATIVE = "innovative-technology"
    PREVENTS = "prevents-right-or-service"


class Result(enum.StrEnum):
    """How one criterion stands for one activity."""

    MET = "met"
    NOT_MET = "not-met"
    NOT_STATED = "not-stated"


class Judgement(NamedTuple):
    """One criterion for one activity: the result, why (the register's words), and the field it rests on.

    A named tuple: nine are made per activity, and a frozen dataclass takes four times as long to make.
    """

    criterion: Criterion
    result: Result
    evidence: str
    field: str
    shown: str = ""  # the register's own words behind the result (quote, note, names), for renderers in any language


class ListMatch(NamedTuple):
    """A national-list entry the register names for the activity; ``name`` is None when the list has no such entry."""

    entry: str
    name: str | None
    verified: bool
    evidence: str
