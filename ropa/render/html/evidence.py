"""An activity's evidence: each quote once, with its source and the points it supports; attestations as such.

In the extract for publication an attestation names nobody and no internal document: it reads
"Attested by a person in the organisation, 2026-03-01".
"""

from __future__ import annotations

from ropa.model.activity import Activity
from ropa.model.markers import Attestation, Evidence
from ropa.reference.attestation import attested
from ropa.render.excel import paths
from ropa.render.excel.facts import Lookup
from ropa.render.html.markup import Markup, el


def _collected(act: Activity, look: Lookup) -> dict[Evidence, list[str]]:
    """Every evidence item of the activity (its own and what it takes from ``defaults``) with the points it supports."""
    w = look.w
    found: dict[Evidence, list[str]] = {}
    for where, part, shape in paths.walk(act):
        if not shape.evidence:
            continue
        key = paths.point_key(where) if where else None
        point = w(key) if key else act.name
        top = where.split(".", 1)[0].split("[", 1)[0]
        if top in act.inherited:
            point = f"{point} ({w('docx.org-wide')})"
        items: list[Evidence] = getattr(part, "evidence")  # noqa: B009 - a field known to exist
        for ev in items:
            points = found.setdefault(ev, [])
            if point not in points:
                points.append(point)
    return found


def _quote_language(look: Lookup, source: str | None) -> str | None:
    entry = look.sources.get(source or look.register.default_source)
    return str(entry.language) if entry else None


def evidence_list(act: Activity, look: Lookup, *, public: bool) -> Markup:
    """A heading and the list of the activity's evidence, or a line saying there is none."""
    return quoted(_collected(act, look), look, public=public)


def quoted(found: dict[Evidence, list[str]], look: Lookup, *, public: bool) -> Markup:
    """A heading and each evidence item once with the points it supports, or a line saying there is none."""
    w = look.w
    heading = el("h4", w("docx.evidence"))
    if not found:
        return Markup(heading + el("p", w("html.no-evidence")))
    items = []
    any_attested = False
    for ev, points in found.items():
        supports = f"{w('docx.evidence-for')}{w('punct.colon')}{w.semicolons(points)}"
        if isinstance(ev, Attestation):
            any_attested = True
            who = w.t("html.attested-public", date=ev.date.isoformat()) if public else attested(w, ev)
            items.append(el("li", el("p", who, class_="attested"), el("p", f"— {supports}", class_="source")))
            continue
        title = look.source(ev.source)
        where = f"{title}, {ev.locator}" if ev.locator else title
        quote = el("blockquote", el("p", ev.quote), lang=_quote_language(look, ev.source))
        items.append(el("li", quote, el("p", f"— {where}{'' if where.endswith('.') else '.'} {supports}", class_="source")))
    legend = el("p", w("evidence.legend-attested"), class_="legend") if any_attested else None
    return Markup(heading + el("ul", items, class_="evidence") + (legend or ""))
