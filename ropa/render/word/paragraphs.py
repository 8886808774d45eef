"""WordprocessingML paragraphs held as their content and written straight to bytes.

A Word register has about a hundred paragraphs per activity; building each as lxml elements,
moving it into its table row and serialising it again was most of the render time. ``para``
returns a :class:`Para`: the content, the paragraph style and keep-with-next, and nothing else.
The streamed body (:mod:`ropa.render.word.stream`) writes its table rows from :meth:`Para.xml`,
text escaped into markup made once per paragraph and run style from lxml's own serialisation of
the element templates, so the bytes are those lxml writes for the element.

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

from lxml import etree

from ropa.render.word.paragraph_tree import (
    SPACES,
    W_VAL,
    Element,
    Inline,
    Run,
    W,
    build,
    para_template,
    parse,
    run,
    run_template,
    w,
)

__all__ = ["W_VAL", "Element", "Inline", "Para", "Run", "W", "element", "para", "parse", "run", "tree_xml", "w"]

_NS_DECL = f' xmlns:w="{W}"'
#: Characters lxml refuses in text (and lone surrogates): such a paragraph is built as an element, which raises as before.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_T, _T_PRESERVE = "<w:t>", '<w:t xml:space="preserve">'
#: A text with none of these is one ``w:t`` written as it is (nothing to escape, split or refuse).
_NOT_PLAIN = re.compile("[&<>\r\n\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def tree_xml(el: Element) -> str:
    """How lxml serialises a template element (declaring only ``w``) inside the document: without the declaration."""
    xml: str = etree.tostring(el, encoding="unicode")
    if _NS_DECL not in xml[: xml.index(">")]:
        raise AssertionError(f"template serialised without its namespace declaration: {xml[:80]}")
    return xml.replace(_NS_DECL, "", 1)


_PARA_STARTS: dict[tuple[str | None, bool], tuple[str, str, str]] = {}
_RUN_STARTS: dict[str | None, tuple[str, str, str]] = {}
_TEXT_PARAS: dict[tuple[str | None, bool], tuple[str, str, str]] = {}


def _para_start(style: str | None, keep_next: bool) -> tuple[str, str, str]:
    """The paragraph's start tag and properties, its end tag, and the whole paragraph when it has no runs."""
    found = _PARA_STARTS.get((style, keep_next))
    if found is None:
        empty = tree_xml(para_template(style, keep_next))
        start = "<w:p>" if empty == "<w:p/>" else empty.removesuffix("</w:p>")
        found = _PARA_STARTS[(style, keep_next)] = (start, "</w:p>", empty)
    return found


def _run_start(style: str | None) -> tuple[str, str, str]:
    """The run's start tag and properties: alone, then followed by ``<w:t>`` and by ``<w:t xml:space="preserve">``."""
    found = _RUN_STARTS.get(style)
    if found is None:
        xml = tree_xml(run_template(style))
        if not xml.endswith("<w:t/></w:r>"):
            raise AssertionError(f"unexpected run template {xml}")
        start = xml.removesuffix("<w:t/></w:r>")
        found = _RUN_STARTS[style] = (start, start + _T, start + _T_PRESERVE)
    return found


def _text_para(style: str | None, keep_next: bool) -> tuple[str, str, str]:
    """A paragraph of one plain run around its text: the markup before it (``<w:t>``, then ``<w:t xml:space="preserve">``) and after it."""
    found = _TEXT_PARAS.get((style, keep_next))
    if found is None:
        start, end, _ = _para_start(style, keep_next)
        _, before, before_preserve = _run_start(None)
        found = _TEXT_PARAS[(style, keep_next)] = (start + before, start + before_preserve, "</w:t></w:r>" + end)
    return found


class _NotTextError(Exception):
    """A text lxml would refuse: the paragraph is serialised from its element instead."""


