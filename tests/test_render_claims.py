"""The new promises in the outputs: kinds, the activities a claim names and its limits reach the Word register, the workbook and the change report."""

from __future__ import annotations

import io
from functools import cache

import docx
import openpyxl

from ropa.diff import Area, compare
from ropa.render.context import RenderInput
from ropa.render.excel import render as render_xlsx
from ropa.render.word import render as render_docx
from ropa.validate import validate_file
from tests.conftest import ROOT

CAB = ROOT / "policies" / "cab" / "register.yaml"
CM_2017 = ROOT / "policies" / "cm" / "register-2017-10-07.yaml"
CM_2018 = ROOT / "policies" / "cm" / "register-2018-08-15.yaml"
CM_SCOPE = (
    "Data stay in the organisation's own data centre (for: Replying to inquiries, Providing requested products and services, "
    "CM Direct customer account, Newsletters and promotion of new products and services)"
)


def _input(path: str, lang: str) -> RenderInput:
    outcome = validate_file(ROOT / path)
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


@cache
def word_text(path: str, lang: str) -> list[str]:
    """Every paragraph of the Word register, tables' cells included, as a reader sees it."""
    doc = docx.Document(io.BytesIO(render_docx(_input(path, lang))))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        out += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return out


@cache
def controller_rows(path: str, lang: str) -> dict[str, list[str]]:
    """The Controller sheet of the workbook, point -> the other cells of its row."""
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(path, lang))))["Controller"]
    return {str(row[0].value): [str(c.value or "") for c in row[1:]] for row in ws.iter_rows(min_row=2)}


def test_word_shows_the_limit_beside_the_promise_and_quotes_it() -> None:
    """CAB's free-of-charge promise reads with its once-a-year limit, in English and in Swedish, and the limit's quote is in the evidence."""
    english = word_text("policies/cab/register.yaml", "en")
    assert (
        "Rights exercised free of charge (Art. 12(5)) (limited: begäran om information (registerutdrag, art. 15) är kostnadsfri "
        "bara en gång om året)" in english
    )
    assert any("Transfers only to countries with an adequacy decision (limited: undantag" in line for line in english)
    swedish = word_text("policies/cab/register.yaml", "sv")
    assert any(line.startswith("Rättigheterna utövas kostnadsfritt (art. 12.5) (begränsat: begäran") for line in swedish)
    assert any("(kostnadsfritt en gång om året) begära information" in line for line in swedish)


def test_word_names_the_activities_a_claim_speaks_of() -> None:
    """CM 2017's own-servers promise names the four activities holding contact details, by name."""
    text = word_text("policies/cm/register-2017-10-07.yaml", "en")
    assert CM_SCOPE in text
    assert "Disclosure to third parties only with consent" in text
    assert "Transfers only to countries with an adequacy decision" in text


def test_workbook_lists_the_kinds_with_scope_and_limits_and_their_notes() -> None:
    """The Controller sheet's promises row carries each kind as the Word register does; the limit's note is among the notes."""
    [_article, value, *notes] = controller_rows("policies/cab/register.yaml", "en")["Promises made in the source"]
    assert "Rights exercised free of charge (Art. 12(5)) (limited: begäran om information" in value
    assert any("uttryckligt samtycke (art. 49.1 a) nämns inte" in n for n in notes), notes
    [_article, value, *_] = controller_rows("policies/cm/register-2017-10-07.yaml", "en")["Promises made in the source"]
    assert CM_SCOPE in value


def test_change_report_shows_the_promises_that_come_and_go() -> None:
    """From 2017 to 2018 the consent, adequacy and scoped own-servers promises go; the unscoped own-data-centre promise comes."""
    old, new = validate_file(CM_2017).register, validate_file(CM_2018).register
    assert old is not None
    assert new is not None
    report = compare(old, new, lang="en")
    [claims] = [c for c in report.changes if c.area is Area.ORGANISATION and c.point == "diff.point.policy-claims"]
    assert {"Disclosure to third parties only with consent", "Transfers only to countries with an adequacy decision", CM_SCOPE} <= set(
        claims.removed_items
    )
    assert {"Data stay in the EEA", "Data stay in the organisation's own data centre"} <= set(claims.added_items)
