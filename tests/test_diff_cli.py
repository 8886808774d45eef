"""ropa diff on the command line: exit codes a CI job relies on, JSON, the workbook, and --rev."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ropa.cli import main

ROOT = Path(__file__).parent.parent
CM = ROOT / "policies" / "cm"
CM_2017 = CM / "register-2017-10-07.yaml"
CM_2018 = CM / "register-2018-08-15.yaml"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_equal_registers_exit_zero() -> None:
    """diff(A, A): exit 0 and a line saying nothing changed."""
    code, out, _ = run(CM_2018, CM_2018)
    assert code == 0
    assert "No changes" in out


def test_different_registers_exit_one_with_text_report() -> None:
    """diff(2017, 2018): exit 1, the summary line, transfers before the controller, evidence last."""
    code, out, _ = run(CM_2017, CM_2018)
    assert code == 1
    assert "substantive changes" in out
    assert out.index("Transfers to third countries") < out.index("Controller") < out.index("Evidence-only changes")
    assert "- 53384911" in out
    assert "+ 20095946" in out


def test_json_for_tools() -> None:
    """--format json: one document with both sides, a summary and every change with old and new items."""
    code, out, _ = run(CM_2017, CM_2018, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["equal"] is False
    assert doc["old"]["id"] == "cm-2017-10-07"
    assert doc["new"]["date"] == "2018-08-15"
    assert doc["summary"]["substantive"] > 0
    name = next(c for c in doc["changes"] if c["point"] == "point.controller-name")
    assert (name["old"], name["new"]) == (["CM Online B.V."], ["CM Groep B.V."])
    assert {"area", "item", "action", "kind", "risk", "article", "added", "removed"} <= set(name)
    equal = json.loads(run(CM_2018, CM_2018, "--format", "json")[1])
    assert equal["equal"] is True
    assert equal["changes"] == []


def test_labels_follow_lang() -> None:
    """--lang sv: Swedish labels around the register's own (untranslated) text."""
    _, out, _ = run(CM_2017, CM_2018, "--lang", "sv")
    assert "Anges inte i källan" in out
    assert "Överföringar till tredjeland" in out


def test_usage_errors_exit_two() -> None:
    """One path without --rev, or three paths: a usage error, exit 2."""
    assert run(CM_2017)[0] == 2
    assert run(CM_2017, CM_2018, CM_2018)[0] == 2
    assert run("--rev", "HEAD", CM_2017, CM_2018)[0] == 2


def test_invalid_register_exits_two(tmp_path: Path) -> None:
    """A side that does not validate cannot be compared: its findings on stderr, exit 2."""
    broken = tmp_path / "register.yaml"
    broken.write_text("ropa: 1\nregister: {id: x}\n", encoding="utf-8")
    code, out, err = run(CM_2018, broken)
    assert code == 2
    assert out == ""
    assert "does not validate" in err


def test_unwritable_output_exits_two(tmp_path: Path) -> None:
    """An output that cannot be written is trouble, not a difference."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(CM_2017, CM_2018, "--xlsx", blocker / "sub" / "report.xlsx")
    assert code == 2
    assert "cannot write" in err


def test_workbook_one_row_per_change(tmp_path: Path) -> None:
    """--xlsx: a row per change with area, item, point, old, new and kind; styled frozen header, autofilter."""
    target = tmp_path / "changes.xlsx"
    code, out, _ = run(CM_2017, CM_2018, "--xlsx", target, "--format", "json")
    assert code == 1
    changes = json.loads(out)["changes"]
    wb = load_workbook(io.BytesIO(target.read_bytes()))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Area", "Item", "Id", "Art. 30 point"]
    assert {"Old value", "New value", "Kind"} <= set(header)
    assert ws.max_row == len(changes) + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:J{len(changes) + 1}"
    assert ws["A1"].font.bold
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    kvk = next(r for r in rows if r[3] == "Registration number")
    assert (kvk[6], kvk[7], kvk[8]) == ("53384911", "20095946", "substantive")
    assert {r[8] for r in rows} == {"substantive", "evidence only"}
    assert [ws.title for ws in wb.worksheets] == ["Changes", "Registers", "Pairings"]


def test_workbook_marks_high_risk_rows_and_gaps(tmp_path: Path) -> None:
    """A high-risk change's row is filled light red; an old or new value the source does not state looks like
    a gap in the register workbook (yellow fill, grey italic); every row is tall enough for its lines."""
    target = tmp_path / "changes.xlsx"
    run(CM_2017, CM_2018, "--xlsx", target)
    ws = load_workbook(target).worksheets[0]
    rows = list(ws.iter_rows(min_row=2))
    high = [r for r in rows if r[9].value == "high"]
    assert high
    assert rows[0][9].value == "high"  # risk first
    for row in rows:
        fills = {c.fill.fgColor.rgb for c in row[:6]}
        assert fills == ({"00FCE4D6"} if row[9].value == "high" else fills - {"00FCE4D6"}), [c.value for c in row]
    gaps = [c for r in rows for c in r[6:8] if c.value == "Not stated in source"]
    assert gaps
    assert all(c.font.i and c.fill.fgColor.rgb == "00FFF2CC" for c in gaps)
    for row in rows:
        lines = max(str(c.value or "").count("\n") + 1 for c in row)
        assert ws.row_dimensions[row[0].row].height >= lines * 14.5, row[0].row


def test_workbook_rebuilds_are_identical(tmp_path: Path) -> None:
    """The same two registers give the same workbook bytes, dated the new register's date."""
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run(CM_2017, CM_2018, "--xlsx", first)
    run(CM_2017, CM_2018, "--xlsx", second)
    assert first.read_bytes() == second.read_bytes()
    wb = load_workbook(first)
    assert wb.properties.created.date().isoformat() == "2018-08-15"
    assert wb.properties.modified.date().isoformat() == "2018-08-15"


