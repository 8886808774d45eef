"""The visible text of a saved web page, with the standard library's HTML parser.

What a reader sees: no script, style, template or head; block elements (paragraphs, headings,
list items, table cells, line breaks) end a line, so words of two blocks never run together;
character references decoded. The parser fetches nothing and knows only HTML's fixed list of
named references (there is no DTD, so no entity can expand into more text).
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ropa.loading.extract import UnreadableError

#: Elements whose content a reader never sees.
_HIDDEN = frozenset({"script", "style", "template", "head", "noscript", "title", "iframe", "object"})
#: Elements that start and end a block of text.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html"),
        *("legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot"),
        *("th", "thead", "tr", "ul"),
    }
)
#: Void elements: no end tag, so they never open a hidden span.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # the hidden elements open around the current position

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self.hidden:  # a head left open ends where the body starts
            self.hidden.clear()
        if tag in _HIDDEN and tag not in _VOID:
            self.hidden.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            while self.hidden and self.hidden.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _decode(file: str, data: bytes) -> str:
    """The page's characters: a byte-order mark, else the charset its head declares, else UTF-8."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            data, declared = data[len(bom) :], encoding
            break
    else:
        match = _CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii").lower() if match else "utf-8"
    try:
        encoding = codecs.lookup(declared).name
    except LookupError:
        raise UnreadableError(f"source file `{file}` declares the unknown character set `{declared}`") from None
    if encoding in {"latin-1", "iso8859-1", "ascii"}:
        encoding = "cp1252"  # what browsers do with these labels (WHATWG Encoding)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableError(f"source file `{file}` is not valid {encoding} (the character set the page declares, or UTF-8)") from None


def html_text(file: str, data: bytes) -> str:
    """The visible text of an HTML page, one line per block."""
    parser = _Visible()
    parser.feed(_decode(file, data))
    parser.close()
    return "".join(parser.parts)
