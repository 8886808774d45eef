"""The Word register: reopened with python-docx and read as a reviewer would, then rebuilt byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.loading.load import FORBIDDEN_CHARS
from ropa.model.enums import Language
from ropa.reference.labels import LANGUAGES, catalogue
from ropa.render.context import RenderInput
from ropa.render.word import render
from ropa.reporting import gaps
from ropa.validate import validate_file
from tests.conftest import MINIMAL, ROOT

REGISTER = MINIMAL / "register.yaml"
REAL = sorted(ROOT.glob("policies/*/*.yaml"))
CMT = ROOT / "policies" / "cmt" / "register.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def render_input(path: Path, lang: str | None = None) -> RenderInput:
    """Validate a register file and wrap it the way ``ropa build`` does."""
    outcome = validate_file(path, display=str(path.relative_to(ROOT)))
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


@cache
def rendered(path: Path, lang: str | None = None) -> bytes:
    """The .docx bytes of a register file (rendered once per test session)."""
    return render(render_input(path, lang))


def open_doc(payload: bytes) -> Document:
    return docx.Document(io.BytesIO(payload))


def content(doc: Document) -> list[Paragraph | Table]:
    """Body paragraphs and tables, in document order."""
    return list(doc.iter_inner_content())


def style_of(item: Paragraph | Table) -> str:
    """The style name of a paragraph ('' for a table or a paragraph without one)."""
    if isinstance(item, Paragraph) and item.style is not None:
        return str(item.style.name)
    return ""


def text_of(item: Paragraph | Table) -> str:
    return item.text if isinstance(item, Paragraph) else ""


def headings(doc: Document) -> list[tuple[str, str]]:
    """(style name, text) of every Heading 1-3 paragraph, in order."""
    return [(style_of(p), p.text) for p in doc.paragraphs if style_of(p).startswith("Heading")]


def table_after(doc: Document, heading: str) -> Table:
    """The first table after the heading whose text is ``heading`` (not its entry in the contents)."""
    items = content(doc)
    start = next(i for i, item in enumerate(items) if is_heading(item) and text_of(item) == heading)
    return next(item for item in items[start + 1 :] if isinstance(item, Table))


def is_heading(item: Paragraph | Table) -> bool:
    return style_of(item).startswith("Heading")


def label_rows(table: Table) -> dict[str, str]:
    """A two-column label/value table as {first line of the label: value text}."""
    return {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in table.rows[1:]}


def all_paragraphs(doc: Document) -> Iterator[Any]:
    """Every ``w:p`` element of the body, table cells included."""
    yield from doc.element.body.iter(f"{W}p")


def run_styles(doc: Document) -> Iterator[tuple[str, str | None]]:
    """(text, character style id) of every run in the body."""
    for r in doc.element.body.iter(f"{W}r"):
        style = r.find(f"{W}rPr/{W}rStyle")
        yield "".join(t.text or "" for t in r.iter(f"{W}t")), None if style is None else style.get(f"{W}val")


# --- structure -------------------------------------------------------------------------------


def test_minimal_sections_in_order() -> None:
    """Numbered sections 1-3, one subsection per activity, then the lettered annexes."""
    doc = open_doc(rendered(REGISTER))
    assert headings(doc) == [
        ("Heading 1", "1\tThe controller"),
        ("Heading 2", "1.1\tName and contact details"),
        ("Heading 3", "Evidence from the source"),
        ("Heading 2", "1.2\tRepresentative, data protection officer, joint controllers and authority"),
        ("Heading 2", "1.3\tApplicability of the Art. 30(5) exemption"),
        ("Heading 2", "1.4\tData subjects' rights"),
        ("Heading 3", "Evidence from the source"),
        ("Heading 1", "2\tSummary of processing activities"),
        ("Heading 1", "3\tProcessing activities"),
        ("Heading 2", "3.1\tNewsletter"),
        ("Heading 3", "Evidence from the source"),
        ("Heading 3", "DPIA screening"),
        ("Heading 1", "Annex A – Recipients"),
        ("Heading 3", "Evidence from the source"),
        ("Heading 1", "Annex B – Third-country transfers and safeguards"),
        ("Heading 1", "Annex C – Retention schedule"),
        ("Heading 1", "Annex D – Security measures"),
        ("Heading 3", "Evidence from the source"),
        ("Heading 1", "Annex E – Points the source does not state"),
        ("Heading 1", "Annex F – Source documents"),
        ("Heading 1", "Annex G – Validation warnings"),
        ("Heading 1", "Annex H – DPIA screening"),
        ("Heading 1", "Annex I – Data subjects and data categories"),
        ("Heading 2", "Categories of data subjects"),
        ("Heading 3", "Evidence from the source"),
        ("Heading 2", "Categories of personal data"),
        ("Heading 3", "Evidence from the source"),
    ]


def test_title_page() -> None:
    """Title, organisation, legal details, register date, space for approval, the version line with hash and
    tool version at the page's foot, and the reading note under the contents."""
    data = render_input(REGISTER)
    doc = open_doc(rendered(REGISTER))
    paras = doc.paragraphs
    assert (style_of(paras[0]), paras[0].text) == ("Title", "Record of processing activities (GDPR\u00a0Art.\u00a030)")
    assert (style_of(paras[1]), paras[1].text) == ("Subtitle", "Example AB")
    details = label_rows_all(doc.tables[0])
    assert details["Controller"] == "Example AB"
    assert details["Registration number"] == "556000-0000"
    assert details["Address"] == "Storgatan 1, 111 22 Stockholm, Sweden"
    assert details["Register date"] == "1 June 2025"
    assert details["Last reviewed"] == "Not stated in source"
    approval = doc.tables[1]
    assert [c.text for c in approval.rows[0].cells] == ["", "Name and role", "Date", "Signature"]
    assert [r.cells[0].text for r in approval.rows[1:]] == ["Reviewed by", "Approved by"]
    note = next(p.text for p in paras if style_of(p) == "Reading Note")
    assert note.startswith("How to read this record.")
    assert "Entries marked Not stated in source are points the source leaves open; Annex E lists them all" in note
    version = doc.sections[0].first_page_footer.paragraphs[0].text
    assert data.sha256 in version
    assert len(data.sha256) == 64
    assert f"ropa {data.tool_version}" in version
    assert "tests/examples/valid/minimal/register.yaml" in version


