"""Example-file-driven tests: every file under tests/examples/ states what it must produce.

A case declares its expected findings in comment lines ``# expect: severity[code] line N``, or,
for files that cannot hold a comment (wrong encoding, no YAML at all), in a sibling ``.expect``
file whose first line describes the case. Valid cases must produce exactly the expected warnings
and no error; invalid cases must produce every expected finding and exit 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.validate import validate_file

EXAMPLES = Path(__file__).parent / "examples"
_EXPECT = re.compile(r"^(?:# expect: )?(error|warning)\[([a-z0-9-]+)\] line (\d+)$", re.MULTILINE)


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in (EXAMPLES / kind).rglob("*.yaml"))


def expectations(path: Path) -> set[tuple[str, str, int]]:
    """The findings a case file says it must produce: (severity, code, line)."""
    sidecar = path.with_suffix(".expect")
    text = sidecar.read_text(encoding="utf-8") if sidecar.exists() else path.read_bytes().decode("utf-8", "replace")
    return {(sev, code, int(line)) for sev, code, line in _EXPECT.findall(text)}


def found(path: Path) -> set[tuple[str, str, int]]:
    outcome = validate_file(path)
    return {(f.severity.value, f.code, f.line) for f in outcome.findings}


@pytest.mark.parametrize("path", _cases("valid"), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_valid_case(path: Path) -> None:
    """A valid register has no error and exactly the warnings it declares."""
    assert found(path) == expectations(path)


@pytest.mark.parametrize("path", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case(path: Path) -> None:
    """An invalid register produces each finding it declares, at the declared line."""
    expected = expectations(path)
    assert expected, f"{path.name} declares no expected finding"
    assert expected <= found(path)


@pytest.mark.parametrize("path", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case_through_cli(path: Path) -> None:
    """The CLI reports an invalid case as path:line:col: severity[code], exits 1, never a traceback."""
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    sev, code, line = sorted(expectations(path))[0]
    assert re.search(rf":{line}:\d+: {sev}\[{code}\]: ", result.output), result.output


def test_there_are_enough_hostile_inputs() -> None:
    """The suite covers at least 25 hostile or accidental inputs."""
    assert len(_cases("invalid")) >= 25
