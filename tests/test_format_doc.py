"""docs/format.md: generated from the models, complete, with valid examples; schema errors point into it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from ropa.cli import main
from ropa.format_doc.anchors import SLUGS, anchor_for, field_anchor, fields
from ropa.format_doc.examples import SOURCE, register_text
from ropa.format_doc.render import render
from ropa.model import Register
from ropa.model_errors import _models
from ropa.reference.labels import label
from ropa.validate import validate_file
from tests.conftest import ROOT

EXAMPLES = ROOT / "tests" / "examples"
FORMAT = ROOT / "docs" / "format.md"


def test_format_reference_is_fresh() -> None:
    """docs/format.md is what `make docs` generates from the models."""
    assert FORMAT.read_text(encoding="utf-8") == render(), "run `make docs` and commit docs/format.md"


def test_every_field_of_every_model_has_its_entry() -> None:
    """Each field of each model reachable from the register has an anchor, and no anchor is used twice."""
    text = render()
    anchors = re.findall(r'<a id="([^"]+)"></a>', text)
    assert len(anchors) == len(set(anchors)), sorted(a for a in anchors if anchors.count(a) > 1)
    for model in _models(Register):
        if model not in SLUGS:  # the generic stated-value model: explained with the four states
            assert model.__name__.startswith("Fact"), model
            continue
        for key, _ in fields(model):
            assert field_anchor(model, key) in anchors, (model.__name__, key)


def test_every_allowed_value_says_what_it_means() -> None:
    """The closed lists show each value with its English label."""
    text = render()
    assert "| `observed-use-of-service` | " + label("enum.DataSource.observed-use-of-service", "en") + " |" in text
    assert "| `art46-2-c-standard-contractual-clauses` | Standard contractual clauses (Art. 46(2)(c)) |" in text
    rows = re.findall(r"^\| `[^`]+` \| (.*) \|$", text, re.MULTILINE)
    assert rows
    assert all(meaning.strip() for meaning in rows)


def test_entries_name_their_article() -> None:
    """A field's entry names the point of Art. 30 (or other article) it encodes."""
    text = render()
    assert '<a id="activity-retention"></a>\n**`retention`** · Art. 30(1)(f) · required' in text
    assert '<a id="activity-recipients"></a>\n**`recipients`** · Art. 30(1)(d) · required' in text
    assert '<a id="controller-address"></a>\n**`address`** · Art. 30(1)(a) · required' in text


def test_the_examples_make_a_valid_register(tmp_path: Path) -> None:
    """The examples of every section, put together, validate against their source with no error."""
    (tmp_path / "register.yaml").write_text(register_text(), encoding="utf-8")
    (tmp_path / "policy.txt").write_text(SOURCE, encoding="utf-8")
    outcome = validate_file(tmp_path / "register.yaml")
    assert outcome.register is not None
    assert {f.code for f in outcome.findings} <= {"evidence-missing"}, outcome.findings


def test_a_schema_error_names_the_entry_to_read() -> None:
    """The message comes first, then a short pointer to the field's entry in docs/format.md."""
    result = CliRunner().invoke(main, ["validate", "--no-cache", str(EXAMPLES / "invalid" / "missing-point.yaml")])
    assert result.exit_code == 1
    assert (
        "error[schema-missing]: activity `newsletter` states no `dpia` and `defaults` has none: state it in the activity,"
        " or once under `defaults` for every activity (write `{not_stated: true}` if the source does not say)"
        " (see docs/format.md#activity-dpia)\n"
    ) in result.output


def test_an_attestation_without_a_date_points_at_the_attestation_entry() -> None:
    """Not the quote's entry: the message says what the date is, the pointer where attestations are explained."""
    result = CliRunner().invoke(main, ["validate", "--no-cache", str(EXAMPLES / "invalid" / "attestation-malformed.yaml")])
    assert result.exit_code == 1
    assert (
        ":100:13: error[schema-missing]: an attestation needs the date it was stated (YYYY-MM-DD) (see docs/format.md#attestation-date)\n"
    ) in result.output


def test_pointers_land_on_entries() -> None:
    """Every pointer the invalid examples produce names an anchor that docs/format.md has."""
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', FORMAT.read_text(encoding="utf-8")))
    pointed = 0
    for path in sorted((EXAMPLES / "invalid").glob("*.yaml")):
        for finding in validate_file(path).findings:
            for anchor in re.findall(r"\(see docs/format\.md#([a-z0-9-]+)\)$", finding.message):
                assert anchor in anchors, (path.name, finding.message)
                pointed += 1
            if not finding.code.startswith("schema-"):
                assert "docs/format.md" not in finding.message
    assert pointed >= 10


def test_anchor_of_a_path() -> None:
    """Paths through points, lists and evidence name the deepest field a person would look up."""
    assert anchor_for(("activities", 3, "retention")) == "activity-retention"
    assert anchor_for(("activities", 0, "data_subjects", "value", 2)) == "activity-data-subjects"
    assert anchor_for(("activities", 0, "transfers", 1, "mechanism", "mechanism")) == "mechanism-mechanism"
    assert anchor_for(("controller", "name", "evidence", 0, "quote")) == "evidence-quote"
    # an evidence item is a quote or an attestation: the member that has the key, or that the tag names
    assert anchor_for(("dpo", "evidence", 0, "attestation", "date")) == "attestation-date"
    assert anchor_for(("dpo", "evidence", 0, "attestation", "note")) == "attestation-note"
    assert anchor_for(("dpo", "evidence", 0, "quote", "locator")) == "evidence-locator"
    assert anchor_for(("dpo", "evidence", 0, "quote", "quote")) == "evidence-quote"
    assert anchor_for(("dpo", "evidence", 0, "date")) == "attestation-date"
    assert anchor_for(("register", "langauge")) == "register"  # an unknown key: the entries of where it was written
    assert anchor_for(()) is None
