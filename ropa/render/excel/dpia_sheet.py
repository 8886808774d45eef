"""The DPIA screening sheet (Art. 35, WP248 rev.01): one row per activity and criterion, then its list entries and outcome."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind
from ropa.reporting.dpia import Result, Screening, screen_all

DPIA_COLUMNS = (
    Column("xlsx.col.number", min_width=6, max_width=8),
    Column("xlsx.col.activity-id", min_width=12, max_width=22),
    Column("point.activity", min_width=14, max_width=28),
    Column("dpia.criterion", min_width=24, max_width=50),
    Column("dpia.result", min_width=12, max_width=24),
    Column("dpia.why", min_width=30, max_width=70),
    Column("xlsx.col.yaml-path", min_width=20, max_width=45),
)


def _screening_rows(look: Lookup, s: Screening) -> Iterator[tuple[str, Cell, str, str]]:
    """(criterion, result, what the register states, YAML path) for one activity."""
    w = look.w
    for j in s.judgements:
        result = w.not_stated if j.result is Result.NOT_STATED else (w(f"dpia.result.{j.result.value}"), Kind.TEXT)
        yield w(f"dpia.criterion.{j.criterion.value}"), result, j.shown, j.field
    for m, match in enumerate(s.list_matches):
        name = (match.name or "?") + ("" if match.verified else f" ({w('dpia.unverified')})")
        field = f"activities[{s.index}].dpia_screening.national_list[{m}]"
        yield w("dpia.national-list"), (f"{match.entry} {name}", Kind.ALERT), match.evidence, field
    outcome = []
    if s.list_required and s.national_list is not None:
        outcome.append(w.t("dpia.list-required", authority=s.national_list.authority, date=s.national_list.date.isoformat()))
    if s.likely_required:
        outcome.append(w("dpia.likely-required"))
    if s.inconclusive:
        outcome.append(w("dpia.open"))
    summary = w.t("dpia.summary", met=len(s.met), unknown=len(s.not_stated))
    cell: Cell = ("\n".join(outcome), Kind.ALERT) if outcome else (summary, Kind.TEXT)
    yield w("dpia.heading"), cell, summary if outcome else "", f"activities[{s.index}].dpia"


def _rows(look: Lookup) -> Iterator[list[Cell]]:
    n = 0
    for s in screen_all(look.register):
        act = look.register.activities[s.index]
        for criterion, result, why, field in _screening_rows(look, s):
            n += 1
            yield [
                (str(n), Kind.NUMBER),
                (act.id, Kind.TEXT),
                (act.name, Kind.TEXT),
                (criterion, Kind.TEXT),
                result,
                (why, Kind.TEXT),
                (field, Kind.TEXT),
            ]


def dpia_sheet(look: Lookup) -> Sheet:
    """Each activity's nine criteria with the register's words for each, then national-list entries and the outcome."""
    return table("xlsx.sheet.dpia", DPIA_COLUMNS, _rows(look), look.w, freeze="B2")
