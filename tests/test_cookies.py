"""The cookie registry: its format, the checks against the activities that use a cookie, the cookie claims,
and what `ropa gaps` and `ropa diff` say of cookies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.model.cookies import days
from ropa.reporting.gaps import missing
from ropa.validate import validate_file

FOLDER = Path(__file__).parent / "examples" / "valid" / "cookies"
REGISTER = FOLDER / "register.yaml"


def _variant(tmp_path: Path, *replacements: tuple[str, str], name: str = "register.yaml") -> Path:
    """The example register with text replaced (each replacement must apply), beside a copy of its policy."""
    text = REGISTER.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    (tmp_path / "policy.txt").write_text((FOLDER / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _codes(path: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.message) for f in validate_file(path).findings if f.code != "review-not-recorded")


def test_the_example_has_no_cookie_finding() -> None:
    """A session cookie and a 13-month cookie against a 13-month retention, its provider a recipient: nothing to say."""
    assert _codes(REGISTER) == []


@pytest.mark.parametrize(("iso", "expected"), [("P1Y", 365.25), ("P12M", 365.25), ("P2W", 14), ("PT12H", 0.5), ("session", 0)])
def test_durations_compare_in_days(iso: str, expected: float) -> None:
    """A year is twelve months, so P1Y and P12M are the same length; a session cookie lasts no time at all."""
    assert days(iso) == pytest.approx(expected)


@pytest.mark.parametrize("lifetime", ["13 months", "P", "Session", "P1.5Y"])
def test_a_lifetime_is_session_or_an_iso_duration(tmp_path: Path, lifetime: str) -> None:
    """Anything else is an error at the lifetime, never a traceback."""
    path = _variant(tmp_path, ("lifetime: {value: P13M", f"lifetime: {{value: '{lifetime}'"))
    errors = [f for f in validate_file(path).findings if f.is_error]
    assert errors
    assert all("`session` nor an ISO 8601 duration" in f.message for f in errors), [f.message for f in errors]


def test_a_register_without_cookies_is_valid_as_before(tmp_path: Path) -> None:
    """The format change is additive: no `cookies` key, no activity naming cookies, no finding about them."""
    text = REGISTER.read_text(encoding="utf-8")
    start, end = text.index("cookies:\n  - id: pk-id"), text.index("activities:")
    path = _variant(tmp_path, (text[start:end], ""), ("    cookies: [pk-id, consent]\n", ""))
    outcome = validate_file(path)
    assert outcome.errors == []
    assert outcome.register is not None
    assert outcome.register.cookies == []


def test_a_longer_rule_covering_the_cookie_data_is_not_a_warning(tmp_path: Path) -> None:
    """Only the rules that cover what the cookie holds count: a 30-day rule for IP addresses beside a 13-month one for the
    visitor id does not make the 13-month cookie outlive its data; the other way round, it does."""
    rules = """      - period: P30D
        data_categories: [ip-address]
        evidence: [{quote: "Raw visit logs are deleted after 30 days."}]
      - period: P13M
        data_categories: [visitor-id]
        evidence: [{quote: "are deleted after 13 months"}]"""
    path = _variant(tmp_path, ('      - period: P13M\n        evidence: [{quote: "are deleted after 13 months"}]', rules))
    assert _codes(path) == []
    swapped = rules.replace("[ip-address]", "[other]").replace("[visitor-id]", "[ip-address]").replace("[other]", "[visitor-id]")
    shorter = _variant(
        tmp_path, ('      - period: P13M\n        evidence: [{quote: "are deleted after 13 months"}]', swapped), name="b.yaml"
    )
    [(code, message)] = _codes(shorter)
    assert code == "cookie-outlives-retention"
    assert "stays on the device for P13M, longer than activity `statistics` keeps its data (P30D)" in message


def test_a_session_cookie_never_outlives_retention(tmp_path: Path) -> None:
    """`session` ends with the browser: whatever the retention, no warning."""
    path = _variant(
        tmp_path,
        (
            '      - period: P13M\n        evidence: [{quote: "are deleted after 13 months"}]',
            '      - period: PT1H\n        evidence: [{quote: "are deleted after 13 months"}]',
        ),
        ("    cookies: [pk-id, consent]", "    cookies: [consent]"),
    )
    assert [c for c, _ in _codes(path)] == ["unused-entry"]  # pk-id no longer used: nothing else


def test_a_third_party_cookie_with_recipients_not_stated_is_not_compared(tmp_path: Path) -> None:
    """Recipients not stated: nothing to compare the provider with, no warning."""
    path = _variant(
        tmp_path, ('    recipients: {value: [matomo], evidence: [{quote: "through Matomo Cloud"}]}', "    recipients: {not_stated: true}")
    )
    assert _codes(path) == []


def test_anonymous_visit_is_broken_by_observing_without_identifying_cookies(tmp_path: Path) -> None:
    """An activity observing the use of the service breaks the promise of an anonymous visit even when its cookies
    are not said to identify the browser or hold data: it is told as the activity, with its quote."""
    claims = """roles: [controller]
policy_claims:
  - kind: anonymous-visit
    evidence: [{quote: "You can visit the website without revealing any personal information."}]
