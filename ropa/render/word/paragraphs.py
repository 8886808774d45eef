"""WordprocessingML paragraphs held as their content and written straight to bytes.

A Word register has about a hundred paragraphs per activity; building each as lxml elements,
moving it into its table row and serialising it again was most of the render time. ``para``
returns a :class:`Para`: the content, the paragraph style and keep-with-next, and nothing else.
The streamed body (:mod:`ropa.render.word.stream`) writes its table rows from :meth:`Para.xml`,
text escaped into markup made once per paragraph and run style from lxml's own serialisation of
the element templates (:mod:`ropa.render.word.markup`), so the bytes are those lxml writes for the element.

Anything that treats a ``Para`` as an element (``p[0]``, ``p.insert(...)``, ``p.find(...)``,
iterating it) gets the element built by :func:`ropa.render.word.paragraph_tree.build`, and from
then on the paragraph is that element. lxml's own calls need the element itself: pass
:func:`element` of a paragraph to ``append``, ``addprevious`` and the like.

Most paragraphs are never changed after they are made: :func:`xml_para` (and :func:`text_paras`,
the same for one text in one style) returns such a paragraph already serialised, as a ``str``
that tables and the body write as it is and parse where they build elements; :func:`prefixed`
puts runs before its content (a number, a label) on any of the three forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from ropa.render.word.markup import (
    NOT_PLAIN,
    PARA_STARTS,
    NotTextError,
    para_start,
    runs_xml,
    serialised,
    text_para_parts,
    tree_xml,
)
from ropa.render.word.paragraph_tree import SPACES, W_VAL, Element, Inline, Run, W, build, parse, run, w

__all__ = ["W_VAL", "Element", "Inline", "Para", "Run", "W", "element", "para", "parse", "run", "tree_xml", "w"]


class Para:
    """A paragraph of plain and styled text, held as its content until it is written or used as an element."""

    __slots__ = ("_content", "_element", "_keep_next", "_style", "_xml", "placed", "written")

    def __init__(self, content: str | tuple[str | Run, ...], style: str | None, keep_next: bool) -> None:
        self._content = content
        self._style = style
        self._keep_next = keep_next
        self._element: Element | None = None
        self._xml: str | None = None
        #: Set once the paragraph is put in a table or the body (an element can be in one place only).
        self.placed = False
        #: Set once its bytes are written: a change after that would be lost, so using it as an element is refused.
        self.written = False

    def element(self) -> Element:
        """The paragraph as an lxml element, built the first time it is asked for."""
        el = self._element
        if el is None:
            if self.written:
                raise AssertionError("a paragraph used as an element after it was written to the document")
            el = self._element = build(self._content, self._style, keep_next=self._keep_next)
        return el

    @property
    def built(self) -> bool:
        """Whether the element was built: its bytes are then the element's (it may have been changed)."""
        return self._element is not None

    def xml(self) -> str | None:
        """The paragraph as lxml serialises it in the document; None once it is an element, or for text lxml refuses."""
        if self._element is not None:
            return None
        if self._xml is not None:
            return self._xml
        self._xml = xml = self._serialise()
        return xml

    def _serialise(self) -> str | None:
        return serialised(self._content, self._style, self._keep_next)

    def placed_xml(self) -> str | None:
        """:meth:`xml` of a paragraph being placed in a table row (refused if it is placed already)."""
        el = self._element
        if self.placed or (el is not None and el.getparent() is not None):
            raise ValueError("element is already placed in the document; build a new one")
        self.placed = True
        if el is not None:
            return None
        xml = self._xml
        if xml is None:
            xml = self._serialise()
            self.written = xml is not None
        else:
            self.written = True
        return xml

    def prefixed(self, items: tuple[str | Run, ...], style: str | None = None) -> Para | None:
        """This paragraph with ``items`` as its first runs (and in ``style`` if given), as a new paragraph;
        None once it is an element or placed (change the element then)."""
        if self._element is not None or self.placed or self.written:
            return None
        content = self._content
        rest: tuple[str | Run, ...] = (content,) if isinstance(content, str) else content
        return Para(items + rest, self._style if style is None else style, self._keep_next)

    def __copy__(self) -> Para:
        copy = Para(self._content, self._style, self._keep_next)
        if self._element is None:
            copy._xml = self.xml()  # a template copied many times (a label cell) is serialised once
            return copy
        copy._element = self._element.__copy__()
        return copy

    # The element's interface, for code that changes a paragraph after making it.
    def __getattr__(self, name: str) -> Any:
        return getattr(self.element(), name)

    def __getitem__(self, index: Any) -> Any:
        return self.element()[index]

    def __setitem__(self, index: Any, value: Any) -> None:
        self.element()[index] = value

    def __delitem__(self, index: Any) -> None:
        del self.element()[index]

    def __len__(self) -> int:
        return len(self.element())

    def __iter__(self) -> Iterator[Element]:
        return iter(self.element())


