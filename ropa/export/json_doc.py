"""The register as one JSON document: the model by its YAML key names, following schemas/register.schema.json.

* ``$schema`` first: the JSON Schema's ``$id``, so that editors and validators find the schema.
* Then every field of the model in the models' order, stated or not:
  an optional point left out is ``null``, an empty list ``[]``; markers keep their YAML shape
  (``{"not_stated": true, ...}``), dates are ``YYYY-MM-DD``.
* ``defaults`` as written, and each activity with its **effective** values: a point it takes from
  ``defaults`` is shown in full, and listed in the activity's ``inherited``, so a consumer never has to
  apply the inheritance itself.

``Register.model_validate`` of the document gives back the register it came from, inheritance included
(``ropa.model.defaults.read_exported``).
"""

from __future__ import annotations

import json

from ropa.model import Register
from ropa.model.activity import Activity
from ropa.model.defaults import INHERITABLE, INHERITED_KEY, SCHEMA_KEY
from ropa.schema import SCHEMA_ID

#: In pydantic's indented JSON no string holds a raw line break, so these mark the top-level ``activities`` key and
#: the end of each activity (the only objects at an indent of 4 after that key).
_ACTIVITIES = '\n  "activities": [\n'
_ACTIVITY_END = "\n    }"


def _inherited(act: Activity) -> str:
    """The activity's ``inherited`` member, laid out at its indent as ``json.dumps(indent=2)`` would."""
    points = [json.dumps(point) for point in INHERITABLE if point in act.inherited]
    listed = "[\n        " + ",\n        ".join(points) + "\n      ]" if points else "[]"
    return f',\n      "{INHERITED_KEY}": {listed}'


def register_json(register: Register) -> bytes:
    """The document as UTF-8 text, laid out as ``json.dumps(..., indent=2, ensure_ascii=False)`` would, ending in a newline.

    Serialised by pydantic in one call (several times faster than ``json.dumps`` with an indent on a large
    register); ``$schema`` and each activity's ``inherited`` are then set into the text at their fixed places.
    """
    text = register.model_dump_json(by_alias=True, indent=2)
    head, body = text.split(_ACTIVITIES, 1)
    parts = body.split(_ACTIVITY_END)
    if len(parts) != len(register.activities) + 1:
        raise RuntimeError("pydantic laid out the activities unexpectedly")  # the layout this module relies on changed
    acts = "".join(part + _inherited(act) + _ACTIVITY_END for part, act in zip(parts, register.activities, strict=False)) + parts[-1]
    return f'{{\n  "{SCHEMA_KEY}": {json.dumps(SCHEMA_ID)},{head[1:]}{_ACTIVITIES}{acts}\n'.encode()
