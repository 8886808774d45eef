"""How a recipient relates to another recipient: a sub-processor to its processor, a representative in the Union
to the company it represents, group companies to each other (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ropa.model.enums import RecipientRelation
from ropa.model.markers import EvidenceList, Id, Model, Text

if TYPE_CHECKING:
    from ropa.model.register import Register


class RecipientLink(Model):
    """One relation of a recipient to another recipient of the register, with the evidence for it."""

    relation: RecipientRelation = Field(
        description="How this recipient stands to the other one, read left to right: this recipient is a "
        "`sub-processor-of`, `eu-representative-of`, `subsidiary-of`, `parent-of`, `same-group-as` or "
        "`alternative-contracting-party-to` the other."
    )
    recipient: Id = Field(description="Id of the other recipient, in `recipients`.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark, e.g. how the relation was inferred.")


def sub_processors(register: Register) -> dict[str, list[str]]:
    """Processor id -> the ids of its direct sub-processors, in register order (a relation to itself left out)."""
    out: dict[str, list[str]] = {}
    for rec in register.recipients:
        for link in rec.relations:
            if link.relation is RecipientRelation.SUB_PROCESSOR_OF and link.recipient != rec.id:
                out.setdefault(link.recipient, []).append(rec.id)
    return out


def chains(subs: dict[str, list[str]], processor: str) -> Iterator[list[str]]:
    """Every sub-processor under ``processor``, directly or through others, as its chain [processor, ..., sub-processor],
    nearest first; each once, even where chains loop."""
    seen = {processor}
    frontier = [[processor]]
    while frontier:
        nxt: list[list[str]] = []
        for path in frontier:
            for sub in subs.get(path[-1], []):
                if sub not in seen:
                    seen.add(sub)
                    yield [*path, sub]
                    nxt.append([*path, sub])
        frontier = nxt


def reached(recipients: list[str], subs: dict[str, list[str]]) -> list[str]:
    """The recipients and, after them, every sub-processor under them, each once, in a stable order."""
    out = list(dict.fromkeys(recipients))
    for rid in recipients:
        out += [chain[-1] for chain in chains(subs, rid) if chain[-1] not in out]
    return out
