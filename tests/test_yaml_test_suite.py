"""Every case of the official YAML test suite through ``ropa.loading.load.load_text``, against a table of expected outcomes.

The suite (``tests/yaml_test_suite/``, see ``SOURCE.md``) is what YAML parsers are measured by.
``expected.tsv`` says, for each of its 402 cases, what ropa does and why: loads it as the suite's
JSON, keeps floats as text, refuses it by design or as invalid YAML (with the finding's code), or
reads it otherwise (a documented deviation, mostly libyaml's). Any changed outcome fails here, so a
parser upgrade cannot change what a register means unnoticed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ropa.loading.load import LoadError, load_text

SUITE = Path(__file__).parent / "yaml_test_suite"
# YAML 1.2 core schema floats, which ropa keeps as the text typed
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


@cache
def cases() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((SUITE / "cases.json").read_text(encoding="utf-8"))
    return data


@cache
def table() -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for line in (SUITE / "expected.tsv").read_text(encoding="utf-8").splitlines():
        case, outcome, reason = line.split("\t")
        assert case not in rows, f"{case} is in the table twice"
        rows[case] = (outcome, reason)
    return rows


def json_documents(text: str) -> list[Any]:
    decoder = json.JSONDecoder()
    docs, at, text = [], 0, text.strip()
    while at < len(text):
        doc, at = decoder.raw_decode(text, at)
        docs.append(doc)
        while at < len(text) and text[at].isspace():
            at += 1
    return docs


def canonical(data: Any) -> str:
    """Type-exact comparison: ``true`` is not ``1``, key order does not matter."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def floats_read(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: floats_read(v) for k, v in data.items()}
    if isinstance(data, list):
        return [floats_read(v) for v in data]
    return float(data) if isinstance(data, str) and _FLOAT.fullmatch(data) else data


def test_the_table_covers_every_case_once_with_a_reason() -> None:
    assert len(cases()) == 402
    assert set(table()) == set(cases())
    assert all(reason.strip() for _, reason in table().values())


def test_invalid_yaml_is_refused_unless_a_reason_says_why_not() -> None:
    """Invalid YAML that loads is a decision, recorded as such."""
    for case, (outcome, reason) in table().items():
        if cases()[case]["error"]:
            assert outcome.startswith("reject:") or reason.startswith("invalid YAML"), case


def loaded(text: str) -> tuple[str, Any]:
    """``("loaded", data)``, or ``("reject:CODE", message)`` of the first finding."""
    try:
        data, _ = load_text(text)
    except LoadError as exc:
        return f"reject:{exc.problems[0].code}", exc.problems[0].message
    return "loaded", data


@pytest.mark.parametrize("case", sorted(cases()))
def test_case(case: str) -> None:
    spec = cases()[case]
    outcome, reason = table()[case]
    got, data = loaded(spec["yaml"])
    if got != "loaded":
        assert got == outcome, f"{case} ({spec['name']}): {got} ({data}); expected {outcome}: {reason}"
        return
    assert not outcome.startswith("reject:"), f"{case} ({spec['name']}) now loads as {canonical(data)}; expected {outcome}: {reason}"
    if outcome.startswith("accept:"):
        assert canonical(data) == canonical(json.loads(outcome.removeprefix("accept:"))), f"{case}: {reason}"
        return
    [expected] = json_documents(spec["json"])
    if outcome == "equal":
        assert canonical(data) == canonical(expected)
    else:
        assert outcome == "floats-as-text"
        assert canonical(data) != canonical(expected), f"{case} is equal now: mark it so"
        assert canonical(floats_read(data)) == canonical(expected)
