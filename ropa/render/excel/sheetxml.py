"""The rows of a sheet as SpreadsheetML, written straight to a stream.

openpyxl builds the package around the rows (styles, views, filters, print set-up, properties);
the cells themselves are written here because openpyxl's per-cell path costs about 1.5 times a
plain-value write before any styling (see benchmarks/bench_excel.py). Every value is written as
an inline string (``t="inlineStr"``), so no text can ever become a formula or an error cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from openpyxl.utils import get_column_letter

from ropa.render.excel.cells import MAX_CELL_UNITS, cut_utf16, utf16_units
from ropa.render.excel.words import Cell, Kind

#: Excel's limits: UTF-16 code units in a cell (an emoji takes two), points of row height.
MAX_CELL = MAX_CELL_UNITS
MAX_ROW_HEIGHT = 409.0
#: Points per line of the default 11-point font as Excel lays it out (LibreOffice needs about 11.5), and
#: the padding of a row. Too much leaves space under the text in LibreOffice; too little hides text in Excel.
LINE_HEIGHT = 14.5
ROW_PADDING = 3.0
#: Characters of running text per unit of column width (a unit is one '0' of the default font;
#: text averages narrower). Erring low leaves a little space under a cell; erring high would hide text.
TEXT_PER_WIDTH = 1.15
BOLD_PER_WIDTH = 0.95
#: The widest a column gets to keep its biggest cell within the row-height limit.
WIDEST = 120

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: One search finds both what must be refused and what must be normalised (carriage returns).
_UNUSUAL = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Texts a spreadsheet would read as a formula or an error if typed in; they get a quote prefix.
_RISKY_START = ("=", "+", "-", "@", "\t", "#")
_SPACE = frozenset(" \t\n")

#: (kind, banded row, quote prefix) -> style index in the workbook's cellXfs.
StyleIds = dict[tuple[Kind, bool, bool], int]


class CellError(ValueError):
    """A value cannot be written to a cell (an XML-invalid character)."""


def clean(text: str, where: str, cut_label: str) -> str:
    """Line ends normalised; XML-invalid characters refused; over-long text cut visibly, never silently."""
    if _UNUSUAL.search(text):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        bad = _ILLEGAL.search(text)
        if bad:
            raise CellError(f"{where}: character U+{ord(bad.group()):04X} cannot be written to a spreadsheet")
    if len(text) > MAX_CELL // 2 and utf16_units(text) > MAX_CELL:
        kept = cut_utf16(text, MAX_CELL - utf16_units(cut_label.format(n=len(text))) - 1)
        text = kept + "\n" + cut_label.format(n=len(text) - len(kept))
    return text


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (greedy, by words)."""
    total = 0
    for para in text.split("\n"):
        if len(para) <= width:
            total += 1
            continue
        count, used = 1, 0
        for word in para.split(" "):
            size = len(word)
            if used and used + 1 + size <= width:
                used += 1 + size
                continue
            if used:
                count += 1
            while size > width:
                count += 1
                size -= width
            used = size
        total += count
    return total


def column_widths(header: Sequence[Cell], sample: Iterable[Sequence[Cell]], bounds: Sequence[tuple[int, int]]) -> list[int]:
    """Widths that fit the longest line of each column's sample, within (min, max); headers wrap by word.

    A column whose biggest cell would need a row taller than Excel allows (409 points) is widened
    beyond its maximum, up to ``WIDEST``, so that the text still shows in full.
    """
    widest = [max((len(w) for w in text.split()), default=0) + 2 for text, _ in header]
    biggest = [""] * len(widest)
    for row in sample:
        for i, (text, _) in enumerate(row):
            longest = max(len(line) for line in text.split("\n")) + 2 if "\n" in text else len(text) + 2
            widest[i] = max(widest[i], longest)
            if len(text) > len(biggest[i]):
                biggest[i] = text
    widths = [min(max(w, lo), hi) for w, (lo, hi) in zip(widest, bounds, strict=True)]
    for i, text in enumerate(biggest):
        while widths[i] < WIDEST and wrapped_lines(text, int(widths[i] * TEXT_PER_WIDTH)) * LINE_HEIGHT + ROW_PADDING > MAX_ROW_HEIGHT:
            widths[i] += 5
    return widths


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_rows(
    out: BinaryIO,
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int],
    styles: StyleIds,
    *,
    sheet: str,
    cut_label: str,
) -> int:
    """Write ``<row>`` elements (the first row is the header) to ``out``; return how many were written.

    Each row's height is set from its tallest cell (LibreOffice does not grow rows by itself);
    every other data row is banded.
    """
    letters = [get_column_letter(i + 1) for i in range(len(widths))]
    chars = [max(1, int(w * TEXT_PER_WIDTH)) for w in widths]
    bold = [max(1, int(w * BOLD_PER_WIDTH)) for w in widths]
    # style index by [banded][quoted][kind]
    table = [[[styles[(kind, band, quote)] for kind in Kind] for quote in (False, True)] for band in (False, True)]
    count = 0
    buffer: list[str] = []
    for count, row in enumerate(rows, 1):
        ids = table[count % 2 == 1 and count > 1]
        per_line = bold if count == 1 else chars
        most = 1
        cells = []
        for i, (raw, kind) in enumerate(row):
            if not raw:
                cells.append(f'<c r="{letters[i]}{count}" s="{ids[0][kind]}"/>')
                continue
            text = clean(raw, f"{sheet}!{letters[i]}{count}", cut_label) if len(raw) > MAX_CELL // 2 or _UNUSUAL.search(raw) else raw
            if len(text) > per_line[i] or "\n" in text:
                needed = wrapped_lines(text, per_line[i])
                most = max(most, needed)
            if kind is Kind.NUMBER and text.isdigit():
                cells.append(f'<c r="{letters[i]}{count}" s="{ids[0][kind]}"><v>{int(text)}</v></c>')
                continue
            style = ids[kind is Kind.TEXT and text.startswith(_RISKY_START)][kind]
            space = ' xml:space="preserve"' if text[0] in _SPACE or text[-1] in _SPACE else ""
            if "&" in text or "<" in text or ">" in text:
                text = _escape(text)
            cells.append(f'<c r="{letters[i]}{count}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        height = min(MAX_ROW_HEIGHT, most * LINE_HEIGHT + ROW_PADDING)
        buffer.append(f'<row r="{count}" ht="{height:g}" customHeight="1">{"".join(cells)}</row>')
        if len(buffer) >= 256:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
    out.write("".join(buffer).encode("utf-8"))
    return count
