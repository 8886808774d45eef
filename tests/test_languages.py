"""Any ISO 639-1 language for a register; German and French labels in every output; English for the rest."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.reference.labels import LANGUAGES, catalogue, label
from ropa.reference.languages import LANGUAGES as CODES
from ropa.reference.languages import language_name, suggest_language
from ropa.render import datamap
from ropa.render.context import RenderInput
from ropa.render.excel.words import Words
from ropa.render.word.values import Context
from ropa.validate import validate_file
from tests.conftest import MINIMAL, ROOT

CAB = ROOT / "policies" / "cab" / "register.yaml"
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def test_the_catalogue_speaks_five_languages() -> None:
    """en, sv, nl, de and fr: the languages ``ropa build --lang`` offers."""
    assert LANGUAGES == ("en", "sv", "nl", "de", "fr")


def test_every_language_has_the_placeholders_of_english() -> None:
    """A translation keeps every ``{placeholder}`` and every '|' alternative of the English label, no more, no fewer."""
    for key, labels in catalogue().items():
        english = sorted(_PLACEHOLDER.findall(labels["en"]))
        for lang, text in labels.items():
            assert sorted(_PLACEHOLDER.findall(text)) == english, (key, lang)
            assert text.count("|") == labels["en"].count("|"), (key, lang)


def test_french_puts_a_no_break_space_before_high_punctuation() -> None:
    """French labels write ' :', ' ;', ' ?' and ' !' with a no-break space, never a plain one or none."""
    for key, labels in catalogue().items():
        text = labels["fr"]
        if key.endswith(".keywords"):  # document properties: a list, separated as Word separates keywords
            continue
        assert not re.search(r"(?<!\u00a0)[:;?!](?=\s|$)", text.replace("&P", "").replace("&N", "")), key


def test_french_catalogue_agrees_with_the_cnil_layout() -> None:
    """A key the CNIL layout also labels reads the same in the French catalogue (the roles cite their article there)."""
    cnil = tomllib.loads((ROOT / "ropa" / "data" / "cnil-fr.toml").read_text(encoding="utf-8"))
    for key, text in cnil.items():
        if key in catalogue() and not key.startswith("enum.Role."):
            assert label(key, "fr") == text, key


def test_excel_sheet_names_fit_in_every_language() -> None:
    """Sheet names are at most 31 characters and avoid the characters Excel refuses."""
    for key, labels in catalogue().items():
        if ".sheet." in key and ".about." not in key:
            for text in labels.values():
                assert len(text) <= 31, (key, text)
                assert not re.search(r"[\[\]:*?/\\]", text), (key, text)


def test_languages_are_the_184_iso_639_1_codes() -> None:
    """The list holds every two-letter code with a name in each catalogue language."""
    assert len(CODES) == 184
    assert {"en", "sv", "nl", "de", "fr", "fi", "ka", "se", "sw"} <= set(CODES)
    assert language_name("fi") == "Finnish"
    assert language_name("fi", "de") == "Finnisch"
    assert language_name("de", "fr") == "Allemand"
    for lang in LANGUAGES:  # the catalogue's own names of its languages agree with the list
        for code in LANGUAGES:
            assert label(f"enum.Language.{code}", lang) == language_name(code, lang)


def test_language_table_is_fresh() -> None:
    """ropa/data/languages.tsv is what `make data` generates from pycountry's iso-codes data."""
    from ropa.data.generate_languages import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), "run `make data` and commit ropa/data/languages.tsv"


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("ge", "de"),
        ("english", "en"),
        ("EN", "en"),
        ("Deutsch", "de"),
        ("francais", "fr"),
        ("xq", None),
        ("nl-NL", "nl"),
        ("de_DE", "de"),
        ("en-GB", "en"),
        ("sv-SE", "sv"),
        ("fr_FR.UTF-8", "fr"),
        ("dutc", "nl"),
        ("du", None),  # Dutch, or Duits (the Dutch for German): not unambiguous
        ("xq-XQ", None),
    ],
)
def test_a_wrong_code_suggests_the_one_meant(given: str, meant: str | None) -> None:
    assert suggest_language(given) == meant


