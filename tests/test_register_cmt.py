"""The CMT Konsult AB register: it validates, and it encodes what the privacy policy says."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.model import Register
from ropa.model.enums import ProvisionRequirement
from ropa.model.markers import Fact, NotStated, quotes_of
from ropa.model.provision import ProvisionStatement
from ropa.model.registries import Recipient
from ropa.validate import Outcome
from tests.conftest import folded

REGISTER = Path(__file__).parent.parent / "policies" / "cmt" / "register.yaml"

# The purposes the policy names, as phrases, and the activity each maps to (with a key phrase of its evidence).
PURPOSES: list[tuple[str, str, str]] = [
    ("contact form / e-mail", "contact-enquiries", "After filling out the contact form"),
    ("newsletter", "newsletter", "provide you with our newsletter"),
    ("user account and billing", "user-accounts-billing", "billing you for the same"),
    ("customer support", "customer-support", "reacting to a support ticket"),
    ("aggregated data sharing", "aggregated-data-sharing", "may be shared with our business partners"),
    ("analytics cookies (Google Analytics)", "analytics-cookies", "monitor traffic patterns"),
    ("necessary cookies (Umbraco)", "necessary-cookies", "prevent misuse of our forms"),
    ("legal and regulatory disclosure", "legal-disclosure", "comply with the law"),
]

# Activities that disclose to the third parties "described above" (related bodies corporate, service providers),
# and which of them each discloses to: each such disclosure carries an 'outside of Sweden' transfer.
OUTSIDE_SWEDEN: dict[str, set[str]] = {
    "contact-enquiries": {"related-bodies-corporate", "service-providers"},
    "newsletter": {"related-bodies-corporate", "service-providers"},
    "user-accounts-billing": {"related-bodies-corporate", "service-providers"},
    "customer-support": {"related-bodies-corporate", "service-providers"},
    "legal-disclosure": {"service-providers"},
}

# Named third parties: recipient id, a word of its name, and the country the policy states (None: not stated).
RECIPIENTS: list[tuple[str, str, str | None]] = [
    ("microsoft-office-365", "Microsoft Office 365", "IE"),
    ("mailchimp", "MailChimp", "US"),
    ("stockholm-datacenter", "Stockholm", "SE"),
    ("google-analytics", "Google Analytics", None),
    ("umbraco", "Umbraco", None),
    ("related-bodies-corporate", "Related bodies corporate", None),
    ("service-providers", "Service providers", None),
    ("user-associated-service-providers", "associated service providers", None),
    ("business-partners", "Business partners", None),
    ("law-agencies", "Law agencies", None),
]


def test_validates_without_errors(outcome: Outcome) -> None:
    """The register has no errors."""
    assert outcome.errors == [], [f"{f.line}: {f.code} {f.message}" for f in outcome.errors]


def test_warning_codes_are_pinned(outcome: Outcome) -> None:
    """MailChimp's US transfer has no mechanism; the 'outside of Sweden' transfers name no country; no review date. The Art. 13(2)(e)
    statement on the Umbraco cookies stands on observed data, which Art. 13 covers (WP260 rev.01, para. 26): no warning."""
    assert {f.code for f in outcome.findings if not f.is_error} == {
        "transfer-mechanism-not-stated",
        "transfer-destination-not-stated",
        "review-not-recorded",
        "policy-contradiction",
    }


@pytest.mark.parametrize(("phrase", "activity_id", "key"), PURPOSES, ids=[p[1] for p in PURPOSES])
def test_purpose_maps_to_activity(register: Register, phrase: str, activity_id: str, key: str) -> None:
    """Each purpose the policy names is an activity whose purpose evidence carries the key phrase."""
    activities = {a.id: a for a in register.activities}
    assert activity_id in activities, f"no activity for {phrase!r}"
    quotes = [folded(e.quote) for p in activities[activity_id].purposes for e in quotes_of(p.evidence)]
    assert any(key in q for q in quotes), f"{phrase!r}: {key!r} not in {quotes}"


def test_no_other_activities(register: Register) -> None:
    """The activities are exactly the purposes listed above."""
    assert {a.id for a in register.activities} == {p[1] for p in PURPOSES}


@pytest.mark.parametrize(("rid", "name", "country"), RECIPIENTS, ids=[r[0] for r in RECIPIENTS])
def test_named_recipient(register: Register, rid: str, name: str, country: str | None) -> None:
    """Each named third party is a recipient with the country the policy states, or none."""
    recipients: dict[str, Recipient] = {r.id: r for r in register.recipients}
    assert rid in recipients
    rec = recipients[rid]
    assert name.lower() in rec.name.lower()
    if country is None:
        assert isinstance(rec.country, NotStated)
    else:
        assert isinstance(rec.country, Fact)
        assert rec.country.value == country


def test_mailchimp_transfer_to_us(register: Register) -> None:
    """The newsletter records the transfer to MailChimp's US servers, mechanism not stated."""
    newsletter = next(a for a in register.activities if a.id == "newsletter")
    assert isinstance(newsletter.transfers, list)
    [transfer] = [t for t in newsletter.transfers if t.country is not None]
    assert (transfer.country, transfer.recipient) == ("US", "mailchimp")
    assert isinstance(transfer.mechanism, NotStated)


