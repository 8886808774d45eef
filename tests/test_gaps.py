"""What `ropa gaps`, the workbook and the document call stated, none, not stated or not applicable."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from ropa.cli import main
from ropa.model import Register
from ropa.reporting.gaps import Gap, Status, all_gaps, missing
from ropa.validate import validate_file
from tests.conftest import MINIMAL, minimal_data, write_variant

QUOTE = [{"quote": "we use your e-mail address"}]

MINIMAL_GAPS = [
    (None, "controller-name", "Art. 30(1)(a)", "stated", "controller.name", None),
    (None, "registration-number", "Art. 30(1)(a)", "stated", "controller.registration_number", None),
    (None, "address", "Art. 30(1)(a)", "stated", "controller.address", None),
    (None, "country", "Art. 30(1)(a)", "stated", "controller.country", None),
    (None, "contacts", "Art. 30(1)(a)", "stated", "controller.contacts", None),
    (
        None,
        "representative",
        "Art. 30(1)(a), Art. 27",
        "not-applicable",
        "representative",
        "The controller is established in the EU (Art. 27(1)).",
    ),
    (None, "dpo", "Art. 30(1)(a), Art. 37", "not-stated", "dpo", None),
    (None, "joint-controllers", "Art. 30(1)(a), Art. 26", "not-stated", "joint_controllers", None),
    (
        None,
        "supervisory-authority",
        "Art. 51, Art. 56",
        "not-stated",
        "supervisory_authority",
        "Presumably IMY (Sweden); the policy names no authority.",
    ),
    (None, "rights", "Art. 12-22", "stated", "data_subject_rights", None),
    (None, "employees", "Art. 30(5)", "not-stated", "art30_5.employees", None),
    (None, "last-reviewed", "template", "not-stated", "register.last_reviewed", None),
    ("newsletter", "business-function", "template", "not-stated", "activities[0].business_function", None),
    ("newsletter", "purposes", "Art. 30(1)(b)", "stated", "activities[0].purposes", None),
    (
        "newsletter",
        "lawful-basis",
        "Art. 6(1)",
        "stated",
        "activities[0].purposes[0].lawful_basis",
        "Implied by the opt-in subscription; the policy does not name the basis.",
    ),
    ("newsletter", "data-subjects", "Art. 30(1)(c)", "stated", "activities[0].data_subjects", None),
    ("newsletter", "data-categories", "Art. 30(1)(c)", "stated", "activities[0].data_categories", None),
    (
        "newsletter",
        "art9-condition",
        "Art. 9(2)",
        "not-applicable",
        "activities[0].special_category_conditions",
        "no special-category data",
    ),
    ("newsletter", "art10-basis", "Art. 10", "not-applicable", "activities[0].criminal_offence_basis", "no criminal-offence data"),
    ("newsletter", "data-source", "Art. 13-14", "stated", "activities[0].data_source", None),
    ("newsletter", "recipients", "Art. 30(1)(d)", "stated", "activities[0].recipients", None),
    ("newsletter", "transfers", "Art. 30(1)(e)", "stated", "activities[0].transfers", None),
    ("newsletter", "transfer-mechanism", "Art. 30(1)(e), Art. 44-49", "not-stated", "activities[0].transfers[0].mechanism", None),
    ("newsletter", "retention", "Art. 30(1)(f)", "not-stated", "activities[0].retention", None),
    (
        "newsletter",
        "security-measures",
        "Art. 30(1)(g), Art. 32(1)",
        "stated",
        "activities[0].security_measures",
        "organisation-wide measures only",
    ),
    ("newsletter", "automated-decisions", "Art. 22", "not-stated", "activities[0].automated_decisions", None),
    ("newsletter", "dpia", "Art. 35", "not-stated", "activities[0].dpia", None),
    ("newsletter", "storage-location", "template", "stated", "activities[0].storage_location", None),
]


def _row(g: Gap) -> tuple[str | None, str, str, str, str, str | None]:
    return (g.activity, g.point.key, g.point.article, g.status.value, g.field, g.note)


def _register(path: Path) -> Register:
    outcome = validate_file(path)
    assert outcome.register is not None, outcome.findings
    return outcome.register


def _variant(tmp_path: Path, activity: dict[str, Any], **top: Any) -> Register:
    data = minimal_data()
    data["activities"][0].update(activity)
    data.update(top)
    return _register(write_variant(tmp_path, data))


def _activity_rows(register: Register, *keys: str) -> list[tuple[str, str, str | None]]:
    return [(g.point.key, g.status.value, g.note) for g in all_gaps(register) if g.activity and g.point.key in keys]


def test_every_point_of_the_minimal_register() -> None:
    """The organisation's points first, then the activity's, each with its article, status, field and note."""
    assert [_row(g) for g in all_gaps(_register(MINIMAL / "register.yaml"))] == MINIMAL_GAPS


def test_missing_lists_only_the_points_not_stated() -> None:
    expected = [row for row in MINIMAL_GAPS if row[3] == "not-stated"]
    assert [_row(g) for g in missing(_register(MINIMAL / "register.yaml"))] == expected


HEALTH = {"id": "health", "name": "Health", "special_category": "health", "evidence": QUOTE}
RECORD = {"id": "record", "name": "Record", "criminal_offence": True, "evidence": QUOTE}
SENSITIVE = {"data_categories": {"value": ["email", "first-name", "health", "record"], "evidence": QUOTE}}


def test_art9_and_art10_points_follow_the_activitys_data(tmp_path: Path) -> None:
    """With special or criminal data the points are open until stated; without, they do not apply."""
    cats = [*minimal_data()["data_categories"], HEALTH, RECORD]
    unstated = _variant(tmp_path, SENSITIVE, data_categories=cats)
    assert _activity_rows(unstated, "art9-condition", "art10-basis") == [
        ("art9-condition", "not-stated", None),
        ("art10-basis", "not-stated", None),
    ]
    stated = _variant(
        tmp_path,
        {
            **SENSITIVE,
            "special_category_conditions": [{"condition": "a-explicit-consent", "evidence": QUOTE}],
            "criminal_offence_basis": {"basis": "official-authority", "evidence": QUOTE},
        },
        data_categories=cats,
    )
    assert _activity_rows(stated, "art9-condition", "art10-basis") == [("art9-condition", "stated", None), ("art10-basis", "stated", None)]
    only_health = _variant(
        tmp_path,
        {
            "data_categories": {"value": ["email", "first-name", "health"], "evidence": QUOTE},
            "special_category_conditions": {"not_stated": True},
        },
        data_categories=cats[:3],
    )
    assert _activity_rows(only_health, "art9-condition", "art10-basis") == [
        ("art9-condition", "not-stated", None),
        ("art10-basis", "not-applicable", "no criminal-offence data"),
    ]
    only_record = _variant(
        tmp_path, {"data_categories": {"value": ["email", "first-name", "record"], "evidence": QUOTE}}, data_categories=[*cats[:2], RECORD]
    )
    assert _activity_rows(only_record, "art9-condition", "art10-basis") == [
        ("art9-condition", "not-applicable", "no special-category data"),
        ("art10-basis", "not-stated", None),
    ]


def test_categories_not_stated_make_art9_and_art10_not_applicable(tmp_path: Path) -> None:
    register = _variant(tmp_path, {"data_categories": {"not_stated": True}}, data_categories=[*minimal_data()["data_categories"], HEALTH])
    assert _activity_rows(register, "data-categories", "art9-condition", "art10-basis") == [
        ("data-categories", "not-stated", None),
        ("art9-condition", "not-applicable", "no special-category data"),
        ("art10-basis", "not-applicable", "no criminal-offence data"),
    ]


def test_each_register_is_judged_by_its_own_categories(tmp_path: Path) -> None:
    """Gaps of one register never use another register's data categories (they are cached per register)."""
    plain = _register(MINIMAL / "register.yaml")
    (tmp_path / "b").mkdir()
    cats = minimal_data()["data_categories"]
    cats[0]["special_category"] = "health"
    special = _variant(tmp_path / "b", {}, data_categories=cats)
    for register, status in ((plain, "not-applicable"), (special, "not-stated"), (plain, "not-applicable"), (special, "not-stated")):
        assert _activity_rows(register, "art9-condition")[0][1] == status


