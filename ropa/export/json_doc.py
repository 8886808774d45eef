"""The register as one JSON document: the model by its YAML key names, following schemas/register.schema.json.

* ``$schema`` first: the JSON Schema's ``$id``, so that editors and validators find the schema.
* Then every field of the model in the models' order (the order of the format reference), stated or not:
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
from typing import Any

from ropa.model import Register
from ropa.model.defaults import INHERITABLE, INHERITED_KEY, SCHEMA_KEY
from ropa.schema import SCHEMA_ID


def register_document(register: Register) -> dict[str, Any]:
    """The register as JSON-ready data, keys in a fixed order."""
    body = register.model_dump(mode="json", by_alias=True)
    for act, dumped in zip(register.activities, body["activities"], strict=True):
        dumped[INHERITED_KEY] = [point for point in INHERITABLE if point in act.inherited]
    return {SCHEMA_KEY: SCHEMA_ID, **body}


def register_json(register: Register) -> bytes:
    """The document as UTF-8 text, indented, ending in a newline; byte-identical for the same register."""
    return (json.dumps(register_document(register), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
