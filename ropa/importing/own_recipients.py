"""The Recipients sheet of a workbook ropa built, read back: each recipient with its id, kind, description, country,
contract, certifications, website, relations and notes (the inverse of ropa.render.excel.org_sheets.recipients_sheet).

The Register sheet names a recipient as 'Name (Kind, Country)' only; this sheet says the rest. Its recipients are
entered before the rows name them, so the rows find them by name and the register keeps the workbook's ids. The
Activities and Outside-the-EEA columns are derived from other points and are not read.
"""

from __future__ import annotations

from typing import Any

from ropa.importing import notation, own_cells, own_sheets, places, ropa_labels
from ropa.importing.cells import Cell, Cells, clip
from ropa.importing.grid import Sheet
from ropa.importing.registries import Registry
from ropa.model.enums import RecipientKind, RecipientRelation

#: The sheet's first columns (ropa.render.excel.org_sheets.RECIPIENT_COLUMNS), which every ropa workbook shows.
HEADERS = (
    "xlsx.col.id",
    "xlsx.col.name",
    "xlsx.col.recipient-kind",
    "xlsx.col.description",
    "point.country",
    "xlsx.col.third-country",
    "point.processor-contract",
)
#: The columns after them, found by their headers: the certification columns appear only where they can matter.
_LATER = {
    "xlsx.col.privacy-shield-certified": "privacy_shield_certified",
    "xlsx.col.dpf-certified": "dpf_certified",
    "point.website": "website",
    "point.relations": "relations",
    "point.note": "note",
}
#: The points whose encoder's note the Note column gives as 'Label: note' (ropa.render.excel.org_sheets._recipient_notes).
_NOTED = {
    "xlsx.col.recipient-kind": "kind",
    "point.country": "country",
    "point.processor-contract": "contract",
    "xlsx.col.privacy-shield-certified": "privacy_shield_certified",
    "xlsx.col.dpf-certified": "dpf_certified",
}


def _columns(sheet: Sheet, language: str) -> dict[str, int]:
    """Field -> 1-based column of the later columns the header row shows."""
    wanted = {own_cells.label(key, language).casefold(): name for key, name in _LATER.items()}
    header = [c.split("\n", 1)[0].strip().casefold() for c in sheet.rows[0]]
    return {wanted[h]: n for n, h in enumerate(header, 1) if n > len(HEADERS) and h in wanted}


def seed(sheets: list[Sheet], language: str, recipients: Registry, cells_of: Cells) -> bool:
    """Enter the sheet's recipients in ``recipients`` with everything the sheet says of them, before the rows name
    them; warnings go to ``cells_of``'s list. False when the workbook has no Recipients sheet."""
    sheet = own_sheets.find(sheets, language, HEADERS)
    if sheet is None:
        return False
    cells = Cells(sheet, warnings=cells_of.warnings)
    columns = _columns(sheet, language)
    rows = []
    for row in range(2, len(sheet.rows) + 1):
        if (ident := cells.get(row, 1)) is not None and (name := cells.get(row, 2)) is not None:
            rows.append((row, ident, name))
        elif any(sheet.rows[row - 1]):
            cells.warn(f"{sheet.ref(row, 1)}:{sheet.ref(row, 2).split('!')[-1]}", "a recipient without an id or a name; row not imported")
    names = {name.text: notation.slug(ident.text, 64) for _, ident, name in rows}
    for row, ident, name in rows:
        if notation.slug(ident.text, 64) != ident.text:
            cells.warn(ident.ref, f'"{ident.text}" is not a recipient id (lower-case letters, digits, hyphens); made into one')
        if recipients.named(name.text) is not None:
            cells.warn(name.ref, f'recipient "{name.text}" is named twice in the sheet; the first row is imported')
            continue
        reader = _Row(cells, row, columns, language)
        recipients.seed(ident.text, name.text, name, **reader.fields(names))
    return True


