"""The command line as a DPO and a CI job see it: messages, formats and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from tests.conftest import MINIMAL, ROOT


def _copy_minimal(tmp_path: Path) -> Path:
    folder = tmp_path / "policies" / "example"
    shutil.copytree(MINIMAL, folder)
    (folder / "bom.yaml").unlink()
    (folder / "yaml11-lookalikes.yaml").unlink()
    return folder / "register.yaml"


def test_clean_register_exits_zero_with_summary() -> None:
    """Warnings alone do not fail: exit 0 and a summary line."""
    result = CliRunner().invoke(main, ["validate", str(MINIMAL / "register.yaml")])
    assert result.exit_code == 0, result.output
    assert "1 register checked: 0 errors, 2 warnings" in result.output
    assert "warning[transfer-mechanism-not-stated]" in result.output


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    """Several problems in one file are all reported in one run, sorted by line."""
    register = _copy_minimal(tmp_path)
    text = register.read_text().replace("roles: [controller]", "roles: [controler]").replace("  date: 2025-06-01", "  date: 2025-13-01")
    register.write_text(text.replace("recipients: {value: [mailchimp]", "recipients: {value: [mailchamp]"))
    result = CliRunner().invoke(main, ["validate", str(register)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error[" in line]
    assert [line.split("error[")[1].split("]")[0] for line in lines] == ["schema-date", "schema-enum"]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)


def test_default_paths_are_policies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without paths, validate checks every register under policies/ of the current folder."""
    _copy_minimal(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0
    assert "policies/example/register.yaml:" in result.output


def test_no_registers_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty folder is a usage error (exit 2), not a silent success."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "no register files found" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    """A wrong flag exits 2."""
    assert CliRunner().invoke(main, ["validate", "--formt", "json"]).exit_code == 2


def test_json_format() -> None:
    """--format json gives tools every field of every finding."""
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(ROOT / "tests/examples/invalid/unknown-key.yaml")])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["files"] == 1
    finding = next(f for f in data["findings"] if f["code"] == "schema-unknown-key")
    assert finding["line"] == 9
    assert finding["field"] == "register.last_reviewd"
    assert "did you mean `last_reviewed`" in finding["message"]


def test_github_format() -> None:
    """--format github prints workflow annotations with file, line and column."""
    result = CliRunner().invoke(main, ["validate", "--format", "github", str(ROOT / "tests/examples/invalid/duplicate-id.yaml")])
    assert result.exit_code == 1
    assert any(
        line.startswith("::error file=") and ",line=" in line and "title=duplicate-id::" in line for line in result.output.splitlines()
    )


def test_validate_does_not_import_renderers() -> None:
    """Validation runs on every commit: it must not pay for openpyxl or python-docx."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from ropa.cli import main\n"
        f"r = CliRunner().invoke(main, ['validate', '--no-cache', {str(MINIMAL / 'register.yaml')!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'openpyxl', 'docx', 'lxml'})\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_cache_is_invalidated_by_source_change(tmp_path: Path) -> None:
    """A cached clean result is not reused once the quoted policy text changes."""
    register = _copy_minimal(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(register)]).exit_code == 0
    assert runner.invoke(main, ["validate", str(register)]).exit_code == 0  # from the cache
    policy = register.parent / "policy.txt"
    policy.write_text(policy.read_text().replace("All data is encrypted in transit.", "Data is protected."))
    result = runner.invoke(main, ["validate", str(register)])
    assert result.exit_code == 1
    assert "error[quote-not-found]" in result.output


def test_cache_is_invalidated_by_register_change(tmp_path: Path) -> None:
    """Editing the register itself is never answered from the cache."""
    register = _copy_minimal(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(register)]).exit_code == 0
    register.write_text(register.read_text().replace("roles: [controller]", "roles: [nobody]"))
    assert runner.invoke(main, ["validate", str(register)]).exit_code == 1


