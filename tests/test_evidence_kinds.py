"""Attested facts and the internal register: read back from the Word and Excel outputs, `ropa gaps` and `ropa diff`.

The example (tests/examples/valid/internal) is the organisation's own record (``register.kind: internal``):
its business function is attested by the Head of Marketing, a storage location by the Head of IT, and
every gap must read "Not recorded", never "Not stated in source".
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from functools import cache
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.text.paragraph import Paragraph

from ropa.cli import main
from ropa.diff import Kind, compare
from ropa.diff.text import render_text
from ropa.render import word
from ropa.render.context import RenderInput
from ropa.render.excel import cnil
from ropa.render.excel import render as render_xlsx
from ropa.validate import validate_file
from tests.conftest import MINIMAL, ROOT

INTERNAL = ROOT / "tests" / "examples" / "valid" / "internal" / "register.yaml"
#: In Word an attestation's date is written out as the document's other dates are; the workbook writes every date ISO 8601.
IT = "Attested by Head of IT, 15 June 2025 (Server inventory (ticket IT-42); The subscriber list is backed up nightly.)"
MARKETING = "Attested by Head of Marketing, 20 May 2025"
LEGEND = "Attested: stated by a person in the organisation, not quoted from a document."


@cache
def _input(path: Path, lang: str | None = None) -> RenderInput:
    outcome = validate_file(path, display=str(path.relative_to(ROOT)))
    assert not outcome.errors, outcome.findings
    return RenderInput.from_outcome(outcome, lang)


def _paragraphs(path: Path, lang: str | None = None) -> list[Paragraph]:
    doc = docx.Document(io.BytesIO(word.render(_input(path, lang))))
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return list(doc.paragraphs) + cells


def _style(p: Paragraph) -> str | None:
    return p.style.name if p.style is not None else None


def _cells(payload: bytes) -> dict[str, list[str]]:
    wb = openpyxl.load_workbook(io.BytesIO(payload))
    return {ws.title: [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None] for ws in wb}


def test_word_shows_attestations_apart_from_quotes() -> None:
    paras = _paragraphs(INTERNAL)
    attested = [p for p in paras if p.text in (IT, MARKETING)]
    assert {p.text for p in attested} == {IT, MARKETING}
    for p in attested:  # not a quotation: the status-marker character style, not the Quote paragraph style
        assert _style(p) != "Quote"
        assert {r.style.name for r in p.runs} == {"Status Marker"}
    assert any(p.text == LEGEND for p in paras)
    assert any(_style(p) == "Quote" and "MailChimp, whose servers are in the USA" in p.text for p in paras)


def test_word_internal_register_reads_not_recorded() -> None:
    texts = [p.text for p in _paragraphs(INTERNAL)]
    assert "Not recorded" in texts
    assert any(t.startswith("The register leaves 9 points unrecorded.") for t in texts)
    assert any("This is the organisation's own record." in t for t in texts)
    body = zipfile.ZipFile(io.BytesIO(word.render(_input(INTERNAL)))).read("word/document.xml").decode()
    assert "Not stated in source" not in body
    assert "Points the source does not state" not in body


def test_word_in_swedish() -> None:
    texts = [p.text for p in _paragraphs(INTERNAL, "sv")]
    assert "Ej registrerat" in texts
    assert "Intygat av Head of Marketing, 20 maj 2025" in texts
    assert "Anges inte i källan" not in texts


def test_policy_register_keeps_not_stated_in_source() -> None:
    texts = [p.text for p in _paragraphs(MINIMAL / "register.yaml")]
    assert "Not stated in source" in texts
    assert "Not recorded" not in texts
    assert LEGEND not in texts


def test_excel_evidence_sheet_and_legend() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(INTERNAL))))
    rows = [[c.value for c in row] for row in wb["Evidence"].iter_rows()]
    it = next(r for r in rows if r[4] == "Attested by Head of IT, 2025-06-15")
    assert it[5:] == ["Server inventory (ticket IT-42)", "The subscriber list is backed up nightly."]
    assert any(r[4] == "Attested by Head of Marketing, 2025-05-20" and r[5] is None for r in rows)
    about = [[c.value for c in row] for row in wb["About"].iter_rows()]
    assert ["Attested", LEGEND] in about
    assert [
        "Not recorded",
        "Not yet recorded: a gap for the organisation to fill (see the Gaps sheet). Nothing has been assumed in its place.",
    ] in about


def test_excel_internal_register_reads_not_recorded_on_every_sheet() -> None:
    cells = _cells(render_xlsx(_input(INTERNAL)))
    assert "Not recorded" in cells["Gaps"]
    assert "Not recorded" in cells["Register"]
    assert all("Not stated in source" not in v and "not stated in source" not in v for sheet in cells.values() for v in sheet)
    french = _cells(cnil.render(_input(INTERNAL)))
    assert any("Non renseigné dans le registre" in v for sheet in french.values() for v in sheet)
    assert all("Non précisé dans la source" not in v for sheet in french.values() for v in sheet)


def test_gaps_counts_attested_facts_apart() -> None:
    text = CliRunner().invoke(main, ["gaps", "--all", str(INTERNAL)]).output
    assert "(16 stated (1 attested), 9 not recorded, 3 n/a)" in text
    assert "attested" in text.split("business-function")[0].splitlines()[-1]
    assert "NOT STATED" not in text
    result = CliRunner().invoke(main, ["gaps", "--format", "json", str(INTERNAL)])
    reg = json.loads(result.output)["registers"][0]
    assert reg["kind"] == "internal"
    assert reg["summary"]["attested"] == 1
    assert [p["point"] for p in reg["points"] if p["attested"]] == ["business-function"]


def test_attestation_date_after_register_is_a_warning() -> None:
    outcome = validate_file(INTERNAL)
    assert [f.code for f in outcome.findings if f.code.startswith("attestation")] == ["attestation-after-register"]


def test_attestation_needs_no_source_in_a_register_of_several_sources(tmp_path: Path) -> None:
    shutil.copytree(INTERNAL.parent, tmp_path / "r")
    path = tmp_path / "r" / "register.yaml"
    text = path.read_text(encoding="utf-8")
    second = "  - id: notes\n    file: policy.txt\n    title: Notes\n    language: en\n    date: {not_stated: true}\ncontroller:"
    path.write_text(text.replace("controller:", second, 1), encoding="utf-8")
    outcome = validate_file(path)
    # quotes naming no source refer to the first listed source; attestations need none
    assert not outcome.errors, outcome.errors
    assert "evidence-source" not in [f.code for f in outcome.findings]


def test_diff_shows_attestations_and_not_recorded(tmp_path: Path) -> None:
    shutil.copytree(INTERNAL.parent, tmp_path / "old")
    old_path = tmp_path / "old" / "register.yaml"
    text = old_path.read_text(encoding="utf-8")
    text = text.replace("Head of Marketing", "Marketing lead")
    text = text.replace(
        "    retention: {not_stated: true}",
        "    retention:\n      - period: P2Y\n        evidence: [{attested_by: DPO, date: 2025-01-10}]",
    )
    old_path.write_text(text, encoding="utf-8")
    old, new = validate_file(old_path), validate_file(INTERNAL)
    assert old.register is not None, old.findings
    assert new.register is not None
    report = compare(old.register, new.register, lang="en")
    evidence = [c for c in report.changes if c.kind is Kind.EVIDENCE]
    # the change report writes dates ISO 8601, as its workbook and text do
    assert any("Attested by Marketing lead, 2025-05-20" in c.old and "Attested by Head of Marketing, 2025-05-20" in c.new for c in evidence)
    out = render_text(report)
    assert "Not recorded" in out
    assert "Not stated in source" not in out


@pytest.mark.parametrize("lang", ["en", "sv", "nl"])
def test_new_wording_has_every_language(lang: str) -> None:
    from ropa.reference.labels import INTERNAL_WORDING, label

    for key in INTERNAL_WORDING.values():
        assert label(key, lang)


def test_findings_speak_of_the_register_not_the_source() -> None:
    messages = [f.message for f in validate_file(INTERNAL).findings if f.code == "transfer-mechanism-not-stated"]
    assert messages == ["transfer to US: the register states no transfer mechanism (Art. 44-49)"]


def test_change_report_of_an_internal_register(tmp_path: Path) -> None:
    """`ropa build` on two versions: the change report's workbook and document say "Not recorded"."""
    folder = tmp_path / "acme"
    shutil.copytree(INTERNAL.parent, folder)
    old = (folder / "register.yaml").read_text(encoding="utf-8")
    old = old.replace("id: example-internal", "id: example-internal-old").replace("date: 2025-06-01", "date: 2025-07-01")
    old = old.replace(
        "    retention: {not_stated: true}", "    retention:\n      - period: P2Y\n        evidence: [{attested_by: DPO, date: 2025-01-10}]"
    )
    (folder / "register-old.yaml").write_text(old, encoding="utf-8")
    new = (folder / "register.yaml").read_text(encoding="utf-8").replace("date: 2025-06-01", "date: 2025-08-01")
    (folder / "register.yaml").write_text(new.replace("id: example-internal", "id: example-internal-new"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    stem = tmp_path / "out" / "example-internal-old_to_example-internal-new"
    cells = _cells(stem.with_suffix(".xlsx").read_bytes())
    assert any(v == "Not recorded" for sheet in cells.values() for v in sheet)
    assert all("Not stated in source" not in v for sheet in cells.values() for v in sheet)
    body = zipfile.ZipFile(stem.with_suffix(".docx")).read("word/document.xml").decode()
    assert "Not recorded" in body
    assert "Not stated in source" not in body
    assert "Attested by DPO, 10 January 2025" in body  # the redline is the Word document: dates written out
