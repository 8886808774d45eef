"""The Cookies sheet of a workbook ropa built, read back: each cookie with its id, name, description, party, provider,
purpose, lifetime, whether it is strictly necessary and identifies a device, its data categories and note, and which
activities use it (the inverse of ropa.render.excel.cookie_sheet; the Register sheet does not name cookies).

A stated point reads 'value (note)', the note being the encoder's; a purpose is free text, so a bracket ending it
stays part of the purpose.
"""

from __future__ import annotations

import re
from typing import Any

from ropa.importing import notation, own_cells, own_sheets, ropa_labels
from ropa.importing.cells import Cell, Cells, clip
from ropa.importing.grid import Sheet
from ropa.importing.registries import Registries
from ropa.model.cookies import SESSION
from ropa.model.enums import CookieParty
from ropa.model.types import is_duration

#: The sheet's columns (ropa.render.excel.cookie_sheet.COLUMNS).
HEADERS = (
    "xlsx.col.id",
    "xlsx.col.cookie-name",
    "xlsx.col.description",
    "point.cookie-party",
    "point.cookie-provider",
    "point.cookie-purpose",
    "point.cookie-lifetime",
    "point.cookie-strictly-necessary",
    "point.cookie-identifies-device",
    "point.data-categories",
    "xlsx.col.activities",
    "point.note",
)
_COL = {key: n for n, key in enumerate(HEADERS, 1)}
#: The points whose gap's note the Note column gives ('Purpose: ...'), by label key.
_MARKED = {key: key for key in HEADERS[3:9] if key != "point.cookie-provider"}
#: '2 years (P2Y)', with the encoder's note after it: '2 years (P2Y) (note)'.
_SHOWN_DURATION = re.compile(r"^(?:.* )?\((P[0-9YMWDTHS]+)\)(?: \((.*)\))?$", re.DOTALL)


def read(
    sheets: list[Sheet], language: str, registries: Registries, activities: list[dict[str, Any]], cells_of: Cells
) -> list[dict[str, Any]]:
    """The sheet's cookies, in its order; each activity the Activities column names is given the cookies it uses
    (``activities`` changed in place). Warnings go to ``cells_of``'s list. Nothing without a Cookies sheet."""
    sheet = own_sheets.find(sheets, language, HEADERS)
    if sheet is None:
        return []
    cells = Cells(sheet, warnings=cells_of.warnings)
    by_id = {str(a["id"]): a for a in activities}
    cookies: list[dict[str, Any]] = []
    seen: set[str] = set()
    known = {" ".join(str(e["name"]).casefold().split()): str(e["id"]) for e in registries.data.listed()}
    for row in range(2, len(sheet.rows) + 1):
        ident, name = cells.get(row, 1), cells.get(row, 2)
        if ident is None or name is None:
            if any(sheet.rows[row - 1]):
                cells.warn(f"{sheet.ref(row, 1)}:{sheet.ref(row, 2).split('!')[-1]}", "a cookie without an id or a name; row not imported")
            continue
        if ident.text in seen or notation.slug(ident.text, 64) != ident.text:
            cells.warn(ident.ref, f'"{ident.text}" is not a cookie id of its own (lower-case letters, digits, hyphens); row not imported')
            continue
        seen.add(ident.text)
        cookies.append(_Row(cells, row, language, registries, known).cookie(ident.text, name))
        if (used := cells.get(row, _COL["xlsx.col.activities"])) is not None:
            for item in notation.bulleted(used.text):
                act = by_id.get(item.split(": ", 1)[0])
                if act is None:
                    cells.warn(used.ref, f'"{item}" names no activity of the Register sheet; not imported')
                elif ident.text not in act.setdefault("cookies", []):
                    act["cookies"].append(ident.text)
    return cookies