def test_docx_written_with_the_text_report(tmp_path: Path) -> None:
    """--docx writes the redline next to the report printed on stdout."""
    target = tmp_path / "redline.docx"
    code, out, err = run(CM_2017, CM_2018, "--docx", target)
    assert code == 1
    assert target.read_bytes()[:2] == b"PK"
    assert "Change report" in out
    assert "wrote" in err


# --- --rev: a register against its version in git ------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    git = shutil.which("git")
    assert git is not None
    subprocess.run(
        [git, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the 2017 register (as register.yaml) and its policy."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    folder = repo / "policies" / "cm"
    folder.mkdir(parents=True)
    _git(repo, "init", "-q")
    shutil.copy(CM_2017, folder / "register.yaml")
    shutil.copy(CM / "cm-privacy-policy-2017-10-07.md", folder)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "signed off")
    return folder / "register.yaml"


def test_rev_unchanged_working_copy_exits_zero(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--rev HEAD on an untouched file: equal, exit 0, the old side named REV:path."""
    monkeypatch.chdir(repo.parent.parent.parent)
    code, out, _ = run("--rev", "HEAD", "policies/cm/register.yaml")
    assert code == 0, out
    assert "HEAD:policies/cm/register.yaml" in out


def test_rev_against_a_changed_working_copy(repo: Path) -> None:
    """The working copy now holds 2018 (with its policy); --rev HEAD shows what changed since sign-off.

    The 2017 policy text is deleted from the working copy: the old side is validated against the
    policy as it was at the revision, taken from git.
    """
    folder = repo.parent
    shutil.copy(CM_2018, repo)
    shutil.copy(CM / "cm-privacy-policy-2018-08-15.md", folder)
    (folder / "cm-privacy-policy-2017-10-07.md").unlink()
    code, out, err = run("--rev", "HEAD", repo, "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["old"]["id"] == "cm-2017-10-07"
    assert doc["new"]["id"] == "cm-2018-08-15"
    assert any(c["point"] == "point.registration-number" for c in doc["changes"])


def test_rev_unknown_revision_exits_two(repo: Path) -> None:
    """A revision git does not know: trouble, exit 2, and a message naming it."""
    code, _, err = run("--rev", "no-such-rev", repo)
    assert code == 2
    assert "no-such-rev" in err


def test_rev_file_not_in_that_revision_exits_two(repo: Path) -> None:
    """A register added after REV cannot be compared with REV."""
    later = repo.parent / "later.yaml"
    shutil.copy(repo, later)
    code, _, err = run("--rev", "HEAD", later)
    assert code == 2
    assert err


def test_old_register_in_another_folder_reads_its_own_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OLD copied elsewhere with its source, run from a third folder: each side's quotes are checked next to its own file."""
    elsewhere = tmp_path / "archive" / "2017"
    elsewhere.mkdir(parents=True)
    shutil.copy(CM_2017, elsewhere / CM_2017.name)
    shutil.copy(CM / "cm-privacy-policy-2017-10-07.md", elsewhere)
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    _, expected, _ = run(CM_2017, CM_2018)
    code, out, err = run(Path("../archive/2017") / CM_2017.name, CM_2018, "--docx", "changes.docx", "--xlsx", "changes.xlsx")
    assert code == 1, err
    assert out.splitlines()[1:] == expected.splitlines()[1:]  # the same report; only the first line names the paths
    assert (workdir / "changes.docx").stat().st_size > 0
    assert (workdir / "changes.xlsx").stat().st_size > 0
    (elsewhere / "cm-privacy-policy-2017-10-07.md").unlink()  # the copy's own source, not the one beside CM_2017
    code, _, err = run(Path("../archive/2017") / CM_2017.name, CM_2018)
    assert code == 2
    assert "error[source-missing]: source file `cm-privacy-policy-2017-10-07.md` does not exist next to the register" in err
