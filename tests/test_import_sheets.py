"""The Recipients and Cookies sheets of a workbook ropa built, read back by `ropa import`: import(build(R)) has the same
recipients (ids, kind, country, contract, certifications, relations, notes) and the same cookies as R, field by field on
the validated models; an edit of a recipient's country cell reaches the imported register, and a cell ropa cannot read
is a warning of the import."""

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

from ropa.cli import main
from ropa.model import Register
from ropa.reference.labels import label
from ropa.validate import validate_file

ROOT = Path(__file__).parent.parent
SHIPPED = sorted(p for p in (ROOT / "policies").rglob("*.yaml"))
COOKIES = ROOT / "tests" / "examples" / "valid" / "cookies" / "register.yaml"
OWN = ROOT / "tests" / "examples" / "valid" / "own-organisation" / "register.yaml"
COUNTRY = 5  # the Recipients sheet's country column (1-based)


def _run(*args: str) -> str:
    """What the command printed, its warnings (on stderr) with the rest."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _register(path: Path) -> Register:
    outcome = validate_file(path)
    assert outcome.register is not None, [f.message for f in outcome.findings]
    assert not outcome.errors, [f"{f.code}: {f.message}" for f in outcome.errors]
    return outcome.register


def _build(register: Path, work: Path) -> Path:
    """The workbook ropa builds from ``register``."""
    shutil.copytree(register.parent, work / "src")
    _run("build", str(work / "src" / register.name), "--out", str(work / "built"))
    return work / "built" / f"{_register(register).info.id}.xlsx"


def _import(book: Path, out: Path, day: str) -> tuple[Register, str]:
    """The validated register ``ropa import`` makes of ``book``, and what it printed."""
    printed = _run("import", str(book), "--layout", "ropa", "--out", str(out), "--date", day)
    return _register(out / "register.yaml"), printed


@functools.cache
def _round_trip(register: Path) -> tuple[Register, Register]:
    """R and import(build(R))."""
    work = Path(tempfile.mkdtemp(prefix="ropa-sheets-"))
    original = _register(register)
    back, _ = _import(_build(register, work), work / "back", original.info.date.isoformat())
    return original, back


def _bare(value: Any) -> Any:
    """A dumped model without its evidence: the imported quotes name workbook cells, the original's the policy."""
    if isinstance(value, dict):
        return {k: _bare(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_bare(v) for v in value]
    return value


#: Points ropa's Recipients sheet shows as a gap both when the register leaves them out and when it says they are
#: not stated (with no note): the two compare equal.
_GAP_ALIKE = ("contract", "dpf_certified", "privacy_shield_certified")


def _recipients(register: Register) -> list[dict[str, Any]]:
    out = [_bare(r.model_dump(exclude_none=True)) for r in register.recipients]
    for rec in out:
        for field in _GAP_ALIKE:
            if rec.get(field) == {"not_stated": True}:
                del rec[field]
    return out


def _cookies(register: Register) -> list[dict[str, Any]]:
    """The cookies, their data categories by name (the import names categories after the Register sheet's words)."""
    names = {c.id: c.name for c in register.data_categories}
    out = []
    for cookie in register.cookies:
        dumped = _bare(cookie.model_dump(exclude_none=True))
        dumped["data_categories"] = [names[c] for c in cookie.data_categories]
        out.append(dumped)
    return out


def _name(register: Path) -> str:
    return register.stem if register.parent.name == "cm" else register.parent.name


@pytest.mark.slow
@pytest.mark.parametrize("register", [*SHIPPED, OWN], ids=_name)
def test_round_trip_keeps_every_recipient_field(register: Path) -> None:
    """import(build(R)) has R's recipients, in R's order, with the same ids and every field but the quotes."""
    original, back = _round_trip(register)
    before, after = _recipients(original), _recipients(back)
    assert [r["id"] for r in after] == [r["id"] for r in before]
    for old, new in zip(before, after, strict=True):
        assert new == old, old["id"]


@pytest.mark.slow
@pytest.mark.parametrize("register", [*SHIPPED, COOKIES], ids=_name)
def test_round_trip_keeps_every_cookie_and_who_uses_it(register: Path) -> None:
    """import(build(R)) has R's cookies, field by field, and each activity uses the cookies it used in R."""
    original, back = _round_trip(register)
    assert _cookies(back) == _cookies(original)
    assert {a.id: sorted(a.cookies or []) for a in back.activities} == {a.id: sorted(a.cookies or []) for a in original.activities}


def test_the_cookie_example_reads_back_with_its_cookies_and_recipient(tmp_path: Path) -> None:
    """The quick case of the tests above: the cookie example's cookies and its recipient's kind and country."""
    original, back = _round_trip(COOKIES)
    assert _cookies(back) == _cookies(original) != []
    assert _recipients(back) == _recipients(original)
    assert back.activities[0].cookies == ["pk-id", "consent"]


def _edited(tmp_path: Path, register: Path, text: str) -> tuple[Register, str]:
    """import of build(R) with the first recipient's country cell changed to ``text``."""
    original = _register(register)
    book_path = _build(register, tmp_path)
    book = openpyxl.load_workbook(book_path)
    ws = book[label("xlsx.sheet.recipients", original.info.language)]
    ws.cell(2, COUNTRY).value = text
    book.save(tmp_path / "edited.xlsx")
    return _import(tmp_path / "edited.xlsx", tmp_path / "back", original.info.date.isoformat())


def test_an_edited_country_cell_reaches_the_imported_register(tmp_path: Path) -> None:
    """A colleague moves the cookie example's recipient from Germany to the United States in Excel: the imported
    recipient is in the US, quoting the edited cell, and the checks that depend on it see it there."""
    back, _ = _edited(tmp_path, COOKIES, "United States")
    recipient = back.recipients[0]
    assert recipient.id == "matomo"
    assert recipient.country.value == "US"  # type: ignore[union-attr]
    assert [e.quote for e in recipient.country.evidence] == ["Recipients!E2: United States"]  # type: ignore[union-attr]
    assert "Recipients!E2: United States" in (tmp_path / "back" / "workbook.txt").read_text(encoding="utf-8").splitlines()


def test_a_country_cell_ropa_cannot_read_is_a_warning_and_stays_not_stated(tmp_path: Path) -> None:
    """An unreadable country is never dropped silently: the import warns about the cell and keeps its text as the
    note of a country not stated."""
    back, printed = _edited(tmp_path, COOKIES, "Atlantis")
    assert "Recipients!E2" in printed
    assert "not recognised" in printed
    country = back.recipients[0].country
    assert getattr(country, "not_stated", False) is True
    assert "Atlantis" in str(getattr(country, "note", ""))


RELATIONS = ROOT / "tests" / "examples" / "valid" / "relations" / "register.yaml"
RICH = [
    ROOT / "tests" / "examples" / "valid" / "recipient-kinds" / "register.yaml",
    ROOT / "tests" / "examples" / "valid" / "orgpoints" / "warnings.yaml",  # joint controllers of the register, not recipients
    *sorted((ROOT / "tests" / "examples" / "valid" / "cookies").glob("*.yaml")),
]


@pytest.mark.parametrize("register", RICH, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_examples_read_back_with_their_recipients_and_cookies(register: Path) -> None:
    """Registers with a recipient of no stated kind (with its note), Privacy Shield certification, joint controllers
    that are no recipient, and cookies of every shape: import(build(R)) validates and has R's recipients and cookies."""
    original, back = _round_trip(register)
    assert _recipients(back) == _recipients(original)
    assert _cookies(back) == _cookies(original)
    assert {a.id: a.cookies for a in back.activities} == {a.id: a.cookies for a in original.activities}


@pytest.mark.parametrize("lang", ["en", "sv", "nl", "de", "fr"])
def test_relations_and_notes_read_back_in_every_language(tmp_path: Path, lang: str) -> None:
    """Each relation (with its note), the encoder's note on a recipient and on its country, and a contract read back
    from a workbook in any language; the relations others state towards a recipient are read on their rows only."""
    data: dict[str, Any] = yaml.safe_load(RELATIONS.read_text(encoding="utf-8"))
    first = data["recipients"][0]
    first["note"] = "Judged a processor: it sends what we ask."
    first["country"]["note"] = "Atlanta, Georgia."
    first["contract"] = {"value": "Data processing addendum, 2023", "evidence": [dict(e) for e in first["evidence"]]}
    data["recipients"][2]["kind"] = {"not_stated": True, "note": "Possibly an independent controller."}
    shutil.copytree(RELATIONS.parent, tmp_path / "src")
    (tmp_path / "src" / RELATIONS.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    original = _register(tmp_path / "src" / RELATIONS.name)
    _run("build", str(tmp_path / "src" / RELATIONS.name), "--lang", lang, "--out", str(tmp_path / "built"))
    back, _ = _import(tmp_path / "built" / f"{original.info.id}.xlsx", tmp_path / "back", original.info.date.isoformat())
    assert _recipients(back) == _recipients(original)
    assert [len(r.relations) for r in back.recipients] == [0, 3, 1]
    assert original.recipients[1].contract is None
    assert getattr(back.recipients[1].contract, "not_stated", False) is True  # the processor's gap cell says so


def test_cells_ropa_cannot_read_on_the_cookies_sheet_are_warnings(tmp_path: Path) -> None:
    """A lifetime no one can read stays not stated with the cell's text as its note, a provider that is no recipient
    is left out, and a cookie row without its id is not imported: each is a warning naming its cell."""
    book_path = _build(COOKIES, tmp_path)
    book = openpyxl.load_workbook(book_path)
    ws = book["Cookies"]
    assert [ws.cell(1, c).value.split("\n")[0] for c in (5, 7)] == ["Provider", "Cookie lifetime"]
    ws.cell(2, 7).value = "until further notice"
    ws.cell(2, 5).value = "Nobody Ltd (Processor, Germany)"
    ws.cell(3, 1).value = None
    book.save(tmp_path / "edited.xlsx")
    back, printed = _import(tmp_path / "edited.xlsx", tmp_path / "back", "2025-06-01")
    assert "Cookies!G2" in printed
    assert "Cookies!E2" in printed
    assert "Cookies!A3:B3" in printed
    assert [c.id for c in back.cookies] == ["pk-id"]
    assert back.cookies[0].provider is None
    assert "until further notice" in str(getattr(back.cookies[0].lifetime, "note", ""))
    assert back.activities[0].cookies == ["pk-id"]
