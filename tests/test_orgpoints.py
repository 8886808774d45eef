"""Issue 11's organisation points read back from every output: a joint controller with the essence of its Art. 26
arrangement, fax and OpenPGP contacts, an authority's contacts, Art. 13(2)(e) per activity, the Art. 19 right, and
retention per recipient (``held_by``); the gaps they open, `ropa diff`, and the import of the workbook."""

from __future__ import annotations

import functools
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from ropa.cli import main
from ropa.diff import Area, Kind, compare
from ropa.model import Register
from ropa.reporting.gaps import JOINT_ARRANGEMENT, JOINT_CONTACT, JOINT_DUTIES, JOINT_ESSENCE, PROVISION, Status, all_gaps
from ropa.validate import validate_file

CASE = Path(__file__).parent / "examples" / "valid" / "orgpoints"
REGISTER = CASE / "register.yaml"
WARNINGS = CASE / "warnings.yaml"


def _load(path: Path) -> Register:
    outcome = validate_file(path)
    assert outcome.register is not None, [f.message for f in outcome.findings]
    assert not outcome.errors, [f.message for f in outcome.errors]
    return outcome.register


def _variant(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    folder = tmp_path / "variant"
    shutil.copytree(CASE, folder, dirs_exist_ok=True)
    text = REGISTER.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (folder / "register.yaml").write_text(text, encoding="utf-8")
    return folder / "register.yaml"


@functools.cache
def _built(lang: str = "en") -> Path:
    out = Path(tempfile.mkdtemp(prefix="ropa-orgpoints-"))
    result = CliRunner().invoke(main, ["build", str(REGISTER), "--out", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    return out


def _doc_rows(lang: str = "en") -> dict[str, str]:
    """Every label/value row of the Word register's tables, by the label's first line (the last such row wins)."""
    doc = docx.Document(io.BytesIO((_built(lang) / "orgpoints.docx").read_bytes()))
    return {row.cells[0].text.split("\n")[0]: row.cells[1].text for table in doc.tables for row in table.rows if len(row.cells) == 2}


def _doc_text(lang: str = "en") -> str:
    doc = docx.Document(io.BytesIO((_built(lang) / "orgpoints.docx").read_bytes()))
    return "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)


def _sheet(name: str, lang: str = "en") -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(_built(lang) / "orgpoints.xlsx")
    return [tuple(row) for row in book[name].iter_rows(values_only=True)]


# --- the model: additive --------------------------------------------------------------------------


def test_joint_controllers_as_plain_parties_stay_valid_and_read_as_before() -> None:
    """A joint controller written as a party, without `arrangement`, is still valid; its arrangement is a gap."""
    reg = _load(WARNINGS)
    assert isinstance(reg.joint_controllers, list)
    second = reg.joint_controllers[1]
    assert second.name == "Another Partner AB"
    assert second.arrangement is None


# --- gaps -----------------------------------------------------------------------------------------


def test_an_arrangement_not_recorded_is_a_gap_and_a_stated_one_gives_its_three_parts() -> None:
    """Art. 26(1)-(2): a stated arrangement is three stated points; one left out is one gap, named by the party."""
    rows = {(g.point, g.field): g for g in all_gaps(_load(WARNINGS))}
    assert rows[(JOINT_ARRANGEMENT, "joint_controllers[1].arrangement")].status is Status.NOT_STATED
    assert rows[(JOINT_ARRANGEMENT, "joint_controllers[1].arrangement")].note == "Another Partner AB"
    for point, key in ((JOINT_CONTACT, "contact_point"), (JOINT_DUTIES, "responsibilities"), (JOINT_ESSENCE, "essence_available")):
        assert rows[(point, f"joint_controllers[0].arrangement.{key}")].status is Status.STATED


def test_arrangement_parts_not_stated_are_gaps(tmp_path: Path) -> None:
    """A part of a stated arrangement marked not stated is a gap of its own, with the encoder's note."""
    path = _variant(
        tmp_path,
        [
            (
                "      essence_available:\n        value: On the controller's website (example.se/joint).\n"
                '        evidence: [{quote: "You can read the essence of our arrangement on our website at example.se/joint."}]\n',
                "      essence_available: {not_stated: true, note: Ask Partner Events.}\n",
            )
        ],
    )
    gaps = {g.field: g for g in all_gaps(_load(path))}
    essence = gaps["joint_controllers[0].arrangement.essence_available"]
    assert (essence.status, essence.note) == (Status.NOT_STATED, "Ask Partner Events.")


def test_art13_2_e_left_out_is_no_gap_and_not_stated_is_one(tmp_path: Path) -> None:
    """The optional point: left out, no row at all; `{not_stated: true}`, a gap; stated, a stated row."""
    stated = [g for g in all_gaps(_load(REGISTER)) if g.point is PROVISION]
    assert [(g.status, g.field) for g in stated] == [(Status.STATED, "activities[0].provision_requirement")]
    start = REGISTER.read_text(encoding="utf-8").index("    provision_requirement:\n")
    end = REGISTER.read_text(encoding="utf-8").index("    recipients: {value: [hostco")
    block = REGISTER.read_text(encoding="utf-8")[start:end]
    assert not [g for g in all_gaps(_load(_variant(tmp_path, [(block, "")]))) if g.point is PROVISION]
    marked = _load(_variant(tmp_path, [(block, "    provision_requirement: {not_stated: true}\n")]))
    assert [g.status for g in all_gaps(marked) if g.point is PROVISION] == [Status.NOT_STATED]


def test_gaps_command_lists_the_missing_arrangement() -> None:
    result = CliRunner().invoke(main, ["gaps", str(WARNINGS)])
    assert "joint-arrangement" in result.output
    assert "joint_controllers[1].arrangement" in result.output


# --- Word -----------------------------------------------------------------------------------------


def test_word_shows_the_arrangement_contacts_rights_and_art13_2_e() -> None:
    rows = _doc_rows()
    joint = rows["Joint controllers"]
    assert "Partner Events GmbH" in joint
    assert "Contact point for data subjects (Art. 26(1)):" in joint
    assert "Information to data subjects (Art. 13, 14): This controller" in joint
    assert "Security of processing (Art. 32): The joint controller" in joint
    assert "Essence made available (Art. 26(2)):\nOn the controller's website (example.se/joint)." in joint
    assert "Activities covered: 3.1 Event registration" in joint
    assert rows["Supervisory authority"].endswith("Phone: 08-657 61 00\nE-mail: imy@imy.se")
    contacts = rows["Contact details"]
    assert "Fax: +46 8 123 45 67" in contacts
    assert "OpenPGP key: 0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 (encrypted e-mail)" in contacts
    assert "Recipients notified of rectification, erasure or restriction (Art. 19)" in rows["Data subjects' rights"]
    provision = rows["Requirement to provide the data"]
    assert provision.startswith("Name, E-mail address: Necessary to enter into a contract\nData subject obliged to provide: Yes")
    assert "If not provided: We cannot register the participant." in provision
    assert "Phone number: Voluntary\nData subject obliged to provide: No" in provision


def test_word_shows_whose_copy_a_retention_rule_is_for() -> None:
    """In the activity and in the retention annex; the controller's own copy says nothing more."""
    limits = _doc_rows()["Time limits for erasure"]
    assert "30 days (P30D)\nRule: Backups of the registration system.\nHeld by: HostCo" in limits
    assert "Held by: CDNCo" in limits
    assert limits.startswith("1. All categories of the activity: 2 years (P2Y)\nCounted from: the event\n2.")
    text = _doc_text()
    assert "30 days (P30D)\nBackups of the registration system.\nHeld by: HostCo" in text  # the annex's time-limit cell


def test_word_labels_in_swedish() -> None:
    text = _doc_text("sv")
    assert "Kontaktpunkt för de registrerade (Art. 26(1)):" in text
    assert "Nödvändigt för att ingå ett avtal" in text
    assert "Hos: HostCo" in text


# --- workbook -------------------------------------------------------------------------------------


def test_workbook_joint_controllers_sheet() -> None:
    rows = _sheet("Joint controllers")
    assert rows[0][:4] == (
        "Joint controller\nArt. 26",
        "Contact point for data subjects\nArt. 26(1)",
        "Respective responsibilities\nArt. 26(1)",
        "Essence made available\nArt. 26(2)",
    )
    assert rows[1][0].startswith("Partner Events GmbH")
    assert rows[1][1] == "This controller"
    assert rows[1][2] == (
        "• Information to data subjects (Art. 13, 14): This controller\n"
        "• Security of processing (Art. 32): The joint controller (Security of the registration system.)"
    )
    assert rows[1][4] == "registration: Event registration"


def test_workbook_provision_sheet_and_authority_contacts() -> None:
    rows = _sheet("Provision Art. 13(2)(e)")
    assert rows[1][2:6] == ("• Name\n• E-mail address", "Necessary to enter into a contract", "Yes", "We cannot register the participant.")
    assert rows[2][2:6] == ("Phone number", "Voluntary", "No", None)
    authority = next(r for r in _sheet("Controller") if r[0] == "Supervisory authority")
    assert authority[2].endswith("Phone: 08-657 61 00\nE-mail: imy@imy.se")


def test_workbook_without_the_points_has_no_new_sheets() -> None:
    """A register with no joint controllers and no Art. 13(2)(e) statement gets neither sheet."""
    out = Path(tempfile.mkdtemp(prefix="ropa-orgpoints-"))
    minimal = Path(__file__).parent / "examples" / "valid" / "minimal" / "register.yaml"
    result = CliRunner().invoke(main, ["build", str(minimal), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = openpyxl.load_workbook(out / "example.xlsx", read_only=True).sheetnames
    assert "Joint controllers" not in names
    assert "Provision Art. 13(2)(e)" not in names


def test_workbook_retention_sheet_and_register_cell_say_whose_copy() -> None:
    rows = _sheet("Retention")
    assert rows[0][-1] == "Held by\nArt. 30(1)(f)"
    assert [r[-1] for r in rows[1:]] == [None, "HostCo", "CDNCo"]
    register = _sheet("Register")
    column = next(i for i, h in enumerate(register[0]) if h and h.startswith("Time limits"))
    assert "30 days (P30D); Backups of the registration system.; Held by: HostCo" in register[1][column]


# --- import ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_import_reads_back_whose_copy_and_the_notes(tmp_path: Path) -> None:
    """import(build(R)) keeps each retention rule's `held_by`, and the Retention sheet's notes still reach their rules."""
    path = _variant(tmp_path, [("        held_by: [cdnco]\n", "        held_by: [cdnco]\n        note: CDN logs only.\n")])
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(path), "--out", str(tmp_path / "built")]).exit_code == 0
    back = tmp_path / "back"
    result = runner.invoke(
        main, ["import", str(tmp_path / "built" / "orgpoints.xlsx"), "--layout", "ropa", "--out", str(back), "--date", "2025-06-01"]
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((back / "register.yaml").read_text(encoding="utf-8"))
    rules = data["activities"][0]["retention"]
    names = {r["id"]: r["name"] for r in data["recipients"]}
    assert [[names[h] for h in r.get("held_by", [])] for r in rules] == [[], ["HostCo"], ["CDNCo"]]
    assert rules[2]["note"] == "CDN logs only."
    assert not validate_file(back / "register.yaml").errors
    rebuilt = tmp_path / "rebuilt"
    assert runner.invoke(main, ["build", str(back), "--out", str(rebuilt)]).exit_code == 0
    first = openpyxl.load_workbook(tmp_path / "built" / "orgpoints.xlsx")["Retention"]
    again = openpyxl.load_workbook(next(rebuilt.glob("*.xlsx")))["Retention"]
    assert [r[-1].value for r in first.iter_rows()] == [r[-1].value for r in again.iter_rows()]


# --- diff -----------------------------------------------------------------------------------------


def test_diff_names_each_new_point(tmp_path: Path) -> None:
    new = _load(
        _variant(
            tmp_path,
            [
                ("        held_by: [cdnco]\n", "        held_by: [hostco, cdnco]\n"),
                ("          by: joint-controller\n", "          by: each\n"),
                ("        consequences: We cannot register the participant.\n", "        consequences: We cannot register you.\n"),
                ("art19-notification-to-recipients, ", ""),
                ("      value: imy@imy.se\n", "      value: info@imy.se\n"),
                ("    - kind: fax\n", "    - kind: phone\n"),
            ],
        )
    )
    report = compare(_load(REGISTER), new, lang="en")
    found = {(c.area, c.point) for c in report.changes if c.kind is Kind.SUBSTANTIVE}
    assert found == {
        (Area.CONTROLLER, "point.joint-arrangement"),
        (Area.CONTROLLER, "point.supervisory-authority"),
        (Area.CONTROLLER, "point.contacts"),
        (Area.ORGANISATION, "point.rights"),
        (Area.ACTIVITY, "point.provision-requirement"),
        (Area.ACTIVITY, "point.retention"),
    }
    retention = next(c for c in report.changes if c.point == "point.retention")
    assert "Held by: HostCo, CDNCo" in " ".join(retention.new)
    arrangement = next(c for c in report.changes if c.point == "point.joint-arrangement")
    assert "Security of processing (Art. 32): Each of them" in " ".join(arrangement.new)


def test_diff_reports_an_arrangement_dropped_as_a_gap_opened(tmp_path: Path) -> None:
    text = REGISTER.read_text(encoding="utf-8")
    block = text[text.index("    arrangement:\n") : text.index("supervisory_authority:\n")]
    new = _load(_variant(tmp_path, [(block, "")]))
    report = compare(_load(REGISTER), new, lang="en")
    assert [(c.area, c.action.value, c.point) for c in report.changes] == [
        (Area.CONTROLLER, "changed", "point.joint-arrangement"),
        (Area.GAP, "opened", "point.joint-arrangement"),
    ]
    assert report.changes[0].new == ("Partner Events GmbH: Not stated in source",)


@pytest.mark.slow
def test_import_reads_names_with_commas_and_the_retention_sheet_alone(tmp_path: Path) -> None:
    """A recipient called 'CDN, Inc.' is read back whole; with the Register sheet's 'Held by' part gone, the Retention
    sheet's column still gives the rule its recipients."""
    path = _variant(tmp_path, [("    name: CDNCo\n", "    name: CDN, Inc.\n")])
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(path), "--out", str(tmp_path / "built")]).exit_code == 0
    book = tmp_path / "built" / "orgpoints.xlsx"

    def imported(name: str) -> list[list[str]]:
        back = tmp_path / name
        result = runner.invoke(main, ["import", str(book), "--layout", "ropa", "--out", str(back), "--date", "2025-06-01"])
        assert result.exit_code == 0, result.output
        data = yaml.safe_load((back / "register.yaml").read_text(encoding="utf-8"))
        names = {r["id"]: r["name"] for r in data["recipients"]}
        assert "Held by" not in str([r.get("rule") for r in data["activities"][0]["retention"]])
        return [[names[h] for h in r.get("held_by", [])] for r in data["activities"][0]["retention"]]

    assert imported("back") == [[], ["HostCo"], ["CDN, Inc."]]
    wb = openpyxl.load_workbook(book)
    register = wb["Register"]
    column = next(c for c in register[1] if c.value and str(c.value).startswith("Time limits"))
    cell = register.cell(2, column.column)
    cell.value = str(cell.value).replace("; Held by: HostCo", "").replace("; Held by: CDN, Inc.", "")
    wb.save(book)
    assert imported("back2") == [[], ["HostCo"], ["CDN, Inc."]]


def test_controller_sheet_and_web_page_show_each_arrangement(tmp_path: Path) -> None:
    """The Controller sheet sums each arrangement up in one row, and the web page (built from its cells) shows it."""
    result = CliRunner().invoke(main, ["build", str(WARNINGS), "--out", str(tmp_path), "--html"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "orgpoints.xlsx")
    row = next(r for r in book["Controller"].iter_rows(values_only=True) if r[0] == "Arrangement of joint controllers")
    assert row[2].startswith("Partner Events GmbH\nContact point for data subjects: This controller\n")
    assert row[2].endswith("\n\nAnother Partner AB: Not stated in source")
    page = (tmp_path / "orgpoints.html").read_text(encoding="utf-8")
    assert "Arrangement of joint controllers" in page
    assert "Held by: HostCo" in page
