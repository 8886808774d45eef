"""Art. 26: one row per joint controller with the essence of the arrangement: the contact point for data subjects,
who does what, how the essence is made available, and the activities it covers."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.model.joint import Arrangement, ContactPoint, JointController, Responsibility
from ropa.render.excel.facts import Lookup, point_cell
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, items, lines

JOINT_COLUMNS = (
    Column("xlsx.col.joint-controller", ("26",), 18, 36),
    Column("point.joint-contact-point", ("26(1)",), 18, 40),
    Column("point.joint-responsibilities", ("26(1)",), 24, 60),
    Column("point.joint-essence", ("26(2)",), 18, 45),
    Column("word.activities-covered", min_width=16, max_width=40),
    Column("point.note", min_width=16, max_width=50),
)


def has_joint_controllers(look: Lookup) -> bool:
    """True when the register names joint controllers: then the workbook has this sheet."""
    joint = look.register.joint_controllers
    return isinstance(joint, list) and bool(joint)


def _contact_point(look: Lookup, cp: ContactPoint) -> Cell:
    return (lines([look.w.enum(cp.answered_by), *(look.contact(c) for c in cp.contacts)]), Kind.TEXT)


def _duty(look: Lookup, r: Responsibility) -> str:
    text = look.w.colon(look.w.enum(r.duty), look.w.enum(r.by))
    return f"{text} ({r.description})" if r.description else text


def _row(look: Lookup, party: JointController) -> list[Cell]:
    w = look.w
    name: Cell = (lines(look.party(party)), Kind.TEXT)
    arrangement = party.arrangement
    if not isinstance(arrangement, Arrangement):
        note = getattr(arrangement, "note", None) or party.note or ""
        return [name, w.not_stated, w.not_stated, w.not_stated, ("", Kind.TEXT), (note, Kind.TEXT)]
    cp = arrangement.contact_point
    duties = arrangement.responsibilities
    activities = {a.id: a.name for a in look.register.activities}
    notes = [n for n in (party.note, arrangement.note) if n]
    return [
        name,
        _contact_point(look, cp) if isinstance(cp, ContactPoint) else w.marker(cp),
        (items([_duty(look, r) for r in duties]), Kind.TEXT) if isinstance(duties, list) else w.marker(duties),
        point_cell(arrangement.essence_available, str, w),
        (items(f"{a}: {activities.get(a, a)}" for a in arrangement.activities), Kind.TEXT),
        (lines(notes), Kind.TEXT),
    ]


def arrangements_cell(look: Lookup) -> Cell:
    """Every joint controller's arrangement in one cell (the Controller sheet, and so the web page): the party's name,
    then the contact point, who does what and how the essence is made available; 'Not stated' where not recorded."""
    w = look.w
    joint = look.register.joint_controllers
    parts: list[str] = []
    for party in joint if isinstance(joint, list) else []:
        head = party.name or w("xlsx.col.joint-controller")
        arrangement = party.arrangement
        if not isinstance(arrangement, Arrangement):
            parts.append(w.colon(head, w.not_stated[0]))
            continue
        cp, duties = arrangement.contact_point, arrangement.responsibilities
        shown = [
            w.colon(w("point.joint-contact-point"), (_contact_point(look, cp) if isinstance(cp, ContactPoint) else w.marker(cp))[0]),
            w.colon(
                w("point.joint-responsibilities"),
                w.semicolons(_duty(look, r) for r in duties) if isinstance(duties, list) else w.marker(duties)[0],
            ),
            w.colon(w("point.joint-essence"), point_cell(arrangement.essence_available, str, w)[0]),
        ]
        parts.append(lines([head, *shown]))
    return ("\n\n".join(parts), Kind.TEXT)


def _rows(look: Lookup) -> Iterator[list[Cell]]:
    joint = look.register.joint_controllers
    if isinstance(joint, list):
        for party in joint:
            yield _row(look, party)


def joint_sheet(look: Lookup) -> Sheet:
    """Art. 26: each joint controller and the essence of its arrangement; an arrangement not recorded shows as a gap."""
    return table("xlsx.sheet.joint", JOINT_COLUMNS, _rows(look), look.w, freeze="B2")
