"""``ropa diff --xlsx``: a workbook with one row per change, to filter, sort and annotate.

Sheet 1 lists the changes (area, item, Art. 30 point, article, what happened, old and new value,
substantive or evidence, risk) with a styled, frozen header and an autofilter; sheet 2 names the
two registers; sheet 3 shows how items were paired. Rebuilding gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ropa import __version__
from ropa.cells import MAX_CELL_UNITS, cut_utf16, utf16_units
from ropa.diff.model import Change, Report, Side
from ropa.diff.package import reproducible
from ropa.labels import label

_CELL_LIMIT = MAX_CELL_UNITS  # UTF-16 code units: an emoji takes two
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_HIGH_FILL = PatternFill("solid", fgColor="FCE4D6")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CHANGE_WIDTHS = (22, 34, 20, 30, 22, 14, 60, 60, 14, 9)


def _text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if utf16_units(value) <= _CELL_LIMIT else cut_utf16(value, _CELL_LIMIT - 1) + "…"


def _sheet(ws: Any, header: Sequence[str], rows: Sequence[Sequence[str | int]], widths: Sequence[int]) -> None:
    ws.append(list(header))
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    for row in rows:
        ws.append([_text(v) if isinstance(v, str) else v for v in row])
        for cell in ws[ws.max_row]:
            cell.alignment = _WRAP
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the register text starts with
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(ws.max_row, 1)}"


def _change_row(c: Change, t: Any) -> list[str]:
    return [
        t(f"diff.area.{c.area.value}"),
        c.item,
        c.new_id if c.new_id == c.old_id or not c.old_id else (f"{c.old_id} → {c.new_id}" if c.new_id else c.old_id),
        t(c.point) if c.point else "",
        c.article,
        t(f"diff.action.{c.action.value}"),
        "\n".join(c.old),
        "\n".join(c.new),
        t(f"diff.kind.{c.kind.value}"),
        t(f"diff.risk.{c.risk.value}"),
    ]


def _side_row(name: str, side: Side) -> list[str | int]:
    return [name, side.id, side.date.isoformat(), side.controller, side.title, side.path, side.open_points]


def render_xlsx(report: Report) -> bytes:
    """The change workbook as .xlsx bytes, dated the NEW register's date."""
    lang = report.lang

    def t(key: str) -> str:
        return label(key, lang)

    wb = Workbook()
    changes = wb.active
    changes.title = t("diff.sheet.changes")
    cols = ("area", "item", "id", "point", "article", "change", "old", "new", "kind", "risk")
    _sheet(changes, [t(f"diff.col.{c}") for c in cols], [_change_row(c, t) for c in report.changes], _CHANGE_WIDTHS)
    for row, change in enumerate(report.changes, start=2):
        if change.risk.value == "high":
            for cell in changes[row]:
                cell.fill = _HIGH_FILL
    sides = wb.create_sheet(t("diff.sheet.registers"))
    header = [t(f"diff.col.{c}") for c in ("side", "register", "date", "controller")] + [
        t("diff.point.title"),
        t("diff.col.file"),
        t("diff.col.open-points"),
    ]
    _sheet(sides, header, [_side_row(t("diff.old"), report.old), _side_row(t("diff.new"), report.new)], (10, 22, 12, 30, 50, 40, 12))
    pairs = wb.create_sheet(t("diff.sheet.pairings"))
    rows = [[t(f"diff.area.{p.area.value}"), p.old_id, p.new_id, p.name, t(f"diff.by.{p.by}")] for p in report.pairings]
    _sheet(
        pairs,
        [t("diff.col.area"), t("diff.col.old-id"), t("diff.col.new-id"), t("diff.col.name"), t("diff.col.matched-by")],
        rows,
        (26, 28, 28, 50, 24),
    )
    props = wb.properties
    props.creator = props.lastModifiedBy = f"ropa {__version__}"
    props.title = f"{t('diff.title')}: {report.old.id} → {report.new.id}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return reproducible(buffer.getvalue(), report.new.date)
