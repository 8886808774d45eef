"""Every stated field of issue 11's points reaches the Word register, the workbook and the web page (read back from each).

The gaps closed here: a recipient's own quotes in Word Annex A; the notes of policy claims and their limits in Word;
the certification line of a transfer's recipient in Annex B; the encoder's notes on a recipient's or a cookie's points
in the workbook; the Evidence sheet's point for Art. 13(2)(e); and on the page the recipients (with their relations),
the categories, the cookies and Art. 13(2)(e), without the encoder's notes in the extract for publication.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from functools import cache
from pathlib import Path

import docx
import openpyxl
import pytest

from ropa.importing import own_notes
from ropa.model import Register
from ropa.model.markers import Fact, NotApplicable, NotStated, Quote
from ropa.reference.labels import label
from ropa.render.context import RenderInput
from ropa.render.excel import paths
from ropa.render.excel import render as render_xlsx
from ropa.render.excel.words import items
from ropa.render.word import render as render_docx
from ropa.validate import validate_file
from tests.conftest import ROOT, minimal_data
from tests.html_page import Page, page_of

VALID = ROOT / "tests" / "examples" / "valid"
RELATIONS = VALID / "relations" / "register.yaml"
KINDS = VALID / "recipient-kinds" / "register.yaml"
ORGPOINTS = VALID / "orgpoints" / "register.yaml"
COOKIES = VALID / "cookies" / "register.yaml"
CAB = ROOT / "policies" / "cab" / "register.yaml"
CM_2017 = ROOT / "policies" / "cm" / "register-2017-10-07.yaml"
CM_2018 = ROOT / "policies" / "cm" / "register-2018-08-15.yaml"
CMT = ROOT / "policies" / "cmt" / "register.yaml"


@cache
def _input(path: Path) -> RenderInput:
    outcome = validate_file(path)
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, "en")


def _register(path: Path) -> Register:
    register = _input(path).register
    assert register is not None
    return register


@cache
def _word(path: Path) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(_input(path))))


def _annex(path: Path, letter: str) -> list[str]:
    """The paragraphs (outside tables) of one Word annex, from its heading to the next annex's."""
    doc = _word(path)
    texts = [p.text for p in doc.paragraphs]
    heads = [i for i, p in enumerate(doc.paragraphs) if p.style is not None and p.style.name == "Heading 1"]
    start = next(i for i in heads if texts[i].startswith(f"Annex {letter} "))
    end = next((i for i in heads if i > start), len(texts))
    return texts[start:end]


def _table_with(path: Path, header: str) -> list[list[str]]:
    """The rows of every Word table whose first header cell is ``header``, each as the text of its cells."""
    return [[c.text for c in row.cells] for t in _word(path).tables if t.rows[0].cells[0].text == header for row in t.rows[1:]]


@cache
def _sheet(path: Path, name: str) -> dict[str, dict[str, str]]:
    """A workbook sheet: first cell of each row -> header (first line) -> cell text."""
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(path))))[name]
    header = [str(c.value).split("\n")[0] for c in ws[1]]
    return {str(row[0].value): {h: str(c.value or "") for h, c in zip(header, row, strict=True)} for row in ws.iter_rows(min_row=2)}


# --- Word -----------------------------------------------------------------------------------------------------------


def test_word_annex_a_quotes_each_recipient_and_its_points() -> None:
    """The quotes behind a recipient and behind its country and certification, once each, with the points they support."""
    shown = _annex(RELATIONS, "A")
    at = shown.index("“We send the newsletter with Intuit Inc. (Mailchimp)”")
    assert shown[at + 1].endswith("Evidence for: Intuit Inc. (Mailchimp)")
    at = shown.index("“Intuit Inc. is certified under the EU-US Data Privacy Framework.”")
    assert shown[at + 1].endswith("Evidence for: Intuit Inc. (Mailchimp) (Certified under the EU-US Data Privacy Framework)")
    at = shown.index("“Amazon Web Services in the USA”")
    assert shown[at + 1].endswith("Evidence for: Amazon Web Services (Country)")


def test_word_annex_a_prints_the_processor_limits_a_policy_states() -> None:
    """CM 2017: Google's and Hotjar's limits (issue 11's omissions) are quoted under Annex A, each naming its recipient."""
    register = _register(CM_2017)
    shown = _annex(CM_2017, "A")
    google = next(r for r in register.recipients if "Google will not combine" in " ".join(getattr(e, "quote", "") for e in r.evidence))
    at = shown.index("“Google will not combine your IP address with any other data held by Google.”")
    assert google.name in shown[at + 1].split("Evidence for: ", 1)[1].split("; ")
    assert "“Hotjar does not track your browsing habits across websites which do not use Hotjar services.”" in shown


