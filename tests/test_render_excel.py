"""The Excel register: reopened with openpyxl and read as an auditor would, then rebuilt byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ropa import build
from ropa.adequacy import table as adequacy_table
from ropa.gaps import missing
from ropa.labels import label
from ropa.load import load_text
from ropa.model import Register
from ropa.model.enums import Language, Role
from ropa.render.context import RenderInput
from ropa.render.excel import render
from ropa.render.excel.layout import MAX_NAME, safe_sheet_name, sheet_names
from ropa.render.excel.sheetxml import MAX_CELL, CellError, clean, wrapped_lines
from ropa.validate import validate_file
from tests.conftest import MINIMAL, ROOT

EXAMPLE = MINIMAL / "register.yaml"
REAL = sorted(ROOT.glob("policies/*/*.yaml"))
CMT = ROOT / "policies" / "cmt" / "register.yaml"
CAB = ROOT / "policies" / "cab" / "register.yaml"
NOT_STATED = "Not stated in source"
SHEETS_EN = ["Register", "Controller", "Recipients", "Transfers", "Retention", "Security measures", "Gaps", "Evidence", "About"]
#: The UK ICO controller template's columns, in its order, as the Register sheet's header labels.
ICO_ORDER = [
    "Business function",
    "Purposes of the processing",
    "Joint controllers",
    "Categories of data subjects",
    "Categories of personal data",
    "Categories of recipients",
    "Processor contract",
    "Third countries or international organisations",
    "Transfer safeguards",
    "Time limits for erasure",
    "Technical and organisational security measures",
    "Lawful basis (Art. 6)",
    "Special categories: Art. 9(2) condition",
    "Legitimate interests pursued",
    "Data subjects' rights",
    "Profiling and automated decisions",
    "Source of the data",
    "Storage location",
    "Data protection impact assessment",
]
HOSTILE = ['=HYPERLINK("http://example.com/x","click")', "+1", "@x", "#N/A", "-2+3", "=cmd|' /C calc'!A0", "#REF!"]


# helpers --------------------------------------------------------------------------------------


@cache
def render_input(path: Path, lang: str | None = None) -> RenderInput:
    """Validate a register file and wrap it the way ``ropa build`` does."""
    outcome = validate_file(path, display=str(path.relative_to(ROOT)))
    assert outcome.register is not None, outcome.findings
    assert not outcome.errors, outcome.findings
    return RenderInput(
        register=outcome.register,
        source_path=outcome.display,
        sha256=outcome.sha256,
        language=Language(lang) if lang else outcome.register.info.language,
        warnings=tuple(f for f in outcome.findings if not f.is_error),
    )


@cache
def rendered(path: Path, lang: str | None = None) -> bytes:
    """The .xlsx bytes of a register file (rendered once per test session)."""
    return render(render_input(path, lang))


def open_book(payload: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(payload))


@cache
def book(path: Path, lang: str | None = None) -> Any:
    """The workbook of a register file as openpyxl reads it back (read only by the tests)."""
    return open_book(rendered(path, lang))


def headers(ws: Worksheet) -> list[str]:
    """The first line of each header cell: the label without its article citation."""
    return [str(c.value).split("\n")[0] for c in ws[1]]


def records(ws: Worksheet) -> list[dict[str, Any]]:
    """Data rows as {header label: cell}."""
    keys = headers(ws)
    return [dict(zip(keys, row, strict=True)) for row in ws.iter_rows(min_row=2)]


def record(ws: Worksheet, key: str, column: str = "Activity ID") -> dict[str, Any]:
    """The row whose ``column`` holds ``key``."""
    found = [r for r in records(ws) if r[column].value == key]
    assert len(found) == 1, f"{key!r} in {column!r}: {len(found)} rows"
    return found[0]


def every_cell(wb: Any) -> list[Any]:
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def hostile_register() -> Register:
    """The minimal example with hostile text in the places a reader sees: names, purposes, categories, recipients."""
    text = EXAMPLE.read_text(encoding="utf-8")
    swaps = [
        ("    name: Newsletter\n", f"    name: '{HOSTILE[0]}'\n    description: '{HOSTILE[1]}'\n"),
        ("business_function: {not_stated: true}", f"business_function: {{value: '{HOSTILE[2]}'}}"),
        ("- description: Sending the newsletter to subscribers.", f"- description: '{HOSTILE[3]}'"),
        ("name: E-mail address", f"name: '{HOSTILE[4]}'"),
        ("name: First name", f'name: "{HOSTILE[5]}"'),
        ("name: MailChimp", f"name: '{HOSTILE[6]}'"),
    ]
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    data, _ = load_text(text)
    return Register.model_validate(data)


def processor_register() -> Register:
    """The minimal example with its activity carried out as a processor for a named controller."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    name: Newsletter\n",
        "    name: Newsletter\n    role: processor\n    controllers_served:\n      - name: Client AB\n        country: SE\n"
        "        contacts: [{kind: email, value: dpo@client.example}]\n",
        1,
    )
    data, _ = load_text(text.replace("roles: [controller]", "roles: [processor]"))
    return Register.model_validate(data)


