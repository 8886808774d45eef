"""JSON Schema of the register, generated from the models for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ropa.model import Register

SCHEMA_FILE = "register.schema.json"
SCHEMA_ID = "https://ropa.invalid/schemas/register.schema.json"


def _rename_defs(schema: dict[str, Any]) -> dict[str, Any]:
    """Give generic models their readable titles as definition names (``Fact_Text``)."""
    defs = schema.get("$defs", {})
    renames = {key: value["title"] for key, value in defs.items() if value.get("title") and value["title"] != key}
    if len(set(renames.values())) != len(renames):
        return schema
    text = json.dumps(schema)
    for old, new in renames.items():
        text = text.replace(f'"#/$defs/{old}"', f'"#/$defs/{new}"')
    out: dict[str, Any] = json.loads(text)
    out["$defs"] = {renames.get(k, k): v for k, v in out["$defs"].items()}
    return out


def build_schema() -> str:
    """The schema document as text, byte-stable across runs."""
    schema = _rename_defs(Register.model_json_schema(by_alias=True))
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    schema["$defs"] = dict(sorted(schema["$defs"].items()))
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / SCHEMA_FILE
    target.write_text(build_schema(), encoding="utf-8")
    return target


def is_stale(directory: Path) -> bool:
    """True when the committed schema differs from what the models generate."""
    target = directory / SCHEMA_FILE
    return not target.exists() or target.read_text(encoding="utf-8") != build_schema()