def label_rows_all(table: Table) -> dict[str, str]:
    """A label/value table without a header row."""
    return {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in table.rows}


def test_toc_is_a_field_prefilled_with_linked_headings() -> None:
    """A real TOC field (levels 1-2) whose result lists every numbered heading, each linked to its bookmark."""
    doc = open_doc(rendered(REGISTER))
    body = doc.element.body
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(re.fullmatch(r'\s*TOC \\o "1-2" \\h \\z \\u\s*', i or "") for i in instructions)
    entries = [p for p in doc.paragraphs if style_of(p) in ("toc 1", "toc 2")]
    expected = [text for style, text in headings(doc) if style in ("Heading 1", "Heading 2")]
    assert [p.text for p in entries] == expected
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    anchors = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    assert len(anchors) == len(expected)
    assert set(anchors) <= bookmarks
    kinds = [f.get(f"{W}fldCharType") for f in body.iter(f"{W}fldChar")]
    assert kinds.count("begin") == kinds.count("end") == kinds.count("separate")


def test_activity_table_cites_art30_and_holds_the_values() -> None:
    """The activity's two-column table: label with its Art. 30 point, and the register's values."""
    doc = open_doc(rendered(REGISTER))
    table = table_after(doc, "3.1\tNewsletter")
    assert [c.text for c in table.rows[0].cells] == ["Point", "Newsletter"]
    rows = label_rows(table)
    assert rows["Purposes of the processing"] == "Sending the newsletter to subscribers."
    assert rows["Lawful basis (Art. 6)"].startswith(
        "Consent (Art. 6(1)(a))\nHow consent is withdrawn: Unsubscribe link in every newsletter."
    )
    assert rows["Categories of personal data"] == "E-mail address\nFirst name\nWhat the source says of each category: Annex I."
    assert rows["Categories of recipients"] == "MailChimp (Processor, United States)"
    assert rows["Third countries or international organisations"] == (
        "Transfer destination: United States — MailChimp\nTransfer safeguards: Not stated in source"
    )
    assert rows["Time limits for erasure"] == "Not stated in source"
    labels = {row.cells[0].text.split("\n")[0]: row.cells[0].text for row in table.rows[1:]}
    assert labels["Purposes of the processing"].endswith("\nArt. 30(1)(b)")
    assert labels["Categories of recipients"].endswith("\nArt. 30(1)(d)")
    assert labels["Third countries or international organisations"].endswith("\nArt. 30(1)(e)")


