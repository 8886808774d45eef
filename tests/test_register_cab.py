"""The CAB Group AB register (Swedish policy): it validates, and it encodes what the integritetspolicy says."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.model import Register
from ropa.model.activity import LawfulBasisStatement
from ropa.model.enums import LawfulBasis, RecipientKind
from ropa.model.markers import Fact, NotStated, quotes_of
from ropa.model.organisation import Authority
from ropa.validate import Outcome
from tests.conftest import folded

ROOT = Path(__file__).parent.parent
REGISTER = ROOT / "policies" / "cab" / "register.yaml"
SOURCE = ROOT / "policies" / "cab" / "cab-integritetspolicy.txt"

# The purposes the policy names, the activity each maps to, and a Swedish key phrase of its purpose evidence.
PURPOSES: list[tuple[str, str, str]] = [
    ("Administration", "administration", "administrera beställningar, uppsägningar, överlåtelser och fakturering"),
    ("Access", "access", "ge dig åtkomst till våra produkter"),
    ("Kundservice/Support", "kundservice-support", "ge dig service om du exempelvis kontaktar oss"),
    ("inspelning av supportsamtal", "inspelning-supportsamtal", "spela in ditt samtal i internt utbildnings- och utvecklingsarbete"),
    ("Utskick", "utskick", "release notes och driftsinformation"),
    ("Marknadsföring", "marknadsforing", "skicka marknadsföringserbjudanden"),
    ("Utveckling av produkter", "utveckling-av-produkter", "utveckla våra produkter och tjänster"),
    ("lagstadgad lagring", "lagstadgad-lagring", "lagstadgat krav på lagring som exempelvis bokföringsregler"),
    ("utlämnande enligt lag", "utlamnande", "på grund av lag, förordning eller myndighetsbeslut"),
    ("den registrerades begäran", "registrerades-begaran", "lämnar ut uppgifterna till rätt person"),
]

# Third parties the policy names (as categories): recipient id, kind, a phrase of its name.
RECIPIENTS: list[tuple[str, RecipientKind, str]] = [
    ("personuppgiftsbitraden", RecipientKind.PROCESSOR, "personuppgiftsbiträden"),
    ("andra-bolag", RecipientKind.INDEPENDENT_CONTROLLER, "Andra bolag"),
]


def test_validates_without_errors(outcome: Outcome) -> None:
    """The register has no errors."""
    assert outcome.errors == [], [f"{f.line}: {f.code} {f.message}" for f in outcome.errors]


def test_warning_codes_are_pinned(outcome: Outcome) -> None:
    """The policy's own inconsistency (”endast” CAB and processors vs. disclosure to other companies), transfers to unnamed countries, no review date."""
    assert {f.code for f in outcome.findings if not f.is_error} == {
        "policy-contradiction",
        "transfer-destination-not-stated",
        "review-not-recorded",
        "rights-charge-limited",
    }


def test_contradiction_quotes_both_sentences(outcome: Outcome, register: Register) -> None:
    """The ”endast” promise is the claim's only quote, and the warning quotes the disclosure to other companies."""
    claim = register.policy_claims[0]
    assert claim.kind.value == "no-disclosure-to-third-parties"
    assert [e.quote for e in quotes_of(claim.evidence)] == [
        "Dina personuppgifter kommer endast att behandlas av CAB och våra personuppgiftsbiträden."
    ]
    [finding] = [f for f in outcome.findings if f.code == "policy-contradiction"]
    assert "`andra-bolag`" in finding.message
    assert "Vi lämnar inte ut personuppgifter till andra bolag" in finding.message


@pytest.mark.parametrize(("phrase", "activity_id", "key"), PURPOSES, ids=[p[1] for p in PURPOSES])
def test_purpose_maps_to_activity(register: Register, phrase: str, activity_id: str, key: str) -> None:
    """Each purpose the policy names is an activity whose purpose evidence carries the Swedish key phrase."""
    activities = {a.id: a for a in register.activities}
    assert activity_id in activities, f"no activity for {phrase!r}"
    quotes = [folded(e.quote) for p in activities[activity_id].purposes for e in quotes_of(p.evidence)]
    assert any(key in q for q in quotes), f"{phrase!r}: {key!r} not in {quotes}"


