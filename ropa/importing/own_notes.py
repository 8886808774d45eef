"""The Notes column of a workbook ropa built, put back where ropa took it from.

ropa writes an activity's notes (and not-applicable reasons) as 'Point: note' lines in document order
(ropa.render.excel.register_sheet.RegisterRows.notes). Read back, each note goes to the next part of the
imported activity, in the same order, that belongs to that point and can carry a note.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ropa.importing import notation, own_cells
from ropa.model.activity import Activity
from ropa.reference.labels import catalogue
from ropa.render.excel.paths import FIELD_POINTS, point_key, walk


def _labels(language: str) -> dict[str, str]:
    """A point's label in the workbook's language -> its label key."""
    labels = catalogue()
    return {str(labels[key].get(language, labels[key]["en"])): key for key in set(FIELD_POINTS.values())}


def parse(text: str, language: str) -> list[tuple[str, str]]:
    """'Point: note' items -> (label key, note), in order; items naming no point are left out."""
    labels = _labels(language)
    sep = own_cells.colon(language)
    found = []
    for item in notation.bulleted(text):
        for label in sorted(labels, key=len, reverse=True):
            if item.startswith(label + sep):
                found.append((labels[label], item[len(label) + len(sep) :]))
                break
    return found


def restore(activity: dict[str, Any], text: str, language: str) -> bool:
    """Put the notes of ``text`` on ``activity`` (a YAML mapping), in order; False if the activity cannot be read as one."""
    try:
        model = Activity.model_validate(activity)
    except ValidationError:
        return False
    parts = [
        (where, point_key(where), shape.note, getattr(part, shape.note)) for where, part, shape in walk(model, own=False) if shape.note
    ]
    at = 0
    for key, note in parse(text, language):
        # a point the import does not read (e.g. Art. 13(2)(e), from a sheet of its own) has no part: its note is skipped
        found = next((i for i in range(at, len(parts)) if parts[i][1] == key and parts[i][2] == "note" and parts[i][3] is None), None)
        if found is None:
            continue
        target = _find(activity, parts[found][0])
        if isinstance(target, dict):
            target["note"] = note
        at = found + 1
    return True


def _find(data: Any, where: str) -> Any:
    """The mapping at a path such as ``purposes[1].lawful_basis`` (the activity itself for '')."""
    for step in where.replace("]", "").replace("[", ".").split("."):
        if not step:
            continue
        data = data[int(step)] if step.isdigit() else data.get(step) if isinstance(data, dict) else None
        if data is None:
            return None
    return data
