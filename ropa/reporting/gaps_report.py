"""``ropa gaps`` output: the completeness table as text for people and JSON for tools."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence

from ropa.findings import Loc
from ropa.model.enums import RegisterKind
from ropa.reporting.dpia import Result, Screening, screen_all
from ropa.reporting.gaps import Gap, Status, all_gaps, own
from ropa.validate import Outcome

_MARK = {Status.STATED: "stated", Status.NONE: "none", Status.NOT_STATED: "NOT STATED", Status.NOT_APPLICABLE: "n/a"}
#: In an internal register (the organisation's own record) a gap is not recorded rather than not stated in a source.
_INTERNAL_MARK = {**_MARK, Status.NOT_STATED: "NOT RECORDED"}


def _marks(kind: RegisterKind) -> dict[Status, str]:
    return _INTERNAL_MARK if kind is RegisterKind.INTERNAL else _MARK


def _summary(rows: Sequence[Gap], mark: dict[Status, str]) -> str:
    """'12 stated (3 attested), 2 none, 4 not stated': attested facts (no quote, a person's word) counted apart."""
    counts = Counter(g.status for g in rows)
    attested = sum(g.attested for g in rows)
    parts = []
    for s in Status:
        if counts[s]:
            extra = f" ({attested} attested)" if s is Status.STATED and attested else ""
            parts.append(f"{counts[s]} {mark[s].lower()}{extra}")
    return ", ".join(parts)


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
        every = all_gaps(register)
        rows = own(every)
        mark = _marks(register.info.kind)
        width = max(len(m) for m in mark.values())
        out.append(f"{outcome.display}: {register.controller.name.value} as of {register.info.date.isoformat()} ({_summary(rows, mark)})")
        blocks: dict[str | None, list[Gap]] = {}
        for gap in rows:
            blocks.setdefault(_DEFAULTS if gap.field.startswith("defaults.") else gap.activity, []).append(gap)
        inherited = Counter(g.activity for g in every if g.inherited)
        for activity, block in blocks.items():
            shown = block if show_all else [g for g in block if g.status is Status.NOT_STATED]
            title = "organisation" if activity is None else _DEFAULTS_TITLE if activity == _DEFAULTS else f"activity {activity}"
            taken = f"; {inherited[activity]} organisation-wide (defaults)" if inherited[activity] else ""
            out.append(f"  {title}: {_summary(block, mark)}{taken}")
            for gap in shown:
                note = f"  ({gap.note})" if gap.note else ""
                status = "attested" if gap.attested else mark[gap.status]
                line, column = where(outcome, gap)
                out.append(
                    f"{outcome.display}:{line}:{column}: {status:<{width}} {gap.point.article:<26} {gap.point.key:<22} {gap.field}{note}"
                )
        out.extend(_screening_text(screen_all(register), show_all=show_all, kind=register.info.kind))
        out.append("")
    return "\n".join(out).rstrip()


_DEFAULTS = "@defaults"  # not an activity id
_DEFAULTS_TITLE = "organisation-wide statements (defaults; every activity without its own)"

_RESULT = {Result.MET: "MET", Result.NOT_MET: "not met", Result.NOT_STATED: "NOT STATED"}


def _screening_text(screenings: Sequence[Screening], *, show_all: bool, kind: RegisterKind = RegisterKind.POLICY) -> list[str]:
    """The DPIA screening (Art. 35, WP248 rev.01): per activity the criteria met and those not judged."""
    gap = _marks(kind)[Status.NOT_STATED].lower()
    width = len(gap)
    out = [f"  DPIA screening (Art. 35, WP248 rev.01 criteria; {gap} = not judged):"]
    for s in screenings:
        verdict = ""
        if s.list_required:
            verdict = "  -> DPIA required (national list)"
        elif s.likely_required:
            verdict = "  -> DPIA likely required"
        elif s.inconclusive:
            verdict = "  -> not concluded: with the criteria not stated, two or more may be met"
        out.append(f"    activity {s.activity}: {len(s.met)} met, {len(s.not_stated)} {gap}; DPIA {s.dpia}{verdict}")
        for j in s.judgements:
            if show_all or j.result is not Result.NOT_MET:
                result = gap.upper() if j.result is Result.NOT_STATED else _RESULT[j.result]
                out.append(f"      {result:<{width}} {j.criterion.value:<26} {j.evidence}")
        for m in s.list_matches:
            name = m.name or "not on the list"
            out.append(f"      {'LISTED':<{width}} {m.entry:<26} {name}{'' if m.verified else ' (wording not verified)'}")
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
        every = all_gaps(register)
        rows = own(every)
        inherited = [
            {"activity": g.activity, "point": g.point.key, "field": g.field, "from": "defaults." + g.field.split(".", 1)[1]}
            for g in every
            if g.inherited
        ]
        registers.append(
            {
                "path": outcome.display,
                "register": register.info.id,
                "date": register.info.date.isoformat(),
                "kind": register.info.kind.value,
                "summary": {**{s.value: sum(g.status is s for g in rows) for s in Status}, "attested": sum(g.attested for g in rows)},
                "points": [
                    {
                        "activity": g.activity,
                        "point": g.point.key,
                        "article": g.point.article,
                        "status": g.status.value,
                        "attested": g.attested,
                        "field": g.field,
                        "line": where(outcome, g)[0],
                        "column": where(outcome, g)[1],
                        "note": g.note,
                    }
                    for g in rows
                ],
                "dpia_screening": [_screening_json(s) for s in screen_all(register)],
                **({"inherited": inherited} if register.defaults is not None else {}),
            }
        )
    return json.dumps({"registers": registers}, indent=2, ensure_ascii=False)
