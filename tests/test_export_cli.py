"""`ropa export` on the command line: standard output or --output, the validation gate, and exit codes."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.export import register_csv, register_json
from ropa.validate import validate_file
from tests.conftest import ROOT, minimal_data, write_variant

CAB = ROOT / "policies" / "cab" / "register.yaml"


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["export", *args])


@pytest.mark.parametrize(("fmt", "write"), [("json", register_json), ("csv", register_csv)])
def test_stdout_and_output_file_hold_the_same_bytes(tmp_path: Path, fmt: str, write: Any) -> None:
    register = validate_file(CAB).register
    assert register is not None
    shown = _run(str(CAB), "--format", fmt)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout_bytes == write(register)
    assert shown.stderr == ""
    target = tmp_path / "out" / f"cab.{fmt}"
    written = _run(str(CAB), "--format", fmt, "--output", str(target))
    assert written.exit_code == 0, written.output
    assert written.stdout_bytes == b""
    assert "wrote" in written.stderr
    assert target.read_bytes() == write(register)


def test_json_is_the_default_and_a_folder_with_one_register_will_do() -> None:
    result = _run(str(CAB.parent))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout_bytes)["register"]["id"] == "cab"


def test_a_register_with_errors_prints_the_findings_and_writes_nothing(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["data_subjects"]["value"] = ["nobody"]  # an unknown id: an error
    path = write_variant(tmp_path, data)
    target = tmp_path / "out.json"
    result = _run(str(path), "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout_bytes == b""
    assert not target.exists()
    assert "register.yaml:" in result.stderr
    assert ": error[" in result.stderr
    assert "not exported, it has errors" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "'xml' is not one of"),
        (["--lang", "sv"], "--lang and --record apply to --format csv only"),
        (["--record", "processor"], "--lang and --record apply to --format csv only"),
        (["--format", "csv", "--lang", "xx"], "'xx' is not one of"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = _run(str(CAB), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_path_holding_several_registers_or_none_is_a_usage_error(tmp_path: Path) -> None:
    several = _run(str(ROOT / "policies" / "cm"))
    assert several.exit_code == 2
    assert "holds 2 registers: export one at a time" in several.stderr
    assert _run(str(tmp_path)).exit_code == 2
    assert _run(str(tmp_path / "missing.yaml")).exit_code == 2


def test_an_unwritable_output_fails_with_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run(str(CAB), "--output", str(blocker / "cab.json"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def _with_processor_activity(tmp_path: Path) -> Path:
    data = minimal_data()
    act = copy.deepcopy(data["activities"][0])
    act.update(id="hosting", name="Hosting for clients", role="processor", controllers_served=[{"name": "Client AB"}])
    data["activities"].append(act)
    data["roles"] = ["controller", "processor"]
    return write_variant(tmp_path, data)


def test_processor_activities_have_their_own_record(tmp_path: Path) -> None:
    """The default CSV is the Register sheet (Art. 30(1)) and says what it leaves out; --record processor gives Art. 30(2)."""
    path = _with_processor_activity(tmp_path)
    controller = _run(str(path), "--format", "csv")
    assert controller.exit_code == 0, controller.output
    assert "1 processor activity not in this CSV (--record processor)" in controller.stderr
    rows = list(csv.reader(io.StringIO(controller.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["newsletter"]
    processor = _run(str(path), "--format", "csv", "--record", "processor")
    assert processor.exit_code == 0, processor.output
    assert processor.stderr == ""
    rows = list(csv.reader(io.StringIO(processor.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Activity ID", "Processing activity", "Controllers served"]
    assert [r[0] for r in rows[1:]] == ["hosting"]
    assert "Client AB" in rows[1][2]