def test_none_not_applicable_and_notes(tmp_path: Path) -> None:
    register = _variant(
        tmp_path,
        {
            "recipients": {"none": True, "evidence": QUOTE, "note": "Nobody else sees the list."},
            "transfers": {"not_applicable": True, "reason": "No recipient."},
            "automated_decisions": {"none": True, "evidence": QUOTE},
            "dpia": {"not_stated": True, "note": "Ask the DPO."},
            "business_function": {"value": "Marketing", "evidence": QUOTE, "note": "Inferred."},
            "storage_location": {"not_stated": True},
        },
    )
    assert _activity_rows(
        register, "business-function", "recipients", "transfers", "transfer-mechanism", "automated-decisions", "dpia"
    ) == [
        ("business-function", "stated", "Inferred."),
        ("recipients", "none", "Nobody else sees the list."),
        ("transfers", "not-applicable", "No recipient."),
        ("automated-decisions", "none", None),
        ("dpia", "not-stated", "Ask the DPO."),
    ]


def test_transfers_each_give_their_destination_and_mechanism(tmp_path: Path) -> None:
    quote = [{"quote": "MailChimp, whose servers are in the USA"}]
    register = _variant(
        tmp_path,
        {
            "transfers": [
                {"unnamed_destination": "abroad", "mechanism": {"not_stated": True, "note": "Ask."}, "evidence": quote},
                {
                    "country": "US",
                    "recipient": "mailchimp",
                    "evidence": quote,
                    "mechanism": {"mechanism": "art46-2-c-standard-contractual-clauses", "evidence": quote, "note": "Clauses of 2021."},
                },
            ]
        },
    )
    rows = [(g.point.key, g.status.value, g.field, g.note) for g in all_gaps(register) if g.point.key.startswith("transfer")]
    assert rows == [
        ("transfers", "stated", "activities[0].transfers", None),
        ("transfer-destination", "not-stated", "activities[0].transfers[0].unnamed_destination", "abroad"),
        ("transfer-mechanism", "not-stated", "activities[0].transfers[0].mechanism", "Ask."),
        ("transfer-mechanism", "stated", "activities[0].transfers[1].mechanism", "Clauses of 2021."),
    ]


