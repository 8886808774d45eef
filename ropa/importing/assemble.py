"""The register from the table and the controller block: every point stated, none, not applicable or not stated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ropa.importing import notation, own_cookies, own_defaults, own_recipients, own_security, own_sheets, ropa_labels
from ropa.importing.activity_row import RowReader
from ropa.importing.cells import Cell, Cells
from ropa.importing.columns import Table
from ropa.importing.controller import controller, party, read_block, read_ropa_block
from ropa.importing.errors import Warn
from ropa.importing.grid import Sheet
from ropa.importing.registries import Registries

SOURCE_ID = "workbook"
#: Placeholders when the workbook names no category at all: the registries may not be empty.
_NO_SUBJECTS = {"id": "not-recorded", "name": "Not recorded in the workbook"}


@dataclass
class Assembled:
    data: dict[str, Any]
    activities: int
    warnings: list[Warn] = field(default_factory=list)
    kept_as_text: int = 0


def assemble(table: Table, sheets: list[Sheet], *, register_id: str, day: dt.date, file_name: str, source_file: str) -> Assembled:
    cells = Cells(table.sheet)
    for row, col in sorted(table.sheet.formulas):
        if table.sheet.text(row, col):
            cells.warn(table.sheet.ref(row, col), "a formula: its value as last calculated is imported (ropa never evaluates formulas)")
        else:
            cells.warn(table.sheet.ref(row, col), "a formula with no calculated value: imported as empty")
    for col in sorted(table.sheet.hidden_cols):
        if any(c == col for c in table.columns.values()):
            cells.warn(table.sheet.ref(table.header_row, col), "the column is hidden in the workbook; imported like any other")
    if table.sheet.merged:
        for min_col, min_row, _max_col, max_row in table.sheet.merged:
            if max_row > table.header_row and (max_row > min_row):
                cells.warn(table.sheet.ref(min_row, min_col), f"merged over rows {min_row}-{max_row}: its text is read for each of them")
    registries = Registries()
    reader = RowReader(table, cells, registries, day)
    activities, cookies = _activities(reader, sheets)
    block = read_ropa_block(sheets) if ropa_labels.language(table.sheet.rows[table.header_row - 1]) else None
    block = block or read_block(cells, table.header_row)
    subjects = registries.subjects.listed()
    categories = registries.data.listed()
    if not subjects:
        subjects = [{**_NO_SUBJECTS, "evidence": []}]
        cells.warn(
            file_name, "no categories of individuals in the workbook; a placeholder category stands in the registry, used by no activity"
        )
    if not categories:
        categories = [{**_NO_SUBJECTS, "evidence": []}]
        cells.warn(
            file_name, "no categories of personal data in the workbook; a placeholder category stands in the registry, used by no activity"
        )
    language = ropa_labels.language(table.sheet.rows[table.header_row - 1]) or "en"  # a ropa workbook keeps its language
    data: dict[str, Any] = {
        "ropa": 1,
        "register": {
            "id": register_id,
            "date": day,
            "language": language,
            "kind": _kind(table),
            "last_reviewed": {"not_stated": True},
        },
        "sources": [
            {"id": SOURCE_ID, "file": source_file, "title": f"Workbook {file_name}", "language": language, "date": {"not_stated": True}}
        ],
        "controller": controller(block, cells, file_name),
        "representative": party(block, "representative", cells),
        "dpo": party(block, "dpo", cells),
        "joint_controllers": _joint(registries, reader.joint, reader.parties),
        "supervisory_authority": {"not_stated": True},
        "roles": ["controller"],
        "art30_5": {
            "exemption_applies": False,
            "employees": {"not_stated": True},
            "reasoning": "Not assessed in the imported workbook.",
        },
        "data_subject_rights": _rights(reader),
        "data_subject_categories": subjects,
        "data_categories": categories,
        "recipients": registries.recipients.listed(),
        "security_measures": registries.measures.listed(),
    }
    if cookies:
        data["cookies"] = cookies
    if defaults := own_defaults.gather(activities, reader.inherited):
        data["defaults"] = defaults
    data["activities"] = activities
    return Assembled(data, len(activities), cells.warnings, cells.kept_as_text)


def _activities(reader: RowReader, sheets: list[Sheet]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The table's activities and the cookies they use; in a workbook ropa built, with what its Security, Recipients,
    Transfers, Retention and Cookies sheets add (the recipients and measures entered before the rows name them)."""
    table = reader.table
    if reader.own:
        own_security.seed(sheets, reader.language, reader.reg.measures)
        reader.listed = own_recipients.seed(sheets, reader.language, reader.reg.recipients, reader.cells)
    activities = [a for row in range(table.header_row + 1, len(table.sheet.rows) + 1) if (a := reader.activity(row)) is not None]
    cookies: list[dict[str, Any]] = []
    if reader.own:
        recipients = {str(e["name"]): str(e["id"]) for e in reader.reg.recipients.listed()}
        own_sheets.fill_notes(sheets, reader.language, activities, recipients)
        cookies = own_cookies.read(sheets, reader.language, reader.reg, activities, reader.cells)
    return activities, cookies


def _kind(table: Table) -> str:
    """A ropa workbook keeps its kind: its gap cells read 'Not stated in source' (policy) or 'Not recorded' (internal)."""
    texts = [table.sheet.text(r, c) for r in range(table.header_row + 1, len(table.sheet.rows) + 1) for c in table.columns.values()]
    return ropa_labels.kind(texts) or "internal"  # a spreadsheet kept by hand is the organisation's own record


def _joint(registries: Registries, cells: list[Cell], parties: dict[str, Cell]) -> Any:
    """The joint controllers the rows name (recipients of that kind, and ``parties``, named in a joint-controller cell
    of a workbook whose Recipients sheet does not list them); none when every row's cell says None."""
    joint = [r for r in registries.recipients.listed() if r["kind"] == "joint-controller"]
    joint += [{"name": name, "evidence": cell.evidence} for name, cell in parties.items()]
    if not joint and cells and all(c.marker == "none" for c in cells):
        return {"none": True, "evidence": cells[0].evidence}
    if not joint:
        return {"not_stated": True}
    return [{"name": r["name"], "evidence": r["evidence"]} for r in joint]


def _rights(reader: RowReader) -> Any:
    """One statement per distinct set of rights the 'rights' cells name."""
    statements: dict[tuple[str, ...], dict[str, Any]] = {}
    for cell in reader.rights:
        if cell.marker is not None:
            continue
        found = tuple(r.value for r in notation.rights(cell.text))
        if not found:
            reader.cells.kept(cell, "rights")
            continue
        statements.setdefault(found, {"rights": list(found), "evidence": cell.evidence})
    return list(statements.values()) or {"not_stated": True}
