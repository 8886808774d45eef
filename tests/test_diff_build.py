"""ropa build writes the change report between consecutive registers of one organisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ropa.build import change_report_pairs
from ropa.cli import main
from ropa.loading.discover import registers_in
from ropa.validate import validate_file
from tests.test_diff_author import authors

ROOT = Path(__file__).parent.parent


def test_pairs_are_consecutive_registers_of_one_folder() -> None:
    """Under policies/, only CM has two registers: one pair, 2017 before 2018, whatever the file order."""
    outcomes = [validate_file(p) for p in reversed(registers_in(ROOT / "policies"))]
    pairs = change_report_pairs(outcomes)
    ids = [(a.register.info.id, b.register.info.id) for a, b in pairs if a.register and b.register]
    assert ids == [("cm-2017-10-07", "cm-2018-08-15")]


@pytest.mark.slow
def test_build_writes_the_cm_change_report(tmp_path: Path) -> None:
    """`ropa build policies/cm` writes both registers and cm-2017-10-07_to_cm-2018-08-15.docx and .xlsx,
    the redline's tracked changes by the --author given."""
    out = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--author", "Build Reviewer", str(ROOT / "policies" / "cm")])
    assert result.exit_code == 0, result.output
    stem = out / "cm-2017-10-07_to_cm-2018-08-15"
    assert stem.with_suffix(".docx").read_bytes()[:2] == b"PK"
    assert authors(stem.with_suffix(".docx").read_bytes()) == {"Build Reviewer"}
    rows = list(load_workbook(stem.with_suffix(".xlsx")).worksheets[0].iter_rows(values_only=True))
    assert len(rows) > 50
    assert "cm-2017-10-07_to_cm-2018-08-15.docx" in result.output