def test_word_shows_the_notes_of_claims_and_of_their_limits() -> None:
    """Each claim's note and each limit's note reads in section 1.4 beside the promise, as on the workbook's Controller sheet."""
    for path in (CAB, CM_2017, CMT):
        cells = [line for row in _table_with(path, "Point") for cell in row for line in cell.splitlines()]
        register = _register(path)
        for claim in register.policy_claims:
            if claim.note:
                assert f"Note: {claim.note}" in cells, (path.name, claim.kind)
            for limit in claim.limits:
                if limit.note:
                    assert f"Note: {limit.description}: {limit.note}" in cells, (path.name, limit.description)
    assert any(claim.note for claim in _register(CAB).policy_claims)
    assert any(limit.note for claim in _register(CAB).policy_claims for limit in claim.limits)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (RELATIONS, "Certified under the EU-US Data Privacy Framework: Yes"),
        (KINDS, "Certified under the EU-US Privacy Shield: Yes"),
    ],
)
def test_word_annex_b_shows_the_certification_of_a_transfer_s_recipient(path: Path, line: str) -> None:
    """Annex B names the transfer's recipient with its certification line, as Annex A does."""
    rows = _table_with(path, "Processing activity")
    transfers = [row for row in rows if row[2].startswith(("Intuit Inc.", "MailChimp"))]
    assert transfers, rows
    assert all(line in row[2].splitlines() for row in transfers), transfers


@pytest.mark.parametrize("path", [RELATIONS, KINDS, CM_2017])
def test_word_annex_b_certification_lines_match_annex_a(path: Path) -> None:
    """Each transfer's recipient carries in Annex B the certification lines it has in Annex A, no more (none for AWS, which states none)."""

    def certified(cell: str) -> list[str]:
        return [line for line in cell.splitlines() if line.startswith("Certified under")]

    annex_a = {row[0].splitlines()[0]: certified(row[2]) for row in _table_with(path, "Recipient")}
    rows = [row for row in _table_with(path, "Processing activity") if row[2] and row[2].splitlines()[0] in annex_a]
    assert rows
    for row in rows:
        assert certified(row[2]) == annex_a[row[2].splitlines()[0]], row


# --- the workbook ---------------------------------------------------------------------------------------------------


def test_recipients_sheet_notes_carry_the_notes_on_each_point() -> None:
    """CMT's contract notes and CM 2018's country note are in the Recipients sheet's Note column, labelled by point."""
    for path in (CMT, CM_2018, ORGPOINTS):
        rows = _sheet(path, "Recipients")
        seen = 0
        for rec in _register(path).recipients:
            notes = rows[rec.id]["Note"].splitlines()
            for key, value in (("point.country", rec.country), ("point.processor-contract", rec.contract)):
                if isinstance(value, Fact | NotStated) and value.note:
                    assert f"{label(key, 'en')}: {value.note}" in notes, (path.name, rec.id)
                    seen += 1
        assert seen, path.name


def test_cookies_sheet_notes_say_why_a_point_is_open() -> None:
    """CM 2018's cookie whose party the source leaves open: the encoder's note on it is in the Note column."""
    (cookie,) = _register(CM_2018).cookies[:1]
    assert isinstance(cookie.party, NotStated)
    notes = _sheet(CM_2018, "Cookies")[cookie.id]["Note"].splitlines()
    assert f"First or third party: {cookie.party.note}" in notes


def test_evidence_sheet_names_the_art_13_2_e_point() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(ORGPOINTS))))["Evidence"]
    rows = [[str(c.value or "") for c in row] for row in ws.iter_rows(min_row=2)]
    provision = [row for row in rows if ".provision_requirement" in row[3]]
    assert provision
    assert {row[2] for row in provision} == {"Requirement to provide the data"}


# --- the web page ---------------------------------------------------------------------------------------------------


def _section(path: Path, ident: str, *, public: bool = False) -> str:
    """What the page shows from a section's heading (``id``) to the next section's heading."""
    payload, _ = page_of(path, public=public, lang="en")
    source = payload.decode("utf-8")
    start = source.index(f'<h2 id="{ident}">')
    return Page(source[start : source.index("</section>", start)]).text


def _page(path: Path, *, public: bool = False) -> Page:
    return page_of(path, public=public, lang="en")[1]


def test_page_lists_every_recipient_with_its_relations_and_quotes() -> None:
    """The Recipients section: kind, country, certification, relations both ways, the note, and each quote."""
    page = _page(RELATIONS)
    shown = _section(RELATIONS, "recipients")
    for rec in _register(RELATIONS).recipients:
        assert page.by_id(f"recipient-{rec.id}").tag == "article"
        assert rec.name in shown
    assert "Sub-processor of Intuit Inc. (Mailchimp)" in shown
    assert "Sub-processors: Amazon Web Services" in shown
    assert "(The policy names either company as the one that sends the newsletter.)" in shown  # the relation's note
    assert "Certified under the EU-US Data Privacy FrameworkArt. 45Yes" in shown
    assert "Mailchimp stores the newsletter list with its sub-processor Amazon Web Services" in shown
    assert "Evidence for: Amazon Web Services (Relations to other recipients)" in shown
    assert [a.attrs["href"] for a in page.all("a") if a.attrs.get("href") == "#recipients"]


