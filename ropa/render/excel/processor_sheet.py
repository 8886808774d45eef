"""The processor's record (Art. 30(2)): one row per activity carried out on behalf of a controller."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.model.activity import Activity
from ropa.model.enums import Role
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.register_sheet import ID, NAME, NOTES, RegisterRows
from ropa.render.excel.words import Cell, Kind, items, lines

#: Art. 30(2): the record of a processor, one row per activity carried out for a controller.
PROCESSOR_COLUMNS = (
    ID,
    NAME,
    Column("point.controllers-served", ("30(2)(a)",), 20, 40),
    Column("xlsx.col.sub-processors", ("30(2)(a)", "28(2)"), 18, 40),
    Column("point.processing-categories", ("30(2)(b)",), 24, 50),
    Column("point.data-subjects", ("30(1)(c)",), 16, 32),
    Column("point.data-categories", ("30(1)(c)",), 18, 40),
    Column("point.transfers", ("30(2)(c)",), 16, 32),
    Column("point.transfer-mechanism", ("30(2)(c)", "44-49"), 18, 40),
    Column("point.security-measures", ("30(2)(d)", "32(1)"), 20, 45),
    Column("point.last-reviewed", ("template",), 12, 14),
    NOTES,
)


def _row(cells: RegisterRows, act: Activity) -> list[Cell]:
    look, w = cells.look, cells.w
    served: Cell = (
        ("\n\n".join(lines(look.party(p)) for p in act.controllers_served), Kind.TEXT) if act.controllers_served else w.not_stated
    )
    subs = cells.recipients(act)
    categories = [p.description for p in act.purposes]
    if act.description:
        categories.insert(0, act.description)
    where, grounds = cells.transfers(act)
    return [
        *cells.ids(act),
        served,
        subs,
        (items(categories), Kind.TEXT),
        cells.names(act.data_subjects, "subjects"),
        cells.names(act.data_categories, "categories"),
        where,
        grounds,
        cells.security(act),
        cells.reviewed(act),
        cells.notes(act),
    ]


def _rows(look: Lookup) -> Iterator[list[Cell]]:
    cells = RegisterRows(look)
    for act in look.register.activities:
        if act.role is Role.PROCESSOR:
            yield _row(cells, act)


def has_processor_activities(look: Lookup) -> bool:
    """True when any activity is carried out as a processor: then the workbook has this sheet."""
    return any(a.role is Role.PROCESSOR for a in look.register.activities)


def processor_sheet(look: Lookup) -> Sheet:
    """Art. 30(2): the controllers served, the categories of processing, transfers and security measures."""
    return table("xlsx.sheet.processor", PROCESSOR_COLUMNS, _rows(look), look.w, freeze="C2", wide=True)
