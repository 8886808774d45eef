"""Organisation-wide statements (`defaults`): inherited whole, checked once, shown as organisation-wide everywhere."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import yaml
from click.testing import CliRunner

from ropa.build import build_outputs
from ropa.cli import main
from ropa.diff import Area, compare
from ropa.model import Register
from ropa.schema import build_schema
from ropa.validate import validate_file
from tests.conftest import write_variant

EXAMPLES = Path(__file__).parent / "examples"
REGISTER = EXAMPLES / "valid" / "defaults" / "register.yaml"
POLICY = (EXAMPLES / "valid" / "defaults" / "policy.txt").read_text(encoding="utf-8")
ORG_WIDE = "Organisation-wide (applies to every activity unless stated otherwise):"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    return data


def _register(path: Path = REGISTER) -> Register:
    outcome = validate_file(path)
    assert outcome.register is not None, outcome.findings
    return outcome.register


def test_activities_inherit_what_they_do_not_state() -> None:
    """An activity takes each point it leaves out from `defaults`, whole; a point it states replaces the default."""
    reg = _register()
    newsletter, service = reg.activities
    assert "retention" not in newsletter.inherited
    assert {"retention", "security_measures", "storage_location", "dpia"} <= service.inherited
    assert newsletter.retention != service.retention
    assert service.retention == reg.defaults.retention if reg.defaults else False
    assert newsletter.security_measures == reg.defaults.security_measures if reg.defaults else False


def test_what_an_activity_inherits_survives_a_copy_and_counts_in_equality() -> None:
    """The public extract copies activities; a copy keeps `inherited`, and activities that inherit differently differ."""
    service = _register().activities[1]
    copy = service.model_copy(update={"name": service.name})
    assert copy.inherited == service.inherited
    assert copy == service
    own = service.model_copy()
    own.inherited = frozenset()
    assert service.inherited
    assert own != service
    assert not own.inherited


def test_a_register_without_defaults_reads_as_before() -> None:
    """Every activity of a register without `defaults` states every point itself: nothing is inherited."""
    reg = _register(EXAMPLES / "valid" / "minimal" / "register.yaml")
    assert reg.defaults is None
    assert all(not a.inherited for a in reg.activities)


def test_a_point_stated_nowhere_says_both_ways_to_fix_it() -> None:
    outcome = validate_file(EXAMPLES / "invalid" / "defaults" / "point-missing.yaml")
    errors = [f"{f.line} {f.code} {f.message}" for f in outcome.errors]
    assert errors == [
        "85 schema-missing activity `customer-service` states no `retention` and `defaults` has none: state it in the activity,"
        " or once under `defaults` for every activity (write `{not_stated: true}` if the source does not say)"
        " (see docs/format.md#activity-retention)"
    ]


def test_a_finding_inside_defaults_is_reported_once_at_its_line() -> None:
    """A quote of `defaults` that the source lacks: one error at the `defaults:` line, though two activities inherit it."""
    outcome = validate_file(EXAMPLES / "invalid" / "defaults" / "quote-not-found.yaml")
    found = [(f.line, f.field_path) for f in outcome.findings if f.code == "quote-not-found"]
    assert found == [(63, "defaults.security_measures.evidence[0].quote")]


def test_a_schema_error_inside_defaults_is_reported_once(tmp_path: Path) -> None:
    data = _data()
    data["defaults"]["retention"] = [{"period": "two years", "evidence": []}]
    outcome = validate_file(write_variant(tmp_path, data, POLICY))
    assert [(f.code, f.field_path) for f in outcome.errors] == [("schema-value", "defaults.retention[0].period")]


def test_an_organisation_wide_review_is_judged_once(tmp_path: Path) -> None:
    data = _data()
    data["defaults"]["last_reviewed"] = {"value": dt.date(2023, 1, 1), "note": "Reviewed by the DPO."}
    outcome = validate_file(write_variant(tmp_path, data, POLICY))
    stale = [(f.field_path, f.message) for f in outcome.findings if f.code == "review-stale"]
    assert len(stale) == 1
    assert stale[0][0] == "defaults.last_reviewed.value"
    assert stale[0][1].startswith("the organisation-wide `defaults` was last reviewed on 2023-01-01")


def test_a_default_no_activity_inherits_is_a_warning(tmp_path: Path) -> None:
    data = _data()
    data["activities"][1]["retention"] = {"not_stated": True}
    outcome = validate_file(write_variant(tmp_path, data, POLICY))
    unused = [(f.field_path, f.severity.value) for f in outcome.findings if f.code == "default-unused"]
    assert unused == [("defaults.retention", "warning")]


def test_gaps_text_reports_a_default_once_and_activities_only_for_their_own_points() -> None:
    result = CliRunner().invoke(main, ["gaps", str(REGISTER)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum("defaults.retention" in line for line in lines) == 1
    assert not any("activities[1].retention" in line or "activities[0].business_function" in line for line in lines)
    assert any(line.startswith("  organisation-wide statements (defaults") for line in lines)
    assert "  activity customer-service: 4 stated, 2 n/a; 9 organisation-wide (defaults)" in lines


def test_gaps_json_reports_a_default_once_and_lists_what_is_inherited() -> None:
    result = CliRunner().invoke(main, ["gaps", "--format", "json", str(REGISTER)])
    assert result.exit_code == 0, result.output
    reg = json.loads(result.output)["registers"][0]
    fields = [p["field"] for p in reg["points"]]
    assert fields.count("defaults.retention") == 1
    assert not any(f.startswith("activities[1].retention") for f in fields)
    point = next(p for p in reg["points"] if p["field"] == "defaults.retention")
    assert (point["activity"], point["status"]) == (None, "not-stated")
    assert {"activity": "customer-service", "point": "retention", "field": "activities[1].retention", "from": "defaults.retention"} in reg[
        "inherited"
    ]
    assert reg["summary"]["not-stated"] == sum(p["status"] == "not-stated" for p in reg["points"])


def _build(tmp_path: Path, lang: str | None = None) -> tuple[Any, Any]:
    outcome = validate_file(REGISTER)
    build_outputs(outcome, out_dir=tmp_path, lang=lang)
    return docx.Document(str(tmp_path / "example-defaults.docx")), openpyxl.load_workbook(tmp_path / "example-defaults.xlsx")


def _rows(document: Any, label: str) -> list[str]:
    """The value cells of every activity table row whose label starts with ``label``."""
    return [r.cells[1].text for t in document.tables for r in t.rows if len(r.cells) == 2 and r.cells[0].text.startswith(label)]


def test_word_shows_inherited_values_as_organisation_wide(tmp_path: Path) -> None:
    document, _ = _build(tmp_path)
    own, inherited = _rows(document, "Time limits for erasure")
    assert own == "All categories of the activity: until the subscriber unsubscribes"
    assert inherited.splitlines()[:2] == [ORG_WIDE, "Not stated in source"]
    assert all(
        cell.splitlines()[:2] == [ORG_WIDE, "Data encrypted in transit."] for cell in _rows(document, "Technical and organisational")
    )
    quotes = [p.text for p in document.paragraphs]
    assert "— Privacy policy of Example AB. Evidence for: Technical and organisational security measures (organisation-wide)" in quotes


def test_word_in_swedish_says_so_too(tmp_path: Path) -> None:
    document, _ = _build(tmp_path, "sv")
    cells = _rows(document, "Lagringsplats")
    assert cells
    assert all(c.splitlines()[0] == "Gäller hela organisationen (varje behandling om inget annat anges):" for c in cells)


def test_workbook_marks_inherited_cells(tmp_path: Path) -> None:
    _, workbook = _build(tmp_path)
    sheet = workbook["Register"]
    header = [str(c.value).split("\n")[0] for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["newsletter"]["Time limits for erasure"] == "until the subscriber unsubscribes"
    assert rows["customer-service"]["Time limits for erasure"] == "Organisation-wide: Not stated in source"
    assert rows["newsletter"]["Storage location"] == "Organisation-wide: Own servers (Sweden)"
    gaps = [r for r in workbook["Gaps"].iter_rows(min_row=2, values_only=True) if r[6] and "retention" in r[6]]
    assert [(r[1], r[6]) for r in gaps] == [("Organisation (organisation-wide)", "defaults.retention")]
    retention = [(r[0], r[1]) for r in workbook["Retention"].iter_rows(min_row=2, values_only=True)]
    assert retention == [("newsletter", "Newsletter"), ("customer-service", "Customer service (organisation-wide)")]
    evidence = [r[3] for r in workbook["Evidence"].iter_rows(min_row=2, values_only=True)]
    assert evidence.count("defaults.security_measures") == 1
    assert not any(str(e).startswith("activities[1].security_measures") for e in evidence)


def _changed(tmp_path: Path, edit: Any) -> Register:
    data = _data()
    data["register"]["date"] = dt.date(2025, 9, 1)
    edit(data)
    return _register(write_variant(tmp_path, data, POLICY))


def test_diff_reports_a_changed_default_once(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["defaults"]["storage_location"][0]["description"] = "Own servers in our data centre"

    report = compare(_register(), _changed(tmp_path, edit))
    changes = [(c.area, c.item, c.point) for c in report.changes]
    assert changes == [(Area.ORGANISATION, "Organisation-wide statements", "point.storage-location")]


def test_diff_reports_an_activity_leaving_a_default_as_its_own_change(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["activities"][1]["business_function"] = {
            "value": "Customer service team",
            "evidence": [{"quote": "When you contact customer service"}],
        }

    report = compare(_register(), _changed(tmp_path, edit))
    changes = [(c.area, c.item, c.point, c.old, c.new) for c in report.changes]
    assert changes == [
        (
            Area.ACTIVITY,
            "Customer service",
            "point.business-function",
            ("Organisation-wide statement (applies unless the activity states its own)",),
            ("Customer service team",),
        )
    ]


def test_diff_opens_a_gap_in_defaults_once(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["defaults"]["storage_location"] = {"not_stated": True}

    report = compare(_register(), _changed(tmp_path, edit))
    gaps = [(c.item, c.action.value, c.new_id) for c in report.changes if c.area is Area.GAP]
    assert gaps == [("Organisation-wide statements", "opened", "defaults")]


def test_word_annexes_mark_an_inherited_retention() -> None:
    """The retention annex names the activity and says its time limit is the organisation-wide one."""
    with tempfile.TemporaryDirectory() as tmp:
        document, _ = _build(Path(tmp))
    cells = [r.cells[0].text for t in document.tables for r in t.rows if r.cells[0].text.startswith("3.")]
    assert "3.2 Customer service (organisation-wide)" in cells
    assert "3.1 Newsletter" in cells


def test_schema_requires_a_point_of_the_activity_only_where_defaults_lacks_it() -> None:
    schema = json.loads(build_schema())
    assert "retention" not in schema["$defs"]["Activity"]["required"]
    rule = next(r for r in schema["allOf"] if r["if"]["properties"]["defaults"]["required"] == ["retention"])
    assert rule["else"] == {"properties": {"activities": {"items": {"required": ["retention"]}}}}
    assert "defaults" in schema["properties"]


def test_a_promise_broken_by_a_default_is_reported_once(tmp_path: Path) -> None:
    """A policy promise against an organisation-wide detail: one warning naming `defaults`, not one per activity."""
    data = _data()
    data["policy_claims"] = [{"kind": "data-stay-in-eea", "evidence": [{"quote": "stored on our own servers in Stockholm"}]}]
    data["defaults"]["storage_location"][0]["country"] = "US"
    outcome = validate_file(write_variant(tmp_path, data, POLICY))
    found = [(f.message, f.related) for f in outcome.findings if f.code == "policy-contradiction"]
    assert len(found) == 1
    assert "the organisation-wide `defaults` stores data in United States" in found[0][0]
    assert found[0][1] == ("defaults.storage_location[0]",)


def test_a_default_recipient_abroad_without_a_transfer_is_reported_once(tmp_path: Path) -> None:
    data = _data()
    data["recipients"] = [
        {
            "id": "mailer",
            "name": "Mailer Inc.",
            "kind": "processor",
            "country": {"value": "US", "evidence": [{"quote": "stored on our own servers in Stockholm"}]},
            "evidence": [{"quote": "stored on our own servers in Stockholm"}],
        }
    ]
    data["defaults"]["recipients"] = {"value": ["mailer"], "evidence": [{"quote": "stored on our own servers in Stockholm"}]}
    outcome = validate_file(write_variant(tmp_path, data, POLICY))
    found = [f.field_path for f in outcome.findings if f.code == "recipient-abroad-no-transfer"]
    assert found == ["defaults.recipients.value[0]"]
