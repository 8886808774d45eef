"""A recipient whose kind the source does not state, the public as a recipient, and the Privacy Shield certification,
read back from every output a DPO opens: the Word Annex A, the workbook's Recipients and Register sheets, `ropa gaps`,
`ropa diff`, the data map, and a workbook imported back."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import docx
import openpyxl
import yaml
from click.testing import CliRunner

from ropa.cli import main
from ropa.diff import Action, Area, compare
from ropa.model import Register
from ropa.render import datamap
from ropa.render.context import RenderInput
from ropa.render.excel import render as render_xlsx
from ropa.render.excel.cnil import render as render_cnil
from ropa.render.word import render as render_docx
from ropa.validate import validate_file
from tests.conftest import ROOT, findings_of, minimal_data, write_variant

CASE = ROOT / "tests" / "examples" / "valid" / "recipient-kinds"
REGISTER = CASE / "register.yaml"
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal" / "register.yaml"
QUOTE = [{"quote": "MailChimp, whose servers are in the USA"}]
PS_COLUMN = "Certified under the EU-US Privacy Shield"
DPF_COLUMN = "Certified under the EU-US Data Privacy Framework"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    return data


def _variant(folder: Path, data: dict[str, Any]) -> Path:
    return write_variant(folder, data, (CASE / "policy.txt").read_text(encoding="utf-8"))


@cache
def _input(path: Path) -> RenderInput:
    outcome = validate_file(path)
    assert not outcome.errors, [f.message for f in outcome.errors]
    return RenderInput.from_outcome(outcome)


def _recipients_sheet(path: Path) -> dict[str, dict[str, Any]]:
    """The Recipients sheet as {recipient id: {header's first line: value}}."""
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(path))))["Recipients"]
    header = [str(c.value).split("\n")[0] for c in ws[1]]
    return {str(row[0].value): dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)}


def _annex_a(path: Path) -> dict[str, list[str]]:
    """Word Annex A as {recipient name: [cell texts]}."""
    doc = docx.Document(io.BytesIO(render_docx(_input(path))))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Recipient", "Kind"])
    return {row.cells[0].text.split("\n")[0]: [c.text for c in row.cells] for row in table.rows[1:]}


# the workbook --------------------------------------------------------------------------------


def test_recipients_sheet_shows_a_kind_not_stated_and_the_public() -> None:
    rows = _recipients_sheet(REGISTER)
    assert rows["hosting"]["Kind of recipient"] == "Not stated in source"
    # its contract is asked for, neither assumed (a processor's) nor ruled out (not applicable)
    assert rows["hosting"]["Processor contract"] == "Not stated in source"
    assert rows["readers"]["Kind of recipient"] == "The public (published)"
    assert rows["readers"]["Processor contract"].startswith("Not applicable")
    assert rows["readers"]["Country"].startswith("Not applicable")


def test_a_2019_register_shows_the_privacy_shield_column_not_the_dpf_one() -> None:
    rows = _recipients_sheet(REGISTER)
    assert rows["mailchimp"][PS_COLUMN] == "Yes"
    assert rows["hosting"][PS_COLUMN].startswith("Not applicable")  # not stated to be in the US
    assert DPF_COLUMN not in rows["mailchimp"]


def test_a_2025_register_shows_the_dpf_column_not_the_privacy_shield_one() -> None:
    rows = _recipients_sheet(MINIMAL)
    assert rows["mailchimp"][DPF_COLUMN] == "Not stated in source"
    assert PS_COLUMN not in rows["mailchimp"]


def test_a_certification_a_recipient_states_is_shown_whatever_the_date(tmp_path: Path) -> None:
    data = minimal_data()
    data["recipients"][0]["privacy_shield_certified"] = {"value": False, "evidence": QUOTE}
    rows = _recipients_sheet(write_variant(tmp_path, data))
    assert rows["mailchimp"][PS_COLUMN] == "No"
    assert rows["mailchimp"][DPF_COLUMN] == "Not stated in source"


def test_register_sheet_names_the_kind_as_not_stated() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(REGISTER))))["Register"]
    header = [str(c.value).split("\n")[0] for c in ws[1]]
    cell = str(ws.cell(2, header.index("Categories of recipients") + 1).value)
    assert "Hosting partners (Not stated in source)" in cell
    assert "Readers of the blog (The public (published))" in cell


def test_an_internal_register_says_not_recorded(tmp_path: Path) -> None:
    data = _data()
    data["register"]["kind"] = "internal"
    rows = _recipients_sheet(_variant(tmp_path, data))
    assert rows["hosting"]["Kind of recipient"] == "Not recorded"


# the Word register ---------------------------------------------------------------------------


def test_annex_a_shows_the_kind_as_not_stated_with_its_note_and_the_public() -> None:
    rows = _annex_a(REGISTER)
    hosting = rows["Hosting partners"][1]
    assert hosting.startswith("Not stated in source")
    assert "does not say whether the hosting partners act as processors" in hosting
    assert rows["Readers of the blog"][1] == "The public (published)"


