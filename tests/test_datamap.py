"""The data map: its DOT text, the SVG's labels, its place in the Word and Excel registers, rebuilds and splits.

The small register here has one flow of every kind: a country inside the EEA, one with an adequacy
decision, one under safeguards, one under a derogation, one reached on no stated ground, a country
reached on two grounds (striped), a destination the source does not name, a recipient whose country
is not stated, an activity whose data subjects are not stated, and recipients an activity takes
from the register's ``defaults`` (hollow arrows).
"""

from __future__ import annotations

import importlib.util
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook

from ropa.build import build_outputs
from ropa.cli import main
from ropa.model import Register
from ropa.model.enums import Language
from ropa.model.markers import Fact
from ropa.render import datamap
from ropa.render.context import RenderInput
from ropa.render.datamap.split import MAX_ACTIVITIES, SplitBy, split
from ropa.render.datamap.status import COLOURS, Status
from ropa.validate import Outcome, validate_file
from tests.conftest import minimal_data, write_variant

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(
    not datamap.available() and not os.environ.get("CI"), reason="Graphviz's dot is not installed (`make map` installs it)"
)

POLICY = """Privacy policy of Example AB

Example AB (org.nr 556000-0000), Storgatan 1, 111 22 Stockholm, Sweden, is responsible for your personal data. Questions: privacy@example.se.

Newsletter
When you subscribe to our newsletter we use your e-mail address and first name to send it to you. You can unsubscribe at any time through the link in every newsletter. We send the newsletter with MailChimp, whose servers are in the USA.

Support
Our support desk in Bangalore, India answers your questions under standard contractual clauses. MailChimp also sends support mail under standard contractual clauses.
Our servers are hosted in Frankfurt, Germany. We report to the tax agency. Our partner in Zurich, Switzerland receives data under an adequacy decision.
Deliveries to Brazil are made to perform your contract. Some data may go outside the EU. Our courier delivers parcels.

Security
All data is encrypted in transit.
"""


def _ev(quote: str) -> list[dict[str, str]]:
    return [{"quote": quote}]


def small_register(folder: Path, ident: str = "example") -> Path:
    """The minimal register with a support activity, an archive activity and ``defaults`` added (see the module's doc)."""
    folder.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = minimal_data()
    data["register"]["id"] = ident
    data["recipients"] += [
        {
            "id": "desk",
            "name": "Support desk",
            "kind": "processor",
            "country": {"value": "IN", "evidence": _ev("Bangalore, India")},
            "evidence": _ev("Our support desk"),
        },
        {
            "id": "hosting",
            "name": "Frankfurt hosting",
            "kind": "processor",
            "country": {"value": "DE", "evidence": _ev("Frankfurt, Germany")},
            "evidence": _ev("Our servers are hosted"),
        },
        {
            "id": "tax",
            "name": "Tax agency",
            "kind": "public-authority",
            "country": {"value": "SE", "evidence": _ev("the tax agency")},
            "evidence": _ev("We report to the tax agency."),
        },
        {
            "id": "partner",
            "name": "Zurich partner",
            "kind": "independent-controller",
            "country": {"value": "CH", "evidence": _ev("Zurich, Switzerland")},
            "evidence": _ev("Our partner"),
        },
        {
            "id": "courier",
            "name": "Courier",
            "kind": "other",
            "country": {"not_stated": True},
            "evidence": _ev("Our courier delivers parcels."),
        },
    ]
    newsletter = data["activities"][0]
    support = {
        **newsletter,
        "id": "support",
        "name": "Customer support",
        "data_subjects": {"not_stated": True},
        "recipients": {"value": ["desk", "hosting", "tax", "partner", "courier", "mailchimp"], "evidence": _ev("Our support desk")},
        "transfers": [
            {
                "country": "IN",
                "recipient": "desk",
                "mechanism": {"mechanism": "art46-2-c-standard-contractual-clauses", "evidence": _ev("under standard contractual clauses")},
                "evidence": _ev("Bangalore, India"),
            },
            {
                "country": "US",
                "recipient": "mailchimp",
                "mechanism": {"mechanism": "art46-2-c-standard-contractual-clauses", "evidence": _ev("MailChimp also sends support mail")},
                "evidence": _ev("MailChimp also sends support mail"),
            },
            {
                "country": "CH",
                "recipient": "partner",
                "mechanism": {"mechanism": "art45-adequacy-decision", "evidence": _ev("under an adequacy decision")},
                "evidence": _ev("Zurich, Switzerland"),
            },
            {
                "country": "BR",
                "mechanism": {"mechanism": "art49-1-b-contract-with-data-subject", "evidence": _ev("to perform your contract")},
                "evidence": _ev("Deliveries to Brazil"),
            },
            {
                "unnamed_destination": "outside the EU",
                "mechanism": {"not_stated": True},
                "evidence": _ev("Some data may go outside the EU."),
            },
        ],
        "storage_location": {"not_stated": True},
    }
    archive = {k: v for k, v in newsletter.items() if k not in ("recipients", "transfers")}
    archive.update({"id": "archive", "name": "Archive", "storage_location": {"not_stated": True}})
    data["defaults"] = {
        "recipients": {"value": ["hosting"], "evidence": _ev("Our servers are hosted")},
        "transfers": {"none": True, "evidence": _ev("Our servers are hosted")},
    }
    data["activities"] += [support, archive]
    return write_variant(folder, data, POLICY)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    outcome = validate_file(small_register(tmp_path_factory.mktemp("small")))
    assert outcome.ok, [f"{f.code}: {f.message}" for f in outcome.errors]
    return outcome


