"""The cells of a workbook or CSV file as text, with what Excel hides: formulas, merged and hidden cells.

Values come from openpyxl in read-only mode (cached values of formulas, never evaluated); one
streaming pass over each worksheet's XML (entities never resolved) finds formula cells, merged
ranges and hidden rows and columns, which read-only mode does not report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import get_column_letter, range_boundaries

from ropa.importing.errors import ImportInputError

#: Excel's limit on the characters of one cell.
MAX_CELL = 32767
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass
class Sheet:
    """One sheet's cells as text ('' when empty), row 1 first, with the formula, merged and hidden cells."""

    name: str
    rows: list[list[str]]
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 1-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_col, min_row, max_col, max_row
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    def text(self, row: int, col: int) -> str:
        """The text of a cell (1-based), '' when empty or beyond the data."""
        if row < 1 or row > len(self.rows):
            return ""
        cells = self.rows[row - 1]
        return cells[col - 1] if 0 < col <= len(cells) else ""

    def ref(self, row: int, col: int) -> str:
        return cell_ref(self.name, row, col)


def cell_ref(sheet: str, row: int, col: int) -> str:
    """``Sheet!E12``; a sheet name with spaces or punctuation is quoted as Excel does: ``'My sheet'!E12``."""
    return f"{_shown(sheet)}!{get_column_letter(col)}{row}"


@lru_cache(maxsize=256)
def _shown(sheet: str) -> str:
    plain = sheet.replace("_", "").replace(".", "").isalnum()
    return sheet if plain else "'" + sheet.replace("'", "''") + "'"


def as_text(value: Any) -> str:
    """A cell value as the text a person sees: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value.strip()
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return text


def _checked(path: Path, sheet: str, row: int, cells: list[str]) -> list[str]:
    if cells and max(map(len, cells)) <= MAX_CELL:
        while cells and not cells[-1]:
            cells.pop()
        return cells
    for col, text in enumerate(cells, 1):
        if len(text) > MAX_CELL:
            raise ImportInputError(
                f"{path}: cell {cell_ref(sheet, row, col)} holds {len(text):,} characters, more than a spreadsheet cell can ({MAX_CELL:,})"
            )
    while cells and not cells[-1]:
        cells.pop()
    return cells


def read_xlsx(path: Path) -> list[Sheet]:
    """Every worksheet of a (checked) .xlsx package."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ImportInputError(f"{path}: is not a readable workbook: {exc.__class__.__name__}: {exc}") from None
    sheets: list[Sheet] = []
    try:
        archive: zipfile.ZipFile = book._archive
        for ws in book.worksheets:
            rows = [
                _checked(path, ws.title, n, [v.strip() if type(v) is str else as_text(v) for v in row])
                for n, row in enumerate(ws.iter_rows(values_only=True), 1)
            ]
            sheet = Sheet(ws.title, rows)
            _scan(path, archive, ws._worksheet_path, sheet)
            sheets.append(sheet)
    except ImportInputError:
        raise
    except Exception as exc:
        raise ImportInputError(f"{path}: is not a readable workbook: {exc.__class__.__name__}: {exc}") from None
    finally:
        book.close()
    return sheets


def _scan(path: Path, archive: zipfile.ZipFile, part: str, sheet: Sheet) -> None:
    """Formula cells, merged ranges, hidden rows and columns of one worksheet part, streamed."""
    tags = (f"{_MAIN}f", f"{_MAIN}row", f"{_MAIN}col", f"{_MAIN}mergeCell")
    with archive.open(part) as fh:
        events = etree.iterparse(fh, events=("end",), tag=tags, resolve_entities=False, no_network=True, load_dtd=False)
        for _event, elem in events:
            tag = elem.tag[len(_MAIN) :]
            if tag == "f":
                ref = elem.getparent().get("r")
                if ref:
                    col, row, _, _ = range_boundaries(ref)
                    sheet.formulas.add((row, col))
                continue
            if tag == "row":
                if elem.get("hidden") in {"1", "true"} and elem.get("r"):
                    sheet.hidden_rows.add(int(elem.get("r")))
                elem.clear(keep_tail=False)
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
            elif tag == "col":
                if elem.get("hidden") in {"1", "true"}:
                    sheet.hidden_cols.update(range(int(elem.get("min", "1")), int(elem.get("max", "1")) + 1))
            elif tag == "mergeCell" and elem.get("ref"):
                bounds = range_boundaries(elem.get("ref"))
                if None not in bounds:
                    sheet.merged.append(bounds)


def read_csv(path: Path) -> list[Sheet]:
    """A CSV file as one sheet named after the file (UTF-8, with or without BOM; comma, semicolon or tab)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportInputError(f"{path}: is not UTF-8 text (byte {exc.start}); save the CSV as UTF-8") from None
    if "\x00" in text:
        raise ImportInputError(f"{path}: is not a workbook or a CSV file (it holds NUL characters)")
    sample = text[:8192]
    delimiter = max(",;\t", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for n, record in enumerate(reader, 1):
            rows.append(_checked(path, path.name, n, [c.strip() for c in record]))
    except csv.Error as exc:
        raise ImportInputError(f"{path}: line {reader.line_num}: {exc}") from None
    return [Sheet(path.name, rows)]
