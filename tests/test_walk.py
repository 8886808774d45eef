"""The model walk finds every model of a register once, depth first, each with the path that leads to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from ropa.checks.walk import evidence_holders, walk_models
from ropa.findings import Loc
from ropa.loading.discover import registers_in
from ropa.validate import validate_file
from tests.conftest import ROOT

REGISTERS = registers_in(ROOT / "policies") + registers_in(ROOT / "tests" / "examples" / "valid")


def _plainly(obj: Any, loc: Loc) -> list[tuple[Loc, BaseModel]]:
    """The same walk done the slow, obvious way: every field's value, in field order, by YAML key."""
    if isinstance(obj, list):
        return [found for i, item in enumerate(obj) for found in _plainly(item, (*loc, i))]
    if not isinstance(obj, BaseModel):
        return []
    found = [(loc, obj)]
    for name, info in type(obj).model_fields.items():
        if name != "evidence":
            found.extend(_plainly(getattr(obj, name), (*loc, info.alias or name)))
    return found


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_walk_finds_every_model_in_order(path: Path) -> None:
    """Every model, with its path, in the order a reader meets it in the file; evidence items are left to their holder."""
    register = validate_file(path).register
    assert register is not None
    expected = [(loc, id(model)) for loc, model in _plainly(register, ())]
    assert [(loc, id(model)) for loc, model in walk_models(register)] == expected
    assert len(expected) > 10


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_evidence_holders_are_the_models_with_evidence(path: Path) -> None:
    register = validate_file(path).register
    assert register is not None
    expected = [(loc, id(m)) for loc, m in walk_models(register) if "evidence" in type(m).model_fields]
    assert [(loc, id(m)) for loc, m in evidence_holders(register)] == expected
    assert expected
