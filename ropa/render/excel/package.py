"""The .xlsx package: openpyxl's workbook around our rows, with fixed dates so rebuilds are identical.

openpyxl (write-only mode) writes the styles, sheet views, column widths, filters, print set-up
and document properties; ``sheetxml`` writes the rows into each sheet's ``<sheetData>`` while the
zip entry is written. Zip entries get the register's date instead of the clock, and the extended
properties (``docProps/app.xml``) get the company, which openpyxl cannot set.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import IO, Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import XPROPS_NS

from ropa.files import zip_stamp
from ropa.render.excel.layout import Sheet
from ropa.render.excel.pictures import place
from ropa.render.excel.printing import page_setup
from ropa.render.excel.sheetxml import StyleIds, column_widths, write_rows
from ropa.render.excel.words import Kind
from ropa.render.font_order import STYLES_PART, excel_font_order

#: Rows read before the widths are fixed; the rest stream through with those widths.
WIDTH_SAMPLE = 1000
_EMPTY_ROWS = b"<sheetData></sheetData>"
#: Bytes of a sheet's rows kept in memory before they go to a temporary file.
SPOOL = 1 << 20

#: The workbook's default font (openpyxl's stylesheet); LibreOffice substitutes the metric-compatible Carlito.
FONT = "Calibri"
HEADER_FILL = "1F4E79"
BAND_FILL = "EEF3F8"
GAP_FILL = "FFF2CC"
ALERT_FILL = "FCE4D6"
GREY_TEXT = "595959"
GRID = "BFBFBF"


@dataclass(frozen=True, slots=True)
class Properties:
    """Document properties and the page footer, all derived from the register."""

    title: str
    subject: str
    company: str
    creator: str
    keywords: str
    description: str
    language: str
    identifier: str
    day: dt.date
    footer_left: str
    footer_right: str
    cut_label: str


def _styles(wb: Workbook, anchor: Any) -> StyleIds:
    """Register every cell style once; return their indexes."""
    side = Side(style="thin", color=GRID)
    grid = Border(left=side, right=side, top=side, bottom=side)
    top = Alignment(wrap_text=True, vertical="top")
    band = PatternFill("solid", start_color=BAND_FILL, end_color=BAND_FILL)
    plain = PatternFill(fill_type=None)
    ids: StyleIds = {}
    for kind in Kind:
        for banded in (False, True):
            for quote in (False, True):
                cell = WriteOnlyCell(anchor)
                cell.border = grid
                cell.alignment = top
                cell.fill = band if banded else plain
                cell.font = Font(name=FONT, size=11, family=2, scheme="minor")
                if kind is Kind.HEADER:
                    cell.font = Font(name=FONT, size=11, family=2, scheme="minor", bold=True, color="FFFFFF")
                    cell.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
                elif kind is Kind.NOT_STATED:
                    cell.font = Font(name=FONT, size=11, family=2, scheme="minor", italic=True, color=GREY_TEXT)
                    cell.fill = PatternFill("solid", start_color=GAP_FILL, end_color=GAP_FILL)
                elif kind is Kind.NUMBER:
                    cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right")
                elif kind is Kind.MARKER:
                    cell.font = Font(name=FONT, size=11, family=2, scheme="minor", italic=True, color=GREY_TEXT)
                elif kind is Kind.ALERT:
                    cell.fill = PatternFill("solid", start_color=ALERT_FILL, end_color=ALERT_FILL)
                cell.quotePrefix = quote
                ids[(kind, banded, quote)] = cell.style_id
    return ids


def _fill_sheet(ws: Any, sheet: Sheet, styles: StyleIds, props: Properties) -> IO[bytes]:
    """Write the sheet's rows to a temporary file (gone when closed) and set up the sheet around them."""
    rows = iter(sheet.rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    widths = column_widths(sheet.header, sample, sheet.bounds)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = sheet.freeze
    # In memory up to SPOOL bytes, then on disk: a workbook of many small sheets (the CNIL layout's
    # fiches) must not hold one open file per sheet, which runs out of file descriptors.
    body = tempfile.SpooledTemporaryFile(max_size=SPOOL)  # noqa: SIM115 - returned open; write_workbook closes it
    try:
        count = write_rows(body, chain([sheet.header], sample, rows), widths, styles, sheet=ws.title, cut_label=props.cut_label)
    except BaseException:
        body.close()
        raise
    page_setup(ws, sheet, widths, count, (props.footer_left, props.footer_right))
    if sheet.pictures:
        place(ws, sheet.pictures, count + 1)  # one empty row under the text
    return body


def _properties(wb: Workbook, props: Properties) -> bytes:
    """Set the core properties (no clock: created and modified are the register's date); return app.xml."""
    stamp = dt.datetime.combine(props.day, dt.time())
    core = wb.properties
    core.title = props.title
    core.subject = props.subject
    core.creator = props.creator
    core.lastModifiedBy = props.creator
    core.keywords = props.keywords
    core.description = props.description
    core.language = props.language
    core.identifier = props.identifier
    core.created = core.modified = stamp
    # openpyxl's ExtendedProperties does not serialise Company: write the part ourselves.
    return (
        f'<Properties xmlns="{XPROPS_NS}"><Application>{escape(props.creator)}</Application>'
        f"<Company>{escape(props.company)}</Company></Properties>"
    ).encode()


def write_workbook(sheets: Sequence[Sheet], names: Sequence[str], props: Properties) -> bytes:
    """The .xlsx bytes of ``sheets`` named ``names``, identical for identical input."""
    wb = Workbook(write_only=True)
    bodies: dict[str, IO[bytes]] = {}
    try:
        styles: StyleIds = {}
        for index, (sheet, name) in enumerate(zip(sheets, names, strict=True), 1):
            ws = wb.create_sheet(name)
            if not styles:
                styles = _styles(wb, ws)
            bodies[f"xl/worksheets/sheet{index}.xml"] = _fill_sheet(ws, sheet, styles, props)
        replace = {"docProps/app.xml": _properties(wb, props)}
        buffer = io.BytesIO()
        with _Package(buffer, props.day, bodies, replace) as archive:
            ExcelWriter(wb, archive).write_data()
        return buffer.getvalue()
    finally:
        for body in bodies.values():
            body.close()
        for ws in wb.worksheets:  # openpyxl's own temporary files, if saving failed half-way
            out = getattr(getattr(ws, "_writer", None), "out", None)
            if isinstance(out, str) and os.path.exists(out):
                os.remove(out)


class _Package(ZipFile):
    """A zip whose entries carry a fixed date, with each sheet's rows spliced into its ``<sheetData>``."""

    def __init__(self, target: IO[bytes], day: dt.date, bodies: dict[str, IO[bytes]], replace: dict[str, bytes]) -> None:
        super().__init__(target, "w", ZIP_DEFLATED, allowZip64=True)
        self._stamp = zip_stamp(day)
        self._bodies = bodies
        self._replace = replace

    def _info(self, name: str) -> ZipInfo:
        info = ZipInfo(name, date_time=self._stamp)
        info.compress_type = ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        return info

    def writestr(
        self, zinfo_or_arcname: str | ZipInfo, data: Any, compress_type: int | None = None, compresslevel: int | None = None
    ) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo) else zinfo_or_arcname
        data = self._replace.get(name, data)
        if name == STYLES_PART:
            data = excel_font_order(data if isinstance(data, bytes) else data.encode())
        super().writestr(self._info(name), data)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None, compresslevel: int | None = None) -> None:
        name = str(arcname if arcname is not None else filename)
        with open(filename, "rb") as fh:
            skeleton = fh.read()
        body = self._bodies.get(name)
        with self.open(self._info(name), "w") as dst:
            if body is None:
                dst.write(skeleton)
                return
            head, found, tail = skeleton.partition(_EMPTY_ROWS)
            if not found:
                raise RuntimeError(f"{name}: openpyxl wrote rows of its own")
            dst.write(head + b"<sheetData>")
            body.seek(0)
            shutil.copyfileobj(body, dst, 1 << 20)
            dst.write(b"</sheetData>" + tail)
