"""What a sheet is before it is written: its name, columns, rows and how it freezes and prints."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ropa.render.excel.words import Cell, Kind, Words

if TYPE_CHECKING:
    from ropa.render.datamap import Picture

#: Characters Excel refuses in a sheet name, and its length limit.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MAX_NAME = 31
#: Excel reserves this name for its change history (compared ignoring case).
_RESERVED = "history"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header label key, the articles it cites, and its width bounds (characters)."""

    key: str
    cites: tuple[str, ...] = ()
    min_width: int = 12
    max_width: int = 40

    def header(self, words: Words) -> Cell:
        """'Purposes of the processing' over 'Art. 30(1)(b)'."""
        text = words(self.key)
        return (f"{text}\n{words.cite(*self.cites)}" if self.cites else text, Kind.HEADER)


@dataclass(slots=True)
class Sheet:
    """A table sheet: header row 1, one record per row below, frozen and filtered."""

    key: str
    header: Sequence[Cell]
    bounds: Sequence[tuple[int, int]]
    rows: Iterable[Sequence[Cell]]
    #: Top-left cell of the scrolling pane: rows above and columns left of it stay in view.
    freeze: str = "B2"
    #: Print on A3 rather than A4 (the wide register sheets).
    wide: bool = False
    #: A form (the CNIL layout's fiches): section rows inside the body, so no filter; printed portrait.
    form: bool = False
    #: Pictures placed under the rows, one below the other (the data map).
    pictures: Sequence[Picture] = ()


def table(
    key: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]], words: Words, *, freeze: str = "B2", wide: bool = False
) -> Sheet:
    """A sheet of ``columns`` holding ``rows``."""
    header = [c.header(words) for c in columns]
    bounds = [(c.min_width, c.max_width) for c in columns]
    return Sheet(key, header, bounds, rows, freeze, wide)


def safe_sheet_name(text: str) -> str:
    """A valid sheet name from a label: forbidden characters become '-', at most 31 characters, never 'History'."""
    name = " ".join(_FORBIDDEN.sub("-", text).split()).strip("'")
    name = name[:MAX_NAME].rstrip() or "Sheet"
    if name.casefold() == _RESERVED:
        name += "-"
    return name


def sheet_names(labels: Sequence[str]) -> list[str]:
    """Safe names for the sheets, in order; two that collide (ignoring case) are an error, never renamed silently."""
    names = [safe_sheet_name(text) for text in labels]
    seen: dict[str, str] = {}
    for label, name in zip(labels, names, strict=True):
        if name.casefold() in seen:
            raise ValueError(f"sheet names collide: {seen[name.casefold()]!r} and {label!r} both become {name!r}")
        seen[name.casefold()] = label
    return names
