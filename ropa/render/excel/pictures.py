"""Pictures in a sheet (the data map's PNGs) through openpyxl's drawing part, without Pillow.

openpyxl reads an image's size and bytes with Pillow; the map's pictures already know both, so a
small subclass hands them over. Each picture gets its own anchor and frame, which carry its alt
text (``xdr:cNvPr/@descr``) where openpyxl would write "Picture".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl.drawing.fill import Blip
from openpyxl.drawing.geometry import PresetGeometry2D
from openpyxl.drawing.image import Image
from openpyxl.drawing.picture import PictureFrame
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.utils.units import pixels_to_EMU

if TYPE_CHECKING:
    from ropa.render.datamap import Picture

#: Pixels a point is at 100 % zoom, and the height of a row of the default height (15 pt).
PX_PER_PT = 96 / 72
ROW_PX = 20


class _Png(Image):  # type: ignore[misc]
    """A PNG whose bytes and size are known: openpyxl's Image without Pillow."""

    def __init__(self, data: bytes, width: int, height: int, anchor: OneCellAnchor) -> None:
        self.ref = data
        self.width, self.height = width, height
        self.format = "png"
        self.anchor = anchor

    def _data(self) -> bytes:
        return bytes(self.ref)


def _anchor(index: int, row: int, width: int, height: int, picture: Picture) -> OneCellAnchor:
    frame = PictureFrame()
    frame.nvPicPr.cNvPr.id = index
    frame.nvPicPr.cNvPr.name = f"Data map {index}"
    frame.nvPicPr.cNvPr.descr = picture.alt
    frame.nvPicPr.cNvPr.title = picture.title
    frame.blipFill.blip = Blip()
    frame.blipFill.blip.cstate = "print"
    frame.spPr.prstGeom = PresetGeometry2D(prst="rect")
    frame.spPr.ln = None
    anchor = OneCellAnchor(_from=AnchorMarker(col=0, row=row), ext=XDRPositiveSize2D(pixels_to_EMU(width), pixels_to_EMU(height)))
    anchor.pic = frame
    return anchor


def place(ws: Any, pictures: Sequence[Picture], first_row: int) -> None:
    """Put ``pictures`` at 100 % in column A, the first at 0-based row ``first_row``, each under the one before."""
    row = first_row
    for index, picture in enumerate(pictures, 1):
        width, height = round(picture.width * PX_PER_PT), round(picture.height * PX_PER_PT)
        ws.add_image(_Png(picture.png, width, height, _anchor(index, row, width, height, picture)))
        row += math.ceil(height / ROW_PX) + 1
