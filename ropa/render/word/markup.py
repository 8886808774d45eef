"""Paragraph markup as lxml writes it inside the document: the text escaped into markup made once per style.

The start of each paragraph kind and run kind comes from lxml's own serialisation of the element templates
(:mod:`ropa.render.word.paragraph_tree`), and text is escaped as libxml2 escapes it, so the bytes made here are
those lxml writes for the element; :mod:`ropa.render.word.paragraphs` holds paragraphs and writes them with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ropa.render.word.paragraph_tree import SPACES, Element, Run, W, para_template, run_template

_NS_DECL = f' xmlns:w="{W}"'
#: Characters lxml refuses in text (and lone surrogates): such a paragraph is built as an element, which raises as before.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_T, _T_PRESERVE = "<w:t>", '<w:t xml:space="preserve">'
#: A text with none of these is one ``w:t`` written as it is (nothing to escape, split or refuse). Where it is checked
#: most, a printable text without "&<>" is taken as plain first: every character here is one of those or not printable.
NOT_PLAIN = re.compile("[&<>\r\n\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def tree_xml(el: Element) -> str:
    """How lxml serialises a template element (declaring only ``w``) inside the document: without the declaration."""
    xml: str = etree.tostring(el, encoding="unicode")
    if _NS_DECL not in xml[: xml.index(">")]:
        raise AssertionError(f"template serialised without its namespace declaration: {xml[:80]}")
    return xml.replace(_NS_DECL, "", 1)


PARA_STARTS: dict[tuple[str | None, bool], tuple[str, str, str]] = {}
_RUN_STARTS: dict[str | None, tuple[str, str, str]] = {}
TEXT_PARAS: dict[tuple[str | None, bool], tuple[str, str, str]] = {}


def para_start(style: str | None, keep_next: bool) -> tuple[str, str, str]:
    """The paragraph's start tag and properties, its end tag, and the whole paragraph when it has no runs."""
    found = PARA_STARTS.get((style, keep_next))
    if found is None:
        empty = tree_xml(para_template(style, keep_next))
        start = "<w:p>" if empty == "<w:p/>" else empty.removesuffix("</w:p>")
        found = PARA_STARTS[(style, keep_next)] = (start, "</w:p>", empty)
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


def text_para_parts(style: str | None, keep_next: bool) -> tuple[str, str, str]:
    """A paragraph of one plain run around its text: the markup before it (``<w:t>``, then ``<w:t xml:space="preserve">``) and after it."""
    found = TEXT_PARAS.get((style, keep_next))
    if found is None:
        start, end, _ = para_start(style, keep_next)
        _, before, before_preserve = _run_start(None)
        found = TEXT_PARAS[(style, keep_next)] = (start + before, start + before_preserve, "</w:t></w:r>" + end)
    return found


class NotTextError(Exception):
    """A text lxml would refuse: the paragraph is serialised from its element instead."""


def _t(text: str) -> str:
    """A ``w:t`` holding ``text`` (one line, no tab), escaped as libxml2 escapes text."""
    if _INVALID.search(text):
        raise NotTextError
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
    if NOT_PLAIN.search(text) is None:
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
    if (
        type(content) is str
        and content
        and (
            (content.isprintable() and "&" not in content and "<" not in content and ">" not in content)
            or NOT_PLAIN.search(content) is None
        )
    ):  # the most common paragraph
        parts = TEXT_PARAS.get((style, keep_next)) or text_para_parts(style, keep_next)
        return f"{parts[1] if content[0] in SPACES or content[-1] in SPACES else parts[0]}{content}{parts[2]}"
    start, end, empty = PARA_STARTS.get((style, keep_next)) or para_start(style, keep_next)
    try:
        if isinstance(content, str):
            return f"{start}{_run_xml(content, None)}{end}" if content else empty
        runs = runs_xml(content)
    except NotTextError:
        return None
    return f"{start}{runs}{end}" if runs else empty


def runs_xml(items: Iterable[str | Run]) -> str:
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
        if (text.isprintable() and "&" not in text and "<" not in text and ">" not in text) or NOT_PLAIN.search(
            text
        ) is None:  # one w:t as it is, as _run_xml writes it (inlined)
            starts = _RUN_STARTS.get(style) or _run_start(style)
            out.append(f"{starts[2] if text[0] in SPACES or text[-1] in SPACES else starts[1]}{text}</w:t></w:r>")
        else:
            out.append(_run_xml(text, style))
    return "".join(out)
