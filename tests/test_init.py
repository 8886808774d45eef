"""`ropa init DIR`: a new organisation's register that validates with warnings only and builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.model import Register
from ropa.model.organisation import RegisterInfo
from ropa.validate import validate_file


def _init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _load(path: Path) -> Register:
    outcome = validate_file(path)
    assert outcome.register is not None, outcome.findings
    assert not [f for f in outcome.findings if f.is_error], outcome.findings
    return outcome.register


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_init_validate_build_from_an_empty_folder(tmp_path: Path) -> None:
    """init -> validate (exit 0, warnings only) -> build: the workbook and the document open and name the organisation."""
    folder = tmp_path / "acme"
    code, output = _init(str(folder), "--name", "Acme AB", "--country", "SE")
    assert code == 0, output
    assert {p.name for p in folder.iterdir()} == {"register.yaml", "notes.md", "README.md", "register.schema.json"}
    assert "wrote" in output
    assert "ropa validate" in output

    result = CliRunner().invoke(main, ["validate", "--no-cache", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
    assert "warning[" in result.output
    assert "error[" not in result.output

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--out", str(out), str(folder)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out / "acme.xlsx")["Register"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Customer enquiries" in c for c in cells)
    assert any("Not stated in source" in c or "Not recorded" in c for c in cells)
    text = _docx_text(out / "acme.docx")
    assert "Acme AB" in text
    assert "Customer enquiries" in text


def test_every_required_point_is_present_with_a_comment(tmp_path: Path) -> None:
    """Each point is written out (not stated unless an option gives it), each line saying what goes there."""
    folder = tmp_path / "new-org"
    assert _init(str(folder))[0] == 0
    text = (folder / "register.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=register.schema.json\n")
    for line in text.splitlines():
        if "{not_stated: true}" in line and not line.startswith("#"):
            assert "  # " in line, f"no comment on {line!r}"
    for point in ("registration_number", "dpo", "retention", "transfers", "dpia", "storage_location", "data_source"):
        assert f"{point}: {{not_stated: true}}" in text
    assert "country: {not_stated: true}" in text  # no --country: nothing is guessed
    assert "Art. 30(1)(f)" in text
    assert "Art. 30(1)(a)" in text


def test_defaults_when_options_are_left_out(tmp_path: Path) -> None:
    """Id from the folder name, today's date, English, the folder's name as the organisation's."""
    folder = tmp_path / "Acme Corp"
    assert _init(str(folder))[0] == 0
    register = _load(folder / "register.yaml")
    assert register.info.id == "acme-corp"
    assert register.info.date == dt.date.today()
    assert register.info.language == "en"
    assert register.controller.name.value == "Acme Corp"
    assert str(register.info.kind) == "internal"


def test_options_reach_the_register(tmp_path: Path) -> None:
    """--name, --country, --language, --id, --date and --kind are what the register says."""
    folder = tmp_path / "acme"
    args = [str(folder), "--name", 'Acme "Nordic" AB: Sverige', "--country", "se", "--language", "sv"]
    code, output = _init(*args, "--id", "acme-2026", "--date", "2026-03-01", "--kind", "policy")
    assert code == 0, output
    register = _load(folder / "register.yaml")
    assert register.info.id == "acme-2026"
    assert register.info.date == dt.date(2026, 3, 1)
    assert register.info.language == "sv"
    assert register.sources[0].language == "sv"
    assert register.controller.name.value == 'Acme "Nordic" AB: Sverige'
    assert register.controller.country.value == "SE"  # type: ignore[union-attr]
    text = (folder / "register.yaml").read_text(encoding="utf-8")
    assert ("kind: policy" in text) == ("kind" in RegisterInfo.model_fields)
    assert (folder / "notes.md").read_text(encoding="utf-8").startswith('Integritetspolicy för Acme "Nordic" AB: Sverige\n')


def test_refuses_to_overwrite_a_register(tmp_path: Path) -> None:
    """A folder that holds a register is left alone: exit 2 and a message naming it."""
    folder = tmp_path / "acme"
    assert _init(str(folder), "--name", "Acme AB")[0] == 0
    before = (folder / "register.yaml").read_bytes()
    code, output = _init(str(folder), "--name", "Other AB")
    assert code == 2
    assert "already holds a register" in output
    assert "does not overwrite" in output
    assert (folder / "register.yaml").read_bytes() == before


