"""Every Office file that ``ropa build`` writes for the shipped registers, built once per test session.

The conformance tests (tests/test_office_*.py) judge these bytes with validators that are not
ropa's: the ECMA-376 schemas, openxml-audit, and the id rules of WordprocessingML.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from ropa.build import build_change_reports, build_outputs
from ropa.loading.discover import registers_in
from ropa.validate import validate_file

ROOT = Path(__file__).parent.parent
#: The change report (redline .docx and workbook .xlsx) between the two CM registers.
CM_REPORT = "cm-2017-10-07_to_cm-2018-08-15"


@cache
def shipped_outputs() -> dict[str, bytes]:
    """File name -> bytes of every register's .xlsx (both layouts) and .docx and every change report, as ``ropa build`` writes them
    (with the data map embedded when Graphviz is installed)."""
    outcomes = [validate_file(p, str(p.relative_to(ROOT))) for p in registers_in(ROOT / "policies")]
    assert outcomes, "no shipped register found"
    with tempfile.TemporaryDirectory(prefix="ropa-outputs-") as tmp:
        out = Path(tmp)
        for outcome in outcomes:
            build_outputs(outcome, out_dir=out, layouts=("ico", "cnil"))  # the CNIL layout too: <id>-cnil.xlsx
        build_change_reports(outcomes, out_dir=out)
        built = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".docx", ".xlsx")}  # not the maps' .svg
    assert f"{CM_REPORT}.docx" in built, sorted(built)
    assert f"{CM_REPORT}.xlsx" in built, sorted(built)
    assert len(built) == 3 * len(outcomes) + 2, sorted(built)
    return built


def xml_parts(package: bytes) -> dict[str, bytes]:
    """Part name -> bytes of every XML part of a package (``.xml`` and ``.rels`` entries)."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels"))}