def test_evidence_quotes_follow_the_activity() -> None:
    """Each quote of the activity appears once as a Quote paragraph, its source and points beneath."""
    doc = open_doc(rendered(REGISTER))
    items = content(doc)
    start = next(i for i, p in enumerate(items) if is_heading(p) and text_of(p) == "3.1\tNewsletter")
    end = next(i for i, p in enumerate(items) if is_heading(p) and text_of(p).startswith("Annex A"))
    quotes = [p for p in items[start:end] if style_of(p) == "Quote"]
    texts = [text_of(q) for q in quotes]
    assert "“When you subscribe to our newsletter”" in texts
    assert "“MailChimp, whose servers are in the USA”" in texts
    assert len(texts) == len(set(texts))
    sources = [p for p in items[start:end] if style_of(p) == "Quote Source"]
    assert len(sources) == len(quotes)
    subscribe = text_of(sources[texts.index("“When you subscribe to our newsletter”")])
    assert subscribe.startswith("— Privacy policy of Example AB.")
    assert "Categories of data subjects" in subscribe
    assert "Lawful basis (Art. 6)" in subscribe


def test_not_stated_is_marked_one_way_everywhere() -> None:
    """Every 'Not stated in source' is a run in the NotStated style, and that style marks nothing else."""
    doc = open_doc(rendered(REGISTER))
    runs = list(run_styles(doc))
    marked = [text for text, style in runs if style == "NotStated"]
    assert marked
    assert set(marked) == {"Not stated in source"}
    assert all(style == "NotStated" for text, style in runs if "Not stated in source" in text)
    assert doc.styles["Not Stated"].font.italic


def test_gaps_annex_lists_every_missing_point_by_activity() -> None:
    """Annex E has one row per point the source does not state, grouped under the organisation and each activity."""
    data = render_input(REGISTER)
    doc = open_doc(rendered(REGISTER))
    table = table_after(doc, "Annex E – Points the source does not state")
    missing = gaps.missing(data.register)
    groups = [row.cells[0].text for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) == 1]
    assert groups == ["Organisation", "3.1 Newsletter"]
    points = [row.cells[0].text for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) > 1]
    assert len(points) == len(missing)
    assert "Transfer safeguards\nMailChimp" in points
    assert "Time limits for erasure" in points
    note = next(row.cells[2].text for row in table.rows[1:] if row.cells[0].text == "Supervisory authority")
    assert note == "Presumably IMY (Sweden); the policy names no authority."


def test_summary_table_has_one_row_per_activity() -> None:
    """Section 2 lists each activity with its number, bases, third countries and open points."""
    data = render_input(CMT)
    doc = open_doc(rendered(CMT))
    table = table_after(doc, "2\tSummary of processing activities")
    rows = table.rows[1:]
    assert [r.cells[1].text.split("\n")[0] for r in rows] == [a.name for a in data.register.activities]
    assert [r.cells[0].text for r in rows] == [f"3.{i}" for i in range(1, len(rows) + 1)]
    open_points = {a.id: 0 for a in data.register.activities}
    for gap in gaps.missing(data.register):
        if gap.activity:
            open_points[gap.activity] += 1
    assert [r.cells[5].text for r in rows] == [str(open_points[a.id]) for a in data.register.activities]


