"""WordprocessingML built directly with lxml: fields, bookmarks, tables and the body they go into.

python-docx's table API is 15-50x slower than building the elements and grows faster than
linearly (shared/reference/performance.md), so everything in the body is made here and in
:mod:`ropa.render.word.paragraphs` (runs and paragraphs) and :mod:`ropa.render.word.tables`: each
element kind is parsed once into a template and deep-copied, and finished elements are handed to a
:class:`Body` that inserts them before the section properties it remembered. In a streamed body,
headings, table rows and paragraphs of text skip the elements: they are written as the bytes lxml
would write (see :class:`~ropa.render.word.tables.RowSink`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ropa.render.word.markup import NotTextError, para_start, runs_xml, serialised
from ropa.render.word.paragraphs import W_VAL, Element, Inline, Para, Run, W, element, para, parse, run, w
from ropa.render.word.tables import Cell, RowSink, TableSpec, check_unplaced

__all__ = [
    "W_VAL",
    "Body",
    "Cell",
    "Element",
    "Inline",
    "RowSink",
    "Run",
    "TableSpec",
    "W",
    "bookmark",
    "element",
    "field",
    "hyperlink",
    "linked_para",
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
_HYPERLINK = parse('<w:hyperlink w:anchor="" w:history="1"/>')  # attributes in this order
_W_ANCHOR, _W_R = w("anchor"), w("r")
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
    link = _HYPERLINK.__copy__()
    link.set(_W_ANCHOR, anchor)
    link.extend([item for item in element(para(content)) if item.tag == _W_R])
    return link


def linked_para(anchor: str, text: str, style: str) -> Element:
    """A paragraph in ``style`` holding an internal hyperlink to bookmark ``anchor`` around ``text`` (a contents entry).

    The element ``para([hyperlink(anchor, [text])], style)`` builds, parsed at once from its bytes.
    """
    if _PLAIN_NAME.fullmatch(anchor):
        try:
            runs = runs_xml((text,))
        except NotTextError:
            runs = None
        if runs is not None:
            start, end, _ = para_start(style, False)
            return parse(f'{start}<w:hyperlink w:anchor="{anchor}" w:history="1">{runs}</w:hyperlink>{end}')
    return para([hyperlink(anchor, [text])], style)


def _written_at_once(rows: RowSink, elements: Sequence[Element]) -> bool:
    """Paragraphs of text, some held as content, written as one piece; False (nothing written) for any other element,
    or where the body cannot take them now."""
    if not all(type(item) is str or type(item) is Para for item in elements):
        return False
    texts = [item if type(item) is str else item.xml() for item in elements]
    if None in texts or not rows.write_xml("".join(texts)):
        return False
    for item in elements:
        if type(item) is Para:
            item.written = True
    return True


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
        rows = self.rows
        if rows is not None and len(elements) > 1:
            try:  # paragraphs as their bytes (evidence, a screening): written at once
                xml = "".join(elements)
            except TypeError:  # a paragraph object or an element among them
                xml = None
            if xml is not None and rows.write_xml(xml):
                return
        check_unplaced(elements)
        if rows is not None and len(elements) > 1 and _written_at_once(rows, elements):
            return
        for item in elements:
            if rows is not None and type(item) is str:
                if rows.write_xml(item):
                    continue
            elif rows is not None and type(item) is Para:
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
        text = f"{number}\t{title}" if number else title
        ident = self.bookmark_id()
        name = f"_Toc{ident:08d}"
        self.outline.append((level, number, title, name))
        rows = self.rows
        xml = serialised(text, style) if rows is not None else None
        if rows is not None and xml is not None and rows.write_xml(bookmarked_xml(xml, name, ident, page_break=new_page)):
            return
        p = element(para(text, style))
        if new_page:
            p[0].append(_PAGE_BREAK_BEFORE.__copy__())
        bookmark(p, name, ident)
        self.add(p)

    def bookmark_id(self) -> int:
        """A fresh bookmark id, unique in the document."""
        ident = self._next_bookmark
        self._next_bookmark += 1
        return ident
