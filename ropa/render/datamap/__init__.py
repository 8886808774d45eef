"""The data map: data subjects -> activities -> recipients by role -> countries, drawn with Graphviz.

``flows`` reads the register into nodes and edges, ``split`` cuts a large register into pictures,
``dot`` writes the DOT text and ``graphviz`` runs the ``dot`` program. :func:`draw` gives every
picture as SVG and PNG (None when ``dot`` is not installed); the Word and Excel renderers embed the
PNGs, ``ropa build`` writes :func:`svg_document` as ``output/<id>-map.svg``, and a web page can
inline :func:`svg`. The same register gives the same bytes on every rebuild.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from lxml import etree

from ropa.model import Register
from ropa.render.context import RenderInput
from ropa.render.datamap import graphviz
from ropa.render.datamap.dot import Words, dot_text
from ropa.render.datamap.flows import ACTIVITIES, DESTINATIONS, RECIPIENTS, SUBJECTS, Flows, flows
from ropa.render.datamap.graphviz import HOW_TO_INSTALL, GraphvizError, available
from ropa.render.datamap.split import MAX_ACTIVITIES, Part, SplitBy, split

__all__ = ["HOW_TO_INSTALL", "DataMap", "GraphvizError", "Picture", "available", "dot_sources", "draw", "svg", "svg_document"]

#: Resolution of the PNGs embedded in Word and Excel: sharp when printed and when zoomed to 200 %.
DPI = 192
SVG_NS = "http://www.w3.org/2000/svg"
#: Points of white space between the pictures of a split map in the one SVG file.
GAP_PT = 24


@dataclass(frozen=True, slots=True)
class Plan:
    """One picture before drawing: its title, the lines under it, its alt text and its DOT text."""

    title: str
    alt: str
    dot: str


@dataclass(frozen=True, slots=True)
class Picture:
    """One drawn picture of the map."""

    title: str
    alt: str
    dot: str
    svg: str
    png: bytes
    #: Size in points (1/72 inch) at 100 %.
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class DataMap:
    """The map of one register: one picture, or several when it is split (``split`` says how)."""

    pictures: tuple[Picture, ...]
    split: SplitBy
    #: The sentence that says how the map splits (None for one picture).
    note: str | None


def _words(data: RenderInput) -> Words:
    return Words(data.language.value, data.register.info.kind.value)


def register_name(register: Register) -> str:
    """The name a register goes by: its title, else the controller's name."""
    return register.info.title or register.controller.name.value


def _part_line(words: Words, how: SplitBy, part: Part, n: int, count: int) -> str | None:
    if how is SplitBy.FUNCTION:
        names = [name if name is not None else words.t("status.not-stated") for name in part.functions]
        shown = ", ".join(names[:6]) + (f" (+{len(names) - 6})" if len(names) > 6 else "")
        return words.t("map.part.function", n=n, count=count, functions=shown)
    if how is SplitBy.GROUPS:
        return words.t("map.part.groups", n=n, count=count, first=part.first, last=part.last)
    return None


def _split_note(words: Words, how: SplitBy, parts: list[Part]) -> str | None:
    if how is SplitBy.FUNCTION:
        return words.t("map.split.function", limit=MAX_ACTIVITIES)
    if how is SplitBy.GROUPS:
        return words.t("map.split.groups", size=len(parts[0].activities), limit=MAX_ACTIVITIES)
    return None


def _alt(words: Words, register: Register, found: Flows, part_line: str | None) -> str:
    def count(column: str) -> int:
        return sum(1 for n in found.column(column) if not n.gap)

    text = words.t(
        "map.alt",
        name=register_name(register),
        subjects=count(SUBJECTS),
        activities=count(ACTIVITIES),
        recipients=count(RECIPIENTS),
        destinations=count(DESTINATIONS),
        date=register.info.date.isoformat(),
    )
    return f"{part_line}. {text}" if part_line else text