def test_tables_repeat_their_header_and_rows_do_not_split() -> None:
    """Every row has w:cantSplit; every table but the title page's repeats its first row (w:tblHeader)."""
    doc = open_doc(rendered(CMT))
    tables = doc.element.body.findall(f"{W}tbl")
    assert len(tables) > 10
    for i, tbl in enumerate(tables):
        rows = tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        if i:
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
        assert tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") in ("RegisterTable", "DetailsTable")


def test_uses_words_own_styles() -> None:
    """Title, Heading 1-3 and Quote carry the text; the page is A4 with sensible margins."""
    doc = open_doc(rendered(REGISTER))
    used = {style_of(p) for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "toc 1", "toc 2"} <= used
    assert doc.styles["Heading 1"].paragraph_format.page_break_before
    section = doc.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.left_margin is not None
    assert section.top_margin is not None
    assert 1.5 <= section.left_margin.cm <= 3
    assert 1.5 <= section.top_margin.cm <= 3


def test_header_and_footer() -> None:
    """Header: register name and date. Footer: organisation and 'Page X of Y' as PAGE/NUMPAGES fields; none on the title page."""
    doc = open_doc(rendered(CMT))
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Record of processing activities of CMT Konsult AB\t23 November 2026"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("CMT Konsult AB\tPage ")
    instructions = [t.text.strip() for t in footer._p.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert re.fullmatch(r"CMT Konsult AB\tPage 1 of 1", footer.text)
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    assert section.first_page_footer.paragraphs[0].text.startswith("Built by ropa ")


def test_core_properties_come_from_the_register() -> None:
    """Title, subject, author and dates from the register and the tool, never the template's 2013."""
    props = open_doc(rendered(REGISTER)).core_properties
    assert props.title == "Record of processing activities (GDPR Art. 30): Example AB"
    assert props.subject.startswith("Record of processing activities under Article 30")
    assert props.author == props.last_modified_by == "ropa"
    assert props.created == props.modified == dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    assert props.revision == 1
    assert props.language == "en"
    assert "SHA-256" in props.comments


def test_no_wall_clock_date_anywhere() -> None:
    """Neither today's date nor the template's are in any part; zip entries carry the register's date."""
    payload = rendered(REGISTER)
    today = dt.date.today()
    assert today != dt.date(2025, 6, 1)
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 6, 1, 0, 0, 0)}
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert "docProps/thumbnail.jpeg" not in names
        for name in names:
            text = archive.read(name).decode("utf-8", "replace")
            for stamp in (today.isoformat(), "2013-12-23", "2019-01-08"):
                assert stamp not in text, (name, stamp)


def test_rebuilds_are_byte_identical() -> None:
    """Two renders of the same input give the same bytes."""
    data = render_input(CMT)
    assert hashlib.sha256(render(data)).hexdigest() == hashlib.sha256(render(data)).hexdigest()


def test_swedish_labels() -> None:
    """With language sv, labels are Swedish and free text stays as the register wrote it."""
    doc = open_doc(rendered(REGISTER, "sv"))
    assert doc.paragraphs[0].text == "Register över behandling (art.\u00a030\u00a0GDPR)"
    names = [text for _, text in headings(doc)]
    assert names[:2] == ["1\tPersonuppgiftsansvarig", "1.1\tNamn och kontaktuppgifter"]
    assert "Bilaga E – Punkter som källan inte anger" in names
    rows = label_rows(table_after(doc, "3.1\tNewsletter"))
    assert rows["Ändamål med behandlingen"] == "Sending the newsletter to subscribers."
    assert rows["Tidsfrister för radering"] == "Anges inte i källan"
    marked = {text for text, style in run_styles(doc) if style == "NotStated"}
    assert marked == {"Anges inte i källan"}
    assert doc.sections[0].footer.paragraphs[0].text.startswith("Example AB\tSida 1 av 1")
    assert open_doc(rendered(REGISTER, "sv")).core_properties.title.startswith("Register över behandling")


