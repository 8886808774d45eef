"""A policy's promises against its own details: each kind of breach, with the words a DPO reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ropa.validate import validate_file
from tests.conftest import findings_of, minimal_data, write_variant

MECHANISM = (
    "warning[transfer-mechanism-not-stated] activities[0].transfers[0].mechanism: "
    "transfer to US: the source states no transfer mechanism (Art. 44-49)"
)
PROMISE = '"All data is encrypted in transit."'
MAILCHIMP_USA = '"MailChimp, whose servers are in the USA"'


def _claim(data: dict[str, Any], kind: str, quote: str = "All data is encrypted in transit.") -> None:
    data["policy_claims"] = [{"kind": kind, "evidence": [{"quote": quote}]}]


def _contradiction(detail: str) -> str:
    return f"warning[policy-contradiction] policy_claims[0].kind: the policy promises {PROMISE}, but {detail}"


def test_data_stay_in_eea_against_a_recipient_a_transfer_and_a_storage_place_abroad(tmp_path: Path) -> None:
    """Each detail that puts data outside the EEA is its own warning, quoting the promise and the detail."""
    data = minimal_data()
    _claim(data, "data-stay-in-eea")
    path = write_variant(tmp_path, data)
    assert findings_of(path) == {
        MECHANISM,
        _contradiction(f"recipient `mailchimp` is in United States: {MAILCHIMP_USA}"),
        _contradiction(f"activity `newsletter` records a transfer to United States: {MAILCHIMP_USA}"),
        _contradiction(f"activity `newsletter` stores data in United States: {MAILCHIMP_USA}"),
    }
    related = {f.related for f in validate_file(path).findings if f.code == "policy-contradiction"}
    assert related == {("recipients[0].country",), ("activities[0].transfers[0]",), ("activities[0].storage_location[0]",)}


def test_data_stay_in_eea_holds_when_everything_is_in_the_eea(tmp_path: Path) -> None:
    """A recipient, transfer-free activity and storage inside the EEA (or of unknown country) keep the promise."""
    data = minimal_data()
    _claim(data, "data-stay-in-eea")
    data["recipients"][0]["country"]["value"] = "DE"
    act = data["activities"][0]
    act["transfers"] = {"none": True, "evidence": [{"quote": "All data is encrypted in transit."}]}
    act["storage_location"] = [
        {"description": "Frankfurt", "country": "DE", "evidence": [{"quote": "MailChimp"}]},
        {"description": "Somewhere", "evidence": [{"quote": "MailChimp"}]},
    ]
    assert findings_of(write_variant(tmp_path, data)) == set()


def test_a_recipient_country_without_its_own_quote_is_shown_with_the_recipients_quote(tmp_path: Path) -> None:
    """When the country has no quote, the warning quotes the recipient entry instead."""
    data = minimal_data()
    _claim(data, "data-stay-in-eea")
    data["recipients"][0]["country"]["evidence"] = []
    data["activities"][0]["transfers"] = {"not_stated": True}
    data["activities"][0]["storage_location"] = {"not_stated": True}
    assert findings_of(write_variant(tmp_path, data)) == {
        "warning[evidence-missing] recipients[0].country: no evidence supports this fact: add a quote of a source (`quote: ...`) or who stated it (`attested_by: ...`, `date: ...`)",
        "warning[recipient-abroad-no-transfer] activities[0].recipients.value[0]: "
        "recipient `mailchimp` is in United States (outside the EEA) but the activity records no transfer to it",
        _contradiction('recipient `mailchimp` is in United States: "We send the newsletter with MailChimp"'),
    }


def test_transfers_to_an_organisation_or_an_unnamed_place_break_the_promise(tmp_path: Path) -> None:
    """A transfer to an international organisation or to a place the source does not name is outside the EEA too."""
    data = minimal_data()
    _claim(data, "data-stay-in-eea")
    data["recipients"][0]["country"]["value"] = "SE"
    act = data["activities"][0]
    act["storage_location"] = {"not_stated": True}
    act["transfers"] = [
        {"organisation": "European Patent Organisation", "mechanism": {"not_stated": True}, "evidence": []},
        {
            "unnamed_destination": "servers outside the EU",
            "mechanism": {"not_stated": True},
            "evidence": [{"quote": "  MailChimp,\n whose"}],
        },
    ]
    found = {f for f in findings_of(write_variant(tmp_path, data)) if "policy-contradiction" in f}
    assert found == {
        _contradiction("activity `newsletter` records a transfer to 'European Patent Organisation': (no quote)"),
        _contradiction("activity `newsletter` records a transfer to 'servers outside the EU': \"MailChimp, whose\""),
    }


def test_no_disclosure_to_third_parties_against_an_independent_controller_and_a_partner(tmp_path: Path) -> None:
    """Independent controllers and business partners are third parties; processors are not."""
    data = minimal_data()
    _claim(data, "no-disclosure-to-third-parties")
    base = {"country": {"value": "SE", "evidence": [{"quote": "Stockholm, Sweden"}]}, "evidence": [{"quote": "Storgatan 1"}]}
    data["recipients"] += [
        {"id": "bank", "name": "Bank", "kind": "independent-controller", **base},
        {"id": "partner", "name": "Partner", "kind": "business-partner", **base},
        {"id": "host", "name": "Host", "kind": "sub-processor", **base},
    ]
    data["activities"][0]["recipients"]["value"] += ["bank", "partner", "host"]
    assert findings_of(write_variant(tmp_path, data)) == {
        MECHANISM,
        _contradiction('names `bank` (independent-controller) as a recipient: "Storgatan 1"'),
        _contradiction('names `partner` (business-partner) as a recipient: "Storgatan 1"'),
    }


def _automated(decision: bool) -> dict[str, Any]:
    return {
        "profiling": True,
        "automated_decision": decision,
        "description": "Scoring.",
        "evidence": [{"quote": "we use your e-mail address"}],
    }


def test_no_automated_decisions_against_an_activity_that_makes_them(tmp_path: Path) -> None:
    """An activity recording solely automated decisions breaks a promise that there are none."""
    data = minimal_data()
    _claim(data, "no-automated-decisions")
    data["activities"][0]["automated_decisions"] = _automated(True)
    path = write_variant(tmp_path, data)
    assert findings_of(path) == {
        MECHANISM,
        _contradiction('activity `newsletter` records automated decisions: "we use your e-mail address"'),
        # the DPIA screening (Art. 35) counts the same profiling and automated decision as two WP248 criteria
        "warning[dpia-likely-required] activities[0].dpia: 2 of the nine WP248 criteria are met and no DPIA is recorded: "
        "evaluation-or-scoring (profiling; \u201cwe use your e-mail address\u201d); "
        "automated-decision (automated decision; \u201cwe use your e-mail address\u201d); not judged, not stated: "
        "systematic-monitoring, sensitive-data, large-scale, combined-datasets, vulnerable-subjects, "
        "innovative-technology, prevents-right-or-service",
    }
    assert [f.related for f in validate_file(path).findings if f.code == "policy-contradiction"] == [("activities[0].automated_decisions",)]


def test_no_automated_decisions_holds_for_profiling_alone_and_for_unstated_points(tmp_path: Path) -> None:
    """Profiling without an automated decision, or a point the source leaves open, keeps the promise."""
    data = minimal_data()
    _claim(data, "no-automated-decisions")
    data["activities"].append({**data["activities"][0], "id": "second", "automated_decisions": _automated(False)})
    assert findings_of(write_variant(tmp_path, data)) == {
        MECHANISM,
        MECHANISM.replace("activities[0]", "activities[1]"),
    }