def test_cached_findings_are_the_same(tmp_path: Path) -> None:
    """A run answered from the cache prints exactly what the full check printed."""
    register = _copy_minimal(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["validate", str(register)]).output
    second = runner.invoke(main, ["validate", str(register)]).output
    fresh = runner.invoke(main, ["validate", "--no-cache", str(register)]).output
    assert first == second == fresh


def test_python_dash_m_works() -> None:
    """`python -m ropa` is the same program."""
    out = subprocess.run([sys.executable, "-m", "ropa", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("ropa, version ")


def test_gaps_text_and_json() -> None:
    """`ropa gaps` lists the points the source leaves open, per organisation and activity."""
    text = CliRunner().invoke(main, ["gaps", str(MINIMAL / "register.yaml")])
    assert text.exit_code == 0
    assert "NOT STATED Art. 30(1)(f)" in text.output
    assert "activities[0].retention" in text.output
    data = json.loads(CliRunner().invoke(main, ["gaps", "--format", "json", str(MINIMAL / "register.yaml")]).output)
    points = data["registers"][0]["points"]
    retention = next(p for p in points if p["point"] == "retention")
    assert retention == {
        "activity": "newsletter",
        "point": "retention",
        "article": "Art. 30(1)(f)",
        "status": "not-stated",
        "attested": False,
        "field": "activities[0].retention",
        "line": 83,
        "column": 16,
        "note": None,
    }
    art9 = next(p for p in points if p["point"] == "art9-condition")
    assert art9["status"] == "not-applicable"


def test_build_refuses_a_register_with_errors(tmp_path: Path) -> None:
    """`ropa build` renders nothing for a register with errors and exits 1."""
    register = _copy_minimal(tmp_path)
    register.write_text(register.read_text().replace("roles: [controller]", "roles: [nobody]"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--out", str(out), str(register)])
    assert result.exit_code == 1
    assert "not rendered, it has errors" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_reference_is_fresh() -> None:
    """docs/cli.md is what `make docs` generates from the commands' help."""
    from ropa.cli.reference import render

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == render(), "run `make docs` and commit docs/cli.md"


def test_missing_path_is_a_usage_error() -> None:
    """A path that does not exist is a usage error (exit 2), named in the message."""
    result = CliRunner().invoke(main, ["validate", "no/such/register.yaml"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_gaps_refuses_to_look_complete_when_checks_fail(tmp_path: Path) -> None:
    """A register whose quote is wrong still gets its gap table, but the errors are shown and the exit is 1."""
    register = _copy_minimal(tmp_path)
    register.write_text(register.read_text().replace('{quote: "All data is encrypted in transit."}', '{quote: "All data is shredded."}'))
    result = CliRunner().invoke(main, ["gaps", str(register)])
    assert result.exit_code == 1
    assert "error[quote-not-found]" in result.output
    assert "NOT STATED" in result.output


def test_unknown_key_points_at_the_key(tmp_path: Path) -> None:
    """The position of an unknown key is the key itself, where the typo is."""
    register = _copy_minimal(tmp_path)
    lines = register.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("  language: en"))
    lines[number - 1] = "  langauge: en\n"
    register.write_text("".join(lines))
    result = CliRunner().invoke(main, ["validate", str(register)])
    assert f"register.yaml:{number}:3: error[schema-unknown-key]: unknown key `langauge`; did you mean `language`?" in result.output


def test_a_value_cut_short_is_completed(tmp_path: Path) -> None:
    """An enum value written without its tail (`art77-complaint`) suggests the one value it begins."""
    register = _copy_minimal(tmp_path)
    text = register.read_text()
    register.write_text(text.replace("rights: [art21-2-object-to-direct-marketing]", "rights: [art77-complaint]"))
    result = CliRunner().invoke(main, ["validate", str(register)])
    assert result.exit_code == 1
    assert "error[schema-enum]: 'art77-complaint' is not one of" in result.output
    assert "; did you mean `art77-complaint-to-authority`?" in result.output