def test_docx_labels_complete_and_consistent() -> None:
    """Every docx.* label has every catalogue language with the same placeholders."""
    keys = [k for k in catalogue() if k.startswith("docx.")]
    assert len(keys) > 50
    for key in keys:
        labels = catalogue()[key]
        assert set(labels) == set(LANGUAGES), key
        holes = {lang: sorted(re.findall(r"\{(\w+)\}", text)) for lang, text in labels.items()}
        assert len({tuple(h) for h in holes.values()}) == 1, key
        assert len({text.count("|") for text in labels.values()}) == 1, key


# --- the real registers ----------------------------------------------------------------------


def test_real_registers_exist() -> None:
    """The project ships real registers under policies/, and this suite renders them."""
    assert len(REAL) >= 1


@pytest.mark.parametrize("path", REAL, ids=lambda p: str(p.relative_to(ROOT / "policies")))
def test_real_register_renders_every_activity(path: Path) -> None:
    """Each real register: a subsection and a table per activity, in order, and a complete gaps annex."""
    data = render_input(path)
    doc = open_doc(rendered(path))
    acts = data.register.activities
    h2 = [text for style, text in headings(doc) if style == "Heading 2" and text.startswith("3.")]
    assert h2 == [f"3.{i}\t{a.name}" for i, a in enumerate(acts, start=1)]
    for i, act in enumerate(acts, start=1):
        table = table_after(doc, f"3.{i}\t{act.name}")
        assert table.rows[0].cells[1].text == act.name
        assert table.rows[1].cells[1].text == act.id
    missing = gaps.missing(data.register)
    gaps_heading = next(
        text for style, text in headings(doc) if style == "Heading 1" and text.startswith(("Annex E", "Bilaga E", "Bijlage E"))
    )
    table = table_after(doc, gaps_heading)
    assert len([r for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) > 1]) == len(missing)


def test_cmt_newsletter_and_mailchimp() -> None:
    """CMT's newsletter: consent, MailChimp in the US with no stated safeguard, shown in the activity and Annex B."""
    doc = open_doc(rendered(CMT))
    number = next(text.split("\t")[0] for _, text in headings(doc) if text.endswith("\tNewsletter"))
    rows = label_rows(table_after(doc, f"{number}\tNewsletter"))
    assert "Consent (Art. 6(1)(a))" in rows["Lawful basis (Art. 6)"]
    assert "MailChimp (Processor, United States)" in rows["Categories of recipients"]
    assert (
        "Transfer destination: United States — MailChimp\nTransfer safeguards: Not stated in source"
        in rows["Third countries or international organisations"]
    )
    annex = table_after(doc, "Annex B – Third-country transfers and safeguards")
    us = [r for r in annex.rows[1:] if r.cells[1].text == "United States" and r.cells[2].text.splitlines()[0] == "MailChimp"]
    assert us
    assert all("Certified under the EU-US Data Privacy Framework: Not stated in source" in r.cells[2].text for r in us)
    assert all(r.cells[3].text.startswith("Not stated in source") for r in us)
    assert all("Data Privacy Framework" in r.cells[4].text for r in us)
    intro = next(p.text for p in doc.paragraphs if p.text.startswith("Whether an adequacy decision"))
    assert "1 November 2026" in intro


def test_cab_is_swedish_by_default() -> None:
    """CAB's register is in Swedish, so its document's labels are Swedish without being asked."""
    path = ROOT / "policies" / "cab" / "register.yaml"
    if not path.exists():
        pytest.skip("the CAB register is not in this checkout")
    doc = open_doc(rendered(path))
    assert doc.paragraphs[0].text == "Register över behandling (art.\u00a030\u00a0GDPR)"
    assert doc.core_properties.language == "sv"
    assert "Anges inte i källan" in {text for text, style in run_styles(doc) if style == "NotStated"}


