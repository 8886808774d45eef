"""Relations between recipients (issue 11) read back from every output: the Word register's Annex A, the workbook's
Recipients sheet, the data map and ``ropa diff``; and what the checks make of them."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner

from ropa.cli import main
from ropa.render.context import RenderInput
from ropa.render.datamap.flows import flows
from ropa.render.excel import render as render_xlsx
from ropa.render.word import render as render_docx
from ropa.validate import validate_file
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "examples" / "valid" / "relations"
REGISTER = FOLDER / "register.yaml"


def _input(path: Path = REGISTER, lang: str | None = None) -> RenderInput:
    outcome = validate_file(path)
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


def _annex_a(lang: str | None = None) -> dict[str, str]:
    """Annex A of the Word register: recipient name (first line of its cell) -> the text of that cell."""
    doc = docx.Document(io.BytesIO(render_docx(_input(lang=lang))))
    recipients = next(t for t in doc.tables if t.rows[0].cells[0].text in {"Recipient", "Mottagare"})
    return {row.cells[0].paragraphs[0].text: row.cells[0].text for row in recipients.rows[1:]}


def test_word_annex_a_shows_each_relation_and_the_processor_lists_its_sub_processors() -> None:
    """The sub-processor says whose it is; the processor lists its sub-processors, subsidiaries and representative."""
    cells = _annex_a()
    aws = cells["Amazon Web Services"].splitlines()
    assert "Sub-processor of Intuit Inc. (Mailchimp)" in aws
    ireland = cells["Mailchimp Ireland Ltd"].splitlines()
    assert "Subsidiary of Intuit Inc. (Mailchimp)" in ireland
    assert "Representative in the Union (Art. 27) of Intuit Inc. (Mailchimp)" in ireland
    assert "Alternative contracting party to Intuit Inc. (Mailchimp)" in ireland
    assert "Note: The policy names either company as the one that sends the newsletter." in ireland  # the relation's note
    mailchimp = cells["Intuit Inc. (Mailchimp)"].splitlines()
    assert "Sub-processors: Amazon Web Services" in mailchimp
    assert "Subsidiaries: Mailchimp Ireland Ltd" in mailchimp
    assert "Representative in the Union (Art. 27): Mailchimp Ireland Ltd" in mailchimp


def test_word_annex_a_quotes_the_evidence_of_each_relation() -> None:
    """Under the recipients' table, each relation's quote with the relation it supports."""
    doc = docx.Document(io.BytesIO(render_docx(_input())))
    texts = [p.text for p in doc.paragraphs]
    headings = [i for i, p in enumerate(doc.paragraphs) if p.style is not None and p.style.name == "Heading 1"]
    annex_a = next(i for i in headings if texts[i].startswith("Annex A"))
    annex_b = next(i for i in headings if texts[i].startswith("Annex B"))
    shown = "\n".join(texts[annex_a:annex_b])
    assert "which is also its authorised representative in the EU" in shown
    assert "Mailchimp Ireland Ltd: Representative in the Union (Art. 27) of Intuit Inc. (Mailchimp)" in shown
    assert "Amazon Web Services: Sub-processor of Intuit Inc. (Mailchimp)" in shown


def test_word_relations_in_swedish() -> None:
    cells = _annex_a("sv")
    assert "Underbiträde till Intuit Inc. (Mailchimp)" in cells["Amazon Web Services"].splitlines()
    assert "Underbiträden: Amazon Web Services" in cells["Intuit Inc. (Mailchimp)"].splitlines()


def test_workbook_recipients_sheet_has_a_relations_column() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input())))
    ws = book["Recipients"]
    header = [str(c.value).split("\n")[0] for c in ws[1]]
    column = header.index("Relations to other recipients")
    rows = {row[0].value: row[column].value for row in ws.iter_rows(min_row=2)}
    assert rows["aws"] == "Sub-processor of Intuit Inc. (Mailchimp)"
    assert rows["mailchimp-ie"].splitlines()[-1] == (
        "• Alternative contracting party to Intuit Inc. (Mailchimp) (The policy names either company as the one that sends the newsletter.)"
    )
    assert rows["mailchimp"].splitlines() == [
        "• Sub-processors: Amazon Web Services",
        "• Representative in the Union (Art. 27): Mailchimp Ireland Ltd",
        "• Subsidiaries: Mailchimp Ireland Ltd",
        "• Alternative contracting party: Mailchimp Ireland Ltd",
    ]


def test_data_map_draws_processor_to_sub_processor_and_where_it_is() -> None:
    """The data go from the activity to the processor, on to its sub-processor, and from there to the USA."""
    edges = {(e.tail, e.head) for e in flows(_input().register).edges}
    assert ("r:mailchimp", "r:aws") in edges
    assert ("a:newsletter", "r:aws") not in edges  # reached through the processor, not directly
    assert ("r:aws", "c:US") in edges


def _copy(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(FOLDER / "policy.txt", folder / "policy.txt")
    path = folder / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_shows_a_changed_relation_as_a_change_of_the_recipient(tmp_path: Path) -> None:
    text = REGISTER.read_text(encoding="utf-8")
    old = _copy(tmp_path, "old", text)
    changed = text.replace("      - relation: subsidiary-of\n", "      - relation: same-group-as\n")
    assert changed != text
    new = _copy(tmp_path, "new", changed)
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert "Mailchimp Ireland Ltd" in result.stdout
    assert "Relations to other recipients" in result.stdout
    assert "- Subsidiary of Intuit Inc. (Mailchimp)" in result.stdout
    assert "+ In the same group as Intuit Inc. (Mailchimp)" in result.stdout


def test_diff_shows_a_new_sub_processor_abroad_as_a_new_transfer(tmp_path: Path) -> None:
    """Data reach a sub-processor in the USA: stating the relation makes a new flow to the USA in the transfers part."""
    text = REGISTER.read_text(encoding="utf-8")
    start = text.index("      - country: US\n        recipient: aws")
    end = text.index("    retention: {not_stated: true}")
    text = text[:start] + text[end:]  # no transfer entry for the sub-processor
    relation = text.index("    relations:\n      - relation: sub-processor-of")
    old = _copy(tmp_path, "old", text[:relation] + text[text.index('    evidence: [{quote: "its sub-processor') :])
    new = _copy(tmp_path, "new", text)
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1, result.output
    changes = json.loads(result.stdout)["changes"]
    transfers = [c for c in changes if c["area"] == "transfer"]
    assert any("Amazon Web Services" in " ".join(c["added"]) for c in transfers), transfers


def _codes(path: Path) -> set[str]:
    return {f.code for f in validate_file(path).findings}


def test_a_recipient_reached_only_through_a_relation_is_in_use(tmp_path: Path) -> None:
    """The Irish subsidiary is named by no activity, only through its relations to the processor: not unused;
    without the relations it is."""
    assert "unused-entry" not in _codes(REGISTER)
    text = REGISTER.read_text(encoding="utf-8")
    start = text.index("    relations:\n      - relation: subsidiary-of")
    end = text.index('    evidence: [{quote: "or its EU subsidiary')
    alone = _copy(tmp_path, "alone", text[:start] + text[end:])
    assert "unused-entry" in _codes(alone)


def test_a_sub_processor_abroad_needs_its_transfer_entry(tmp_path: Path) -> None:
    """With its transfer entry the US sub-processor raises nothing; the processor's own transfer (on an adequacy
    decision) does not cover it."""
    text = REGISTER.read_text(encoding="utf-8")
    assert "sub-processor-abroad-no-transfer" not in _codes(REGISTER)
    start = text.index("      - country: US\n        recipient: aws")
    end = text.index("    retention: {not_stated: true}")
    without = _copy(tmp_path, "without", text[:start] + text[end:])
    assert "sub-processor-abroad-no-transfer" in _codes(without)


def test_a_sub_processor_abroad_of_an_organisation_wide_recipient_is_flagged_at_the_activity_s_transfers(tmp_path: Path) -> None:
    """The processor comes from `defaults`, the transfers are the activity's own: the warning points at them (their first line)."""
    text = REGISTER.read_text(encoding="utf-8")
    start = text.index("      - country: US\n        recipient: aws")
    text = text[:start] + text[text.index("    retention: {not_stated: true}") :]
    line = '    recipients: {value: [mailchimp], evidence: [{quote: "We send the newsletter with Intuit Inc. (Mailchimp)"}]}\n'
    text = text.replace(line, "").replace("activities:\n", "defaults:\n" + line[2:] + "activities:\n")
    path = _copy(tmp_path, "wide", text)
    found = [f for f in validate_file(path).findings if f.code == "sub-processor-abroad-no-transfer"]
    assert [(f.line, f.message.split(" is in ")[0]) for f in found] == [
        (text.splitlines().index("    transfers:") + 2, "sub-processor `aws` of recipient `mailchimp` (organisation-wide, in `defaults`)")
    ]
