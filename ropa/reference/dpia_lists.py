"""Art. 35(4): the national lists of processing that always needs a DPIA, kept as data in ``data/dpia_lists.toml``."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One kind of processing on a national list; ``verified`` says whether its wording was checked against the source."""

    id: str
    name: str
    verified: bool


@dataclass(frozen=True, slots=True)
class NationalList:
    """One authority's list, with its date and where it was published."""

    country: str
    authority: str
    title: str
    date: dt.date
    reference: str
    url: str
    note: str
    entries: tuple[ListEntry, ...]

    def entry(self, entry_id: str) -> ListEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


@cache
def lists() -> dict[str, NationalList]:
    """The lists by the country code of the authority."""
    raw = tomllib.loads(resources.files("ropa.data").joinpath("dpia_lists.toml").read_text(encoding="utf-8"))
    out: dict[str, NationalList] = {}
    for row in raw["lists"]:
        entries = tuple(ListEntry(e["id"], e["name"], bool(e["verified"])) for e in row["entries"])
        out[row["country"]] = NationalList(
            row["country"], row["authority"], row["title"], row["date"], row["reference"], row["url"], row["note"], entries
        )
    return out


def for_country(country: str | None) -> NationalList | None:
    """The list of the controller's country, or None when the country is not stated or has no list here."""
    return lists().get(country) if country else None
