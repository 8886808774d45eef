"""The promises of issue 11: consent to disclosure, adequate countries, an own data centre, free-of-charge rights; claim scopes."""

from __future__ import annotations

import datetime as dt
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
SE = {"value": "SE", "evidence": [{"quote": "Stockholm, Sweden"}]}
DPF = "only organisations certified under the EU-US Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795)"


def _claim(data: dict[str, Any], kind: str, **more: Any) -> None:
    data["policy_claims"] = [{"kind": kind, "evidence": [{"quote": "All data is encrypted in transit."}], **more}]


def _contradiction(detail: str) -> str:
    return f"warning[policy-contradiction] policy_claims[0].kind: the policy promises {PROMISE}, but {detail}"


def _contradictions(path: Path) -> set[str]:
    return {f for f in findings_of(path) if "policy-contradiction" in f}


def _partner(data: dict[str, Any], rid: str, kind: str) -> None:
    data["recipients"].append({"id": rid, "name": rid.title(), "kind": kind, "country": SE, "evidence": [{"quote": "Storgatan 1"}]})
    data["activities"][0]["recipients"]["value"].append(rid)


# --- disclosure-only-with-consent ------------------------------------------------------------


def test_disclosure_only_with_consent_holds_for_an_activity_on_consent(tmp_path: Path) -> None:
    """The newsletter rests on consent: a partner it discloses to keeps the promise; processors never break it."""
    data = minimal_data()
    _claim(data, "disclosure-only-with-consent")
    _partner(data, "partner", "business-partner")
    assert _contradictions(write_variant(tmp_path, data)) == set()


def test_disclosure_only_with_consent_broken_by_third_parties_of_an_activity_without_consent(tmp_path: Path) -> None:
    """On legitimate interests, each affiliate, controller, partner, authority or court the activity discloses to is a warning; a processor is not."""
    data = minimal_data()
    _claim(data, "disclosure-only-with-consent")
    basis = data["activities"][0]["purposes"][0]["lawful_basis"]
    basis.update(basis="f-legitimate-interests", legitimate_interest="Keeping subscribers informed.")
    del basis["consent_withdrawal"]
    for rid, kind in [
        ("group", "affiliate"),
        ("bank", "independent-controller"),
        ("police", "public-authority"),
        ("host", "sub-processor"),
    ]:
        _partner(data, rid, kind)
    path = write_variant(tmp_path, data)
    assert _contradictions(path) == {
        _contradiction(
            f"activity `newsletter` discloses data to `{rid}` ({kind}) on f-legitimate-interests, not consent: "
            '"We send the newsletter with MailChimp"'
        )
        for rid, kind in [("group", "affiliate"), ("bank", "independent-controller"), ("police", "public-authority")]
    }
    related = sorted(f.related for f in validate_file(path).findings if f.code == "policy-contradiction")
    assert related == [(f"activities[0].recipients.value[{i}]",) for i in (1, 2, 3)]


def test_disclosure_without_a_stated_basis_is_no_consent(tmp_path: Path) -> None:
    """A basis the source leaves open shows no consent: the disclosure is named with 'no stated lawful basis'."""
    data = minimal_data()
    _claim(data, "disclosure-only-with-consent")
    data["activities"][0]["purposes"][0]["lawful_basis"] = {"not_stated": True}
    _partner(data, "partner", "business-partner")
    found = _contradictions(write_variant(tmp_path, data))
    assert found == {
        _contradiction(
            "activity `newsletter` discloses data to `partner` (business-partner) on no stated lawful basis, not consent: "
            '"We send the newsletter with MailChimp"'
        )
    }


# --- transfers-only-to-adequate-countries -----------------------------------------------------


def test_adequate_countries_broken_by_a_us_transfer_to_an_uncertified_recipient(tmp_path: Path) -> None:
    """In 2025 the US is adequate only for DPF-certified recipients: the transfer breaks the promise (the storage there is judged with it)."""
    data = minimal_data()
    _claim(data, "transfers-only-to-adequate-countries")
    path = write_variant(tmp_path, data)
    assert findings_of(path) == {
        MECHANISM,
        _contradiction(
            f"activity `newsletter` records a transfer to United States, where on 2025-06-01 an adequacy decision covers {DPF}, "
            f"which the register does not state of `mailchimp`: {MAILCHIMP_USA}"
        ),
    }
    assert [f.related for f in validate_file(path).findings if f.code == "policy-contradiction"] == [("activities[0].transfers[0]",)]


