"""DPIA screening (Art. 35, WP248 rev.01): the findings on a register built for it, and on the shipped registers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NoReturn

from click.testing import CliRunner

from ropa.cli import main
from ropa.reference.dpia_lists import lists
from ropa.reporting.dpia import Criterion, Result, Screening, screen_all
from ropa.validate import validate_file
from tests.conftest import ROOT

EXAMPLE = ROOT / "tests" / "examples" / "valid" / "dpia" / "register.yaml"


def _screenings(path: Path = EXAMPLE) -> dict[str, Screening]:
    outcome = validate_file(path)
    assert outcome.register is not None, outcome.findings
    return {s.activity: s for s in screen_all(outcome.register)}


def _results(path: Path = EXAMPLE) -> dict[str, dict[str, str]]:
    return {a: {j.criterion.value: j.result.value for j in s.judgements} for a, s in _screenings(path).items()}


def test_two_criteria_met_warns_and_names_the_evidence() -> None:
    """Profiling and large scale without a DPIA: `dpia-likely-required` with both criteria and their quotes."""
    results = _results()["loyalty"]
    assert [c for c, r in results.items() if r == "met"] == ["evaluation-or-scoring", "large-scale"]
    assert results["systematic-monitoring"] == "not-met"
    result = CliRunner().invoke(main, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "dpia-likely-required" in x)
    assert ":96:" in line
    assert "evaluation-or-scoring" in line
    assert "build a profile of your preferences" in line
    assert "large-scale" in line
    assert "About 2 million card holders" in line
    assert "2,000,000 people" in line
    assert "not judged, not stated: sensitive-data, combined-datasets, innovative-technology, prevents-right-or-service" in line


def test_one_criterion_met_does_not_warn() -> None:
    """Systematic monitoring alone: no warning. "No automated decisions" (Art. 22 `none`) rules out criterion 2 only;
    whether subscribers are evaluated or scored (criterion 1) is not stated, so it is not judged."""
    results = _results()["newsletter"]
    expected = {Criterion.MONITORING: "met", Criterion.EVALUATION: "not-stated"}
    assert results == {c.value: expected.get(c, "not-met") for c in Criterion}
    codes = {(f.code, f.field_path) for f in validate_file(EXAMPLE).findings}
    assert not any(path.startswith("activities[1]") for code, path in codes if code.startswith("dpia"))


PROFILING_YAML = "automated_decisions: {profiling: false, automated_decision: false, description: ..., evidence: [...]}"


def test_none_shows_the_yaml_that_states_profiling() -> None:
    """`none` leaves evaluation or scoring open: the hint (gaps, validate) shows the exact YAML that closes it."""
    why = {j.criterion: j for j in _screenings()["newsletter"].judgements}[Criterion.EVALUATION].evidence
    assert why.endswith(f"but not whether people are evaluated or scored: state it, e.g. `{PROFILING_YAML}`"), why
    result = CliRunner().invoke(main, ["gaps", str(EXAMPLE)])
    assert PROFILING_YAML in result.output


def test_a_criterion_not_stated_is_listed_not_assumed_absent() -> None:
    """The pharmacy: health data (met); vulnerability and profiling not stated, so not judged; one met is no warning."""
    s = _screenings()["pharmacy"]
    results = {j.criterion: j for j in s.judgements}
    assert results[Criterion.SENSITIVE].result is Result.MET
    assert "medication (health)" in results[Criterion.SENSITIVE].evidence
    assert results[Criterion.VULNERABLE].result is Result.NOT_STATED
    assert "not whether the service treats them as vulnerable" in results[Criterion.VULNERABLE].evidence
    assert results[Criterion.EVALUATION].result is Result.NOT_STATED
    assert not s.likely_required


def test_national_list_entry_requires_a_dpia() -> None:
    """The cameras name AP entry 9 (Cameratoezicht): `dpia-required-by-list` with the list's authority and date."""
    s = _screenings()["cameras"]
    assert [(m.entry, m.name) for m in s.list_matches] == [("nl-ap-09", "Cameratoezicht (camera surveillance)")]
    assert s.list_required
    assert not s.likely_required
    found = [f for f in validate_file(EXAMPLE).findings if f.code == "dpia-required-by-list"]
    assert [(f.line, f.severity.value) for f in found] == [(169, "warning")]
    assert "Autoriteit Persoonsgegevens (AP) list of 2019-11-27" in found[0].message


