"""Evidence, and the explicit states of a point: stated, not stated, none, not applicable.

A register built from a public policy must never invent. Every point that a source may leave
open therefore takes one of these shapes in YAML:

* a stated value with its evidence: ``{value: ..., evidence: [{quote: "..."}]}``
  (structured entries such as a lawful basis carry ``evidence`` themselves); an evidence item is
  a verbatim quote of a source or an attestation ``{attested_by: ..., date: ...}`` by a person
  in the organisation;
* ``{not_stated: true, note: "..."}``: the source does not say; reported as a gap;
* ``{none: true, evidence: [...]}``: the source says there is none (no transfers, no DPO);
* ``{not_applicable: true, reason: "..."}``: the point does not apply, with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from ropa.model.types import Date, Id, Text


class Model(BaseModel):
    """Base of every register model: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        allow_inf_nan=False,
        use_enum_values=False,
        # Each model's validator is built when first used, not when its class is made: a register is
        # validated whole, through Register's, so the 59 others need not be built (20 ms of a cold validate).
        defer_build=True,
    )


class Quote(Model):
    """A verbatim quote of a source document that supports a fact."""

    quote: Text = Field(description="The exact words of the source (white space may differ); checked against the source text.")
    source: Id | None = Field(
        default=None,
        description="Id of the source document quoted; left out, the register's default source (`register.default_source`, else the first listed source).",
    )
    locator: Text | None = Field(default=None, description="Where in the source, e.g. a heading or section, for a human reader.")


class Attestation(Model):
    """A fact stated by a person in the organisation (the IT lead, the DPO), not quoted from a document."""

    attested_by: Text = Field(description="Who stated the fact: a role or a name, e.g. 'Head of IT'.")
    date: Date = Field(description="When it was stated (YYYY-MM-DD); a date after the register's date is a warning.")
    document: Text | None = Field(
        default=None, description="The internal document or ticket where it is recorded, e.g. 'Server inventory (IT-42)'."
    )
    note: Text | None = Field(default=None, description="The encoder's remark on the attestation.")


def _evidence_kind(value: Any) -> str:
    """Which kind of evidence a YAML mapping is, from the key that marks it: ``attested_by`` or ``quote``."""
    if isinstance(value, dict):
        return "attestation" if "attested_by" in value else "quote"
    return "attestation" if isinstance(value, Attestation) else "quote"


if TYPE_CHECKING:
    Evidence = Union[Quote, Attestation]  # noqa: UP007 - the run-time form below adds the discriminator
else:
    Evidence = Annotated[
        Union[Annotated[Quote, Tag("quote")], Annotated[Attestation, Tag("attestation")]],  # noqa: UP007 - built at run time
        Discriminator(_evidence_kind),
    ]

EvidenceList = Annotated[
    list[Evidence],
    Field(
        default_factory=list,
        description="Verbatim quotes of the source, or attestations by people in the organisation, that support this fact.",
    ),
]


def plain(ev: Evidence) -> str:
    """An evidence item in one line of plain text, for findings and reports: the quote in quotation
    marks, or 'attested by Head of IT, 2026-03-01'."""
    if isinstance(ev, Attestation):
        return f"attested by {ev.attested_by}, {ev.date.isoformat()}"
    return f"“{ev.quote}”"


def quotes_of(evidence: list[Evidence]) -> list[Quote]:
    """Only the verbatim quotes of an evidence list (attestations have no source text to check)."""
    return [e for e in evidence if isinstance(e, Quote)]


def _strictly_true(value: Any) -> Any:
    """The booleans YAML writes, and nothing that merely equals one (``1``, ``1.0``): the schema says ``const: true``."""
    if value is not True:
        raise PydanticCustomError("literal_error", "Input should be true", {"expected": "true"})
    return value


Always = Annotated[Literal[True], BeforeValidator(_strictly_true)]


class NotStated(Model):
    """The source does not state this point; it shows as a gap in every output."""

    not_stated: Always = Field(description="Always true: the source leaves this point open.")
    note: Text | None = Field(default=None, description="What the source does say nearby, or what to ask the organisation.")


