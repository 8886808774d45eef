"""Shared fixtures: every test gets its own findings cache, so runs never see each other."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path_factory.mktemp("ropa-cache")))


ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal"
