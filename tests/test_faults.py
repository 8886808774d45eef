"""Hostile input and damaged state: refused paths are never opened, a damaged cache is a miss.

Which files ropa opens is watched with Python's audit hook (the ``open`` event fires for
``open``, ``Path.read_bytes`` and ``os.open`` alike), so "never opened" is observed, not assumed.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.loading.sources import resolve

from .conftest import MINIMAL

_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Every path opened while the test runs."""
    global _OPENED  # noqa: PLW0603 - an audit hook cannot be removed, only switched
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def _register(tmp_path: Path, source: str = "policy.txt") -> Path:
    folder = tmp_path / "org"
    shutil.copytree(MINIMAL, folder)
    (folder / "bom.yaml").unlink()
    (folder / "yaml11-lookalikes.yaml").unlink()
    register = folder / "register.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("file: policy.txt", f"file: {source}"), encoding="utf-8")
    return register


def _validate(register: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args, str(register)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("source", ["/dev/zero", "../outside.txt", "C:/outside.txt"])
def test_refused_source_is_never_opened_even_by_the_cache(tmp_path: Path, opened: list[str], source: str) -> None:
    """A source path outside the folder is an error at its line, and neither check nor cache reads it."""
    register = _register(tmp_path, source)
    (tmp_path / "outside.txt").write_text((MINIMAL / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    del opened[:]
    for _ in range(2):  # the second run would answer from the cache, if anything had been stored
        code, output = _validate(register)
        assert code == 1
        assert "register.yaml:11:11: error[source-missing]: source path" in output
    assert not [p for p in opened if p == "/dev/zero" or p.endswith("outside.txt")]


def test_link_leading_outside_is_refused(tmp_path: Path, opened: list[str]) -> None:
    """A link inside the register's folder that points outside it is not followed to read the text."""
    outside = tmp_path / "secret.txt"
    outside.write_text((MINIMAL / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    register = _register(tmp_path, "linked.txt")
    (register.parent / "linked.txt").symlink_to(outside)
    del opened[:]
    for _ in range(2):
        code, output = _validate(register)
        assert code == 1
        assert "error[source-missing]: source path `linked.txt` leads outside the register's folder" in output
    assert not [p for p in opened if p.endswith("secret.txt")]


def test_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    """A link to another file of the same folder is fine: the rule is where the text is, not how it is named."""
    register = _register(tmp_path, "current.txt")
    (register.parent / "current.txt").symlink_to(register.parent / "policy.txt")
    assert _validate(register)[0] == 0


def test_folder_and_fifo_are_not_source_texts(tmp_path: Path) -> None:
    """A folder, or a named pipe that would block a reader, is refused without being opened."""
    register = _register(tmp_path, "pipe")
    os.mkfifo(register.parent / "pipe")
    code, output = _validate(register)
    assert code == 1
    assert "error[source-missing]: source path `pipe` is not a regular file" in output
    assert resolve(register.parent, ".")[1] == "source path `.` is not a regular file"


def _entries() -> list[Path]:
    return sorted(Path(os.environ["ROPA_CACHE_DIR"]).rglob("*.json"))


def _one_byte_changes(text: str) -> Iterator[str]:
    """Copies of a cache entry with one character changed, each still valid JSON."""
    yield re.sub(r'"line": (\d)', lambda m: f'"line": {(int(m[1]) + 1) % 10}', text, count=1)
    yield text.replace('"severity": "error"', '"severity": "warning"', 1)
    yield text.replace('"code": "', '"code": "x', 1)
    yield text.replace('"findings": [', '"findings": [1, ', 1)


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: "[]",
        lambda t: "{}",
        lambda t: "null",
        lambda t: t[: len(t) // 2],
        lambda t: json.dumps({"body": {"findings": [{}]}, "sha256": "0"}),
        lambda t: json.dumps({**json.loads(t), "extra": 1}),
        *[(lambda t, n=n: list(_one_byte_changes(t))[n]) for n in range(4)],
    ],
    ids=["list", "empty-object", "null", "truncated", "forged", "extra-key", "line", "severity", "code", "extra-row"],
)
def test_damaged_cache_entry_is_a_miss(tmp_path: Path, damage: Any) -> None:
    """Whatever replaces a cache entry, validate prints what a fresh check prints, never a traceback."""
    register = _register(tmp_path)
    register.write_text(register.read_text(encoding="utf-8").replace("roles: [controller]", "roles: [controler]"), encoding="utf-8")
    fresh = _validate(register, "--no-cache")
    assert fresh[0] == 1
    assert _validate(register) == fresh
    (entry,) = _entries()
    text = entry.read_text(encoding="utf-8")
    damaged = damage(text)
    assert damaged != text
    entry.write_text(damaged, encoding="utf-8")
    assert _validate(register) == fresh


def _dated(tmp_path: Path, day: str) -> Path:
    register = _register(tmp_path)
    register.write_text(register.read_text(encoding="utf-8").replace("date: 2025-06-01", f"date: {day}", 1), encoding="utf-8")
    return register


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1994-12-31", "2100-01-01"])
def test_dates_beyond_the_range_are_refused_by_every_command(tmp_path: Path, day: str) -> None:
    """validate, build and diff report the date at its line and exit 1 (diff: 2, as diff(1)), never crash while zipping."""
    register = _dated(tmp_path, day)
    old = _register(tmp_path / "old")
    out = tmp_path / "out"
    for code, args in (
        (1, ["validate", str(register)]),
        (1, ["build", "--out", str(out), str(register)]),
        (2, ["diff", str(old), str(register), "--xlsx", str(out / "d.xlsx"), "--docx", str(out / "d.docx")]),
    ):
        result = CliRunner().invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code == code, args
        assert f"register.yaml:6:9: error[schema-date-range]: {day} is outside the dates a register can speak of" in result.output
    assert not list(out.glob("*.*x"))


@pytest.mark.parametrize("day", ["1995-01-01", "2099-12-31"])
def test_first_and_last_dates_build(tmp_path: Path, day: str) -> None:
    """The edges of the range are dates like any other: both outputs are written."""
    register = _dated(tmp_path, day)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), str(register)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "example.docx") as docx:
        core = docx.read("docProps/core.xml").decode()
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{day}T00:00:00Z</dcterms:created>' in core


def test_zip_dates_are_clamped_to_what_a_zip_holds() -> None:
    """Whatever date reaches the packagers, every entry is dated within 1980-2107, never a struct.error."""
    import datetime as dt

    from ropa.render.changes.package import reproducible

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/core.xml", "<dcterms:created>x</dcterms:created>")
    for day, stamp in ((dt.date(9999, 12, 31), (2107, 12, 31)), (dt.date(1, 1, 1), (1980, 1, 1))):
        with zipfile.ZipFile(io.BytesIO(reproducible(buffer.getvalue(), day))) as out:
            assert out.infolist()[0].date_time[:3] == stamp


def _emoji_register(tmp_path: Path) -> Path:
    """The minimal register with four purposes of 9,000 emoji each: one register cell of 72,000 UTF-16 units."""
    register = _register(tmp_path)
    text = register.read_text(encoding="utf-8")
    block = text[text.index("      - description: Sending the newsletter") : text.index("    data_subjects:")]
    purposes = "".join(block.replace("Sending the newsletter to subscribers.", f"{n}" + "😀" * 9000) for n in range(4))
    register.write_text(text.replace(block, purposes), encoding="utf-8")
    return register


def _long_cells(path: Path) -> list[str]:
    from openpyxl import load_workbook

    cells = load_workbook(path, read_only=True).worksheets
    return [v for ws in cells for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str) and len(v) > 9000]


def test_cells_are_cut_by_utf16_units_never_inside_a_pair(tmp_path: Path) -> None:
    """Excel counts UTF-16 units: a cell of emoji is cut to 32,767 units, whole emoji, with the note; likewise the change report."""
    from ropa.render.excel.cells import utf16_units

    old = _register(tmp_path / "old")
    register = _emoji_register(tmp_path)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--out", str(out), str(register)]).exit_code == 0
    assert CliRunner().invoke(main, ["diff", str(old), str(register), "--xlsx", str(out / "d.xlsx")]).exit_code == 1
    (cell,) = [c for c in _long_cells(out / "example.xlsx") if "characters cut" in c]
    assert 32_700 < utf16_units(cell) <= 32_767
    kept, note = cell.rsplit("\n", 1)
    assert kept.endswith("😀")
    cut = re.fullmatch(r"\[(\d+) characters cut: a spreadsheet cell holds at most 32,767; the full text is in the register file\]", note)
    assert cut is not None
    assert int(cut[1]) >= 4 * 9001 - len(kept)  # every purpose's characters are either kept or counted as cut
    changes = _long_cells(out / "d.xlsx")
    assert changes
    assert all(utf16_units(c) <= 32_767 for c in changes)
    assert any("characters cut" in c and c.split("\n")[-2].endswith("😀") for c in changes)


def test_cut_keeps_whole_characters() -> None:
    """A cut that would fall between an emoji's two UTF-16 halves keeps neither half."""
    from ropa.render.excel.cells import cut_utf16, utf16_units

    assert utf16_units("a😀b") == 4
    assert [cut_utf16("a😀b", n) for n in range(5)] == ["", "a", "a", "a😀", "a😀b"]


_POLICY = (
    "Privacy policy. We collect your name and e-mail address when you subscribe to the newsletter. "
    "We send the newsletter with MailChimp, whose servers are in the USA. "
    "Invoices are kept for seven years as the Bookkeeping Act requires. "
    * 3
    + "All data is encrypted in transit and access is limited to staff who need it."
)


@pytest.mark.parametrize(
    ("quote", "closest"),
    [
        ("Invoices are stored for seven years", "Invoices are kept for seven years"),  # a word changed
        ("All data is encryptd in transit", "All data is encrypted in transit"),  # misspelt
        ("all data is encrypted in transit", "All data is encrypted in transit"),  # another case
        ("whose servers are located in the USA.", "whose servers are in the USA. Invoices"),  # a word added: as many words shown
        ("Alle Daten werden verschlüsselt", None),  # nothing like it
    ],
)
def test_closest_passage_found_from_the_index(quote: str, closest: str | None) -> None:
    """The closest passage shown for a missing quote is the run of words (as many as the quote's) a reader would point at."""
    from ropa.checks.evidence import closest_passage, fold

    assert closest_passage(fold(quote), fold(_POLICY)) == closest


def test_closest_passages_searched_for_a_bounded_number_of_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the cap, a missing quote is still reported at its line, saying no closest passage was searched."""
    from ropa.checks import evidence

    monkeypatch.setattr(evidence, "MAX_HINTS", 2)
    register = _register(tmp_path)
    text = register.read_text(encoding="utf-8")
    for quote in ("your e-mail address", "first name", "All data is encrypted in transit."):
        text = text.replace(f'{{quote: "{quote}"}}', f'{{quote: "{quote} and more"}}', 1)
    register.write_text(text, encoding="utf-8")
    code, output = _validate(register, "--no-cache")
    assert code == 1
    lines = [line for line in output.splitlines() if "error[quote-not-found]" in line]
    assert len(lines) == 3
    assert [line.endswith("(no closest passage searched after the first 2 quotes not found)") for line in lines] == [False, False, True]
    assert 'closest passage: "your e-mail address' in lines[0]
