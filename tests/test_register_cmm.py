"""The CMM register: it validates, and it encodes what the GDPR policy says."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.model import Register
from ropa.model.enums import ContactKind, ProvisionRequirement, RecipientKind
from ropa.model.markers import Fact, NotStated, quotes_of
from ropa.model.organisation import Authority
from ropa.validate import Outcome
from tests.conftest import folded

REGISTER = Path(__file__).parent.parent / "policies" / "cmm" / "register.yaml"

# The purposes the policy names, as phrases, and the activity each maps to (with a key phrase of its evidence).
PURPOSES: list[tuple[str, str, str]] = [
    ("account and purchases", "account-purchases", "create an account or purchase any of our Services"),
    ("customer support", "customer-support", "request assistance from our customer support team"),
    ("contact forms and newsletters", "contact-newsletters", "complete contact forms or request newsletters"),
    ("contests and surveys", "contests-surveys", "participate in contests and surveys"),
    ("job applications", "job-applications", "apply for a job"),
    ("cookies for language", "website-cookies", "Choose the language (English/Swedish)"),
    ("cookies for login", "website-cookies", "Log on to the website."),
    ("service improvement", "service-improvement", "Improve and optimize the operation and performance"),
    ("fraud prevention", "service-improvement", "Detect and prevent fraud and abuse"),
    ("service communications", "service-communications", "transactional or service related communications"),
    ("legal compliance", "legal-compliance", "to enforce and comply with the law"),
]

# Named third parties (all by category in this policy): recipient id, a word of its name, its kind.
RECIPIENTS: list[tuple[str, str, RecipientKind]] = [
    ("affiliated-companies", "Affiliated companies", RecipientKind.AFFILIATE),
    ("integration-partners", "integrate", RecipientKind.BUSINESS_PARTNER),
    ("payment-providers", "payments", RecipientKind.PROCESSOR),
    ("contest-survey-providers", "contests or surveys", RecipientKind.PROCESSOR),
    ("analysis-providers", "analysing", RecipientKind.PROCESSOR),
    ("communication-providers", "communicating", RecipientKind.PROCESSOR),
    ("crm-providers", "customer relationship management", RecipientKind.PROCESSOR),
    ("authorities", "law enforcement", RecipientKind.PUBLIC_AUTHORITY),
    ("private-parties", "Private parties", RecipientKind.INDEPENDENT_CONTROLLER),
]

# Activities in which a person uses the Services: the 'across international borders' sentence covers them.
ACROSS_BORDERS = {
    "account-purchases",
    "customer-support",
    "contact-newsletters",
    "service-improvement",
    "service-communications",
    "website-cookies",
}


def test_validates_without_errors(outcome: Outcome) -> None:
    """The register has no errors."""
    assert outcome.errors == [], [f"{f.line}: {f.code} {f.message}" for f in outcome.errors]


def test_warning_codes_are_pinned(outcome: Outcome) -> None:
    """Transfers 'across international borders' name no country; the sharing promise is contradicted by legal disclosures; no review date.
    The Art. 13(2)(e) statement on the cookies stands on observed data, which Art. 13 covers (WP260 rev.01, para. 26): no warning."""
    assert {f.code for f in outcome.findings if not f.is_error} == {
        "transfer-destination-not-stated",
        "policy-contradiction",
        "review-not-recorded",
    }


def test_sharing_promise_contradiction_names_private_parties(outcome: Outcome, register: Register) -> None:
    """The 'We only share ... as necessary' promise surfaces against the disclosure to private parties, with both quotes."""
    [claim] = [c for c in register.policy_claims if c.kind.value == "no-disclosure-to-third-parties"]
    assert "We only share your personal data as necessary" in folded(quotes_of(claim.evidence)[0].quote)
    messages = [f.message for f in outcome.findings if f.code == "policy-contradiction"]
    assert any("`private-parties`" in m and "We only share" in m and "private parties" in m for m in messages), messages


@pytest.mark.parametrize(("phrase", "activity_id", "key"), PURPOSES, ids=[p[0] for p in PURPOSES])
def test_purpose_maps_to_activity(register: Register, phrase: str, activity_id: str, key: str) -> None:
    """Each purpose the policy names is an activity whose purpose evidence carries the key phrase."""
    activities = {a.id: a for a in register.activities}
    assert activity_id in activities, f"no activity for {phrase!r}"
    quotes = [folded(e.quote) for p in activities[activity_id].purposes for e in quotes_of(p.evidence)]
    assert any(key in q for q in quotes), f"{phrase!r}: {key!r} not in {quotes}"


def test_no_other_activities(register: Register) -> None:
    """The activities are exactly those the purposes map to."""
    assert {a.id for a in register.activities} == {p[1] for p in PURPOSES}


@pytest.mark.parametrize(("rid", "name", "kind"), RECIPIENTS, ids=[r[0] for r in RECIPIENTS])
def test_named_recipient(register: Register, rid: str, name: str, kind: RecipientKind) -> None:
    """Each third party the policy names is a recipient of its kind; no country is stated for any."""
    recipients = {r.id: r for r in register.recipients}
    assert rid in recipients
    rec = recipients[rid]
    assert name.lower() in rec.name.lower()
    assert rec.kind is kind
    assert isinstance(rec.country, NotStated)


def test_across_borders_transfers(register: Register) -> None:
    """The 'across international borders' sentence is an unnamed-destination transfer on the activities using the Services, and only there."""
    covered = set()
    for act in register.activities:
        if isinstance(act.transfers, NotStated):
            continue
        assert isinstance(act.transfers, list), act.id
        [transfer] = act.transfers
        assert transfer.unnamed_destination == "across international borders"
        assert transfer.country is None
        assert transfer.recipient is None, "the policy names no recipient abroad"
        assert isinstance(transfer.mechanism, NotStated)
        assert any("Transfer of personal data abroad." in folded(e.quote) for e in quotes_of(transfer.evidence))
        covered.add(act.id)
    assert covered == ACROSS_BORDERS


def test_controller_details(register: Register) -> None:
    """The controller is 'CMM', reachable at helpdesk@cmm.se and +46 8 712 72 22, website cmm.ki.se."""
    c = register.controller
    assert c.name.value == "CMM"
    assert isinstance(c.country, Fact)
    assert c.country.value == "SE"
    assert isinstance(c.registration_number, NotStated)
    assert isinstance(c.address, NotStated)
    assert isinstance(c.contacts, list)
    contacts = {(k.kind, k.value) for k in c.contacts}
    assert contacts == {(ContactKind.EMAIL, "helpdesk@cmm.se"), (ContactKind.PHONE, "+46 8 712 72 22")}
    assert isinstance(c.website, Fact)
    assert c.website.value == "cmm.ki.se"
    assert isinstance(register.dpo, NotStated)


def test_supervisory_authority_is_quoted(register: Register) -> None:
    """The policy itself names the Swedish authority as lead supervisory authority."""
    sa = register.supervisory_authority
    assert isinstance(sa, Authority)
    assert sa.country == "SE"
    assert sa.name == "Integritetsskydssmyndigheten", "spelled as the policy spells it"
    assert (sa.address, sa.website) == ("Box 8114, 104 20 Stockholm", "https://www.imy.se/")
    assert any("lead supervisory authority" in folded(e.quote) for e in quotes_of(sa.evidence))
    assert any("Box 8114 104 20 Stockholm" in folded(e.quote) for e in quotes_of(sa.evidence))


def test_register_identity(register: Register) -> None:
    """The register is `cmm`, dated the day of encoding, from one undated source."""
    assert register.info.id == "cmm"
    assert register.info.date.isoformat() == "2026-11-23"
    [source] = register.sources
    assert source.file == "cmm-privacy-policy.txt"
    assert isinstance(source.date, NotStated)


SHARING_WITH_AFFILIATES = "We may share your personal data with affiliated companies within our corporate family"
GENERAL_RETENTION = (
    "We retain personal data only for as long as necessary to provide the Services you have requested "
    "and thereafter for a variety of legitimate legal or business purposes."
)
SHARING_LIMIT = (
    "We only share your personal data as necessary for any third party to provide the services as requested or as needed on our behalf."
)


def test_catch_all_data_category(register: Register) -> None:
    """'Other data collected that could directly or indirectly identify you' is a data category, on the disclosure of 'any information about you'."""
    categories = {c.id: c for c in register.data_categories}
    catch_all = categories["other-identifying-data"]
    assert [folded(q.quote) for q in quotes_of(catch_all.evidence)] == [
        "Other data collected that could directly or indirectly identify you."
    ]
    legal = next(a for a in register.activities if a.id == "legal-compliance").data_categories
    assert isinstance(legal, Fact)
    assert "other-identifying-data" in legal.value


def test_customer_demographics_are_analysed(register: Register) -> None:
    """'Performing analysis of our Services and customers demographics': a data category of the analysis activity."""
    assert "demographics" in {c.id for c in register.data_categories}
    categories = next(a for a in register.activities if a.id == "service-improvement").data_categories
    assert isinstance(categories, Fact)
    assert "demographics" in categories.value


def test_general_rules_cover_contests_jobs_and_cookies(register: Register) -> None:
    """The sharing with affiliates and the one retention rule, stated in general terms, are recorded where they were not stated, each noted as the general rule."""
    activities = {a.id: a for a in register.activities}
    for aid in ("account-purchases", "customer-support", "contact-newsletters", "contests-surveys", "job-applications", "website-cookies"):
        recipients = activities[aid].recipients
        assert isinstance(recipients, Fact), aid
        assert "affiliated-companies" in recipients.value, aid
        assert any(SHARING_WITH_AFFILIATES in folded(q.quote) for q in quotes_of(recipients.evidence)), aid
    for aid in ("contests-surveys", "job-applications", "website-cookies"):
        recipients = activities[aid].recipients
        assert isinstance(recipients, Fact)
        assert recipients.note is not None
        assert "the policy's general rule" in recipients.note, aid
    for aid in ("contests-surveys", "job-applications"):
        retention = activities[aid].retention
        assert isinstance(retention, list), aid
        [rule] = retention
        assert [folded(q.quote) for q in quotes_of(rule.evidence)] == [GENERAL_RETENTION]
        assert rule.note is not None
        assert rule.note.startswith("The policy's general rule for all personal data"), aid


def test_sharing_limit_on_affiliates_and_integration_partners(register: Register) -> None:
    """'We only share ... as necessary for any third party': the limit is in the description of the recipients without processing terms."""
    recipients = {r.id: r for r in register.recipients}
    for rid in ("affiliated-companies", "integration-partners"):
        recipient = recipients[rid]
        assert recipient.description is not None
        assert "only as necessary to provide the services as requested" in folded(recipient.description), rid
        assert SHARING_LIMIT in [folded(q.quote) for q in quotes_of(recipient.evidence)], rid


def test_services_not_for_under_18s(register: Register) -> None:
    """The users of the Services carry the policy's statement that the Services are not for individuals under 18."""
    [users] = [s for s in register.data_subject_categories if s.id == "service-users"]
    assert users.description is not None
    assert "not targeted to or intended for individuals under 18" in folded(users.description)
    assert any("individuals under the age of 18" in folded(q.quote) for q in quotes_of(users.evidence))


