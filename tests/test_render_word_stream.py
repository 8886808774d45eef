"""The streamed Word register: the same bytes as the whole tree, without holding the whole body.

``render`` streams ``word/document.xml`` (ropa/render/word/stream.py); ``render(..., stream=False)``
builds the whole body as one python-docx tree and lets python-docx serialise it, the way the
renderer worked before streaming. Every .docx must be byte-identical either way.
"""

from __future__ import annotations

import dataclasses
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from ropa.render.context import RenderInput
from ropa.render.datamap import DataMap, Picture
from ropa.render.datamap.split import SplitBy
from ropa.render.word import render, stream
from tests.test_datamap import _synthetic
from tests.test_render_word import REAL, render_input

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _png(width: int, height: int) -> bytes:
    """A small grey PNG (python-docx reads its size from the header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _with_map(data: RenderInput) -> RenderInput:
    """``data`` with a two-picture data map (drawn pictures need Graphviz; these are stand-ins)."""
    pictures = tuple(Picture(f"Part {i}", f"Alt text {i}", "", "", _png(4, 3), 400.0, 300.0) for i in (1, 2))
    return dataclasses.replace(data, data_map=DataMap(pictures, SplitBy.GROUPS, "The map is split in two."))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.parent.name + "/" + p.name)
def test_shipped_registers_stream_to_the_same_bytes(path: Path) -> None:
    data = render_input(path)
    assert render(data) == render(data, stream=False)


def test_a_mid_size_register_with_a_data_map_streams_to_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # 300 activities: the summary and annex tables pass several partial writes of an open table
    data = _with_map(_synthetic(300))
    whole = render(data, stream=False)
    assert render(data) == whole
    monkeypatch.setattr(stream, "ROWS_PER_FLUSH", 1)  # an open table written after every row
    assert render(data) == whole
    with zipfile.ZipFile(io.BytesIO(whole)) as z:
        xml = z.read("word/document.xml")
    assert xml.count(b"<wp:docPr ") == 2  # both pictures, with their own ids
    assert b'<wp:docPr id="1" ' in xml
    assert b'<wp:docPr id="2" ' in xml


def _most_rows_held(n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """The most table rows in the tree at any write while rendering ``n`` activities, and the rows of the document."""
    held: list[int] = []
    flush = stream.StreamedBody.flush

    def counting(self: stream.StreamedBody, open_table: object = None) -> None:
        trees = [self._root] if self._holder.getparent() is not None else [self._root, self._holder]
        held.append(sum(1 for tree in trees for _ in tree.iter(f"{W}tr")))
        flush(self, open_table)

    with monkeypatch.context() as patch:
        patch.setattr(stream.StreamedBody, "flush", counting)
        payload = render(_synthetic(n))
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        return max(held), z.read("word/document.xml").count(b"<w:tr>")


def test_the_body_is_written_as_it_is_built_not_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tree holds the title page and one activity or one batch of table rows, however many activities."""
    small_held, _ = _most_rows_held(50, monkeypatch)
    held, rows = _most_rows_held(600, monkeypatch)
    assert rows > 20 * 600  # the document has tens of thousands of table rows...
    assert held == small_held  # ...the tree at most as many as for 50 activities
    assert held < stream.ROWS_PER_FLUSH + 100
