"""The "Data subjects and data categories" sheet: each registry entry of Art. 30(1)(c) once, as the register states it.

The Register sheet names the categories an activity uses; this sheet says what each one is: who
belongs to a category of data subjects, what a data category contains, the flags the register sets
(Art. 9, Art. 10, WP248 vulnerable people and highly personal data) and the activities using it. The
quotes behind each entry are on the Evidence sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ropa.model.activity import Activity
from ropa.model.markers import Fact, NotStated
from ropa.render.context import registry_users
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, items, lines

COLUMNS = (
    Column("xlsx.col.point", ("30(1)(c)",), 16, 28),
    Column("xlsx.col.id", min_width=10, max_width=22),
    Column("xlsx.col.name", min_width=14, max_width=32),
    Column("xlsx.col.description", min_width=20, max_width=50),
    Column("xlsx.col.category-flags", min_width=16, max_width=40),
    Column("xlsx.col.activities", min_width=16, max_width=40),
)


def _users(look: Lookup, point: Callable[[Activity], object]) -> dict[str, list[str]]:
    """Registry id -> the activities whose point names it, as this output shows them."""
    return {rid: [f"{a.id}: {a.name}" for a in acts] for rid, acts in registry_users(look.register, point).items()}


def _flag(look: Lookup, key: str, value: object) -> list[str]:
    """'Data concerning vulnerable data subjects: No', or not stated, with the encoder's note; nothing when left out."""
    w = look.w
    if isinstance(value, NotStated):
        shown = w.colon(w(key), w.not_stated[0])
        return [f"{shown} ({value.note})" if value.note else shown]
    if isinstance(value, Fact):
        shown = w.colon(w(key), w.yes_no(bool(value.value)))
        return [f"{shown} ({value.note})" if value.note else shown]
    return []


def rows(look: Lookup) -> Iterator[list[Cell]]:
    """The data subject categories, then the data categories, one row each in register order."""
    w, reg = look.w, look.register
    users = _users(look, lambda act: act.data_subjects)
    for s in reg.data_subject_categories:
        flags = _flag(look, "dpia.criterion.vulnerable-subjects", s.vulnerable)
        used = users.get(s.id, [])
        yield [
            (w("point.data-subjects"), Kind.TEXT),
            (s.id, Kind.TEXT),
            (s.name, Kind.TEXT),
            (s.description or "", Kind.TEXT),
            (lines(flags), Kind.TEXT),
            (items(used), Kind.TEXT),
        ]
    users = _users(look, lambda act: act.data_categories)
    for c in reg.data_categories:
        flags = [f"{w.enum(c.special_category)} ({w('xlsx.word.special-category')})"] if c.special_category else []
        flags += [str(w("xlsx.word.criminal-offence"))] if c.criminal_offence else []
        flags += _flag(look, "dpia.criterion.sensitive-data", c.highly_personal)
        yield [
            (w("point.data-categories"), Kind.TEXT),
            (c.id, Kind.TEXT),
            (c.name, Kind.TEXT),
            (c.description or "", Kind.TEXT),
            (lines(flags), Kind.TEXT),
            (items(users.get(c.id, [])), Kind.TEXT),
        ]


def categories_sheet(look: Lookup) -> Sheet:
    """Art. 30(1)(c): every category of data subjects and of personal data, what it is, and who uses it."""
    return table("xlsx.sheet.categories", COLUMNS, rows(look), look.w, freeze="D2")