"""
    path = _variant(
        tmp_path,
        ("roles: [controller]\n", claims),
        ('    identifies_device: {value: true, evidence: [{quote: "a random visitor ID that recognises your browser"}]}\n', ""),
        ("    data_categories: [visitor-id]\n", ""),
    )
    [(code, message)] = _codes(path)
    assert code == "policy-contradiction"
    assert 'but activity `statistics` records data from observed use of the service: "we measure how it is used"' in message


def test_gaps_report_a_cookie_whose_points_are_not_stated(tmp_path: Path) -> None:
    """Party, purpose, lifetime and the strictly-necessary flag are points of each cookie: not stated, each is a gap of
    the organisation naming the cookie, at its line."""
    path = _variant(
        tmp_path,
        (
            '    lifetime: {value: P13M, evidence: [{quote: "expires after 13 months"}]}',
            '    lifetime: {not_stated: true, note: "Ask the provider."}',
        ),
        (
            '    party: {value: first-party, evidence: [{quote: "The cookie cookie_consent is our own cookie."}]}',
            "    party: {not_stated: true}",
        ),
    )
    outcome = validate_file(path)
    assert outcome.register is not None
    gaps = {(g.point.key, g.field, g.note) for g in missing(outcome.register)}
    assert ("cookie-lifetime", "cookies[0].lifetime", "_pk_id: Ask the provider.") in gaps
    assert ("cookie-party", "cookies[1].party", "cookie_consent") in gaps
    text = CliRunner().invoke(main, ["gaps", str(path)]).output
    assert "cookie-lifetime" in text
    assert "cookies[0].lifetime  (_pk_id: Ask the provider.)" in text


def test_diff_compares_cookies_as_entities(tmp_path: Path) -> None:
    """A lifetime changed, a cookie removed and an activity naming one cookie fewer: each a change a reviewer reads."""
    text = REGISTER.read_text(encoding="utf-8")
    start, end = text.index("  - id: consent"), text.index("activities:")
    new = _variant(
        tmp_path,
        ("lifetime: {value: P13M", "lifetime: {value: P25M"),
        (text[start:end], ""),
        ("    cookies: [pk-id, consent]", "    cookies: [pk-id]"),
        name="new.yaml",
    )
    result = CliRunner().invoke(main, ["diff", "--format", "json", str(REGISTER), str(new)])
    assert result.exit_code == 1, result.output
    changes = json.loads(result.output)["changes"]
    cookie = [(c["action"], c["point"], c.get("old"), c.get("new")) for c in changes if c["area"] == "cookie"]
    assert ("changed", "point.cookie-lifetime", ["P13M"], ["P25M"]) in cookie
    assert any(action == "removed" for action, *_ in cookie)
    assert any(c["area"] == "activity" and c["point"] == "point.cookies" for c in changes)


_SECOND_ACTIVITY = """  - id: newsletter
    name: Newsletter
    business_function: {not_stated: true}
    purposes:
      - description: Sending the newsletter.
        evidence: [{quote: "we measure how it is used"}]
        lawful_basis: {basis: f-legitimate-interests, evidence: [{quote: "we measure how it is used"}]}
    data_subjects: {value: [visitors], evidence: [{quote: "When you visit our website"}]}
    data_categories: {value: [visitor-id], evidence: [{quote: "a random visitor ID"}]}
    data_source: {not_stated: true}
    recipients: {not_stated: true}
    transfers: {not_stated: true}
    retention: {not_stated: true}
    security_measures: {not_stated: true}
    automated_decisions: {not_stated: true}
    dpia: {not_stated: true}
    storage_location: {not_stated: true}
    cookies: [COOKIES]
"""


_PROMISES = {
    "no-cookies-before-consent": "It is only set after you accept statistics cookies.",
    "cookies-hold-no-personal-data": "Cookies do not store personal data.",
}


@pytest.mark.parametrize(
    ("kind", "second_uses", "named", "told"),
    [
        # _pk_id is not strictly necessary: the statistics activity sets it on consent, the newsletter on legitimate interests
        ("no-cookies-before-consent", "pk-id", "statistics", False),
        ("no-cookies-before-consent", "pk-id", "newsletter", True),
        ("no-cookies-before-consent", "pk-id", None, True),
        # _pk_id identifies the browser: a promise about the newsletter, which sets only the consent cookie, is kept
        ("cookies-hold-no-personal-data", "consent", "newsletter", False),
        ("cookies-hold-no-personal-data", "consent", "statistics", True),
        ("cookies-hold-no-personal-data", "consent", None, True),
    ],
)
def test_a_cookie_claim_naming_activities_judges_only_their_cookies(
    tmp_path: Path, kind: str, second_uses: str, named: str | None, told: bool
) -> None:
    """A promise the policy limits to some activities (`policy_claims[].activities`) is broken only by the cookies those
    activities use, and by their own use of a cookie; left unscoped, every cookie and every use is judged."""
    quote = _PROMISES[kind]
    scoped = f"\n    activities: [{named}]" if named else ""
    claims = f"""roles: [controller]
policy_claims:
  - kind: {kind}
    evidence: [{{quote: "{quote}"}}]{scoped}
"""
    text = REGISTER.read_text(encoding="utf-8").split("# expect:")[0] + _SECOND_ACTIVITY.replace("COOKIES", second_uses)
    (tmp_path / "policy.txt").write_text((FOLDER / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "register.yaml"
    path.write_text(text.replace("roles: [controller]\n", claims, 1), encoding="utf-8")
    found = [message for code, message in _codes(path) if code == "policy-contradiction"]
    assert bool(found) == told, found
    if kind == "no-cookies-before-consent" and told:
        assert found == [
            f'the policy promises "{quote}", but cookie `pk-id` (_pk_id) is not strictly necessary and activity `newsletter` uses it on '
            f'f-legitimate-interests: "{quote}"'
        ]
