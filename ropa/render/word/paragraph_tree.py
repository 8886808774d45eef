"""WordprocessingML runs and paragraphs as lxml elements, each copied from a template parsed once.

Every paragraph kind (a style, keep-with-next, and the character styles of its runs) is parsed
once into a template; a paragraph is one deep copy of it with its texts filled in. This is the
element form of a paragraph: :func:`ropa.render.word.paragraphs.para` holds a paragraph as its
content and writes its bytes directly, and builds it here (:func:`build`) only when something
treats it as an element. Tables, fields and the :class:`~ropa.render.word.ooxml.Body` are in
:mod:`ropa.render.word.ooxml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f'xmlns:w="{W}"'
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SPACES = frozenset(" \t\n\r\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000")

Element = Any
"""An lxml element (lxml ships no type information)."""


def _copy(template: Element) -> Element:
    """A deep copy of a template element (lxml's ``__copy__`` copies the whole subtree)."""
    return template.__copy__()


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{...main}p``."""
    return f"{{{W}}}{tag}"


W_VAL = w("val")


_FIRST_TAG = re.compile(r"^<w:[A-Za-z]+")


def parse(xml: str) -> Element:
    """Parse one element written with the ``w:`` prefix (the namespace is declared here)."""
    return etree.fromstring(_FIRST_TAG.sub(lambda m: f"{m.group(0)} {_NS}", xml, count=1))


class Run(NamedTuple):
    """A piece of text with an optional character style (a style id)."""

    text: str
    style: str | None = None


Inline = Run | str | Element
"""What a paragraph holds: plain text, styled text, or a ready-made run-level element."""

_RUN_TEMPLATES: dict[str | None, Element] = {}
_PARA_TEMPLATES: dict[tuple[str | None, bool], Element] = {}
_TEXT_TEMPLATES: dict[tuple[str | None, bool], Element] = {}
_RUNS_TEMPLATES: dict[tuple[str | bool | None, ...], Element] = {}
_BR = parse("<w:br/>")
_TAB = parse("<w:tab/>")


def _set_text(t: Element, text: str) -> None:
    """Fill a ``w:t``; white space at either end is kept only when marked ``xml:space="preserve"``."""
    t.text = text
    if text[0] in SPACES or text[-1] in SPACES:
        t.set(_XML_SPACE, "preserve")


def run_template(style: str | None) -> Element:
    tmpl = _RUN_TEMPLATES.get(style)
    if tmpl is None:
        rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
        tmpl = parse(f"<w:r>{rpr}<w:t></w:t></w:r>")
        _RUN_TEMPLATES[style] = tmpl
    return tmpl


def run(text: str, style: str | None = None) -> Element:
    """A ``w:r`` with ``text``; line breaks and tabs in the text become ``w:br`` and ``w:tab``."""
    r = _copy(run_template(style))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text and "\t" not in text:
        _set_text(r[-1], text)
        return r
    t = r[-1]
    r.remove(t)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(_copy(_BR))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(_copy(_TAB))
            if piece:
                seg = _copy(t)
                _set_text(seg, piece)
                r.append(seg)
    return r


def para_template(style: str | None, keep_next: bool) -> Element:
    key = (style, keep_next)
    tmpl = _PARA_TEMPLATES.get(key)
    if tmpl is None:
        props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
        tmpl = parse(f"<w:p><w:pPr>{props}</w:pPr></w:p>" if props else "<w:p/>")
        _PARA_TEMPLATES[key] = tmpl
    return tmpl


def _text_template(style: str | None, keep_next: bool) -> Element:
    key = (style, keep_next)
    tmpl = _TEXT_TEMPLATES.get(key)
    if tmpl is None:
        tmpl = _copy(para_template(style, keep_next))
        tmpl.append(_copy(run_template(None)))
        _TEXT_TEMPLATES[key] = tmpl
    return tmpl


def _from_runs_template(items: Sequence[Inline], style: str | None, keep_next: bool) -> Element | None:
    """A paragraph of plain runs (no line break or tab) as one copy of a template for its run styles; None for any other."""
    key: list[str | bool | None] = [style, keep_next]
    texts: list[str] = []
    for item in items:
        if isinstance(item, str):
            text, run_style = item, None
        elif isinstance(item, Run):
            text, run_style = item
        else:
            return None
        if text:
            if "\n" in text or "\t" in text or "\r" in text:
                return None
            key.append(run_style)
            texts.append(text)
    tkey = tuple(key)
    tmpl = _RUNS_TEMPLATES.get(tkey)
    if tmpl is None:
        tmpl = _RUNS_TEMPLATES[tkey] = _copy(para_template(style, keep_next))
        tmpl.extend(_copy(run_template(s)) for s in key[2:])  # type: ignore[arg-type]
    p = tmpl.__copy__()
    if texts:
        for r, text in zip(p[len(p) - len(texts) :], texts, strict=True):
            _set_text(r[-1], text)
    return p


def build(content: Iterable[Inline] | str = (), style: str | None = None, *, keep_next: bool = False) -> Element:
    """A ``w:p`` element in paragraph style ``style`` holding ``content``."""
    if isinstance(content, str):
        if content and "\n" not in content and "\t" not in content and "\r" not in content:
            # The most common paragraph, one plain run: a single copy (inlined, it is the hottest path).
            tmpl = _TEXT_TEMPLATES.get((style, keep_next))
            p = (tmpl if tmpl is not None else _text_template(style, keep_next)).__copy__()
            t = p[-1][-1]
            t.text = content
            if content[0] in SPACES or content[-1] in SPACES:
                t.set(_XML_SPACE, "preserve")
            return p
        p = _copy(para_template(style, keep_next))
        if content:
            p.append(run(content))
        return p
    items = content if isinstance(content, list | tuple) else list(content)
    p = _from_runs_template(items, style, keep_next)
    if p is not None:
        return p
    p = _copy(para_template(style, keep_next))
    for item in items:
        if isinstance(item, str):
            if item:
                p.append(run(item))
        elif isinstance(item, Run):
            if item.text:
                p.append(run(item.text, item.style))
        else:
            p.append(item)
    return p
