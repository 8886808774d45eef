"""Art. 35: DPIA screening findings: WP248 rev.01 criteria met without a DPIA, and national-list entries."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.checks.context import Context
from ropa.findings import Issue, Severity
from ropa.reporting.dpia import Screening, lookups_of, may_conclude, screen


def _criteria(screening: Screening) -> str:
    met = "; ".join(f"{j.criterion.value} ({j.evidence})" for j in screening.met)
    unknown = ", ".join(j.criterion.value for j in screening.not_stated)
    return met + (f"; not judged, not stated: {unknown}" if unknown else "")


def _dpia(screening: Screening, inherited: bool = False) -> str:
    if inherited:
        return _dpia(screening) + " (the organisation-wide status in `defaults`)"
    if screening.dpia == "not-stated":
        return "no DPIA is recorded"
    if screening.dpia_reasoned:  # reasons lift the criteria's presumption, not a national list's requirement
        return f"the DPIA is recorded as `{screening.dpia}` with reasons, but the list requires one"
    return f"the DPIA is recorded as `{screening.dpia}` without the reasons (`dpia.note`)"


def screening(ctx: Context) -> Iterable[Issue]:
    """``dpia-likely-required`` (two or more criteria), ``dpia-required-by-list``, and list entries that do not exist."""
    inherited = ctx.inherited
    register = ctx.register
    shared = lookups_of(register)
    for index in range(len(register.activities)):
        if not may_conclude(register, index, shared):  # most activities: nothing to say, told without a full screening
            continue
        s = screen(register, index, shared)
        # An organisation-wide DPIA status is judged per activity, so the finding sits at the activity.
        own = "dpia" not in inherited[s.index]
        loc = ("activities", s.index, "dpia") if own else ("activities", s.index, "id")
        if s.likely_required:
            yield Issue(
                loc,
                "dpia-likely-required",
                f"{len(s.met)} of the nine WP248 criteria are met and {_dpia(s, not own)}: {_criteria(s)}",
                Severity.WARNING,
            )
        for n, match in enumerate(s.list_matches):
            if match.name is None:
                known = f"the {s.national_list.authority} list" if s.national_list else "any list: the controller's country has none here"
                where = ("activities", s.index, "dpia_screening", "national_list", n, "entry")
                yield Issue(where, "dpia-list-entry-unknown", f"`{match.entry}` is not an entry of {known}")
        if s.list_required and s.national_list is not None:
            names = "; ".join(f"{m.entry} {m.name}" for m in s.list_matches if m.name is not None)
            yield Issue(
                loc,
                "dpia-required-by-list",
                f"the activity is on the {s.national_list.authority} list of {s.national_list.date.isoformat()} ({names}) and {_dpia(s, not own)}",
                Severity.WARNING,
            )