def _t(text: str) -> str:
    """A ``w:t`` holding ``text`` (one line, no tab), escaped as libxml2 escapes text."""
    if _INVALID.search(text):
        raise _NotTextError
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if text[0] in SPACES or text[-1] in SPACES:
        return f"{_T_PRESERVE}{text}</w:t>"
    return f"{_T}{text}</w:t>"


def _run_xml(text: str, style: str | None) -> str:
    """A run as :func:`ropa.render.word.paragraph_tree.run` builds it: line breaks and tabs as ``w:br`` and ``w:tab``."""
    starts = _RUN_STARTS.get(style) or _run_start(style)
    if _NOT_PLAIN.search(text) is None:
        return f"{starts[2] if text[0] in SPACES or text[-1] in SPACES else starts[1]}{text}</w:t></w:r>"
    start = starts[0]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text and "\t" not in text:
        return f"{start}{_t(text)}</w:r>"
    parts = [start]
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(_t(piece))
    parts.append("</w:r>")
    return "".join(parts)


def serialised(content: str | tuple[str | Run, ...], style: str | None, keep_next: bool = False) -> str | None:
    """A paragraph of text and styled text as lxml serialises its element in the document; None for text lxml refuses."""
    if type(content) is str and content and _NOT_PLAIN.search(content) is None:  # the most common paragraph
        parts = _TEXT_PARAS.get((style, keep_next)) or _text_para(style, keep_next)
        return f"{parts[1] if content[0] in SPACES or content[-1] in SPACES else parts[0]}{content}{parts[2]}"
    start, end, empty = _PARA_STARTS.get((style, keep_next)) or _para_start(style, keep_next)
    try:
        if isinstance(content, str):
            return f"{start}{_run_xml(content, None)}{end}" if content else empty
        runs = _runs_xml(content)
    except _NotTextError:
        return None
    return f"{start}{runs}{end}" if runs else empty


def _runs_xml(items: Iterable[str | Run]) -> str:
    """The runs of ``items`` (plain and styled text; empty texts make no run) as serialised."""
    out = []
    for item in items:
        if type(item) is str:
            text, style = item, None
        elif type(item) is Run:
            text, style = item
        else:
            raise TypeError(f"a paragraph of text holds text and Run, not {type(item).__name__}")
        if not text:
            continue
        if _NOT_PLAIN.search(text) is None:  # one w:t as it is, as _run_xml writes it (inlined: the hottest path)
            starts = _RUN_STARTS.get(style) or _run_start(style)
            out.append(f"{starts[2] if text[0] in SPACES or text[-1] in SPACES else starts[1]}{text}</w:t></w:r>")
        else:
            out.append(_run_xml(text, style))
    return "".join(out)


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
    if type(content) is str and content and _NOT_PLAIN.search(content) is None:  # the most common paragraph
        parts = _TEXT_PARAS.get((style, keep_next)) or _text_para(style, keep_next)
        return f"{parts[1] if content[0] in SPACES or content[-1] in SPACES else parts[0]}{content}{parts[2]}"
    if type(content) is str:
        xml = serialised(content, style, keep_next)
        return xml if xml is not None else Para(content, style, keep_next)
    items = content if type(content) is tuple or type(content) is list else tuple(content)
    start, end, empty = _PARA_STARTS.get((style, keep_next)) or _para_start(style, keep_next)
    try:
        runs = _runs_xml(items)
    except _NotTextError:
        return Para(tuple(items), style, keep_next)
    return f"{start}{runs}{end}" if runs else empty


@cache
def text_paras(style: str | None, *, keep_next: bool = False) -> Callable[[str], Element]:
    """:func:`xml_para` of a text in paragraph style ``style``, as a function made once per style (about half the cost)."""
    plain, preserve, end = _text_para(style, keep_next)
    search = _NOT_PLAIN.search

    def text_para(text: str) -> Element:
        if text and search(text) is None:
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
            runs = _runs_xml(items)
        except _NotTextError:
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