def _nodes(dot: str) -> dict[str, str]:
    """Node id -> its attribute list, from the DOT text."""
    return {m.group(1): m.group(2) for m in re.finditer(r'^\s*"([^"]+)" \[(.*)\];$', dot, re.MULTILINE)}


def _edges(dot: str) -> dict[tuple[str, str], list[str]]:
    """(tail, head) -> the attribute lists of the edges between them."""
    found: dict[tuple[str, str], list[str]] = {}
    for m in re.finditer(r'^\s*"([^"]+)" -> "([^"]+)"(?: \[(.*)\])?;$', dot, re.MULTILINE):
        found.setdefault((m.group(1), m.group(2)), []).append(m.group(3) or "")
    return found


def _label(attrs: str) -> str:
    """A node's label as one line (the DOT text wraps long labels)."""
    found = re.search(r'label="((?:[^"\\]|\\.)*)"', attrs)
    assert found, attrs
    return found.group(1).replace("\\n", " ")


def test_dot_text_of_a_small_register(small: Outcome) -> None:
    [dot] = datamap.dot_sources(RenderInput.from_outcome(small))
    nodes, edges = _nodes(dot), _edges(dot)
    # every column, with the register's names and the countries' names in the map's language
    assert _label(nodes["s:subscribers"]) == "Newsletter subscribers"
    assert _label(nodes["a:support"]) == "Customer support"
    assert _label(nodes["r:desk"]) == "Support desk"
    assert _label(nodes["c:IN"]) == "India"
    # countries coloured by the ground on the register's date
    assert f'fillcolor="{COLOURS[Status.EEA]}"' in nodes["c:DE"]
    assert f'fillcolor="{COLOURS[Status.EEA]}"' in nodes["c:SE"]
    assert f'fillcolor="{COLOURS[Status.ADEQUACY]}"' in nodes["c:CH"]
    assert f'fillcolor="{COLOURS[Status.SAFEGUARDS]}"' in nodes["c:IN"]
    assert f'fillcolor="{COLOURS[Status.DEROGATION]}"' in nodes["c:BR"]
    # the US: safeguards for support, no stated ground for the newsletter: both, striped
    assert 'style="filled,striped"' in nodes["c:US"]
    assert f'fillcolor="{COLOURS[Status.SAFEGUARDS]}:{COLOURS[Status.NOT_STATED]}"' in nodes["c:US"]
    assert len(edges[("r:mailchimp", "c:US")]) == 2
    assert any('style="dashed"' in attrs for attrs in edges[("r:mailchimp", "c:US")])
    # a transfer without a recipient leaves from the activity itself
    assert ("a:support", "c:BR") in edges
    # gaps are drawn, dashed and grey, never dropped
    assert _label(nodes["gap:subjects"]) == "Categories of data subjects: Not stated in source"
    assert 'style="dashed,filled"' in nodes["gap:subjects"]
    assert edges[("gap:subjects", "a:support")] == ['style="dashed", color="#8C8C8C"']
    assert _label(nodes["u:outside-the-eu"]) == "outside the EU \N{EN DASH} country not stated in source"
    assert 'style="dashed,filled"' in nodes["u:outside-the-eu"]
    assert _label(nodes["gap:country"]) == "Country: Not stated in source"
    assert ("r:courier", "gap:country") in edges
    # recipients in clusters by role
    clusters = dict(re.findall(r'subgraph "cluster_(\w+)" \{(.*?)\n  \}', dot, re.DOTALL))
    assert set(clusters) == {"processor", "controller", "authority", "other"}
    assert '"r:desk"' in clusters["processor"]
    assert '"r:mailchimp"' in clusters["processor"]
    assert '"r:tax"' in clusters["authority"]
    assert '"r:partner"' in clusters["controller"]
    assert '"r:courier"' in clusters["other"]
    # the archive's recipients come from `defaults`: a hollow arrow, and the legend says what it means
    assert edges[("a:archive", "r:hosting")] == ['arrowhead="onormal"']
    assert edges[("a:support", "r:hosting")] == [""]
    assert "Hollow arrow: organisation-wide statement" in dot
    # the legend names every status
    for text in (
        "EEA",
        "Adequacy decision (Art. 45)",
        "Appropriate safeguards (Art. 46, 47)",
        "Derogation (Art. 49)",
        "Not stated in source",
    ):
        assert text in dot


