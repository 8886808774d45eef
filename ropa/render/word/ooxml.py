"""WordprocessingML built directly with lxml: fields, bookmarks, tables and the body they go into.

python-docx's table API is 15-50x slower than building the elements and grows faster than
linearly (shared/reference/performance.md), so everything in the body is made here and in
:mod:`ropa.render.word.paragraphs` (runs and paragraphs): each element kind is parsed once into a
template and deep-copied, and finished elements are handed to a :class:`Body` that inserts them
before the section properties it remembered. In a streamed body, table rows and paragraphs of
text skip the elements: they are written as the bytes lxml would write (see :class:`RowSink`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from ropa.render.word.paragraphs import W_VAL, Element, Inline, Para, Run, W, element, para, parse, run, tree_xml, w

__all__ = [
    "W_VAL",
    "Body",
    "Cell",
    "Element",
    "Inline",
    "Run",
    "TableSpec",
    "W",
    "bookmark",
    "element",
    "field",
    "hyperlink",
    "para",
    "parse",
    "run",
    "w",
]


def field(instruction: str, cached: str = "") -> list[Element]:
    """The runs of a complex field (``PAGE``, ``NUMPAGES``...) with its cached result."""
    return [
        parse('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse(f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'),
        parse('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'),
        run(cached),
        parse('<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


_W_ID, _W_NAME, _W_PPR = w("id"), w("name"), w("pPr")
_BOOKMARK_START = parse('<w:bookmarkStart w:id="" w:name=""/>')  # attributes in this order
_BOOKMARK_END = parse('<w:bookmarkEnd w:id=""/>')
_PAGE_BREAK_BEFORE = parse("<w:pageBreakBefore/>")
#: A bookmark name written as bytes: nothing in it to escape.
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def bookmark(p: Element, name: str, ident: int) -> None:
    """Wrap the content of paragraph ``p`` in a bookmark (the target of a TOC hyperlink)."""
    start = _BOOKMARK_START.__copy__()
    start.set(_W_ID, str(ident))
    start.set(_W_NAME, name)
    ppr = p.find(_W_PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    end = _BOOKMARK_END.__copy__()
    end.set(_W_ID, str(ident))
    p.append(end)


def bookmarked_xml(xml: str, name: str, ident: int, *, page_break: bool = False) -> str:
    """A styled paragraph's bytes (:meth:`Para.xml`) with its content bookmarked, as :func:`bookmark` does to the element,
    and with ``w:pageBreakBefore`` last in its properties if ``page_break``."""
    head, props_end, rest = xml.partition("</w:pPr>")  # the first: text and attributes escape "<"
    if not props_end or not rest.endswith("</w:p>"):
        raise ValueError(f"not a paragraph with properties: {xml[:80]}")
    if not _PLAIN_NAME.fullmatch(name):
        raise ValueError(f"bookmark name {name!r} is not a plain name")
    props = f"{head}<w:pageBreakBefore/></w:pPr>" if page_break else f"{head}</w:pPr>"
    content = rest.removesuffix("</w:p>")
    return f'{props}<w:bookmarkStart w:id="{ident}" w:name="{name}"/>{content}<w:bookmarkEnd w:id="{ident}"/></w:p>'


def hyperlink(anchor: str, content: Iterable[Inline]) -> Element:
    """An internal hyperlink to a bookmark, holding the runs of ``content``."""
    link = parse(f'<w:hyperlink w:anchor="{anchor}" w:history="1"/>')
    for item in para(content):
        if item.tag == w("r"):
            link.append(item)
    return link


Cell = Sequence[Element]
"""The content of one table cell: its paragraphs (and nested elements), in order."""


def _check_unplaced(elements: Sequence[Element]) -> None:
    """Refuse an element that already sits in the document: lxml would move it, emptying its first place."""
    for el in elements:
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
        returned stands for the open table.
        """
        table = self._table.__copy__()
        self._body = body
        sink = body.rows
        if sink is not None:
            start = self._start_xml
            if header is not None:
                start += self._row_xml(self._header_parts, [[para(text, self.header_style)] for text in header], sink)
            if sink.open_table(table, start):
                return table
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
        sink = self._sink(table)
        if sink is not None:
            sink.write_row(self._row_xml(self._row_parts, cells, sink))
            return
        tr = self._row.__copy__()
        for tc, content in zip(tr[1:], cells, strict=True):
            if content:
                _check_unplaced(content)
                tc.extend([element(el) for el in content])
            else:
                tc.append(element(self._empty.__copy__()))
        table.append(tr)

    def _row_xml(self, parts: list[str], cells: Sequence[Cell], sink: RowSink) -> str:
        """A row as the document serialises it: ``parts``, a row template split at each cell's end tag, around the cells' paragraphs."""
        out = [parts[0]]
        empty = self._empty_xml
        for content, part in zip(cells, parts[1:], strict=True):
            out.append(_cell_xml(content, sink) if content else empty)
            out.append(part)
        return "".join(out)

    def span_row(self, table: Element, content: Cell) -> None:
        """Append a shaded row spanning every column: a group heading inside a table."""
        sink = self._sink(table)
        if sink is not None:
            first, end = self._span_parts
            sink.write_row(f"{first}{_cell_xml(content, sink) if content else ''}{end}")
            return
        tr = self._span.__copy__()
        tr[1].extend([element(el) for el in content])
        table.append(tr)


