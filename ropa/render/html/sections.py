"""The page's sections: the controller, the summary table with its filter, each activity, the sources.

Cell texts come from the workbook's renderer (``ropa.render.excel``), so a point reads the same on
the page as in the Register sheet; a gap cell ("Not stated in source", or "Not recorded" in an
internal register) is marked ``class="gap"`` and highlighted.
"""

from __future__ import annotations

import datetime as dt

from ropa.model.activity import Activity
from ropa.model.enums import LawfulBasis, Role
from ropa.model.markers import Fact, NotStated
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column
from ropa.render.excel.org_sheets import _controller_rows
from ropa.render.excel.processor_sheet import PROCESSOR_COLUMNS
from ropa.render.excel.processor_sheet import _row as processor_row
from ropa.render.excel.provision_sheet import PROVISION_COLUMNS, provision_cell
from ropa.render.excel.register_sheet import CONTROLLER_COLUMNS, NOTES, RegisterRows
from ropa.render.excel.words import Cell, Kind, items
from ropa.render.html.evidence import evidence_list
from ropa.render.html.markup import Markup, el
from ropa.reporting import gaps
from ropa.reporting.recipient_use import involved

_CLASS = {Kind.NOT_STATED: "gap", Kind.MARKER: "marker"}


class PageRows(RegisterRows):
    """The Register sheet's cells, but self-contained: organisation-wide measures are listed, not referred to a sheet."""

    def _security(self, act: Activity) -> Cell:
        look, w = self.look, self.w
        own = [look.measure(m) for m in act.security_measures.value] if isinstance(act.security_measures, Fact) else []
        wide = [w.colon(w("docx.org-wide"), m.description) for m in look.org_measures]
        if not own and not wide:
            return w.marker(act.security_measures) if isinstance(act.security_measures, NotStated) else w.none
        return (items(own + wide), Kind.TEXT)


def anchor(act: Activity) -> str:
    """The id of an activity's section."""
    return f"activity-{act.id}"


def value_cell(cell: Cell) -> Markup:
    text, kind = cell
    return el("td", text, class_=_CLASS.get(kind))


def _label(text: str, cite: str | None = None) -> Markup:
    return el("th", text, el("span", cite, class_="cite") if cite else None, scope="row")


def controller(look: Lookup) -> Markup:
    """Art. 30(1)(a): the controller, its representative, DPO, authority, and the register's dates."""
    w = look.w
    rows = []
    for point, cite, value, note in _controller_rows(look):
        cells = [_label(point[0], cite[0] or None), value_cell(value)]
        cells.append(el("td", note[0]))
        rows.append(el("tr", cells))
    head = el(
        "tr", el("th", w("xlsx.col.point"), scope="col"), el("th", w("xlsx.col.value"), scope="col"), el("th", w("point.note"), scope="col")
    )
    table = el("table", el("caption", w("html.section.controller"), class_="visually-hidden"), el("thead", head), el("tbody", rows))
    return el("section", el("h2", w("html.section.controller"), id="controller"), table, aria_labelledby="controller")


# --- the summary table and its filter --------------------------------------------------------------


def _recipients(act: Activity) -> list[str]:
    """The recipients the activity lists (whose countries the summary shows); the filter asks ``involved``, as the Recipients section does."""
    return list(act.recipients.value) if isinstance(act.recipients, Fact) else []


def _countries(act: Activity, look: Lookup) -> list[str]:
    """Every country the activity names: where data are transferred, stored, and where its recipients are."""
    found: dict[str, None] = {}
    if isinstance(act.transfers, list):
        found.update((t.country, None) for t in act.transfers if t.country)
    if isinstance(act.storage_location, list):
        found.update((loc.country, None) for loc in act.storage_location if loc.country)
    for rid in _recipients(act):
        entry = look.recipients.get(rid)
        if entry is not None and isinstance(entry.country, Fact):
            found[str(entry.country.value)] = None
    return list(found)


