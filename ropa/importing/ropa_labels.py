"""What ropa's own workbooks call things, in every language of the label catalogue: the Register sheet's
column headers and the marker cells (Not stated in source, Not recorded, None, Not applicable).

A workbook ropa built is in its register's language; reading it back needs these words, not the
UK ICO's English ones.
"""

from __future__ import annotations

import enum
from functools import cache
from typing import TypeVar

from ropa.reference.labels import catalogue

E = TypeVar("E", bound=enum.Enum)

#: Register sheet column (label key, ropa.render.excel.register_sheet) -> importer column key.
COLUMN_KEYS = {
    "xlsx.col.activity-id": "id",
    "point.activity": "name",
    "xlsx.col.description": "description",
    "point.business-function": "business_function",
    "point.purposes": "purpose",
    "point.joint-controllers": "joint",
    "point.data-subjects": "subjects",
    "point.data-categories": "data",
    "point.recipients": "recipients",
    "point.processor-contract": "contract",
    "point.transfers": "transfers",
    "point.transfer-mechanism": "mechanism",
    "point.retention": "retention",
    "point.security-measures": "security",
    "point.lawful-basis": "lawful_basis",
    "point.art9-condition": "art9",
    "point.art10-basis": "art10",
    "point.legitimate-interest": "legitimate_interest",
    "point.rights": "rights",
    "point.automated-decisions": "automated",
    "point.data-source": "data_source",
    "point.storage-location": "location",
    "point.dpia": "dpia",
    "point.last-reviewed": "last_reviewed",
    "xlsx.col.notes": "-notes",
}
_MARKERS = {
    "status.not-stated": "unclear",
    "status.not-recorded": "unclear",
    "status.none": "none",
    "status.not-applicable": "not_applicable",
}


@cache
def headers() -> dict[str, str]:
    """A Register sheet header's first line, case folded, in any catalogue language -> importer column key."""
    labels = catalogue()
    return {text.casefold(): key for label, key in COLUMN_KEYS.items() for text in labels[label].values()}


@cache
def markers() -> dict[str, str]:
    """A marker cell's text, case folded, in any catalogue language -> the marker it stands for."""
    labels = catalogue()
    return {text.casefold().rstrip("."): kind for label, kind in _MARKERS.items() for text in labels.get(label, {}).values()}


@cache
def gap_labels() -> dict[str, str]:
    """ropa's own gap cell ('Not stated in source', 'Not recorded'), case folded, in any catalogue language -> the
    register kind that writes it (policy, internal)."""
    labels = catalogue()
    found = {text.casefold(): "internal" for text in labels["status.not-recorded"].values()}
    return {**found, **{text.casefold(): "policy" for text in labels["status.not-stated"].values()}}


def kind(texts: list[str]) -> str | None:
    """The register kind whose gap wording the cells use most (a ropa workbook shows which it is), or None."""
    gaps = gap_labels()
    counts = {"policy": 0, "internal": 0}
    for text in texts:
        found = gaps.get(" ".join(text.casefold().split()).rstrip("."))
        if found is not None:
            counts[found] += 1
    if not any(counts.values()):
        return None
    return max(counts, key=lambda k: counts[k])


@cache
def _enum_texts(enum_cls: type[enum.Enum]) -> dict[str, enum.Enum]:
    labels = catalogue()
    found: dict[str, enum.Enum] = {}
    for member in enum_cls:
        for text in labels.get(f"enum.{enum_cls.__name__}.{member.value}", {}).values():
            found.setdefault(" ".join(text.casefold().split()), member)
    return found


def labelled(items: tuple[str, ...], enum_cls: type[E]) -> list[E] | None:
    """The members a list cell of a ropa workbook names by their labels (any catalogue language), or None
    unless every item is such a label."""
    table = _enum_texts(enum_cls)
    members = [table.get(" ".join(item.casefold().split())) for item in items]
    if not members or any(m is None for m in members):
        return None
    return list(dict.fromkeys(m for m in members if isinstance(m, enum_cls)))


@cache
def _gap_suffixes() -> tuple[str, ...]:
    labels = catalogue()
    keys = ("xlsx.word.country-not-stated", "internal.xlsx.word.country-not-stated")
    return tuple(f" \N{EN DASH} {text}" for key in keys for text in labels.get(key, {}).values())


def without_gap_suffix(text: str) -> str:
    """A destination ropa wrote with its gap ('... – country not stated in source') as the destination alone."""
    for suffix in _gap_suffixes():
        if text.endswith(suffix):
            return text[: -len(suffix)].strip()
    return text


def language(header_cells: list[str]) -> str | None:
    """The catalogue language most of a header row's cells are ropa's labels in, or None (not a ropa workbook)."""
    labels = catalogue()
    firsts = {cell.strip().split("\n", 1)[0].strip().casefold() for cell in header_cells if cell}
    counts = {
        lang: sum(1 for key in COLUMN_KEYS if labels[key].get(lang, "").casefold() in firsts) for lang in ("en", "sv", "nl", "de", "fr")
    }
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 3 else None


#: Controller sheet rows (label key) -> (party, field) of the controller block (ropa.importing.controller).
_CONTROLLER_ROWS = {
    "point.controller-name": ("controller", "name"),
    "point.registration-number": ("controller", "registration_number"),
    "point.vat-number": ("controller", "vat_number"),
    "point.address": ("controller", "address"),
    "point.country": ("controller", "country"),
    "point.website": ("controller", "website"),
    "point.representative": ("representative", "heading"),
    "point.dpo": ("dpo", "heading"),
}


@cache
def controller_rows() -> dict[str, tuple[str, str]]:
    """A ropa Controller sheet's point label, case folded, in any catalogue language -> (party, field)."""
    labels = catalogue()
    return {text.casefold(): where for key, where in _CONTROLLER_ROWS.items() for text in labels[key].values()}


@cache
def point_value_headers() -> frozenset[tuple[str, str]]:
    """The (Point, Value) header pair of ropa's Controller sheet, case folded, per catalogue language."""
    labels = catalogue()
    return frozenset(
        (labels["xlsx.col.point"][lang].casefold(), labels["xlsx.col.value"][lang].casefold()) for lang in labels["xlsx.col.point"]
    )