def _split_cells(row: Element) -> list[str]:
    """A row template as serialised, split before each cell's end tag: the cells' paragraphs go between the parts."""
    first, *rest = tree_xml(row).split("</w:tc>")
    return [first, *("</w:tc>" + part for part in rest)]


def _cell_xml(content: Cell, sink: RowSink) -> str:
    """A cell's paragraphs as the document serialises them."""
    out = []
    for el in content:
        if type(el) is Para:
            xml = el.placed_xml()
            out.append(xml if xml is not None else sink.element_xml(el.element()))
        else:
            _check_unplaced((el,))
            out.append(sink.element_xml(element(el)))
    return "".join(out)


class Body:
    """The document body being written: elements go before the final ``w:sectPr``, in order.

    After :meth:`divert` they go to another container instead, and each :meth:`checkpoint` hands
    what has been added so far to the streaming writer (:mod:`ropa.render.word.stream`).
    """

    def __init__(self, body: Element) -> None:
        self._end = body[-1] if len(body) and body[-1].tag == w("sectPr") else None
        self._body = body
        self._on_checkpoint: Callable[[Element | None], None] | None = None
        #: Set by a streamed body: it writes table rows as bytes (see :class:`TableSpec`).
        self.rows: RowSink | None = None
        self._next_bookmark = 1
        #: (level, number, title, bookmark) of every heading for the table of contents.
        self.outline: list[tuple[int, str, str, str]] = []

    def add(self, *elements: Element) -> None:
        """Insert elements at the end of the body (before the section properties)."""
        _check_unplaced(elements)
        rows = self.rows
        for item in elements:
            if rows is not None and type(item) is Para:
                xml = item.xml()
                if xml is not None and rows.write_xml(xml):
                    item.written = True
                    continue
            el = element(item)
            if self._end is not None:
                self._end.addprevious(el)
            else:
                self._body.append(el)

    def divert(self, container: Element, on_checkpoint: Callable[[Element | None], None], rows: RowSink | None = None) -> None:
        """From now on, add elements at the end of ``container``, and call ``on_checkpoint`` at each :meth:`checkpoint`.

        With ``rows``, table rows go to it as bytes instead of into the table (see :class:`TableSpec`).
        """
        self._end, self._body, self._on_checkpoint = None, container, on_checkpoint
        if rows is not None:
            self.rows = rows

    def checkpoint(self, open_table: Element | None = None) -> None:
        """Everything added so far is final (nothing later changes it): a streamed body may write it out now.

        ``open_table``, the last element added, is final but for the rows still to be appended to it.
        """
        if self._on_checkpoint is not None:
            self._on_checkpoint(open_table)

    def placeholder(self) -> Element:
        """An empty paragraph to be replaced later by :meth:`replace` (the table of contents)."""
        p = parse("<w:p/>")
        self.add(p)
        return p

    @staticmethod
    def replace(placeholder: Element, elements: Sequence[Element]) -> None:
        """Put ``elements`` where ``placeholder`` is, and drop the placeholder."""
        for el in elements:
            placeholder.addprevious(element(el))
        placeholder.getparent().remove(placeholder)

    def heading(self, level: int, number: str, title: str, style: str, *, new_page: bool = False) -> None:
        """A numbered heading ("3.2<tab>Newsletter"), bookmarked and listed in the outline."""
        p = para(f"{number}\t{title}" if number else title, style)
        ident = self.bookmark_id()
        name = f"_Toc{ident:08d}"
        self.outline.append((level, number, title, name))
        rows = self.rows
        xml = p.xml() if rows is not None and type(p) is Para else None
        if rows is not None and xml is not None and rows.write_xml(bookmarked_xml(xml, name, ident, page_break=new_page)):
            return
        p = element(p)
        if new_page:
            p[0].append(_PAGE_BREAK_BEFORE.__copy__())
        bookmark(p, name, ident)
        self.add(p)

    def bookmark_id(self) -> int:
        """A fresh bookmark id, unique in the document."""
        ident = self._next_bookmark
        self._next_bookmark += 1
        return ident
