"""docs/format.md from the models: every field of every model, by where it sits in the register.

Each field shows its Art. 30 point, whether it is required, its type with the states it takes, its
description, and the allowed values of a closed list (their meaning from the English labels).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from ropa.format_doc.anchors import SECTIONS, SLUGS, Section, field_anchor, fields
from ropa.format_doc.examples import EXAMPLES, STATES_EXAMPLE
from ropa.format_doc.shapes import BUILDING_BLOCKS, enum_in, literal_in, models_in, shape
from ropa.model import Register
from ropa.model import enums as enum_module
from ropa.reference.labels import MissingLabelError, label

#: Fields whose point is not written in their own description or their model's docstring.
ARTICLES: dict[tuple[str, str], str] = {
    ("Register", "register"): "—",
    ("Register", "roles"): "Art. 30(1), 30(2)",
    ("Register", "supervisory_authority"): "Art. 51, 56",
    ("Register", "data_subject_rights"): "Art. 12-22",
    ("Register", "policy_claims"): "Art. 5(1)(a)",
    ("Register", "data_subject_categories"): "Art. 30(1)(c)",
    ("Register", "data_categories"): "Art. 30(1)(c)",
    ("Register", "recipients"): "Art. 30(1)(d)",
    ("Register", "security_measures"): "Art. 30(1)(g), 32(1)",
    ("Register", "activities"): "Art. 30(1)(b)-(g), 30(2)",
    ("RegisterInfo", "last_reviewed"): "Art. 24(1); regulators' templates",
    ("RegisterInfo", "review_period_months"): "Art. 24(1)",
    ("Activity", "business_function"): "regulators' templates",
    ("Activity", "storage_location"): "regulators' templates",
    ("Activity", "last_reviewed"): "Art. 24(1); regulators' templates",
    ("Activity", "name"): "Art. 30(1)(b)",
    ("Activity", "data_source"): "Art. 13, 14",
    ("Activity", "description"): "Art. 30(1)(b)",
}
#: Models whose docstring names no article, for the fields that name none either.
MODEL_ARTICLES = {"Contact": "Art. 30(1)(a)", "Party": "Art. 30(1)(a)", "Authority": "Art. 51, 56", "Location": "regulators' templates"}
_POINT = re.compile(r"^((?:Art\. |Chapter |WP248 rev\.01 criterion |Criterion )[^:]{1,40}):|^(Art\. \d+(?:\(\d\))?)\b")

#: What the stated value of a plain type is, by the title the type carries.
_TITLES = {
    "Text": "text",
    "Id": "id (lower-case letters, digits, hyphens)",
    "Date": "date `YYYY-MM-DD`",
    "CountryCode": "country code (ISO 3166-1 alpha-2, e.g. `SE`)",
    "Duration": "ISO 8601 duration (`P2Y`, `P6M`, `P30D`)",
    "Count": "whole number",
    "Bool": "`true` or `false`",
}
_STATE_TEXT = {"not_stated": "`{not_stated: true}`", "none": "`{none: true}`", "not_applicable": "`{not_applicable: true}`"}


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


def enum_anchor(cls: type[enum.Enum]) -> str:
    return f"values-{_kebab(cls.__name__)}"


def article(model: type[BaseModel], key: str, description: str) -> str:
    """The Art. 30 point (or other article) a field encodes."""
    name = key if (model.__name__, key) in ARTICLES else next((n for n, i in model.model_fields.items() if i.alias == key), key)
    if (model.__name__, name) in ARTICLES:
        return ARTICLES[model.__name__, name]
    if key in ("evidence", "note"):  # the same on every statement: its own entry says what it is
        return "—"
    for text in (description, model.__doc__ or ""):
        if match := _POINT.match(text.strip()):
            found = match.group(1) or match.group(2)
            return "WP248 criterion " + found.split()[-1] if "riterion" in found else found
    return MODEL_ARTICLES.get(model.__name__, "—")


def type_text(tp: Any, title: str | None = None) -> str:  # noqa: PLR0911 - one line per kind of type
    """A stated type in words, with links to the models and closed lists it names."""
    while get_origin(tp) is Annotated:
        title = title or next((str(m.title) for m in get_args(tp)[1:] if getattr(m, "title", None)), None)
        tp = get_args(tp)[0]
    if get_origin(tp) is list:
        inner = type_text(get_args(tp)[0])
        return "list of " + (inner + "s" if inner.endswith(" value") else inner)
    if (values := literal_in(tp)) is not None:
        return " or ".join(f"`{str(v).lower() if isinstance(v, bool) else v}`" for v in values)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"[{tp.__name__}](#{enum_anchor(tp)}) value"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{SLUGS[tp]})"
    if title in _TITLES:
        return _TITLES[title]
    if tp is bool:
        return _TITLES["Bool"]
    if tp is int:
        return _TITLES["Count"]
    if tp is dt.date:
        return _TITLES["Date"]
    return _TITLES["Text"]


def field_block(model: type[BaseModel], key: str, info: Any) -> list[str]:
    """The entry of one field: anchor, name, point, required, type and states, description, values."""
    form = shape(info.annotation)
    required = "required" if info.is_required() else "optional"
    stated = type_text(form.stated, form.title or info.title)
    if form.fact:
        stated = f"`{{value: …, evidence: […]}}` with a value of type: {stated}"
    kinds = [stated] + [_STATE_TEXT[s] for s in form.states]
    description = str(info.description or "").strip()
    out = [
        f'<a id="{field_anchor(model, key)}"></a>',
        " · ".join(p for p in (f"**`{key}`**", article(model, key, description), required) if p != "—"),
        "",
        description,
        "",
        "- Takes: " + ", or ".join(kinds),
    ]
    if (closed := enum_in(form.stated)) is not None:
        out.append("- Values: " + ", ".join(f"`{m.value}`" for m in closed))
    out.append("")
    return out


def model_block(model: type[BaseModel]) -> list[str]:
    doc = (model.__doc__ or "").strip().splitlines()[0]
    out = [] if model is Register else [f'<a id="{SLUGS[model]}"></a>', ""]
    out += [f"### {model.__name__}", "", doc, ""]
    for key, info in fields(model):
        out += field_block(model, key, info)
    return out


def section_models(section: Section, seen: set[type[BaseModel]]) -> list[type[BaseModel]]:
    """The models first met under a section's keys, depth first in field order."""
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = []
    for key, info in fields(Register):
        if key in section.keys:
            todo += models_in(shape(info.annotation).stated)
    while todo:
        model = todo.pop(0)
        if model in seen or model in BUILDING_BLOCKS:
            continue
        seen.add(model)
        found.append(model)
        nested = [m for _, info in fields(model) for m in models_in(shape(info.annotation).stated)]
        todo = nested + todo
    return found


