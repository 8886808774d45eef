"""Shared fixtures: every test gets its own findings cache, so runs never see each other."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
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