def test_outside_sweden_transfers(register: Register) -> None:
    """'May be located outside of Sweden' is an unnamed-destination transfer on each activity disclosing to those parties."""
    found: dict[str, set[str]] = {}
    for act in register.activities:
        if not isinstance(act.transfers, list):
            continue
        for t in act.transfers:
            if t.unnamed_destination is None:
                continue
            assert t.unnamed_destination == "outside of Sweden"
            assert t.country is None
            assert t.organisation is None
            assert isinstance(t.mechanism, NotStated), "an acknowledgement is no transfer mechanism"
            assert any("may be located outside of Sweden" in folded(e.quote) for e in quotes_of(t.evidence))
            assert t.recipient is not None
            recipients = act.recipients
            assert isinstance(recipients, Fact)
            assert t.recipient in recipients.value, f"{act.id}: transfer to a recipient the activity does not disclose to"
            found.setdefault(act.id, set()).add(t.recipient)
    assert found == OUTSIDE_SWEDEN


def test_cookie_tools_have_no_invented_transfer(register: Register) -> None:
    """Google Analytics and Umbraco are described below, not 'above': no transfer, no country for them."""
    activities = {a.id: a for a in register.activities}
    for aid in ("analytics-cookies", "necessary-cookies", "aggregated-data-sharing"):
        assert isinstance(activities[aid].transfers, NotStated), aid


def test_controller_details(register: Register) -> None:
    """The controller is CMT Konsult AB in Sweden; no contact address or authority is stated."""
    c = register.controller
    assert c.name.value == "CMT Konsult AB"
    assert c.short_name == "CMT"
    assert isinstance(c.country, Fact)
    assert c.country.value == "SE"
    assert isinstance(c.registration_number, NotStated)
    assert isinstance(c.address, NotStated)
    assert isinstance(c.contacts, NotStated)
    assert isinstance(register.supervisory_authority, NotStated)
    assert isinstance(register.dpo, NotStated)


def test_register_identity(register: Register) -> None:
    """The register is `cmt`, dated the day of encoding, from one undated source."""
    assert register.info.id == "cmt"
    assert register.info.date.isoformat() == "2026-11-23"
    [source] = register.sources
    assert source.file == "cmt-privacy-policy.txt"
    assert isinstance(source.date, NotStated)


def test_the_one_to_one_promise_is_shown_not_checked(outcome: Outcome, register: Register) -> None:
    """'All communications are done 1-1' is an `other` claim: no detail says a communication is automated, so it draws no
    finding; its note names the 'automated communications' providers and the MailChimp newsletter it sits beside."""
    [claim] = [c for c in register.policy_claims if c.kind.value == "other"]
    assert [q.quote for q in quotes_of(claim.evidence)] == [
        "All communications are done 1-1, meaning that one of our representatives will lift the phone or compose an email directly to you."
    ]
    assert claim.note is not None
    assert "automated communications" in claim.note
    assert "MailChimp" in claim.note
    assert not [
        f
        for f in outcome.findings
        if f.code == "policy-contradiction" and f.field_path.startswith(f"policy_claims[{register.policy_claims.index(claim)}]")
    ]