def _bases(act: Activity) -> list[LawfulBasis]:
    return list(dict.fromkeys(p.lawful_basis.basis for p in act.purposes if not isinstance(p.lawful_basis, NotStated)))


def _select(name: str, label: str, any_label: str, options: list[tuple[str, str]]) -> Markup | None:
    """A drop-down list with 'All' first; none where the register gives nothing to choose."""
    if not options:
        return None
    choices = [el("option", any_label, value="")] + [el("option", text, value=value) for value, text in options]
    return el("label", label, el("select", choices, id=f"filter-{name}"), for_=f"filter-{name}")


def _filters(look: Lookup) -> Markup:
    w, reg = look.w, look.register
    acts = reg.activities
    used_recipients = dict.fromkeys(r for a in acts for r in involved(a))
    recipients = sorted(((r, look.recipient_name(r)) for r in used_recipients), key=lambda p: (p[1].casefold(), p[0]))
    countries = sorted(((c, w.country(c)) for c in dict.fromkeys(c for a in acts for c in _countries(a, look))), key=lambda p: p[1])
    bases = [(b.value, w.enum(b)) for b in LawfulBasis if any(b in _bases(a) for a in acts)]
    any_label = w("html.filter.any")
    return el(
        "div",
        el("h3", w("html.filter"), class_="visually-hidden", id="filter-heading"),
        el("label", w("html.filter.text"), el("input", type="search", id="filter-text", autocomplete="off"), for_="filter-text"),
        _select("recipient", w("html.filter.recipient"), any_label, recipients),
        _select("country", w("html.filter.country"), any_label, countries),
        _select("basis", w("html.filter.basis"), any_label, bases),
        class_="filters",
        role="search",
        aria_labelledby="filter-heading",
    )


def summary(look: Lookup, rows: RegisterRows) -> Markup:
    """The activities in one table, one row each, with the filter above it."""
    w, reg = look.w, look.register
    missing: dict[str, int] = {}
    for gap in gaps.all_gaps(reg):
        if gap.activity is not None and gap.status is gaps.Status.NOT_STATED:
            missing[gap.activity] = missing.get(gap.activity, 0) + 1
    body = []
    for act in reg.activities:
        cells = dict(zip((c.key for c in CONTROLLER_COLUMNS), rows.controller_row(act), strict=True))
        countries = _countries(act, look)
        n = missing.get(act.id, 0)
        body.append(
            el(
                "tr",
                el("th", el("a", act.name, href=f"#{anchor(act)}"), scope="row"),
                value_cell(cells["point.purposes"]),
                value_cell(cells["point.lawful-basis"]),
                value_cell(cells["point.recipients"]),
                el("td", "\n".join(w.country(c) for c in countries)),
                el("td", str(n), class_="count has-gaps" if n else "count"),
                data_section=anchor(act),
                data_recipients=" ".join(involved(act)),
                data_countries=" ".join(countries),
                data_bases=" ".join(b.value for b in _bases(act)),
            )
        )
    heads = [w("point.activity"), w("point.purposes"), w("point.lawful-basis"), w("point.recipients"), w("html.col.countries")]
    head = el("tr", [el("th", h, scope="col") for h in heads], el("th", w("html.col.gaps"), scope="col"))
    total = len(reg.activities)
    template = w("html.filter.shown")
    status = el("p", template.format(shown=total, total=total), id="filter-status", class_="status", role="status", data_template=template)
    table = el(
        "table", el("caption", w("html.section.summary"), class_="visually-hidden"), el("thead", head), el("tbody", body), id="summary"
    )
    none = el("p", w("html.filter.none"), id="filter-none", hidden=True)
    return el(
        "section",
        el("h2", w("html.section.summary"), id="summary-heading"),
        _filters(look),
        status,
        table,
        none,
        aria_labelledby="summary-heading",
    )


