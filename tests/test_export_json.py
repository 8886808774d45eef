"""`ropa export --format json`: the register as the model, valid against the committed schema, reading back unchanged."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ropa.export import register_json
from ropa.loading.discover import registers_in
from ropa.model import Register
from ropa.model.defaults import INHERITABLE
from ropa.schema import SCHEMA_ID
from ropa.validate import validate_file
from tests.conftest import ROOT, minimal_data, valid_register, write_variant

SHIPPED = registers_in(ROOT / "policies") + registers_in(ROOT / "tests" / "examples" / "valid")
DEFAULTS = ROOT / "tests" / "examples" / "valid" / "defaults" / "register.yaml"


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "register.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", SHIPPED, ids=_name)
def test_export_reads_back_as_the_samevalid_register(path: Path) -> None:
    """Register.model_validate of the export equals the loaded register, down to which points each activity inherits."""
    register = valid_register(path)
    back = Register.model_validate(json.loads(register_json(register)))
    assert back == register
    assert back.inherited == register.inherited
    assert register_json(back) == register_json(register)


@pytest.mark.parametrize("path", SHIPPED, ids=_name)
def test_export_is_laid_out_as_json_dumps_with_indent_2(path: Path) -> None:
    """The text is exactly what ``json.dumps(doc, indent=2, ensure_ascii=False)`` gives: one layout a diff can rely on."""
    data = register_json(valid_register(path))
    assert data.decode("utf-8") == json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", SHIPPED, ids=_name)
def test_export_is_valid_against_the_committed_schema(path: Path) -> None:
    document = json.loads(register_json(valid_register(path)))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(document)]
    assert errors == []


def test_export_names_the_schema_and_keeps_the_models_key_order() -> None:
    register = valid_register(DEFAULTS)
    document = json.loads(register_json(register))
    schema = json.loads((ROOT / "schemas" / "register.schema.json").read_text(encoding="utf-8"))
    assert document["$schema"] == SCHEMA_ID == schema["$id"]
    assert list(document) == ["$schema", *(f.alias or name for name, f in Register.model_fields.items())]
    assert list(document["register"])[:2] == ["id", "title"]


def test_export_is_byte_stable() -> None:
    """Two exports of one file, each from a fresh validation, are the same bytes; UTF-8, not \\u escapes."""
    cab = ROOT / "policies" / "cab" / "register.yaml"
    first, second = (validate_file(cab).register for _ in range(2))
    assert first is not None
    assert second is not None
    data = register_json(first)
    assert data == register_json(second)
    assert data.endswith(b"}\n")
    assert "å".encode() in data or "ä".encode() in data
    assert b"\\u00" not in data


def test_activities_show_effective_values_and_list_what_they_inherit() -> None:
    """A consumer reads every point off the activity; `inherited` says which come from `defaults`, in the models' order."""
    document = json.loads(register_json(valid_register(DEFAULTS)))
    acts = {a["id"]: a for a in document["activities"]}
    newsletter = acts["newsletter"]
    assert newsletter["inherited"] == [p for p in INHERITABLE if p in set(newsletter["inherited"])]
    assert "security_measures" in newsletter["inherited"]
    assert newsletter["security_measures"] == document["defaults"]["security_measures"]
    own = [a for a in document["activities"] if "retention" not in a["inherited"]]
    assert own, "the example has an activity stating its own retention"
    assert own[0]["retention"] != document["defaults"]["retention"]
    assert all(a[point] is not None for a in document["activities"] for point in a["inherited"])


def test_an_edited_inherited_point_reads_back_as_the_activitys_own() -> None:
    """Editing an effective value in the export makes it the activity's own statement; nothing edited stays inherited."""
    register = valid_register(DEFAULTS)
    document: dict[str, Any] = json.loads(register_json(register))
    edited = copy.deepcopy(document)
    act = edited["activities"][0]
    assert "business_function" in act["inherited"]
    act["business_function"] = {"not_stated": True, "note": "Marketing, to be confirmed."}
    back = Register.model_validate(edited)
    assert "business_function" not in back.activities[0].inherited
    assert back.activities[0].inherited == register.activities[0].inherited - {"business_function"}
    assert back.activities[1:] == register.activities[1:]


def test_inherited_naming_an_unknown_point_is_refused() -> None:
    document = json.loads(register_json(valid_register(DEFAULTS)))
    document["activities"][0]["inherited"] = ["purposes"]
    with pytest.raises(ValueError, match="inherited"):
        Register.model_validate(document)


def test_a_yaml_register_may_name_its_schema(tmp_path: Path) -> None:
    """`$schema` is accepted in YAML too (additive): an editor that reads it finds the schema; ropa ignores it."""
    (tmp_path / "named").mkdir()
    (tmp_path / "plain").mkdir()
    named = validate_file(write_variant(tmp_path / "named", {"$schema": SCHEMA_ID, **minimal_data()}))
    plain = validate_file(write_variant(tmp_path / "plain", minimal_data()))
    assert named.errors == []
    assert named.register == plain.register


def test_texts_with_quotes_backslashes_and_astral_characters_survive(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["name"] = 'Nyhetsbrev "Veckans 😀" \\ C:\\temp\u2028next – é'
    data["activities"][0]["description"] = "Tab\there; slash / and </script>"
    register = valid_register(write_variant(tmp_path, data))
    text = register_json(register).decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert Register.model_validate(json.loads(text)) == register
