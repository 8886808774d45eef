"""The plain-text source made from a workbook: one line per non-empty cell, which imported facts quote."""

from __future__ import annotations

from ropa.importing.cells import source_line
from ropa.importing.grid import Sheet


def source_text(file_name: str, sha256: str, sheets: list[Sheet]) -> str:
    """Header lines naming the workbook and its SHA-256, then ``Sheet!A1: text`` for every non-empty cell, row by row."""
    lines = [
        f"Workbook: {file_name}",
        f"SHA-256: {sha256}",
        "Made by `ropa import`: one line per non-empty cell, white space in a cell shown as single spaces.",
        "",
    ]
    for sheet in sheets:
        for row, cells in enumerate(sheet.rows, 1):
            lines.extend(source_line(sheet.ref(row, col), text) for col, text in enumerate(cells, 1) if text)
    return "\n".join(lines) + "\n"