# --- awkward text ----------------------------------------------------------------------------


def test_awkward_text_renders_and_long_properties_are_cut() -> None:
    """Markup characters, line breaks, tabs, invisible and right-to-left characters and 10,000-character
    texts (all accepted by validation) render; core properties over 255 characters end in an ellipsis."""
    data = render_input(REGISTER)
    reg = data.register
    odd = "A & B <c> \"q\" 'x'\n\tsecond line\u00a0\u200b\u202eevil\u202c e\u0301 ]]> {placeholder}"
    act = reg.activities[0]
    purpose = act.purposes[0].model_copy(update={"description": "Long " * 2000})
    act = act.model_copy(update={"name": odd, "description": odd, "purposes": [purpose, *act.purposes]})
    reg = reg.model_copy(update={"info": reg.info.model_copy(update={"title": "T" * 300 + odd}), "activities": [act]})
    doc = open_doc(render(RenderInput(register=reg, source_path="x" * 400, sha256=data.sha256, language=Language.NL)))
    props = doc.core_properties
    assert len(props.title) == 255
    assert props.title.endswith("…")
    assert len(props.comments) <= 255
    heading = next(text for style, text in headings(doc) if text.startswith("3.1\t"))
    assert heading == "3.1\t" + odd
    rows = label_rows(table_after(doc, heading))
    assert rows["Doeleinden van de verwerking"].startswith("1. Long Long")
    assert doc.paragraphs[0].text == "Register van verwerkingsactiviteiten (art.\u00a030\u00a0AVG)"


# --- LibreOffice: the documents open, paginate and read right in a real word processor -------------


def _office_names() -> dict[str, tuple[Path, str | None]]:
    names: dict[str, tuple[Path, str | None]] = {"minimal": (REGISTER, None), "minimal-sv": (REGISTER, "sv")}
    names |= {"minimal-de": (REGISTER, "de"), "minimal-fr": (REGISTER, "fr")}
    for path in REAL:
        names[render_input(path).register.info.id] = (path, None)
    return names


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test register converted to PDF by one headless LibreOffice run (start-up is the slow part)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler are required on CI: run `make office` (scripts/install-system-deps office)")
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed; make office installs them")
    folder = tmp_path_factory.mktemp("word-pdf")
    files = []
    for name, (path, lang) in _office_names().items():
        target = folder / f"{name}.docx"
        target.write_bytes(rendered(path, lang))
        files.append(str(target))
    profile = (folder / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *files]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    return {name: folder / f"{name}.pdf" for name in _office_names()}


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text with white space collapsed (pdftotext wraps lines where the page does)."""
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    out = subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


@pytest.mark.office
@pytest.mark.parametrize("name", list(_office_names()))
def test_pdf_pages_and_footer(pdfs: dict[str, Path], name: str) -> None:
    """Each document converts; its page count is sane for its activities, and the last footer reads 'page N of N'."""
    path, lang = _office_names()[name]
    register = render_input(path).register
    activities = len(register.activities)
    registries = (register.data_subject_categories, register.data_categories, register.cookies, register.recipients)
    entries = sum(len(entries) for entries in registries)  # each described and quoted once in its annex
    annexes = 2 if register.cookies else 0  # the cookie annex starts a page and ends with its quotes
    pages = pdf_pages(pdfs[name])
    assert 8 <= pages <= 12 + annexes + 4 * activities + entries // 3, pages
    text = pdf_text(pdfs[name])
    footer = {"sv": "Sida {n} av {n}", "de": "Seite {n} von {n}", "fr": "Page {n} sur {n}"}
    assert footer.get(lang or render_input(path).language.value, "Page {n} of {n}").format(n=pages) in text
    title = pdf_text(pdfs[name], 1, 1)
    assert "Page" not in title
    assert "Sida" not in title
    assert "Seite" not in title
    assert render_input(path).sha256 in title


@pytest.mark.office
def test_pdf_text_of_the_minimal_register(pdfs: dict[str, Path]) -> None:
    """What a reader sees: title, contents, sections, the activity's values and quotes, the gaps and the annexes."""
    text = pdf_text(pdfs["minimal"])
    for expected in (
        "Record of processing activities (GDPR Art. 30) Example AB",
        "Contents 1 The controller 1.1 Name and contact details",
        "3.1 Newsletter Point Newsletter Identifier newsletter",
        "Purposes of the processing",
        "Art. 30(1)(b)",
        "Sending the newsletter to subscribers.",
        "Transfer destination: United States — MailChimp",
        "Transfer safeguards: Not stated in source",
        "“When you subscribe to our newsletter”",
        "Annex E – Points the source does not state",
        "Annex F – Source documents",
    ):
        assert expected in text, expected
    assert pdf_pages(pdfs["minimal"]) == len(re.findall(r"Example AB 1 June 2025", text)) + 1
    title = pdf_text(pdfs["minimal"], 1, 1)  # the review status stays on the title page
    assert "Last reviewed Not stated in source Review period 12 months Review status No review recorded (as of 1 June 2025)" in title


