"""How RowReader reads the cells only ropa's own Register sheet writes: recipients with their kind and country,
processor contracts per recipient, and transfers with their destination, recipient and ground."""

from __future__ import annotations

from typing import Any

from ropa.importing import notation, own_cells, own_security, places, ropa_labels
from ropa.importing.cells import Cell, Cells, clip
from ropa.importing.registries import Registries
from ropa.model.enums import RecipientKind


class OwnCells:
    """Part of ropa.importing.activity_row.RowReader: its ropa-workbook readings."""

    reg: Registries
    cells: Cells
    language: str
    own: bool

    def _recipient(self, text: str, cell: Cell) -> str:
        """A recipient's id; ropa's 'Name (Kind, Country)' read as such in a ropa workbook."""
        name, kind, code = own_cells.recipient(text) if self.own else (text, None, None)
        country: dict[str, Any] = {"value": code, "evidence": cell.evidence} if code else {"not_stated": True}
        if kind is None:  # the workbook does not say in which role: not guessed
            return str(
                self.reg.recipients.add(name, cell, kind={"not_stated": True, "note": "kind not recorded in the workbook"}, country=country)
            )
        if not isinstance(kind, RecipientKind):  # ropa wrote the register's not-stated words
            return str(self.reg.recipients.add(name, cell, kind={"not_stated": True}, country=country))
        return str(self.reg.recipients.add(name, cell, kind=kind.value, country=country))

    def _own_measures(self, cell: Cell) -> Cell | None:
        """A security cell without ropa's pointer to the organisation-wide measures (each item still quoting the cell
        whole); None when the pointer is all it shows."""
        items = notation.bulleted(cell.text)
        own = [i for i in items if not own_security.pointer(i)]
        if not own:
            return None
        return cell if len(own) == len(items) else cell.part(own[0] if len(own) == 1 else "\n".join(notation.BULLET + i for i in own))

    def _category_names(self) -> dict[str, str]:
        """The data categories met so far by name (as ropa's cells name them) -> id."""
        return {str(e["name"]): str(e["id"]) for e in self.reg.data.listed()}

    def _recipient_names(self) -> dict[str, str]:
        """The recipients met so far by name -> id (a retention rule's ``held_by``)."""
        return {str(e["name"]): str(e["id"]) for e in self.reg.recipients.listed()}

    def _own_contracts(self, cell: Cell | None, named: list[str]) -> None:
        """ropa's 'Recipient: contract' lines, one per processor of the row."""
        if cell is None or cell.marker is not None:
            return
        entries = {e["name"]: e for n in named if (e := self.reg.recipients.get(n)) is not None}
        for name, text in own_cells.by_name(notation.bulleted(cell.text), list(entries), self.language).items():
            if notation.marker(text) is None and "contract" not in entries[name]:
                entries[name]["contract"] = {"value": clip(text), "evidence": cell.evidence}

    def _own_transfers(self, cell: Cell, mech: Cell | None) -> list[dict[str, Any]]:
        """ropa's destinations ('Country (Recipient)', '“words” (Recipient) – country not stated') and the ground of each."""
        transfers: list[tuple[str, dict[str, Any]]] = []
        for item in notation.bulleted(cell.text):
            shown = ropa_labels.without_gap_suffix(item)
            where, name = own_cells.destination(shown)
            words = own_cells.unquoted(where)
            code = None if words is not None else places.country(where, fuzzy=False)[0]
            transfer: dict[str, Any] = (
                {"unnamed_destination": clip(words)} if words is not None else {"country": code} if code else {"organisation": clip(where)}
            )
            entry = self.reg.recipients.entries.get(" ".join(name.casefold().split())) if name else None
            if entry is not None:
                transfer["recipient"] = entry["id"]
            transfers.append((shown, transfer))
        grounds: dict[str, str] = {}
        if mech is not None and mech.marker is None:
            items = notation.bulleted(mech.text)
            names = [shown for shown, _ in transfers]
            grounds = {names[0]: mech.text} if len(names) == 1 else own_cells.by_name(items, names, self.language)
        out = []
        for shown, transfer in transfers:
            found = own_cells.mechanism(grounds[shown], self.language) if shown in grounds else None
            ground: dict[str, Any] = {"not_stated": True}
            if found is not None:
                ground = {
                    "mechanism": found[0].value,
                    **({"documentation": clip(found[1])} if found[1] else {}),
                    "evidence": mech.evidence if mech else [],
                }
            elif shown in grounds and notation.marker(grounds[shown]) is None and mech is not None:
                ground = self.cells.kept(mech, "transfer safeguard")
            out.append({**transfer, "mechanism": ground, "evidence": cell.evidence})
        return out
