"""openxml-audit (a pure-Python port of the Open XML SDK's validator) finds no error in any output.

Zero errors on every file ``ropa build`` writes for the shipped registers (the CM redline and
change workbook included). Warnings are allowed only where listed in ``ACCEPTED`` with the
reason; any other finding, or a new kind of warning after an upgrade, fails.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator, ValidationSeverity

from tests.outputs import CM_REPORT, shipped_outputs

#: Warning id -> why ropa keeps doing what it warns about.
ACCEPTED = {
    "Excel_InlineStrCells": (
        "Both workbooks hold their text as inline strings: the register's on purpose "
        "(ropa/render/excel/sheetxml.py: no text can ever become a formula or an error cell), the change "
        "report's as openpyxl writes strings; valid SpreadsheetML (a cell of type inlineStr), which Excel "
        "moves to a shared-strings table when it next saves, changing nothing a reader sees."
    ),
}


@cache
def validator() -> OpenXmlValidator:
    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=1000)


def findings(name: str, package: bytes, folder: Path) -> list[str]:
    """'severity id: message' for everything openxml-audit reports on ``package`` that is not accepted."""
    path = folder / name
    path.write_bytes(package)
    result = validator().validate(path)
    return [
        f"{e.severity.value} {e.id or e.error_type.value}: {e}"
        for e in result.errors
        if e.severity is ValidationSeverity.ERROR or e.id not in ACCEPTED
    ]


def test_no_error_in_any_output(tmp_path: Path) -> None:
    outputs = shipped_outputs()
    assert f"{CM_REPORT}.docx" in outputs
    assert f"{CM_REPORT}.xlsx" in outputs
    problems = {name: found for name, blob in outputs.items() if (found := findings(name, blob, tmp_path))}
    assert not problems, problems


def test_the_audit_sees_a_duplicate_bookmark_id(tmp_path: Path) -> None:
    """The defect it found in the redline: two bookmarks with one id (here made by hand in a register)."""
    source = io.BytesIO(shipped_outputs()["cmt.docx"])
    damaged = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(damaged, "w") as dst:
        for entry in src.infolist():
            blob = src.read(entry)
            if entry.filename == "word/document.xml":
                blob, count = re.subn(rb'(<w:bookmark(?:Start|End) w:id=)"2"', rb'\1"1"', blob)
                assert count == 2
            dst.writestr(entry, blob)
    found = findings("damaged.docx", damaged.getvalue(), tmp_path)
    assert any("bookmarkStart" in f and "duplicates" in f for f in found), found