# --- one section per activity ------------------------------------------------------------------------


def _point_rows(act: Activity, look: Lookup, rows: RegisterRows, *, public: bool) -> list[Markup]:
    """The activity's points as the workbook's Register sheet has them, or its processor sheet (Art. 30(2)) for a processor activity."""
    w = look.w
    out = [el("tr", _label(w("xlsx.col.activity-id")), el("td", act.id)), el("tr", _label(w("point.role")), el("td", w.enum(act.role)))]
    columns: tuple[Column, ...] = PROCESSOR_COLUMNS if act.role is Role.PROCESSOR else CONTROLLER_COLUMNS
    cells = processor_row(rows, act) if act.role is Role.PROCESSOR else rows.controller_row(act)
    for column, cell in zip(columns, cells, strict=True):
        if column.key in ("xlsx.col.activity-id", "point.activity", "xlsx.col.description"):
            continue
        if column is NOTES:
            out += _provision_row(act, look)
        if column is NOTES and (public or not cell[0]):
            continue
        out.append(el("tr", _label(w(column.key), w.cite(*column.cites) if column.cites else None), value_cell(cell)))
    return out


def _provision_row(act: Activity, look: Lookup) -> list[Markup]:
    """Art. 13(2)(e), where the activity records it: whether the data must be provided, and what follows if not."""
    cell = provision_cell(look, act)
    if cell is None:
        return []
    w = look.w
    return [el("tr", _label(w("point.provision-requirement"), w.cite(*PROVISION_COLUMNS[3].cites)), value_cell(cell))]


def activity(act: Activity, look: Lookup, rows: RegisterRows, *, public: bool) -> Markup:
    w = look.w
    ident = anchor(act)
    heading = f"{ident}-heading"
    table = el(
        "table",
        el("caption", act.name, class_="visually-hidden"),
        el("tbody", _point_rows(act, look, rows, public=public)),
        class_="points",
    )
    return el(
        "article",
        el("h3", act.name, id=heading),
        el("p", act.description, class_="description") if act.description else None,
        table,
        evidence_list(act, look, public=public),
        el("p", el("a", w("html.back"), href="#summary-heading"), class_="back"),
        id=ident,
        class_="activity",
        aria_labelledby=heading,
    )


def activities(look: Lookup, *, public: bool) -> Markup:
    rows = PageRows(look)
    w = look.w
    return el(
        "section",
        el("h2", w("html.section.details"), id="details"),
        [activity(a, look, rows, public=public) for a in look.register.activities],
        aria_labelledby="details",
    )


# --- the sources -----------------------------------------------------------------------------------


def _dated(look: Lookup, date: Fact[dt.date] | NotStated) -> Cell:
    """A source's date, and beneath it the encoder's note on it (how the date was found; none in the extract)."""
    text, kind = look.day(date)
    note = date.note
    return (f"{text}\n{note}", kind) if note else (text, kind)


def sources(look: Lookup, *, public: bool) -> Markup:
    w = look.w
    heads = ["html.col.title", "html.col.language", "html.col.date", "html.col.published"] + ([] if public else ["html.col.file"])
    body = []
    for src in look.register.sources:
        url = src.url or ""
        link = el("a", url, href=url) if url.startswith(("https://", "http://")) else url
        cells = [
            el("th", src.title, scope="row", lang=str(src.language)),
            el("td", look.w.language_name(str(src.language))),
            value_cell(_dated(look, src.date)),
            el("td", link),
        ]
        if not public:
            cells.append(el("td", src.file))
        body.append(el("tr", cells))
    table = el(
        "table",
        el("caption", w("html.section.sources"), class_="visually-hidden"),
        el("thead", el("tr", [el("th", w(k), scope="col") for k in heads])),
        el("tbody", body),
    )
    return el("section", el("h2", w("html.section.sources"), id="sources"), table, aria_labelledby="sources")