def test_unknown_list_entry_is_an_error(tmp_path: Path) -> None:
    """An entry that is not on the controller's country's list is an error, never ignored."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("entry: nl-ap-09", "entry: fr-cnil-04")
    (tmp_path / "register.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "policy.txt").write_text((EXAMPLE.parent / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "register.yaml")])
    assert result.exit_code == 1
    assert "error[dpia-list-entry-unknown]: `fr-cnil-04` is not an entry of the Autoriteit Persoonsgegevens (AP) list" in result.output


def test_a_recorded_dpia_silences_the_warning(tmp_path: Path) -> None:
    """The same loyalty card with a DPIA done: no `dpia-likely-required`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    first = text.index("    dpia: {not_stated: true}")
    text = text[:first] + "    dpia: {status: required-done, reference: DPIA 2025-01}" + text[first + len("    dpia: {not_stated: true}") :]
    (tmp_path / "register.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "policy.txt").write_text((EXAMPLE.parent / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    codes = [f.code for f in validate_file(tmp_path / "register.yaml").findings]
    assert "dpia-likely-required" not in codes
    assert "dpia-required-by-list" in codes


def test_national_lists_are_dated_and_cited() -> None:
    """NL, SE, FR and DE lists, each with its authority, date, reference and URL; entry ids are unique and prefixed."""
    data = lists()
    assert set(data) >= {"NL", "SE", "FR", "DE"}
    assert len(data["NL"].entries) == 17
    assert len(data["FR"].entries) == 14
    assert not any(e.verified for e in data["DE"].entries)  # recalled, not checked: said so in every output
    for country, national in data.items():
        assert national.url.startswith("https://")
        assert national.reference
        assert national.note
        ids = [e.id for e in national.entries]
        assert len(ids) == len(set(ids))
        assert all(i.startswith(country.lower() + "-") for i in ids)


#: The shipped registers' DPIA findings: criteria met per activity (the rest are not met or not stated).
SHIPPED_MET = {
    "policies/cm/register-2017-10-07.yaml": {"retargeting": ["evaluation-or-scoring"]},
    "policies/cm/register-2018-08-15.yaml": {"marketing": ["evaluation-or-scoring"]},
}


def test_shipped_registers_dpia_findings() -> None:
    """No shipped activity meets two criteria; two meet one (profiling); none names a national-list entry."""
    met: dict[str, dict[str, list[str]]] = {}
    tally: Counter[tuple[str, str]] = Counter()
    for path in sorted((ROOT / "policies").rglob("register*.yaml")):
        outcome = validate_file(path)
        assert outcome.register is not None
        assert not [f for f in outcome.findings if f.code.startswith("dpia")]
        for s in screen_all(outcome.register):
            assert not s.list_matches
            tally.update((j.criterion.value, j.result.value) for j in s.judgements)
            if s.met:
                met.setdefault(str(path.relative_to(ROOT)), {})[s.activity] = [j.criterion.value for j in s.met]
    assert met == SHIPPED_MET
    assert sum(tally.values()) == 45 * 9  # 45 shipped activities (CM 2018 web-registration added), nine criteria each
    assert {k: v for k, v in tally.items() if k[1] != "not-stated"} == {
        ("automated-decision", "not-met"): 2,
        ("evaluation-or-scoring", "met"): 2,
    }


def test_gaps_shows_the_screening() -> None:
    """`ropa gaps` lists, per activity, the criteria met with their evidence, those not judged, and the list entry."""
    result = CliRunner().invoke(main, ["gaps", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "activity loyalty: 2 met, 4 not stated; DPIA not-stated  -> DPIA likely required" in text
    assert "activity cameras: 0 met, 9 not stated; DPIA not-stated  -> DPIA required (national list)" in text
    assert "activity pharmacy: 1 met, 8 not stated; DPIA not-stated  -> not concluded: with the criteria not stated" in text
    assert "activity newsletter: 1 met, 1 not stated; DPIA not-stated  -> not concluded" in text
    assert "LISTED     nl-ap-09                   Cameratoezicht (camera surveillance)" in text
    assert "NOT STATED vulnerable-subjects        not stated whether vulnerable: pharmacy-customers" in text


def test_gaps_json_carries_the_screening() -> None:
    """The JSON form has one screening per activity with each criterion's result."""
    result = CliRunner().invoke(main, ["gaps", "--format", "json", str(EXAMPLE)])
    data = json.loads(result.output)["registers"][0]["dpia_screening"]
    assert [s["activity"] for s in data] == ["loyalty", "newsletter", "pharmacy", "cameras"]
    assert [(s["likely_required"], s["required_by_list"]) for s in data] == [(True, False), (False, False), (False, False), (False, True)]
    assert {c["criterion"]: c["result"] for c in data[2]["criteria"]}["vulnerable-subjects"] == "not-stated"


def _variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    (folder / "register.yaml").write_text(text.replace(old, new), encoding="utf-8")
    (folder / "policy.txt").write_text((EXAMPLE.parent / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return folder / "register.yaml"


def test_diff_a_criterion_newly_met_is_high_risk(tmp_path: Path) -> None:
    """The newsletter's monitoring was stated as absent; now it is met: `ropa diff` lists it under the highest risk."""
    before = _variant(
        tmp_path,
        "old",
        'systematic_monitoring: {value: true, evidence: [{quote: "We follow how you open and click our newsletter on every send."}]}',
        'systematic_monitoring: {value: false, evidence: [{quote: "We follow how you open and click our newsletter on every send."}]}',
    )
    result = CliRunner().invoke(main, ["diff", str(before), str(EXAMPLE)])
    assert result.exit_code in (0, 1), result.output
    text = result.output
    high = text[text.index("Highest risk") :].split("\n\n")[0]
    assert "~ Newsletter [newsletter]: Systematic monitoring (Art. 35, WP248 rev.01)" in high
    assert "- Not met" in high
    assert "+ Met — “We follow how you open and click our newsletter on every send.”" in high
    assert "1 high risk" in text.splitlines()[3]


def test_diff_a_list_entry_newly_named_is_high_risk(tmp_path: Path) -> None:
    """Naming a national-list entry is a high-risk change; dropping it is a normal one."""
    before = _variant(
        tmp_path, "old", "      national_list:\n        - entry: nl-ap-09\n", "      national_list:\n        - entry: nl-ap-10\n"
    )
    text = CliRunner().invoke(main, ["diff", str(before), str(EXAMPLE)]).output
    high = text[text.index("Highest risk") :].split("\n\n")[0]
    assert "National list (Art. 35(4))" in high
    assert "+ nl-ap-09 Cameratoezicht (camera surveillance)" in high
    assert "nl-ap-10" not in high


def test_not_required_needs_its_reasons(tmp_path: Path) -> None:
    """WP248: a controller who does no DPIA despite two criteria documents why; without `dpia.note` the warning stays."""
    bare = _variant(
        tmp_path,
        "bare",
        "    dpia: {not_stated: true}\n    dpia_screening:\n      scale:",
        "    dpia: {status: not-required}\n    dpia_screening:\n      scale:",
    )
    found = [f for f in validate_file(bare).findings if f.code == "dpia-likely-required"]
    assert len(found) == 1
    assert "the DPIA is recorded as `not-required` without the reasons (`dpia.note`)" in found[0].message
    reasoned = _variant(
        tmp_path,
        "reasoned",
        "    dpia: {not_stated: true}\n    dpia_screening:\n      scale:",
        "    dpia: {status: not-required, note: The score only orders offers.}\n    dpia_screening:\n      scale:",
    )
    assert "dpia-likely-required" not in [f.code for f in validate_file(reasoned).findings]


def test_a_listed_activity_with_reasons_for_no_dpia_is_not_said_to_lack_them(tmp_path: Path) -> None:
    """The cameras recorded as `not-required` with reasons: still required by the list, and the message quotes the register right."""
    old = "    dpia: {not_stated: true}\n    dpia_screening:\n      national_list:"
    new = "    dpia: {status: not-required, note: Two cameras at the till only.}\n    dpia_screening:\n      national_list:"
    found = [f for f in validate_file(_variant(tmp_path, "cameras", old, new)).findings if f.code == "dpia-required-by-list"]
    assert len(found) == 1
    assert "without the reasons" not in found[0].message
    assert found[0].message.endswith("the DPIA is recorded as `not-required` with reasons, but the list requires one")


def test_profiling_stated_absent_concludes_the_screening(tmp_path: Path) -> None:
    """The newsletter with profiling and automated decisions both stated absent: every criterion judged, one met,
    so the screening concludes (no warning, not 'not concluded')."""
    old = '    automated_decisions: {none: true, evidence: [{quote: "We make no automated decisions about you."}]}'
    new = (
        "    automated_decisions: {profiling: false, automated_decision: false, description: No profiling.,"
        ' evidence: [{quote: "We make no automated decisions about you."}]}'
    )
    path = _variant(tmp_path, "explicit", old, new)
    s = next(x for x in screen_all(validate_file(path).register or _fail()) if x.activity == "newsletter")
    assert [j.criterion for j in s.met] == [Criterion.MONITORING]
    assert not s.not_stated
    assert not s.likely_required
    assert not s.inconclusive


def _fail() -> NoReturn:
    raise AssertionError("the register did not load")


def test_the_docs_say_what_none_rules_out() -> None:
    """docs/format.md (from the models) and the README agree with the screening: `none` rules out automated decisions only."""
    from ropa.model.activity import Activity
    from ropa.model.defaults import Defaults

    for model in (Defaults, Activity):
        description = model.model_fields["automated_decisions"].description or ""
        assert "`none` rules out decisions based solely on automated processing only, and leaves profiling not stated" in description
        assert "profiling: false, automated_decision: false" in description
    assert "uses neither" not in (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "`none` there rules out automated decisions only" in (ROOT / "README.md").read_text(encoding="utf-8")
