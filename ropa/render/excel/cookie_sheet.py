"""The "Cookies" sheet: each cookie of the registry once (ePrivacy Directive 2002/58/EC Art. 5(3)).

One row per cookie: its name, party and provider, purpose, lifetime, whether it is strictly
necessary (the only cookies exempt from consent) and identifies a browser or device, the data
categories it holds and the activities using it. The quotes behind each are on the Evidence sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import cast

from ropa.model.cookies import SESSION, Cookie
from ropa.model.enums import CookieParty
from ropa.model.markers import Fact, NotStated
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, items, lines

COLUMNS = (
    Column("xlsx.col.id", min_width=10, max_width=22),
    Column("xlsx.col.cookie-name", min_width=14, max_width=32),
    Column("xlsx.col.description", min_width=16, max_width=40),
    Column("point.cookie-party", min_width=12, max_width=24),
    Column("point.cookie-provider", min_width=14, max_width=30),
    Column("point.cookie-purpose", min_width=20, max_width=50),
    Column("point.cookie-lifetime", ("5(1)(e)",), 12, 24),
    Column("point.cookie-strictly-necessary", min_width=14, max_width=20),
    Column("point.cookie-identifies-device", ("4(1)",), 14, 20),
    Column("point.data-categories", ("30(1)(c)",), 16, 36),
    Column("xlsx.col.activities", min_width=16, max_width=40),
    Column("point.note", min_width=16, max_width=50),
)


#: The points of a cookie the source may leave open: label key, field.
_MARKED = (
    ("point.cookie-party", "party"),
    ("point.cookie-purpose", "purpose"),
    ("point.cookie-lifetime", "lifetime"),
    ("point.cookie-strictly-necessary", "strictly_necessary"),
    ("point.cookie-identifies-device", "identifies_device"),
)


def _point(look: Lookup, value: object, show: Callable[[object], str]) -> Cell:
    """A cookie's point: its value with the encoder's note, 'not stated' (gap style), or empty when left out."""
    if isinstance(value, NotStated):
        return look.w.marker(value)
    if isinstance(value, Fact):
        text = show(value.value)
        return (f"{text} ({value.note})" if value.note else text, Kind.TEXT)
    return ("", Kind.TEXT)


def _lifetime(look: Lookup, value: object) -> str:
    return look.w("word.session") if value == SESSION else look.duration(str(value))


def _row(look: Lookup, cookie: Cookie, used: list[str]) -> list[Cell]:
    w = look.w
    return [
        (cookie.id, Kind.TEXT),
        (cookie.name, Kind.TEXT),
        (cookie.description or "", Kind.TEXT),
        _point(look, cookie.party, lambda party: w.enum(cast(CookieParty, party))),
        (look.recipient(cookie.provider) if cookie.provider else "", Kind.TEXT),
        _point(look, cookie.purpose, str),
        _point(look, cookie.lifetime, lambda v: _lifetime(look, v)),
        _point(look, cookie.strictly_necessary, lambda v: w.yes_no(bool(v))),
        _point(look, cookie.identifies_device, lambda v: w.yes_no(bool(v))),
        (items(look.category(c) for c in cookie.data_categories), Kind.TEXT),
        (items(used), Kind.TEXT),
        (lines(_notes(look, cookie)), Kind.TEXT),
    ]


def _notes(look: Lookup, cookie: Cookie) -> list[str]:
    """The cookie's note, then the encoder's note on each point the source leaves open ('Purpose: ...'); a stated
    point's note is beside its value."""
    w = look.w
    points = [(key, getattr(cookie, field)) for key, field in _MARKED]
    out = [cookie.note] if cookie.note else []
    return out + [w.colon(w(key), value.note) for key, value in points if isinstance(value, NotStated) and value.note]


def rows(look: Lookup) -> Iterator[list[Cell]]:
    """One row per cookie of the registry, in its order."""
    users: dict[str, list[str]] = {}
    for act in look.register.activities:
        for cid in dict.fromkeys(act.cookies or []):
            users.setdefault(cid, []).append(f"{act.id}: {act.name}")
    for cookie in look.register.cookies:
        yield _row(look, cookie, users.get(cookie.id, []))


def cookies_sheet(look: Lookup) -> Sheet:
    """ePrivacy Art. 5(3): every cookie the website sets, what it is for, how long it lasts and who uses it."""
    return table("xlsx.sheet.cookies", COLUMNS, rows(look), look.w, freeze="C2")
