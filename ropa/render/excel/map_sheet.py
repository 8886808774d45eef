"""The "Data map" sheet: the map's title and description over its pictures (ropa.render.datamap)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Sheet
from ropa.render.excel.words import Kind

if TYPE_CHECKING:
    from ropa.render.datamap import DataMap

#: Width of the sheet's one column, in characters: the text above the pictures wraps at it.
WIDTH = 120


def map_sheet(look: Lookup, data_map: DataMap) -> Sheet:
    """A header naming the map, a row saying what it shows (and how it splits), then the pictures."""
    from ropa.render.datamap import register_name  # noqa: PLC0415 - the map module loads only with a map

    title = f"{look.w('map.title')}: {register_name(look.register)}"
    text = [data_map.note] if data_map.note else []
    text += [p.alt for p in data_map.pictures]
    rows = [[("\n".join(text), Kind.TEXT)]]
    return Sheet("xlsx.sheet.map", [(title, Kind.HEADER)], [(WIDTH, WIDTH)], rows, freeze="A2", form=True, pictures=data_map.pictures)