def test_adequate_countries_hold_for_a_certified_recipient_and_an_adequate_country(tmp_path: Path) -> None:
    """A DPF-certified US recipient and storage in Switzerland (adequate) keep the promise."""
    data = minimal_data()
    _claim(data, "transfers-only-to-adequate-countries")
    data["recipients"][0]["dpf_certified"] = {"value": True, "evidence": [{"quote": "MailChimp"}]}
    data["activities"][0]["storage_location"].append(
        {"description": "Backup in Zurich", "country": "CH", "evidence": [{"quote": "MailChimp"}]}
    )
    assert _contradictions(write_variant(tmp_path, data)) == set()


def test_adequate_countries_broken_by_a_recipient_and_storage_without_a_transfer(tmp_path: Path) -> None:
    """With no transfer recorded, the recipient in the US and the storage in India are each judged by their country."""
    data = minimal_data()
    _claim(data, "transfers-only-to-adequate-countries")
    act = data["activities"][0]
    act["transfers"] = {"not_stated": True}
    act["storage_location"] = [{"description": "Mumbai", "country": "IN", "evidence": [{"quote": "MailChimp"}]}]
    assert _contradictions(write_variant(tmp_path, data)) == {
        _contradiction('activity `newsletter` stores data in India, which no adequacy decision covers on 2025-06-01: "MailChimp"'),
        _contradiction(
            f"recipient `mailchimp` is in United States, where on 2025-06-01 an adequacy decision covers {DPF}, "
            f"which the register does not state of `mailchimp`: {MAILCHIMP_USA}"
        ),
    }


def test_adequate_countries_in_2017_hold_for_a_privacy_shield_transfer_only(tmp_path: Path) -> None:
    """In 2017 the Privacy Shield was an adequacy decision for certified organisations: a transfer stated to rest on it keeps the promise."""
    data = minimal_data()
    _claim(data, "transfers-only-to-adequate-countries")
    data["register"]["date"] = dt.date(2017, 10, 7)
    data["register"]["last_reviewed"]["value"] = dt.date(2017, 10, 1)
    transfer = data["activities"][0]["transfers"][0]
    transfer["mechanism"] = {"mechanism": "privacy-shield-2016-1250", "evidence": [{"quote": "MailChimp"}]}
    assert _contradictions(write_variant(tmp_path, data)) == set()
    transfer["mechanism"] = {"mechanism": "art46-2-c-standard-contractual-clauses", "evidence": [{"quote": "MailChimp"}]}
    assert _contradictions(write_variant(tmp_path, data)) == {
        _contradiction(
            "activity `newsletter` records a transfer to United States, where on 2017-10-07 an adequacy decision covers only "
            "organisations certified under the Privacy Shield (Commission Implementing Decision (EU) 2016/1250), which the register "
            f"does not state of `mailchimp`: {MAILCHIMP_USA}"
        )
    }


def test_an_unnamed_destination_breaks_the_promise_only_on_a_ground_other_than_adequacy(tmp_path: Path) -> None:
    """With no country named and no ground, nothing can be judged; standard clauses say the country is not adequate."""
    data = minimal_data()
    _claim(data, "transfers-only-to-adequate-countries")
    data["recipients"][0]["country"] = SE
    act = data["activities"][0]
    act["storage_location"] = {"not_stated": True}
    act["transfers"] = [
        {"unnamed_destination": "abroad", "mechanism": {"not_stated": True}, "evidence": [{"quote": "MailChimp"}]},
        {
            "unnamed_destination": "outside the EU",
            "mechanism": {"mechanism": "art46-2-c-standard-contractual-clauses", "evidence": [{"quote": "MailChimp"}]},
            "evidence": [{"quote": "MailChimp"}],
        },
    ]
    assert _contradictions(write_variant(tmp_path, data)) == {
        _contradiction(
            "activity `newsletter` records a transfer to 'outside the EU' on art46-2-c-standard-contractual-clauses, "
            'not an adequacy decision: "MailChimp"'
        )
    }


