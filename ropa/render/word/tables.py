"""Tables: a layout parsed once (:class:`TableSpec`), each table and row a copy of its templates.

In a streamed body (:mod:`ropa.render.word.stream`) a table's start and its rows are written as the
bytes lxml would write for them (:class:`RowSink`), from the serialised templates split where each
cell's paragraphs go; otherwise they are built as elements and added to the
:class:`~ropa.render.word.ooxml.Body`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from lxml import etree

from ropa.render.word.paragraphs import Element, Para, element, para, parse, tree_xml, w, xml_para

if TYPE_CHECKING:
    from ropa.render.word.ooxml import Body


_TBL = w("tbl")

Cell = Sequence[Element]
"""The content of one table cell: its paragraphs (and nested elements), in order; a ``str`` is a paragraph's bytes."""


def check_unplaced(elements: Sequence[Element]) -> None:
    """Refuse an element that already sits in the document: lxml would move it, emptying its first place."""
    for el in elements:
        if type(el) is str:  # a paragraph's bytes (:func:`~ropa.render.word.paragraphs.xml_para`): placed as often as need be
            continue
        if isinstance(el, Para):
            if el.placed or (el.built and el.element().getparent() is not None):
                raise ValueError("element is already placed in the document; build a new one")
            el.placed = True
        elif el.getparent() is not None:
            raise ValueError("element is already placed in the document; build a new one")


class RowSink(Protocol):
    """Where a streamed body takes table rows as bytes (:class:`ropa.render.word.stream.StreamedBody`)."""

    def takes_rows(self, table: Element) -> bool:
        """Whether rows of ``table`` go to :meth:`write_row` (its start is then written); False: append them to it."""

    def write_row(self, xml: str) -> None:
        """Write a finished row of the table that :meth:`takes_rows` accepted last."""

    def write_xml(self, xml: str) -> bool:
        """Write a finished element of the body (after everything added before it); False if it cannot now."""

    def element_xml(self, el: Element) -> str:
        """How ``el`` serialises in the document (for content that is an lxml element, not a :class:`Para`)."""

    def open_table(self, table: Element, xml: str) -> bool:
        """Write the start of ``table`` given as ``xml``; its rows follow (:meth:`takes_rows`). False if it cannot now."""


