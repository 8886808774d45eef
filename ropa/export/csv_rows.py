"""The register as CSV: one row per activity, the columns and cell texts of the workbook's Register sheet.

The rows are the Register sheet's own (``ropa.render.excel.register_sheet``: the UK ICO template's column
order), so the CSV and the workbook say the same; a gap reads "Not stated in source" (or "Not recorded"
in an internal register), never a blank cell. The header row holds each column's label without the
article the workbook cites under it, so it stays one line. ``processor`` gives the Processor sheet's rows
(Art. 30(2)) instead.

The file is RFC 4180 (the ``csv`` module: every cell quoted where needed, CRLF after each row; line
breaks inside a cell kept) in UTF-8 with a byte-order mark, because Excel, where most DPOs open a CSV,
reads UTF-8 without one as the local code page and garbles å, é and ü. A cell that a spreadsheet would
take for a formula (it starts with ``= + - @``, a tab or a carriage return) gets a leading ``'``, as
OWASP's CSV-injection guidance advises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ropa.model import Register
from ropa.model.enums import Role
from ropa.reference.labels import labels_for
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet
from ropa.render.excel.processor_sheet import PROCESSOR_COLUMNS, processor_sheet
from ropa.render.excel.register_sheet import CONTROLLER_COLUMNS, register_sheet
from ropa.render.excel.words import Words

#: Which record the rows come from: Art. 30(1) (the Register sheet) or Art. 30(2) (the Processor sheet).
RECORDS = ("controller", "processor")
#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(text: str) -> str:
    """The text with a leading ``'`` when a spreadsheet would take it for a formula; otherwise unchanged."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _sheet(register: Register, lang: str | None, record: str) -> tuple[Sequence[Column], Sheet, Words]:
    words = Words(lang or labels_for(register.info.language), register.info.kind.value)
    look = Lookup(register, words)
    if record == "processor":
        return PROCESSOR_COLUMNS, processor_sheet(look), words
    return CONTROLLER_COLUMNS, register_sheet(look), words


def register_csv(register: Register, *, lang: str | None = None, record: str = "controller") -> bytes:
    """The ``record``'s rows as CSV bytes (labels in ``lang``, default the register's own); byte-identical when rebuilt."""
    if record not in RECORDS:
        raise ValueError(f"no record {record!r}; choose {', '.join(RECORDS)}")
    columns, sheet, words = _sheet(register, lang, record)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(words(c.key)) for c in columns])
    for row in sheet.rows:
        writer.writerow([neutralise(text) for text, _kind in row])
    return (BOM + out.getvalue()).encode("utf-8")


def record_counts(register: Register) -> dict[str, int]:
    """How many activities each record holds (the command line says so when the other record is not empty)."""
    processor = sum(1 for a in register.activities if a.role is Role.PROCESSOR)
    return {"controller": len(register.activities) - processor, "processor": processor}
