"""Cross-checks whose outcome depends on more than one place of a register."""

from __future__ import annotations

import shutil
from pathlib import Path

from ropa.checks.evidence import closest_passage, fold
from ropa.validate import validate_file
from tests.conftest import MINIMAL


def _variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    shutil.copy(MINIMAL / "policy.txt", tmp_path / "policy.txt")
    text = (MINIMAL / "register.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _codes(path: Path) -> dict[str, str]:
    return {f.code: f.message for f in validate_file(path).findings}


ADEQUACY = '        mechanism: {mechanism: art45-adequacy-decision, evidence: [{quote: "MailChimp"}]}'


def test_us_adequacy_needs_dpf_certification(tmp_path: Path) -> None:
    """US adequacy holds only for a recipient stated to be DPF-certified."""
    uncertified = _variant(tmp_path, ("        mechanism: {not_stated: true}", ADEQUACY))
    assert "adequacy-not-available" in _codes(uncertified)
    certified = _variant(
        tmp_path,
        ("        mechanism: {not_stated: true}", ADEQUACY),
        ("    kind: processor\n", '    kind: processor\n    dpf_certified: {value: true, evidence: [{quote: "MailChimp"}]}\n'),
    )
    codes = _codes(certified)
    assert "adequacy-not-available" not in codes
    assert not any(f.is_error for f in validate_file(certified).findings)


def test_privacy_shield_is_accepted_for_a_2017_register_with_a_warning(tmp_path: Path) -> None:
    """A register dated 2017 may cite the Privacy Shield; the warning says it is void today."""
    path = _variant(
        tmp_path,
        ("  date: 2025-06-01", "  date: 2017-10-07"),
        (
            "        mechanism: {not_stated: true}",
            '        mechanism: {mechanism: privacy-shield-2016-1250, evidence: [{quote: "MailChimp"}]}',
        ),
    )
    codes = _codes(path)
    assert "privacy-shield-invalid" not in codes
    assert "C-311/18" in codes["privacy-shield-historical"]


def test_japan_adequacy_depends_on_the_register_date(tmp_path: Path) -> None:
    """Adequacy for Japan exists from 2019: a 2018 register cannot claim it, a 2025 one can."""
    edits = (
        ("country: {value: US,", "country: {value: JP,"),
        ("      - country: US\n", "      - country: JP\n"),
        ("        country: US\n", "        country: JP\n"),
        ("        mechanism: {not_stated: true}", ADEQUACY),
    )
    assert "adequacy-not-available" not in _codes(_variant(tmp_path, *edits))
    assert "adequacy-not-available" in _codes(_variant(tmp_path, *edits, ("  date: 2025-06-01", "  date: 2018-06-01")))


def test_contradiction_quotes_both_sides(tmp_path: Path) -> None:
    """A promise that data stay in the EEA, against a US recipient, warns with both quotes."""
    path = _variant(
        tmp_path,
        (
            "roles: [controller]\n",
            'roles: [controller]\npolicy_claims:\n  - kind: data-stay-in-eea\n    evidence: [{quote: "All data is encrypted in transit."}]\n',
        ),
    )
    message = _codes(path)["policy-contradiction"]
    assert '"All data is encrypted in transit."' in message
    assert '"MailChimp, whose servers are in the USA"' in message


def test_unnamed_destination_is_a_warning_and_a_gap(tmp_path: Path) -> None:
    """A transfer 'outside the EEA' with no country is recorded, warned about and counted as a gap."""
    from ropa.reporting.gaps import Status, missing

    path = _variant(tmp_path, ("      - country: US\n", "      - unnamed_destination: servers in the USA\n"))
    outcome = validate_file(path)
    assert "transfer-destination-not-stated" in {f.code for f in outcome.findings}
    assert outcome.register is not None
    assert any(g.point.key == "transfer-destination" and g.status is Status.NOT_STATED for g in missing(outcome.register))


def test_recipient_abroad_without_transfer(tmp_path: Path) -> None:
    """A US recipient the activity discloses to, with no transfer entry, is flagged."""
    path = _variant(
        tmp_path,
        (
            '    transfers:\n      - country: US\n        recipient: mailchimp\n        mechanism: {not_stated: true}\n        evidence: [{quote: "MailChimp, whose servers are in the USA"}]\n',
            "    transfers: {not_stated: true}\n",
        ),
    )
    assert "recipient-abroad-no-transfer" in _codes(path)


def test_closest_passage_points_at_the_edit() -> None:
    """When a quote was changed, the message shows the source passage it most resembles."""
    text = fold("Intro. We keep invoices for seven years as the law requires. Outro.")
    assert (
        closest_passage("We keep invoices for ten years as the law requires.", text)
        == "We keep invoices for seven years as the law requires."
    )
    assert closest_passage("Completely unrelated words here", text) is None


def test_contradiction_from_a_transfer_alone(tmp_path: Path) -> None:
    """A transfer out of the EEA contradicts a stay-in-the-EEA promise even when the recipient's country is not stated."""
    path = _variant(
        tmp_path,
        (
            "roles: [controller]\n",
            'roles: [controller]\npolicy_claims:\n  - kind: data-stay-in-eea\n    evidence: [{quote: "All data is encrypted in transit."}]\n',
        ),
        ('    country: {value: US, evidence: [{quote: "MailChimp, whose servers are in the USA"}]}\n', "    country: {not_stated: true}\n"),
        ("        country: US\n        recipient: mailchimp\n", "        recipient: mailchimp\n"),
    )
    messages = [f.message for f in validate_file(path).findings if f.code == "policy-contradiction"]
    assert len(messages) == 1
    assert "records a transfer to United States" in messages[0]


def test_every_claim_kind_is_checked() -> None:
    """A promise a register can record is always compared with the details (no kind is silently ignored)."""
    from ropa.checks.claims import _BREACHES
    from ropa.model.enums import ClaimKind

    assert set(_BREACHES) == set(ClaimKind)
