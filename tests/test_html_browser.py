"""The web page in a real browser: headless Chromium (Debian's) opens each page from file:// as a reader would.

Checked: no console error and no request beyond the file itself; hostile register text shows as
text and opens no dialog; the filter narrows the summary table, by keyboard alone; the
Content-Security-Policy is in force; print hides the controls; axe-core (vendored under
tests/vendor/axe-core/) finds no serious or critical WCAG 2.1 A/AA violation.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser import chromium
from tests.html_page import HOSTILE, INTERNAL, MINIMAL, ROOT, page_of
from tests.test_render_html import HOSTILE_TEXTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
CAB = ROOT / "policies" / "cab" / "register.yaml"
CMT = ROOT / "policies" / "cmt" / "register.yaml"
COOKIES = ROOT / "tests" / "examples" / "valid" / "cookies" / "register.yaml"
RELATIONS = ROOT / "tests" / "examples" / "valid" / "relations" / "register.yaml"
MAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="60pt" viewBox="0 0 200 60">'
    '<g id="graph0" class="graph"><title>map</title><g class="node"><title>newsletter</title>'
    '<ellipse fill="none" stroke="black" cx="100" cy="30" rx="60" ry="18"/>'
    '<text text-anchor="middle" x="100" y="34" font-family="DejaVu Sans" font-size="14.00">Newsletter</text></g></g></svg>\n'
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@dataclass
class Opened:
    page: Page
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _open(browser: Browser, tmp_path: Path, register: Path, *, public: bool = False, map_svg: str | None = None) -> Opened:
    target = tmp_path / f"{register.parent.name}{'-public' if public else ''}.html"
    target.write_bytes(page_of(register, public=public, map_svg=map_svg)[0])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    opened = Opened(page)
    page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: opened.console.append(f"pageerror: {e}"))
    page.on("request", lambda r: opened.requests.append(r.url))

    def dismiss(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(target.as_uri())
    page.wait_for_load_state("load")
    opened.requests = [u for u in opened.requests if u != target.as_uri()]
    return opened


def _clean(opened: Opened) -> None:
    opened.page.wait_for_timeout(200)  # a handler that would fire after load
    assert opened.dialogs == []
    assert opened.console == []
    assert opened.requests == []


@pytest.mark.parametrize(
    ("register", "public", "map_svg"),
    [(CAB, False, MAP), (INTERNAL, False, None), (INTERNAL, True, None), (MINIMAL, False, MAP)],
    ids=["cab-with-map", "internal", "internal-public", "minimal-with-map"],
)
def test_the_page_loads_without_errors_or_requests(
    browser: Browser, tmp_path: Path, register: Path, public: bool, map_svg: str | None
) -> None:
    opened = _open(browser, tmp_path, register, public=public, map_svg=map_svg)
    _clean(opened)
    assert opened.page.locator("h1").count() == 1
    opened.page.close()


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_hostile_register_shows_its_text_and_runs_nothing(browser: Browser, tmp_path: Path, public: bool) -> None:
    opened = _open(browser, tmp_path, HOSTILE, public=public)
    page = opened.page
    page.hover("text=Marketing")  # an onmouseover, had it become markup
    page.keyboard.press("Tab")
    _clean(opened)
    shown = " ".join(page.inner_text("body").split())
    for text in HOSTILE_TEXTS:
        assert " ".join(text.split()) in shown, text
    assert page.title().startswith("</title><script>alert('title')</script> Register")
    assert page.evaluate("() => document.querySelectorAll('script').length") == 1
    assert page.evaluate("() => document.querySelectorAll('img, iframe, svg, b').length") == 0
    assert page.locator("body").is_visible(), "a register's </style><style> did not restyle the page"
    page.close()


def test_the_policy_is_in_force(browser: Browser, tmp_path: Path) -> None:
    """A script added to the page does not run: only the page's own script, by its hash, may."""
    opened = _open(browser, tmp_path, MINIMAL)
    page = opened.page
    ran = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); return window.injected === true; }"
    )
    page.wait_for_timeout(100)
    assert ran is False
    assert any("Content Security Policy" in m for m in opened.console), opened.console
    page.close()


def _visible_rows(page: Page) -> list[str]:
    rows: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('#summary tbody tr')].filter(r => !r.hidden).map(r => r.dataset.section)"
    )
    return rows


def test_the_filter_narrows_the_table(browser: Browser, tmp_path: Path) -> None:
    """Free text, recipient, country and lawful basis each narrow the summary; cleared, every activity is back."""
    opened = _open(browser, tmp_path, CMT)
    page = opened.page
    everything = _visible_rows(page)
    assert len(everything) == 8
    assert page.inner_text("#filter-status") == "8 of 8 activities shown"
    page.fill("#filter-text", "cookies")
    narrowed = _visible_rows(page)
    assert {"activity-analytics-cookies", "activity-necessary-cookies"} <= set(narrowed)
    assert len(narrowed) < 8, narrowed
    assert page.inner_text("#filter-status") == f"{len(narrowed)} of 8 activities shown"
    page.fill("#filter-text", "COOKIES   umbraco")  # every word, in any case
    both = _visible_rows(page)
    assert "activity-necessary-cookies" in both
    assert set(both) < set(narrowed), both
    page.fill("#filter-text", "")
    for select, value in (("#filter-recipient", "mailchimp"), ("#filter-country", "US"), ("#filter-basis", "b-contract")):
        page.select_option(select, value)
        some = _visible_rows(page)
        assert 0 < len(some) < len(everything), (select, value)
        page.select_option(select, "")
    assert _visible_rows(page) == everything
    page.select_option("#filter-recipient", "mailchimp")
    page.select_option("#filter-basis", "c-legal-obligation")
    page.fill("#filter-text", "xyzzy")
    assert _visible_rows(page) == []
    assert page.is_visible("#filter-none")
    _clean(opened)
    page.close()