class NoneStated(Model):
    """There is none (no transfers, no DPO appointed, no joint controller), as the evidence shows."""

    none: Always = Field(description="Always true: there is nothing to record for this point.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="Why there is none, where no quote says it.")


class NotApplicable(Model):
    """The point does not apply to this organisation or activity, for the reason given."""

    not_applicable: Always = Field(description="Always true: the point does not apply.")
    reason: Text = Field(description="Why the point does not apply (e.g. 'controller established in the EU').")


T = TypeVar("T")
M = TypeVar("M")


class Fact(Model, Generic[T]):
    """A stated value with the evidence for it."""

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """Readable schema names: ``Fact_Text``, ``Fact_IdList`` rather than repr soup."""
        return "Fact_" + "".join(_type_name(p) for p in params)

    value: T = Field(description="The value the source states.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark: an inference made, a caveat.")


def _type_name(tp: Any) -> str:
    if get_origin(tp) is Annotated:
        for meta in get_args(tp)[1:]:
            title = getattr(meta, "title", None)
            if title:
                return str(title).replace(" ", "")
        return _type_name(get_args(tp)[0])
    if get_origin(tp) is list:
        return _type_name(get_args(tp)[0]) + "List"
    return str(getattr(tp, "__name__", tp)).capitalize()


def marker(value: Any) -> str:  # noqa: PLR0911 - the keys tried in turn, unrolled
    """Which state a YAML value is in, from the key that marks it."""
    if isinstance(value, dict):  # pydantic calls this for every point: no loop
        if "not_stated" in value:
            return "not_stated"
        if "none" in value:
            return "none"
        if "not_applicable" in value:
            return "not_applicable"
        return "stated"
    if isinstance(value, NotStated):
        return "not_stated"
    if isinstance(value, NoneStated):
        return "none"
    if isinstance(value, NotApplicable):
        return "not_applicable"
    return "stated"


_D = Discriminator(marker)
_STATES: dict[str, tuple[tuple[type, str], ...]] = {
    "plain": ((NotStated, "not_stated"),),
    "or_none": ((NotStated, "not_stated"), (NoneStated, "none"), (NotApplicable, "not_applicable")),
}


def _union(stated: Any, states: str) -> Any:
    members = [Annotated[stated, Tag("stated")]] + [Annotated[cls, Tag(tag)] for cls, tag in _STATES[states]]
    return Annotated[Union[tuple(members)], _D]  # noqa: UP007 - built at run time


if TYPE_CHECKING:  # what the type checker sees; the run-time forms below add discriminators
    Point = Union[Fact[T], NotStated]  # noqa: UP007 - a generic alias over a TypeVar needs Union
    PointOrNone = Union[Fact[T], NotStated, NoneStated, NotApplicable]  # noqa: UP007
    Entry = Union[M, NotStated]  # noqa: UP007
    EntryOrNone = Union[M, NotStated, NoneStated, NotApplicable]  # noqa: UP007
    Items = Union[list[M], NotStated]  # noqa: UP007
    ItemsOrNone = Union[list[M], NotStated, NoneStated, NotApplicable]  # noqa: UP007
else:

    class Point:
        """A value the source states (with evidence) or does not state."""

        def __class_getitem__(cls, item: Any) -> Any:
            return _union(Fact[item], "plain")

    class PointOrNone:
        """A stated value, not stated, none, or not applicable."""

        def __class_getitem__(cls, item: Any) -> Any:
            return _union(Fact[item], "or_none")

    class Entry:
        """A structured statement that carries its own evidence, or not stated."""

        def __class_getitem__(cls, item: Any) -> Any:
            return _union(item, "plain")

    class EntryOrNone:
        """A structured statement, not stated, none, or not applicable."""

        def __class_getitem__(cls, item: Any) -> Any:
            return _union(item, "or_none")

    class Items:
        """A list of statements, each with its evidence, or not stated."""

        def __class_getitem__(cls, item: Any) -> Any:
            return _union(list[item], "plain")

    class ItemsOrNone:
        """A list of statements, not stated, none, or not applicable."""

        def __class_getitem__(cls, item: Any) -> Any:
            return _union(list[item], "or_none")


Marker = NotStated | NoneStated | NotApplicable


def is_stated(value: object) -> bool:
    """True when a point holds a stated value rather than a marker."""
    return not isinstance(value, (NotStated, NoneStated, NotApplicable))


__all__ = [
    "Attestation",
    "Entry",
    "EntryOrNone",
    "Evidence",
    "EvidenceList",
    "Fact",
    "Id",
    "Items",
    "ItemsOrNone",
    "Marker",
    "Model",
    "NoneStated",
    "NotApplicable",
    "NotStated",
    "Point",
    "PointOrNone",
    "Quote",
    "Text",
    "is_stated",
    "marker",
    "plain",
    "quotes_of",
]
