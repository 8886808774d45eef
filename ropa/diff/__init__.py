"""Semantic comparison of two registers: what changed, in the terms a DPO uses.

``compare(old, new)`` takes two validated :class:`~ropa.model.Register` models (never YAML
text) and returns a :class:`~ropa.diff.model.Report`: activities, recipients, security measures
and categories added, removed or changed (paired by id, then by name), each Art. 30 point that
changed with its old and new value, transfers to third countries first, gaps opened and closed,
and evidence-only changes kept apart from substantive ones.

Modules, one job each: ``model`` (changes and the report), ``display`` (values as text),
``points`` (a register as entities and points), ``match`` (pairing), ``compare`` (points),
``transfers`` (the risk lens), ``gapdiff`` (gaps), ``dpiadiff`` (DPIA criteria newly met), ``text`` and ``jsonout`` (terminal and
tools), ``git`` (a register at a revision). The workbook and the Word redline are written by
:mod:`ropa.render.changes`; :mod:`ropa.change_report` runs ``ropa diff`` and writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ropa.diff.compare import entity_changes, pair_entities, pairings
from ropa.diff.display import Display
from ropa.diff.dpiadiff import screening_changes
from ropa.diff.gapdiff import gap_changes
from ropa.diff.model import Action, Area, Change, Kind, Pairing, Report, Risk, Side
from ropa.diff.points import entities
from ropa.diff.transfers import flows, transfer_changes
from ropa.model import Register
from ropa.reference.labels import labels_for
from ropa.reporting.gaps import Gap, Status, all_gaps, own

__all__ = ["Action", "Area", "Change", "Kind", "Pairing", "Report", "Risk", "Side", "compare"]

_AREA_ORDER = {a: i for i, a in enumerate(Area)}


def side(register: Register, path: str = "", rows: Sequence[Gap] | None = None) -> Side:
    """The identity of one register in a comparison (``rows``: its gaps, when the caller has them)."""
    info = register.info
    name = register.controller.name.value
    held = all_gaps(register) if rows is None else rows
    open_points = sum(1 for g in own(list(held)) if g.status is Status.NOT_STATED)  # len(missing(register))
    return Side(info.id, info.date, name, info.title or name, path, open_points)


def compare(old: Register, new: Register, *, lang: str | None = None, old_path: str = "", new_path: str = "") -> Report:
    """Every change from ``old`` to ``new``: high-risk first, then by area in reading order."""
    language = lang or labels_for(new.info.language)
    kind = new.info.kind.value
    old_d, new_d = Display(old, language, kind), Display(new, language, kind)
    pairs = pair_entities(list(entities(old, old_d)), list(entities(new, new_d)))
    old_gaps, new_gaps = all_gaps(old), all_gaps(new)  # once each: the gaps opened and closed, and the open points
    activity_key: dict[str, str] = {}
    recipient_key: dict[str, str] = {}
    names: dict[str, str] = {}
    for p in pairs:
        if p.old is not None and p.new is not None:
            if p.new.area is Area.ACTIVITY:
                activity_key[p.old.id] = p.new.id
                names[p.new.id] = p.new.name
            elif p.new.area is Area.RECIPIENT:
                recipient_key[p.old.id] = p.new.id
    changes = [
        *transfer_changes(flows(old, old_d, activity_key, recipient_key), flows(new, new_d, {}, {}), old_d, new_d),
        *entity_changes(pairs, old_d, new_d),
        *gap_changes(old_gaps, new_gaps, activity_key, names, new_d),
        *screening_changes(old, new, activity_key, new_d),
    ]
    changes.sort(key=lambda c: (c.risk is not Risk.HIGH, _AREA_ORDER[c.area]))
    return Report(side(old, old_path, old_gaps), side(new, new_path, new_gaps), language, tuple(changes), tuple(pairings(pairs)), kind)
