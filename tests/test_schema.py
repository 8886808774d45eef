"""The committed JSON Schema is what the models generate, and registers point editors at it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ropa.cli import main
from ropa.loading.discover import registers_in
from ropa.schema import SCHEMA_FILE, build_schema, is_stale
from tests.conftest import ROOT

SCHEMAS = ROOT / "schemas"


def test_committed_schema_is_fresh() -> None:
    """`ropa schema --check` passes: the committed file equals a fresh one."""
    assert not is_stale(SCHEMAS), "run `ropa schema` and commit schemas/"
    assert CliRunner().invoke(main, ["schema", "--check", "--dir", str(SCHEMAS)]).exit_code == 0


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    """A schema that differs from the models fails the check with exit 1."""
    (tmp_path / SCHEMA_FILE).write_text("{}\n")
    result = CliRunner().invoke(main, ["schema", "--check", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "stale" in result.output


def test_every_field_is_described() -> None:
    """Every property in the schema carries a description for editors' hover help."""
    schema = json.loads(build_schema())
    missing = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, spec in definition.get("properties", {}).items()
        if "description" not in spec
    ]
    assert missing == []


def test_registers_carry_the_modeline() -> None:
    """Each shipped register names the schema so editors complete and check it."""
    registers = registers_in(ROOT / "policies") + registers_in(ROOT / "tests" / "examples" / "valid")
    assert registers
    for path in registers:
        head = path.read_text(encoding="utf-8-sig").splitlines()[:3]
        modeline = next(line for line in head if line.startswith("# yaml-language-server: $schema="))
        target = (path.parent / modeline.split("=", 1)[1]).resolve()
        assert target == (SCHEMAS / SCHEMA_FILE).resolve(), path
