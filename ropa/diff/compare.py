"""Comparing the entities of two registers point by point: substantive and evidence changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from ropa.diff.display import Display
from ropa.diff.match import Pair, pair
from ropa.diff.model import Action, Area, Change, Kind, Pairing, Risk
from ropa.diff.points import Entity, Field

#: Areas whose every change is a change of evidence: the source documents themselves.
EVIDENCE_AREAS = frozenset({Area.SOURCE})


def same(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two display values are the same when they hold the same items (order carries no meaning)."""
    return Counter(a) == Counter(b)


def _field_changes(before_entity: Entity, after_entity: Entity, old: Field, new: Field) -> Iterator[Change]:
    if not same(old.value, new.value):
        added = set(new.value) - set(old.value)
        risk = Risk.HIGH if added & new.risky else Risk.NORMAL
        kind = Kind.EVIDENCE if after_entity.area in EVIDENCE_AREAS else Kind.SUBSTANTIVE
        before, after = old.value, new.value
    elif not same(old.evidence, new.evidence):
        risk, kind = Risk.NORMAL, Kind.EVIDENCE
        before, after = old.evidence, new.evidence
    else:
        return
    yield Change(
        after_entity.area,
        after_entity.name,
        Action.CHANGED,
        kind,
        new.key,
        new.article,
        before,
        after,
        before_entity.id,
        after_entity.id,
        risk,
    )


def _risky(entity: Entity) -> bool:
    return any(set(f.value) & f.risky for f in entity.fields)


def entity_changes(pairs: Iterable[Pair[Entity]], old_d: Display, new_d: Display) -> Iterator[Change]:
    """The changes of paired entities, and one change per entity added or removed."""
    for p in pairs:
        if p.old is None and p.new is not None:
            kind = Kind.EVIDENCE if p.new.area in EVIDENCE_AREAS else Kind.SUBSTANTIVE
            risk = Risk.HIGH if _risky(p.new) else Risk.NORMAL
            yield Change(p.new.area, p.new.name, Action.ADDED, kind, new=p.new.digest(new_d), new_id=p.new.id, risk=risk)
        elif p.new is None and p.old is not None:
            kind = Kind.EVIDENCE if p.old.area in EVIDENCE_AREAS else Kind.SUBSTANTIVE
            yield Change(p.old.area, p.old.name, Action.REMOVED, kind, old=p.old.digest(old_d), old_id=p.old.id)
        elif p.old is not None and p.new is not None:
            old_fields = {f.key: f for f in p.old.fields}
            for new in p.new.fields:
                old = old_fields.get(new.key)
                if old is not None:
                    yield from _field_changes(p.old, p.new, old, new)


def pair_entities(old: Sequence[Entity], new: Sequence[Entity]) -> list[Pair[Entity]]:
    """Entities paired within each area, areas in the order they first appear."""
    areas: list[Area] = []
    for e in (*new, *old):
        if e.area not in areas:
            areas.append(e.area)
    out: list[Pair[Entity]] = []
    for area in areas:
        out.extend(pair([e for e in old if e.area is area], [e for e in new if e.area is area]))
    return out


def pairings(pairs: Iterable[Pair[Entity]]) -> list[Pairing]:
    """How items of OLD were matched with items of NEW: by the same id, or by name."""
    return [Pairing(p.new.area, p.old.id, p.new.id, p.new.name, p.by) for p in pairs if p.old is not None and p.new is not None]
