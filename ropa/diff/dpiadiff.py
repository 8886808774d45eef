"""DPIA screening changes (Art. 35, WP248 rev.01): a criterion newly met, or a national-list entry newly named, is high risk.

Read from :mod:`ropa.reporting.dpia`, so a criterion met here is met in ``ropa gaps`` and in every
rendered register. An activity added with a criterion met counts as newly meeting it; a criterion
no longer met is a normal change. A criterion that goes from met to not stated is reported too:
not stated is never taken as not met.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ropa.diff.display import Display
from ropa.diff.model import Action, Area, Change, Risk
from ropa.model import Register
from ropa.reporting.dpia import Criterion, Judgement, ListMatch, Result, Screening, screen_all

ARTICLE = "Art. 35, WP248 rev.01"


def _shown(d: Display, j: Judgement) -> tuple[str, ...]:
    text = d.t(f"dpia.result.{j.result.value}")
    return (f"{text} — {j.shown}" if j.shown and j.result is Result.MET else text,)


def _entry(m: ListMatch) -> str:
    return f"{m.entry} {m.name or '?'}"


def _gone(old: Register, s: Screening, d: Display) -> Iterator[Change]:
    """An activity removed: the criteria it met and the entries it named go with it (the mirror of an added one)."""
    name = old.activities[s.index].name
    for j in s.met:
        yield Change(
            Area.ACTIVITY,
            name,
            Action.REMOVED,
            point=f"dpia.criterion.{j.criterion.value}",
            article=ARTICLE,
            old=_shown(d, j),
            old_id=s.activity,
        )
    for m in s.list_matches:
        yield Change(
            Area.ACTIVITY, name, Action.REMOVED, point="dpia.national-list", article="Art. 35(4)", old=(_entry(m),), old_id=s.activity
        )


def screening_changes(old: Register, new: Register, activity_key: Mapping[str, str], d: Display) -> Iterator[Change]:
    """One change per criterion whose result moved to or from met, and per national-list entry named or dropped."""
    old_screenings = screen_all(old)
    before = {activity_key[s.activity]: s for s in old_screenings if s.activity in activity_key}
    old_id = {v: k for k, v in activity_key.items()}
    for s in screen_all(new):
        name = new.activities[s.index].name
        prev = before.get(s.activity)
        action = Action.CHANGED if prev else Action.ADDED
        was: dict[Criterion, Judgement] = {j.criterion: j for j in prev.judgements} if prev else {}
        for j in s.judgements:
            held = was.get(j.criterion)
            now_met = j.result is Result.MET
            was_met = held is not None and held.result is Result.MET
            if now_met == was_met:
                continue
            yield Change(
                Area.ACTIVITY,
                name,
                action,
                point=f"dpia.criterion.{j.criterion.value}",
                article=ARTICLE,
                old=_shown(d, held) if held else (),
                new=_shown(d, j),
                old_id=old_id.get(s.activity, ""),
                new_id=s.activity,
                risk=Risk.HIGH if now_met else Risk.NORMAL,
            )
        entries_before = {_entry(m) for m in prev.list_matches} if prev else set()
        entries_now = {_entry(m) for m in s.list_matches}
        for entry in sorted(entries_now - entries_before):
            yield Change(
                Area.ACTIVITY,
                name,
                action,
                point="dpia.national-list",
                article="Art. 35(4)",
                new=(entry,),
                old_id=old_id.get(s.activity, ""),
                new_id=s.activity,
                risk=Risk.HIGH,
            )
        for entry in sorted(entries_before - entries_now):
            yield Change(
                Area.ACTIVITY,
                name,
                Action.CHANGED,
                point="dpia.national-list",
                article="Art. 35(4)",
                old=(entry,),
                old_id=old_id.get(s.activity, ""),
                new_id=s.activity,
            )
    for s in old_screenings:
        if s.activity not in activity_key:
            yield from _gone(old, s, d)
