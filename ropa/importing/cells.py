"""Cells of the table as the register uses them: their text, the line of the source text that quotes
them, the markers a blank, 'None' or 'N/A' stands for, and the warnings about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ropa.importing import notation, ropa_labels
from ropa.importing.errors import Warn
from ropa.importing.grid import Sheet

#: The longest text a register holds in one field (ropa.model.types.Text).
MAX_TEXT = 10000


@dataclass(frozen=True)
class Cell:
    """A non-empty cell: where it is, its text, and the source line that quotes it."""

    ref: str
    text: str
    whole: str | None = None  # for one item of a cell ropa numbered or bulleted: the cell's text

    @property
    def line(self) -> str:
        """The cell's line of the source text, which every fact taken from it quotes whole."""
        return source_line(self.ref, self.text if self.whole is None else self.whole)

    def part(self, text: str) -> Cell:
        """One item of this cell, quoting the cell whole."""
        return Cell(self.ref, text, self.text if self.whole is None else self.whole)

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return [{"quote": self.line}]

    @property
    def marker(self) -> str | None:
        return notation.marker(self.text)


def source_line(ref: str, text: str) -> str:
    return f"{ref}: {' '.join(text.split())}"


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Cells:
    """The cells of one sheet, merged ranges filled from their first cell, with the warnings about them."""

    sheet: Sheet
    warnings: list[Warn] = field(default_factory=list)
    kept_as_text: int = 0
    _origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for min_col, min_row, max_col, max_row in self.sheet.merged:
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    if (r, c) != (min_row, min_col):
                        self._origin[(r, c)] = (min_row, min_col)

    def warn(self, ref: str, message: str) -> None:
        self.warnings.append(Warn(ref, message))

    def get(self, row: int, col: int | None) -> Cell | None:
        """The cell at (row, col), the first cell of its merged range standing in; None when empty."""
        if col is None:
            return None
        r, c = self._origin.get((row, col), (row, col))
        text = self.sheet.text(r, c)
        if not text:
            return None
        ref = self.sheet.ref(r, c)
        if len(text) > MAX_TEXT:
            self.warn(ref, f"{len(text):,} characters, more than a register text holds ({MAX_TEXT:,}); not imported, marked not stated")
            return None
        return Cell(ref, text)

    def kept(self, cell: Cell, what: str) -> dict[str, Any]:
        """A cell not understood: a warning, and the point not stated with the cell's text as its note."""
        self.kept_as_text += 1
        self.warn(cell.ref, f'{what} "{_short(cell.text)}" not recognised; kept as text, marked not stated')
        return {"not_stated": True, "note": clip(cell.line)}

    def unstated(self, cell: Cell | None, *, or_none: bool = False) -> dict[str, Any]:
        """The marker an empty, 'None', 'N/A' or '-' cell stands for (none and not applicable only where the point allows them)."""
        if cell is None:
            return {"not_stated": True}
        kind = cell.marker
        if or_none and kind == "none":
            return {"none": True, "evidence": cell.evidence}
        if or_none and kind == "not_applicable":
            _, colon, reason = cell.text.partition(":")
            return {
                "not_applicable": True,
                "reason": clip(reason.strip()) if colon and reason.strip() else f"recorded as “{cell.text}” in {cell.ref}",
            }
        if " ".join(cell.text.casefold().split()).rstrip(".") in ropa_labels.gap_labels():
            return {"not_stated": True}  # ropa's own gap cell: nothing to note
        return {"not_stated": True, "note": cell.line}


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