def with_register(register: Register, lang: str = "en") -> RenderInput:
    return RenderInput(register=register, source_path="test.yaml", sha256="0" * 64, language=Language(lang))


# content --------------------------------------------------------------------------------------


def test_sheets_are_named_and_ordered() -> None:
    """A controller-only register has the nine sheets in reading order; no processor sheet."""
    assert book(EXAMPLE).sheetnames == SHEETS_EN


def test_register_columns_follow_the_ico_template_and_cite_articles() -> None:
    """The Register sheet's columns come in the ICO template's order, each point header citing its article."""
    ws = book(EXAMPLE)["Register"]
    labels = headers(ws)
    positions = [labels.index(name) for name in ICO_ORDER]
    assert positions == sorted(positions)
    assert labels[:3] == ["Activity ID", "Processing activity", "Description"]
    for cell in ws[1][3:-1]:
        text = str(cell.value)
        assert "Art. " in text or "(ICO)" in text, text
    citations = {str(c.value).split("\n")[0]: str(c.value).split("\n")[-1] for c in ws[1]}
    assert citations["Purposes of the processing"] == "Art. 30(1)(b)"
    assert citations["Categories of recipients"] == "Art. 30(1)(d)"
    assert citations["Time limits for erasure"] == "Art. 30(1)(f)"
    assert citations["Technical and organisational security measures"] == "Art. 30(1)(g), Art. 32(1)"


def test_minimal_register_row_reads_as_the_register_says() -> None:
    """Each column of the minimal example's activity holds what the YAML states, one value per line."""
    row = record(book(EXAMPLE)["Register"], "newsletter")
    expected = {
        "Processing activity": "Newsletter",
        "Purposes of the processing": "Sending the newsletter to subscribers.",
        "Categories of data subjects": "Newsletter subscribers",
        "Categories of personal data": "\N{BULLET} E-mail address\n\N{BULLET} First name",
        "Categories of recipients": "MailChimp (Processor, United States)",
        "Processor contract": f"MailChimp: {NOT_STATED}",
        "Third countries or international organisations": "United States (MailChimp)",
        "Transfer safeguards": NOT_STATED,
        "Time limits for erasure": NOT_STATED,
        "Technical and organisational security measures": "Organisation-wide measures (1): see the sheet Security measures",
        "Lawful basis (Art. 6)": "Consent (Art. 6(1)(a))",
        "Special categories: Art. 9(2) condition": "Not applicable",
        "Legitimate interests pursued": "Not applicable",
        "Data subjects' rights": "Object to direct marketing (Art. 21(2))",
        "Source of the data": "The data subject",
        "Storage location": "MailChimp's servers (United States, MailChimp)",
        "Business function": NOT_STATED,
        "Data protection impact assessment": NOT_STATED,
        "Last reviewed": NOT_STATED,
    }
    assert {k: row[k].value for k in expected} == expected
    assert "Implied by the opt-in subscription" in row["Notes of the encoder"].value