# --- data-stay-in-own-data-centre -------------------------------------------------------------


def test_own_data_centre_broken_by_a_processor_a_hosted_place_and_a_transfer(tmp_path: Path) -> None:
    """The processor is named once (not again for the storage it hosts); a place another party hosts and the transfer each break it."""
    data = minimal_data()
    _claim(data, "data-stay-in-own-data-centre")
    data["recipients"].append({"id": "dc", "name": "Datacentre", "kind": "other", "country": SE, "evidence": [{"quote": "Storgatan 1"}]})
    data["activities"][0]["storage_location"].append(
        {"description": "Rented racks", "country": "SE", "recipient": "dc", "evidence": [{"quote": "Storgatan 1"}]}
    )
    assert _contradictions(write_variant(tmp_path, data)) == {
        _contradiction('names `mailchimp` (processor) as a recipient: "We send the newsletter with MailChimp"'),
        _contradiction(f"activity `newsletter` records a transfer to United States: {MAILCHIMP_USA}"),
        _contradiction('activity `newsletter` stores data at `dc` (other): "Storgatan 1"'),
    }


def test_own_data_centre_holds_without_processors_transfers_or_hosts(tmp_path: Path) -> None:
    """Data kept in the controller's own place, with no processor, keep the promise."""
    data = minimal_data()
    _claim(data, "data-stay-in-own-data-centre")
    data["recipients"][0]["kind"] = "business-partner"
    act = data["activities"][0]
    act["transfers"] = {"none": True, "evidence": [{"quote": "All data is encrypted in transit."}]}
    act["storage_location"] = [{"description": "Own servers", "country": "SE", "evidence": [{"quote": "Storgatan 1"}]}]
    assert _contradictions(write_variant(tmp_path, data)) == set()


# --- scope: the activities a claim names ------------------------------------------------------


def test_a_claim_naming_activities_is_checked_against_theirs_only(tmp_path: Path) -> None:
    """A promise about the newsletter is not broken by another activity's processor or transfer; an unknown activity is an error."""
    data = minimal_data()
    second = {**data["activities"][0], "id": "second", "recipients": {"not_stated": True}, "storage_location": {"not_stated": True}}
    data["activities"].append(second)
    data["activities"][0]["transfers"] = {"none": True, "evidence": [{"quote": "All data is encrypted in transit."}]}
    data["activities"][0]["storage_location"] = [{"description": "Own servers", "evidence": [{"quote": "Storgatan 1"}]}]
    data["activities"][0]["recipients"] = {"none": True, "evidence": [{"quote": "All data is encrypted in transit."}]}
    _claim(data, "data-stay-in-own-data-centre", activities=["newsletter"])
    found = _contradictions(write_variant(tmp_path, data))
    assert found == set()  # mailchimp is named only by `second`, whose transfer is outside the claim too
    _claim(data, "data-stay-in-own-data-centre", activities=["second"])
    found = _contradictions(write_variant(tmp_path, data))
    assert found == {
        _contradiction('names `mailchimp` (processor) as a recipient: "We send the newsletter with MailChimp"'),
        _contradiction(f"activity `second` records a transfer to United States: {MAILCHIMP_USA}"),
    }
    _claim(data, "data-stay-in-own-data-centre", activities=["secnd"])
    assert "error[unknown-reference] policy_claims[0].activities[0]: `secnd` is not in activities; did you mean `second`?" in findings_of(
        write_variant(tmp_path, data)
    )


# --- rights-free-of-charge: the limits of Art. 12(5) ------------------------------------------


