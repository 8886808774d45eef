"""Art. 13(2)(e): one row per statement of an activity: the data it covers, whether providing them is a statutory or
contractual requirement (or voluntary), whether the data subject is obliged to, and what follows if they do not."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.model.activity import Activity
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, items

PROVISION_COLUMNS = (
    Column("xlsx.col.activity-id", min_width=10, max_width=22),
    Column("point.activity", min_width=14, max_width=28),
    Column("point.data-categories", ("30(1)(c)",), 16, 36),
    Column("xlsx.col.requirement", ("13(2)(e)",), 18, 36),
    Column("word.obliged", ("13(2)(e)",), 12, 20),
    Column("word.consequences", ("13(2)(e)",), 20, 50),
    Column("point.note", min_width=16, max_width=50),
)


def has_provision(look: Lookup) -> bool:
    """True when an activity records the optional Art. 13(2)(e) point: then the workbook has this sheet."""
    return any(a.provision_requirement is not None for a in look.register.activities)


def _rows_of(look: Lookup, act: Activity) -> Iterator[list[Cell]]:
    w = look.w
    ids: list[Cell] = [(act.id, Kind.TEXT), (act.name, Kind.TEXT)]
    value = act.provision_requirement
    if value is None:
        return
    if not isinstance(value, list):
        yield [*ids, w.not_stated, w.not_stated, w.not_stated, ("", Kind.TEXT), (value.note or "", Kind.TEXT)]
        return
    for st in value:
        categories = items([look.category(c) for c in st.data_categories]) if st.data_categories else w("word.all-categories")
        yield [
            *ids,
            (categories, Kind.TEXT),
            (w.enum(st.requirement), Kind.TEXT),
            (w.yes_no(st.obliged), Kind.TEXT),
            (st.consequences or "", Kind.TEXT),
            (st.note or "", Kind.TEXT),
        ]


def provision_sheet(look: Lookup) -> Sheet:
    """Art. 13(2)(e) per activity, for the activities that record it."""
    rows = (row for act in look.register.activities for row in _rows_of(look, act))
    return table("xlsx.sheet.provision", PROVISION_COLUMNS, rows, look.w, freeze="C2")


def provision_cell(look: Lookup, act: Activity) -> Cell | None:
    """The point in one cell, for the web page: per statement 'E-mail address: Contractual requirement', whether the data
    subject is obliged and the consequences, a blank line between statements; None when the activity leaves it out."""
    w, value = look.w, act.provision_requirement
    if value is None:
        return None
    if not isinstance(value, list):
        return w.marker(value)
    blocks = []
    for st in value:
        categories = ", ".join(look.category(c) for c in st.data_categories) if st.data_categories else w("word.all-categories")
        block = [w.colon(categories, w.enum(st.requirement)), w.colon(w("word.obliged"), w.yes_no(st.obliged))]
        if st.consequences:
            block.append(w.colon(w("word.consequences"), st.consequences))
        blocks.append("\n".join(block))
    return ("\n\n".join(blocks), Kind.TEXT)