def test_real_register_rows_read_as_the_register_says() -> None:
    """A real register (CMT): one row per activity in order, and the cells an auditor checks first."""
    if not CMT.exists():
        pytest.skip("policies/cmt is not in this checkout")
    register = render_input(CMT).register
    ws = book(CMT)["Register"]
    assert [r["Activity ID"].value for r in records(ws)] == [a.id for a in register.activities if a.role is Role.CONTROLLER]
    for act, row in zip(register.activities, records(ws), strict=False):
        assert row["Processing activity"].value == act.name
        for purpose in act.purposes:
            assert purpose.description in row["Purposes of the processing"].value
    newsletter = record(ws, "newsletter")
    assert "\N{BULLET} MailChimp (Processor, United States)" in newsletter["Categories of recipients"].value.split("\n")
    assert newsletter["Lawful basis (Art. 6)"].value.split("\n")[0] == "1. Consent (Art. 6(1)(a))"
    assert newsletter["Purposes of the processing"].value.startswith("1. Providing the newsletter")
    assert "Newsletter subscribers" in newsletter["Categories of data subjects"].value


@pytest.mark.parametrize("path", REAL, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_register_renders(path: Path) -> None:
    """Each register in policies/ renders; its Register rows are its controller activities; no cell is a formula."""
    register = render_input(path).register
    wb = book(path)
    names = [r.value for r in wb.worksheets[0]["A"][1:]]
    assert names == [a.id for a in register.activities if a.role is Role.CONTROLLER]
    assert all(c.data_type not in ("f", "e") for c in every_cell(wb))


def test_not_stated_cells_share_one_label_and_style() -> None:
    """Every cell that says 'Not stated in source' looks the same: grey italic on the gap fill."""
    for path in [EXAMPLE, *REAL]:
        gaps = [c for c in every_cell(book(path)) if c.value == label("status.not-stated", render_input(path).language.value)]
        assert gaps, path
        looks = {(c.font.i, c.font.color.rgb, c.fill.fgColor.rgb) for c in gaps}
        assert looks == {(True, "00595959", "00FFF2CC")}, path


def test_gaps_show_as_not_stated_in_the_register_and_controller_sheets() -> None:
    """Each point ``ropa.gaps`` reports as not stated reads 'Not stated in source' where the register shows it."""
    for path in [EXAMPLE, *REAL]:
        data = render_input(path)
        wb = book(path)
        ns = label("status.not-stated", data.language.value)
        register_rows = {r[0].value: r for r in wb.worksheets[0].iter_rows(min_row=2)}
        columns = [str(c.value).split("\n")[0] for c in wb.worksheets[0][1]]
        controller = {str(r[0].value): r[2] for r in wb.worksheets[SHEETS_EN.index("Controller")].iter_rows(min_row=2)}
        for gap in missing(data.register):
            where = label("point.transfers" if gap.point.key == "transfer-destination" else f"point.{gap.point.key}", data.language.value)
            if gap.activity is None:
                cell = controller[where]
            elif gap.activity in register_rows:
                cell = register_rows[gap.activity][columns.index(where)]
            else:
                continue  # a processor activity: checked by the processor sheet test
            wanted = label("xlsx.word.country-not-stated", data.language.value) if gap.point.key == "transfer-destination" else ns
            assert wanted in str(cell.value), (path.name, gap)


def test_point_cells_are_never_blank() -> None:
    """In the Register sheet only the optional description and notes may be empty; every point cell says something."""
    for path in [EXAMPLE, *REAL]:
        ws = book(path).worksheets[0]
        optional = {1 + 2, ws.max_column}
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.column not in optional:
                    assert cell.value not in (None, ""), (path.name, cell.coordinate)


def test_controller_sheet_holds_art_30_1_a() -> None:
    """The Controller sheet names the controller, its contacts, DPO and representative, with the article of each."""
    rows = {r["Point"].value: r for r in records(book(EXAMPLE)["Controller"])}
    assert rows["Controller"]["Value"].value == "Example AB"
    assert rows["Controller"]["Article"].value == "Art. 30(1)(a)"
    assert rows["Contact details"]["Value"].value == "E-mail: privacy@example.se (questions about personal data)"
    assert rows["Representative in the Union"]["Value"].value.startswith("Not applicable: The controller is established in the EU")
    assert rows["Data protection officer"]["Value"].value == NOT_STATED
    assert rows["Supervisory authority"]["Note"].value.startswith("Presumably IMY")


def test_recipients_transfers_and_retention_sheets() -> None:
    """Recipients say where and on what terms; transfers carry the adequacy table's date; retention gaps are rows."""
    wb = book(EXAMPLE)
    mailchimp = record(wb["Recipients"], "mailchimp", "ID")
    assert mailchimp["Country"].value == "United States"
    assert mailchimp["Outside the EEA"].value == "Yes"
    assert mailchimp["Activities"].value == "newsletter: Newsletter"
    header = str(wb["Transfers"]["G1"].value)
    assert "2025-06-01" in header
    assert adequacy_table().valid_as_of.isoformat() in header
    transfer = record(wb["Transfers"], "newsletter")
    assert transfer["Third country or international organisation"].value == "United States"
    assert transfer["Transfer safeguards"].value == NOT_STATED
    assert "2023/1795" in transfer[headers(wb["Transfers"])[6]].value
    retention = record(wb["Retention"], "newsletter")
    assert retention["Period"].value == NOT_STATED


def test_gaps_sheet_lists_every_point_not_stated() -> None:
    """One Gaps row per missing point, in ``ropa.gaps`` order, with its YAML path."""
    for path in [EXAMPLE, *REAL]:
        rows = records(book(path).worksheets[-3])
        expected = missing(render_input(path).register)
        assert [r[headers(book(path).worksheets[-3])[6]].value for r in rows] == [g.field for g in expected], path


def _quotes(value: Any) -> int:
    """Evidence quotes in a dumped register, counted independently of the renderer's walk."""
    if isinstance(value, dict):
        own = len(value["evidence"]) if isinstance(value.get("evidence"), list) else 0
        return own + sum(_quotes(v) for k, v in value.items() if k != "evidence")
    if isinstance(value, list):
        return sum(_quotes(v) for v in value)
    return 0


def test_evidence_sheet_has_every_quote_with_its_place() -> None:
    """Every quote appears once, with the YAML path of the statement it supports and its source."""
    for path in [EXAMPLE, *REAL]:
        register = render_input(path).register
        ws = book(path).worksheets[-2]
        assert ws.max_row - 1 == _quotes(register.model_dump(by_alias=True)), path
    rows = records(book(EXAMPLE)["Evidence"])
    found = [r for r in rows if r["Quote"].value == "We send the newsletter with MailChimp" and r["Activity ID"].value == "newsletter"]
    assert len(found) == 1
    assert found[0]["Place in the register file (YAML path)"].value == "activities[0].recipients"
    assert found[0]["Source"].value == "Privacy policy of Example AB"
    assert found[0]["Point"].value == "Categories of recipients"


def test_about_sheet_says_what_was_rendered_from_what() -> None:
    """Source file, its SHA-256, the register date and the tool version are on the About sheet."""
    data = render_input(EXAMPLE)
    rows = {r["Item"].value: r["Value"].value for r in records(book(EXAMPLE)["About"])}
    assert rows["Rendered from"] == "tests/examples/valid/minimal/register.yaml"
    assert rows["SHA-256 of the register file"] == data.sha256
    assert rows["Register date"] == "2025-06-01"
    assert rows["Rendered by"] == f"ropa {data.tool_version}"
    assert rows["Adequacy decisions as of"] == adequacy_table().valid_as_of.isoformat()
    assert "transfer-mechanism-not-stated" in rows["Validation warnings"]


def test_processor_activities_get_an_art_30_2_sheet() -> None:
    """An activity with role processor goes to its own sheet, shaped by Art. 30(2)(a)-(d)."""
    wb = open_book(render(with_register(processor_register())))
    assert wb.sheetnames[:2] == ["Register", "Processor activities"]
    assert wb["Register"].max_row == 1
    ws = wb["Processor activities"]
    cites = [str(c.value).split("\n")[-1] for c in ws[1]]
    assert {"Art. 30(2)(a)", "Art. 30(2)(b)", "Art. 30(2)(c)", "Art. 30(2)(d), Art. 32(1)"} <= set(cites)
    row = record(ws, "newsletter")
    assert row["Controllers served"].value == "Client AB\nSweden\nE-mail: dpo@client.example"
    assert row["Categories of processing"].value == "Sending the newsletter to subscribers."


# languages ------------------------------------------------------------------------------------


def test_swedish_labels_with_lang_sv() -> None:
    """--lang sv: Swedish sheet names, headers, citations and gap label; the register's own text untranslated."""
    wb = book(EXAMPLE, "sv")
    assert wb.sheetnames == [
        "Register",
        "Personuppgiftsansvarig",
        "Mottagare",
        "Överföringar",
        "Lagringstider",
        "Säkerhetsåtgärder",
        "Luckor",
        "Belägg",
        "Om registret",
    ]
    ws = wb["Register"]
    assert "Ändamål med behandlingen\nArt. 30.1 b" in [c.value for c in ws[1]]
    row = record(ws, "newsletter", "Behandlings-id")
    assert row["Behandling"].value == "Newsletter"
    assert row["Tidsfrister för radering"].value == "Anges inte i källan"
    assert row["Rättslig grund (art. 6)"].value == "Samtycke (art. 6.1 a)"
    assert "Sida &P av &N" in ws.oddFooter.right.text


def test_a_swedish_register_defaults_to_swedish() -> None:
    """Without --lang a register written in Swedish gets Swedish labels."""
    if not CAB.exists():
        pytest.skip("policies/cab is not in this checkout")
    assert book(CAB).sheetnames[1] == "Personuppgiftsansvarig"


@pytest.mark.parametrize("lang", ["en", "sv", "nl"])
def test_every_language_renders_safe_sheet_names(lang: str) -> None:
    """Each language's sheet names are valid as they are: no character replaced, none cut."""
    wb = book(EXAMPLE, lang)
    expected = [
        label(f"xlsx.sheet.{k}", lang)
        for k in ("register", "controller", "recipients", "transfers", "retention", "security", "gaps", "evidence", "about")
    ]
    assert wb.sheetnames == expected


# form -----------------------------------------------------------------------------------------


FREEZE = {"Register": "C2", "Controller": "A2", "Recipients": "C2", "Transfers": "C2", "Retention": "C2", "Security measures": "B2"}


def test_every_sheet_freezes_filters_and_prints_its_header() -> None:
    """Header row frozen, autofilter over the whole table, header repeated on each page, landscape, one page wide."""
    for path in [EXAMPLE, *REAL]:
        wb = book(path)
        for ws in wb.worksheets:
            assert ws.freeze_panes == FREEZE.get(ws.title, ws.freeze_panes), ws.title
            assert ws.freeze_panes is not None
            assert ws.freeze_panes.endswith("2")
            assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
            assert ws.print_title_rows == "$1:$1"
            assert ws.page_setup.orientation == "landscape"
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
            assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_footer_names_organisation_date_and_page() -> None:
    """The printed footer carries the organisation, the register date and 'Page X of Y'."""
    ws = book(EXAMPLE)["Register"]
    assert ws.oddFooter.left.text == "Example AB \N{EM DASH} Register date 2025-06-01"
    assert ws.oddFooter.center.text == "&A"
    assert ws.oddFooter.right.text == "Page &P of &N"


def test_header_row_is_styled_and_text_wraps() -> None:
    """Bold white headers on a dark fill; every cell wraps and sits at the top."""
    wb = book(EXAMPLE)
    for ws in wb.worksheets:
        for cell in ws[1]:
            assert cell.font.b
            assert cell.fill.fgColor.rgb == "001F4E79"
        for row in ws.iter_rows(min_row=2):
            assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in row)


