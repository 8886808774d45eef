"""The Security measures sheet of a workbook ropa built, read back where it says more than the Register sheet: each
measure's id, whether it is technical or organisational (Art. 32(1)), and whether it protects every activity
(the inverse of ropa.render.excel.org_sheets.security_sheet).

The Register sheet names an activity's own measures and points to the organisation-wide ones
('Organisation-wide measures (2): see the sheet Security measures'); that pointer is no measure of its own.
"""

from __future__ import annotations

import re
from functools import cache

from ropa.importing import own_sheets, ropa_labels
from ropa.importing.cells import Cells
from ropa.importing.grid import Sheet
from ropa.importing.registries import Registry
from ropa.model.enums import SecurityKind
from ropa.reference.labels import catalogue

#: The sheet's columns (ropa.render.excel.org_sheets.SECURITY_COLUMNS).
_HEADERS = ("xlsx.col.id", "xlsx.col.measure", "xlsx.col.measure-kind", "xlsx.col.applies-to")


@cache
def _pointer() -> re.Pattern[str]:
    """'Organisation-wide measures (2): see the sheet Security measures' in any catalogue language."""
    shapes = []
    for text in sorted(set(catalogue()["xlsx.word.organisation-measures"].values()), key=len, reverse=True):
        shape = re.escape(text).replace(r"\{n\}", r"\d+").replace(r"\{sheet\}", r".+")
        shapes.append(shape.replace("\xa0", "[ \xa0]"))
    return re.compile(rf"^(?:{'|'.join(shapes)})$", re.IGNORECASE)


def pointer(item: str) -> bool:
    """Whether a Register-sheet security item only points to the organisation-wide measures."""
    return _pointer().match(item.strip()) is not None


@cache
def _everywhere() -> frozenset[str]:
    return frozenset(text.casefold() for text in catalogue()["xlsx.word.all-activities"].values())


def seed(sheets: list[Sheet], language: str, measures: Registry) -> None:
    """Enter the sheet's measures in ``measures`` with their ids, kinds and scope, before the rows name them."""
    sheet = own_sheets.find(sheets, language, _HEADERS)
    if sheet is None:
        return
    cells = Cells(sheet)
    for row in range(2, len(sheet.rows) + 1):
        ident, described, kind = cells.get(row, 1), cells.get(row, 2), cells.get(row, 3)
        if ident is None or described is None:
            continue
        extra: dict[str, object] = {}
        if kind is not None and (kinds := ropa_labels.labelled((kind.text,), SecurityKind)):
            extra["kind"] = kinds[0].value
        if " ".join(sheet.text(row, 4).split()).casefold() in _everywhere():
            extra["organisation_wide"] = True
        measures.seed(ident.text, described.text, described, **extra)
