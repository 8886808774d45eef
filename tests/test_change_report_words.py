"""The change report's words, as a reviewer reads them: whom the redline names, what its summary lists, the reader's language.

OLD is tests/examples/valid/own-organisation; NEW moves the organisation-wide storage location (a
`defaults` change) and records the newsletter's retention, so NEW leaves one point open.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from ropa.cli import main
from tests.conftest import ROOT

OWN = ROOT / "tests" / "examples" / "valid" / "own-organisation"
_SERVER = """      evidence: [{source: memo, quote: "Die Mitgliederdatenbank läuft auf dem vereinseigenen Server im Rechenzentrum in Frankfurt am Main."}]
activities:"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    old = tmp_path_factory.mktemp("old") / "register"
    new = tmp_path_factory.mktemp("new") / "register"
    shutil.copytree(OWN, old)
    shutil.copytree(OWN, new)
    text = (OWN / "register.yaml").read_text(encoding="utf-8")
    assert _SERVER in text
    text = text.replace("  date: 2026-03-15\n", "  date: 2026-03-20\n", 1)
    text = text.replace("Vereinseigener Server im Rechenzentrum in Frankfurt am Main", "Gemieteter Server in Offenbach", 1)
    text = text.replace(_SERVER, "      evidence: [{attested_by: Leiterin IT, date: 2026-03-20}]\nactivities:", 1)
    text = text.replace(
        'retention: {not_stated: true, note: "Zu klären: Löschung nach Abmeldung."}',
        "retention: [{rule: bis zur Abmeldung, evidence: [{attested_by: Vorstand, date: 2026-03-20}]}]",
    )
    (new / "register.yaml").write_text(text, encoding="utf-8")
    return old / "register.yaml", new / "register.yaml"


def _diff(versions: tuple[Path, Path], *options: str) -> str:
    result = CliRunner().invoke(main, ["diff", str(versions[0]), str(versions[1]), *options])
    assert result.exit_code == 1, result.output
    return result.output


def test_the_redline_intro_names_the_author_of_its_tracked_changes(versions: tuple[Path, Path], tmp_path: Path) -> None:
    _diff(versions, "--docx", str(tmp_path / "r.docx"), "--author", "Jana Prüferin", "--lang", "en")
    intro = next(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs if "tracked change by" in p.text)
    assert "a tracked change by “Jana Prüferin” dated 2026-03-20" in intro
    assert "“ropa”" not in intro


def test_the_redline_summary_lists_an_organisation_wide_change(versions: tuple[Path, Path], tmp_path: Path) -> None:
    """The count table counts the `defaults` change under Organisation; the list of what changed names it too."""
    _diff(versions, "--docx", str(tmp_path / "r.docx"), "--author", "T", "--lang", "en")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    what = paragraphs[paragraphs.index("What changed") + 1 :]
    assert "Organisation changed: Organisation-wide statements — Storage location" in what


@pytest.mark.parametrize(("lang", "article"), [("en", "template"), ("nl", "sjabloon"), ("sv", "mall"), ("de", "Vorlage"), ("fr", "modèle")])
def test_a_template_point_cites_the_template_in_the_readers_language(
    versions: tuple[Path, Path], tmp_path: Path, lang: str, article: str
) -> None:
    """`ropa diff` text and workbook: 'Opslaglocatie (sjabloon)' in Dutch, never the English 'template'."""
    out = _diff(versions, "--lang", lang, "--xlsx", str(tmp_path / "c.xlsx"))
    location = {"en": "Storage location", "nl": "Opslaglocatie", "sv": "Lagringsplats", "de": "Speicherort", "fr": "Lieu de stockage"}
    assert f": {location[lang]} ({article})" in out, out
    rows = list(openpyxl.load_workbook(io.BytesIO((tmp_path / "c.xlsx").read_bytes())).worksheets[0].iter_rows(values_only=True))
    cited = {row[4] for row in rows[1:] if row[3] == location[lang]}
    assert cited == {article}, rows


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "(1 open point)", "(2 open points)"),
        ("nl", "(1 open punt)", "(2 open punten)"),
        ("sv", "(1 öppen punkt)", "(2 öppna punkter)"),
        ("de", "(1 offener Punkt)", "(2 offene Punkte)"),
        ("fr", "(1 point ouvert)", "(2 points ouverts)"),
    ],
)
def test_one_open_point_is_singular(versions: tuple[Path, Path], lang: str, one: str, two: str) -> None:
    lines = _diff(versions, "--lang", lang).splitlines()
    assert lines[1].endswith(two), lines[1]
    assert lines[2].endswith(one), lines[2]


@pytest.mark.parametrize(
    ("lang", "intro"),
    [
        ("en", "The register leaves 1 point unrecorded. It needs an answer"),
        ("nl", "Het register laat 1 punt onvastgelegd. Dat punt vraagt"),
        ("sv", "Registret lämnar 1 punkt oregistrerad. Den behöver"),
        ("de", "Im Verzeichnis ist 1 Punkt nicht erfasst. Er braucht"),
        ("fr", "Le registre laisse 1 point non renseigné. Il appelle"),
    ],
)
def test_the_word_gaps_intro_of_one_point_is_singular(versions: tuple[Path, Path], tmp_path: Path, lang: str, intro: str) -> None:
    result = CliRunner().invoke(main, ["build", str(versions[1]), "--out", str(tmp_path), "--lang", lang])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(tmp_path / "tierhilfe.docx")).paragraphs]
    assert any(t.startswith(intro) for t in texts), [t for t in texts if "1 " in t]