def test_no_other_activities(register: Register) -> None:
    """The activities are exactly the purposes listed above."""
    assert {a.id for a in register.activities} == {p[1] for p in PURPOSES}


def test_lawful_bases_follow_the_policy(register: Register) -> None:
    """Contract and legitimate interests are stated; development has no basis tied to it."""
    activities = {a.id: a for a in register.activities}
    bases = {
        a.id: [p.lawful_basis.basis for p in a.purposes if isinstance(p.lawful_basis, LawfulBasisStatement)] for a in register.activities
    }
    assert bases["administration"] == [LawfulBasis.CONTRACT, LawfulBasis.LEGITIMATE_INTERESTS]
    assert bases["kundservice-support"] == [LawfulBasis.CONTRACT, LawfulBasis.LEGITIMATE_INTERESTS]
    assert bases["access"] == [LawfulBasis.CONTRACT]
    assert isinstance(activities["utveckling-av-produkter"].purposes[0].lawful_basis, NotStated)
    for act in register.activities:
        for purpose in act.purposes:
            basis = purpose.lawful_basis
            if isinstance(basis, LawfulBasisStatement):
                assert basis.note, f"{act.id}: say whether the basis is stated or implied"


@pytest.mark.parametrize(("recipient_id", "kind", "name"), RECIPIENTS, ids=[r[0] for r in RECIPIENTS])
def test_named_third_parties_are_recipients(register: Register, recipient_id: str, kind: RecipientKind, name: str) -> None:
    """Each third party the policy names is a recipient of the right kind, with no invented country."""
    recipients = {r.id: r for r in register.recipients}
    assert recipient_id in recipients
    rec = recipients[recipient_id]
    assert rec.kind is kind
    assert name in rec.name
    assert isinstance(rec.country, NotStated)


def test_transfers_outside_eu_ees_name_no_country(register: Register) -> None:
    """”Länder utanför EU/EES” is an unnamed-destination transfer on every activity; the adequacy condition is no stated mechanism."""
    sentence = "CAB överför bara personuppgifter till länder utanför EU/EES om berört land har en s k adekvat skyddsnivå"
    for act in register.activities:
        assert isinstance(act.transfers, list), act.id
        [transfer] = act.transfers
        assert transfer.unnamed_destination == "länder utanför EU/EES"
        assert (transfer.country, transfer.organisation, transfer.recipient) == (None, None, None)
        assert isinstance(transfer.mechanism, NotStated), f"{act.id}: an adequacy condition is not an adequacy decision"
        assert transfer.mechanism.note is not None
        assert "adekvat skyddsnivå" in transfer.mechanism.note
        assert any(sentence in folded(e.quote) for e in quotes_of(transfer.evidence))
        assert sentence in folded(SOURCE.read_text(encoding="utf-8"))


def test_controller_details(register: Register) -> None:
    """Name, org.nr (with the policy's en dash), address, country and the supervisory authority."""
    c = register.controller
    assert c.name.value == "CAB Group AB"
    assert isinstance(c.registration_number, Fact)
    assert c.registration_number.value == "556131–2223"
    assert any("556131–2223" in e.quote for e in quotes_of(c.registration_number.evidence))
    assert isinstance(c.address, Fact)
    assert c.address.value == "Stortorget 11, 702 11 Örebro"
    assert isinstance(c.country, Fact)
    assert c.country.value == "SE"
    assert isinstance(c.contacts, list)
    assert [k.kind.value for k in c.contacts] == ["postal"]
    assert "Att: Personuppgiftsbehandling" in c.contacts[0].value
    authority = register.supervisory_authority
    assert isinstance(authority, Authority)
    assert authority.name == "Datainspektionen"


def test_language_and_swedish_quote(register: Register) -> None:
    """The register speaks Swedish and a quote with å, ä and ö survives intact."""
    assert register.info.language == "sv"
    assert register.sources[0].language == "sv"
    assert isinstance(register.sources[0].date, Fact)
    assert str(register.sources[0].date.value) == "2018-01-01"
    quote = "Vi anpassar kontinuerligt våra säkerhetsåtgärder till den fortlöpande tekniska utvecklingen."
    quotes = [e.quote for m in register.security_measures for e in quotes_of(m.evidence)]
    assert quote in quotes
    assert quote in folded(SOURCE.read_text(encoding="utf-8"))
    assert {"å", "ä", "ö"} <= set(quote)