def test_register_text_cannot_break_the_dot_text(tmp_path: Path) -> None:
    raw = minimal_data()
    raw["activities"][0]["name"] = 'Evil "} digraph x { \\N <b>&'
    data = RenderInput.from_outcome(validate_file(write_variant(tmp_path, raw)))
    [dot] = datamap.dot_sources(data)
    assert _label(_nodes(dot)["a:newsletter"]) == 'Evil \\"} digraph x { \\\\N <b>&'
    if datamap.available():  # and the picture shows it as written
        root = etree.fromstring((datamap.svg(data) or "").encode())
        texts = " ".join(" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert 'Evil "} digraph x { \\N <b>&' in texts


@needs_dot
def test_svg_shows_the_labels(small: Outcome) -> None:
    drawn = datamap.svg(RenderInput.from_outcome(small))
    assert drawn is not None
    assert drawn.startswith("<svg")
    assert "<!--" not in drawn
    assert "DOCTYPE" not in drawn
    assert "graphviz version" not in drawn
    root = etree.fromstring(drawn.encode())
    assert root.get("role") == "img"
    assert root.get("aria-label", "").startswith("Data map of Example AB: 1 categories")
    # each box's text as a person reads it: its lines (one <text> each) joined
    boxes = {
        " ".join(" ".join(t.itertext()) for t in g.iter(f"{SVG}text"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") in ("node", "cluster")
    }
    for label in (
        "Newsletter subscribers",
        "Customer support",
        "Archive",
        "MailChimp",
        "Processors",
        "Public authorities",
        "India",
        "Switzerland",
        "Brazil",
        "Germany",
    ):
        assert label in boxes, label
    legend = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for text in (
        "Data map: Example AB",
        "EEA",
        "Adequacy decision (Art. 45)",
        "Derogation (Art. 49)",
        "Hollow arrow: organisation-wide statement",
    ):
        assert text in legend, text
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("map-") for i in ids)


@needs_dot
def test_outputs_hold_the_map_and_rebuild_byte_identical(small: Outcome, tmp_path: Path) -> None:
    first = build_outputs(small, out_dir=tmp_path / "a")
    second = build_outputs(small, out_dir=tmp_path / "b")
    assert [p.name for p in first] == ["example.xlsx", "example.docx", "example-map.svg"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    # Word: the picture after the summary of activities, with the alt text
    document = docx.Document(str(tmp_path / "a" / "example.docx"))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert headings[headings.index("2\tSummary of processing activities") + 1] == "Data map"
    [described] = document.element.body.xpath(".//wp:docPr")
    assert described.get("descr") == (
        "Data map of Example AB: 1 categories of data subjects, 3 processing activities, 6 recipients "
        "and 6 destinations of the data, with their transfer status on 2025-06-01."
    )
    with zipfile.ZipFile(tmp_path / "a" / "example.docx") as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]
        assert z.read("word/media/image1.png").startswith(b"\x89PNG")
    # Excel: a "Data map" sheet after the register, holding the picture in its drawing
    book = load_workbook(tmp_path / "a" / "example.xlsx")
    assert book.sheetnames[:2] == ["Register", "Data map"]
    sheet = book["Data map"]
    assert sheet["A1"].value == "Data map: Example AB"
    assert sheet["A2"].value.startswith("Data map of Example AB")
    with zipfile.ZipFile(tmp_path / "a" / "example.xlsx") as z:
        drawing = z.read("xl/drawings/drawing1.xml").decode()
        assert 'descr="Data map of Example AB' in drawing
        assert "xl/media/image1.png" in z.namelist()
        assert "drawing1.xml" in z.read("xl/worksheets/_rels/sheet2.xml.rels").decode()


def test_without_graphviz_everything_else_builds_and_the_build_says_so_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = small_register(tmp_path / "one"), small_register(tmp_path / "two", "second")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no dot on PATH
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), str(one), str(two)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("note: no data map, Graphviz's `dot` is not on PATH: install graphviz") == 1
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert built == ["example.docx", "example.xlsx", "second.docx", "second.xlsx"]
    assert "Data map" not in load_workbook(tmp_path / "out" / "example.xlsx").sheetnames


def build_register(n: int) -> Register:
    """benchmarks/synth.py's register of ``n`` activities (loaded by path: benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("synth", Path(__file__).parent.parent / "benchmarks" / "synth.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    register: Register = module.build_register(n)
    return register


def _synthetic(n: int) -> RenderInput:
    return RenderInput(register=build_register(n), source_path="synthetic.yaml", sha256="0" * 64, language=Language.EN)


def test_a_120_activity_register_splits_into_groups_and_says_how() -> None:
    data = _synthetic(120)
    how, note, plans = datamap.plan(data)
    assert how is SplitBy.GROUPS
    assert len(plans) == 5
    assert note == f"The map is split into groups of 24 activities in the register's order (at most {MAX_ACTIVITIES} a picture)."
    assert [p.title.split(" \N{EM DASH} ")[1] for p in plans] == [
        f"Part {n} of 5: activities {24 * n - 23}\N{EN DASH}{24 * n}" for n in range(1, 6)
    ]
    for p in plans:
        assert p.dot.count('fillcolor="#1F3864"') == 24  # 24 activity boxes in each picture
        assert note in p.dot.replace("<BR/>", " ")


def test_business_functions_split_the_map_when_each_fits() -> None:
    register = build_register(60)
    functions = ["Sales", "Support", "Finance"]
    acts = [
        a.model_copy(update={"business_function": Fact(value=functions[i % 3], evidence=[])}) for i, a in enumerate(register.activities)
    ]
    how, parts = split(acts)
    assert how is SplitBy.FUNCTION
    assert [p.functions for p in parts] == [("Sales",), ("Support",), ("Finance",)]
    assert [len(p.activities) for p in parts] == [20, 20, 20]
    # a function too large for one picture: groups instead
    how, parts = split(acts[:2] + [a.model_copy(update={"business_function": acts[0].business_function}) for a in acts[2:]])
    assert how is SplitBy.GROUPS


@needs_dot
def test_a_split_map_is_one_svg_of_several_pictures() -> None:
    drawn = datamap.draw(_synthetic(120))
    assert drawn is not None
    assert len(drawn.pictures) == 5
    root = etree.fromstring(datamap.svg_document(drawn))
    parts = root.findall("{http://www.w3.org/2000/svg}svg")
    assert len(parts) == 5
    assert float(parts[4].get("y")) > float(parts[3].get("y")) > 0
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
