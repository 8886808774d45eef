"""A real spreadsheet application opens the workbooks: LibreOffice converts them to PDF and we read the pages.

All workbooks go through one ``soffice`` process (start-up dominates a conversion). Skipped only
where LibreOffice is missing on a developer's machine; on CI (``CI`` set) a missing soffice fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ropa.diff import compare
from ropa.model.enums import Role
from ropa.reference.labels import label
from ropa.render.changes.xlsx import render_xlsx
from ropa.render.excel import render
from ropa.render.excel.cnil import render as render_cnil
from ropa.validate import validate_file
from tests.test_render_cnil import SECTIONS
from tests.test_render_excel import EXAMPLE, HOSTILE, REAL, hostile_register, render_input, rendered, with_register

pytestmark = pytest.mark.office

ROOT = Path(__file__).parent.parent
CM_2017 = ROOT / "policies" / "cm" / "register-2017-10-07.yaml"
CM_2018 = ROOT / "policies" / "cm" / "register-2018-08-15.yaml"
CHANGES = "cm-2017-10-07_to_cm-2018-08-15"
#: The CM register in the CNIL layout, as `ropa build --layout cnil` writes output/cm-2018-08-15-cnil.xlsx.
CNIL = "cm-2018-08-15-cnil"


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


def change_report() -> bytes:
    """The CM change report workbook, as `ropa build` writes output/cm-2017-10-07_to_cm-2018-08-15.xlsx."""
    old, new = (validate_file(p, str(p.relative_to(ROOT))) for p in (CM_2017, CM_2018))
    assert old.register is not None
    assert new.register is not None
    return render_xlsx(compare(old.register, new.register, old_path=old.display, new_path=new.display))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the workbooks and their PDFs are."""
    return tmp_path_factory.mktemp("office")


@pytest.fixture(scope="module")
def converted(folder: Path) -> dict[str, tuple[str, int]]:
    """Every workbook converted to PDF in one LibreOffice run: name -> (page text, page count)."""
    _tools()
    books = {_name(p): rendered(p) for p in [EXAMPLE, *REAL]}
    books["example-sv"] = rendered(EXAMPLE, "sv")
    books["example-de"] = rendered(EXAMPLE, "de")
    books["example-fr"] = rendered(EXAMPLE, "fr")
    books["hostile"] = render(with_register(hostile_register()))
    books[CHANGES] = change_report()
    books[CNIL] = render_cnil(render_input(CM_2018))
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
        assert any(f in text for f in ("Page 1 of", "Sida 1 av", "Pagina 1 van", "Seite 1 von", "Page 1 sur")), name


#: pdftotext's word box is this many times the font size (Carlito's ascent plus descent).
BOX_PER_POINT = 1.30


