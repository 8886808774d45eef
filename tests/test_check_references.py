"""Unique ids, references that resolve (with a suggestion), and registry entries nobody uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import findings_of, minimal_data, write_variant

MECHANISM = (
    "warning[transfer-mechanism-not-stated] activities[0].transfers[0].mechanism: "
    "transfer to US: the source states no transfer mechanism (Art. 44-49)"
)
QUOTE = [{"quote": "When you subscribe to our newsletter"}]


def _found(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> set[str]:
    data = minimal_data()
    edit(data)
    return findings_of(write_variant(tmp_path, data)) - {MECHANISM}


@pytest.mark.parametrize(
    ("registry", "entry"),
    [
        ("data_subject_categories", {"id": "subscribers", "name": "Again", "evidence": QUOTE}),
        ("data_categories", {"id": "email", "name": "Again", "evidence": QUOTE}),
        ("recipients", {"id": "mailchimp", "name": "Again", "kind": "processor", "country": {"not_stated": True}, "evidence": QUOTE}),
        ("security_measures", {"id": "tls", "description": "Again.", "organisation_wide": True, "evidence": QUOTE}),
        ("sources", {"id": "policy", "file": "policy.txt", "title": "Again", "language": "en", "date": {"not_stated": True}}),
    ],
)
def test_a_duplicate_id_names_the_first_entry(tmp_path: Path, registry: str, entry: dict[str, Any]) -> None:
    """Every later duplicate points at the first entry with that id."""

    def edit(data: dict[str, Any]) -> None:
        data[registry] += [entry, entry]

    count = len(minimal_data()[registry])
    found = {f for f in _found(tmp_path, edit) if "duplicate-id" in f}
    assert found == {
        f"error[duplicate-id] {registry}[{i}].id: id `{entry['id']}` is already used by {registry}[0]" for i in (count, count + 1)
    }


def test_a_duplicate_activity_id(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["activities"].append(data["activities"][0])

    assert _found(tmp_path, edit) == {
        "error[duplicate-id] activities[1].id: id `newsletter` is already used by activities[0]",
        MECHANISM.replace("activities[0]", "activities[1]"),
    }


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            _set(("activities", 0, "data_subjects", "value"), ["subscriber"]),
            "activities[0].data_subjects.value[0]: `subscriber` is not in data_subject_categories; did you mean `subscribers`?",
        ),
        (
            _set(("activities", 0, "data_categories", "value"), ["email", "first-name", "fax"]),
            "activities[0].data_categories.value[2]: `fax` is not in data_categories; add it to `data_categories`",
        ),
        (
            _set(("activities", 0, "recipients", "value"), ["mailchimp", "mailchamp"]),
            "activities[0].recipients.value[1]: `mailchamp` is not in recipients; did you mean `mailchimp`?",
        ),
        (
            _set(("activities", 0, "security_measures"), {"value": ["firewall"], "evidence": QUOTE}),
            "activities[0].security_measures.value[0]: `firewall` is not in security_measures; add it to `security_measures`",
        ),
        (
            _set(("activities", 0, "transfers", 0, "recipient"), "mailchimps"),
            "activities[0].transfers[0].recipient: `mailchimps` is not in recipients; did you mean `mailchimp`?",
        ),
        (
            _set(
                ("activities", 0, "retention"), [{"data_categories": ["email", "phone"], "rule": "Until unsubscribed.", "evidence": QUOTE}]
            ),
            "activities[0].retention[0].data_categories[1]: `phone` is not in data_categories; add it to `data_categories`",
        ),
        (
            _set(("activities", 0, "storage_location", 0, "recipient"), "mailchimp-eu"),
            "activities[0].storage_location[0].recipient: `mailchimp-eu` is not in recipients; did you mean `mailchimp`?",
        ),
    ],
)
def test_every_kind_of_reference_is_resolved(tmp_path: Path, edit: Callable[[dict[str, Any]], None], expected: str) -> None:
    assert f"error[unknown-reference] {expected}" in _found(tmp_path, edit)


def test_category_ids_inside_special_category_conditions_are_resolved(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["data_categories"].append({"id": "health", "name": "Health", "special_category": "health", "evidence": QUOTE})
        act = data["activities"][0]
        act["data_categories"]["value"].append("health")
        act["special_category_conditions"] = [
            {"condition": "a-explicit-consent", "data_categories": ["health", "helth"], "evidence": QUOTE},
            {"condition": "e-made-manifestly-public", "evidence": QUOTE},
        ]

    assert _found(tmp_path, edit) == {
        "error[unknown-reference] activities[0].special_category_conditions[0].data_categories[1]: "
        "`helth` is not in data_categories; did you mean `health`?"
    }


def test_unused_registry_entries_are_warnings(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["data_subject_categories"].append({"id": "visitors", "name": "Visitors", "evidence": QUOTE})
        data["data_categories"].append({"id": "phone", "name": "Phone", "evidence": QUOTE})
        data["recipients"].append({"id": "bank", "name": "Bank", "kind": "processor", "country": {"not_stated": True}, "evidence": QUOTE})
        data["security_measures"] += [
            {"id": "locks", "description": "Locks.", "evidence": QUOTE},
            {"id": "audits", "description": "Audits.", "organisation_wide": True, "evidence": QUOTE},
        ]

    assert _found(tmp_path, edit) == {
        "warning[unused-entry] data_subject_categories[1].id: data_subject_categories entry `visitors` is not used by any activity",
        "warning[unused-entry] data_categories[2].id: data_categories entry `phone` is not used by any activity",
        "warning[unused-entry] recipients[1].id: recipients entry `bank` is not used by any activity",
        "warning[unused-entry] security_measures[1].id: security measure `locks` is neither organisation-wide nor used by an activity",
    }


def test_an_entry_used_only_by_a_transfer_storage_place_or_retention_rule_is_used(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        act = data["activities"][0]
        act["recipients"] = {"none": True, "evidence": QUOTE}
        act["data_categories"]["value"] = ["email"]
        act["retention"] = [{"data_categories": ["first-name"], "rule": "Until unsubscribed.", "evidence": QUOTE}]
        act["security_measures"] = {"value": ["tls"], "evidence": QUOTE}
        data["security_measures"][0]["organisation_wide"] = False

    assert _found(tmp_path, edit) == set()

    def storage_only(data: dict[str, Any]) -> None:
        data["activities"][0]["recipients"] = {"none": True, "evidence": QUOTE}
        data["activities"][0]["transfers"] = {"not_stated": True}

    assert _found(tmp_path, storage_only) == set()