def test_a_wrong_code_is_a_schema_error_with_a_suggestion(tmp_path: Path) -> None:
    """`language: ge` names the line and suggests de; the build refuses the register."""
    text = (MINIMAL / "register.yaml").read_text(encoding="utf-8").replace("  language: en\n", "  language: ge\n", 1)
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(MINIMAL / "policy.txt", tmp_path / "policy.txt")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "error[schema-language]: 'ge' is not an ISO 639-1 language code" in result.output
    assert "did you mean de?" in result.output


def test_a_register_in_finnish_builds_in_english_and_says_so_once(tmp_path: Path) -> None:
    """A language without labels is no error: the outputs use English labels, and the build says so once."""
    path = ROOT / "tests" / "examples" / "valid" / "minimal" / "language-fi.yaml"
    result = CliRunner().invoke(main, ["build", str(path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    note = "tests/examples/valid/minimal/language-fi.yaml: no labels in fi (Finnish); outputs use English"
    assert result.output.count(note) == 1
    book = openpyxl.load_workbook(tmp_path / "example-fi.xlsx")
    assert book.sheetnames[0] == "Register"
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Language of the labels"] == "English"
    assert about["Language of the register's text (never translated)"] == "Finnish"
    document = docx.Document(str(tmp_path / "example-fi.docx"))
    assert document.paragraphs[0].text.startswith("Record of processing activities")
    assert document.core_properties.language == "en"


def test_lang_gives_no_note(tmp_path: Path) -> None:
    """With --lang the reader chose the labels: nothing to say."""
    path = ROOT / "tests" / "examples" / "valid" / "minimal" / "language-fi.yaml"
    result = CliRunner().invoke(main, ["build", str(path), "--lang", "de", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "no labels in" not in result.output


def test_render_input_takes_any_register_language() -> None:
    """A caller passing the register's own language gets its catalogue language (English for Finnish)."""
    outcome = validate_file(MINIMAL / "register.yaml")
    assert outcome.register is not None
    data = RenderInput(register=outcome.register, source_path="x", sha256=outcome.sha256, language="fi")  # type: ignore[arg-type]
    assert data.language.value == "en"


def _cells(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def _docx_text(path: Path) -> tuple[list[str], list[str]]:
    """Paragraphs and table cells, with the no-break spaces Word's typography adds (Art.\u00a030) made plain."""
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text.replace("\u00a0", " ") for p in document.paragraphs], cells


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped CAB register (Swedish) built with German and French labels, the CNIL layout too."""
    out = {}
    for lang in ("de", "fr"):
        folder = tmp_path_factory.mktemp(lang)
        result = CliRunner().invoke(main, ["build", str(CAB), "--lang", lang, "--layout", "ico", "--layout", "cnil", "--out", str(folder)])
        assert result.exit_code == 0, result.output
        out[lang] = folder
    return out


def test_german_workbook(built: dict[str, Path]) -> None:
    sheets = _cells(built["de"] / "cab.xlsx")
    expected = ["Verzeichnis", *(["Datenlandkarte"] if datamap.available() else []), "Verantwortlicher", "Empfänger", "Übermittlungen"]
    assert list(sheets)[: len(expected)] == expected
    header = [str(v) for v in sheets["Verzeichnis"][0]]
    assert "Zwecke der Verarbeitung\nArt. 30 Abs. 1 lit. b DSGVO" in header
    assert any(h.startswith("Kategorien von Empfängern\n") for h in header)
    assert any(h.startswith("Löschfristen\nArt. 30 Abs. 1 lit. f DSGVO") for h in header)
    assert any(h.startswith("Technische und organisatorische Maßnahmen\n") for h in header)
    values = {str(v) for row in sheets["Verzeichnis"][1:] for v in row if v}
    assert "In der Quelle nicht angegeben" in values
    about = {row[0]: row[1] for row in sheets["Hinweise"]}
    assert about["Sprache der Bezeichnungen"] == "Deutsch"
    assert about["Sprache des Verzeichnistextes (nie übersetzt)"] == "Schwedisch"


def test_french_workbook(built: dict[str, Path]) -> None:
    sheets = _cells(built["fr"] / "cab.xlsx")
    expected = ["Registre", *(["Cartographie"] if datamap.available() else []), "Responsable du traitement", "Destinataires", "Transferts"]
    assert list(sheets)[: len(expected)] == expected
    header = [str(v) for v in sheets["Registre"][0]]
    assert "Finalités du traitement\nart. 30.1 b" in header
    assert any(h.startswith("Catégories de destinataires\n") for h in header)
    assert any(h.startswith("Mesures de sécurité techniques et organisationnelles\n") for h in header)
    values = {str(v) for row in sheets["Registre"][1:] for v in row if v}
    assert "Non précisé dans la source" in values
    about = {row[0]: row[1] for row in sheets["À propos"]}
    assert about["Langue des libellés"] == "Français"
    assert about["Langue du texte du registre (jamais traduit)"] == "Suédois"


def test_german_document(built: dict[str, Path]) -> None:
    paragraphs, cells = _docx_text(built["de"] / "cab.docx")
    assert paragraphs[0] == "Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)"
    headings = " | ".join(paragraphs)
    for text in ("Der Verantwortliche", "Rechte der betroffenen Personen", "Verarbeitungstätigkeiten", "Empfänger", "Löschfristen"):
        assert text in headings, text
    assert "Datenschutzbeauftragter" in cells
    assert "Rechtsgrundlage (Art. 6 DSGVO)" in cells
    assert "Zwecke der Verarbeitung" in cells
    assert any("Anmerkung: " in c for c in cells)
    assert docx.Document(str(built["de"] / "cab.docx")).core_properties.language == "de"


def test_french_document(built: dict[str, Path]) -> None:
    paragraphs, cells = _docx_text(built["fr"] / "cab.docx")
    assert paragraphs[0] == "Registre des activités de traitement (art. 30 du RGPD)"
    for text in ("Le responsable du traitement", "Droits des personnes concernées", "Durées de conservation"):
        assert text in paragraphs or any(text in p for p in paragraphs), text
    assert "Délégué à la protection des données (DPO)" in cells
    assert "Base légale (art. 6)" in cells
    assert any("Remarque\u00a0: " in c for c in cells)
    assert not any(re.search(r"(Remarque|Intérêts légitimes poursuivis): ", c) for c in cells)


def test_german_and_french_dates() -> None:
    """Dates are written as each language writes them: '1. Juni 2025', '1er juin 2025'."""
    data = RenderInput.from_outcome(validate_file(MINIMAL / "register.yaml"), "de")
    assert Context(data).date(dt.date(2025, 6, 1)) == "1. Juni 2025"
    french = Context(RenderInput.from_outcome(validate_file(MINIMAL / "register.yaml"), "fr"))
    assert french.date(dt.date(2025, 6, 1)) == "1er juin 2025"
    assert french.date(dt.date(2025, 6, 2)) == "2 juin 2025"


def test_citations_in_german_and_french() -> None:
    assert Words("de").cite("30(1)(b)") == "Art. 30 Abs. 1 lit. b DSGVO"
    assert Words("de").cite("30(1)(a)", "26") == "Art. 30 Abs. 1 lit. a, Art. 26 DSGVO"
    assert Words("fr").cite("30(1)(b)", "44-49") == "art. 30.1 b, art. 44-49"


def test_change_report_in_german_and_french(tmp_path: Path) -> None:
    """`ropa diff --lang de|fr` writes the change report with translated headers."""
    old, new = ROOT / "policies" / "cm" / "register-2017-10-07.yaml", ROOT / "policies" / "cm" / "register-2018-08-15.yaml"
    for lang, sheet, title in (("de", "Änderungen", "Änderungsbericht"), ("fr", "Modifications", "Rapport des modifications")):
        target = tmp_path / f"{lang}.xlsx"
        result = CliRunner().invoke(main, ["diff", str(old), str(new), "--lang", lang, "--xlsx", str(target)])
        assert result.exit_code == 1, result.output
        assert title in result.output
        assert openpyxl.load_workbook(target).sheetnames[0] == sheet
