"""A real spreadsheet application opens the workbooks: LibreOffice converts them to PDF and we read the pages.

All workbooks go through one ``soffice`` process (start-up dominates a conversion). Skipped only
where LibreOffice is missing on a developer's machine; on CI (``CI`` set) a missing soffice fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.labels import label
from ropa.model.enums import Role
from ropa.render.excel import render
from tests.test_render_excel import EXAMPLE, HOSTILE, REAL, hostile_register, render_input, rendered, with_register

pytestmark = pytest.mark.office


def _tools() -> None:
    missing = [tool for tool in ("soffice", "pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (`make office` installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _name(path: Path) -> str:
    return "example" if path == EXAMPLE else f"{path.parent.name}-{path.stem}"


def flat(text: str) -> str:
    """White space collapsed: a wrapped cell prints over several lines."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, int]]:
    """Every workbook converted to PDF in one LibreOffice run: name -> (page text, page count)."""
    _tools()
    folder = tmp_path_factory.mktemp("office")
    books = {_name(p): rendered(p) for p in [EXAMPLE, *REAL]}
    books["example-sv"] = rendered(EXAMPLE, "sv")
    books["hostile"] = render(with_register(hostile_register()))
    for name, payload in books.items():
        (folder / f"{name}.xlsx").write_bytes(payload)
    profile = (folder / "profile").as_uri()  # its own profile: other soffice runs may be going on
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(folder / f"{name}.xlsx") for name in books],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = {}
    for name in books:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}.xlsx"
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        out[name] = (text, pages)
    return out


def test_libreoffice_opens_every_workbook(converted: dict[str, tuple[str, int]]) -> None:
    """Each workbook converts, with at least one page per sheet and the footer's page numbers filled in."""
    for name, (text, pages) in converted.items():
        assert pages >= 9, name
        assert "Page 1 of" in text or "Sida 1 av" in text or "Pagina 1 van" in text, name


def test_register_sheet_prints_one_page_wide(converted: dict[str, tuple[str, int]]) -> None:
    """The Register sheet's first page carries its first and its last column header: fitted to the page width."""
    first_page = converted["example"][0].split("\f")[0]
    assert "Activity" in first_page
    assert "Notes of the encoder" in flat(first_page)
    assert "Purposes of the processing" in flat(first_page)
    assert "Not stated in source" in flat(first_page)


def test_converted_content_matches_the_registers(converted: dict[str, tuple[str, int]]) -> None:
    """Every controller activity's name and the register's organisation appear in what LibreOffice printed."""
    for path in [EXAMPLE, *REAL]:
        name = _name(path)
        data = render_input(path)
        text = flat(converted[name][0])
        assert data.register.controller.name.value in text, name
        assert label("status.not-stated", data.language.value) in text, name
        for act in data.register.activities:
            if act.role is Role.CONTROLLER:
                assert flat(act.name) in text, (name, act.id)


def test_swedish_workbook_prints_swedish_labels(converted: dict[str, tuple[str, int]]) -> None:
    """The --lang sv workbook prints Swedish headers and gap labels around the register's own text."""
    text = flat(converted["example-sv"][0])
    assert "Ändamål med behandlingen" in text
    assert "Anges inte i källan" in text
    assert "Sending the newsletter to subscribers." in text


def test_hostile_text_prints_literally(converted: dict[str, tuple[str, int]]) -> None:
    """Formula-like text is shown as typed: LibreOffice evaluates nothing, so no '#NAME?' or computed value appears."""
    text = converted["hostile"][0]
    for value in HOSTILE:
        assert value in text, value
    assert "#NAME?" not in text
    assert "Err:" not in text
