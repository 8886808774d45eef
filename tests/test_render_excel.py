"""The Excel register: reopened with openpyxl and read as an auditor would, then rebuilt byte for byte."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ropa.loading.load import load_text
from ropa.model import Register
from ropa.model.enums import Language, Role
from ropa.reference.adequacy import table as adequacy_table
from ropa.reference.labels import label
from ropa.render.context import RenderInput
from ropa.render.excel import paths, render
from ropa.reporting.gaps import missing
from ropa.validate import validate_file
from tests.conftest import MINIMAL, ROOT

EXAMPLE = MINIMAL / "register.yaml"
REAL = sorted(ROOT.glob("policies/*/*.yaml"))
CMT = ROOT / "policies" / "cmt" / "register.yaml"
CAB = ROOT / "policies" / "cab" / "register.yaml"
NOT_STATED = "Not stated in source"
SHEETS_EN = [
    "Register",
    "Controller",
    "Recipients",
    "Transfers",
    "Retention",
    "Security measures",
    "Subjects and data categories",
    "DPIA screening",
    "Gaps",
    "Evidence",
    "About",
]
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
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


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
        "Lawful basis (Art. 6)": "Consent (Art. 6(1)(a))\nHow consent is withdrawn (Art. 7(3)): Unsubscribe link in every newsletter.",
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
    """Each point ``ropa.reporting.gaps`` reports as not stated reads 'Not stated in source' where the register shows it."""
    for path in [EXAMPLE, *REAL]:
        data = render_input(path)
        wb = book(path)
        ns = label("status.not-stated", data.language.value)
        register_rows = {r[0].value: r for r in wb.worksheets[0].iter_rows(min_row=2)}
        columns = [str(c.value).split("\n")[0] for c in wb.worksheets[0][1]]
        controller = {str(r[0].value): r[2] for r in wb.worksheets[SHEETS_EN.index("Controller")].iter_rows(min_row=2)}
        cookie_sheet = wb[label("xlsx.sheet.cookies", data.language.value)] if data.register.cookies else None
        cookie_rows = {r[0].value: r for r in cookie_sheet.iter_rows(min_row=2)} if cookie_sheet else {}
        cookie_columns = [str(c.value).split("\n")[0] for c in cookie_sheet[1]] if cookie_sheet else []
        recipient_sheet = wb[label("xlsx.sheet.recipients", data.language.value)]
        recipient_rows = {r[0].value: r for r in recipient_sheet.iter_rows(min_row=2)}
        recipient_columns = [str(c.value).split("\n")[0] for c in recipient_sheet[1]]
        for gap in missing(data.register):
            where = label("point.transfers" if gap.point.key == "transfer-destination" else f"point.{gap.point.key}", data.language.value)
            if gap.field.startswith("cookies["):  # a cookie's point: on the Cookies sheet
                cookie = data.register.cookies[int(gap.field.split("[")[1].split("]")[0])]
                cell = cookie_rows[cookie.id][cookie_columns.index(where)]
            elif gap.field.startswith("recipients["):  # a recipient's point (its kind): on the Recipients sheet
                recipient = data.register.recipients[int(gap.field.split("[")[1].split("]")[0])]
                cell = recipient_rows[recipient.id][recipient_columns.index(where)]
            elif gap.activity is None:
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
    """One Gaps row per missing point, in ``ropa.reporting.gaps`` order, with its YAML path."""
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
        "Registrerade och kategorier",
        "Behov av konsekvensbedömning",
        "Luckor",
        "Belägg",
        "Om registret",
    ]
    ws = wb["Register"]
    assert "Ändamål med behandlingen\nArt. 30.1 b" in [c.value for c in ws[1]]
    row = record(ws, "newsletter", "Behandlings-id")
    assert row["Behandling"].value == "Newsletter"
    assert row["Tidsfrister för radering"].value == "Anges inte i källan"
    assert (
        row["Rättslig grund (art. 6)"].value
        == "Samtycke (art. 6.1 a)\nHur samtycket återkallas (art. 7.3): Unsubscribe link in every newsletter."
    )
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
        for k in (
            "register",
            "controller",
            "recipients",
            "transfers",
            "retention",
            "security",
            "categories",
            "dpia",
            "gaps",
            "evidence",
            "about",
        )
    ]
    assert wb.sheetnames == expected


def test_numbers_sort_as_numbers() -> None:
    """The No. column of the Gaps and Evidence sheets holds numbers, so sorting by it restores the order."""
    wb = book(EXAMPLE)
    for name in ("Gaps", "Evidence"):
        column = [c.value for c in wb[name]["A"][1:]]
        assert column == list(range(1, len(column) + 1)), name


def test_unnamed_destination_is_a_gap_not_a_verdict() -> None:
    """A transfer 'outside of Sweden' names no country: the destination is a gap and adequacy is not judged."""
    if not CMT.exists():
        pytest.skip("policies/cmt is not in this checkout")
    register = render_input(CMT).register
    unnamed = [(a.id, t) for a in register.activities if isinstance(a.transfers, list) for t in a.transfers if t.unnamed_destination]
    if not unnamed:
        pytest.skip("the CMT register records no transfer without a country")
    rows = [
        r
        for r in records(book(CMT)["Transfers"])
        if "country not stated in source" in r["Third country or international organisation"].value
    ]
    assert len(rows) == len(unnamed)
    adequacy = headers(book(CMT)["Transfers"])[6]
    assert {r[adequacy].value for r in rows} == {"Cannot be judged: the source names no country"}
    assert all(r[adequacy].font.i for r in rows)


def test_every_quote_names_the_point_it_supports() -> None:
    """The Evidence sheet's Point column always reads as a label, never as a raw field name of the YAML."""
    for path in [EXAMPLE, *REAL]:
        points = {c.value for c in book(path).worksheets[-2]["C"][1:]}
        assert not {p for p in points if "_" in str(p) or "[" in str(p)}, path
    for lang in ("en", "sv", "nl"):
        for key in paths.FIELD_POINTS.values():
            assert label(key, lang)


def test_empty_lists_read_none_never_blank() -> None:
    """A point stated as an empty list (no transfers, no retention rules, no locations) reads 'None', not a blank cell."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start, end = text.index("    transfers:\n"), text.index("    retention:")
    text = text[:start] + "    transfers: []\n" + text[end:]
    text = text.replace("    retention: {not_stated: true}", "    retention: []")
    start = text.index("    storage_location:\n")
    text = text[:start] + "    storage_location: []\n"
    data, _ = load_text(text)
    row = record(open_book(render(with_register(Register.model_validate(data))))["Register"], "newsletter")
    for column in ("Third countries or international organisations", "Transfer safeguards", "Time limits for erasure", "Storage location"):
        assert row[column].value == "None", column
        assert row[column].font.i, column
