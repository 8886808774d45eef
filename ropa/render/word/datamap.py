"""The data map in the Word register: after the summary of activities, each picture fit to the page, with its alt text."""

from __future__ import annotations

import io
from typing import Any

from docx.shared import Pt

from ropa.render.word.ooxml import Body, Element, Run, para, parse
from ropa.render.word.styles import HEADINGS, MARGIN_BOTTOM, MARGIN_TOP, NOTE, PAGE_HEIGHT, TEXT_WIDTH
from ropa.render.word.values import Context

#: The tallest a picture may be, in points: the page's text height less room for the heading and a caption.
MAX_HEIGHT = (PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / 20 - 60
MAX_WIDTH = TEXT_WIDTH / 20


def fitted(width: float, height: float) -> tuple[float, float]:
    """A picture's size in points on the page: its own, or smaller to fit the text area (never larger)."""
    scale = min(1.0, MAX_WIDTH / width, MAX_HEIGHT / height)
    return width * scale, height * scale


def write_map(ctx: Context, body: Body, part: Any) -> None:
    """The map's heading, how it splits, and each picture as an inline PNG whose description is its alt text."""
    data_map = ctx.data.data_map
    if data_map is None:
        return
    body.heading(2, "", ctx.t("map.title"), HEADINGS[2], new_page=True)  # the picture takes most of a page
    if data_map.note:
        body.add(para([Run(data_map.note, NOTE)]))
    for picture in data_map.pictures:
        width, height = fitted(picture.width, picture.height)
        inline = part.new_pic_inline(io.BytesIO(picture.png), Pt(width), Pt(height))
        doc_pr = inline.docPr
        doc_pr.set("name", f"Data map {doc_pr.get('id')}")
        doc_pr.set("descr", picture.alt)
        doc_pr.set("title", picture.title)
        drawing: Element = parse("<w:r><w:drawing/></w:r>")
        drawing[0].append(inline)
        body.add(para([drawing], keep_next=True))
        if len(data_map.pictures) > 1:
            body.add(para([Run(picture.title, NOTE)]))