def plan(data: RenderInput) -> tuple[SplitBy, str | None, list[Plan]]:
    """How the map splits, the sentence saying so, and each picture's title, alt text and DOT text (no Graphviz needed)."""
    register, words = data.register, _words(data)
    how, parts = split(register.activities)
    note = _split_note(words, how, parts)
    title = f"{words.t('map.title')}: {register_name(register)}"
    plans = []
    for n, part in enumerate(parts, 1):
        found = flows(register, part.activities)
        part_line = _part_line(words, how, part, n, len(parts))
        lines = [words.t("map.subtitle", date=register.info.date.isoformat())]
        lines += [line for line in (part_line, note) if line]
        heading = f"{title} \N{EM DASH} {part_line}" if part_line else title
        plans.append(Plan(heading, _alt(words, register, found, part_line), dot_text(found, words, title, lines)))
    return how, note, plans


def dot_sources(data: RenderInput) -> list[str]:
    """The DOT text of each picture of the map."""
    return [p.dot for p in plan(data)[2]]


def _size(svg_text: str) -> tuple[float, float]:
    root = etree.fromstring(svg_text.encode("utf-8"))
    return float(root.get("width", "0pt").removesuffix("pt")), float(root.get("height", "0pt").removesuffix("pt"))


def draw(data: RenderInput) -> DataMap | None:
    """Every picture of the map, drawn; None when Graphviz's ``dot`` is not installed (GraphvizError if it fails)."""
    if not available():
        return None
    how, note, plans = plan(data)

    def picture(n: int, p: Plan) -> Picture:
        drawn = _prefixed(graphviz.svg(p.dot), f"map{n}-" if len(plans) > 1 else "map-")
        width, height = _size(drawn)
        return Picture(p.title, p.alt, p.dot, drawn, graphviz.png(p.dot, DPI), width, height)

    if len(plans) == 1:
        return DataMap((picture(1, plans[0]),), how, note)
    with ThreadPoolExecutor(max_workers=min(len(plans), os.cpu_count() or 1)) as pool:  # one dot process per core
        pictures = tuple(pool.map(picture, range(1, len(plans) + 1), plans))
    return DataMap(pictures, how, note)


def _prefixed(svg_text: str, prefix: str) -> str:
    """Element ids made unique in a page holding several pictures (``node1`` -> ``map2-node1``)."""
    root = etree.fromstring(svg_text.encode("utf-8"))
    for el in root.iter():
        ident = el.get("id")
        if ident is not None:
            el.set("id", prefix + ident)
        for attr in ("fill", "stroke"):
            value = el.get(attr)
            if value is not None and value.startswith("url(#"):
                el.set(attr, f"url(#{prefix}{value[5:]}")
    return str(etree.tostring(root, encoding="unicode")) + "\n"


def combined(data_map: DataMap) -> str:
    """All pictures in one ``<svg>`` element, one under the other, with the first picture's alt text as its label."""
    pictures = data_map.pictures
    width = max(p.width for p in pictures)
    height = sum(p.height for p in pictures) + GAP_PT * (len(pictures) - 1)
    label = " ".join(p.alt for p in pictures) if len(pictures) > 1 else pictures[0].alt
    root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS, "xlink": "http://www.w3.org/1999/xlink"})
    root.set("width", f"{width:g}pt")
    root.set("height", f"{height:g}pt")
    root.set("viewBox", f"0 0 {width:g} {height:g}")
    root.set("role", "img")
    root.set("aria-label", label)
    etree.SubElement(root, f"{{{SVG_NS}}}title").text = pictures[0].title if len(pictures) == 1 else data_map.note
    y = 0.0
    for p in pictures:
        part = etree.fromstring(p.svg.encode("utf-8"))
        part.set("x", "0")
        part.set("y", f"{y:g}")
        root.append(part)
        y += p.height + GAP_PT
    return str(etree.tostring(root, encoding="unicode")) + "\n"


def svg(data: RenderInput) -> str | None:
    """The map as one inline ``<svg>`` element (for a web page); None when Graphviz is not installed.

    The map ``ropa build`` has drawn already (``data.data_map``) is used as it is.
    """
    data_map = data.data_map or draw(data)
    return None if data_map is None else combined(data_map)


def svg_document(data_map: DataMap) -> bytes:
    """The map as a standalone SVG file (``output/<id>-map.svg``)."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + combined(data_map)).encode("utf-8")