def test_public_page_leaves_the_notes_of_recipients_and_cookies_out() -> None:
    note = "The policy does not say whether the hosting partners act as processors."
    assert note in _section(KINDS, "recipients")
    assert note not in _page(KINDS, public=True).text
    assert "Hosting partners" in _section(KINDS, "recipients", public=True)
    (cookie,) = _register(CM_2018).cookies[:1]
    assert cookie.name in _section(CM_2018, "cookies", public=True)
    assert cookie.note
    assert cookie.note in _section(CM_2018, "cookies")
    assert cookie.note not in _page(CM_2018, public=True).text


def test_page_lists_every_cookie_with_its_points() -> None:
    """The Cookies section (linked from the contents): each cookie's party, purpose, lifetime, and the activities using it."""
    page = _page(COOKIES)
    shown = _section(COOKIES, "cookies")
    register = _register(COOKIES)
    for cookie in register.cookies:
        assert page.by_id(f"cookie-{cookie.id}").tag == "article"
        assert cookie.name in shown
        if isinstance(cookie.purpose, Fact):
            assert " ".join(cookie.purpose.value.split()) in shown
    assert "First or third party" in shown
    assert [a for a in page.all("a") if a.attrs.get("href") == "#cookies"]
    without = _page(RELATIONS)
    assert not [h for h in without.all("h2") if h.attrs.get("id") == "cookies"]  # no cookies, no section
    assert not [a for a in without.all("a") if a.attrs.get("href") == "#cookies"]


def test_page_shows_art_13_2_e_in_the_activity() -> None:
    """An activity recording Art. 13(2)(e) has its row: the data, the requirement, obliged or not, the consequences."""
    page = _page(ORGPOINTS)
    register = _register(ORGPOINTS)
    act = next(a for a in register.activities if isinstance(a.provision_requirement, list))
    assert isinstance(act.provision_requirement, list)
    source = page_of(ORGPOINTS, lang="en")[0].decode("utf-8")
    start = source.index(f'<article id="activity-{act.id}"')
    shown = Page(source[start : source.index("</article>", start)]).text
    assert "Requirement to provide the dataArt. 13(2)(e)" in shown
    assert page.by_id(f"activity-{act.id}").tag == "article"
    for st in act.provision_requirement:
        assert label(f"enum.ProvisionRequirement.{st.requirement.value}", "en") in shown
        if st.consequences:
            assert " ".join(st.consequences.split()) in shown


def test_page_describes_every_category_once() -> None:
    """Who belongs to a category of data subjects and what a data category holds, as the workbook's categories sheet has it."""
    shown = _section(CAB, "categories")
    register = _register(CAB)
    named = [(s.name, s.description) for s in register.data_subject_categories]
    named += [(c.name, c.description) for c in register.data_categories]
    for name, description in named:
        assert name in shown
        if description:
            assert " ".join(description.split()) in shown


def test_import_keeps_the_notes_after_one_it_cannot_place() -> None:
    """The Notes column names Art. 13(2)(e) now; an import, which has no place for that point, still restores the notes after it."""
    activity = minimal_data()["activities"][0]
    text = items(["Requirement to provide the data: asked at sign-up", "Categories of recipients: the list is the processor's own"])
    assert own_notes.restore(activity, text, "en")
    assert activity["recipients"]["note"] == "the list is the processor's own"
    assert "note" not in activity.get("provision_requirement", {})


@pytest.mark.parametrize("path", [CAB, CM_2017, CM_2018, CMT, RELATIONS, KINDS, ORGPOINTS, COOKIES], ids=lambda p: p.stem)
def test_every_note_is_on_the_internal_page_and_none_on_the_public_one(path: Path) -> None:
    """Every encoder's note (and not-applicable reason) of the register reads somewhere on the page; the extract has none of the notes."""
    register = _register(path)
    full, public = _page(path).text, _page(path, public=True).text
    found = [(where, " ".join(note.split())) for where, note in paths.notes(register)]
    assert found
    for where, note in found:
        assert note in full, where
    notes = [note for where, note in found if note not in _reasons(register)]
    assert [note for note in notes if note in public] == []


def _reasons(register: Register) -> set[str]:
    """The not-applicable reasons: they are the register's statement, not an encoder's note, so the extract keeps them."""
    return {" ".join(part.reason.split()) for _, part, _ in paths.walk(register) if isinstance(part, NotApplicable)}


def _package_text(package: bytes) -> str:
    """Every text of an Office package's XML parts (the document, the sheets' strings), paragraphs and cells apart."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
    text = " ".join(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>|</si>|</c>|<w:br/>|<w:tab/>", " ", part)) for part in parts)
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("path", [CAB, CM_2017, CM_2018, CMT, RELATIONS, KINDS, ORGPOINTS, COOKIES], ids=lambda p: p.stem)
def test_every_note_and_quote_reaches_the_word_register_and_the_workbook(path: Path) -> None:
    """Each encoder's note, not-applicable reason and quote of the register is in the Word register and in the workbook."""
    register = _register(path)
    said = [(where, note) for where, note in paths.notes(register)]
    said += [(where, ev.quote) for where, ev in paths.evidence(register) if isinstance(ev, Quote)]
    assert said
    for package in (render_docx(_input(path)), render_xlsx(_input(path))):
        text = _package_text(package)
        assert [where for where, words in said if " ".join(words.split()) not in text] == []