def test_cookies_language_and_login(register: Register) -> None:
    """The two cookies the policy names (choosing the language, logging on), used by the website activity; their
    lifetimes are not stated, as the policy says only that some last the visit and others longer."""
    cookies = {c.id: c for c in register.cookies}
    assert set(cookies) == {"language-cookie", "login-cookie"}
    for cookie in cookies.values():
        assert isinstance(cookie.lifetime, NotStated)
        assert "prolonged time" in (cookie.lifetime.note or "")
        assert isinstance(cookie.strictly_necessary, NotStated)
    assert next(a for a in register.activities if a.id == "website-cookies").cookies == ["language-cookie", "login-cookie"]


def test_no_personal_data_in_cookies_claim(outcome: Outcome, register: Register) -> None:
    """'None of our cookies store information such as name or personal data' against the language and login data
    categories the register records for the cookies: one warning each."""
    [claim] = [c for c in register.policy_claims if c.kind.value == "cookies-hold-no-personal-data"]
    assert "None of our cookies store information" in quotes_of(claim.evidence)[0].quote
    messages = sorted(f.message for f in outcome.findings if "None of our cookies" in f.message)
    assert len(messages) == 2
    assert "`language-cookie`" in messages[0]
    assert "`language-preference`" in messages[0]
    assert "`login-cookie`" in messages[1]
    assert "`login-session`" in messages[1]


