"""``word/document.xml`` streamed: memory stays flat however many activities the register has.

The title page and the table of contents stay in python-docx's tree: the contents list every
heading, so they are finished last. Everything after them is built into a holder element, a
second ``w:body`` declaring the document element's namespaces (the first beside the real body,
later ones standing alone; lxml serialises the children exactly as it would inside the body),
and at each :meth:`Body.checkpoint <ropa.render.word.ooxml.Body.checkpoint>` (after each
activity and each section) the holder's children are serialised to a spool (a temporary file
once it outgrows memory) and dropped with their holder.

Table rows made by :class:`~ropa.render.word.ooxml.TableSpec` never become elements here: a
table's start is written as bytes (:meth:`StreamedBody.open_table`), or, for a table already in
the holder as its last element, the holder is written without the table's end tag; then each row
is written as bytes as it comes (:meth:`StreamedBody.takes_rows`), and the end tag follows at the
next write of anything else. Headings and paragraphs of text are written as bytes too
(:meth:`StreamedBody.write_xml`).

At the end the document element, holding the title page, the contents, a marker comment and the
section properties, is serialised the way python-docx serialises a part; the spool is written in
place of the marker. The bytes are those python-docx writes for the whole tree
(``render(..., stream=False)``; tests/test_render_word_stream.py compares them).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from typing import IO

from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import OxmlElement
from lxml import etree

from ropa.render.word.ooxml import Body, Element, w

#: The spool stays in memory up to this size, then moves to a temporary file.
SPOOL_IN_MEMORY = 16 * 1024 * 1024
#: Copy the spool into the zip entry in pieces of this size.
CHUNK = 1024 * 1024

_MARK = "ropa-streamed-body"
_MARK_BYTES = f"<!--{_MARK}-->".encode()
_HOLDER_END = b"</w:body>"
_TABLE_END = b"</w:tbl>"
_ROW = w("tr")
_DRAWING = w("drawing")
#: Rows and paragraphs written as text go to the spool this many at a time.
PENDING_WRITES = 256
#: An open table (see :meth:`StreamedBody.flush`) is written every this many rows.
ROWS_PER_FLUSH = 200


def _content(holder: Element) -> memoryview:
    """The serialised children of ``holder``, without its own tags (its start tag declares the namespaces in scope)."""
    xml = etree.tostring(holder, encoding="UTF-8", xml_declaration=False)
    if not xml.endswith(_HOLDER_END):
        raise AssertionError("holder serialised without its end tag")
    return memoryview(xml)[xml.index(b">") + 1 : len(xml) - len(_HOLDER_END)]


class StreamedBody:
    """The body after the table of contents, serialised piece by piece as it is finished."""

    def __init__(self, document_element: Element, body: Body) -> None:
        self._root = document_element
        self._body = body
        # The first holder sits in the document: python-docx numbers a picture (the data map's) from
        # the ids already in the document tree. Later ones stand alone (see flush).
        self._holder = etree.SubElement(document_element, w("body"))
        self._blank = OxmlElement("w:body", nsdecls=document_element.nsmap)
        self._spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - closed in write
        #: Bytes at the start of the holder's content already written: an open table's start tag, properties and grid.
        self._written = 0
        self._rows = 0
        #: The table whose rows are written as bytes (its start is written, its end tag not yet), and its children then.
        self._table: Element | None = None
        self._table_children = 0
        #: Rows and paragraphs written as text, joined and encoded into the spool a batch at a time.
        self._pending: list[str] = []
        #: Whether the holder is in the document (the first one, see above).
        self._in_document = True
        body.divert(self._holder, self.flush, self)

    def _write(self, data: bytes | memoryview) -> None:
        """Append serialised content to the spool, after the rows and paragraphs pending."""
        if self._pending:
            self._drain()
        self._spool.write(data)

    def _drain(self) -> None:
        # Each piece encoded alone: joined first, one character beyond Latin-1 (a dash) widens the whole batch
        # before it is encoded, ten times the cost.
        self._spool.write(b"".join([piece.encode() for piece in self._pending]))
        self._pending = []

    def takes_rows(self, table: Element) -> bool:
        """Whether ``table``'s rows are written here as bytes: it is the last element added (its start is written now).

        Not while the holder in the document (before the first checkpoint) holds a picture: python-docx
        numbers the next picture from the ids in the tree.
        """
        holder = self._holder
        if table is self._table:
            if len(holder):
                raise ValueError("rows can only be added to the last element added")
            return True
        if not len(holder) or holder[-1] is not table or self._pictured(holder):
            return False  # a table already written, one of the title page, or one after a picture: rows go into it
        self._close_table()
        content = _content(holder)
        self._write(content[self._written : len(content) - len(_TABLE_END)])
        self._new_holder(in_document=holder.getparent() is not None)
        self._table, self._table_children = table, len(table)
        return True

    def write_row(self, xml: str) -> None:
        """Write a row of the table :meth:`takes_rows` accepted last."""
        pending = self._pending
        pending.append(xml)
        if len(pending) >= PENDING_WRITES:
            self._drain()

    def write_xml(self, xml: str) -> bool:
        """Write an element of the body given as its bytes, after what the holder has (written first).

        False, and nothing written, while the holder in the document holds a picture (see :meth:`takes_rows`).
        """
        holder = self._holder
        if self._table is None and not len(holder):  # nothing open or held before it (the most common case)
            self.write_row(xml)
            return True
        if self._in_document and self._pictured(holder):
            return False
        if self._table is not None:
            self._close_table()
        if len(holder):
            content = _content(holder)
            self._write(content[self._written :])
            self._new_holder(in_document=holder.getparent() is not None)
        self.write_row(xml)
        return True

    def open_table(self, table: Element, xml: str) -> bool:
        """Write the start of ``table`` given as text (start tag, properties, grid, header row): its rows follow as
        bytes (:meth:`takes_rows`), its end tag at the next write of anything else. False where :meth:`write_xml` is."""
        if not self.write_xml(xml):
            return False
        self._table, self._table_children = table, len(table)
        return True

    def element_xml(self, el: Element) -> str:
        """``el`` serialised as in the document (it is placed in a holder of its own, standing alone)."""
        scratch = self._blank.__copy__()
        scratch.append(el)
        return bytes(_content(scratch)).decode()

    def _close_table(self) -> None:
        """Write the end tag of the table whose rows were written as bytes."""
        table = self._table
        if table is None:
            return
        if len(table) != self._table_children:
            raise AssertionError("rows were appended to a streamed table other than by TableSpec.row")
        self.write_row("</w:tbl>")  # after its rows, pending like them
        self._table = None

    def _pictured(self, holder: Element) -> bool:
        """Whether ``holder`` is in the document and holds a picture (whose id the next picture's counts on)."""
        return self._in_document and next(holder.iter(_DRAWING), None) is not None

    def _new_holder(self, *, in_document: bool = False) -> None:
        """Drop the holder (written) for a fresh one, standing alone unless ``in_document`` (the first, see ``__init__``)."""
        holder = self._holder
        # A fresh holder, standing alone, instead of deleting the children: lxml frees the old
        # holder's whole document at once when the last reference to it goes, where deleting
        # children one by one walks each subtree a proxy still points into (the last table).
        self._holder = self._blank.__copy__()
        self._body.divert(self._holder, self.flush)
        self._written = 0
        if holder.getparent() is not None:
            del holder[:]
            self._root.remove(holder)
        self._in_document = in_document
        if in_document:
            self._holder = etree.SubElement(self._root, w("body"))
            self._body.divert(self._holder, self.flush)

    def flush(self, open_table: Element | None = None) -> None:
        """Serialise what the holder has, append it to the spool and drop it.

        With ``open_table`` (the holder's last element), its rows so far are written (every
        :data:`ROWS_PER_FLUSH` rows) and dropped, and its end tag waits for the last of them.
        """
        holder = self._holder
        if open_table is not None:
            if open_table is self._table and not len(holder):
                return  # its rows are written as they come
            if not len(holder) or open_table is not holder[-1]:
                raise ValueError("the open table must be the last element added")
            self._rows += 1
            if self._rows < ROWS_PER_FLUSH:
                return
        self._rows = 0
        self._close_table()
        if not len(holder):
            return
        content = _content(holder)
        end = len(content) - (len(_TABLE_END) if open_table is not None else 0)
        self._write(content[self._written : end])
        if open_table is None:
            self._new_holder()
            return
        del holder[:-1]
        first_row = next((i for i, child in enumerate(open_table) if child.tag == _ROW), len(open_table))
        del open_table[first_row:]
        self._written = len(_content(holder)) - len(_TABLE_END)

    def writer(self) -> Callable[[IO[bytes]], None]:
        """Finish the body; returns the function that writes ``word/document.xml`` to an open zip entry."""
        self.flush()
        if self._pending:
            self._drain()
        if self._holder.getparent() is not None:  # the first holder, never written: nothing came after the contents
            self._root.remove(self._holder)
        body = self._root.find(w("body"))
        end = body[-1] if len(body) and body[-1].tag == w("sectPr") else None
        mark = etree.Comment(_MARK)
        if end is not None:
            end.addprevious(mark)
        else:
            body.append(mark)
        xml = serialize_part_xml(self._root)
        body.remove(mark)
        head, tail = xml.split(_MARK_BYTES)  # one marker: text and attributes escape "<"
        spool = self._spool

        def write(dest: IO[bytes]) -> None:
            dest.write(head)
            spool.seek(0)
            shutil.copyfileobj(spool, dest, CHUNK)
            spool.close()
            dest.write(tail)

        return write
