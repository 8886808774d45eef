"""The page's registries: every recipient, category of data subjects and of data, and cookie once, each with its
points and the quotes behind it.

An entry reads as the workbook's Recipients, categories or Cookies sheet words its row (kind, country, the
certification columns the register's date calls for, contract, relations to other recipients; a
cookie's party, provider, purpose, lifetime...; who belongs to a category), one labelled row per point the register fills,
then its evidence. The extract for publication has no notes (``ropa.render.html.public``), so
its entries have no Note row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from ropa.model.markers import Evidence
from ropa.render.excel import category_sheet, certification_cells, cookie_sheet, org_sheets
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column
from ropa.render.excel.paths import point_key, walk
from ropa.render.excel.words import Cell
from ropa.render.html.evidence import quoted
from ropa.render.html.markup import Markup, el
from ropa.render.html.sections import value_cell

#: Columns the entry's heading already says.
_HEADING_COLUMNS = frozenset({"xlsx.col.id", "xlsx.col.name", "xlsx.col.cookie-name"})
#: Fields of an entry whose point label is not in ``paths.FIELD_POINTS``.
_POINTS = {field: column.key for field, column in certification_cells.COLUMNS.items()}


def _evidence(entry: BaseModel, name: str, look: Lookup) -> dict[Evidence, list[str]]:
    """Each quote behind the entry ('MailChimp') or one of its points ('MailChimp (Country)'), with what it supports."""
    w = look.w
    found: dict[Evidence, list[str]] = {}
    for where, part, shape in walk(entry):
        if not shape.evidence:
            continue
        top = where.split(".", 1)[0].split("[", 1)[0]
        key = _POINTS.get(top) or (point_key(where) if where else None)
        point = f"{name} ({w(key)})" if key else name
        items: list[Evidence] = getattr(part, "evidence")  # noqa: B009 - a field known to exist
        for ev in items:
            points = found.setdefault(ev, [])
            if point not in points:
                points.append(point)
    return found


def _label(text: str, cite: str | None) -> Markup:
    return el("th", text, el("span", cite, class_="cite") if cite else None, scope="row")


def _entry(
    ident: str, name: str, columns: Sequence[Column], cells: Sequence[Cell], look: Lookup, *, found: dict[Evidence, list[str]], public: bool
) -> Markup:
    w = look.w
    rows = [
        el("tr", _label(w(column.key), w.cite(*column.cites) if column.cites else None), value_cell(cell))
        for column, cell in zip(columns, cells, strict=True)
        if column.key not in _HEADING_COLUMNS and cell[0]
    ]
    heading = f"{ident}-heading"
    table = el("table", el("caption", name, class_="visually-hidden"), el("tbody", rows), class_="points")
    return el(
        "article", el("h3", name, id=heading), table, quoted(found, look, public=public), id=ident, class_="entry", aria_labelledby=heading
    )


def _section(ident: str, title: str, entries: Iterable[Markup]) -> Markup:
    return el("section", el("h2", title, id=ident), list(entries), aria_labelledby=ident)


def recipients(look: Lookup, *, public: bool) -> Markup:
    """Art. 30(1)(d): every recipient with its kind, country, certifications, contract, relations and the activities using it."""
    certified = certification_cells.fields(look.register)
    columns = org_sheets.recipient_columns(certified)
    rows = org_sheets.recipient_rows(look, certified)
    entries = (
        _entry(f"recipient-{rec.id}", rec.name, columns, cells, look, found=_evidence(rec, rec.name, look), public=public)
        for rec, cells in zip(look.register.recipients, rows, strict=True)
    )
    return _section("recipients", look.w("xlsx.sheet.recipients"), entries)


def cookies(look: Lookup, *, public: bool) -> Markup | None:
    """ePrivacy Art. 5(3): every cookie with its party, provider, purpose, lifetime and the activities using it; none without cookies."""
    if not look.register.cookies:
        return None
    rows = cookie_sheet.rows(look)
    entries = (
        _entry(
            f"cookie-{cookie.id}", cookie.name, cookie_sheet.COLUMNS, cells, look, found=_evidence(cookie, cookie.name, look), public=public
        )
        for cookie, cells in zip(look.register.cookies, rows, strict=True)
    )
    return _section("cookies", look.w("xlsx.sheet.cookies"), entries)


def categories(look: Lookup, *, public: bool) -> Markup:
    """Art. 30(1)(c): every category of data subjects and of personal data, what it is, its flags and who uses it."""
    reg = look.register
    named: list[tuple[str, str, BaseModel]] = [(f"subject-{s.id}", s.name, s) for s in reg.data_subject_categories]
    named += [(f"category-{c.id}", c.name, c) for c in reg.data_categories]
    entries = (
        _entry(ident, name, category_sheet.COLUMNS, cells, look, found=_evidence(entry, name, look), public=public)
        for (ident, name, entry), cells in zip(named, category_sheet.rows(look), strict=True)
    )
    return _section("categories", look.w("xlsx.sheet.categories"), entries)