@pytest.mark.office
def test_pdf_text_in_swedish(pdfs: dict[str, Path]) -> None:
    """The Swedish rendering reads Swedish labels around the register's own (English) text."""
    text = pdf_text(pdfs["minimal-sv"])
    assert "Register över behandling (art. 30 GDPR)" in text
    assert "Ändamål med behandlingen" in text
    assert "Sending the newsletter to subscribers." in text
    assert "Anges inte i källan" in text
    assert "Not stated in source" not in text


_ACCEPTED_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60).filter(
    lambda s: s.strip() != "" and FORBIDDEN_CHARS.search(s) is None
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_ACCEPTED_TEXT, description=_ACCEPTED_TEXT, title=_ACCEPTED_TEXT)
def test_any_text_validation_accepts_renders(name: str, description: str, title: str) -> None:
    """Whatever text the loader lets through (it rejects controls, surrogates, non-characters and
    invisible or bidirectional marks) renders, reopens and reads back as written."""
    data = render_input(REGISTER)
    reg = data.register
    act = reg.activities[0].model_copy(update={"name": name, "description": description})
    reg = reg.model_copy(update={"info": reg.info.model_copy(update={"title": title}), "activities": [act]})
    doc = open_doc(render(RenderInput(register=reg, source_path="r.yaml", sha256=data.sha256, language=Language.EN)))
    expected = name.replace("\r\n", "\n").replace("\r", "\n")
    assert f"3.1\t{expected}" in [text for _, text in headings(doc)]
    assert doc.sections[0].header.paragraphs[0].text.startswith(title.replace("\r\n", "\n").replace("\r", "\n")[:20])


RICH_ACTIVITY = """
  - id: health-support
    name: Occupational health support
    role: processor
    controllers_served:
      - name: Client AB
        address: Kungsgatan 2, Stockholm
        country: SE
        contacts: [{kind: email, value: dpo@client.example, evidence: [{quote: "q1"}]}]
        evidence: [{quote: "q1"}]
    business_function: {value: HR, evidence: [{quote: "q2"}]}
    purposes:
      - description: Arranging health checks.
        evidence: [{quote: "q3"}]
        lawful_basis: {basis: c-legal-obligation, evidence: [{quote: "q3"}]}
      - description: Following up sick leave.
        evidence: [{quote: "q4"}]
        lawful_basis: {basis: f-legitimate-interests, legitimate_interest: Keeping staff healthy., evidence: [{quote: "q4"}]}
    data_subjects: {value: [subscribers], evidence: [{quote: "q5"}]}
    data_categories: {value: [health, convictions], evidence: [{quote: "q6"}]}
    special_category_conditions:
      - {condition: h-health-or-social-care, data_categories: [health], evidence: [{quote: "q7"}]}
    criminal_offence_basis: {basis: authorised-by-union-or-member-state-law, legal_reference: Lag (2018:218), evidence: [{quote: "q8"}]}
    data_source: {value: [employer-or-organisation], evidence: [{quote: "q9"}]}
    recipients: {none: true, evidence: [{quote: "q10"}]}
    transfers: {none: true, evidence: [{quote: "q11"}]}
    retention:
      - {data_categories: [health], period: P2Y6M, trigger: end of employment, evidence: [{quote: "q12"}]}
      - {rule: Until the case is closed., legal_reference: Arbetsmiljölagen, evidence: [{quote: "q13"}]}
    security_measures: {value: [tls], evidence: [{quote: "q14"}]}
    automated_decisions: {none: true, evidence: [{quote: "q15"}]}
    dpia: {status: required-done, reference: DPIA-2025-01, evidence: [{quote: "q16"}], note: Reviewed yearly.}
    storage_location: {not_stated: true}
    last_reviewed: {value: 2025-05-01, evidence: [{quote: "q17"}]}
"""

