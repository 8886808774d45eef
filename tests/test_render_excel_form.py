"""The Excel register's form: frozen, filtered, printable, styled, sized to its text, safe and reproducible."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter

from ropa import build
from ropa.render.excel import render
from ropa.render.excel.layout import MAX_NAME, safe_sheet_name, sheet_names
from ropa.render.excel.printing import fit_scale, printable_width
from ropa.render.excel.sheetxml import LINE_HEIGHT, MAX_CELL, MAX_ROW_HEIGHT, TEXT_PER_WIDTH, CellError, clean, column_widths, wrapped_lines
from ropa.render.excel.words import Kind
from ropa.validate import validate_file
from tests.conftest import ROOT
from tests.test_render_excel import (
    CMT,
    EXAMPLE,
    HOSTILE,
    REAL,
    book,
    every_cell,
    hostile_register,
    open_book,
    render_input,
    rendered,
    with_register,
)

FREEZE = {"Register": "C2", "Controller": "A2", "Recipients": "C2", "Transfers": "C2", "Retention": "C2", "Security measures": "B2"}


def test_every_sheet_freezes_filters_and_prints_its_header() -> None:
    """Header row frozen, autofilter over the whole table, header repeated on each page, landscape; one page
    wide where that keeps the text at 7 points or more, else pages across then down at 64-80 %, the columns
    left of the frozen pane repeated on each (the Register sheet: the activity id and name)."""
    for path in [EXAMPLE, *REAL]:
        wb = book(path)
        for ws in wb.worksheets:
            assert ws.freeze_panes == FREEZE.get(ws.title, ws.freeze_panes), ws.title
            assert ws.freeze_panes is not None
            assert ws.freeze_panes.endswith("2")
            assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
            assert ws.print_title_rows == "$1:$1"
            assert ws.page_setup.orientation == "landscape"
            if ws.sheet_properties.pageSetUpPr.fitToPage:
                assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
                printable = printable_width(int(ws.page_setup.paperSize))
                widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
                assert min(1.0, fit_scale(widths, printable)) * 11 >= 7, ws.title
            else:
                assert 64 <= int(ws.page_setup.scale) <= 80, ws.title
                assert ws.page_setup.pageOrder == "overThenDown"
                titles = ws.freeze_panes.rstrip("2")
                assert ws.print_title_cols == (None if titles == "A" else f"$A:${chr(ord(titles) - 1)}"), ws.title
        register = wb["Register"] if "Register" in wb.sheetnames else wb.worksheets[0]
        assert register.print_title_cols == "$A:$B"
        assert int(register.page_setup.paperSize) == 8  # A3


def test_footer_names_organisation_date_and_page() -> None:
    """The printed footer carries the organisation, the register date and 'Page X of Y'."""
    ws = book(EXAMPLE)["Register"]
    assert ws.oddFooter.left.text == "Example AB \N{EM DASH} Register date 2025-06-01"
    assert ws.oddFooter.center.text == "&A"
    assert ws.oddFooter.right.text == "Page &P of &N"


def test_header_row_is_styled_and_text_wraps() -> None:
    """Bold white headers on a dark fill; every cell wraps and sits at the top."""
    wb = book(EXAMPLE)
    for ws in wb.worksheets:
        for cell in ws[1]:
            assert cell.font.b
            assert cell.fill.fgColor.rgb == "001F4E79"
        for row in ws.iter_rows(min_row=2):
            assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in row)


def test_rows_are_banded() -> None:
    """Every other data row has the band fill, so a wide row can be followed across the sheet."""
    ws = book(CMT if CMT.exists() else EXAMPLE)["Register"]
    fills = [ws.cell(r, 1).fill.fgColor.rgb for r in range(2, ws.max_row + 1)]
    assert fills[1::2]
    assert set(fills[1::2]) == {"00EEF3F8"}
    assert "00EEF3F8" not in fills[0::2]


def test_widths_within_bounds_and_heights_from_line_counts() -> None:
    """Columns are 6-120 characters wide; each row is at least 14.5 points per line of its tallest cell."""
    for path in [EXAMPLE, *REAL]:
        for ws in book(path).worksheets:
            for letter, dim in ws.column_dimensions.items():
                assert 6 <= dim.width <= 120, (ws.title, letter)
            for row in ws.iter_rows():
                height = ws.row_dimensions[row[0].row].height
                assert height is not None
                tallest = max(str(c.value or "").count("\n") + 1 for c in row)
                assert min(409, 14.5 * tallest) <= height <= 409, (ws.title, row[0].row)


def test_a_cell_too_tall_for_a_row_widens_its_column() -> None:
    """A cell that would need more than Excel's 409-point row gets a wider column instead of hidden lines."""
    big = " ".join(["word"] * 500)
    (width,) = column_widths([("Notes", Kind.HEADER)], [[(big, Kind.TEXT)]], [(20, 40)])
    assert width > 40
    assert wrapped_lines(big, int(width * TEXT_PER_WIDTH)) * LINE_HEIGHT <= MAX_ROW_HEIGHT
    (small,) = column_widths([("Notes", Kind.HEADER)], [[("short", Kind.TEXT)]], [(20, 40)])
    assert small == 20