def test_refuses_to_overwrite_other_files(tmp_path: Path) -> None:
    """A README.md (or notes.md) already in the folder is not replaced, and nothing is written."""
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n", encoding="utf-8")
    code, output = _init(str(folder))
    assert code == 2
    assert "README.md already exists" in output
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--country", "Sweden", "--country"),
        ("--language", "english", "--language"),
        ("--id", "Acme AB", "--id"),
        ("--date", "1990-01-01", "--date"),
        ("--date", "01/03/2026", "--date"),
        ("--kind", "public", "--kind"),
    ],
)
def test_a_wrong_option_is_a_usage_error(tmp_path: Path, option: str, value: str, message: str) -> None:
    """An option the format would refuse is refused at once (exit 2), and nothing is written."""
    folder = tmp_path / "acme"
    code, output = _init(str(folder), option, value)
    assert code == 2, output
    assert message in output
    assert not folder.exists() or not any(folder.iterdir())


def test_modeline_points_at_the_schema_of_the_repository(tmp_path: Path) -> None:
    """Inside a repository with schemas/, the modeline is the relative path to it, as the shipped registers have."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "register.schema.json").write_text("{}", encoding="utf-8")
    folder = tmp_path / "policies" / "acme"
    assert _init(str(folder))[0] == 0
    first = (folder / "register.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/register.schema.json"
    assert not (folder / "register.schema.json").exists()


#: What reaches the outputs in each catalogue language: the notes source's title, the example activity, its
#: purpose, the example categories, the Art. 30(5) reasoning (its start), the notes file's first line.
_INIT_WORDS = {
    "nl": (
        "Interne aantekeningen voor het register",
        "Vragen van klanten (voorbeeld: hernoem of vervang)",
        "Beantwoorden van vragen van klanten (voorbeeld)",
        "Klanten (voorbeeld: hernoem of vervang)",
        "Contactgegevens (voorbeeld: hernoem of vervang)",
        "Nog niet beoordeeld:",
        "Interne aantekeningen voor het register van Voorbeeld B.V.",
    ),
    "sv": (
        "Interna anteckningar för registret",
        "Kundförfrågningar (exempel: byt namn eller ersätt)",
        "Besvara frågor från kunder (exempel)",
        "Kunder (exempel: byt namn eller ersätt)",
        "Kontaktuppgifter (exempel: byt namn eller ersätt)",
        "Ännu inte bedömt:",
        "Interna anteckningar för registret över Voorbeeld B.V.",
    ),
    "de": (
        "Interne Notizen zum Verzeichnis",
        "Kundenanfragen (Beispiel: umbenennen oder ersetzen)",
        "Beantwortung von Fragen der Kunden (Beispiel)",
        "Kunden (Beispiel: umbenennen oder ersetzen)",
        "Kontaktdaten (Beispiel: umbenennen oder ersetzen)",
        "Noch nicht geprüft:",
        "Interne Notizen zum Verzeichnis von Voorbeeld B.V.",
    ),
    "fr": (
        "Notes internes pour le registre",
        "Demandes des clients (exemple\u00a0: à renommer ou remplacer)",
        "Réponse aux questions des clients (exemple)",
        "Clients (exemple\u00a0: à renommer ou remplacer)",
        "Coordonnées (exemple\u00a0: à renommer ou remplacer)",
        "Pas encore évalué\u00a0:",
        "Notes internes pour le registre de Voorbeeld B.V.",
    ),
    "fi": (  # no catalogue: English
        "Internal notes for the register",
        "Customer enquiries (example: rename or replace)",
        "Answering questions from customers (example)",
        "Customers (example: rename or replace)",
        "Contact details (example: rename or replace)",
        "Not yet assessed:",
        "Internal notes for the register of Voorbeeld B.V.",
    ),
}


@pytest.mark.parametrize("lang", list(_INIT_WORDS))
def test_the_texts_that_reach_the_outputs_are_in_the_registers_language(tmp_path: Path, lang: str) -> None:
    """`--language nl`: the Word document and the workbook read Dutch where ropa wrote the text; Finnish falls back to English."""
    source, activity, purpose, subjects, data, reasoning, notes = _INIT_WORDS[lang]
    folder = tmp_path / "vb"
    assert _init(str(folder), "--name", "Voorbeeld B.V.", "--language", lang)[0] == 0
    assert (folder / "notes.md").read_text(encoding="utf-8").splitlines()[0] == notes
    register = _load(folder / "register.yaml")
    assert register.sources[0].title == source
    assert register.art30_5.reasoning.startswith(reasoning)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--out", str(out), str(folder)])
    assert result.exit_code == 0, result.output
    text = _docx_text(out / "vb.docx")
    for words in (source, activity, purpose, subjects, data, reasoning):
        assert words in text, words
    cells = [str(c.value) for sheet in openpyxl.load_workbook(out / "vb.xlsx") for row in sheet.iter_rows() for c in row if c.value]
    assert activity in cells
    assert not any("(example: rename or replace)" in c for c in cells) or lang == "fi"
