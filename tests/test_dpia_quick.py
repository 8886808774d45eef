"""The quick DPIA pre-test (``may_conclude``) agrees with the full screening on every activity it is asked about.

The ``dpia-*`` check screens only the activities ``may_conclude`` lets through, so the two must agree exactly: an
activity names national-list entries or is likely to need a DPIA precisely when ``may_conclude`` says so. Checked on
the shipped registers, the valid examples, and activities mixed from the DPIA example's parts (automated decisions,
DPIA statuses, screening facts, data categories and data subjects in every combination).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from ropa.loading.discover import registers_in
from ropa.model import Register
from ropa.model.activity import AutomatedDecisions, Dpia
from ropa.model.dpia_facts import DpiaScreening
from ropa.model.enums import DpiaStatus
from ropa.model.markers import NotStated
from ropa.model.registries import DataCategory, SubjectCategory
from ropa.reporting.dpia import lookups_of, may_conclude, screen
from tests.conftest import ROOT, valid_register

EXAMPLE = ROOT / "tests" / "examples" / "valid" / "dpia" / "register.yaml"
REGISTERS = registers_in(ROOT / "policies") + registers_in(ROOT / "tests" / "examples" / "valid")
QUOTE = [{"quote": "We make no automated decisions about you."}]


def _disagreements(register: Register) -> list[str]:
    """The activities on which the pre-test and the screening disagree, by id."""
    shared = lookups_of(register)
    wrong = []
    for index, act in enumerate(register.activities):
        s = screen(register, index, shared)
        if may_conclude(register, index, shared) != (bool(s.list_matches) or s.likely_required):
            wrong.append(f"{index} {act.id}")
    return wrong


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_agrees_on_the_registers(path: Path) -> None:
    assert _disagreements(valid_register(path)) == []


def _parts(register: Register, field: str) -> list[Any]:
    """The values the example's activities give a field, each once."""
    found: list[Any] = []
    for act in register.activities:
        value = getattr(act, field)
        if all(value is not other for other in found):
            found.append(value)
    return found


def test_agrees_on_every_mix_of_the_example() -> None:
    register = valid_register(EXAMPLE)
    automated = [
        *_parts(register, "automated_decisions"),
        *(
            AutomatedDecisions.model_validate({"profiling": p, "automated_decision": d, "description": "Scored.", "evidence": QUOTE})
            for p, d in itertools.product((False, True), repeat=2)
        ),
    ]
    dpias = [
        NotStated(not_stated=True),
        *(
            Dpia.model_validate({"status": status, "evidence": QUOTE, **({"note": note} if note else {})})
            for status in DpiaStatus
            for note in (None, "Reasoned.")
        ),
    ]
    flags = {"value": True, "evidence": QUOTE}
    screenings = [
        *_parts(register, "dpia_screening"),
        DpiaScreening.model_validate({"systematic_monitoring": flags, "innovative_technology": flags}),
        DpiaScreening.model_validate({"combines_datasets": flags, "scale": {"not_stated": True}}),
        DpiaScreening.model_validate({"prevents_right_or_service": flags, "systematic_monitoring": {"value": False, "evidence": QUOTE}}),
    ]
    stated = register.activities[0].data_categories  # a stated id list, to name the entries added below
    categories = [*_parts(register, "data_categories"), stated.model_copy(update={"value": ["diary", "email"]}), NotStated(not_stated=True)]
    subjects = [
        *_parts(register, "data_subjects"),
        stated.model_copy(update={"value": ["children", "visitors"]}),
        NotStated(not_stated=True),
    ]
    base = register.activities[0]
    mixed = [
        base.model_copy(
            update={"id": f"mix-{n}", "automated_decisions": a, "dpia": d, "dpia_screening": s, "data_categories": c, "data_subjects": j}
        )
        for n, (a, d, s, c, j) in enumerate(itertools.product(automated, dpias, screenings, categories, subjects))
    ]
    assert len(mixed) > 5000
    diary = DataCategory.model_validate({"id": "diary", "name": "Diary", "highly_personal": flags, "evidence": QUOTE})
    children = SubjectCategory.model_validate({"id": "children", "name": "Children", "vulnerable": flags, "evidence": QUOTE})
    mix = register.model_copy(
        update={
            "activities": mixed,
            "data_categories": [*register.data_categories, diary],
            "data_subject_categories": [*register.data_subject_categories, children],
        }
    )
    assert _disagreements(mix) == []
    concluded = sum(may_conclude(mix, i, lookups_of(mix)) for i in range(len(mixed)))
    assert 0 < concluded < len(mixed)  # both answers are exercised