def test_rights_free_of_charge_holds_without_limits_and_warns_on_each_limit(tmp_path: Path) -> None:
    """The promise itself draws nothing; a limit ('once a year') is a warning citing Art. 12(5), placed on the limit."""
    data = minimal_data()
    _claim(data, "rights-free-of-charge")
    assert not {f for f in findings_of(write_variant(tmp_path, data)) if "policy_claims" in f}
    _claim(
        data,
        "rights-free-of-charge",
        limits=[{"description": "unsubscribing is free once a year", "evidence": [{"quote": "You can unsubscribe at any time"}]}],
    )
    path = write_variant(tmp_path, data)
    assert {f for f in findings_of(path) if "policy_claims" in f} == {
        f"warning[rights-charge-limited] policy_claims[0].limits[0]: the policy promises {PROMISE}, but limits it: "
        'unsubscribing is free once a year ("You can unsubscribe at any time"); Art. 12(5) allows a fee or a refusal only '
        "for manifestly unfounded or excessive requests, which the controller must show"
    }


def test_a_limit_on_another_claim_and_an_other_claim_draw_nothing(tmp_path: Path) -> None:
    """Limits are checked only where the law bounds them (Art. 12(5)); an `other` promise is shown, not checked."""
    data = minimal_data()
    data["policy_claims"] = [
        {"kind": "other", "evidence": [{"quote": "All data is encrypted in transit."}]},
        {
            "kind": "disclosure-only-with-consent",
            "evidence": [{"quote": "All data is encrypted in transit."}],
            "limits": [{"description": "unless the law requires it", "evidence": [{"quote": "Storgatan 1"}]}],
        },
    ]
    assert {f for f in findings_of(write_variant(tmp_path, data)) if "policy_claims" in f} == set()


def test_a_limit_needs_its_quote(tmp_path: Path) -> None:
    """A limit without evidence is refused: the restriction must be the source's, not the encoder's."""
    data = minimal_data()
    _claim(data, "rights-free-of-charge", limits=[{"description": "once a year", "evidence": []}])
    assert any(f.startswith("error[") and "limits[0].evidence" in f for f in findings_of(write_variant(tmp_path, data)))


def test_a_scoped_claim_meets_organisation_wide_transfers_through_the_activities_that_inherit_them(tmp_path: Path) -> None:
    """A transfer in `defaults` is named once, as the defaults'; a claim about an activity that states its own transfers does not meet it."""
    data = minimal_data()
    first = data["activities"][0]
    data["defaults"] = {"transfers": first.pop("transfers")}
    data["activities"].append({**first, "id": "second", "transfers": {"none": True, "evidence": [{"quote": "MailChimp"}]}})
    data["recipients"][0]["kind"] = "business-partner"
    for act in data["activities"]:
        act["storage_location"] = {"not_stated": True}
    transfer = _contradiction(f"the organisation-wide `defaults` records a transfer to United States: {MAILCHIMP_USA}")
    _claim(data, "data-stay-in-own-data-centre", activities=["newsletter"])
    assert _contradictions(write_variant(tmp_path, data)) == {transfer}
    _claim(data, "data-stay-in-own-data-centre", activities=["second"])
    assert _contradictions(write_variant(tmp_path, data)) == set()
    _claim(data, "data-stay-in-own-data-centre")
    assert _contradictions(write_variant(tmp_path, data)) == {transfer}


def test_a_scoped_claim_meets_the_recipients_holding_a_copy_of_its_activities_data(tmp_path: Path) -> None:
    """A recipient an activity names only as the holder of a copy (`retention[].held_by`) is one of its recipients for a
    claim about it, as every output counts it (ropa.reporting.recipient_use)."""
    data = minimal_data()
    first = data["activities"][0]
    rule = {"period": "P1Y", "held_by": ["mailchimp"], "evidence": [{"quote": "We send the newsletter with MailChimp"}]}
    data["activities"].append(
        {
            **first,
            "id": "second",
            "recipients": {"none": True, "evidence": [{"quote": "All data is encrypted in transit."}]},
            "transfers": {"none": True, "evidence": [{"quote": "All data is encrypted in transit."}]},
            "storage_location": {"not_stated": True},
            "retention": [rule],
        }
    )
    _claim(data, "data-stay-in-own-data-centre", activities=["second"])
    assert _contradictions(write_variant(tmp_path, data)) == {
        _contradiction('names `mailchimp` (processor) as a recipient: "We send the newsletter with MailChimp"')
    }
