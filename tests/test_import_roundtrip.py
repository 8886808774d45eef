"""Workbooks ropa built read back: every shipped register's workbook imports, validates and builds; edits to a
workbook (a changed purpose, an added row, a deleted recipient) reach the imported register, and nothing else changes."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.cli import main
from ropa.reference.labels import label
from ropa.validate import validate_file
from tests.ico_workbook import ICO_HEADERS, ROWS, ico_workbook

ROOT = Path(__file__).parent.parent
SHIPPED = sorted(p for p in (ROOT / "policies").rglob("*.yaml"))
#: An internal register in German whose activities inherit most points from its `defaults:`.
OWN = ROOT / "tests" / "examples" / "valid" / "own-organisation" / "register.yaml"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _valid(folder: Path) -> dict[str, Any]:
    outcome = validate_file(folder / "register.yaml")
    assert outcome.register is not None, [f.message for f in outcome.findings]
    assert not outcome.errors, [f"{f.code}: {f.message}" for f in outcome.errors]
    data: dict[str, Any] = yaml.safe_load((folder / "register.yaml").read_text(encoding="utf-8"))
    return data


def _register_sheet(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for row in book.worksheets[0].iter_rows()]


@pytest.mark.slow
@pytest.mark.parametrize("register", SHIPPED, ids=lambda p: p.stem if p.parent.name == "cm" else p.parent.name)
def test_shipped_register_workbook_reads_back(register: Path) -> None:
    """import(build(R)) validates with no errors and builds (see _round_trip_books); it keeps R's language, kind and
    controller name (every Register-sheet cell is compared by the tests below)."""
    built, _rebuilt = _round_trip_books(register)
    outcome = validate_file(register)
    assert outcome.register is not None
    data = _valid(built.parent.parent / "back")
    assert data["register"]["language"] == outcome.register.info.language
    assert data["register"]["kind"] == outcome.register.info.kind.value  # its gaps read as they did
    assert data["controller"]["name"]["value"] == outcome.register.controller.name.value  # from the Controller sheet


@functools.cache
def _round_trip_books(register: Path) -> tuple[Path, Path]:
    """build(R) and build(import(build(R))); import(build(R)) validates with no errors."""
    work = Path(tempfile.mkdtemp(prefix="ropa-roundtrip-"))
    shutil.copytree(register.parent, work / "src")
    _run("build", str(work / "src" / register.name), "--out", str(work / "built"))
    outcome = validate_file(register)
    assert outcome.register is not None
    built = work / "built" / f"{outcome.register.info.id}.xlsx"
    _run("import", str(built), "--layout", "ropa", "--out", str(work / "back"), "--date", outcome.register.info.date.isoformat())
    data = _valid(work / "back")
    _run("build", str(work / "back"), "--out", str(work / "rebuilt"))
    return built, work / "rebuilt" / f"{data['register']['id']}.xlsx"


def _round_trip(register: Path) -> tuple[list[list[Any]], list[list[Any]]]:
    """The Register sheet of build(R), and that of build(import(build(R)))."""
    built, rebuilt = _round_trip_books(register)
    return _register_sheet(built), _register_sheet(rebuilt)


def _name(register: Path) -> str:
    return register.stem if register.parent.name == "cm" else register.parent.name


COLUMNS = 25
LAWFUL_BASIS = 14  # 0-based Register-sheet column


@pytest.mark.slow
@pytest.mark.parametrize("column", range(COLUMNS))
@pytest.mark.parametrize("register", [*SHIPPED, OWN], ids=_name)
def test_round_trip_keeps_every_register_sheet_cell(register: Path, column: int) -> None:
    """build(import(build(R))) has the same cell texts as build(R), column by column."""
    before, after = _round_trip(register)
    assert len(before[0]) == COLUMNS
    assert len(after) == len(before)
    rows = [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old[column] != new[column]]
    assert rows == [], [(before[n][column], after[n][column]) for n in rows]


@pytest.mark.slow
@pytest.mark.parametrize("key", ["xlsx.sheet.security", "xlsx.sheet.transfers", "xlsx.sheet.retention"])
@pytest.mark.parametrize("register", [*SHIPPED, OWN], ids=_name)
def test_round_trip_keeps_the_security_transfer_and_retention_sheets(register: Path, key: str) -> None:
    """Where these sheets say more than the Register sheet (each measure's id, kind and scope; the note of each transfer,
    safeguard and retention rule), it reads back: build(import(build(R))) shows the same cells."""
    built, rebuilt = _round_trip_books(register)
    outcome = validate_file(register)
    assert outcome.register is not None
    name = label(key, outcome.register.info.language)
    before, after = openpyxl.load_workbook(built)[name], openpyxl.load_workbook(rebuilt)[name]
    assert [[c.value for c in row] for row in after.iter_rows()] == [[c.value for c in row] for row in before.iter_rows()]


EXAMPLE = ROOT / "tests" / "examples" / "valid" / "minimal" / "register.yaml"


@pytest.mark.parametrize("lang", ["en", "sv", "nl", "de", "fr"])
def test_consent_reads_back_with_how_it_is_withdrawn_in_every_language(tmp_path: Path, lang: str) -> None:
    """The Lawful basis cell says how consent is withdrawn (Art. 7(3)) in the workbook's language; read back, the
    purpose's basis is consent with that withdrawal, and a colleague's edit to it reaches the register."""
    shutil.copytree(EXAMPLE.parent, tmp_path / "src")
    _run("build", str(tmp_path / "src" / EXAMPLE.name), "--lang", lang, "--out", str(tmp_path / "built"))
    built = next((tmp_path / "built").glob("*.xlsx"))
    book = openpyxl.load_workbook(built)
    ws = book.worksheets[0]
    cell = ws.cell(2, LAWFUL_BASIS + 1)
    assert str(cell.value).endswith("Unsubscribe link in every newsletter.")
    _run("import", str(built), "--layout", "ropa", "--out", str(tmp_path / "back"), "--date", "2026-03-01")
    basis = _valid(tmp_path / "back")["activities"][0]["purposes"][0]["lawful_basis"]
    assert (basis["basis"], basis["consent_withdrawal"]) == ("a-consent", "Unsubscribe link in every newsletter.")
    cell.value = str(cell.value).replace("Unsubscribe link in every newsletter.", "Reply STOP to any text message.")
    book.save(tmp_path / "edited.xlsx")
    _run("import", str(tmp_path / "edited.xlsx"), "--layout", "ropa", "--out", str(tmp_path / "edited"), "--date", "2026-03-01")
    basis = _valid(tmp_path / "edited")["activities"][0]["purposes"][0]["lawful_basis"]
    assert (basis["basis"], basis["consent_withdrawal"]) == ("a-consent", "Reply STOP to any text message.")


def test_organisation_wide_cells_read_back_into_defaults(tmp_path: Path) -> None:
    """The 'Organisation-wide: ...' cells of a register with `defaults:` read back as `defaults:` with the same points,
    which the activities that showed them no longer repeat; the Security sheet gives each measure its id, its kind and
    whether it protects every activity."""
    shutil.copytree(OWN.parent, tmp_path / "src")
    _run("build", str(tmp_path / "src" / OWN.name), "--out", str(tmp_path / "built"))
    _run("import", str(tmp_path / "built" / "tierhilfe.xlsx"), "--layout", "ropa", "--out", str(tmp_path / "back"), "--date", "2026-03-15")
    back = _valid(tmp_path / "back")
    source: dict[str, Any] = yaml.safe_load(OWN.read_text(encoding="utf-8"))
    assert list(back["defaults"]) == list(source["defaults"])
    assert back["defaults"]["business_function"]["value"] == source["defaults"]["business_function"]["value"]
    assert back["defaults"]["dpia"]["status"] == "not-required"
    assert back["defaults"]["security_measures"]["value"] == ["backup"]
    for act, original in zip(back["activities"], source["activities"], strict=True):
        assert set(back["defaults"]) - set(act) == set(source["defaults"]) - set(original), act["id"]
    measures = [{k: m.get(k) for k in ("id", "description", "kind", "organisation_wide")} for m in back["security_measures"]]
    assert measures == [{k: m.get(k) for k in ("id", "description", "kind", "organisation_wide")} for m in source["security_measures"]]
    assert back["joint_controllers"]["none"] is True


def test_an_organisation_wide_cell_edited_for_one_activity_stays_with_that_activity(tmp_path: Path) -> None:
    """Unedited, the organisation-wide business function of every activity reads back as one default; once a colleague
    changes it for one activity in Excel, the cells no longer agree and each activity states the value its cell shows."""
    shutil.copytree(OWN.parent, tmp_path / "src")
    data: dict[str, Any] = yaml.safe_load(OWN.read_text(encoding="utf-8"))
    for act in data["activities"]:
        act.pop("business_function", None)  # every activity inherits it
    (tmp_path / "src" / OWN.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _run("build", str(tmp_path / "src" / OWN.name), "--out", str(tmp_path / "built"))
    book = openpyxl.load_workbook(tmp_path / "built" / "tierhilfe.xlsx")
    ws = book.worksheets[0]
    assert [ws.cell(r, 4).value for r in (2, 3)] == ["Organisationsweit: Geschäftsstelle"] * 2
    _run("import", str(tmp_path / "built" / "tierhilfe.xlsx"), "--layout", "ropa", "--out", str(tmp_path / "same"), "--date", "2026-03-15")
    same = _valid(tmp_path / "same")
    assert same["defaults"]["business_function"]["value"] == "Geschäftsstelle"
    assert all("business_function" not in act for act in same["activities"])
    ws.cell(3, 4).value = "Organisationsweit: Vorstand"
    book.save(tmp_path / "edited.xlsx")
    _run("import", str(tmp_path / "edited.xlsx"), "--layout", "ropa", "--out", str(tmp_path / "edited"), "--date", "2026-03-15")
    edited = _valid(tmp_path / "edited")
    assert "business_function" not in edited["defaults"]
    assert [act["business_function"]["value"] for act in edited["activities"]] == ["Geschäftsstelle", "Vorstand"]


def _activities(folder: Path) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in _valid(folder)["activities"]}


PURPOSE = ICO_HEADERS.index("Purpose of processing") + 1
RECIPIENTS = ICO_HEADERS.index("Categories of recipients") + 1
FIRST = len(("x",) * 8) + 2  # the controller block is 8 rows, the header row 9: activities from row 10


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edit=st.sampled_from(["purpose", "add", "delete-recipient"]),
    which=st.integers(min_value=0, max_value=len(ROWS) - 1),
    words=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=8, max_size=40).filter(lambda s: len(s.split()) >= 2),
)
def test_edits_to_a_workbook_reach_the_register_and_nothing_else(tmp_path: Path, edit: str, which: int, words: str) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    original = ico_workbook(work / "a.xlsx")
    _run("import", str(original), "--out", str(work / "before"), "--date", "2026-03-01")
    book = openpyxl.load_workbook(original)
    ws = book.active
    row = FIRST + which
    purpose = "Purpose " + " ".join(words.split())
    if edit == "purpose":
        ws.cell(row, PURPOSE).value = purpose
    elif edit == "add":
        ws.append([ws.cell(row, c).value for c in range(1, len(ICO_HEADERS) + 1)])
        ws.cell(ws.max_row, PURPOSE).value = purpose
    else:
        ws.cell(row, RECIPIENTS).value = ", ".join(ws.cell(row, RECIPIENTS).value.split(", ")[1:]) or "None"
    book.save(work / "b.xlsx")
    _run("import", str(work / "b.xlsx"), "--out", str(work / "after"), "--date", "2026-03-01")
    before, after = _activities(work / "before"), _activities(work / "after")
    old_id = list(before)[which]
    if edit == "add":
        added = [a for key, a in after.items() if key not in before]
        assert len(added) == 1
        assert added[0]["purposes"][0]["description"] == purpose
        assert all(_no_quotes(after[key]) == _no_quotes(before[key]) for key in before)
        return
    changed = {key for key in after if key in before and _no_quotes(after[key]) != _no_quotes(before[key])}
    if edit == "purpose":
        renamed = [key for key in after if key not in before]
        assert len(renamed) == 1  # the id follows the new purpose (the name column is the purpose)
        assert old_id not in after
        assert after[renamed[0]]["purposes"][0]["description"] == purpose
        assert changed == set()
        return
    assert changed == {old_id}
    dropped = set(_ids(before[old_id]["recipients"])) - set(_ids(after[old_id]["recipients"]))
    assert len(dropped) == 1
    assert _without(after[old_id], "recipients") == _without(before[old_id], "recipients")


def _ids(point: dict[str, Any]) -> list[str]:
    return list(point.get("value", []))


def _no_quotes(value: Any) -> Any:
    """A value without its evidence: quotes name cells, which move when a row is added."""
    if isinstance(value, dict):
        return {k: _no_quotes(v) for k, v in value.items() if k not in {"evidence", "note", "reason"}}
    if isinstance(value, list):
        return [_no_quotes(v) for v in value]
    return value


def _without(activity: dict[str, Any], key: str) -> Any:
    return _no_quotes({k: v for k, v in activity.items() if k != key})


@functools.cache
def _built(name: str) -> Path:
    """The workbook ropa builds from a shipped register."""
    register = next(p for p in SHIPPED if _name(p) == name)
    work = Path(tempfile.mkdtemp(prefix="ropa-built-"))
    shutil.copytree(register.parent, work / "src")
    _run("build", str(work / "src" / register.name), "--out", str(work / "built"))
    return next((work / "built").glob("*.xlsx"))


R_ID, R_PURPOSES, R_JOINT, R_RECIPIENTS, R_TRANSFERS = 1, 5, 6, 9, 11  # 1-based Register-sheet columns
BULLET = "\N{BULLET} "


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["cmm", "cab", "cmt"]),
    edit=st.sampled_from(["purpose", "add", "delete-recipient"]),
    which=st.integers(min_value=0, max_value=50),
    words=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=8, max_size=40).filter(lambda s: len(s.split()) >= 2),
)
def test_edits_to_a_ropa_workbook_reach_the_register_and_nothing_else(tmp_path: Path, name: str, edit: str, which: int, words: str) -> None:
    """A workbook ropa built, edited the way a colleague edits it in Excel, imports with exactly those edits."""
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    original = _built(name)
    _run("import", str(original), "--layout", "ropa", "--out", str(work / "before"), "--date", "2026-03-01")
    book = openpyxl.load_workbook(original)
    ws = book.worksheets[0]
    row = 2 + which % (ws.max_row - 1)
    act_id = ws.cell(row, R_ID).value
    purpose = "Purpose " + " ".join(words.split())
    numbered = str(ws.cell(row, R_PURPOSES).value).startswith("1. ")
    k = _edit(ws, edit, row, which, words)
    if k is None:
        return  # no recipient this row names only in its recipients cell
    book.save(work / "b.xlsx")
    _run("import", str(work / "b.xlsx"), "--layout", "ropa", "--out", str(work / "after"), "--date", "2026-03-01")
    before, after = _activities(work / "before"), _activities(work / "after")
    if edit == "add":
        added = [a for key, a in after.items() if key not in before]
        assert [a["id"] for a in added] == ["added-" + "-".join(words.split())]
        assert "cookies" not in added[0]  # the Cookies sheet, not the Register sheet, names the activities using a cookie
        copy = _no_quotes({k: v for k, v in added[0].items() if k != "id"})
        source = _no_quotes({k: v for k, v in before[act_id].items() if k not in {"id", "cookies"}})
        if not numbered:
            assert copy["purposes"][0]["description"] == purpose
            copy["purposes"][0]["description"] = source["purposes"][0]["description"]
        assert copy == source
        assert all(_no_quotes(after[key]) == _no_quotes(before[key]) for key in before)
        return
    assert list(after) == list(before)  # the ids are the workbook's: nothing renamed
    changed = {key for key in after if _no_quotes(after[key]) != _no_quotes(before[key])}
    assert changed == {act_id}
    if edit == "purpose":
        assert after[act_id]["purposes"][k]["description"] == purpose
        assert [p["description"] for n, p in enumerate(after[act_id]["purposes"]) if n != k] == [
            p["description"] for n, p in enumerate(before[act_id]["purposes"]) if n != k
        ]
        assert _without(after[act_id], "purposes") == _without(before[act_id], "purposes")
        return
    dropped = set(_ids(before[act_id]["recipients"])) - set(_ids(after[act_id]["recipients"]))
    assert len(dropped) == 1
    assert set(_ids(after[act_id]["recipients"])) < set(_ids(before[act_id]["recipients"]))
    assert _without(after[act_id], "recipients") == _without(before[act_id], "recipients")


def _edit(ws: Any, edit: str, row: int, which: int, words: str) -> int | None:
    """Edit a Register sheet as a colleague would; the purpose changed (0 unless numbered), None if nothing to edit."""
    purpose = "Purpose " + " ".join(words.split())
    old_purposes = str(ws.cell(row, R_PURPOSES).value)
    numbered = old_purposes.startswith("1. ")
    k = 0
    if edit == "purpose":
        lines = old_purposes.split("\n")
        k = which % len(lines) if numbered else 0
        if numbered:
            lines[k] = f"{k + 1}. {purpose}"
        ws.cell(row, R_PURPOSES).value = "\n".join(lines) if numbered else purpose
    elif edit == "add":
        ws.append([ws.cell(row, c).value for c in range(1, ws.max_column + 1)])
        ws.cell(ws.max_row, R_ID).value = "added-" + "-".join(words.split())
        if not numbered:
            ws.cell(ws.max_row, R_PURPOSES).value = purpose
    else:
        listed = str(ws.cell(row, R_RECIPIENTS).value)
        others = f"{ws.cell(row, R_JOINT).value}\n{ws.cell(row, R_TRANSFERS).value}"
        items = [i.removeprefix(BULLET) for i in listed.split("\n")] if listed.startswith(BULLET) else []
        gone = [n for n, i in enumerate(items) if i.rsplit(" (", 1)[0] not in others]
        if not gone:
            return None
        del items[gone[which % len(gone)]]
        ws.cell(row, R_RECIPIENTS).value = items[0] if len(items) == 1 else "\n".join(BULLET + i for i in items)
    return k
