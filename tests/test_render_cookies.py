"""Cookies reach both outputs: the Word register lists each activity's cookies and describes every cookie once in an
annex of its own; the workbook has a Cookies sheet. Registers without cookies show neither."""

from __future__ import annotations

from pathlib import Path

from docx.table import Table

from tests import test_render_excel as excel
from tests import test_render_word as word
from tests.conftest import ROOT

EXAMPLE = ROOT / "tests" / "examples" / "valid" / "cookies" / "register.yaml"
CMT = ROOT / "policies" / "cmt" / "register.yaml"
CM_2017 = ROOT / "policies" / "cm" / "register-2017-10-07.yaml"
CAB = ROOT / "policies" / "cab" / "register.yaml"


def _annex_rows(path: Path, title: str, lang: str | None = None) -> dict[str, list[str]]:
    """The cookie annex's table as {cookie name: [whole entry text, activities]}."""
    doc = word.open_doc(word.rendered(path, lang))
    items = word.content(doc)
    start = max(i for i, item in enumerate(items) if word.is_heading(item) and word.text_of(item).endswith(title))
    table = next(item for item in items[start + 1 :] if isinstance(item, Table))
    return {row.cells[0].text.split("\n")[0]: [row.cells[0].text, row.cells[1].text] for row in table.rows[1:]}


def test_activity_lists_its_cookies_and_points_to_the_annex() -> None:
    """The statistics activity names both cookies with party and lifetime, and the annex letter after the others."""
    doc = word.open_doc(word.rendered(EXAMPLE))
    rows = word.label_rows(word.table_after(doc, "3.1\tWebsite statistics"))
    assert rows["Cookies"] == (
        "_pk_id (Third party, 13 months (P13M))\n"
        "cookie_consent (First party, Session (until the browser closes))\n"
        "What the source says of each cookie: Annex J."
    )


def test_annex_describes_each_cookie_once() -> None:
    """Annex J lists every point of each cookie, the activities using it, and quotes what the source says."""
    rows = _annex_rows(EXAMPLE, "Annex J – Cookies")
    entry, used = rows["_pk_id"]
    assert entry.split("\n")[1:] == [
        "First or third party: Third party",
        "Provider: Matomo Cloud",
        "Cookie purpose: Website statistics",
        "Cookie lifetime: 13 months (P13M)",
        "Strictly necessary (no consent needed): No",
        "Identifies the browser or device: Yes",
        "Categories of personal data: Random visitor ID",
    ]
    assert used == "3.1"
    texts = [word.text_of(item) for item in word.content(word.open_doc(word.rendered(EXAMPLE)))]
    assert "“expires after 13 months”" in texts


def test_annex_shows_a_cookie_point_not_stated_with_its_note() -> None:
    """CMT's policy gives no lifetime: the annex says so in the gap style and keeps the encoder's note."""
    entry, used = _annex_rows(CMT, "– Cookies")["Umbraco cookies"]
    assert "Cookie lifetime: Not stated in source\nNote: The policy gives no lifetime for any cookie." in entry
    assert "Strictly necessary (no consent needed): Yes" in entry
    assert used != "–"


def test_swedish_labels() -> None:
    """The annex and the activity row speak the register's language when asked to."""
    rows = _annex_rows(EXAMPLE, "– Kakor (cookies)", "sv")
    entry = rows["_pk_id"][0]
    assert "Förstapart eller tredjepart: Tredjepart\n" in entry
    assert "Kakans livslängd: 13 månader (P13M)\nStrikt nödvändig (inget samtycke krävs): Nej\n" in entry


def test_no_cookie_annex_or_sheet_without_cookies() -> None:
    """CAB's policy names no cookie: no annex, no sheet, no row in its activities."""
    doc = word.open_doc(word.rendered(CAB))
    assert not [text for _, text in word.headings(doc) if "Kakor" in text or "Cookies" in text]
    assert "Kakor" not in excel.book(CAB).sheetnames


def test_workbook_cookies_sheet_reads_back() -> None:
    """One row per cookie: name, party, provider, purpose, lifetime, the two flags, data categories and activities."""
    ws = excel.book(EXAMPLE)["Cookies"]
    pk = excel.record(ws, "pk-id", "ID")
    assert pk["Cookie name"].value == "_pk_id"
    assert pk["First or third party"].value == "Third party"
    assert pk["Provider"].value == "Matomo Cloud (Processor, Germany)"
    assert pk["Cookie lifetime"].value == "13 months (P13M)"
    assert pk["Strictly necessary (no consent needed)"].value == "No"
    assert pk["Identifies the browser or device"].value == "Yes"
    assert pk["Categories of personal data"].value == "Random visitor ID"
    assert pk["Activities"].value == "statistics: Website statistics"
    consent = excel.record(ws, "consent", "ID")
    assert consent["Cookie lifetime"].value == "Session (until the browser closes)"
    assert consent["Identifies the browser or device"].value in (None, "")  # left out: not shown as a value


def test_workbook_shows_a_cookie_gap_in_the_gap_style() -> None:
    """CM 2017's Google Analytics cookie has no stated lifetime: 'Not stated in source', and the Gaps sheet names it."""
    wb = excel.book(CM_2017)
    ga = excel.record(wb["Cookies"], "google-analytics-cookies", "ID")
    assert ga["Cookie lifetime"].value == excel.NOT_STATED
    assert ga["First or third party"].value == "First and third party"
    gaps = [r for r in excel.records(wb["Gaps"]) if str(r["Place in the register file (YAML path)"].value).startswith("cookies[1].")]
    assert {str(r["Point"].value) for r in gaps} == {"Cookie lifetime"}
    assert str(gaps[0]["Note"].value).startswith("Google Analytics cookies")
