"""`ropa import FILE`: read, interpret, and write the register folder (both files, or nothing)."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ropa.files import write_atomic
from ropa.importing import grid, safety, yaml_out
from ropa.importing.assemble import assemble
from ropa.importing.columns import LABELS, find_table
from ropa.importing.errors import ImportInputError, Warn
from ropa.importing.notation import slug
from ropa.importing.source_text import source_text
from ropa.model.types import FileId

REGISTER_FILE = "register.yaml"
SOURCE_FILE = "workbook.txt"
LAYOUTS = ("auto", "ico", "ropa", "csv")


@dataclass
class ImportResult:
    """What was imported, for the CLI's summary."""

    written: list[Path]
    sheet: str
    header_row: int
    activities: int
    mapped: list[tuple[str, str, str]] = field(default_factory=list)  # cell, header, what ropa reads it as
    unmapped: list[tuple[str, str, str]] = field(default_factory=list)  # cell, header, why not
    kept_as_text: int = 0
    warnings: list[Warn] = field(default_factory=list)


def read_sheets(path: Path, layout: str = "auto") -> list[grid.Sheet]:
    """The sheets of a workbook or CSV file, after the safety checks."""
    kind = safety.kind_of(path, layout)
    if layout == "csv" and kind != "csv":
        raise ImportInputError(f"{path}: --layout csv was given, but the file is an .xlsx workbook")
    if kind == "csv":
        return grid.read_csv(path)
    safety.check_package(path)
    return grid.read_xlsx(path)


def import_file(*args: Any, **kwargs: Any) -> ImportResult:
    """Import one workbook or CSV file (see ``_import``), with the cyclic garbage collector paused: the import builds
    hundreds of thousands of acyclic containers, and collecting them as it goes makes 10,000 activities superlinear."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _import(*args, **kwargs)
    finally:
        if was_enabled:
            gc.enable()


def _import(
    path: Path, *, layout: str = "auto", org_id: str | None = None, out_dir: Path | None = None, day: dt.date | None = None
) -> ImportResult:
    """Import one workbook or CSV file into ``out_dir`` (default: a folder named after the file); raises ImportInputError."""
    if layout not in LAYOUTS:
        raise ImportInputError(f"--layout {layout!r}: give one of {', '.join(LAYOUTS)}")
    target = out_dir if out_dir is not None else Path(slug(path.stem))
    register_path, source_path = target / REGISTER_FILE, target / SOURCE_FILE
    taken = [str(p) for p in (register_path, source_path) if p.exists()]
    if taken:
        raise ImportInputError(f"{', '.join(taken)} already exist{'s' if len(taken) == 1 else ''}; ropa import does not overwrite files")
    if org_id is not None:
        _file_id(org_id, "--org-id")
    raw = _read_bytes(path)
    sheets = read_sheets(path, layout)
    table = find_table(str(path), sheets)
    assembled = assemble(table, sheets, register_id="pending", day=day or dt.date.today(), file_name=path.name, source_file=SOURCE_FILE)
    name = assembled.data["controller"]["name"]["value"]
    assembled.data["register"]["id"] = org_id or _file_id(slug(str(name), 64), "the register id made from the controller's name")
    warnings = list(assembled.warnings)
    result = ImportResult([], table.sheet.name, table.header_row, assembled.activities, kept_as_text=assembled.kept_as_text)
    for key, col in sorted(table.columns.items(), key=lambda kv: kv[1]):
        result.mapped.append((table.sheet.ref(table.header_row, col), table.sheet.text(table.header_row, col), LABELS[key]))
    for col, header, why in table.unmapped:
        ref = table.sheet.ref(table.header_row, col)
        result.unmapped.append((ref, header, why))
        filled = sum(1 for r in range(table.header_row + 1, len(table.sheet.rows) + 1) if table.sheet.text(r, col))
        warnings.append(
            Warn(ref, f'column "{" ".join(header.split())}" {why}: not imported; its {filled} filled cells are in the source text only')
        )
    result.warnings = warnings
    text = _yaml(assembled.data, path.name)
    source = source_text(path.name, hashlib.sha256(raw).hexdigest(), sheets)
    write_atomic(source_path, source.encode("utf-8"))
    write_atomic(register_path, text.encode("utf-8"))
    result.written = [register_path, source_path]
    return result


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportInputError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _file_id(value: str, what: str) -> str:
    try:
        return str(TypeAdapter(FileId).validate_python(value))
    except ValidationError as exc:
        reason = re.sub(r"^Value error, ", "", exc.errors(include_url=False)[0]["msg"])
        raise ImportInputError(f"{what} {value!r}: {reason}") from None


def _yaml(data: dict[str, Any], file_name: str) -> str:
    head = (
        f"# Imported by `ropa import` from {file_name}: every fact quotes the line of {SOURCE_FILE} that holds its cell.\n"
        "# Points the workbook does not record are {not_stated: true}; `ropa validate` and `ropa gaps` list what to add.\n"
    )
    return head + yaml_out.dump(data)