def test_rows_are_banded() -> None:
    """Every other data row has the band fill, so a wide row can be followed across the sheet."""
    ws = book(CMT if CMT.exists() else EXAMPLE)["Register"]
    fills = [ws.cell(r, 1).fill.fgColor.rgb for r in range(2, ws.max_row + 1)]
    assert fills[1::2]
    assert set(fills[1::2]) == {"00EEF3F8"}
    assert "00EEF3F8" not in fills[0::2]


def test_widths_within_bounds_and_heights_from_line_counts() -> None:
    """Columns are 6-90 characters wide; each row is at least 14.5 points per line of its tallest cell."""
    for path in [EXAMPLE, *REAL]:
        for ws in book(path).worksheets:
            for letter, dim in ws.column_dimensions.items():
                assert 6 <= dim.width <= 90, (ws.title, letter)
            for row in ws.iter_rows():
                height = ws.row_dimensions[row[0].row].height
                assert height is not None
                tallest = max(str(c.value or "").count("\n") + 1 for c in row)
                assert min(409, 14.5 * tallest) <= height <= 409, (ws.title, row[0].row)


def test_line_estimate_wraps_by_words() -> None:
    """The row-height estimate counts wrapped lines like a spreadsheet does: by words, long words broken."""
    assert wrapped_lines("short", 10) == 1
    assert wrapped_lines("one two three", 9) == 2
    assert wrapped_lines("one two three four", 9) == 3
    assert wrapped_lines("a\nb\nc", 10) == 3
    assert wrapped_lines("x" * 25, 10) == 3