def test_sharing_promise_note_agrees_with_the_integration_partner_finding(outcome: Outcome, register: Register) -> None:
    """The check reports the integration partners under 'We only share ... as necessary'; the claim's note says so and why it is
    a question for CMM, instead of calling it no contradiction."""
    [claim] = [c for c in register.policy_claims if c.kind.value == "no-disclosure-to-third-parties"]
    assert claim.note is not None
    assert "no contradiction" not in claim.note
    assert "The check also reports the integration partners" in folded(claim.note)
    messages = [f.message for f in outcome.findings if f.code == "policy-contradiction"]
    assert any("`integration-partners` (business-partner)" in m for m in messages), messages


def test_processor_terms_bind_any_subcontractors(register: Register) -> None:
    """'These third parties (and any subcontractors) are subject to strict data processing terms': no subcontractor is named, so
    the point is kept in each processor's contract terms, not as a sub-processor relation."""
    processors = [r for r in register.recipients if r.kind is RecipientKind.PROCESSOR]
    assert len(processors) == 5
    for recipient in processors:
        assert recipient.relations == []
        assert isinstance(recipient.contract, Fact), recipient.id
        assert "binding any subcontractors too" in recipient.contract.value, recipient.id
    assert not any(r.kind is RecipientKind.SUB_PROCESSOR for r in register.recipients)