def enum_block(cls: type[enum.Enum]) -> list[str]:
    out = [f'<a id="{enum_anchor(cls)}"></a>', "", f"### {cls.__name__}", "", (cls.__doc__ or "").strip(), ""]
    out += ["| value | meaning |", "|---|---|"]
    for member in cls:
        try:
            meaning = label(f"enum.{cls.__name__}.{member.value}", "en")
        except MissingLabelError:
            meaning = ""
        out.append(f"| `{member.value}` | {meaning} |")
    return [*out, ""]


def _states_section() -> list[str]:
    out = [
        '<a id="states"></a>',
        "",
        "## Points and their four states",
        "",
        "A register never invents. Every point a source may leave open takes one of four shapes, and leaving a",
        "required point out is an error (the entry of each field below says which shapes it takes):",
        "",
        "- **stated**: the value with the evidence for it, `{value: ..., evidence: [...]}`; a structured statement",
        "  (a lawful basis, a transfer) carries its `evidence` itself;",
        "- **not_stated**: `{not_stated: true, note: ...}`: the source does not say; a gap in every output and in `ropa gaps`;",
        "- **none**: `{none: true, evidence: [...]}`: there is none (no transfers, no DPO), as the evidence shows;",
        "- **not_applicable**: `{not_applicable: true, reason: ...}`: the point does not apply, for the reason given.",
        "",
        "```yaml",
        STATES_EXAMPLE.rstrip(),
        "```",
        "",
    ]
    for model in BUILDING_BLOCKS:
        out += model_block(model)
    return out


def render() -> str:
    parts = [
        "# Register format reference",
        "",
        "Generated from the models (`ropa/model/`) by `make docs`; do not edit by hand. Every field of the",
        "register, grouped by where it sits, with the article it encodes. An error about a field names its",
        "entry here, e.g. `(see docs/format.md#activity-retention)`. Editors get the same help from",
        "`schemas/register.schema.json`; `ropa init DIR` starts a new register.",
        "",
        "- [Points and their four states](#states)",
        *[f"- [{s.title}](#{s.anchor})" for s in SECTIONS],
        "- [Allowed values](#values)",
        "",
        *_states_section(),
    ]
    seen: set[type[BaseModel]] = set()
    enums: list[type[enum.Enum]] = []
    for section in SECTIONS:
        models = [Register] if section.anchor == "part-file" else section_models(section, seen)
        parts += [f'<a id="{section.anchor}"></a>', "", f"## {section.title}", "", section.intro, ""]
        parts += ["```yaml", EXAMPLES[section.anchor].rstrip(), "```", ""]
        for model in models:
            parts += model_block(model)
            for _, info in fields(model):
                closed = enum_in(shape(info.annotation).stated)
                if closed is not None and closed not in enums:
                    enums.append(closed)
    parts += ['<a id="values"></a>', "", "## Allowed values", "", "The closed lists of the format, with what each value means.", ""]
    known = [
        e for e in vars(enum_module).values() if isinstance(e, type) and issubclass(e, enum.Enum) and e.__module__ == enum_module.__name__
    ]
    for cls in enums + [e for e in known if e not in enums]:
        parts += enum_block(cls)
    return "\n".join(parts).rstrip() + "\n"
