"""Lawful bases, Art. 9 and 10 data, the Art. 30(5) exemption and processor records, as a DPO reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import findings_of, minimal_data, write_variant

MECHANISM = (
    "warning[transfer-mechanism-not-stated] activities[0].transfers[0].mechanism: "
    "transfer to US: the source states no transfer mechanism (Art. 44-49)"
)
QUOTE = [{"quote": "we use your e-mail address"}]


def _basis(tmp_path: Path, **statement: Any) -> set[str]:
    data = minimal_data()
    data["activities"][0]["purposes"][0]["lawful_basis"] = {**statement, "evidence": QUOTE}
    return findings_of(write_variant(tmp_path, data)) - {MECHANISM}


def test_legitimate_interests_need_the_interest(tmp_path: Path) -> None:
    assert _basis(tmp_path, basis="f-legitimate-interests") == {
        "error[legitimate-interest-missing] activities[0].purposes[0].lawful_basis.basis: "
        "Art. 6(1)(f) needs the interest pursued: add `legitimate_interest`"
    }
    assert _basis(tmp_path, basis="f-legitimate-interests", legitimate_interest="Marketing to customers.") == set()


def test_consent_needs_how_it_is_withdrawn(tmp_path: Path) -> None:
    assert _basis(tmp_path, basis="a-consent") == {
        "error[consent-withdrawal-missing] activities[0].purposes[0].lawful_basis.basis: "
        "Art. 6(1)(a) consent needs how it is withdrawn (Art. 7(3)): add `consent_withdrawal`"
    }


@pytest.mark.parametrize("basis", ["b-contract", "c-legal-obligation", "e-public-task"])
def test_other_bases_need_neither(tmp_path: Path, basis: str) -> None:
    assert _basis(tmp_path, basis=basis) == set()


def test_a_basis_not_stated_is_no_error(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["purposes"][0]["lawful_basis"] = {"not_stated": True}
    assert findings_of(write_variant(tmp_path, data)) == {MECHANISM}


def _sensitive(tmp_path: Path, activity: dict[str, Any], *, employees: Any = None, exemption: bool = False) -> set[str]:
    """The minimal register with health, religion and criminal-record categories used by its activity."""
    data = minimal_data()
    data["data_categories"] += [
        {"id": "health", "name": "Health", "special_category": "health", "evidence": QUOTE},
        {"id": "faith", "name": "Faith", "special_category": "religious-or-philosophical-beliefs", "evidence": QUOTE},
        {"id": "record", "name": "Record", "criminal_offence": True, "evidence": QUOTE},
    ]
    data["activities"][0].update(activity)
    data["art30_5"]["exemption_applies"] = exemption
    if employees is not None:
        data["art30_5"]["employees"] = {"value": employees, "evidence": [{"quote": "Example AB"}]}
    return findings_of(write_variant(tmp_path, data)) - {MECHANISM}


USES_ALL = {"data_categories": {"value": ["email", "first-name", "health", "faith", "record"], "evidence": QUOTE}}


def test_special_and_criminal_data_without_a_condition_or_basis(tmp_path: Path) -> None:
    """Both errors name every category concerned, in the activity's order."""
    assert _sensitive(tmp_path, USES_ALL) == {
        "error[art9-condition-missing] activities[0].data_categories: "
        "special-category data (health, faith) need an Art. 9(2) condition: add `special_category_conditions`",
        "error[art10-basis-missing] activities[0].data_categories: "
        "criminal-offence data (record) need an Art. 10 basis: add `criminal_offence_basis`",
    }


def test_a_condition_and_basis_not_stated_are_warnings(tmp_path: Path) -> None:
    activity = {**USES_ALL, "special_category_conditions": {"not_stated": True}, "criminal_offence_basis": {"not_stated": True}}
    assert _sensitive(tmp_path, activity) == {
        "warning[art9-condition-not-stated] activities[0].special_category_conditions: "
        "the source gives no Art. 9(2) condition for special-category data (health, faith)",
        "warning[art10-basis-not-stated] activities[0].criminal_offence_basis: "
        "the source gives no Art. 10 basis for criminal-offence data (record)",
    }


def test_a_stated_condition_and_basis_satisfy_the_checks(tmp_path: Path) -> None:
    activity = {
        **USES_ALL,
        "special_category_conditions": [{"condition": "a-explicit-consent", "data_categories": ["health", "faith"], "evidence": QUOTE}],
        "criminal_offence_basis": {"basis": "official-authority", "evidence": QUOTE},
    }
    assert _sensitive(tmp_path, activity) == set()