def test_refusing_cookies_stops_certain_functions(register: Register) -> None:
    """Art. 13(2)(e): 'certain functions are not able to operate if you do not allow cookies' on the website cookies."""
    [activity] = [a for a in register.activities if a.id == "website-cookies"]
    assert isinstance(activity.provision_requirement, list)
    [statement] = activity.provision_requirement
    assert (statement.requirement, statement.obliged) == (ProvisionRequirement.VOLUNTARY, False)
    assert statement.consequences == "Certain functions of the website do not operate."
    assert any("certain functions are not able to operate" in folded(q.quote) for q in quotes_of(statement.evidence))
    assert isinstance(activity.data_source, Fact)
    assert activity.data_source.note is not None
    assert "WP260 rev.01, para. 26" in activity.data_source.note


def test_cookie_retention_rule_agrees_with_the_cookie_registry(register: Register) -> None:
    """The website-cookies retention rule quotes the sentence the cookie registry's lifetime notes rest on; both say no period."""
    [activity] = [a for a in register.activities if a.id == "website-cookies"]
    assert isinstance(activity.retention, list)
    [rule] = activity.retention
    assert rule.period is None
    assert rule.note is not None
    assert "`language-cookie`" in rule.note
    assert "`login-cookie`" in rule.note
    assert any("saved only during the current visit" in folded(q.quote) for q in quotes_of(rule.evidence))
