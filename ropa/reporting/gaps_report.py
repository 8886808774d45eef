"""``ropa gaps`` output: the completeness table as text for people and JSON for tools."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence

from ropa.findings import Loc
from ropa.reporting.dpia import Result, Screening, screen_all
from ropa.reporting.gaps import Gap, Status, all_gaps
from ropa.validate import Outcome

_MARK = {Status.STATED: "stated", Status.NONE: "none", Status.NOT_STATED: "NOT STATED", Status.NOT_APPLICABLE: "n/a"}


def _summary(rows: Sequence[Gap]) -> str:
    counts = Counter(g.status for g in rows)
    return ", ".join(f"{counts[s]} {_MARK[s].lower()}" for s in Status if counts[s])


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def _loc(dotted: str) -> Loc:
    """The document path of a dotted field (``activities[0].retention``), as ``ropa.findings.dotted`` writes it."""
    return tuple(int(index) if index else key for index, key in _PART.findall(dotted))


def where(outcome: Outcome, gap: Gap) -> tuple[int, int]:
    """The line and column of a gap's point in the register file, as validate reports them (1, 1 when unknown)."""
    if outcome.positions is None:
        return 1, 1
    line, column, _found = outcome.positions.locate(_loc(gap.field))
    return line, column


def gaps_text(outcomes: Sequence[Outcome], *, show_all: bool = False) -> str:
    out: list[str] = []
    for outcome in outcomes:
        register = outcome.register
        assert register is not None
        rows = all_gaps(register)
        out.append(f"{outcome.display}: {register.controller.name.value} as of {register.info.date.isoformat()} ({_summary(rows)})")
        blocks: dict[str | None, list[Gap]] = {}
        for gap in rows:
            blocks.setdefault(gap.activity, []).append(gap)
        for activity, block in blocks.items():
            shown = block if show_all else [g for g in block if g.status is Status.NOT_STATED]
            title = "organisation" if activity is None else f"activity {activity}"
            out.append(f"  {title}: {_summary(block)}")
            for gap in shown:
                note = f"  ({gap.note})" if gap.note else ""
                line, column = where(outcome, gap)
                out.append(
                    f"{outcome.display}:{line}:{column}: {_MARK[gap.status]:<10} {gap.point.article:<26} {gap.point.key:<22} {gap.field}{note}"
                )
        out.extend(_screening_text(screen_all(register), show_all=show_all))
        out.append("")
    return "\n".join(out).rstrip()


_RESULT = {Result.MET: "MET", Result.NOT_MET: "not met", Result.NOT_STATED: "NOT STATED"}


def _screening_text(screenings: Sequence[Screening], *, show_all: bool) -> list[str]:
    """The DPIA screening (Art. 35, WP248 rev.01): per activity the criteria met and those not judged."""
    out = ["  DPIA screening (Art. 35, WP248 rev.01 criteria; not stated = not judged):"]
    for s in screenings:
        verdict = ""
        if s.list_required:
            verdict = "  -> DPIA required (national list)"
        elif s.likely_required:
            verdict = "  -> DPIA likely required"
        elif s.inconclusive:
            verdict = "  -> not concluded: with the criteria not stated, two or more may be met"
        out.append(f"    activity {s.activity}: {len(s.met)} met, {len(s.not_stated)} not stated; DPIA {s.dpia}{verdict}")
        for j in s.judgements:
            if show_all or j.result is not Result.NOT_MET:
                out.append(f"      {_RESULT[j.result]:<10} {j.criterion.value:<26} {j.evidence}")
        for m in s.list_matches:
            name = m.name or "not on the list"
            out.append(f"      {'LISTED':<10} {m.entry:<26} {name}{'' if m.verified else ' (wording not verified)'}")
    return out


def _screening_json(s: Screening) -> dict[str, object]:
    return {
        "activity": s.activity,
        "dpia": s.dpia,
        "likely_required": s.likely_required,
        "required_by_list": s.list_required,
        "criteria": [
            {"criterion": j.criterion.value, "result": j.result.value, "evidence": j.evidence, "field": j.field} for j in s.judgements
        ],
        "national_list": [{"entry": m.entry, "name": m.name, "verified": m.verified, "evidence": m.evidence} for m in s.list_matches],
    }


def gaps_json(outcomes: Sequence[Outcome]) -> str:
    registers = []
    for outcome in outcomes:
        register = outcome.register
        assert register is not None
        rows = all_gaps(register)
        registers.append(
            {
                "path": outcome.display,
                "register": register.info.id,
                "date": register.info.date.isoformat(),
                "summary": {s.value: sum(g.status is s for g in rows) for s in Status},
                "points": [
                    {
                        "activity": g.activity,
                        "point": g.point.key,
                        "article": g.point.article,
                        "status": g.status.value,
                        "field": g.field,
                        "line": where(outcome, g)[0],
                        "column": where(outcome, g)[1],
                        "note": g.note,
                    }
                    for g in rows
                ],
                "dpia_screening": [_screening_json(s) for s in screen_all(register)],
            }
        )
    return json.dumps({"registers": registers}, indent=2, ensure_ascii=False)