def test_an_activity_without_sensitive_data_needs_no_condition(tmp_path: Path) -> None:
    """Unused sensitive categories in the registry only warn that they are unused."""
    assert _sensitive(tmp_path, {}) == {
        f"warning[unused-entry] data_categories[{i}].id: data_categories entry `{c}` is not used by any activity"
        for i, c in ((2, "health"), (3, "faith"), (4, "record"))
    }


def test_an_unknown_category_is_reported_once_and_needs_no_condition(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["data_categories"]["value"].append("helth")
    assert findings_of(write_variant(tmp_path, data)) - {MECHANISM} == {
        "error[unknown-reference] activities[0].data_categories.value[2]: `helth` is not in data_categories; add it to `data_categories`"
    }


EXEMPTION_SENSITIVE = (
    "error[art30-5-exemption] art30_5.exemption_applies: "
    "the Art. 30(5) exemption cannot apply: the register processes Art. 9 or Art. 10 data (health, faith, record)"
)


def test_the_exemption_cannot_be_claimed_with_art9_or_art10_data(tmp_path: Path) -> None:
    assert _sensitive(tmp_path, {**USES_ALL, "special_category_conditions": {"not_stated": True}}, exemption=True) >= {EXEMPTION_SENSITIVE}
    assert EXEMPTION_SENSITIVE not in _sensitive(tmp_path, {**USES_ALL, "special_category_conditions": {"not_stated": True}})


@pytest.mark.parametrize(
    ("employees", "exemption", "expected"),
    [
        (249, True, set()),
        (
            250,
            True,
            {"error[art30-5-exemption] art30_5.employees: the Art. 30(5) exemption is for fewer than 250 employees, not 250"},
        ),
        (
            4000,
            True,
            {"error[art30-5-exemption] art30_5.employees: the Art. 30(5) exemption is for fewer than 250 employees, not 4000"},
        ),
        (4000, False, set()),
    ],
)
def test_the_exemption_is_for_fewer_than_250_employees(tmp_path: Path, employees: int, exemption: bool, expected: set[str]) -> None:
    data = minimal_data()
    data["art30_5"]["exemption_applies"] = exemption
    data["art30_5"]["employees"] = {"value": employees, "evidence": [{"quote": "Example AB"}]}
    assert findings_of(write_variant(tmp_path, data)) - {MECHANISM} == expected


def test_a_processor_activity_names_its_controllers_and_matches_the_roles(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["role"] = "processor"
    assert findings_of(write_variant(tmp_path, data)) - {MECHANISM} == {
        "error[processor-controllers-missing] activities[0].role: "
        "a processor activity names the controllers it serves (Art. 30(2)(a)): add `controllers_served`",
        "error[role-mismatch] activities[0].role: activity role `processor` is not among the register's `roles`",
    }
    data["roles"] = ["controller", "processor"]
    data["activities"][0]["controllers_served"] = [{"name": "Client AB", "evidence": [{"quote": "Example AB"}]}]
    assert findings_of(write_variant(tmp_path, data)) - {MECHANISM} == set()


def test_every_purpose_is_checked_after_one_without_a_basis(tmp_path: Path) -> None:
    data = minimal_data()
    purpose = data["activities"][0]["purposes"][0]
    data["activities"][0]["purposes"] = [
        {**purpose, "lawful_basis": {"not_stated": True}},
        {**purpose, "lawful_basis": {"basis": "f-legitimate-interests", "evidence": QUOTE}},
    ]
    assert findings_of(write_variant(tmp_path, data)) - {MECHANISM} == {
        "error[legitimate-interest-missing] activities[0].purposes[1].lawful_basis.basis: "
        "Art. 6(1)(f) needs the interest pursued: add `legitimate_interest`"
    }


def test_several_criminal_categories_are_all_named(tmp_path: Path) -> None:
    data = minimal_data()
    data["data_categories"] += [RECORD_1, RECORD_2]
    data["activities"][0]["data_categories"]["value"] += ["record", "fines"]
    assert findings_of(write_variant(tmp_path, data)) - {MECHANISM} == {
        "error[art10-basis-missing] activities[0].data_categories: "
        "criminal-offence data (record, fines) need an Art. 10 basis: add `criminal_offence_basis`"
    }


RECORD_1 = {"id": "record", "name": "Record", "criminal_offence": True, "evidence": QUOTE}
RECORD_2 = {"id": "fines", "name": "Fines", "criminal_offence": True, "evidence": QUOTE}
