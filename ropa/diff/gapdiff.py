"""Gaps opened and closed: points the sources stated before and no longer do, and the reverse.

Read from :mod:`ropa.reporting.gaps`, so a gap here is a gap in ``ropa gaps`` and in every rendered
register. Compared per point of the organisation and of each activity present in both registers
(an added activity's open points show in its own entry and in the totals).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ropa.diff.display import Display
from ropa.diff.model import Action, Area, Change
from ropa.reporting.gaps import Gap, Status

#: The scope of the organisation-wide statements' rows: not an activity id.
DEFAULTS = "@defaults"

Key = tuple[str, str]  # (activity key or "", point key)


def _statuses(rows: Sequence[Gap], activity_key: Mapping[str, str]) -> dict[Key, tuple[Status, Gap]]:
    out: dict[Key, tuple[Status, Gap]] = {}
    for gap in rows:
        if gap.inherited:  # an activity's copy of a default: the default's own row holds its status, once
            continue
        scope = DEFAULTS if gap.field.startswith("defaults.") else ""
        key = (activity_key.get(gap.activity, gap.activity) if gap.activity else scope, gap.point.key)
        held = out.get(key)
        if held is None or (gap.status is Status.NOT_STATED and held[0] is not Status.NOT_STATED):
            out[key] = (gap.status, gap)
    return out


def gap_changes(
    old: Sequence[Gap], new: Sequence[Gap], activity_key: Mapping[str, str], names: Mapping[str, str], d: Display
) -> Iterator[Change]:
    """A change per point that became not stated (opened) or stated (closed), from the two
    registers' :func:`~ropa.reporting.gaps.all_gaps` (computed once by the caller).

    Only the organisation and activities kept in both registers are compared. A point that
    exists on one side only (the mechanism of a transfer that came or went) counts as no gap
    on the other side.
    """
    before = _statuses(old, activity_key)
    after = _statuses(new, {})
    kept = {"", DEFAULTS} | set(activity_key.values())
    old_id = {v: k for k, v in activity_key.items()}
    keys = [k for k in after if k[0] in kept] + [k for k in before if k[0] in kept and k not in after]
    for key in keys:
        was, gap = before.get(key, (None, None))
        now, new_gap = after.get(key, (None, None))
        opened = now is Status.NOT_STATED and was is not Status.NOT_STATED
        closed = was is Status.NOT_STATED and now is not Status.NOT_STATED
        held = new_gap or gap
        if not (opened or closed) or held is None:
            continue
        point = held.point
        item = d.t("diff.defaults") if key[0] == DEFAULTS else names.get(key[0], key[0]) if key[0] else d.t("word.organisation")
        yield Change(
            Area.GAP,
            item,
            Action.OPENED if opened else Action.CLOSED,
            point=f"point.{point.key}",
            article=point.article,
            old=(d.t(f"status.{was.value}"),) if was else (),
            new=(d.t(f"status.{now.value}"),) if now else (),
            old_id="defaults" if key[0] == DEFAULTS else old_id.get(key[0], key[0]),
            new_id="defaults" if key[0] == DEFAULTS else key[0],
        )