def test_document_properties_come_from_the_register() -> None:
    """Title, subject, creator and company are set; created and modified are the register's date, not the clock."""
    wb = book(EXAMPLE)
    props = wb.properties
    assert props.title == "Record of processing activities: Example AB"
    assert props.subject == "Record of processing activities under Article 30 GDPR"
    assert props.creator.startswith("ropa ")
    assert props.created == props.modified == dt.datetime(2025, 6, 1)
    with zipfile.ZipFile(io.BytesIO(rendered(EXAMPLE))) as z:
        assert "<Company>Example AB</Company>" in z.read("docProps/app.xml").decode()


# safety and reproducibility -------------------------------------------------------------------


def test_hostile_text_stays_literal_text() -> None:
    """Text that looks like a formula or an error value is written as text, shown literally, quote-prefixed."""
    payload = render(with_register(hostile_register()))
    wb = open_book(payload)
    cells = every_cell(wb)
    assert all(c.data_type not in ("f", "e") for c in cells)
    by_value = {c.value: c for c in cells}
    for text in HOSTILE:
        shown = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert shown, text
        assert all(c.data_type == "s" for c in shown)
    for text in ('=HYPERLINK("http://example.com/x","click")', "+1", "@x", "#N/A"):
        assert by_value[text].quotePrefix, text
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or 't="e"' in xml for xml in sheets)