RICH_CATEGORIES = """
  - {id: health, name: Health data, special_category: health, evidence: [{quote: "h"}]}
  - {id: convictions, name: Criminal records, criminal_offence: true, evidence: [{quote: "c"}]}
recipients:"""


def test_every_kind_of_statement_renders() -> None:
    """A processor activity with special-category and criminal-offence data, two purposes, several
    retention rules, a DPIA and 'none' markers: each point shows what the register states."""
    from ropa.loading.load import load_text
    from ropa.model import Register

    text = REGISTER.read_text(encoding="utf-8").replace("\nrecipients:", RICH_CATEGORIES, 1) + RICH_ACTIVITY
    data = render_input(REGISTER)
    register = Register.model_validate(load_text(text)[0])
    doc = open_doc(render(RenderInput(register=register, source_path="rich.yaml", sha256=data.sha256, language=Language.EN)))
    rows = label_rows(table_after(doc, "3.2\tOccupational health support"))
    assert rows["Role"] == "Processor"
    assert rows["Controllers served"].startswith("Client AB\nKungsgatan 2, Stockholm\nSweden\nE-mail: dpo@client.example")
    assert rows["Purposes of the processing"] == "1. Arranging health checks.\n2. Following up sick leave."
    assert rows["Lawful basis (Art. 6)"] == (
        "1. Legal obligation (Art. 6(1)(c))\n2. Legitimate interests (Art. 6(1)(f))\nLegitimate interests pursued: Keeping staff healthy."
    )
    assert (
        rows["Categories of personal data"]
        == "Health data (special category (Art. 9): Health)\nCriminal records (criminal-offence data (Art. 10))"
        "\nWhat the source says of each category: Annex H."
    )
    assert (
        rows["Special categories: Art. 9(2) condition"] == "Health or social care (Art. 9(2)(h))\nCategories of personal data: Health data"
    )
    assert (
        rows["Criminal-offence data: Art. 10 basis"] == "Authorised by Union or Member State law (Art. 10)\nLegal reference: Lag (2018:218)"
    )
    assert rows["Categories of recipients"] == rows["Third countries or international organisations"] == "None"
    assert rows["Time limits for erasure"] == (
        "1. Health data: 2 years, 6 months (P2Y6M)\nCounted from: end of employment\n"
        "2. All categories of the activity: Until the case is closed.\nLegal reference: Arbetsmiljölagen"
    )
    assert rows["Data protection impact assessment"] == "Required, done\nDPIA-2025-01\nNote: Reviewed yearly."
    assert rows["Storage location"] == "Not stated in source"
    assert rows["Last reviewed"] == "1 May 2025\nUp to date on 1 June 2025; next review due by 1 May 2026"
    assert rows["Technical and organisational security measures"].startswith("Data encrypted in transit.\nThe organisation-wide")
    retention = table_after(doc, "Annex C – Retention schedule")
    assert [r.cells[2].text for r in retention.rows[1:]] == [
        "Not stated in source",
        "2 years, 6 months (P2Y6M)",
        "Until the case is closed.",
    ]
