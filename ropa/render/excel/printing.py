"""How a sheet prints: paper, scale, print titles and footer, chosen so that no text prints under 7 points.

A sheet whose columns fit the page width at 7 points or more is fitted to the width (pages run down).
A wider one, such as the Register sheet with the ICO's 25 columns, prints at the largest scale that
needs the fewest pages across, never under 7 points, pages across then down, with the columns left of
its frozen pane (the activity id and name) and the header row repeated on each page
(``_xlnm.Print_Titles``). Widths are planned as LibreOffice prints them; Excel's columns are narrower,
so a page planned here never overflows there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from ropa.render.excel.layout import Sheet

#: Paper size codes of SpreadsheetML (ECMA-376 18.3.1.63), and the paper's long and short sides in points.
PAPER_A3, PAPER_A4 = 8, 9
PAPER_SIZE = {PAPER_A3: (1190.55, 841.89), PAPER_A4: (841.89, 595.28)}
#: The cells' font size, and the smallest size a printed page may show: a sheet is fitted to the page
#: width only when that scales its text to at least this (11 pt x 64 % = 7 pt).
FONT_SIZE = 11
LEGIBLE = 7.0
FOOTER_SIZE = 8
#: LibreOffice fits a sheet to the width at a whole percentage, and its columns come out a little wider than
#: planned: a sheet is fitted only when its planned scale keeps this margin above the legible one (a Gaps sheet
#: planned at 63.9 % printed at 6.89 points).
FIT_MARGIN = 0.01
#: A sheet too wide to fit prints several pages across, its title columns on each, at the largest scale in
#: this range (percent) that needs the fewest pages across.
ACROSS_SCALES = range(80, math.ceil(100 * LEGIBLE / FONT_SIZE) - 1, -1)
#: Points per unit of column width as LibreOffice prints it (Excel's are 5 % narrower), and the share of
#: the printable width planned for, against rounding in either program.
POINTS_PER_WIDTH = 5.55
USABLE = 0.98
#: Left and right page margins, inches.
SIDE_MARGIN = 0.4


def printable_width(paper: int, *, portrait: bool = False) -> float:
    """Points across the page inside the side margins, less a little for rounding."""
    long, short = PAPER_SIZE[paper]
    return ((short if portrait else long) - 2 * 72 * SIDE_MARGIN) * USABLE


def fit_scale(widths: Sequence[float], printable: float) -> float:
    """The scale that fits columns of ``widths`` into ``printable`` points (above 1 when they fit unscaled)."""
    return printable / (sum(widths) * POINTS_PER_WIDTH)


def pages_across(widths: Sequence[float], titles: int, printable: float, scale: float) -> int:
    """How many pages across the columns take at ``scale``, the first ``titles`` columns repeated on each."""
    head = sum(widths[:titles]) * POINTS_PER_WIDTH * scale
    pages, used = 1, head
    for width in widths[titles:]:
        size = width * POINTS_PER_WIDTH * scale
        if used + size > printable and used > head:
            pages, used = pages + 1, head
        used += size
    return pages


def across_scale(widths: Sequence[float], titles: int, printable: float) -> int:
    """The largest scale (percent) among ``ACROSS_SCALES`` that prints the columns on the fewest pages across."""
    best = {scale: pages_across(widths, titles, printable, scale / 100) for scale in ACROSS_SCALES}
    fewest = min(best.values())
    return next(scale for scale in ACROSS_SCALES if best[scale] == fewest)


def title_columns(freeze: str) -> int:
    """How many columns are left of the frozen pane ('C2' -> 2: the activity id and name)."""
    letters = freeze.rstrip("0123456789")
    return column_index_from_string(letters) - 1 if letters else 0


def page_setup(ws: Any, sheet: Sheet, widths: Sequence[float], nrows: int, footer: tuple[str, str]) -> None:
    """Filter, paper, scale, print titles, margins and footer of ``ws`` holding ``nrows`` rows of columns ``widths``; ``footer`` is its left and right text."""
    last = f"{get_column_letter(len(widths))}{max(nrows, 1)}"
    if not sheet.form:
        ws.auto_filter.ref = f"A1:{last}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "portrait" if sheet.form else "landscape"
    ws.page_setup.paperSize = PAPER_A3 if sheet.wide else PAPER_A4
    printable = printable_width(ws.page_setup.paperSize, portrait=sheet.form)
    scale = min(1.0, fit_scale(widths, printable))
    if (scale - FIT_MARGIN) * FONT_SIZE >= LEGIBLE:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:  # too wide to fit legibly: several pages across, then down, the id and name columns on each
        titles = title_columns(sheet.freeze)
        ws.page_setup.scale = across_scale(widths, titles, printable)
        scale = ws.page_setup.scale / 100
        ws.page_setup.pageOrder = "overThenDown"
        if titles:
            ws.print_title_cols = f"A:{get_column_letter(titles)}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.7
    ws.page_margins.footer = 0.3
    # The footer scales with the sheet (Excel's default; LibreOffice ignores scaleWithDoc="0"): 8 points or
    # more, so that it prints at LEGIBLE points at least.
    size = max(FOOTER_SIZE, math.ceil(LEGIBLE / scale))
    ws.oddFooter.left.text = footer[0]
    ws.oddFooter.left.size = size
    ws.oddFooter.center.text = "&A"
    ws.oddFooter.center.size = size
    ws.oddFooter.right.text = footer[1]
    ws.oddFooter.right.size = size