def test_the_keyboard_alone_reaches_and_uses_the_filter(browser: Browser, tmp_path: Path) -> None:
    """Tab from the top: the skip link first, then on to the search box, with a visible focus outline; typing filters."""
    opened = _open(browser, tmp_path, CAB)
    page = opened.page
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    assert page.locator(".skip").bounding_box() is not None
    assert page.is_visible(".skip")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "filter-text":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.type("supportsamtal")
    assert 0 < len(_visible_rows(page)) < 10
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "filter-recipient"
    _clean(opened)
    page.close()


def test_print_hides_the_controls(browser: Browser, tmp_path: Path) -> None:
    opened = _open(browser, tmp_path, CAB)
    page = opened.page
    page.fill("#filter-text", "supportsamtal")
    page.emulate_media(media="print")
    assert not page.is_visible("#filter-text")
    assert not page.is_visible("nav")
    assert len(page.locator("#summary tbody tr").all()) == 10
    assert all(row.is_visible() for row in page.locator("#summary tbody tr").all()), "print shows every activity"
    page.close()


def test_the_printed_page_has_every_activity_on_its_own_pages(browser: Browser, tmp_path: Path) -> None:
    """Chromium prints the page (A4 PDF): no filter controls, every activity, each beginning a page, even when the table was filtered."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (`make office` installs poppler)")
    opened = _open(browser, tmp_path, CMT)
    page = opened.page
    page.fill("#filter-text", "cookies")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert "Search" not in text
    assert "8 of 8 activities shown" not in text
    names = page.eval_on_selector_all("article.activity h3", "hs => hs.map(h => h.textContent)")
    assert len(names) == 8
    for name in names:
        assert any(p.lstrip().startswith(name) for p in pages), f"{name} does not begin a page"
    rows = page.eval_on_selector_all("#summary tbody tr", "rs => rs.map(r => r.querySelector('th').innerText)")
    hidden = page.eval_on_selector_all("#summary tbody tr[hidden]", "rs => rs.length")
    assert hidden > 0
    folded = " ".join(text.split())
    for name in rows:  # a cell wraps, and pdftotext reads a table row by row of lines: the name's first two words
        first = " ".join(name.split()[:2])
        assert folded.count(first) >= 2, f"{name}: in the summary and its section"
    page.close()


def _graphviz_map() -> str:
    """A small map drawn by Graphviz itself (a dashed cluster, filled nodes, a label that looks like markup)."""
    if shutil.which("dot") is None:
        pytest.skip("graphviz not installed: the map is another part's (`install-system-deps map`)")
    graph = (
        'digraph map { rankdir=LR; node [fontname="DejaVu Sans"]; subgraph cluster_r { label="Recipients"; style=dashed; color=grey;'
        ' r [label="<script>alert(1)</script>" shape=box style="filled,dashed" fillcolor="#eeeeee"]; }'
        ' a [label="Newsletter"]; a -> r [style=dashed color=grey label="not stated"];'
        ' us [label="United States" style=filled fillcolor="#f4cccc"]; r -> us; }'
    )
    return subprocess.run(["dot", "-Tsvg"], input=graph, capture_output=True, text=True, check=True).stdout


def test_a_graphviz_map_shows_inline_under_the_policy(browser: Browser, tmp_path: Path) -> None:
    """An SVG as Graphviz writes it (XML prolog, DOCTYPE, comments) is drawn inline: no console error, its text readable."""
    opened = _open(browser, tmp_path, MINIMAL, map_svg=_graphviz_map())
    page = opened.page
    _clean(opened)
    assert page.locator("figure.map svg").is_visible()
    assert "<script>alert(1)</script>" in page.inner_text("figure.map")
    page.close()


@pytest.mark.parametrize(
    ("register", "public", "map_svg"),
    [
        (CAB, False, MAP),
        (INTERNAL, True, None),
        (HOSTILE, False, None),
        (MINIMAL, False, "graphviz"),
        (COOKIES, False, None),
        (RELATIONS, True, None),
    ],
    ids=["cab-with-map", "internal-public", "hostile", "minimal-with-graphviz-map", "cookies", "relations-public"],
)
def test_axe_finds_no_serious_or_critical_violation(
    browser: Browser, tmp_path: Path, register: Path, public: bool, map_svg: str | None
) -> None:
    """axe-core's WCAG 2.0/2.1 A and AA rules (and its best practices), run in the page as loaded."""
    if map_svg == "graphviz":
        map_svg = _graphviz_map()
    opened = _open(browser, tmp_path, register, public=public, map_svg=map_svg)
    page = opened.page
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger, as a test harness injects it; the page's policy still holds
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)})); }"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert result == [], result  # nothing at all, in fact: keep it so
    page.close()


def test_the_contents_lead_to_the_recipients_categories_and_cookies(browser: Browser, tmp_path: Path) -> None:
    """Each registry the page lists has its link in the contents; following it brings the section's heading into view."""
    opened = _open(browser, tmp_path, COOKIES)
    page = opened.page
    for ident in ("recipients", "categories", "cookies"):
        page.click(f"nav.toc a[href='#{ident}']")
        page.wait_for_function(f"document.getElementById('{ident}').getBoundingClientRect().top < window.innerHeight")
        assert page.evaluate(
            f"(() => {{ const r = document.getElementById('{ident}').getBoundingClientRect(); return r.top > -1 && r.bottom <= window.innerHeight; }})()"
        ), ident
    assert page.locator("#cookies ~ article h3").count() == 2
    _clean(opened)
    page.close()
