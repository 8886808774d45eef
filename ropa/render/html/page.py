"""The page around the sections: head with its Content-Security-Policy, header, contents, footer.

The policy allows nothing but the page's own inline style and script, each named by its SHA-256
hash: no network access of any kind, no other script (a ``<script>`` that register text might
smuggle in would not run even if it escaped the escaping), no plug-ins, no base URL, no form target.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import PurePath

from ropa.render.context import RenderInput
from ropa.render.excel.facts import Lookup
from ropa.render.html import registries, sections
from ropa.render.html.markup import Markup, el, join


@cache
def asset(name: str) -> str:
    """The page's stylesheet (``page.css``) or script (``page.js``), as shipped."""
    return resources.files("ropa.render.html").joinpath(name).read_text(encoding="utf-8")


def digest(text: str) -> str:
    """A CSP source expression for an inline element with this exact content: ``'sha256-...'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """The Content-Security-Policy: only the page's own style and script, no network."""
    return f"default-src 'none'; style-src {digest(style)}; script-src {digest(script)}; base-uri 'none'; form-action 'none'"


_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>\s*|<!--.*?-->\s*)*", re.DOTALL)


def map_figure(svg: str, look: Lookup) -> Markup:
    """The data map as inline SVG (without its XML prolog), in a figure that scrolls and takes the keyboard focus."""
    body = _PROLOG.sub("", svg, count=1).strip()
    if not body.startswith("<svg"):
        raise ValueError("the data map is not an SVG document")
    w = look.w
    canvas = el("div", Markup(body), class_="canvas", tabindex="0", role="region", aria_labelledby="map-caption")
    figure = el("figure", canvas, el("figcaption", w("html.map-caption"), id="map-caption"), class_="map")
    return el("section", el("h2", w("html.section.map"), id="map"), figure, aria_labelledby="map")


def page(data: RenderInput, look: Lookup, *, public: bool, map_svg: str | None) -> str:
    """The whole page as text."""
    w, reg = look.w, look.register
    title = reg.info.title or (str(reg.controller.name.value))
    style, script = asset("page.css"), asset("page.js")
    head = el(
        "head",
        el("meta", charset="utf-8"),
        el("meta", http_equiv="Content-Security-Policy", content=policy(style, script)),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="generator", content=f"ropa {data.tool_version}"),
        el("title", f"{title} — {w('docx.title')}" + (f" ({w('html.extract')})" if public else "")),
        el("style", Markup(style)),
    )
    meta = el(
        "p",
        el("span", f"{w('docx.register-date')}{w('punct.colon')}{reg.info.date.isoformat()}"),
        el("span", f"{w('html.col.language')}{w('punct.colon')}{w.language_name(str(reg.info.language))}"),
        el("span", reg.info.id),
        class_="meta",
    )
    extract = el("p", el("strong", w("html.extract") + w("punct.colon")), w("html.extract-note"), class_="extract") if public else None
    header = el("header", el("p", w("docx.title"), class_="kind"), el("h1", title), meta, extract, class_="page")
    links = [("controller", "html.section.controller"), ("summary-heading", "html.section.summary")]
    if map_svg is not None:
        links.append(("map", "html.section.map"))
    links += [("details", "html.section.details"), ("recipients", "xlsx.sheet.recipients"), ("categories", "xlsx.sheet.categories")]
    links += [("cookies", "xlsx.sheet.cookies")] if reg.cookies else []
    links += [("sources", "html.section.sources")]
    toc = el(
        "nav",
        el("ul", [el("li", el("a", w(key), href=f"#{target}")) for target, key in links]),
        class_="toc",
        aria_label=w("html.contents"),
    )
    main = el(
        "main",
        sections.controller(look),
        sections.summary(look, sections.PageRows(look)),
        map_figure(map_svg, look) if map_svg is not None else None,
        sections.activities(look, public=public),
        registries.recipients(look, public=public),
        registries.categories(look, public=public),
        registries.cookies(look, public=public),
        sections.sources(look, public=public),
        id="main",
        tabindex="-1",
    )
    # the extract names the register file only, never the folder it is kept in
    source = PurePath(data.source_path).name if public else data.source_path
    version = w.t("docx.version-line", version=data.tool_version, source=source, sha256=data.sha256)
    footer = el("footer", el("p", version), class_="page")
    body = el("body", el("a", w("html.skip"), href="#main", class_="skip"), header, toc, main, footer, el("script", Markup(script)))
    return "<!DOCTYPE html>\n" + join([el("html", head, body, lang=str(reg.info.language))]) + "\n"