GENERAL_RETENTION = (
    "When your personal information has been stored long enough to not be relevant to keep them, "
    "they will be removed or de-identified automatically."
)


def test_the_users_partners_and_employees_are_a_subject_category(register: Register) -> None:
    """'Client service to you, your business partners and your employees': a category of its own, on accounts and support."""
    [category] = [c for c in register.data_subject_categories if c.id == "client-partners-employees"]
    assert category.name == "The user's business partners and employees"
    activities = {a.id: a for a in register.activities}
    for aid in ("user-accounts-billing", "customer-support", "legal-disclosure"):
        subjects = activities[aid].data_subjects
        assert isinstance(subjects, Fact)
        assert "client-partners-employees" in subjects.value, aid


def test_general_retention_rule_also_for_the_cookies(register: Register) -> None:
    """The one retention rule for all personal information is recorded on both cookie activities, noted as the general rule."""
    activities = {a.id: a for a in register.activities}
    for aid in ("analytics-cookies", "necessary-cookies"):
        retention = activities[aid].retention
        assert isinstance(retention, list), aid
        [rule] = retention
        assert [folded(q.quote) for q in quotes_of(rule.evidence)] == [GENERAL_RETENTION]
        assert rule.note is not None
        assert rule.note.startswith("The policy's general rule"), aid
    aggregated = activities["aggregated-data-sharing"].retention
    assert isinstance(aggregated, NotStated), "the rule is for personal information, which aggregated data is said not to hold"
    assert aggregated.note is not None
    assert "general rule" in aggregated.note


def test_every_provider_has_the_nda(register: Register) -> None:
    """'Any provider working with us has a non-disclosure agreement': also Google Analytics and Umbraco, noted as the general rule."""
    recipients: dict[str, Recipient] = {r.id: r for r in register.recipients}
    for rid in ("google-analytics", "umbraco", "microsoft-office-365", "mailchimp", "service-providers"):
        contract = recipients[rid].contract
        assert isinstance(contract, Fact), rid
        assert contract.value == "Non-disclosure agreement (NDA)"
        assert [q.quote for q in quotes_of(contract.evidence)] == [
            "Any provider working with us has a non-disclosure agreement (NDA) signed with us."
        ]
    for rid in ("google-analytics", "umbraco"):
        contract = recipients[rid].contract
        assert isinstance(contract, Fact)
        assert contract.note is not None
        assert contract.note.startswith("The policy's general rule for every provider"), rid


def test_withdrawing_consent_is_stated_for_google_analytics_only(register: Register) -> None:
    """The cookie allowance section and the opt-out add-on are offered against Google Analytics' statistics, not for every cookie."""
    rights = register.data_subject_rights
    assert isinstance(rights, list)
    [withdraw] = [s for s in rights if [r.value for r in s.rights] == ["art7-3-withdraw-consent"]]
    assert withdraw.how is not None
    assert withdraw.how.startswith("For the Google Analytics cookies:")
    assert any("If you do not agree with Google Analytics keeping stats on you" in folded(q.quote) for q in quotes_of(withdraw.evidence))


