"""The Transfers and Retention sheets of a workbook ropa built, read back where they say more than the Register sheet:
the note of each transfer, of its safeguard and of each retention rule. The Register sheet's Notes column says each
note once per activity, so a note two transfers share reaches only the first from there; these sheets give one row per
transfer and per rule (the inverse of ropa.render.excel.transfer_sheets).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ropa.importing import notation
from ropa.importing.grid import Sheet
from ropa.reference.labels import catalogue

#: The columns (label keys; None for one whose header varies) of each sheet, ropa.render.excel.transfer_sheets.
_ACTIVITY = ("xlsx.col.activity-id", "point.activity")
TRANSFERS = (
    *_ACTIVITY,
    "xlsx.col.destination",
    "xlsx.col.recipient",
    "point.transfer-mechanism",
    "xlsx.col.documentation",
    None,
    "point.note",
)
RETENTION = (*_ACTIVITY, "point.data-categories", "word.period", "word.rule", "word.trigger", "word.legal-reference", "point.note")


def find(sheets: list[Sheet], language: str, keys: Sequence[str | None]) -> Sheet | None:
    """The sheet whose header row is these columns' labels (their first lines) in the workbook's language."""
    labels = catalogue()
    wanted = [str(labels[k].get(language, labels[k]["en"])).casefold() if k else None for k in keys]
    for sheet in sheets:
        header = [c.split("\n", 1)[0].strip().casefold() for c in (sheet.rows[0] if sheet.rows else [])]
        if len(header) >= len(wanted) and all(w is None or w == h for w, h in zip(wanted, header, strict=False)):
            return sheet
    return None


def _rows(sheet: Sheet) -> dict[str, list[list[str]]]:
    """The sheet's rows (text of each cell) by activity id, in order."""
    found: dict[str, list[list[str]]] = {}
    for row in sheet.rows[1:]:
        if row and row[0]:
            found.setdefault(row[0], []).append(row)
    return found


def _notes(row: list[str], column: int) -> list[str]:
    """A Transfers row's notes: the transfer's and its safeguard's, bulleted when both are there."""
    text = row[column] if column < len(row) else ""
    return notation.bulleted(text) if text else []


def fill_notes(sheets: list[Sheet], language: str, activities: list[dict[str, Any]], recipients: dict[str, str] | None = None) -> None:
    """Give each transfer, safeguard and retention rule of ``activities`` (YAML mappings, changed in place) the note
    its row shows, where the row says whose note it is; and each retention rule the recipients whose copy it is for
    (the Retention sheet's last column, by name: ``recipients`` maps names to ids), where the Register sheet did not."""
    if (sheet := find(sheets, language, TRANSFERS)) is not None:
        rows = _rows(sheet)
        for act in activities:
            transfers = act.get("transfers")
            if isinstance(transfers, list) and len(rows.get(act["id"], [])) == len(transfers):
                for transfer, row in zip(transfers, rows[act["id"]], strict=True):
                    _transfer_notes(transfer, _notes(row, len(TRANSFERS) - 1))
    if (sheet := find(sheets, language, RETENTION)) is not None:
        rows = _rows(sheet)
        for act in activities:
            rules = act.get("retention")
            if isinstance(rules, list) and len(rows.get(act["id"], [])) == len(rules):
                for rule, row in zip(rules, rows[act["id"]], strict=True):
                    if note := (row[len(RETENTION) - 1] if len(row) >= len(RETENTION) else ""):
                        rule["note"] = note  # the rule's own note, whole
                    if held := _held_by(sheet, row, language, recipients or {}):
                        rule.setdefault("held_by", held)


def _held_by(sheet: Sheet, row: list[str], language: str, recipients: dict[str, str]) -> list[str]:
    """The ids of the recipients a Retention row names in its held-by column (after the note; older workbooks have
    none), or nothing when a name is not a recipient's."""
    at = len(RETENTION)
    header = sheet.rows[0][at].split("\n", 1)[0].strip().casefold() if len(sheet.rows[0]) > at else ""
    labels = catalogue()["point.held-by"]
    if header != str(labels.get(language, labels["en"])).casefold() or len(row) <= at or not row[at]:
        return []
    names = notation.bulleted(row[at])
    return [recipients[n] for n in names] if all(n in recipients for n in names) else []


def _transfer_notes(transfer: dict[str, Any], notes: list[str]) -> None:
    """The row lists the transfer's note, then its safeguard's: only two notes say whose each is."""
    mechanism = transfer.get("mechanism")
    if len(notes) == 2 and isinstance(mechanism, dict):
        transfer["note"], mechanism["note"] = notes
