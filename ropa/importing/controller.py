"""The controller block above the table: name, address, e-mail, telephone, DPO and representative.

Each row of the block is a label and, in the next filled cell to its right, a value. A heading
row (Data protection officer, Representative) switches the party the following rows describe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ropa.importing import places, ropa_labels
from ropa.importing.cells import Cell, Cells, clip
from ropa.importing.grid import Sheet

_PARTY = (
    ("dpo", re.compile(r"data protection officer|\bdpo\b", re.IGNORECASE)),
    ("representative", re.compile(r"representative", re.IGNORECASE)),
    ("controller", re.compile(r"controller|organi[sz]ation|company|our details|business name", re.IGNORECASE)),
)
_FIELDS = (
    ("email", re.compile(r"e-?mail", re.IGNORECASE)),
    ("phone", re.compile(r"phone|\btel\b|telephone", re.IGNORECASE)),
    ("website", re.compile(r"website|web site|\burl\b", re.IGNORECASE)),
    ("registration_number", re.compile(r"registration|company (?:number|no)|\bcrn\b|org\.? ?nr", re.IGNORECASE)),
    ("vat_number", re.compile(r"\bvat\b", re.IGNORECASE)),
    ("country", re.compile(r"^\s*country", re.IGNORECASE)),
    ("address", re.compile(r"address|postal", re.IGNORECASE)),
    ("name", re.compile(r"name", re.IGNORECASE)),
)


@dataclass
class Block:
    """What the block records, per party: field -> cell."""

    parties: dict[str, dict[str, Cell]] = field(default_factory=lambda: {"controller": {}, "dpo": {}, "representative": {}})


def read_block(cells: Cells, header_row: int) -> Block:
    block = Block()
    party = "controller"
    sheet = cells.sheet
    for row in range(1, header_row):
        filled = [(c, t) for c, t in enumerate(sheet.rows[row - 1] if row <= len(sheet.rows) else [], 1) if t]
        if not filled:
            continue
        label = filled[0][1]
        value = cells.get(row, filled[1][0]) if len(filled) > 1 else None
        heading = next((p for p, pattern in _PARTY if pattern.search(label)), None)
        what = next((f for f, pattern in _FIELDS if pattern.search(label)), None)
        if heading is not None:
            party = heading
            if what is None:
                what = "name" if heading == "controller" else "heading"
        if what is not None and value is not None:
            block.parties[party].setdefault(what, value)
    return block


def read_ropa_block(sheets: list[Sheet]) -> Block | None:
    """The controller block from the Controller sheet of a workbook ropa built (Point | Article | Value | Note), if there is one."""
    for sheet in sheets:
        header = [c.casefold() for c in (sheet.rows[0] if sheet.rows else [])]
        pairs = ropa_labels.point_value_headers()
        found = next(((header.index(p), header.index(v)) for p, v in pairs if p in header and v in header), None)
        if found is None:
            continue
        block = Block()
        cells = Cells(sheet)
        for row in range(2, len(sheet.rows) + 1):
            where = ropa_labels.controller_rows().get(sheet.text(row, found[0] + 1).casefold())
            value = cells.get(row, found[1] + 1)
            if where is not None and value is not None:
                block.parties[where[0]].setdefault(where[1], value)
        return block
    return None


def _point(cell: Cell | None, cells: Cells) -> dict[str, Any]:
    if cell is None or cell.marker is not None:
        return cells.unstated(cell)
    return {"value": clip(cell.text), "evidence": cell.evidence}


def _contacts(fields: dict[str, Cell]) -> list[dict[str, Any]]:
    kinds = (("email", "email"), ("phone", "phone"), ("address", "postal"), ("website", "web"))
    return [
        {"kind": kind, "value": clip(fields[key].text), "evidence": fields[key].evidence}
        for key, kind in kinds
        if key in fields and fields[key].marker is None
    ]


def controller(block: Block, cells: Cells, file_name: str) -> dict[str, Any]:
    own = block.parties["controller"]
    name = own.get("name")
    if name is not None and name.marker is None:
        named: dict[str, Any] = {"value": clip(name.text), "evidence": name.evidence}
    else:
        cells.warn(file_name, "the workbook does not name the controller; its file name stands in (edit controller.name)")
        named = {"value": file_name, "evidence": [], "note": "not recorded in the workbook: the workbook's file name stands in"}
    out: dict[str, Any] = {"name": named, "registration_number": _point(own.get("registration_number"), cells)}
    if "vat_number" in own:
        out["vat_number"] = _point(own["vat_number"], cells)
    out["address"] = _point(own.get("address"), cells)
    country = own.get("country")
    code = places.country(country.text)[0] if country is not None and country.marker is None else None
    out["country"] = {"value": code, "evidence": country.evidence} if code and country else cells.unstated(country)
    contacts = [c for c in _contacts(own) if c["kind"] != "postal"]  # the address is its own point
    out["contacts"] = contacts or {"not_stated": True}
    if "website" in own:
        out["website"] = _point(own["website"], cells)
    return out


def party(block: Block, which: str, cells: Cells) -> dict[str, Any]:
    """The DPO or the representative: a party, none, not applicable, or not stated."""
    fields = block.parties[which]
    heading = fields.get("heading")
    if heading is not None and heading.marker is not None and len(fields) == 1:
        return cells.unstated(heading, or_none=True)
    if not fields:
        return {"not_stated": True}
    name = fields.get("name") or heading
    out: dict[str, Any] = {}
    if name is not None and name.marker is None:
        out["name"] = clip(name.text)
    if "address" in fields and fields["address"].marker is None:
        out["address"] = clip(fields["address"].text)
    if contacts := [c for c in _contacts(fields) if c["kind"] != "postal"]:
        out["contacts"] = contacts
    if not out:
        return cells.unstated(heading or next(iter(fields.values())), or_none=True)
    out["evidence"] = [e for c in fields.values() if c.marker is None for e in c.evidence]
    return out