class _Row:
    """One row of the sheet read as a recipient's fields."""

    def __init__(self, cells: Cells, row: int, columns: dict[str, int], language: str) -> None:
        self.cells, self.row, self.columns, self.language = cells, row, columns, language
        note = self.cell("note")
        self.notes, self.note = own_cells.point_notes(note.text if note else "", language, _NOTED)

    def cell(self, field: str) -> Cell | None:
        """The cell of a field: the first columns by position, the later ones by header."""
        fixed = {"kind": 3, "description": 4, "country": 5, "contract": 7}
        return self.cells.get(self.row, fixed.get(field, self.columns.get(field)))

    def fields(self, names: dict[str, str]) -> dict[str, Any]:
        """The recipient's fields, in the register's order, those the sheet leaves out omitted."""
        out: dict[str, Any] = {"kind": self._kind()}
        if (desc := self.cell("description")) is not None:
            out["description"] = clip(desc.text)
        out["country"] = self._country()
        for field, read in (("contract", self._text), ("privacy_shield_certified", self._yes_no), ("dpf_certified", self._yes_no)):
            if (value := read(field)) is not None:
                out[field] = value
        if (site := self.cell("website")) is not None:
            out["website"] = clip(site.text)
        if relations := self._relations(names):
            out["relations"] = relations
        if self.note:
            out["note"] = clip(self.note)
        return out

    def _noted(self, field: str, value: dict[str, Any]) -> dict[str, Any]:
        """A point with its encoder's note from the Note column, where a stated value or a gap can carry one."""
        note = self.notes.get(field)
        return {**value, "note": clip(note)} if note and ("value" in value or "not_stated" in value or "none" in value) else value

    def _kind(self) -> Any:
        cell = self.cell("kind")
        if cell is None or own_cells.gap(cell.text):
            return self._noted("kind", {"not_stated": True})
        found = ropa_labels.labelled((cell.text,), RecipientKind)
        return found[0].value if found else self.cells.kept(cell, "recipient kind")

    def _country(self) -> dict[str, Any]:
        cell = self.cell("country")
        if cell is None or own_cells.gap(cell.text):
            return self._noted("country", {"not_stated": True})
        if cell.marker is not None:
            return self._noted("country", self.cells.unstated(cell, or_none=True))
        code = places.country(cell.text, fuzzy=False)[0]
        if code is None:
            return self.cells.kept(cell, "country")
        return self._noted("country", {"value": code, "evidence": cell.evidence})

    def _text(self, field: str) -> dict[str, Any] | None:
        """A text point (the contract): its text, or what its marker cell says (``_marker``)."""
        cell = self.cell(field)
        if cell is not None and cell.marker is None and not own_cells.gap(cell.text):
            return self._noted(field, {"value": clip(cell.text), "evidence": cell.evidence})
        return self._marker(field, cell)

    def _yes_no(self, field: str) -> dict[str, Any] | None:
        cell = self.cell(field)
        if cell is not None and cell.marker is None and not own_cells.gap(cell.text):
            value = own_cells.yes_no(cell.text)
            if value is None:
                return self.cells.kept(cell, "certification")
            return self._noted(field, {"value": value, "evidence": cell.evidence})
        return self._marker(field, cell)

    def _marker(self, field: str, cell: Cell | None) -> dict[str, Any] | None:
        """A gap or marker cell of an optional point: not stated for ropa's gap cell (with the Note column's note), the
        reason of 'Not applicable: reason'; absent for an empty cell or a bare 'Not applicable' (ropa writes it for a
        point the register leaves out where it cannot apply). ropa writes its gap cell for a point left out and for
        one not stated alike, so a point left out where it may apply reads back as not stated."""
        if cell is not None and cell.marker in {"none", "not_applicable"} and ":" in cell.text:
            return self.cells.unstated(cell, or_none=True)
        if field in self.notes or (cell is not None and own_cells.gap(cell.text)):
            return {"not_stated": True, **({"note": clip(self.notes[field])} if field in self.notes else {})}
        return None

    def _relations(self, names: dict[str, str]) -> list[dict[str, Any]]:
        """The recipient's own relations ('Sub-processor of Mailchimp (note)'); those others state towards it are
        theirs ('Sub-processors: SendGrid') and are read on their rows."""
        cell = self.cell("relations")
        if cell is None:
            return []
        forward = {own_cells.label(f"enum.RecipientRelation.{r.value}", self.language) + " ": r for r in RecipientRelation}
        inverse = tuple(
            own_cells.label(f"relation.inverse.{r.value}", self.language) + own_cells.colon(self.language) for r in RecipientRelation
        )
        out = []
        for item in notation.bulleted(cell.text):
            head = next((h for h in sorted(forward, key=len, reverse=True) if item.startswith(h)), None)
            if head is None:
                if not item.startswith(inverse):
                    self.cells.warn(cell.ref, f'relation "{item}" not recognised; not imported')
                continue
            rest = item[len(head) :]
            name = next((n for n in sorted(names, key=len, reverse=True) if rest == n or rest.startswith(n + " (")), None)
            if name is None or (rest != name and not rest.endswith(")")):
                self.cells.warn(cell.ref, f'relation "{item}" names no recipient of the sheet; not imported')
                continue
            link: dict[str, Any] = {"relation": forward[head].value, "recipient": names[name], "evidence": cell.evidence}
            if rest != name:
                link["note"] = clip(rest[len(name) + 2 : -1])
            out.append(link)
        return out
