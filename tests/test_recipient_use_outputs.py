"""Which activities involve a recipient: the Word register's Annex A, the workbook's Recipients sheet and the web page
give the same answer, for a recipient that is only a transfer's, only a storage place's, only a retention rule's
holder (``held_by``), or named by a point the activities inherit from ``defaults``
(tests/examples/valid/recipient-use; ``ropa.reporting.recipient_use``)."""

from __future__ import annotations

import io
import re
from functools import cache

import docx
import openpyxl
import pytest

from ropa.reference.labels import label
from ropa.render.context import RenderInput
from ropa.render.excel import render as render_xlsx
from ropa.render.html import render as render_html
from ropa.render.word import render as render_docx
from ropa.validate import validate_file
from tests.conftest import ROOT
from tests.html_page import Page

REGISTER = ROOT / "tests" / "examples" / "valid" / "recipient-use" / "register.yaml"

#: What the register means: recipient id -> the activities that involve it.
EXPECTED = {
    "mailchimp": {"newsletter"},  # listed under `recipients`
    "cloudco": {"statistics"},  # only a transfer's recipient
    "hostco": {"newsletter"},  # only the provider of a storage place
    "archiveco": {"customer-service"},  # only the holder of a retention rule's copy
    "backupco": {"statistics", "customer-service"},  # the storage place of `defaults`; the newsletter states its own
}
#: The activities' names, which the Word register and the workbook show beside their numbers or ids.
NAMES = {"newsletter": "Newsletter", "statistics": "Website statistics", "customer-service": "Customer service"}
#: The recipients' names, as Annex A heads their rows.
RECIPIENTS = {"mailchimp": "MailChimp", "cloudco": "CloudCo", "hostco": "HostCo", "archiveco": "ArchiveCo", "backupco": "BackupCo"}


@cache
def _input(lang: str = "en") -> RenderInput:
    outcome = validate_file(REGISTER)
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


@cache
def _workbook(lang: str = "en") -> dict[str, str]:
    """Recipient id -> its Activities cell on the Recipients sheet (read back with openpyxl)."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(lang))))
    ws = book[label("xlsx.sheet.recipients", lang)]
    header = [str(c.value).split("\n")[0] for c in ws[1]]
    column = header.index(label("xlsx.col.activities", lang))
    return {str(row[0].value): str(row[column].value or "") for row in ws.iter_rows(min_row=2)}


@cache
def _annex_a(lang: str = "en") -> dict[str, str]:
    """Recipient name -> the Activities cell of its row in the Word register's Annex A (read back with python-docx)."""
    doc = docx.Document(io.BytesIO(render_docx(_input(lang))))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == label("docx.col.recipient", lang))
    return {row.cells[0].paragraphs[0].text: row.cells[-1].text for row in table.rows[1:]}


@cache
def _numbers() -> dict[str, str]:
    """The Word register's number of each activity ('3.2'), from its headings."""
    doc = docx.Document(io.BytesIO(render_docx(_input())))
    by_name = {name: aid for aid, name in NAMES.items()}
    found = {}
    for p in doc.paragraphs:
        number, _, title = p.text.partition("\t")
        if p.style is not None and p.style.name == "Heading 2" and title in by_name:
            found[number] = by_name[title]
    assert len(found) == len(NAMES), found
    return found


@cache
def _page(lang: str = "en") -> Page:
    return Page(render_html(_input(lang), public=False).decode("utf-8"))


def _page_entries(page: Page, label: str) -> dict[str, str]:
    """Recipient id -> the text of the row ``label`` in its entry of the page's Recipients section ('' without one)."""
    out: dict[str, str] = {}
    current = None
    elements = page.elements
    for i, e in enumerate(elements):
        ident = e.attrs.get("id", "")
        if e.tag in ("article", "section"):  # a recipient's entry, or anything else
            current = ident.removeprefix("recipient-") if e.tag == "article" and ident.startswith("recipient-") else None
            if current:
                out[current] = ""
        elif e.tag == "th" and current and "".join(e.text).strip() == label:
            cell = next(x for x in elements[i + 1 :] if x.tag == "td")
            out[current] = "".join(cell.text)
    return out


def _ids_in_lines(cell: str) -> set[str]:
    """The activity ids of a workbook or web-page cell: one '• id: Name (how)' per line."""
    return {line.removeprefix("\N{BULLET} ").split(":", 1)[0] for line in cell.splitlines() if line}


def test_workbook_names_every_activity_that_involves_the_recipient() -> None:
    cells = _workbook()
    assert {rid: _ids_in_lines(cells[rid]) for rid in EXPECTED} == EXPECTED


def test_word_annex_a_names_every_activity_that_involves_the_recipient() -> None:
    cells, numbers = _annex_a(), _numbers()
    shown = {rid: {numbers[n.split(" ", 1)[0]] for n in cells[name].split(", ")} for rid, name in RECIPIENTS.items()}
    assert shown == EXPECTED


def test_web_page_names_every_activity_that_involves_the_recipient() -> None:
    cells = _page_entries(_page(), "Activities")
    assert {rid: _ids_in_lines(cells[rid]) for rid in EXPECTED} == EXPECTED


def test_web_page_filter_finds_the_same_activities() -> None:
    """Choosing a recipient in the summary's filter keeps the rows whose data-recipients name it: the same activities."""
    page = _page()
    rows = [e for e in page.all("tr") if "data-section" in e.attrs]
    kept = {
        rid: {r.attrs["data-section"].removeprefix("activity-") for r in rows if rid in r.attrs["data-recipients"].split()}
        for rid in EXPECTED
    }
    assert kept == EXPECTED
    options = {e.attrs["value"] for e in page.all("option")} - {""}
    assert set(EXPECTED) <= options


@pytest.mark.parametrize(
    ("rid", "word", "workbook"),
    [
        ("mailchimp", "3.1", "newsletter: Newsletter"),
        ("cloudco", "3.2 (transfer)", "statistics: Website statistics (transfer)"),
        ("hostco", "3.1 (storage)", "newsletter: Newsletter (storage)"),
        ("archiveco", "3.3 (retention of its copy)", "customer-service: Customer service (retention of its copy)"),
        (
            "backupco",
            "3.2 (storage), 3.3 (storage)",
            "• statistics: Website statistics (storage)\n• customer-service: Customer service (storage)",
        ),
    ],
)
def test_each_output_says_how_a_recipient_not_listed_is_involved(rid: str, word: str, workbook: str) -> None:
    """Listed under `recipients`: the activity alone; otherwise with how ('transfer', 'storage'...), the same words everywhere."""
    assert _annex_a()[RECIPIENTS[rid]] == word
    assert _workbook()[rid] == workbook
    assert _page_entries(_page(), "Activities")[rid] == workbook


def test_how_is_said_in_the_register_s_language() -> None:
    """German labels: Übermittlung, Speicherung, Aufbewahrung seiner Kopie."""
    assert _annex_a("de")["CloudCo"] == "3.2 (Übermittlung)"
    assert _annex_a("de")["ArchiveCo"] == "3.3 (Aufbewahrung seiner Kopie)"
    assert _workbook("de")["hostco"] == "newsletter: Newsletter (Speicherung)"
    assert re.search(
        r"statistics: Website statistics \(Speicherung\)", _page_entries(_page("de"), label("xlsx.col.activities", "de"))["backupco"]
    )
