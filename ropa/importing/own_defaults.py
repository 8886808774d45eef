"""The register's ``defaults:`` read back from a workbook ropa built.

ropa writes a point an activity inherits from ``defaults`` as 'Organisation-wide: <value>'
(ropa.render.excel.register_sheet.RegisterRows.wide). Read back, such a cell is read without its
prefix and remembered as inherited; a point every activity that inherited it shows alike goes to
``defaults`` once and out of those activities. Where the cells differ (a colleague edited one in
Excel), each activity keeps the value its cell shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from ropa.importing.cells import Cell
from ropa.model.defaults import INHERITABLE
from ropa.reference.labels import catalogue

#: Importer column key -> the inheritable point its cell shows (the transfers' safeguards belong to the transfers).
COLUMN_POINTS = {
    "business_function": "business_function",
    "recipients": "recipients",
    "transfers": "transfers",
    "mechanism": "transfers",
    "retention": "retention",
    "security": "security_measures",
    "automated": "automated_decisions",
    "data_source": "data_source",
    "location": "storage_location",
    "dpia": "dpia",
    "last_reviewed": "last_reviewed",
}


@cache
def _prefix() -> re.Pattern[str]:
    """'Organisation-wide: ' in any catalogue language; the colon as any language spaces it."""
    heads = sorted(set(catalogue()["docx.org-wide"].values()), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(h) for h in heads)})[ \t\xa0]*:[ \t\xa0]*")


def unwrap(got: dict[str, Cell | None]) -> frozenset[str]:
    """Read the row's 'Organisation-wide: ...' cells without their prefix (each still quoted whole), in place; the
    points they show."""
    points: set[str] = set()
    for key, point in COLUMN_POINTS.items():
        cell = got.get(key)
        if cell is None or (hit := _prefix().match(cell.text)) is None:
            continue
        got[key] = cell.part(cell.text[hit.end() :])
        if key != "mechanism":
            points.add(point)
    return frozenset(points)


def gather(activities: list[dict[str, Any]], inherited: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    """The ``defaults:`` of the activities (YAML mappings, changed in place: an inherited point leaves them)."""
    defaults: dict[str, Any] = {}
    for point in INHERITABLE:
        takers = [a for a in activities if point in inherited.get(a["id"], frozenset()) and point in a]
        if not takers:
            continue
        first = _unquoted(takers[0][point])
        if any(_unquoted(a[point]) != first for a in takers[1:]):
            continue
        defaults[point] = takers[0][point]
        for act in takers:
            del act[point]
    return defaults


def _unquoted(value: Any) -> Any:
    """A value without its evidence: each activity's cell is quoted with its own row."""
    if isinstance(value, dict):
        return {k: _unquoted(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_unquoted(v) for v in value]
    return value