def test_a_point_is_attested_only_when_no_quote_lies_anywhere_within_it(tmp_path: Path) -> None:
    """The transfers point rests on attestations only until the mechanism inside one transfer quotes the policy."""
    attestation = [{"attested_by": "Head of IT", "date": "2025-05-01"}]

    def transfers(mechanism_evidence: list[dict[str, str]]) -> Register:
        mechanism = {"mechanism": "art46-2-c-standard-contractual-clauses", "evidence": mechanism_evidence}
        first = {"country": "US", "recipient": "mailchimp", "evidence": attestation, "mechanism": mechanism}
        second = {"country": "US", "recipient": "mailchimp", "evidence": attestation, "mechanism": {**mechanism, "evidence": attestation}}
        return _variant(tmp_path, {"transfers": [second, first]})

    def marks(register: Register) -> list[tuple[str, str, bool]]:
        return [(g.point.key, g.field, g.attested) for g in all_gaps(register) if g.point.key.startswith("transfer")]

    assert marks(transfers(attestation)) == [
        ("transfers", "activities[0].transfers", True),
        ("transfer-mechanism", "activities[0].transfers[0].mechanism", True),
        ("transfer-mechanism", "activities[0].transfers[1].mechanism", True),
    ]
    assert marks(transfers([{"quote": "MailChimp, whose servers are in the USA"}])) == [
        ("transfers", "activities[0].transfers", False),
        ("transfer-mechanism", "activities[0].transfers[0].mechanism", True),
        ("transfer-mechanism", "activities[0].transfers[1].mechanism", False),
    ]


def test_security_is_open_without_organisation_wide_measures(tmp_path: Path) -> None:
    measures = minimal_data()["security_measures"]
    measures[0]["organisation_wide"] = False
    register = _variant(tmp_path, {}, security_measures=measures)
    assert _activity_rows(register, "security-measures") == [
        ("security-measures", "not-stated", "Only the organisation-wide measure is described.")
    ]
    stated = _variant(tmp_path, {"security_measures": {"value": ["tls"], "evidence": QUOTE}}, security_measures=measures)
    assert _activity_rows(stated, "security-measures") == [("security-measures", "stated", None)]


