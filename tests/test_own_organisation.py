"""Issue 10's register of an organisation's own: every new feature at once, read back from what `ropa build` writes.

tests/examples/valid/own-organisation is a (fictional) German association's internal register
(``kind: internal``): a German policy (.md) as the default source, an internal memo (.docx) as the
second source, facts attested by people in the organisation, and organisation-wide ``defaults``.
It is built through the CLI in German (its own language) and English, and each feature is asserted
in the Word paragraphs and the workbook cells a reader sees.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from ropa.cli import main
from tests.conftest import ROOT

REGISTER = ROOT / "tests" / "examples" / "valid" / "own-organisation" / "register.yaml"
MEMO = "Aktennotiz: IT-Betrieb der Mitgliederverwaltung"
SERVER = "Die Mitgliederdatenbank läuft auf dem vereinseigenen Server im Rechenzentrum in Frankfurt am Main."

#: What each language says of the features: an attestation (its date written out in Word, ISO 8601 in the workbook
#: as every date there), a gap, an inherited value, the attestation legend.
WORDS = {
    "de": {
        "attested": "Bestätigt durch Leiterin IT, 1. März 2026 (IT-Aktennotiz vom 1. März 2026)",
        "attested_cell": "Bestätigt durch Leiterin IT, 2026-03-01",
        "gap": "Nicht erfasst",
        "org_wide": "Organisationsweit (gilt für jede Tätigkeit, sofern nicht anders angegeben):",
        "cell_org_wide": "Organisationsweit: Geschäftsstelle",
        "legend": "Bestätigt: von einer Person in der Organisation angegeben, nicht aus einem Dokument zitiert.",
        "quote": "„{}“",
        "not_stated": "In der Quelle nicht angegeben",
    },
    "en": {
        "attested": "Attested by Leiterin IT, 1 March 2026 (IT-Aktennotiz vom 1. März 2026)",
        "attested_cell": "Attested by Leiterin IT, 2026-03-01",
        "gap": "Not recorded",
        "org_wide": "Organisation-wide (applies to every activity unless stated otherwise):",
        "cell_org_wide": "Organisation-wide: Geschäftsstelle",
        "legend": "Attested: stated by a person in the organisation, not quoted from a document.",
        "quote": "“{}”",
        "not_stated": "Not stated in source",
    },
}


@cache
def _built(lang: str, out: Path) -> tuple[list[str], openpyxl.Workbook]:
    args = ["build", str(REGISTER), "--out", str(out)] + (["--lang", lang] if lang != "de" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out / "tierhilfe.docx"))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts, openpyxl.load_workbook(out / "tierhilfe.xlsx")


@pytest.fixture(scope="module", params=["de", "en"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], openpyxl.Workbook]:
    lang = str(request.param)
    texts, book = _built(lang, tmp_path_factory.mktemp(lang))
    return lang, texts, book


def test_it_validates_clean() -> None:
    result = CliRunner().invoke(main, ["validate", "--no-cache", str(REGISTER)])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_word_shows_attestations_apart_from_quotes(built: tuple[str, list[str], openpyxl.Workbook]) -> None:
    lang, texts, _ = built
    words = WORDS[lang]
    assert words["attested"] in texts
    assert words["legend"] in texts
    assert words["quote"].format(SERVER) in texts  # a quote of the .docx memo, shown as a quote
    assert any(t.startswith("— " + MEMO + ". ") for t in texts)  # ... and attributed to the memo


def test_word_says_not_recorded_never_not_stated(built: tuple[str, list[str], openpyxl.Workbook]) -> None:
    lang, texts, _ = built
    assert words_in(texts, WORDS[lang]["gap"]) >= 2  # the supervisory authority and the newsletter's retention
    assert words_in(texts, WORDS[lang]["not_stated"]) == 0


def test_word_marks_inherited_values_as_organisation_wide(built: tuple[str, list[str], openpyxl.Workbook]) -> None:
    lang, texts, _ = built
    # seven points of `defaults` in the first activity; five in the second, which states its own
    # business function, storage location, recipients and retention
    assert texts.count(WORDS[lang]["org_wide"]) == 12


def test_word_quotes_the_german_policy_with_its_own_quotation_marks_folded(built: tuple[str, list[str], openpyxl.Workbook]) -> None:
    """The register writes straight quotes; the policy has „…“: they match, and the quote is shown as written."""
    lang, texts, _ = built
    assert WORDS[lang]["quote"].format('senden wir Ihnen unseren "Tierhilfe-Brief" an Ihre E-Mail-Adresse') in texts


def test_workbook_register_sheet(built: tuple[str, list[str], openpyxl.Workbook]) -> None:
    lang, _, book = built
    sheet = book.worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["members"][3] == WORDS[lang]["cell_org_wide"]  # inherited business function
    assert rows["newsletter"][3] == "Öffentlichkeitsarbeit"  # its own, no mark
    assert WORDS[lang]["gap"] in [str(v) for v in rows["newsletter"]]  # its retention is not recorded


def test_workbook_evidence_sheet(built: tuple[str, list[str], openpyxl.Workbook]) -> None:
    lang, _, book = built
    sheet = book.worksheets[book.sheetnames.index("Belege" if lang == "de" else "Evidence")]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    by_it = WORDS[lang]["attested_cell"]  # who and when, the date as the workbook writes dates; the document has its own column
    assert [(r[3], r[5]) for r in rows if r[4] == by_it] == [
        ("defaults.transfers", "IT-Aktennotiz vom 1. März 2026"),
        ("activities[1].storage_location[0]", None),
    ]
    memo = [r for r in rows if r[4] == SERVER]
    assert [r[5] for r in memo] == [MEMO]  # the .docx source, named
    assert [r[3] for r in memo] == ["defaults.storage_location[0]"]  # once, where `defaults` states it


def test_gaps_count_attested_facts_apart() -> None:
    result = CliRunner().invoke(main, ["gaps", str(REGISTER)])
    assert result.exit_code == 0, result.output
    assert "(26 stated (8 attested), 4 none, 2 not recorded, 5 n/a)" in result.output.splitlines()[0]
    assert f"{REGISTER.relative_to(ROOT).as_posix()}:135:16: NOT RECORDED" in result.output.replace("\\", "/")


def words_in(texts: list[str], words: str) -> int:
    return sum(words in t for t in texts)


def test_cnil_layout_marks_organisation_wide_points(tmp_path: Path) -> None:
    """The CNIL fiche, too, shows an inherited point as the organisation's, never as the activity's own."""
    result = CliRunner().invoke(main, ["build", str(REGISTER), "--layout", "cnil", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "tierhilfe-cnil.xlsx")
    members, newsletter = (list(book[name].iter_rows(values_only=True)) for name in ("Fiche 1", "Fiche 2"))
    function = {row[0]: row[1] for row in members}["Service ou fonction chargé du traitement"]
    assert function == "Pour tout l'organisme\N{NO-BREAK SPACE}: Geschäftsstelle"
    own = {row[0]: row[1] for row in newsletter}["Service ou fonction chargé du traitement"]
    assert own == "Öffentlichkeitsarbeit"
    headers = [
        row[0] for row in members if row[0] and str(row[0]).startswith(("Transferts", "Mesures de sécurité", "Catégories de destinataires"))
    ]
    assert headers == [
        "Catégories de destinataires des données",  # the activity states its own recipients
        "Transferts des données hors UE (pour tout l'organisme)",
        "Mesures de sécurité (pour tout l'organisme)",
    ]
