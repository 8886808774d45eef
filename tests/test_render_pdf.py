"""`ropa build --pdf`: the archival PDF read back with poppler (pdfinfo, pdffonts, pdftotext) as an archivist would.

The conversions run once for the module (LibreOffice's start-up dominates). Skipped where LibreOffice or
poppler is missing on a developer's machine; on CI (``CI`` set) a missing tool fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.render.pdf.stable import stabilise

ROOT = Path(__file__).parent.parent
CAB = ROOT / "policies" / "cab" / "register.yaml"  # Swedish, ten activities: the largest shipped register
CM = ROOT / "policies" / "cm" / "register-2018-08-15.yaml"


def _tools() -> None:
    missing = [tool for tool in ("soffice", "pdftotext", "pdfinfo", "pdffonts") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (`make office` installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _poppler(*args: str) -> str:
    return subprocess.run(list(args), check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`ropa build --pdf` on CAB and CM, and CAB again into another folder: name -> PDF."""
    _tools()
    first, second = tmp_path_factory.mktemp("pdf-1"), tmp_path_factory.mktemp("pdf-2")
    for out, paths in ((first, [CAB, CM]), (second, [CAB])):
        result = CliRunner().invoke(main, ["build", "--pdf", "--out", str(out), *map(str, paths)])
        assert result.exit_code == 0, result.output
    return {"cab": first / "cab.pdf", "cm": first / "cm-2018-08-15.pdf", "cab-again": second / "cab.pdf"}


def pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds)."""
    return _poppler("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def bookmarks(pdf: Path) -> list[str]:
    """The titles of the PDF's outline (bookmarks), in order: LibreOffice writes each as UTF-16 hex with a /Dest."""
    data = pdf.read_bytes()
    return [bytes.fromhex(h.decode()).decode("utf-16-be") for h in re.findall(rb"/Title<FEFF([0-9A-F]*)>\s*/Dest", data)]


@pytest.mark.office
@pytest.mark.parametrize("name", ["cab", "cm"])
def test_pdf_is_pdfa_2b_with_every_font_embedded(built: dict[str, Path], name: str) -> None:
    """The XMP identification says PDF/A-2b; pdffonts lists every font as embedded."""
    meta = _poppler("pdfinfo", "-meta", str(built[name]))
    assert "<pdfaid:part>2</pdfaid:part>" in meta
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    info = _poppler("pdfinfo", str(built[name]))
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)
    fonts = _poppler("pdffonts", str(built[name])).splitlines()[2:]
    assert fonts
    for line in fonts:
        emb = line[62:].split()[0] if len(line) > 62 else ""
        assert emb == "yes", line


@pytest.mark.office
@pytest.mark.parametrize(
    ("name", "headings"),
    [
        (
            "cab",
            ["3.2 Access", "3.10 Hantering av begäran om information, rättelse och radering", "Bilaga E – Punkter som källan inte anger"],
        ),
        ("cm", ["1 The controller", "3.5 Website analytics", "Annex F – Source documents"]),  # CM 2018: 3.2 is the sign-up activity
    ],
)
def test_toc_page_numbers_are_the_pages_of_the_headings(built: dict[str, Path], name: str, headings: list[str]) -> None:
    """Each TOC entry ends in a page number (LibreOffice's plain conversion leaves none), and for three
    headings that number is the page where the heading first stands after the contents."""
    text = pages(built[name])
    toc_page = next(i for i, page in enumerate(text) if re.search(r"^(Contents|Innehåll)\s*$", page, re.MULTILINE))
    entries = {}
    for line in text[toc_page].splitlines():
        found = re.match(r"\s*(\S.*?)(?:\s|\.)*(\d+)$", line)
        if found and (re.match(r"\d+(\.\d+)? ", found.group(1)) or found.group(1).startswith(("Annex", "Bilaga"))):
            entries[found.group(1).rstrip(". ")] = int(found.group(2))
    assert len(entries) >= 15, text[toc_page]
    for heading in headings:
        entry = next(e for e in entries if e.startswith(heading))
        page = entries[entry]
        line = r"\s+".join(map(re.escape, entry.split()))  # the heading's number and title are tab-separated
        starts = [i + 1 for i, p in enumerate(text) if i > toc_page and re.search(rf"^\s*{line}\s*$", p, re.MULTILINE)]
        assert starts[0] == page, (entry, page, starts)  # later pages may list it again (annex E's gaps by activity)