class _Row:
    """One row of the sheet read as a cookie."""

    def __init__(self, cells: Cells, row: int, language: str, registries: Registries, known: dict[str, str]) -> None:
        self.cells, self.row, self.language, self.reg = cells, row, language, registries
        self.known = known  # the data categories by name (case and spacing ignored) -> id
        note = self.cell("point.note")
        self.notes, self.note = own_cells.point_notes(note.text if note else "", language, _MARKED)

    def cell(self, key: str) -> Cell | None:
        return self.cells.get(self.row, _COL[key])

    def cookie(self, ident: str, name: Cell) -> dict[str, Any]:
        """The cookie's fields, in the register's order, those the sheet leaves out omitted."""
        out: dict[str, Any] = {"id": ident, "name": clip(name.text)}
        if (desc := self.cell("xlsx.col.description")) is not None:
            out["description"] = clip(desc.text)
        out["party"] = self._point("point.cookie-party", self._party)
        if (provider := self._provider()) is not None:
            out["provider"] = provider
        out["purpose"] = self._point("point.cookie-purpose", lambda text: (clip(text), None))
        out["lifetime"] = self._point("point.cookie-lifetime", self._lifetime)
        out["strictly_necessary"] = self._point("point.cookie-strictly-necessary", self._yes_no)
        if (device := self._point("point.cookie-identifies-device", self._yes_no, optional=True)) is not None:
            out["identifies_device"] = device
        if categories := self._categories():
            out["data_categories"] = categories
        out["evidence"] = name.evidence
        if self.note:
            out["note"] = clip(self.note)
        return out

    def _point(self, key: str, read: Any, *, optional: bool = False) -> Any:
        """A point's value with its note, or its gap (with the Note column's note on it); None for an optional point
        the sheet leaves empty."""
        cell = self.cell(key)
        gap = {"not_stated": True, **({"note": clip(self.notes[key])} if key in self.notes else {})}
        if cell is None:
            return None if optional and key not in self.notes else gap
        if own_cells.gap(cell.text):
            return gap
        found = read(cell.text)
        if found is None:
            return self.cells.kept(cell, own_cells.label(key, "en").casefold())
        value, note = found
        return {"value": value, "evidence": cell.evidence, **({"note": clip(note)} if note else {})}

    def _party(self, text: str) -> tuple[str, str | None] | None:
        return _with_note(text, lambda t: found[0].value if (found := ropa_labels.labelled((t,), CookieParty)) else None)

    def _yes_no(self, text: str) -> tuple[bool, str | None] | None:
        return _with_note(text, own_cells.yes_no)

    def _lifetime(self, text: str) -> tuple[str, str | None] | None:
        session = own_cells.label("word.session", self.language)
        if text == session or is_duration(text):
            return (SESSION if text == session else text), None
        if text.startswith(session + " (") and text.endswith(")"):
            return SESSION, text[len(session) + 2 : -1]
        hit = _SHOWN_DURATION.match(text)
        if hit is None or not is_duration(hit.group(1)):
            return None
        return hit.group(1), hit.group(2)

    def _provider(self) -> str | None:
        """The recipient 'Name (Kind, Country)' names, by its id; a name no recipient has is a warning."""
        cell = self.cell("point.cookie-provider")
        if cell is None:
            return None
        name = own_cells.recipient(cell.text)[0]
        for text in (name, cell.text):
            entry = self.reg.recipients.entries.get(" ".join(text.casefold().split())) or self.reg.recipients.get(text)
            if entry is not None:
                return str(entry["id"])
        self.cells.warn(cell.ref, f'provider "{cell.text}" is no recipient of the workbook; not imported')
        return None

    def _categories(self) -> list[str]:
        """The data categories the cell names ('Health data (Health; special category)' by the name before the
        bracket), by their ids; a name no category has is a warning."""
        cell = self.cell("point.data-categories")
        if cell is None:
            return []
        known = self.known
        out = []
        for item in notation.bulleted(cell.text):
            head = item.rsplit(" (", 1)[0] if item.endswith(")") else item
            found = next((known[k] for k in (" ".join(t.casefold().split()) for t in (item, head)) if k in known), None)
            if found is None:
                self.cells.warn(cell.ref, f'data category "{item}" is named by no activity; not imported')
            elif found not in out:
                out.append(found)
        return out


def _with_note(text: str, read: Any) -> tuple[Any, str | None] | None:
    """A label read whole, or as 'label (note)'."""
    if (value := read(text)) is not None:
        return value, None
    if text.endswith(")") and " (" in text:
        head, _, note = text[:-1].partition(" (")
        if (value := read(head)) is not None:
            return value, note
    return None