def test_two_builds_are_byte_identical() -> None:
    """Rendering the same input twice gives the same bytes (no clock in properties or zip entries)."""
    for path in [EXAMPLE, *REAL[:1]]:
        data = render_input(path)
        first, second = render(data), render(data)
        assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
        with zipfile.ZipFile(io.BytesIO(first)) as z:
            day = data.register.info.date
            assert {i.date_time for i in z.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}


def test_build_writes_the_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ropa build`` writes output/<register id>.xlsx with exactly the renderer's bytes."""
    monkeypatch.setattr(build, "RENDERERS", {"xlsx": "ropa.render.excel"})
    outcome = validate_file(EXAMPLE, display=str(EXAMPLE.relative_to(ROOT)))
    written = build.build_outputs(outcome, out_dir=tmp_path)
    assert written == [tmp_path / "example.xlsx"]
    assert written[0].read_bytes() == rendered(EXAMPLE)
    assert list(tmp_path.iterdir()) == written


def test_sheet_names_are_derived_safely() -> None:
    """Forbidden characters become '-', names are cut to 31 characters, 'History' is avoided, collisions fail."""
    assert safe_sheet_name("Risks/Gaps: [draft]?*") == "Risks-Gaps- -draft---"
    assert len(safe_sheet_name("x" * 50)) == MAX_NAME
    assert safe_sheet_name("History") == "History-"
    assert safe_sheet_name("'quoted'") == "quoted"
    assert safe_sheet_name("") == "Sheet"
    with pytest.raises(ValueError, match="collide"):
        sheet_names(["Gaps", "gaps"])
    with pytest.raises(ValueError, match="collide"):
        sheet_names(["a" * 40, "a" * 31])


def test_cell_text_is_cleaned_never_cut_silently() -> None:
    """Line ends are normalised, XML-invalid characters refused, over-long text cut with a visible note."""
    assert clean("a\r\nb\rc", "X!A1", "[{n} cut]") == "a\nb\nc"
    with pytest.raises(CellError, match="U\\+000B"):
        clean("a\x0bb", "X!A1", "[{n} cut]")
    long = clean("y" * 40_000, "X!A1", "[{n} characters cut]")
    assert len(long) <= MAX_CELL
    kept = long.count("y")
    assert long.endswith(f"[{40_000 - kept} characters cut]")


def test_no_temporary_files_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering uses temporary files only while it runs, also when it fails half-way."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    render(render_input(EXAMPLE))
    bad = hostile_register().model_copy(
        update={"activities": [hostile_register().activities[0].model_copy(update={"name": "bad\x0bname"})]}
    )
    with pytest.raises(CellError):
        render(with_register(bad))
    assert not [p for p in tmp_path.iterdir() if re.match(r"(openpyxl|tmp)", p.name)]