def element(item: Element) -> Element:
    """The lxml element of a paragraph (built if need be, parsed from its bytes), or ``item`` itself when it is one already."""
    if type(item) is str:
        return parse(item)
    return item.element() if isinstance(item, Para) else item


def para(content: Iterable[Inline] | str = (), style: str | None = None, *, keep_next: bool = False) -> Element:
    """A ``w:p`` in paragraph style ``style`` holding ``content``.

    Text and styled text give a :class:`Para` (written as bytes, an element when used as one);
    content with ready-made elements (a hyperlink, a field) gives the lxml element.
    """
    if isinstance(content, str):
        return Para(content, style, keep_next)
    items = tuple(content)
    for item in items:
        if not isinstance(item, str | Run):
            return build(items, style, keep_next=keep_next)
    return Para(items, style, keep_next)


def xml_para(content: str | Iterable[str | Run] = (), style: str | None = None, *, keep_next: bool = False) -> Element:
    """The paragraph :func:`para` makes, already serialised: its bytes as a ``str``, for content nothing changes later.

    Tables and the :class:`~ropa.render.word.ooxml.Body` take such a string as the paragraph itself (it can be
    placed any number of times; :func:`element` parses it). Text lxml refuses gives a :class:`Para`, which raises
    when it is built, as before.
    """
    if type(content) is str:  # the most common paragraph, plain text: serialised's first case
        xml = serialised(content, style, keep_next)
        return xml if xml is not None else Para(content, style, keep_next)
    items = content if type(content) is tuple or type(content) is list else tuple(content)
    start, end, empty = PARA_STARTS.get((style, keep_next)) or para_start(style, keep_next)
    try:
        runs = runs_xml(items)
    except NotTextError:
        return Para(tuple(items), style, keep_next)
    return f"{start}{runs}{end}" if runs else empty


@cache
def text_paras(style: str | None, *, keep_next: bool = False) -> Callable[[str], Element]:
    """:func:`xml_para` of a text in paragraph style ``style``, as a function made once per style (about half the cost)."""
    plain, preserve, end = text_para_parts(style, keep_next)
    search = NOT_PLAIN.search

    def text_para(text: str) -> Element:
        if text and ((text.isprintable() and "&" not in text and "<" not in text and ">" not in text) or search(text) is None):
            return f"{preserve if text[0] in SPACES or text[-1] in SPACES else plain}{text}{end}"
        return xml_para(text, style, keep_next=keep_next)

    return text_para


_PSTYLE = re.compile(r'<w:pStyle w:val="[^"]*"/>')
_W_PPR = f"{{{W}}}pPr"


def prefixed(p: Element, items: tuple[str | Run, ...], style: str | None = None) -> Element:
    """Paragraph ``p`` with ``items`` as its first runs (after its properties), and in paragraph style ``style`` if given.

    A new paragraph for one held as its content or its bytes (the bytes lxml writes for the element changed in
    place); the element itself, changed, for any other.
    """
    if type(p) is Para:
        done = p.prefixed(items, style)
        if done is not None:
            return done
    elif type(p) is str:
        try:
            runs = runs_xml(items)
        except NotTextError:
            runs = None
        head, props_end, rest = p.partition("</w:pPr>")  # the first: text and attributes escape "<"
        if runs is not None and props_end:
            if style is not None:
                head = _PSTYLE.sub(f'<w:pStyle w:val="{style}"/>', head, count=1)
            return f"{head}{props_end}{runs}{rest}"
        if runs is not None and style is None:
            return f"<w:p>{runs}</w:p>" if p == "<w:p/>" else f"<w:p>{runs}{p.removeprefix('<w:p>')}"
    el = element(p)
    ppr = el.find(_W_PPR)
    at = 1 if ppr is not None else 0
    for item in items:
        text, run_style = (item, None) if isinstance(item, str) else item
        if text:
            el.insert(at, run(text, run_style))
            at += 1
    if style is not None:
        ppr[0].set(W_VAL, style)
    return el
