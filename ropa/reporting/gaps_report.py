"""``ropa gaps`` output: the completeness table as text for people and JSON for tools."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ropa.reporting.gaps import Gap, Status, all_gaps
from ropa.validate import Outcome

_MARK = {Status.STATED: "stated", Status.NONE: "none", Status.NOT_STATED: "NOT STATED", Status.NOT_APPLICABLE: "n/a"}


def _summary(rows: Sequence[Gap]) -> str:
    counts = Counter(g.status for g in rows)
    return ", ".join(f"{counts[s]} {_MARK[s].lower()}" for s in Status if counts[s])


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
                out.append(f"    {_MARK[gap.status]:<10} {gap.point.article:<26} {gap.point.key:<22} {gap.field}{note}")
        out.append("")
    return "\n".join(out).rstrip()


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
                        "note": g.note,
                    }
                    for g in rows
                ],
            }
        )
    return json.dumps({"registers": registers}, indent=2, ensure_ascii=False)
