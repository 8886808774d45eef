"""The DPIA screening as a reader sees it: paragraphs of the Word register and rows of the workbook."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import docx
import openpyxl

from ropa.render.context import RenderInput
from ropa.render.excel import render as render_xlsx
from ropa.render.word import render as render_docx
from ropa.validate import validate_file
from tests.conftest import ROOT
from tests.test_dpia import EXAMPLE


@cache
def _input(lang: str | None = None) -> RenderInput:
    outcome = validate_file(EXAMPLE, display=str(EXAMPLE.relative_to(ROOT)))
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


def _paragraphs(lang: str | None = None) -> list[tuple[str, str]]:
    doc = docx.Document(io.BytesIO(render_docx(_input(lang))))
    return [(p.style.name if p.style is not None else "", p.text) for p in doc.paragraphs]


def _block(paragraphs: list[tuple[str, str]], activity: str) -> list[str]:
    """The paragraphs under the 'DPIA screening' heading of one activity (up to the next heading)."""
    start = next(i for i, (style, text) in enumerate(paragraphs) if style == "Heading 2" and text.endswith("\t" + activity))
    head = next(i for i in range(start, len(paragraphs)) if paragraphs[i] == ("Heading 3", "DPIA screening"))
    out = []
    for style, text in paragraphs[head + 1 :]:
        if style.startswith("Heading"):
            break
        out.append(text)
    return out


def test_word_block_per_activity() -> None:
    """Each activity has a 'DPIA screening' heading; the block names the criteria met with the quotes, and the verdict."""
    paragraphs = _paragraphs()
    assert sum(p == ("Heading 3", "DPIA screening") for p in paragraphs) == 4
    loyalty = _block(paragraphs, "Loyalty card")
    assert loyalty[0] == "2 of the nine criteria met, 4 not judged (not stated in source)."
    assert "Met: Data processed on a large scale — “About 2 million card holders across the Netherlands”" in loyalty
    assert loyalty[-1] == "Two or more criteria are met and no DPIA is recorded: a DPIA is likely required."
    newsletter = _block(paragraphs, "Newsletter")
    assert newsletter[0] == "1 of the nine criteria met, 1 not judged (not stated in source)."
    assert not any("likely required" in t for t in newsletter)
    pharmacy = _block(paragraphs, "Pharmacy service")
    assert any(
        t.startswith("Not stated in source: ") and "Data concerning vulnerable data subjects (Pharmacy customers)" in t for t in pharmacy
    )
    assert pharmacy[-1] == (  # one criterion met is no warning, but with eight not judged it is no all-clear either
        "Not concluded: with the criteria not judged, two or more may be met; state them to complete the screening."
    )
    assert newsletter[-1].startswith("Not concluded: ")  # evaluation or scoring not judged: it may be a second criterion
    cameras = _block(paragraphs, "Camera surveillance")
    assert "National list (Art. 35(4)): nl-ap-09 Cameratoezicht (camera surveillance)" in cameras
    assert cameras[-1] == "On the list of the Autoriteit Persoonsgegevens (AP) (27 November 2019): a DPIA is required."


def _style(p: Any) -> str:
    return p.style.name if p.style is not None else ""


def test_word_block_is_kept_on_one_page() -> None:
    """The heading, summary, criteria and verdict keep with the next paragraph: the summary never ends a page
    with its criteria overleaf. The last paragraph of the block does not, so the block does not drag what follows."""
    doc = docx.Document(io.BytesIO(render_docx(_input())))
    paragraphs = doc.paragraphs
    heads = [i for i, p in enumerate(paragraphs) if p.style is not None and p.style.name == "Heading 3" and p.text == "DPIA screening"]
    assert len(heads) == 4
    for head in heads:
        end = next(i for i in range(head + 1, len(paragraphs)) if not paragraphs[i].text or _style(paragraphs[i]).startswith("Heading"))
        block = paragraphs[head:end]
        assert len(block) >= 3
        assert [bool(p.paragraph_format.keep_with_next) for p in block] == [True] * (len(block) - 1) + [False], block[1].text


def test_word_annex_table() -> None:
    """The annex: the method, the AP list with its date and source, and one row per activity."""
    doc = docx.Document(io.BytesIO(render_docx(_input())))
    texts = [p.text for p in doc.paragraphs]
    annex = len(texts) - 1 - texts[::-1].index("Annex H – DPIA screening")  # the heading, not its contents entry
    assert texts[annex + 2].startswith("National list (Art. 35(4)): Autoriteit Persoonsgegevens (AP)")
    assert "27 November 2019; Staatscourant 2019, 64418" in texts[annex + 2]
    rows = [[c.text for c in r.cells] for r in doc.tables[-3].rows]  # the data subjects and data categories annex follows
    assert rows[0] == ["Processing activity", "Met", "Not judged: not stated in source", "Result"]
    assert rows[1][:2] == ["3.1 Loyalty card", "Evaluation or scoring, including profiling\nData processed on a large scale"]
    assert rows[4][3].startswith("On the list of the Autoriteit Persoonsgegevens (AP)")


def test_word_in_dutch() -> None:
    """The labels follow the document's language; the register's quotes stay as written."""
    paragraphs = _paragraphs("nl")
    loyalty = _block_nl(paragraphs, "Loyalty card")
    assert loyalty[0] == "2 van de negen criteria vervuld, 4 niet te beoordelen (niet vermeld in de bron)."
    assert "Vervuld: Op grote schaal verwerkte gegevens — “About 2 million card holders across the Netherlands”" in loyalty


def _block_nl(paragraphs: list[tuple[str, str]], activity: str) -> list[str]:
    start = next(i for i, (style, text) in enumerate(paragraphs) if style == "Heading 2" and text.endswith("\t" + activity))
    head = next(i for i in range(start, len(paragraphs)) if paragraphs[i] == ("Heading 3", "DPIA-toets"))
    return [t for s, t in paragraphs[head + 1 : head + 6] if not s.startswith("Heading")]


def test_workbook_sheet() -> None:
    """The DPIA screening sheet: nine rows per activity, the list entry, and the outcome row."""
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input())))
    ws = wb["DPIA screening"]
    header = [c.value for c in ws[1]]
    assert header == [
        "No.",
        "Activity ID",
        "Processing activity",
        "Criterion",
        "Result",
        "What the register states",
        "Place in the register file (YAML path)",
    ]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == 4 * 10 + 1
    loyalty = {r["Criterion"]: r for r in rows if r["Activity ID"] == "loyalty"}
    assert loyalty["Data processed on a large scale"]["Result"] == "Met"
    assert loyalty["Matching or combining datasets"]["Result"] == "Not stated in source"
    monitoring = loyalty["Systematic monitoring"]  # the quote alone would read as monitoring; the note says why it is not
    assert (monitoring["Result"], monitoring["What the register states"]) == (
        "Not met",
        "“we analyse your purchases” (Purchases only, not behaviour.)",
    )
    assert loyalty["DPIA screening"]["Result"] == "Two or more criteria are met and no DPIA is recorded: a DPIA is likely required."
    pharmacy = {r["Criterion"]: r for r in rows if r["Activity ID"] == "pharmacy"}
    assert pharmacy["DPIA screening"]["Result"].startswith("Not concluded: ")
    assert pharmacy["DPIA screening"]["What the register states"] == "1 of the nine criteria met, 8 not judged (not stated in source)."
    cameras = {r["Criterion"]: r for r in rows if r["Activity ID"] == "cameras"}
    assert cameras["National list (Art. 35(4))"]["Result"] == "nl-ap-09 Cameratoezicht (camera surveillance)"
    assert cameras["DPIA screening"]["Result"].startswith("On the list of the Autoriteit Persoonsgegevens (AP) (2019-11-27)")


def test_outputs_of_the_dpia_register_validate_against_ecma_376() -> None:
    """The red outcome cells and the screening paragraphs are valid OOXML, like every shipped output."""
    from tests.test_office_schemas import invalid_parts

    for package in (render_docx(_input()), render_xlsx(_input())):
        assert invalid_parts(package) == []
