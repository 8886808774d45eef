"""``ropa.reporting.recipient_use``: which activities involve a recipient, and how; and the data map draws the same
(tests/examples/valid/recipient-use; the outputs' agreement is in test_recipient_use_outputs.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ropa.render.datamap.flows import flows
from ropa.reporting.recipient_use import Use, annotated, involved, recipient_use
from ropa.validate import validate_file
from tests.conftest import ROOT, valid_register, write_variant

REGISTER = ROOT / "tests" / "examples" / "valid" / "recipient-use" / "register.yaml"
RELATIONS = ROOT / "tests" / "examples" / "valid" / "relations" / "register.yaml"


def test_each_way_a_recipient_is_involved() -> None:
    """Listed, a transfer's, a retention rule's holder, a storage place's; a point from `defaults` only where inherited."""
    uses = {rid: [(act.id, ways) for act, ways in found] for rid, found in recipient_use(valid_register(REGISTER)).items()}
    assert uses == {
        "mailchimp": [("newsletter", (Use.RECIPIENT,))],
        "hostco": [("newsletter", (Use.STORAGE,))],
        "cloudco": [("statistics", (Use.TRANSFER,))],
        "backupco": [("statistics", (Use.STORAGE,)), ("customer-service", (Use.STORAGE,))],
        "archiveco": [("customer-service", (Use.RETENTION,))],
    }


def test_a_recipient_named_by_several_points_is_one_entry_with_every_way() -> None:
    """The minimal register lists MailChimp, transfers to it and stores data with it: one entry, three ways, in the points' order."""
    act = valid_register(ROOT / "tests" / "examples" / "valid" / "minimal" / "register.yaml").activities[0]
    assert involved(act) == {"mailchimp": (Use.RECIPIENT, Use.TRANSFER, Use.STORAGE)}


def test_a_listed_recipient_is_said_plainly_and_another_with_how() -> None:
    words = {"recipient-use.transfer": "transfer", "recipient-use.storage": "storage"}.__getitem__
    assert annotated("3.1", (Use.RECIPIENT, Use.TRANSFER), words) == "3.1"
    assert annotated("3.1", (Use.TRANSFER, Use.STORAGE), words) == "3.1 (transfer, storage)"


def test_data_map_draws_an_arrow_to_every_recipient_an_activity_involves() -> None:
    """The storage places' providers and the retention rule's holder are on the map, as in the other outputs; the
    one from `defaults` drawn as organisation-wide."""
    edges = {(e.tail, e.head): e for e in flows(valid_register(REGISTER)).edges}
    for activity, recipient in [
        ("newsletter", "mailchimp"),
        ("newsletter", "hostco"),
        ("statistics", "cloudco"),
        ("statistics", "backupco"),
        ("customer-service", "backupco"),
        ("customer-service", "archiveco"),
    ]:
        assert (f"a:{activity}", f"r:{recipient}") in edges
    assert ("a:newsletter", "r:backupco") not in edges  # the newsletter states its own storage place
    assert edges["a:statistics", "r:backupco"].org_wide
    assert not edges["a:newsletter", "r:hostco"].org_wide


def test_data_map_still_reaches_a_sub_processor_through_its_processor() -> None:
    """A transfer to a sub-processor the activity reaches through its processor draws no arrow of its own."""
    edges = {(e.tail, e.head) for e in flows(valid_register(RELATIONS)).edges}
    assert ("a:newsletter", "r:aws") not in edges
    assert ("r:mailchimp", "r:aws") in edges


def test_data_map_draws_an_arrow_organisation_wide_only_when_every_point_naming_the_recipient_is(tmp_path: Path) -> None:
    """An activity that inherits a retention rule held by BackupCo but stores its own data there: its own arrow."""
    data = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    rule = {"period": "P1Y", "held_by": ["backupco"], "evidence": [{"quote": "Our backups are made by BackupCo in Sweden."}]}
    data["defaults"]["retention"] = [rule]
    [own] = [act for act in data["activities"] if act["id"] == "statistics"]
    own.pop("retention", None)
    own["storage_location"] = [{"description": "Own copy", "country": "SE", "recipient": "backupco", "evidence": rule["evidence"]}]
    path = write_variant(tmp_path, data, policy=(REGISTER.parent / "policy.txt").read_text(encoding="utf-8"))
    register = validate_file(path).register  # built (the checks' findings on held_by do not matter here)
    assert register is not None
    [stats] = [act for act in register.activities if act.id == "statistics"]
    assert involved(stats)["backupco"] == (Use.RETENTION, Use.STORAGE)
    assert "retention" in stats.inherited
    assert "storage_location" not in stats.inherited
    edges = {(e.tail, e.head): e for e in flows(register).edges}
    assert not edges["a:statistics", "r:backupco"].org_wide
