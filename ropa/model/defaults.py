"""Organisation-wide statements: points that hold for every activity unless it states its own.

A register may hold a top-level ``defaults:`` block with any of the points in
:data:`INHERITABLE`. An activity that leaves such a point out inherits the default whole (a
point the activity states replaces the default; lists are never merged). The register model
resolves inheritance when it is validated, so every check and renderer sees each activity's
effective value; ``Activity.inherited`` says which points came from ``defaults``, and
:func:`origin` maps a document path inside an inherited point to the ``defaults:`` lines.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ropa.findings import Loc
from ropa.model.activity import AutomatedDecisions, Dpia, Location, RetentionRule, Transfer
from ropa.model.enums import DataSource
from ropa.model.markers import Entry, EntryOrNone, Id, Items, ItemsOrNone, Model, Point, PointOrNone, Text
from ropa.model.types import Date


class Defaults(Model):
    """Organisation-wide statements: each point here holds for every activity that does not state its own.

    Only points that can hold for the organisation as a whole are offered. Purposes, data
    subjects and data categories define an activity, the Art. 9 and Art. 10 conditions depend on
    its data categories, the DPIA screening facts (WP248) describe one processing, and the role
    decides which record (Art. 30(1) or 30(2)) the activity belongs to: those stay per activity.
    """

    business_function: Point[Text] | None = Field(default=None, description="The business function or owner of every activity.")
    data_source: Point[list[DataSource]] | None = Field(default=None, description="Where the data come from (Art. 13/14).")
    recipients: PointOrNone[list[Id]] | None = Field(default=None, description="Art. 30(1)(d): the recipients (ids) of every activity.")
    transfers: ItemsOrNone[Transfer] | None = Field(
        default=None, description="Art. 30(1)(e): transfers to third countries or international organisations of every activity."
    )
    retention: Items[RetentionRule] | None = Field(default=None, description="Art. 30(1)(f): time limits for erasure.")
    security_measures: Point[list[Id]] | None = Field(
        default=None, description="Art. 30(1)(g): security measures (ids) that every activity states."
    )
    automated_decisions: EntryOrNone[AutomatedDecisions] | None = Field(
        default=None,
        description=(
            "Art. 22: profiling and automated decisions of every activity. `none` rules out decisions based solely on automated"
            " processing only, and leaves profiling not stated; to rule out both, state `{profiling: false,"
            " automated_decision: false, description: ..., evidence: [...]}`."
        ),
    )
    dpia: Entry[Dpia] | None = Field(default=None, description="Art. 35: data protection impact assessment.")
    storage_location: Items[Location] | None = Field(default=None, description="Where the data are stored.")
    last_reviewed: Point[Date] | None = Field(default=None, description="When the activities were last reviewed.")


#: The points an activity may inherit, in the order of the activity's fields.
INHERITABLE: tuple[str, ...] = tuple(Defaults.model_fields)
#: Those an activity must state itself when ``defaults`` does not (``last_reviewed`` is optional).
REQUIRED: tuple[str, ...] = tuple(p for p in INHERITABLE if p != "last_reviewed")


def with_defaults(data: Any) -> tuple[Any, list[frozenset[str]]]:
    """The raw register with each activity's missing points taken from ``defaults``, and which were taken.

    The input is not changed (its containers are what the positions of findings refer to).
    """
    if not isinstance(data, dict):
        return data, []
    defaults, acts = data.get("defaults"), data.get("activities")
    if not isinstance(acts, list):
        return data, []
    if not isinstance(defaults, dict):
        return data, [frozenset()] * len(acts)
    resolved: list[Any] = []
    taken: list[frozenset[str]] = []
    for act in acts:
        points = frozenset(p for p in INHERITABLE if isinstance(act, dict) and p not in act and defaults.get(p) is not None)
        resolved.append({**act, **{p: defaults[p] for p in INHERITABLE if p in points}} if points else act)
        taken.append(points)
    return {**data, "activities": resolved}, taken


#: The keys ``ropa export`` adds to a register: the schema it follows (top level) and each activity's inherited points.
SCHEMA_KEY, INHERITED_KEY = "$schema", "inherited"


def read_exported(data: Any) -> Any:
    """The raw register without the keys ``ropa export`` adds, so that an export reads back as the register it came from.

    ``$schema`` (a string) is dropped. An activity's ``inherited`` (a list of points) is dropped, and so is each listed
    point whose value equals the one in ``defaults``, which :func:`with_defaults` then gives it again; a listed point
    whose value was edited stays the activity's own. Anything else is left for the model to report.
    """
    if not isinstance(data, dict):
        return data
    if isinstance(data.get(SCHEMA_KEY), str):
        data = {k: v for k, v in data.items() if k != SCHEMA_KEY}
    acts, defaults = data.get("activities"), data.get("defaults")
    if not isinstance(acts, list) or not any(isinstance(a, dict) and INHERITED_KEY in a for a in acts):
        return data
    wide = defaults if isinstance(defaults, dict) else {}
    out: list[Any] = []
    for act in acts:
        listed = act.get(INHERITED_KEY) if isinstance(act, dict) else None
        if isinstance(listed, list) and all(isinstance(p, str) and p in INHERITABLE for p in listed):
            out.append({k: v for k, v in act.items() if k != INHERITED_KEY and not (k in listed and k in wide and wide[k] == v)})
        else:
            out.append(act)
    return {**data, "activities": out}


def inherited_in(data: Any, loc: Loc) -> str | None:
    """The point of an activity that ``loc`` lies in when the raw register gives it through ``defaults``."""
    if len(loc) < 3 or loc[0] != "activities" or not isinstance(loc[1], int) or loc[2] not in INHERITABLE or not isinstance(data, dict):
        return None
    acts, defaults = data.get("activities"), data.get("defaults")
    if not isinstance(acts, list) or not 0 <= loc[1] < len(acts) or not isinstance(defaults, dict):
        return None
    act = acts[loc[1]]
    point = str(loc[2])
    return point if isinstance(act, dict) and point not in act and defaults.get(point) is not None else None


def origin(inherited: tuple[frozenset[str], ...], loc: Loc) -> Loc:
    """Where a path into an activity really sits: inside ``defaults`` when the point is inherited."""
    if (
        len(loc) >= 3
        and loc[0] == "activities"
        and isinstance(loc[1], int)
        and 0 <= loc[1] < len(inherited)
        and loc[2] in inherited[loc[1]]
    ):
        return ("defaults", *loc[2:])
    return loc


def missing_message(activity_id: object, point: str) -> str:
    """The error for a point stated neither by the activity nor in ``defaults``: both ways to fix it."""
    who = f"activity `{activity_id}`" if isinstance(activity_id, str) else "the activity"
    return (
        f"{who} states no `{point}` and `defaults` has none: state it in the activity, or once under `defaults` for every activity"
        " (write `{not_stated: true}` if the source does not say)"
    )