def test_line_estimate_wraps_by_words() -> None:
    """The row-height estimate counts wrapped lines like a spreadsheet does: by words, long words broken."""
    assert wrapped_lines("short", 10) == 1
    assert wrapped_lines("one two three", 9) == 2
    assert wrapped_lines("one two three four", 9) == 3
    assert wrapped_lines("a\nb\nc", 10) == 3
    assert wrapped_lines("x" * 25, 10) == 3


def test_document_properties_come_from_the_register() -> None:
    """Title, subject, creator and company are set; created and modified are the register's date, not the clock."""
    wb = book(EXAMPLE)
    props = wb.properties
    assert props.title == "Record of processing activities: Example AB"
    assert props.subject == "Record of processing activities under Article 30 GDPR"
    assert props.creator.startswith("ropa ")
    assert props.created == props.modified == dt.datetime(2025, 6, 1)
    with zipfile.ZipFile(io.BytesIO(rendered(EXAMPLE))) as z:
        assert "<Company>Example AB</Company>" in z.read("docProps/app.xml").decode()


# safety and reproducibility -------------------------------------------------------------------


def test_hostile_text_stays_literal_text() -> None:
    """Text that looks like a formula or an error value is written as text, shown literally, quote-prefixed."""
    payload = render(with_register(hostile_register()))
    wb = open_book(payload)
    cells = every_cell(wb)
    assert all(c.data_type not in ("f", "e") for c in cells)
    by_value = {c.value: c for c in cells}
    for text in HOSTILE:
        shown = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert shown, text
        assert all(c.data_type == "s" for c in shown)
    for text in ('=HYPERLINK("http://example.com/x","click")', "+1", "@x", "#N/A"):
        assert by_value[text].quotePrefix, text
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or 't="e"' in xml for xml in sheets)


def test_two_builds_are_byte_identical() -> None:
    """Rendering the same input twice gives the same bytes (no clock in properties or zip entries)."""
    for path in [EXAMPLE, *REAL[:1]]:
        data = render_input(path)
        first, second = render(data), render(data)
        assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
        with zipfile.ZipFile(io.BytesIO(first)) as z:
            day = data.register.info.date
            assert {i.date_time for i in z.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}


def test_build_writes_the_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ropa build`` writes output/<register id>.xlsx with exactly the renderer's bytes (without Graphviz: no data map)."""
    monkeypatch.setattr(build, "RENDERERS", {"xlsx": "ropa.render.excel"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-graphviz"))
    outcome = validate_file(EXAMPLE, display=str(EXAMPLE.relative_to(ROOT)))
    written = build.build_outputs(outcome, out_dir=tmp_path)
    assert written == [tmp_path / "example.xlsx"]
    assert written[0].read_bytes() == rendered(EXAMPLE)
    assert list(tmp_path.iterdir()) == written


def test_sheet_names_are_derived_safely() -> None:
    """Forbidden characters become '-', names are cut to 31 characters, 'History' is avoided, collisions fail."""
    assert safe_sheet_name("Risks/Gaps: [draft]?*") == "Risks-Gaps- -draft---"
    assert len(safe_sheet_name("x" * 50)) == MAX_NAME
    assert safe_sheet_name("History") == "History-"
    assert safe_sheet_name("'quoted'") == "quoted"
    assert safe_sheet_name("") == "Sheet"
    with pytest.raises(ValueError, match="collide"):
        sheet_names(["Gaps", "gaps"])
    with pytest.raises(ValueError, match="collide"):
        sheet_names(["a" * 40, "a" * 31])


def test_cell_text_is_cleaned_never_cut_silently() -> None:
    """Line ends are normalised, XML-invalid characters refused, over-long text cut with a visible note."""
    assert clean("a\r\nb\rc", "X!A1", "[{n} cut]") == "a\nb\nc"
    with pytest.raises(CellError, match="U\\+000B"):
        clean("a\x0bb", "X!A1", "[{n} cut]")
    long = clean("y" * 40_000, "X!A1", "[{n} characters cut]")
    assert len(long) <= MAX_CELL
    kept = long.count("y")
    assert long.endswith(f"[{40_000 - kept} characters cut]")


def test_no_temporary_files_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering uses temporary files only while it runs, also when it fails half-way."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    render(render_input(EXAMPLE))
    bad = hostile_register().model_copy(
        update={"activities": [hostile_register().activities[0].model_copy(update={"name": "bad\x0bname"})]}
    )
    with pytest.raises(CellError):
        render(with_register(bad))
    assert not [p for p in tmp_path.iterdir() if re.match(r"(openpyxl|tmp)", p.name)]


_HASH_IN_PROCESS = """
import hashlib, sys
from pathlib import Path
from ropa.render.context import RenderInput
from ropa.render.excel import render
from ropa.validate import validate_file
o = validate_file(Path(sys.argv[1]), sys.argv[2])
assert o.register is not None
d = RenderInput(register=o.register, source_path=o.display, sha256=o.sha256, language=o.register.info.language,
                warnings=tuple(f for f in o.findings if not f.is_error))
print(hashlib.sha256(render(d)).hexdigest())
"""


def test_rebuild_in_another_process_is_identical() -> None:
    """A fresh process with another hash seed (as on another run of ``ropa build``) writes the same bytes."""
    path = REAL[0] if REAL else EXAMPLE
    display = str(path.relative_to(ROOT))
    digests = set()
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", _HASH_IN_PROCESS, str(path), display],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(rendered(path)).hexdigest()}