class TableSpec:
    """A table layout parsed once; each :meth:`new` table and row is a copy of a template.

    ``widths`` are column widths in twentieths of a point. The header row repeats on every page
    (``w:tblHeader``), no row splits across pages (``w:cantSplit``), and ``label_column`` shades
    the first column as the label column of a two-column label/value table.
    """

    def __init__(self, widths: Sequence[int], *, style: str, label_column: bool = False, header_style: str = "TableHeading") -> None:
        self.widths = tuple(widths)
        self.header_style = header_style
        grid = "".join(f'<w:gridCol w:w="{wd}"/>' for wd in self.widths)
        self._table = parse(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid></w:tbl>"
        )
        self._row = self._row_template(label_column=label_column, header=False)
        self._header = self._row_template(label_column=False, header=True)
        self._span = parse(
            '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>'
            '<w:gridSpan w:val="{}"/><w:shd w:val="clear" w:color="auto" w:fill="E7ECF4"/></w:tcPr></w:tc></w:tr>'.replace(
                "{}", str(sum(self.widths)), 1
            ).replace("{}", str(len(self.widths)), 1)
        )
        self._empty = para((), "TableText")
        self._body: Body | None = None
        #: The row templates as serialised, split where each cell's paragraphs go (each part after the first starts with the cell's end tag).
        self._row_parts = _split_cells(self._row)
        self._row_start, *self._row_ends = self._row_parts
        self._header_parts = _split_cells(self._header)
        self._span_parts = _split_cells(self._span)
        self._empty_xml = self._empty.xml()
        #: The table's start as serialised: start tag, properties and grid (its end tag comes after the rows).
        self._start_xml = tree_xml(self._table).removesuffix("</w:tbl>")

    def _row_template(self, *, label_column: bool, header: bool) -> Element:
        cells = []
        for i, width in enumerate(self.widths):
            shade = ""
            if header:
                shade = '<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'
            elif label_column and i == 0:
                shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr></w:tc>')
        trpr = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
        return parse(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>")

    def new(self, body: Body, header: Sequence[str] | None = None) -> Element:
        """A new table at the end of ``body``, with a repeating header row holding ``header`` if given.

        The table joins the document before its rows are added: lxml moves a subtree between
        documents in time that grows faster than its size, while rows appended one by one to a
        table already in the document cost the same at any length. In a streamed body its start
        (start tag, properties, grid and header row) is written as bytes instead, and the element
        returned stands for the open table (an empty ``w:tbl``: the table's content is never built).
        """
        self._body = body
        sink = body.rows
        if sink is not None:
            start = self._start_xml
            if header is not None:
                start += self._row_xml(self._header_parts, [[xml_para(text, self.header_style)] for text in header], sink)
            open_table = etree.Element(_TBL)
            if sink.open_table(open_table, start):
                return open_table
        table = self._table.__copy__()
        if header is not None:
            row = self._header.__copy__()
            for tc, text in zip(row[1:], header, strict=True):
                tc.append(element(para(text, self.header_style)))
            table.append(row)
        body.add(table)
        return table

    def _sink(self, table: Element) -> RowSink | None:
        """The streamed body that writes this table's rows as bytes, if any."""
        body = self._body
        sink = body.rows if body is not None else None
        return sink if sink is not None and sink.takes_rows(table) else None

    def row(self, table: Element, cells: Sequence[Cell]) -> None:
        """Append a row; each cell gets its paragraphs (an empty cell gets an empty paragraph)."""
        if len(cells) != len(self.widths):
            raise ValueError(f"a row of {len(cells)} cells in a table of {len(self.widths)} columns")
        body = self._body
        sink = body.rows if body is not None else None
        if sink is not None and sink.takes_rows(table):
            empty = self._empty_xml
            out = [self._row_start]
            try:  # every paragraph given as its bytes, the most common row: joined as they are
                for content, end in zip(cells, self._row_ends, strict=True):
                    out.append("".join(content) if content else empty)
                    out.append(end)
            except TypeError:  # a paragraph object or an element among them (join refused it, nothing written yet)
                sink.write_row(self._row_xml(self._row_parts, cells, sink))
                return
            sink.write_row("".join(out))
            return
        tr = self._row.__copy__()
        for tc, content in zip(tr[1:], cells, strict=True):
            if content:
                check_unplaced(content)
                tc.extend([element(el) for el in content])
            else:
                tc.append(element(self._empty.__copy__()))
        table.append(tr)

    def _row_xml(self, parts: list[str], cells: Sequence[Cell], sink: RowSink) -> str:
        """A row as the document serialises it: ``parts``, a row template split at each cell's end tag, around the cells' paragraphs."""
        out = [parts[0]]
        empty = self._empty_xml
        for content, part in zip(cells, parts[1:], strict=True):
            if not content:
                out.append(empty)
            else:
                for el in content:
                    if type(el) is str:  # a paragraph as its bytes, the most common content
                        out.append(el)
                    else:
                        _add_cell_xml(out, (el,), sink)
            out.append(part)
        return "".join(out)

    def span_row(self, table: Element, content: Cell) -> None:
        """Append a shaded row spanning every column: a group heading inside a table."""
        sink = self._sink(table)
        if sink is not None:
            first, end = self._span_parts
            out = [first]
            _add_cell_xml(out, content, sink)
            out.append(end)
            sink.write_row("".join(out))
            return
        tr = self._span.__copy__()
        tr[1].extend([element(el) for el in content])
        table.append(tr)


def _split_cells(row: Element) -> list[str]:
    """A row template as serialised, split before each cell's end tag: the cells' paragraphs go between the parts."""
    first, *rest = tree_xml(row).split("</w:tc>")
    return [first, *("</w:tc>" + part for part in rest)]


def _add_cell_xml(out: list[str], content: Cell, sink: RowSink) -> None:
    """Append a cell's paragraphs to ``out`` as the document serialises them."""
    for el in content:
        if type(el) is str:
            out.append(el)
            continue
        xml = el.placed_xml() if type(el) is Para else None
        if xml is None:
            if type(el) is not Para:
                check_unplaced((el,))
            xml = sink.element_xml(element(el))
        out.append(xml)
