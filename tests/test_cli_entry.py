"""The installed program (and ``python -m ropa``) as a shell or a CI job runs it: every line printed, the exit code kept.

It leaves without the interpreter's teardown (ropa.cli.entry), so what it printed must be flushed first.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from ropa.cli import main
from tests.conftest import MINIMAL, ROOT

INVALID = sorted((ROOT / "tests" / "examples" / "invalid").glob("*.yaml"))[:5]


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ropa", *args], capture_output=True, text=True, check=False, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_program_prints_what_the_command_prints_and_exits_with_its_code(fmt: str) -> None:
    args = ["validate", "--no-cache", "--format", fmt, *(str(p) for p in INVALID), str(MINIMAL / "register.yaml")]
    program = _program(*args)
    expected = CliRunner().invoke(main, args)
    assert program.returncode == expected.exit_code == 1
    assert program.stdout == expected.stdout
    assert program.stdout.count("error") >= len(INVALID)


def test_a_clean_register_exits_zero_and_a_usage_error_two() -> None:
    clean = _program("validate", "--no-cache", str(MINIMAL / "register.yaml"))
    assert clean.returncode == 0
    assert clean.stdout.rstrip().endswith("1 register checked: 0 errors, 2 warnings")
    usage = _program("validate", "--format", "nope")
    assert usage.returncode == 2
    assert "Invalid value for '--format'" in usage.stderr


def test_the_version_is_printed_before_leaving() -> None:
    version = _program("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("ropa, version ")