def _pages(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\f")[:-1]


def _sheet_of(page: str) -> str:
    """The sheet a printed page belongs to: the middle of its footer ('CAB Group AB — ...   Register   Sida 1 av 60')."""
    footer = [line for line in page.splitlines() if line.strip()][-1]
    return re.split(r"\s{2,}", footer.strip())[1]


@pytest.mark.parametrize("name", ["example", "cab-register", "cm-register-2018-08-15"])
def test_register_sheet_prints_pages_across_with_id_and_name_on_each(
    folder: Path, converted: dict[str, tuple[str, int]], name: str
) -> None:
    """The ICO's 25 columns do not fit A3 at a legible size: the Register sheet prints several pages across,
    then down, each page starting with the activity id and name columns (print titles), and between them the
    pages carry every column, from the purposes to the encoder's notes."""
    path = EXAMPLE if name == "example" else ROOT / "policies" / name.split("-", 1)[0] / f"{name.split('-', 1)[1]}.yaml"
    data = render_input(path)
    lang = data.language.value
    register = [page for page in _pages(folder / f"{name}.pdf") if _sheet_of(page) == label("xlsx.sheet.register", lang)]
    activities = [a for a in data.register.activities if a.role is Role.CONTROLLER]
    ids = [a.id[:10] for a in activities]  # a long id wraps in its cell
    across = sum(1 for page in register if ids[0] in page)
    assert 2 <= across <= 4, across
    for page in register:
        header = page.splitlines()[:6]
        assert any(label("xlsx.col.activity-id", lang) in line for line in header), page[:300]
        assert any(line.split()[:1] and line.split()[0][:10] in ids for line in page.splitlines()), page[:300]
    for act in activities:  # the id and the name on every page across of its band
        assert sum(1 for page in register if act.id[:10] in page) >= across, act.id
        assert sum(1 for page in register if flat(act.name)[:12] in flat(page)) >= across, act.id
    everything = flat(" ".join(register))
    for key in ("point.purposes", "point.recipients", "point.retention", "xlsx.col.notes"):
        assert flat(label(key, lang)) in everything, key
    assert len(register) % across == 0


@pytest.mark.parametrize("name", ["example", "cab-register", "cm-register-2018-08-15", "cmt-register"])
def test_no_text_prints_under_seven_points(folder: Path, converted: dict[str, tuple[str, int]], name: str) -> None:
    """Every word on every printed page, cells and footer, is at least 7 points high (font size x the sheet's
    scale), measured from the word boxes pdftotext reports."""
    box = subprocess.run(["pdftotext", "-bbox", str(folder / f"{name}.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    for number, page in enumerate(box.split("<page ")[1:], 1):
        sizes = [(float(y1) - float(y0)) / BOX_PER_POINT for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)]
        assert sizes, number
        assert min(sizes) >= 6.9, (name, number, min(sizes))


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


def test_german_and_french_workbooks_print_their_labels(converted: dict[str, tuple[str, int]]) -> None:
    """The --lang de and --lang fr workbooks print German and French headers and gap labels, footers included."""
    german = flat(converted["example-de"][0])
    assert "Zwecke der Verarbeitung" in german
    assert "In der Quelle nicht angegeben" in german
    assert "Seite 1 von" in german
    french = flat(converted["example-fr"][0])
    assert "Finalités du traitement" in french
    assert "Non précisé dans la source" in french
    assert "Page 1 sur" in french
    for text in (german, french):
        assert "Sending the newsletter to subscribers." in text


def test_hostile_text_prints_literally(converted: dict[str, tuple[str, int]]) -> None:
    """Formula-like text is shown as typed: LibreOffice evaluates nothing, so no '#NAME?' or computed value appears."""
    text = converted["hostile"][0]
    for value in HOSTILE:
        assert value in text, value
    assert "#NAME?" not in text
    assert "Err:" not in text


# --- the change report (ropa diff --xlsx, and ropa build for consecutive registers) --------------


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], check=True, capture_output=True, text=True).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            width, _, height = line.split("size:")[1].split()[:3]
            sizes.append((float(width), float(height)))
    return sizes


def _words_lost(folder: Path, name: str, converted: dict[str, tuple[str, int]]) -> tuple[int, dict[str, int]]:
    """How many words the workbook's cells hold, and each word (with its count) that LibreOffice's PDF lacks."""
    want: Counter[str] = Counter()
    for ws in load_workbook(folder / f"{name}.xlsx").worksheets:
        for row in ws.iter_rows(values_only=True):
            want.update(word for value in row if value is not None for word in str(value).split())
    have = Counter(converted[name][0].split())
    return sum(want.values()), {word: n - have[word] for word, n in want.items() if have[word] < n}


def test_change_report_prints_every_word(folder: Path, converted: dict[str, tuple[str, int]]) -> None:
    """Every word of every cell of the CM change report reaches LibreOffice's PDF: rows are tall enough.

    Only a word that a narrow column breaks over two lines (a long URL, a hyphenated word) may be
    missed, as the PDF's text has it in two pieces; without row heights a third of the words were lost.
    """
    total, lost = _words_lost(folder, CHANGES, converted)
    assert total > 5000
    assert sum(lost.values()) <= total // 200, sorted(lost.items())[:30]
    assert all("-" in word or "/" in word for word in lost), lost


def test_change_report_prints_landscape_one_page_wide(folder: Path, converted: dict[str, tuple[str, int]]) -> None:
    """Landscape pages, each sheet fitted to the page width (the first page has the first and the last
    column), the header row on every page of the Changes sheet, and the footer with page numbers."""
    text, pages = converted[CHANGES]
    sizes = _page_sizes(folder / f"{CHANGES}.pdf")
    assert len(sizes) == pages
    assert all(width > height for width, height in sizes), sizes
    assert pages <= 15
    sheets = text.split("\f")
    first = flat(sheets[0])
    for header in ("Area", "Item", "Old value", "New value", "Kind", "Risk"):
        assert header in first, header
    changes_pages = [page for page in sheets if "Changes" in page]
    assert len(changes_pages) >= 2
    assert all("Old value" in flat(page) and "Risk" in flat(page) for page in changes_pages)
    assert f"Page 1 of {pages}" in first
    assert "CM Groep B.V. \N{EM DASH} Change report: cm-2017-10-07 → cm-2018-08-15" in first


# --- the CNIL layout (ropa build --layout cnil) ---------------------------------------------------


def test_cnil_workbook_prints_each_fiche_portrait_and_one_page_wide(folder: Path, converted: dict[str, tuple[str, int]]) -> None:
    """Portrait A4 pages; each fiche starts on a page of its own with its title row, every section, and the
    erasure column (fitted to the width); the title row repeats on every page; the footer numbers the pages."""
    text, pages = converted[CNIL]
    sizes = _page_sizes(folder / f"{CNIL}.pdf")
    assert len(sizes) == pages
    assert all(height > width for width, height in sizes), sizes
    sheets = [flat(page) for page in text.split("\f") if page.strip()]
    first = sheets[0]
    assert "Registre des activités de traitement de CM Groep B.V." in first
    assert f"Page 1 sur {pages}" in first
    register = render_input(CM_2018).register
    for n, act in enumerate(register.activities, 1):
        own = [page for page in sheets if f"N° / REF : {act.id} " in page]  # the title row, on each of its pages
        assert own, act.id
        assert all(page.startswith("Fiche de registre de l'activité") and re.search(rf"\bFiche {n}\b", page) for page in own)
        printed = " ".join(own)
        assert all(flat(section) in printed for section in SECTIONS), act.id  # flat: the no-break space too
        assert "Délai d'effacement" in printed
        assert "Non précisé dans la source" in printed


def test_cnil_workbook_prints_every_word(folder: Path, converted: dict[str, tuple[str, int]]) -> None:
    """Every word of every cell reaches the PDF: the rows, section headings included, are tall enough."""
    total, lost = _words_lost(folder, CNIL, converted)
    assert total > 1500
    assert all("-" in word or "/" in word for word in lost), lost