def test_annex_a_gives_a_2019_register_the_privacy_shield_line_only() -> None:
    place = _annex_a(REGISTER)["MailChimp"][2]
    assert "Certified under the EU-US Privacy Shield: Yes" in place
    assert "Data Privacy Framework" not in place


def test_annex_a_leaves_out_a_dpf_marker_before_its_era(tmp_path: Path) -> None:
    data = _data()
    data["recipients"][0]["dpf_certified"] = {"not_stated": True}
    place = _annex_a(_variant(tmp_path, data))["MailChimp"][2]
    assert "Data Privacy Framework" not in place
    assert "Privacy Shield: Yes" in place


# gaps and diff -------------------------------------------------------------------------------


def test_gaps_lists_the_recipient_whose_kind_is_not_stated() -> None:
    result = CliRunner().invoke(main, ["gaps", str(REGISTER)])
    line = next(x for x in result.stdout.splitlines() if "recipients[1].kind" in x)
    assert "NOT STATED" in line
    assert "Art. 30(1)(d)" in line
    assert " recipient-kind " in line
    assert "Hosting partners" in line
    result = CliRunner().invoke(main, ["gaps", str(REGISTER), "--format", "json"])
    gaps = json.loads(result.stdout)
    text = json.dumps(gaps)
    assert '"recipient-kind"' in text
    assert "recipients[1].kind" in text


def _register(path: Path) -> Register:
    outcome = validate_file(path)
    assert outcome.register is not None
    return outcome.register


def test_diff_shows_a_kind_that_became_known_and_a_certification_added(tmp_path: Path) -> None:
    data = _data()
    old = copy.deepcopy(data)
    old["recipients"][0].pop("privacy_shield_certified")
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    data["recipients"][1]["kind"] = "processor"
    report = compare(_register(_variant(tmp_path / "old", old)), _register(_variant(tmp_path / "new", data)), lang="en")
    changed = {(c.item, c.point): c for c in report.changes if c.area is Area.RECIPIENT}
    kind = changed[("Hosting partners", "diff.point.recipient-kind")]
    assert (kind.old, kind.new) == (("Not stated in source",), ("Processor",))
    shield = changed[("MailChimp", "diff.point.privacy-shield-certified")]
    assert (shield.old, shield.new) == ((), ("Yes",))
    closed = [c for c in report.changes if c.area is Area.GAP and c.point == "point.recipient-kind"]
    assert [(c.action, c.old) for c in closed] == [(Action.CLOSED, ("Not stated in source",))]


# data map and import -------------------------------------------------------------------------


def _clusters(dot: str) -> dict[str, str]:
    """Cluster name -> its DOT text, for each group of recipients the map draws."""
    return dict(re.findall(r'subgraph "cluster_([\w-]+)" \{(.*?)\n  \}', dot, re.DOTALL))


def test_data_map_draws_the_public_and_the_unknown_kind_in_groups_of_their_own(tmp_path: Path) -> None:
    [dot] = datamap.dot_sources(_input(REGISTER))
    clusters = _clusters(dot)
    assert set(clusters) == {"processor", "public", "kind-not-stated"}
    assert '"r:readers"' in clusters["public"]
    assert 'label="Published to everyone"' in clusters["public"]
    assert '"r:hosting"' in clusters["kind-not-stated"]
    assert 'label="Kind of recipient not stated in source"' in clusters["kind-not-stated"]
    assert '"r:mailchimp"' in clusters["processor"]
    data = _data()
    data["register"]["kind"] = "internal"
    [dot] = datamap.dot_sources(_input(_variant(tmp_path, data)))
    assert 'label="Kind of recipient not recorded"' in _clusters(dot)["kind-not-stated"]


def test_import_reads_the_kind_back(tmp_path: Path) -> None:
    built = tmp_path / "register.xlsx"
    built.write_bytes(render_xlsx(_input(REGISTER)))
    result = CliRunner().invoke(main, ["import", str(built), "--layout", "ropa", "--out", str(tmp_path / "back"), "--date", "2019-05-01"])
    assert result.exit_code == 0, result.output
    back = yaml.safe_load((tmp_path / "back" / "register.yaml").read_text(encoding="utf-8"))
    kinds = {r["name"]: r["kind"] for r in back["recipients"]}
    assert kinds["Hosting partners"] == {
        "not_stated": True,
        "note": "The policy does not say whether the hosting partners act as processors.",
    }
    assert kinds["Readers of the blog"] == "public"
    assert kinds["MailChimp"] == "processor"


# checks ----------------------------------------------------------------------------------------


def _us_transfer(tmp_path: Path, mechanism: str, date: str, recipient: dict[str, Any]) -> set[str]:
    data = minimal_data()
    data["register"]["date"] = dt.date.fromisoformat(date)
    data["recipients"][0].update(recipient)
    data["activities"][0]["transfers"][0]["mechanism"] = {"mechanism": mechanism, "evidence": QUOTE}
    data["activities"][0]["storage_location"] = {"not_stated": True}
    return {f.split(" ", 1)[0] for f in findings_of(write_variant(tmp_path, data))}


