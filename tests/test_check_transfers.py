"""Chapter V: each transfer's ground checked on the register's date, in the words a DPO reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ropa.reference.adequacy import table
from tests.conftest import findings_of, minimal_data, write_variant

QUOTE = [{"quote": "MailChimp, whose servers are in the USA"}]
TABLE_DATE = "(table valid as of 2026-11-01)"


def _shield_historical(day: str) -> str:
    return (
        "warning[privacy-shield-historical] activities[0].transfers[0].mechanism.mechanism: "
        f"the EU-US Privacy Shield was valid on {day} but was invalidated on 2020-07-16 (C-311/18); it is no ground for a transfer today"
    )


def _transfer(tmp_path: Path, transfer: dict[str, Any], *, date: str = "2025-06-01", recipient: dict[str, Any] | None = None) -> set[str]:
    """The findings for the minimal register with one transfer (to MailChimp unless the transfer says otherwise)."""
    data = minimal_data()
    data["register"]["date"] = dt.date.fromisoformat(date)
    data["recipients"][0].update(recipient or {})
    data["activities"][0]["transfers"] = [{"recipient": "mailchimp", "evidence": QUOTE, **transfer}]
    data["activities"][0]["storage_location"] = {"not_stated": True}
    return findings_of(write_variant(tmp_path, data))


def _mechanism(name: str, **more: Any) -> dict[str, Any]:
    return {"mechanism": name, "evidence": QUOTE, **more}


def test_unnamed_destination(tmp_path: Path) -> None:
    found = _transfer(
        tmp_path, {"unnamed_destination": "outside the EEA", "mechanism": _mechanism("art46-2-c-standard-contractual-clauses")}
    )
    assert found == {
        "warning[transfer-destination-not-stated] activities[0].transfers[0].unnamed_destination: "
        "the source says data may go 'outside the EEA' but names no country (Art. 30(1)(e))"
    }


def test_a_destination_in_the_eea_is_not_a_transfer(tmp_path: Path) -> None:
    found = _transfer(
        tmp_path, {"country": "DE", "mechanism": {"not_stated": True}}, recipient={"country": {"value": "DE", "evidence": QUOTE}}
    )
    assert found == {
        "warning[transfer-inside-eea] activities[0].transfers[0].country: Germany is in the EEA: this is not a third-country transfer"
    }


def test_no_mechanism_names_the_destination(tmp_path: Path) -> None:
    found = _transfer(tmp_path, {"organisation": "World Health Organization", "mechanism": {"not_stated": True}})
    assert found == {
        "warning[transfer-mechanism-not-stated] activities[0].transfers[0].mechanism: "
        "transfer to World Health Organization: the source states no transfer mechanism (Art. 44-49)"
    }


def test_adequacy_where_no_decision_covers_the_country(tmp_path: Path) -> None:
    found = _transfer(
        tmp_path,
        {"country": "CN", "mechanism": _mechanism("art45-adequacy-decision")},
        recipient={"country": {"value": "CN", "evidence": QUOTE}},
    )
    assert found == {
        "error[adequacy-not-available] activities[0].transfers[0].mechanism.mechanism: "
        f"no adequacy decision covers China on 2025-06-01 {TABLE_DATE}"
    }


@pytest.mark.parametrize(("date", "covered"), [("2024-12-31", False), ("2025-01-01", True)])
def test_adequacy_for_an_international_organisation_from_its_first_day(tmp_path: Path, date: str, covered: bool) -> None:
    found = _transfer(
        tmp_path, {"organisation": "European  Patent Organisation", "mechanism": _mechanism("art45-adequacy-decision")}, date=date
    )
    expected = (
        set()
        if covered
        else {
            "error[adequacy-not-available] activities[0].transfers[0].mechanism.mechanism: "
            f"no adequacy decision covers European  Patent Organisation on {date} {TABLE_DATE}"
        }
    )
    assert found == expected


DPF = (
    "error[adequacy-not-available] activities[0].transfers[0].mechanism.mechanism: adequacy for United States covers only recipients "
    "certified under the EU-US Data Privacy Framework: state the recipient's `dpf_certified` or another mechanism"
)


@pytest.mark.parametrize(
    ("recipient", "certified"),
    [
        ({}, False),
        ({"dpf_certified": {"value": False, "evidence": QUOTE}}, False),
        ({"dpf_certified": {"not_stated": True}}, False),
        ({"dpf_certified": {"value": True, "evidence": QUOTE}}, True),
    ],
)
def test_us_adequacy_only_for_a_recipient_stated_to_be_dpf_certified(tmp_path: Path, recipient: dict[str, Any], certified: bool) -> None:
    found = _transfer(tmp_path, {"country": "US", "mechanism": _mechanism("art45-adequacy-decision")}, recipient=recipient)
    assert found == (set() if certified else {DPF})


def test_us_adequacy_without_a_named_recipient(tmp_path: Path) -> None:
    found = _transfer(tmp_path, {"country": "US", "recipient": None, "mechanism": _mechanism("art45-adequacy-decision")})
    assert found == {
        DPF,
        "warning[recipient-abroad-no-transfer] activities[0].recipients.value[0]: "
        "recipient `mailchimp` is in United States (outside the EEA) but the activity records no transfer to it",
    }


def test_us_adequacy_before_the_data_privacy_framework(tmp_path: Path) -> None:
    found = _transfer(tmp_path, {"country": "US", "mechanism": _mechanism("art45-adequacy-decision")}, date="2023-07-09")
    assert found == {
        "error[adequacy-not-available] activities[0].transfers[0].mechanism.mechanism: "
        f"no adequacy decision covers United States on 2023-07-09 {TABLE_DATE}"
    }


def _shield_suggested(day: str) -> str:
    return (
        "error[adequacy-not-available] activities[0].transfers[0].mechanism.mechanism: "
        f"on {day} transfers to United States rested on the EU-US Privacy Shield (Decision (EU) 2016/1250), not on a general "
        "adequacy decision: if the recipient was certified under it, state its `privacy_shield_certified` or "
        "`mechanism: privacy-shield-2016-1250`"
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2016-08-01", _shield_suggested("2016-08-01")),
        ("2019-05-01", _shield_suggested("2019-05-01")),
        ("2020-07-15", _shield_suggested("2020-07-15")),
        (
            "2020-07-16",
            "error[adequacy-not-available] activities[0].transfers[0].mechanism.mechanism: "
            f"no adequacy decision covers United States on 2020-07-16 {TABLE_DATE}",
        ),
    ],
)
def test_us_adequacy_while_the_privacy_shield_was_in_force_suggests_it(tmp_path: Path, date: str, expected: str) -> None:
    """A register dated before the Schrems II judgment names the mechanism the US transfer then rested on."""
    assert _transfer(tmp_path, {"country": "US", "mechanism": _mechanism("art45-adequacy-decision")}, date=date) == {expected}


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (
            "2016-07-31",
            "error[privacy-shield-invalid] activities[0].transfers[0].mechanism.mechanism: the EU-US Privacy Shield was not in force on "
            "2016-07-31 (Decision (EU) 2016/1250, invalidated on 2020-07-16 by C-311/18)",
        ),
        ("2016-08-01", _shield_historical("2016-08-01")),
        ("2020-07-15", _shield_historical("2020-07-15")),
        (
            "2020-07-16",
            "error[privacy-shield-invalid] activities[0].transfers[0].mechanism.mechanism: the EU-US Privacy Shield was not in force on "
            "2020-07-16 (Decision (EU) 2016/1250, invalidated on 2020-07-16 by C-311/18)",
        ),
    ],
)
def test_privacy_shield_valid_then_invalid_today(tmp_path: Path, date: str, expected: str) -> None:
    """Valid from its first day to the day before the judgment: a warning then, an error before and after (the recipient
    stated to be certified under it while it counted)."""
    certified = {"privacy_shield_certified": {"value": True, "evidence": QUOTE}} if "historical" in expected else {}
    found = _transfer(tmp_path, {"country": "US", "mechanism": _mechanism("privacy-shield-2016-1250")}, date=date, recipient=certified)
    assert found == {expected}


COMPELLING = "art49-1-second-subparagraph-compelling-legitimate-interests"


def test_compelling_interests_need_documentation(tmp_path: Path) -> None:
    assert _transfer(tmp_path, {"country": "US", "mechanism": _mechanism(COMPELLING)}) == {
        "error[transfer-documentation-missing] activities[0].transfers[0].mechanism.documentation: Art. 30(1)(e): a transfer under the "
        "second subparagraph of Art. 49(1) needs the documentation of suitable safeguards: add `documentation`"
    }
    assert _transfer(tmp_path, {"country": "US", "mechanism": _mechanism(COMPELLING, documentation="Assessment file 12.")}) == set()


@pytest.mark.parametrize(
    "mechanism", ["art46-2-c-standard-contractual-clauses", "art49-1-a-explicit-consent", "art46-2-b-binding-corporate-rules"]
)
def test_other_mechanisms_need_no_documentation(tmp_path: Path, mechanism: str) -> None:
    assert _transfer(tmp_path, {"country": "US", "mechanism": _mechanism(mechanism)}) == set()


def _recipients(tmp_path: Path, country: dict[str, Any], transfers: Any) -> set[str]:
    data = minimal_data()
    data["recipients"][0]["country"] = country
    data["activities"][0]["transfers"] = transfers
    data["activities"][0]["storage_location"] = {"not_stated": True}
    return findings_of(write_variant(tmp_path, data))


ABROAD = (
    "warning[recipient-abroad-no-transfer] activities[0].recipients.value[0]: "
    "recipient `mailchimp` is in India (outside the EEA) but the activity records no transfer to it"
)


def test_a_recipient_abroad_without_a_transfer(tmp_path: Path) -> None:
    india = {"value": "IN", "evidence": QUOTE}
    assert _recipients(tmp_path, india, {"not_stated": True}) == {ABROAD}
    other = [{"country": "IN", "mechanism": _mechanism("art49-1-a-explicit-consent"), "evidence": QUOTE}]
    assert _recipients(tmp_path, india, other) == {ABROAD}
    covered = [{"country": "IN", "recipient": "mailchimp", "mechanism": _mechanism("art49-1-a-explicit-consent"), "evidence": QUOTE}]
    assert _recipients(tmp_path, india, covered) == set()


def test_a_recipient_in_the_eea_or_of_unknown_country_needs_no_transfer(tmp_path: Path) -> None:
    assert _recipients(tmp_path, {"value": "FR", "evidence": QUOTE}, {"not_stated": True}) == set()
    assert _recipients(tmp_path, {"not_stated": True}, {"not_stated": True}) == set()


def test_recipients_not_stated_are_not_checked(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["recipients"] = {"not_stated": True}
    data["activities"][0]["transfers"] = {"not_stated": True}
    data["activities"][0]["storage_location"] = {"not_stated": True}
    assert findings_of(write_variant(tmp_path, data)) == {
        "warning[unused-entry] recipients[0].id: recipients entry `mailchimp` is not used by any activity"
    }


@pytest.mark.parametrize(
    ("destination", "first", "last"),
    [("JP", "2019-01-23", None), ("GB", "2021-06-28", "2031-12-27"), ("US", "2016-08-01", "2020-07-15")],
)
def test_adequacy_decisions_apply_from_their_first_to_their_last_day(destination: str, first: str, last: str | None) -> None:
    """`from` is the first day a decision applies; `until` is the first day it no longer does."""
    start = dt.date.fromisoformat(first)
    assert table().find(destination, start - dt.timedelta(days=1)) == []
    assert [d.start for d in table().find(destination, start)] == [start]
    if last is not None:
        end = dt.date.fromisoformat(last)
        assert table().find(destination, end) != []
        assert table().find(destination, end + dt.timedelta(days=1)) == []


def test_the_adequacy_table_reads_every_column() -> None:
    shield = [d for d in table().decisions if d.condition == "privacy-shield"]
    assert len(shield) == 1
    (row,) = shield
    assert (row.destination, row.start, row.until, row.reference) == (
        "US",
        dt.date(2016, 8, 1),
        dt.date(2020, 7, 16),
        "Commission Implementing Decision (EU) 2016/1250",
    )
    assert row.name.startswith("United States (EU-US Privacy Shield")
    assert row.scope == "only organisations certified under the Privacy Shield"
    japan = table().find("JP", dt.date(2025, 1, 1))
    assert [(d.name, d.until, d.condition) for d in japan] == [("Japan", None, None)]
    assert table().valid_as_of == dt.date(2026, 11, 1)


def test_every_transfer_of_an_activity_is_checked(tmp_path: Path) -> None:
    """A transfer that is reported does not stop the check of the next one."""
    data = minimal_data()
    data["activities"][0]["storage_location"] = {"not_stated": True}
    data["activities"][0]["transfers"] = [
        {"unnamed_destination": "abroad", "mechanism": {"not_stated": True}, "evidence": QUOTE},
        {"country": "DE", "mechanism": {"not_stated": True}, "evidence": QUOTE},
        {"country": "CN", "mechanism": {"not_stated": True}, "evidence": QUOTE},
        {"country": "US", "recipient": "mailchimp", "mechanism": _mechanism("privacy-shield-2016-1250"), "evidence": QUOTE},
    ]
    assert findings_of(write_variant(tmp_path, data)) == {
        "warning[transfer-destination-not-stated] activities[0].transfers[0].unnamed_destination: "
        "the source says data may go 'abroad' but names no country (Art. 30(1)(e))",
        "warning[transfer-inside-eea] activities[0].transfers[1].country: Germany is in the EEA: this is not a third-country transfer",
        "warning[transfer-mechanism-not-stated] activities[0].transfers[2].mechanism: "
        "transfer to CN: the source states no transfer mechanism (Art. 44-49)",
        "error[privacy-shield-invalid] activities[0].transfers[3].mechanism.mechanism: the EU-US Privacy Shield was not in force on "
        "2025-06-01 (Decision (EU) 2016/1250, invalidated on 2020-07-16 by C-311/18)",
    }


def test_every_activity_is_checked_for_recipients_abroad(tmp_path: Path) -> None:
    data = minimal_data()
    first = {**data["activities"][0], "id": "first", "recipients": {"not_stated": True}, "transfers": {"not_stated": True}}
    second = {**data["activities"][0], "id": "second", "transfers": {"not_stated": True}}
    data["activities"] = [first, second]
    assert findings_of(write_variant(tmp_path, data)) == {
        "warning[recipient-abroad-no-transfer] activities[1].recipients.value[0]: "
        "recipient `mailchimp` is in United States (outside the EEA) but the activity records no transfer to it"
    }