def test_claims_on_adequate_countries_and_free_of_charge_rights_with_their_limits(register: Register) -> None:
    """The transfer promise with its ”särskilt angivits” exception, and free-of-charge rights limited to once a year for access."""
    claims = {c.kind.value: c for c in register.policy_claims[:3]}
    assert list(claims) == ["no-disclosure-to-third-parties", "transfers-only-to-adequate-countries", "rights-free-of-charge"]
    adequate, free = claims["transfers-only-to-adequate-countries"], claims["rights-free-of-charge"]
    assert [q.quote for q in quotes_of(adequate.evidence)] == [
        "CAB överför bara personuppgifter till länder utanför EU/EES om berört land har en s k adekvat skyddsnivå enligt EU eller EU-kommissionen"
    ]
    assert [q.quote for lim in adequate.limits for q in quotes_of(lim.evidence)] == [
        "eller om detta särskilt angivits i samband med att du lämnar dina personuppgifter till oss"
    ]
    assert [q.quote for q in quotes_of(free.evidence)] == [
        "Du har rätt att när som helst kostnadsfritt begära att uppgifterna om dig ska raderas, kompletteras eller rättas."
    ]
    assert [q.quote for lim in free.limits for q in quotes_of(lim.evidence)] == [
        "Du har rätt att när som helst (kostnadsfritt en gång om året) begära information om vilka personuppgifter vi har sparat om dig."
    ]


def test_once_a_year_draws_the_art_12_5_warning_and_the_transfer_promise_draws_none(outcome: Outcome) -> None:
    """Only the access limit is a finding: the transfers name no country, so the adequacy promise cannot be judged against them."""
    [limit] = [f for f in outcome.findings if f.code == "rights-charge-limited"]
    assert limit.field_path == "policy_claims[2].limits[0]"
    assert "kostnadsfritt en gång om året" in limit.message
    assert "Art. 12(5) allows a fee or a refusal only for manifestly unfounded or excessive requests" in limit.message
    [contradiction] = [f for f in outcome.findings if f.code == "policy-contradiction"]
    assert contradiction.field_path == "policy_claims[0].kind"


def test_users_description_claims_no_more_than_the_policy(register: Register) -> None:
    """Users are party to the agreement themselves or employees of a customer that is, as the policy says; not 'often' employees."""
    [users] = [s for s in register.data_subject_categories if s.id == "anvandare"]
    assert users.description is not None
    assert "ofta" not in users.description
    assert "anställda hos en kund som är part i avtalet" in users.description
    assert "ett avtal i vilket du, eller din arbetsgivare, är en part" in [q.quote for q in quotes_of(users.evidence)]


def test_no_cookies(register: Register) -> None:
    """CAB's policy names no cookie (neither "cookie" nor "kaka"): the registry is empty and no activity names one."""
    text = SOURCE.read_text(encoding="utf-8").casefold()
    assert "cookie" not in text
    assert "kakor" not in text
    assert register.cookies == []
    assert all(a.cookies is None for a in register.activities)


def test_no_third_party_marketing_is_a_claim_on_marketing_that_holds(register: Register, outcome: Outcome) -> None:
    """'Vi vidarebefordrar, säljer eller byter aldrig dina personuppgifter för marknadsföringsändamål till tredje part': a promise
    about marketing only, so scoped to that activity, whose recipients are processors; the disclosure to other companies by law
    (the other no-disclosure promise's finding) is not held against it."""
    claim = register.policy_claims[3]
    assert claim.kind.value == "no-disclosure-to-third-parties"
    assert claim.activities == ["marknadsforing"]
    assert [q.quote for q in quotes_of(claim.evidence)] == [
        "Vi vidarebefordrar, säljer eller byter aldrig dina personuppgifter för marknadsföringsändamål till tredje part."
    ]
    assert [f.field_path for f in outcome.findings if f.code == "policy-contradiction"] == ["policy_claims[0].kind"]
