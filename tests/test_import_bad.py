"""`ropa import` on input it cannot or should not read: a message naming the file (and cell), exit 2, nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.importing.grid import MAX_CELL
from ropa.validate import validate_file
from tests.ico_workbook import ROWS, ico_workbook


def _refused(path: Path, tmp_path: Path, *args: str, names_file: bool = True) -> str:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(out), *args])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir()), "nothing is written on failure"
    assert not names_file or str(path) in result.stderr
    return result.stderr


def _imported(path: Path, tmp_path: Path) -> tuple[str, str]:
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(tmp_path / "out"), "--date", "2026-03-01"])
    assert result.exit_code == 0, result.output
    outcome = validate_file(tmp_path / "out" / "register.yaml")
    assert outcome.register is not None, [f.message for f in outcome.findings]
    assert not outcome.errors, [f.message for f in outcome.errors]
    return result.stdout, result.stderr


def _rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, replace.get(item.filename, zin.read(item.filename)))
    return target


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + "Workbook".encode("utf-16-le"))
    assert "Excel 97-2003 workbook (.xls)" in _refused(path, tmp_path)


def test_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64)
    assert "encrypted (password-protected)" in _refused(path, tmp_path)


def test_ods(tmp_path: Path) -> None:
    path = tmp_path / "register.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument spreadsheet (.ods)" in _refused(path, tmp_path)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "is not a workbook" in _refused(path, tmp_path)
    other = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "not an Excel workbook" in _refused(other, tmp_path)


def test_damaged_package(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "ok.xlsx")
    path = tmp_path / "cut.xlsx"
    path.write_bytes(book.read_bytes()[:2000])
    assert "not a readable workbook" in _refused(path, tmp_path)


def test_zip_bomb(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "ok.xlsx")
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"</worksheet>", b"<!--" + b" " * (20 << 20) + b"--></worksheet>")
    path = _rezip(book, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": padded})
    assert "possible zip bomb" in _refused(path, tmp_path)


def test_xml_entity_expansion(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "ok.xlsx")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    path = _rezip(book, tmp_path / "laughs.xlsx", {"xl/styles.xml": laughs})
    assert "declares a DTD or XML entities" in _refused(path, tmp_path)


def test_openpyxl_reads_with_defusedxml() -> None:
    """openpyxl guards against entity expansion only when defusedxml is installed: ropa depends on it."""
    import defusedxml  # type: ignore[import-untyped]  # noqa: F401 - its presence is the point
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_header_row_not_found(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Shopping list"])
    book.active.append(["Milk", "Eggs"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    assert "no header row found" in _refused(path, tmp_path)


def test_cell_over_the_spreadsheet_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Purpose of processing,Categories of individuals,Retention schedule\n" + "x" * (MAX_CELL + 1) + ",Staff,6 years\n")
    assert "cell long.csv!A2 holds 32,768 characters" in _refused(path, tmp_path)


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "acme.xlsx")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "register.yaml").write_text("ropa: 1\n")
    result = CliRunner().invoke(main, ["import", str(book), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "does not overwrite" in result.stderr
    assert (tmp_path / "out" / "register.yaml").read_text() == "ropa: 1\n"


def test_formulas_use_cached_values_and_are_flagged(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "f.xlsx")
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml").decode()
    # Controller!A10 ("HR") becomes a formula whose cached value is HR, as Excel saves it.
    start = sheet.index('<c r="A10"')
    end = sheet.index("</c>", start) + 4
    formula = '<c r="A10" t="str"><f>UPPER("hr")</f><v>HR</v></c>'
    path = _rezip(book, tmp_path / "formula.xlsx", {"xl/worksheets/sheet1.xml": (sheet[:start] + formula + sheet[end:]).encode()})
    _out, err = _imported(path, tmp_path)
    assert "Controller!A10: a formula: its value as last calculated is imported" in err
    assert "HR" in (tmp_path / "out" / "register.yaml").read_text()


def test_merged_and_hidden_cells(tmp_path: Path) -> None:
    rows = [ROWS[0], {**ROWS[0], "Business function": "", "Purpose of processing": "Recruitment"}]
    book = ico_workbook(tmp_path / "m.xlsx", rows)
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    ws.merge_cells("A10:A11")
    ws.row_dimensions[11].hidden = True
    ws.column_dimensions["B"].hidden = True
    wb.save(book)
    _out, err = _imported(book, tmp_path)
    assert "Controller!A10: merged over rows 10-11: its text is read for each of them" in err
    assert "Controller!11:11: the row is hidden in the workbook; imported like any other" in err
    assert "Controller!B9: the column is hidden in the workbook" in err
    text = (tmp_path / "out" / "register.yaml").read_text()
    assert text.count('quote: "Controller!A10: HR"') == 2  # both activities quote the merged cell


@pytest.mark.slow
def test_ten_thousand_rows(tmp_path: Path) -> None:
    rows = [{**ROWS[n % 2], "Purpose of processing": f"Purpose {n}"} for n in range(10_000)]
    stdout, _err = _imported(ico_workbook(tmp_path / "big.xlsx", rows), tmp_path)
    assert "10000 activities" in stdout


def test_csv_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xff\xfe\x00\x01" * 10)
    assert "not UTF-8" in _refused(path, tmp_path)


def test_layout_csv_on_a_workbook(tmp_path: Path) -> None:
    assert "--layout csv was given" in _refused(ico_workbook(tmp_path / "a.xlsx"), tmp_path, "--layout", "csv")


def test_bad_org_id(tmp_path: Path) -> None:
    assert "--org-id" in _refused(ico_workbook(tmp_path / "a.xlsx"), tmp_path, "--org-id", "Not An Id", names_file=False)
