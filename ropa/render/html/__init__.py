"""The web page (``ropa build --html``): one self-contained HTML file, safe to publish.

``render`` returns the page as UTF-8 bytes, the same bytes for the same input. ``public=True``
gives the extract for publication (``--public``): no encoder notes, no attestations' names, no
internal document references, and a line saying that it is an extract. ``map_svg`` is the data
map as SVG text (``ropa.render.datamap.svg``), shown inline when given.
"""

from __future__ import annotations

from ropa.render.context import RenderInput
from ropa.render.excel.facts import Lookup
from ropa.render.excel.words import Words
from ropa.render.html.page import page
from ropa.render.html.public import extract


def render(data: RenderInput, *, public: bool = False, map_svg: str | None = None) -> bytes:
    """The page for ``data``'s register as UTF-8 bytes."""
    register = extract(data.register) if public else data.register
    look = Lookup(register, Words(data.language.value, register.info.kind.value))
    return page(data, look, public=public, map_svg=map_svg).encode("utf-8")


__all__ = ["render"]