@pytest.mark.office
def test_bookmarks_for_every_heading(built: dict[str, Path]) -> None:
    """The PDF's outline has every numbered heading of the TOC, and the headings below them (evidence)."""
    marks = bookmarks(built["cab"])
    assert marks[0] == "1 Personuppgiftsansvarig"
    assert "3.2 Access" in marks
    assert "Bilaga H – Bedömning av behovet av konsekvensbedömning" in marks
    assert marks.count("Belägg i källan") >= 10  # a level-3 heading under each activity
    assert len(marks) > 25


@pytest.mark.office
def test_pdf_rebuilds_byte_identical_and_dated_by_the_register(built: dict[str, Path]) -> None:
    """Two builds give the same bytes: LibreOffice's clock (creation dates, colour profile) is replaced by
    the register's date and the file identifier is a digest of the content."""
    data = built["cab"].read_bytes()
    assert data == built["cab-again"].read_bytes()
    info = _poppler("pdfinfo", "-isodates", str(built["cab"]))
    assert re.search(r"^CreationDate:\s+2018-01-01T00:00:00Z", info, re.MULTILINE), info
    assert "<xmp:CreateDate>2018-01-01T00:00:00Z</xmp:CreateDate>" in _poppler("pdfinfo", "-meta", str(built["cab"]))
    _assert_xref_points_at_objects(data)


def _assert_xref_points_at_objects(data: bytes) -> None:
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))  # type: ignore[union-attr]
    head = re.compile(rb"xref\n0 (\d+)\n").match(data, start)
    assert head is not None
    for n in range(1, int(head.group(1))):
        entry = data[head.end() + 20 * n : head.end() + 20 * n + 20]
        if entry[17:18] == b"n":
            offset = int(entry[:10])
            assert data[offset : offset + 20].startswith(b"%d 0 obj" % n), n


def test_stabilise_sets_dates_and_moves_the_offsets() -> None:
    """A small PDF in LibreOffice's shape: dates replaced, the profile recompressed, the offsets still right."""
    profile = bytearray(128)
    profile[24:36] = b"".join(n.to_bytes(2, "big") for n in (2026, 12, 2, 11, 15, 31))
    profile[36:40] = b"acsp"
    packed = zlib.compress(bytes(profile), 1) + b"\0" * 7  # not what level 9 gives: the length changes
    objects = [
        b"<</Type/Catalog>>",
        b"<</N 3/Length 3 0 R/Filter/FlateDecode>>\nstream\n" + packed + b"\nendstream",
        b"%d" % len(packed),
        b"<</Producer(LibreOffice 7.4)/CreationDate(D:20261202111531Z')>>",
    ]
    body, offsets = b"%PDF-1.6\n", []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % n + obj + b"\nendobj\n\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += (
        b"trailer\n<</Size 5/Root 1 0 R/Info 4 0 R\n/ID [ <" + b"A" * 32 + b">\n<" + b"A" * 32 + b"> ]\n>>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    out = stabilise(body, dt.date(2018, 8, 15))
    assert b"/CreationDate(D:20180815000000Z')" in out
    assert b"A" * 32 not in out
    _assert_xref_points_at_objects(out)
    stream = re.search(rb"stream\n(.*)\nendstream", out, re.DOTALL).group(1)  # type: ignore[union-attr]
    assert zlib.decompress(stream)[24:30] == b"".join(n.to_bytes(2, "big") for n in (2018, 8, 15))
    assert stabilise(out, dt.date(2018, 8, 15)) == out


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No soffice on PATH: the workbook and the Word register are still written; the PDF is refused with
    how to install LibreOffice, and the exit code is 1."""
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    result = CliRunner().invoke(main, ["build", "--pdf", "--out", str(tmp_path), str(CM)])
    assert result.exit_code == 1
    assert "no PDF: LibreOffice is not installed" in result.output
    assert "apt-get install libreoffice-writer" in result.output
    assert (tmp_path / "cm-2018-08-15.docx").exists()
    assert (tmp_path / "cm-2018-08-15.xlsx").exists()
    assert not (tmp_path / "cm-2018-08-15.pdf").exists()
