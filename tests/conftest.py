"""Shared fixtures: every test gets its own findings cache, so runs never see each other."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from ropa.model import Register
from ropa.validate import Outcome, validate_file


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path_factory.mktemp("ropa-cache")))


# On CI, property tests replay the same examples every run, so a landing never depends on luck;
# locally they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal"


@pytest.fixture(scope="module")
def outcome(request: pytest.FixtureRequest) -> Outcome:
    """The validated register named by the test module's ``REGISTER``, once per module."""
    return validate_file(request.module.REGISTER)


@pytest.fixture(scope="module")
def register(outcome: Outcome) -> Register:
    """The model of the module's register (it must have loaded)."""
    assert outcome.register is not None, [f"{f.line}: {f.code} {f.message}" for f in outcome.findings]
    return outcome.register


def folded(text: str) -> str:
    """Text with every run of white space as one space, as quotes are compared."""
    return " ".join(text.split())


def minimal_data() -> dict[str, Any]:
    """The minimal valid register as plain data, to edit into a variant."""
    data: dict[str, Any] = yaml.safe_load((MINIMAL / "register.yaml").read_text(encoding="utf-8"))
    # A recorded review, so that each variant shows only the findings its test is about.
    data["register"]["last_reviewed"] = {"value": dt.date(2025, 5, 1), "evidence": [{"quote": "Privacy policy of Example AB"}]}
    return data


class _NoAliases(yaml.SafeDumper):
    """Writes shared values out in full: ropa refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_variant(folder: Path, data: dict[str, Any], policy: str | None = None) -> Path:
    """Write an edited register (and the minimal policy text, or ``policy``) into ``folder``."""
    (folder / "policy.txt").write_text(
        policy if policy is not None else (MINIMAL / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = folder / "register.yaml"
    path.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def findings_of(path: Path) -> set[str]:
    """Every finding as a person reads it, with where it sits: ``severity[code] field: message``."""
    return {f"{f.severity.value}[{f.code}] {f.field_path}: {f.message}" for f in validate_file(path).findings}


@functools.cache
def valid_register(path: Path) -> Register:
    """The register of a file that must validate without errors (loaded once per test run)."""
    outcome = validate_file(path)
    assert not outcome.errors, outcome.findings
    assert outcome.register is not None
    return outcome.register
