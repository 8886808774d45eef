"""Gaps opened and closed: points the sources stated before and no longer do, and the reverse.

Read from :mod:`ropa.gaps`, so a gap here is a gap in ``ropa gaps`` and in every rendered
register. Compared per point of the organisation and of each activity present in both registers
(an added activity's open points show in its own entry and in the totals).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ropa.diff.display import Display
from ropa.diff.model import Action, Area, Change
from ropa.gaps import Gap, Status, all_gaps
from ropa.model import Register

Key = tuple[str, str]  # (activity key or "", point key)


def _statuses(reg: Register, activity_key: Mapping[str, str]) -> dict[Key, tuple[Status, Gap]]:
    out: dict[Key, tuple[Status, Gap]] = {}
    for gap in all_gaps(reg):
        key = (activity_key.get(gap.activity, gap.activity) if gap.activity else "", gap.point.key)
        held = out.get(key)
        if held is None or (gap.status is Status.NOT_STATED and held[0] is not Status.NOT_STATED):
            out[key] = (gap.status, gap)
    return out


def gap_changes(old: Register, new: Register, activity_key: Mapping[str, str], names: Mapping[str, str], d: Display) -> Iterator[Change]:
    """A change per point that became not stated (opened) or stated (closed)."""
    before = _statuses(old, activity_key)
    after = _statuses(new, {})
    old_id = {v: k for k, v in activity_key.items()}
    for key, (status, gap) in after.items():
        held = before.get(key)
        if held is None:
            continue
        was = held[0]
        opened = status is Status.NOT_STATED and was is not Status.NOT_STATED
        closed = was is Status.NOT_STATED and status is not Status.NOT_STATED
        if not (opened or closed):
            continue
        item = names.get(key[0], key[0]) if key[0] else d.t("word.organisation")
        yield Change(
            Area.GAP,
            item,
            Action.OPENED if opened else Action.CLOSED,
            point=f"point.{gap.point.key}",
            article=gap.point.article,
            old=(d.t(f"status.{was.value}"),),
            new=(d.t(f"status.{status.value}"),),
            old_id=old_id.get(key[0], key[0]),
            new_id=key[0],
        )
