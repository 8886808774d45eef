"""The web page (`ropa build --html`, `--public`) as a parser reads it: escaped, self-contained, accessible markup.

The same page is opened in Chromium by tests/test_html_browser.py; here, what can be judged from
the markup alone: the policy's hashes, what the extract leaves out, headings, table headers.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from ropa.cli import main
from ropa.reference.labels import label
from ropa.render.html.markup import el
from tests.conftest import minimal_data, write_variant
from tests.html_page import HOSTILE, INTERNAL, MINIMAL, ROOT, Page, page_of

#: The hostile texts of tests/examples/valid/hostile/register.yaml, each to be shown as it is written.
HOSTILE_TEXTS = (
    "</title><script>alert('title')</script> Register",
    'Evil <script>alert("controller")</script> AB',
    'Newsletter "><img src=x onerror=alert("activity")>',
    "</style><script>alert('description')</script> sent monthly",
    '</style><script>alert("recipient")</script>',
    "<svg onload=alert('subjects')>",
    "]]></svg><script>alert('storage')</script>",
    "Policy </style><style>body{display:none}</style>",
    "javascript:alert('url')",
    "<a href=\"javascript:alert('purpose')\">click</a>",
)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hostile_text_is_shown_as_text_and_adds_no_markup() -> None:
    """Every hostile name, note and address reads as written; the page has its one script, one style, no handler, no javascript: link."""
    _, page = page_of(HOSTILE)
    for text in HOSTILE_TEXTS:
        assert " ".join(text.split()) in page.text, text
    assert len(page.all("script")) == 1
    assert len(page.all("style")) == 1
    assert not page.all("img")
    assert not page.all("svg")
    assert not page.all("iframe")
    assert not page.all("b")
    assert [a for e in page.elements for a in e.attrs if a.startswith("on")] == []
    assert [e.attrs["href"] for e in page.all("a") if not e.attrs["href"].startswith(("#", "https://", "http://"))] == []
    (title,) = page.all("title")
    assert "".join(title.text).startswith("</title><script>alert('title')</script> Register")


def test_the_policy_allows_only_the_page_s_own_style_and_script() -> None:
    """The CSP meta tag: nothing by default, the inline style and script by their SHA-256, no base URL, no form target."""
    _, page = page_of(MINIMAL)
    (meta,) = [m for m in page.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    (style,) = page.all("style")
    (script,) = page.all("script")
    assert meta.attrs["content"] == (
        f"default-src 'none'; style-src {_sha256(''.join(style.text))}; script-src {_sha256(''.join(script.text))}; "
        "base-uri 'none'; form-action 'none'"
    )
    assert page.elements.index(meta) < page.elements.index(style), "the policy comes before what it governs"
    assert not [e for e in page.elements if "style" in e.attrs], "a style attribute would break the policy"
    assert not [e for e in page.elements if e.tag in ("link", "img", "iframe", "object") or "src" in e.attrs]


def test_the_page_is_in_the_register_s_language_with_its_labels() -> None:
    _, page = page_of(ROOT / "policies" / "cab" / "register.yaml")
    (root,) = page.all("html")
    assert root.attrs["lang"] == "sv"
    assert page.doctype == "DOCTYPE html"
    assert label("html.section.summary", "sv") in page.text
    assert "Anges inte i källan" in page.text


def test_rebuilding_gives_the_same_bytes() -> None:
    assert page_of(INTERNAL)[0] == page_of(INTERNAL)[0]
    assert page_of(INTERNAL, public=True)[0] == page_of(INTERNAL, public=True)[0]


def _heading_levels(page: Page) -> list[int]:
    return [int(e.tag[1]) for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]


@pytest.mark.parametrize(
    "path", [MINIMAL, INTERNAL, HOSTILE, ROOT / "policies" / "cm" / "register-2018-08-15.yaml"], ids=lambda p: p.parent.name
)
def test_landmarks_headings_and_table_headers(path: Path) -> None:
    """One h1; no heading skips a level; landmarks; every th has a scope; every form control has a label."""
    _, page = page_of(path, map_svg="<svg xmlns='http://www.w3.org/2000/svg'><title>map</title></svg>")
    levels = _heading_levels(page)
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert [len(page.all(t)) for t in ("header", "nav", "main", "footer")] == [1, 1, 1, 1]
    assert all(th.attrs.get("scope") in ("row", "col") for th in page.all("th"))
    labelled = {e.attrs["for"] for e in page.all("label")}
    assert {e.attrs["id"] for e in page.all("input") + page.all("select")} <= labelled
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert {e.attrs["href"][1:] for e in page.all("a") if e.attrs["href"].startswith("#")} <= set(ids)


def test_gaps_read_by_register_kind_and_are_marked() -> None:
    """A policy register's gap reads 'Not stated in source', an internal register's 'Not recorded'; each gap cell is highlighted."""
    for path, words in ((MINIMAL, "Not stated in source"), (INTERNAL, "Not recorded")):
        _, page = page_of(path)
        gap_cells = [e for e in page.all("td") if e.attrs.get("class") == "gap"]
        assert gap_cells, path
        assert all(words in "".join(c.text) for c in gap_cells)
    _, page = page_of(INTERNAL)
    assert "Not stated in source" not in page.text


def test_the_summary_rows_carry_what_the_filter_matches() -> None:
    _, page = page_of(MINIMAL)
    (row,) = [e for e in page.all("tr") if "data-section" in e.attrs]
    assert row.attrs == {
        "data-section": "activity-newsletter",
        "data-recipients": "mailchimp",
        "data-countries": "US",
        "data-bases": "a-consent",
    }
    options = {e.attrs["value"] for e in page.all("option")}
    assert {"", "mailchimp", "US", "a-consent"} == options
    assert "1 of 1 activities shown" in page.text


def test_the_internal_page_shows_notes_attesters_and_documents() -> None:
    _, page = page_of(INTERNAL)
    for text in (
        "Implied by the opt-in subscription",
        "Attested by Head of IT, 2025-06-15 (Server inventory (ticket IT-42); The subscriber list is backed up nightly.)",
        "policy.txt",
    ):
        assert text in page.text
    assert label("html.extract", "en") not in page.text


def test_the_public_extract_leaves_out_what_stays_inside() -> None:
    """--public: no encoder's note, no attester's name, no internal document or DPIA reference, no source file; it says it is an extract."""
    _, page = page_of(INTERNAL, public=True)
    for text in (
        "Implied by the opt-in subscription",
        "Head of IT",
        "Head of Marketing",
        "IT-42",
        "backed up nightly",
        "policy.txt",
        "Presumably IMY",
    ):
        assert text not in page.text, text
    assert "Attested by a person in the organisation, 2025-06-15" in page.text
    assert f"{label('html.extract', 'en')}: {label('html.extract-note', 'en')}" in page.text
    _, hostile = page_of(HOSTILE, public=True)
    assert "alert('dpia')" not in hostile.text
    assert "alert('document')" not in hostile.text
    assert "alert('attester')" not in hostile.text
    assert "alert('note')" not in hostile.text


def test_the_data_map_is_inline_without_its_prolog() -> None:
    svg = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Generated by graphviz -->\n<svg width="10pt" height="10pt" xmlns="http://www.w3.org/2000/svg"><g><title>newsletter</title></g></svg>\n'
    payload, page = page_of(MINIMAL, map_svg=svg)
    assert b"<?xml" not in payload
    assert b"DOCTYPE svg" not in payload
    (figure,) = page.all("figure")
    assert page.all("svg")
    assert page.elements.index(page.all("svg")[0]) > page.elements.index(figure)
    assert label("html.section.map", "en") in page.text
    _, without = page_of(MINIMAL)
    assert not without.all("figure")
    assert label("html.section.map", "en") not in without.text


def test_ropa_build_writes_the_page_and_the_extract(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--html", "--public", "--out", str(tmp_path), str(MINIMAL)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} >= {"example.html", "example-public.html"}
    assert f"wrote {tmp_path / 'example.html'}" in result.output
    plain = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "plain"), str(MINIMAL)])
    assert plain.exit_code == 0
    assert not list((tmp_path / "plain").glob("*.html"))


def test_organisation_wide_measures_are_listed_on_the_page() -> None:
    """The workbook points to its Security measures sheet; the page has no sheet, so it names the measure."""
    _, page = page_of(MINIMAL)
    cells = ["".join(e.text) for e in page.all("td")]
    assert "Organisation-wide: Data encrypted in transit." in cells
    assert "sheet" not in page.text


def test_the_extract_names_the_register_file_but_not_its_folder() -> None:
    _, full = page_of(MINIMAL)
    _, public = page_of(MINIMAL, public=True)
    assert "tests/examples/valid/minimal/register.yaml" in full.text
    assert "tests/examples" not in public.text
    assert "from register.yaml (SHA-256" in public.text


@given(text=st.text(), value=st.text())
def test_any_text_reads_back_as_itself(text: str, value: str) -> None:
    """Whatever a register holds, in an element or an attribute, the parser reads back exactly that text and no other element."""
    parsed = Page(str(el("div", el("p", text, title=value), class_="x")))
    assert [e.tag for e in parsed.elements] == ["div", "p"]
    assert "".join(parsed.elements[1].text) == text
    assert parsed.elements[1].attrs == {"title": value}


def test_a_processor_activity_shows_the_processor_s_points(tmp_path: Path) -> None:
    """Art. 30(2): for an activity carried out for a controller, the controllers served and the categories of processing."""
    data = minimal_data()
    data["roles"] = ["controller", "processor"]
    act = data["activities"][0]
    act["role"] = "processor"
    act["controllers_served"] = [{"name": "Client <b>AB</b>", "evidence": [{"quote": "Example AB"}]}]
    _, page = page_of(write_variant(tmp_path, data))
    (section,) = [a for a in page.all("article") if a.attrs.get("class") == "activity"]
    labels = [" ".join("".join(th.text).split()) for th in page.all("th") if th.attrs.get("scope") == "row"]
    assert label("point.controllers-served", "en") in labels
    assert label("point.processing-categories", "en") in labels
    assert label("point.lawful-basis", "en") not in labels[labels.index(label("point.controllers-served", "en")) :]
    assert "Client <b>AB</b>" in page.text
    assert section.attrs["id"] == "activity-newsletter"