def test_cookies_google_analytics_and_umbraco(register: Register) -> None:
    """The two cookies the policy names: Google Analytics' (not strictly necessary, used on consent by the analytics
    activity) and Umbraco's ("considered Necessary to run the site"); no lifetime or party is stated for either."""
    cookies = {c.id: c for c in register.cookies}
    assert set(cookies) == {"google-analytics-cookies", "umbraco-cookies"}
    ga, umbraco = cookies["google-analytics-cookies"], cookies["umbraco-cookies"]
    assert ga.provider == "google-analytics"
    assert umbraco.provider == "umbraco"
    assert isinstance(ga.strictly_necessary, Fact)
    assert ga.strictly_necessary.value is False
    assert isinstance(umbraco.strictly_necessary, Fact)
    assert umbraco.strictly_necessary.value is True
    assert "Necessary to run the site" in quotes_of(umbraco.strictly_necessary.evidence)[0].quote
    for cookie in (ga, umbraco):
        assert isinstance(cookie.lifetime, NotStated)
        assert isinstance(cookie.party, NotStated)
    activities = {a.id: a for a in register.activities}
    assert activities["analytics-cookies"].cookies == ["google-analytics-cookies"]
    assert activities["necessary-cookies"].cookies == ["umbraco-cookies"]


def test_cookie_claims(outcome: Outcome, register: Register) -> None:
    """'A cookie does not identify you personally' is broken by both cookies ('but it does identify your computer');
    'Our website will not use cookies until ... your acceptance' is kept: the analytics cookie is used on consent
    and Umbraco's are strictly necessary."""
    kinds = {c.kind.value: c for c in register.policy_claims}
    assert quotes_of(kinds["cookies-hold-no-personal-data"].evidence)[0].quote == "A cookie does not identify you personally"
    assert "will not use cookies until" in quotes_of(kinds["no-cookies-before-consent"].evidence)[0].quote
    messages = [f.message for f in outcome.findings if f.code == "policy-contradiction"]
    assert len(messages) == 2, messages
    assert all("does not identify you personally" in m and "identify your computer" in m for m in messages)
    assert {m.split("cookie `")[1].split("`")[0] for m in messages} == {"google-analytics-cookies", "umbraco-cookies"}


@pytest.mark.parametrize("recipient_id", ["stockholm-datacenter", "umbraco", "user-associated-service-providers"])
def test_kind_not_stated_where_the_policy_gives_none(register: Register, recipient_id: str) -> None:
    """The datacenter's operator, Umbraco's role and the user's associated service providers are not stated: no guessed kind."""
    [recipient] = [r for r in register.recipients if r.id == recipient_id]
    assert isinstance(recipient.kind, NotStated)
    assert recipient.kind.note


def _provision(register: Register, activity_id: str) -> list[ProvisionStatement]:
    [activity] = [a for a in register.activities if a.id == activity_id]
    assert isinstance(activity.provision_requirement, list)
    return activity.provision_requirement


def test_contact_information_must_be_provided_for_an_account(register: Register) -> None:
    """Art. 13(2)(e): 'When setting up a user account ... you must provide contact information'; the card only in some cases."""
    [statement] = _provision(register, "user-accounts-billing")
    assert statement.requirement is ProvisionRequirement.PRE_CONTRACTUAL
    assert statement.obliged is True
    assert statement.consequences is not None
    assert "No user account" in statement.consequences
    assert statement.data_categories == ["name", "email", "phone", "other-contact-information"]
    assert any("you must provide contact information" in q.quote for q in quotes_of(statement.evidence))


def test_disabling_the_umbraco_cookies_stops_the_forms(register: Register, outcome: Outcome) -> None:
    """'Disabling these cookies will lead to forms not submitting as intended': voluntary, with its consequence; the data are observed
    through the visitor's device, which is collection from them (WP260 rev.01, para. 26), so the check does not warn. No note on the
    statement itself: the workbook import does not read provision statements back."""
    [statement] = _provision(register, "necessary-cookies")
    assert (statement.requirement, statement.obliged) == (ProvisionRequirement.VOLUNTARY, False)
    assert statement.consequences is not None
    assert "Forms do not submit" in statement.consequences
    assert statement.note is None
    [activity] = [a for a in register.activities if a.id == "necessary-cookies"]
    assert isinstance(activity.data_source, Fact)
    assert activity.data_source.note is not None
    assert "WP260 rev.01, para. 26" in activity.data_source.note
    assert not [f for f in outcome.findings if f.code == "provision-not-from-subject"]