def test_adequacy_in_the_privacy_shield_era_rests_on_the_recipients_certification(tmp_path: Path) -> None:
    yes = {"privacy_shield_certified": {"value": True, "evidence": QUOTE}}
    no = {"privacy_shield_certified": {"value": False, "evidence": QUOTE}}
    adequacy = "art45-adequacy-decision"
    assert _us_transfer(tmp_path, adequacy, "2019-05-01", yes) == {"warning[privacy-shield-historical]"}
    assert _us_transfer(tmp_path, adequacy, "2019-05-01", no) == {"error[privacy-shield-not-certified]"}
    assert _us_transfer(tmp_path, adequacy, "2019-05-01", {}) == {"error[adequacy-not-available]"}


def test_the_privacy_shield_mechanism_asks_for_the_certification(tmp_path: Path) -> None:
    shield = "privacy-shield-2016-1250"
    not_stated = {"privacy_shield_certified": {"not_stated": True}}
    found = _us_transfer(tmp_path, shield, "2019-05-01", not_stated)
    assert found == {"warning[privacy-shield-historical]", "warning[privacy-shield-certification-not-stated]"}


def test_a_certification_outside_its_era_is_a_warning(tmp_path: Path) -> None:
    data = minimal_data()
    data["recipients"][0]["privacy_shield_certified"] = {"value": True, "evidence": QUOTE}
    found = findings_of(write_variant(tmp_path, data))
    assert (
        "warning[certification-out-of-era] recipients[0].privacy_shield_certified: `privacy_shield_certified` can matter only for "
        "a register dated from 2016-08-01 until 2020-07-16 (Commission Implementing Decision (EU) 2016/1250); "
        "this register is dated 2025-06-01"
    ) in found


def test_publication_breaks_a_promise_not_to_disclose(tmp_path: Path) -> None:
    data = _data()
    data["register"]["last_reviewed"] = {"value": "2019-04-01", "evidence": [{"quote": "Privacy policy of Example AB"}]}
    data["policy_claims"] = [
        {"kind": "no-disclosure-to-third-parties", "evidence": [{"quote": "Our hosting partners keep the website running."}]}
    ]
    found = findings_of(_variant(tmp_path, data))
    broken = [f for f in found if f.startswith("warning[policy-contradiction]")]
    assert len(broken) == 1, found
    assert "names `readers` (public) as a recipient" in broken[0]


def test_json_export_keeps_the_marker_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    result = CliRunner().invoke(main, ["export", str(REGISTER), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    kinds = {r["id"]: r["kind"] for r in doc["recipients"]}
    assert kinds["hosting"] == {"not_stated": True, "note": "The policy does not say whether the hosting partners act as processors."}
    assert kinds["readers"] == "public"
    assert doc["recipients"][0]["privacy_shield_certified"]["value"] is True


def _cnil_recipients(path: Path) -> dict[str, list[str]]:
    """The CNIL fiche's recipient rows as {name: [detail, kind]}."""
    wb = openpyxl.load_workbook(io.BytesIO(render_cnil(_input(path))))
    rows = [[str(c.value or "") for c in row] for row in wb["Fiche 1"].iter_rows()]
    return {r[0]: r[1:3] for r in rows if r[0] in {"Hosting partners", "Readers of the blog"}}


def test_cnil_fiche_names_the_kind_not_stated_and_the_public_in_french(tmp_path: Path) -> None:
    rows = _cnil_recipients(REGISTER)
    assert rows["Hosting partners"][1] == "Non précisé dans la source"
    assert rows["Readers of the blog"][1] == "Le public (diffusion)"
    # a contract recorded for a recipient of unknown kind is shown, as for a processor
    data = _data()
    data["recipients"][1]["contract"] = {
        "value": "Hosting agreement",
        "evidence": [{"quote": "Our hosting partners keep the website running."}],
    }
    assert "Hosting agreement" in _cnil_recipients(_variant(tmp_path, data))["Hosting partners"][0]


def test_transfers_sheet_gives_the_privacy_shield_row_the_recipients_certification() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(REGISTER))))["Transfers"]
    adequacy = str(ws.cell(2, 7).value)
    assert "2016/1250" in adequacy
    assert f"{PS_COLUMN}: Yes" in adequacy


def test_word_gaps_annex_lists_the_recipient_whose_kind_is_not_stated() -> None:
    doc = docx.Document(io.BytesIO(render_docx(_input(REGISTER))))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    gap = [r for r in rows if r[0] == "Kind of recipient"]
    assert gap == [
        ["Kind of recipient", "Art. 30(1)(d)", "Hosting partners: The policy does not say whether the hosting partners act as processors."]
    ]


def test_workbook_gaps_sheet_lists_the_recipient_whose_kind_is_not_stated() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(_input(REGISTER))))["Gaps"]
    rows = [[c.value for c in row][3:] for row in ws.iter_rows(min_row=2)]
    assert [r for r in rows if r[0] == "Kind of recipient"] == [
        [
            "Kind of recipient",
            "Art. 30(1)(d)",
            "Not stated in source",
            "recipients[1].kind",
            "Hosting partners: The policy does not say whether the hosting partners act as processors.",
        ]
    ]
