"""LibreOffice opens the Word and Excel registers and shows the data map: the picture is on the map's page.

Skipped where LibreOffice, poppler or Graphviz is missing on a developer's machine; on CI a missing one fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.build import build_outputs
from ropa.validate import validate_file
from tests.test_datamap import small_register

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small register's .docx and .xlsx, as ``ropa build`` writes them, converted by one LibreOffice run."""
    missing = [tool for tool in ("soffice", "pdftotext", "pdfimages", "dot") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (`make office` and `./scripts/install-system-deps map` install them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("map-pdf")
    written = build_outputs(validate_file(small_register(folder / "src")), out_dir=folder)
    files = [str(p.rename(p.with_name(f"example-{p.suffix[1:]}{p.suffix}"))) for p in written if p.suffix in (".docx", ".xlsx")]
    profile = (folder / "profile").as_uri()
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *files]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    return {Path(f).suffix[1:]: Path(f).with_suffix(".pdf") for f in files}  # example-docx.pdf, example-xlsx.pdf


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")]


def _images(pdf: Path) -> list[tuple[int, int, int]]:
    """(page, width, height) of every picture in the PDF."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    return [(int(r[0]), int(r[3]), int(r[4])) for r in rows if len(r) > 4 and r[2] == "image"]


def test_word_shows_the_map_after_the_summary(pdfs: dict[str, Path]) -> None:
    pages = _pages(pdfs["docx"])
    images = _images(pdfs["docx"])
    assert len(images) == 1
    page, width, height = images[0]
    text = pages[page - 1]
    assert text.startswith("Example AB 1 June 2025 Data map")  # the heading on the picture's page, under the page header
    summary = next(i for i, p in enumerate(pages, 1) if re.search(r"\b2 Summary of processing activities", p) and i > 2)
    activities = next(i for i, p in enumerate(pages, 1) if re.search(r"\b3 Processing activities", p) and i > 2)
    assert summary <= page <= activities
    assert width > 1000
    assert height > 1000


def test_excel_shows_the_map_on_its_sheet(pdfs: dict[str, Path]) -> None:
    pages = _pages(pdfs["xlsx"])
    images = _images(pdfs["xlsx"])
    assert images, "no picture in the printed workbook"
    page = images[0][0]
    assert "Data map: Example AB" in pages[page - 1]
