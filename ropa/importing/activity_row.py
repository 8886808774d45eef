"""One row of the table as one activity: each cell read as a DPO writes it, quoted whole as evidence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ropa.importing import consent, notation, own_cells, own_defaults, own_notes, places, ropa_labels
from ropa.importing.cells import Cell, Cells, clip
from ropa.importing.columns import Table
from ropa.importing.own_row import OwnCells
from ropa.importing.registries import Registries
from ropa.model.enums import LawfulBasis, RecipientKind, TransferMechanism

#: The day the CJEU invalidated the EU-US Privacy Shield (C-311/18, Schrems II).
PRIVACY_SHIELD_INVALID = dt.date(2020, 7, 16)


class RowReader(OwnCells):
    """Reads the table's rows into activities, filling the registries as it goes."""

    def __init__(self, table: Table, cells: Cells, registries: Registries, day: dt.date) -> None:
        self.day = day
        self.table = table
        self.cells = cells
        self.reg = registries
        self.ids: set[str] = set()
        self.rights: list[Cell] = []
        self.joint: list[Cell] = []  # the joint-controller cells, for the register's joint controllers
        self.listed = False  # a Recipients sheet names every recipient (a workbook ropa built)
        self.parties: dict[str, Cell] = {}  # joint controllers of the register that are no recipient, by name
        self.inherited: dict[str, frozenset[str]] = {}  # activity id -> the points its cells show as organisation-wide
        self.own = "id" in table.columns  # a workbook ropa built: only ropa's Register sheet has an activity id column
        self.language = ropa_labels.language(table.sheet.rows[table.header_row - 1]) or "en"

    def cell(self, row: int, key: str) -> Cell | None:
        return self.cells.get(row, self.table.columns.get(key))

    def activity(self, row: int) -> dict[str, Any] | None:
        """The activity of one row, or None for a row with nothing in any column read."""
        got = {key: self.cell(row, key) for key in self.table.columns}
        if not any(got.values()):
            return None
        inherited = own_defaults.unwrap(got) if self.own else frozenset()
        if row in self.table.sheet.hidden_rows:
            self.cells.warn(f"{self.table.sheet.name}!{row}:{row}", "the row is hidden in the workbook; imported like any other")
        name_cell = got.get("name") or got.get("purpose") or got.get("business_function")
        name = _first_line(name_cell.text) if name_cell else f"Row {row}"
        act: dict[str, Any] = {"id": self._id(got.get("id"), name), "name": name}
        if inherited:
            self.inherited[act["id"]] = inherited
        if (desc := got.get("description")) is not None:
            act["description"] = clip(desc.text)
        act["business_function"] = self._text_point(got.get("business_function"))
        act["purposes"] = self._purposes(got, name)
        act["data_subjects"] = self._listed(got.get("subjects"), self.reg.subjects.add, "categories of individuals")
        act["data_categories"] = self._listed(got.get("data"), self.reg.data.add, "categories of personal data")
        if (art9 := self._art9(got.get("art9"))) is not None:
            act["special_category_conditions"] = art9
        act["data_source"] = self._sources(got.get("data_source"))
        act["recipients"] = self._recipients(got.get("recipients"), got.get("joint"), got.get("contract"))
        act["transfers"] = self._transfers(got.get("transfers"), got.get("mechanism"))
        act["retention"] = self._retention(got.get("retention"))
        act["security_measures"] = self._security(got.get("security"))
        act["automated_decisions"] = self._automated(got.get("automated"))
        act["dpia"] = self._dpia(got.get("dpia"), got.get("dpia_progress"), got.get("dpia_link"))
        act["storage_location"] = self._locations(got.get("location"))
        if (reviewed := got.get("last_reviewed")) is not None:
            act["last_reviewed"] = self._date(reviewed)
        if (rights := got.get("rights")) is not None:
            self.rights.append(rights)
        if (notes := got.get("notes")) is not None:
            own_notes.restore(act, notes.text, self.language)
        return act

    def _id(self, cell: Cell | None, name: str) -> str:
        base = notation.slug(cell.text if cell else name)
        new, n = base, 1
        while new in self.ids:
            n += 1
            new = f"{base}-{n}"
        self.ids.add(new)
        return new

    def _text_point(self, cell: Cell | None) -> dict[str, Any]:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell)
        return {"value": clip(cell.text), "evidence": cell.evidence}

    def _purposes(self, got: dict[str, Cell | None], name: str) -> list[dict[str, Any]]:
        purpose, basis, interest = got.get("purpose"), got.get("lawful_basis"), got.get("legitimate_interest")
        several = notation.numbered(purpose.text) if self.own and purpose is not None else None
        if not several:
            return self._purpose(purpose, basis, interest, name)
        # ropa numbers several purposes, and the basis and interest of each in the same order
        bases, interests = _parts(basis, len(several)), _parts(interest, len(several))
        assert purpose is not None
        return [p for text, b, i in zip(several, bases, interests, strict=True) for p in self._purpose(purpose.part(text), b, i, name)]

    def _purpose(self, purpose: Cell | None, basis_cell: Cell | None, interest: Cell | None, name: str) -> list[dict[str, Any]]:
        if purpose is not None and purpose.marker is None:
            base: dict[str, Any] = {"description": clip(purpose.text), "evidence": purpose.evidence}
        else:
            base = {"description": name, "evidence": []}
            if "purpose" in self.table.columns:
                ref = purpose.ref if purpose else f"{self.table.sheet.name} row {name}"
                self.cells.warn(ref, "no purpose recorded; the activity's name stands in for it")
        if basis_cell is None or basis_cell.marker is not None:
            return [{**base, "lawful_basis": self.cells.unstated(basis_cell)}]
        text, withdrawal = consent.own(basis_cell.text) if self.own else consent.written(basis_cell.text)
        bases = notation.lawful_bases(text)
        if not bases:
            return [{**base, "lawful_basis": self.cells.kept(basis_cell, "lawful basis")}]
        return [{**base, "lawful_basis": self._basis(b, basis_cell, interest, withdrawal)} for b in bases]

    def _basis(self, basis: LawfulBasis, cell: Cell, interest: Cell | None, withdrawal: str | None) -> dict[str, Any]:
        """One basis of a cell; how consent is withdrawn (Art. 7(3)) goes with consent (with any basis ropa wrote it under)."""
        how = {"consent_withdrawal": clip(withdrawal)} if withdrawal and (self.own or basis is LawfulBasis.CONSENT) else {}
        if basis is LawfulBasis.LEGITIMATE_INTERESTS:
            if interest is None or interest.marker is not None:
                self.cells.warn(cell.ref, "Art. 6(1)(f) legitimate interests recorded without the interest pursued; marked not stated")
                return {"not_stated": True, "note": f"{cell.line} (Art. 6(1)(f); the legitimate interest pursued is not recorded)"}
            return {"basis": basis.value, "legitimate_interest": clip(interest.text), **how, "evidence": cell.evidence + interest.evidence}
        if basis is LawfulBasis.CONSENT and not how:
            self.cells.warn(cell.ref, "Art. 6(1)(a) consent recorded without how it is withdrawn (Art. 7(3)); marked not stated")
            return {"not_stated": True, "note": f"{cell.line} (Art. 6(1)(a); how consent is withdrawn is not recorded)"}
        return {"basis": basis.value, **how, "evidence": cell.evidence}

    def _listed(self, cell: Cell | None, add: Any, what: str, *, commas: bool = True) -> dict[str, Any]:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell)
        ids = list(dict.fromkeys(add(item, cell) for item in self._items(cell.text, commas=commas)))
        if not ids:
            return self.cells.kept(cell, what)
        return {"value": ids, "evidence": cell.evidence}

    def _security(self, cell: Cell | None) -> dict[str, Any]:
        """The activity's own measures; in a ropa workbook, the pointer to the organisation-wide ones is none of them."""
        if self.own and cell is not None and cell.marker is None:
            cell = self._own_measures(cell)
            if cell is None:
                return {"not_stated": True}  # ropa shows only the organisation-wide measures: the activity states none itself
        return self._listed(cell, self.reg.measures.add, "security measures", commas=False)

    def _items(self, text: str, *, commas: bool = True) -> tuple[str, ...] | list[str]:
        """A list cell's items: ropa's bullets in a workbook ropa built, else as a DPO writes lists."""
        return notation.bulleted(text) if self.own else notation.split_items(text, commas=commas)

    def _art9(self, cell: Cell | None) -> Any:
        if cell is None or cell.marker in {"blank", "none", "not_applicable"}:
            return None
        conditions = notation.art9_conditions(cell.text)
        if not conditions:
            return self.cells.kept(cell, "Art. 9 condition")
        return [{"condition": c.value, "evidence": cell.evidence} for c in conditions]

    def _sources(self, cell: Cell | None) -> dict[str, Any]:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell)
        found = notation.data_sources(cell.text)
        if not found:
            return self.cells.kept(cell, "source of the data")
        return {"value": [s.value for s in found], "evidence": cell.evidence}

    def _recipients(self, cell: Cell | None, joint: Cell | None, contract: Cell | None) -> dict[str, Any]:
        ids: list[str] = []
        evidence: list[dict[str, Any]] = []
        if cell is not None and cell.marker is None:
            named = [self._recipient(n, cell) for n in self._items(cell.text)]
            ids += named
            evidence += cell.evidence
            if self.own:
                self._own_contracts(contract, named)
            else:
                self._contract(contract, named)
        if joint is not None:
            self.joint.append(joint)
        if joint is not None and joint.marker is None:
            kind, before = RecipientKind.JOINT_CONTROLLER.value, len(ids)
            for n in notation.split_items(joint.text, commas=False):
                if self.listed and self.reg.recipients.named(n) is None:  # not on the Recipients sheet: the register's
                    self.parties.setdefault(n, joint)
                else:
                    ids.append(self.reg.recipients.add(n, joint, kind=kind, country={"not_stated": True}))
            evidence += joint.evidence if len(ids) > before else []
        if ids:
            return {"value": list(dict.fromkeys(ids)), "evidence": evidence}
        return self.cells.unstated(cell, or_none=True)

    def _contract(self, cell: Cell | None, named: list[str]) -> None:
        if cell is None or cell.marker is not None:
            return
        if len(named) != 1:
            self.cells.kept_as_text += 1
            self.cells.warn(cell.ref, f"processor contract names no single recipient (the row has {len(named)}); not imported")
            return
        entry = self.reg.recipients.get(named[0])
        if entry is not None and "contract" not in entry:
            entry["contract"] = {"value": clip(cell.text), "evidence": cell.evidence}

    def _transfers(self, cell: Cell | None, mech: Cell | None) -> Any:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell, or_none=True)
        if self.own:
            return self._own_transfers(cell, mech)
        transfers: list[dict[str, Any]] = []
        for listed in notation.split_items(cell.text):
            item = ropa_labels.without_gap_suffix(listed)
            if places.is_inside_eea(item):
                self.cells.warn(cell.ref, f'"{item}" is not a third country; not recorded as a transfer')
                continue
            code, guessed = places.country(item)
            if code is None or places.is_region(item):
                self.cells.warn(cell.ref, f'destination "{item}" names no country; recorded as an unnamed destination')
                transfers.append({"unnamed_destination": clip(item)})
            else:
                if guessed:
                    self.cells.warn(cell.ref, f'destination "{item}" read as {code}')
                transfers.append({"country": code})
        if not transfers:
            return {"none": True, "evidence": cell.evidence}
        grounds = self._mechanisms(mech, len(transfers))
        for n, (transfer, ground) in enumerate(zip(transfers, grounds, strict=True)):
            if transfer.get("country") == "US" and ground.get("mechanism") == TransferMechanism.ADEQUACY.value and mech is not None:
                self.cells.warn(
                    mech.ref,
                    "adequacy for the United States covers only recipients certified under the Data Privacy Framework: marked not stated",
                )
                grounds[n] = {"not_stated": True, "note": f"{mech.line} (adequacy: for the US only for DPF-certified recipients)"}
        return [{**t, "mechanism": g, "evidence": cell.evidence} for t, g in zip(transfers, grounds, strict=True)]

    def _mechanisms(self, cell: Cell | None, count: int) -> list[dict[str, Any]]:
        if cell is None or cell.marker is not None:
            return [self.cells.unstated(cell) for _ in range(count)]
        found = notation.mechanisms(cell.text)
        if TransferMechanism.PRIVACY_SHIELD in found and self.day >= PRIVACY_SHIELD_INVALID:
            self.cells.kept_as_text += 1
            self.cells.warn(
                cell.ref, "the EU-US Privacy Shield was invalidated on 2020-07-16 (C-311/18): the transfer's ground is marked not stated"
            )
            return [{"not_stated": True, "note": f"{cell.line} (Privacy Shield, invalid since 2020-07-16)"}] * count
        if len(found) == 1 or len(found) == count:
            chosen = found * count if len(found) == 1 else found
            return [{"mechanism": m.value, "evidence": cell.evidence} for m in chosen]
        if not found:
            return [self.cells.kept(cell, "transfer safeguard")] * count
        self.cells.kept_as_text += 1
        self.cells.warn(cell.ref, f"{len(found)} safeguards for {count} destinations: which is whose is not clear; marked not stated")
        return [{"not_stated": True, "note": cell.line}] * count

    def _retention(self, cell: Cell | None) -> Any:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell)
        if self.own:
            return [
                {**own_cells.retention(item, self.language, self._category_names(), self._recipient_names()), "evidence": cell.evidence}
                for item in notation.bulleted(cell.text)
            ]
        rules: list[dict[str, Any]] = []
        for line in self._items(cell.text, commas=False):
            period, trigger, rule = notation.retention(line)
            if period is None and ":" in line:  # 'CVs: 6 months': the period of what the label names
                labelled, after, _ = notation.retention(line.rsplit(":", 1)[1])
                if labelled:
                    period, trigger, rule = labelled, after, line
            entry: dict[str, Any] = {}
            if period:
                entry["period"] = period
            if rule:
                entry["rule"] = clip(rule)
            if trigger:
                entry["trigger"] = clip(trigger)
            rules.append({**entry, "evidence": cell.evidence})
        return rules

    def _automated(self, cell: Cell | None) -> dict[str, Any]:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell, or_none=True)
        told = own_cells.automated(cell.text, self.language) if self.own else None
        if told is not None:
            profiling, decision, description = told
            return {"profiling": profiling, "automated_decision": decision, "description": clip(description), "evidence": cell.evidence}
        if re.match(r"^\s*(?:no|none)\b", cell.text, re.IGNORECASE):
            return {"none": True, "evidence": cell.evidence}
        return self.cells.kept(cell, "automated decision-making (whether it is profiling, a decision, or both)")

    def _dpia(self, required: Cell | None, progress: Cell | None, link: Cell | None) -> dict[str, Any]:
        if required is None and progress is None:
            return {"not_stated": True}
        if required is not None and required.marker is not None and progress is None:
            return self.cells.unstated(required)
        if self.own and required is not None and (told := own_cells.dpia(required.text)) is not None:
            return {"status": told[0], **({"reference": clip(told[1])} if told[1] else {}), "evidence": required.evidence}
        status = notation.dpia_status(required.text if required else "", progress.text if progress else "")
        shown = required or progress
        assert shown is not None
        if status is None:
            return self.cells.kept(shown, "DPIA")
        dpia: dict[str, Any] = {"status": status}
        if link is not None and link.marker is None:
            dpia["reference"] = clip(link.text)
        dpia["evidence"] = [e for c in (required, progress, link) if c is not None for e in c.evidence]
        return dpia

    def _locations(self, cell: Cell | None) -> Any:
        if cell is None or cell.marker is not None:
            return self.cells.unstated(cell)
        found = []
        for item in self._items(cell.text, commas=False):
            place: dict[str, Any] = {"description": clip(item)}
            code, _ = places.country(item, fuzzy=False)
            if code is not None:
                place["country"] = code
            found.append({**place, "evidence": cell.evidence})
        return found

    def _date(self, cell: Cell) -> dict[str, Any]:
        if cell.marker is not None:
            return self.cells.unstated(cell)
        text = cell.text.strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
            try:
                return {"value": dt.datetime.strptime(text, fmt).date(), "evidence": cell.evidence}
            except ValueError:
                continue
        return self.cells.kept(cell, "review date")


def _parts(cell: Cell | None, count: int) -> list[Cell | None]:
    """A cell ropa numbered per purpose as one cell per purpose; any other cell stands for every purpose."""
    several = notation.numbered(cell.text) if cell is not None else None
    if cell is None or several is None or len(several) != count:
        return [cell] * count
    return [cell.part(text) for text in several]


def _first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"