def test_a_lawful_basis_per_purpose(tmp_path: Path) -> None:
    purpose = minimal_data()["activities"][0]["purposes"][0]
    register = _variant(tmp_path, {"purposes": [purpose, {**purpose, "lawful_basis": {"not_stated": True, "note": "Unclear."}}]})
    rows = [(g.status, g.field, g.note) for g in all_gaps(register) if g.point.key == "lawful-basis"]
    assert rows == [
        (
            Status.STATED,
            "activities[0].purposes[0].lawful_basis",
            "Implied by the opt-in subscription; the policy does not name the basis.",
        ),
        (Status.NOT_STATED, "activities[0].purposes[1].lawful_basis", "Unclear."),
    ]


def test_every_activity_point_carries_its_note(tmp_path: Path) -> None:
    """A note on any point reaches the gap table, whatever the point's status."""
    quote = [{"quote": "MailChimp, whose servers are in the USA"}]
    register = _variant(
        tmp_path,
        {
            "data_subjects": {"not_stated": True, "note": "n-subjects"},
            "data_categories": {"not_stated": True, "note": "n-categories"},
            "data_source": {"not_stated": True, "note": "n-source"},
            "retention": [{"rule": "Until unsubscribed.", "evidence": QUOTE, "note": "not this one"}],
            "automated_decisions": {"not_stated": True, "note": "n-automated"},
            "dpia": {"status": "not-required", "evidence": QUOTE},
            "storage_location": {"not_stated": True, "note": "n-location"},
            "transfers": [{"unnamed_destination": "abroad", "mechanism": {"not_stated": True}, "evidence": quote}],
        },
    )
    rows = [(g.activity, g.point.key, g.status.value, g.note) for g in all_gaps(register) if g.activity is not None]
    assert [
        r
        for r in rows
        if r[1]
        in {
            "data-subjects",
            "data-categories",
            "data-source",
            "retention",
            "automated-decisions",
            "dpia",
            "storage-location",
            "transfer-destination",
        }
    ] == [
        ("newsletter", "data-subjects", "not-stated", "n-subjects"),
        ("newsletter", "data-categories", "not-stated", "n-categories"),
        ("newsletter", "data-source", "not-stated", "n-source"),
        ("newsletter", "transfer-destination", "not-stated", "abroad"),
        ("newsletter", "retention", "stated", None),
        ("newsletter", "automated-decisions", "not-stated", "n-automated"),
        ("newsletter", "dpia", "stated", None),
        ("newsletter", "storage-location", "not-stated", "n-location"),
    ]


def test_retention_not_stated_carries_its_note(tmp_path: Path) -> None:
    register = _variant(tmp_path, {"retention": {"not_stated": True, "note": "Ask how long subscribers are kept."}})
    assert _activity_rows(register, "retention") == [("retention", "not-stated", "Ask how long subscribers are kept.")]


def test_ropa_gaps_points_at_each_gap_like_validate(tmp_path: Path) -> None:
    """Each open point is printed as `path:line:col:`, at the very place `ropa validate` reports findings about it."""
    path = write_variant(tmp_path, minimal_data())
    lines = path.read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(main, ["gaps", str(path)])
    shown = re.findall(r"^(.+?):(\d+):(\d+): NOT STATED .*? (\S+)(?:  \(.*\))?$", result.output, re.MULTILINE)
    assert {field for *_, field in shown} == {g.field for g in missing(_register(path))}
    for display, line, column, field in shown:
        assert display == str(path)
        assert lines[int(line) - 1][int(column) - 1 :].lstrip("{").startswith("not_stated: true"), field
    validate = CliRunner().invoke(main, ["validate", "--no-cache", str(path)]).output
    (mechanism,) = re.findall(r"^(.+:\d+:\d+): warning\[transfer-mechanism-not-stated\]", validate, re.MULTILINE)
    assert f"{mechanism}: NOT STATED" in result.output
    points = json.loads(CliRunner().invoke(main, ["gaps", "--format", "json", str(path)]).output)["registers"][0]["points"]
    retention = next(p for p in points if p["point"] == "retention")
    assert (retention["line"], retention["column"]) == next((int(ln), int(col)) for _, ln, col, f in shown if f.endswith("retention"))
