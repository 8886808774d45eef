"""One side's ``word/document.xml`` read once, piece by piece: the body's blocks serialised into a
spool (a temporary file once it outgrows memory), with what the merge needs to know of each.

The part is fed to lxml's pull parser a piece at a time; each finished block of the body (a
paragraph, a table, the section properties) is serialised and dropped, so a register of any size
costs the memory of its largest block. A table is kept as its children (rows, properties, grid),
each serialised on its own between the table's start and end tags, so that the merge can align
and copy it row by row.

A block is serialised where it stands, then the namespace declarations lxml adds for its
ancestors are cut off: the bytes it has inside the whole document. One that declares namespaces
itself (or holds an element that does) goes through a holder, as the tree merge puts a copy into
the body, which drops every declaration the document already makes (:meth:`Context.held`).

Every block's key is the tree merge's (:func:`ropa.render.changes.revisions.block_key`), kept as
a digest; so are a table row's text. A part that is not plain (text between blocks, comments in
the body) is refused (:class:`Irregular`): the caller merges it as a tree.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import IO

from lxml import etree

from ropa.render.changes.wordml import GRID_COLS, Element, W, local, starts_with_insertion, text_of, unjoin_candidate, w

#: Read the part in pieces of this size.
CHUNK = 1 << 20
#: A spool stays in memory up to this size, then moves to a temporary file.
SPOOL_IN_MEMORY = 16 * 1024 * 1024
_START_TAG = re.compile(rb"<(?![?!])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
#: Without these a paragraph neither starts nor ends with an insertion.
_INS, _MARKED = f"{{{W}}}ins", f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}ins"
#: A table with more children than this is kept in pieces, to be merged row by row.
ROWS_APART = 64
_HEAD, _END = b"<w:tbl>", b"</w:tbl>"
_ROW_START = re.compile(rb"<w:tr[ >/]")
_PPR, _PSTYLE, _VAL = f"{{{W}}}pPr", f"{{{W}}}pStyle", f"{{{W}}}val"
_TBL, _TC, _GRID_COL = f"{{{W}}}tbl", f"{{{W}}}tc", f"{{{W}}}gridCol"
_ID = re.compile(rb'\sw:id="([^"]*)"')


class Irregular(Exception):  # noqa: N818 - a signal, not an error
    """The part holds more than blocks (text or comments between them): merge it as a tree."""


def digest(text: str) -> bytes:
    """A short fixed-size stand-in for a key: equal keys, equal digests."""
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(slots=True)
class Piece:
    """A block of the body, or a child of a table kept in pieces: where its bytes are, and its shape."""

    kind: str
    key: bytes
    start: int
    end: int
    #: A table's grid columns, a row's cells.
    size: int = 0
    #: A paragraph that starts with an insertion; one that ends with one (and could be unjoined).
    starts_ins: bool = False
    candidate: bool = False
    #: A table in pieces: its start tag and its children, rows and what comes before them (None: kept whole).
    head: bytes = b""
    children: list[Piece] | None = None


class Context:
    """The document element and body of one part, to serialise its blocks and parse them back."""

    def __init__(self, first: bytes) -> None:
        tags = [m.group(0) for m in _START_TAG.finditer(first, 0, 1 << 16)][:2]
        if len(tags) < 2:
            raise Irregular("no document element and body at the start of the part")
        self.root_tag, self.body_tag = tags
        self._ends = b"</" + _qname(self.body_tag) + b"></" + _qname(self.root_tag) + b">"
        self.holder = etree.fromstring(self.root_tag + self.body_tag + self._ends)[0]
        if list(self.holder.nsmap.values()).count(W) != 1 or self.holder.nsmap.get("w") != W:
            raise Irregular("WordprocessingML is not the prefix w")
        self._prefixes: dict[str, tuple[bytes, bytes]] = {}

    def document_ends(self) -> tuple[bytes, bytes]:
        """What the merged part has before its body's blocks (the declaration, the document's and body's
        start tags) and after them."""
        mark = b"<!--ropa-blocks-->"
        root = etree.fromstring(self.root_tag + self.body_tag + mark + self._ends)
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        head, tail = xml.split(mark)
        return head, tail

    def ids(self) -> list[str]:
        """The ids on the document's and the body's own tags."""
        return [v for el in (self.holder.getparent(), self.holder) if (v := el.get(w("id"))) is not None]

    def parse(self, fragment: bytes, inside: bytes = b"") -> Element:
        """A block (``inside``: the start tag of the table holding a row) parsed in the document's context."""
        return self.parse_all(fragment, inside)[0]

    def parse_all(self, fragment: bytes, inside: bytes = b"") -> list[Element]:
        """The elements of ``fragment`` parsed in the document's context (``inside``: in a table of that start tag)."""
        end = b"</" + _qname(inside) + b">" if inside else b""
        body = etree.fromstring(self.root_tag + self.body_tag + inside + fragment + end + self._ends)[0]
        return list(body[0] if inside else body)

    def serialised(self, el: Element) -> bytes:
        """A block of the body as the tree merge writes a copy of it: in place, else through the holder."""
        xml = self.in_place(el)
        return xml if xml is not None else self.held(deepcopy(el))

    def in_place(self, el: Element) -> bytes | None:
        """``el`` (a child of the body, or of a table in it) as it reads inside the whole part; None
        when it, or an element in it, declares namespaces of its own (the tree merge drops those the
        document declares: :meth:`held` does)."""
        xml: bytes = etree.tostring(el, encoding="UTF-8")
        prefix, name = self._prefix(el)
        if xml.startswith(prefix) and xml[len(prefix) : len(prefix) + 1] in (b" ", b"/", b">") and xml.find(b"xmlns", len(prefix)) < 0:
            return name + xml[len(prefix) :]
        return None

    def held(self, el: Element) -> bytes:
        """``el`` moved into the body and serialised there (redundant declarations dropped, as the tree merge does)."""
        return self.held_all([el])

    def held_all(self, els: list[Element]) -> bytes:
        """:meth:`held` for several elements at once; ``els`` is emptied (so the elements are freed after)."""
        self.holder.extend(els)
        els.clear()
        xml: bytes = etree.tostring(self.holder, encoding="UTF-8")
        del self.holder[:]
        return xml[xml.index(b">") + 1 : len(xml) - len(b"</" + _qname(self.body_tag) + b">")]

    def _prefix(self, el: Element) -> tuple[bytes, bytes]:
        """What lxml writes for an element like ``el`` standing in the body, up to its first attribute,
        and what it writes for it inside the whole part (``<w:p``)."""
        found = self._prefixes.get(el.tag)
        if found is None:
            dummy = etree.SubElement(self.holder, el.tag)
            prefix = etree.tostring(dummy, encoding="UTF-8")[: -len(b"/>")]
            self.holder.remove(dummy)
            found = self._prefixes[el.tag] = (prefix, b"<" + _qname(prefix))
        return found


def _qname(start_tag: bytes) -> bytes:
    """The element name of a start tag (``<w:body ...>`` gives ``w:body``)."""
    return re.split(rb"[\s/>]", start_tag[1:], maxsplit=1)[0]


@dataclass
class Scan:
    """One side's body: its blocks in a spool, their keys and shapes, its section properties and highest id."""

    context: Context
    spool: IO[bytes]
    blocks: list[Piece] = field(default_factory=list)
    sections: list[bytes] = field(default_factory=list)
    top_id: int = 0
    #: Whether to note the highest id (NEW's: the revisions are numbered above it).
    count_ids: bool = True

    def read(self, start: int, end: int) -> bytes:
        """The spool's bytes from ``start`` to ``end``."""
        self.spool.seek(start)
        return self.spool.read(end - start)

    def element(self, piece: Piece, table: Piece | None = None) -> Element:
        """A block (or a row of ``table``) parsed back from the spool."""
        return self.context.parse(self.read(piece.start, piece.end), table.head if table else b"")

    def elements(self, piece: Piece, table: Piece) -> list[Element]:
        """The children of ``table`` that ``piece`` holds (its properties and grid), parsed back from the spool."""
        return self.context.parse_all(self.read(piece.start, piece.end), table.head)

    def write(self, data: bytes) -> int:
        """Append ``data`` to the spool (noting the ids in it, if asked); the offset after it."""
        self.spool.write(data)
        self.note_ids_in(data)
        return self.spool.tell()

    def note_ids_in(self, data: bytes) -> None:
        """Note the ``w:id`` values in serialised ``data`` (if asked)."""
        if not self.count_ids or (b"w:id=" not in data and b"xmlns" not in data):
            return
        if b"xmlns" in data:  # w may be declared again inside: ask the elements
            values = [v for el in self.context.parse(data).iter() if (v := el.get(w("id"))) is not None]
        else:  # an attribute, not text that looks like one: inside a tag
            found = [m for m in _ID.finditer(data) if data.rfind(b"<", 0, m.start()) > data.rfind(b">", 0, m.start())]
            values = [m.group(1).decode() for m in found]
        self.note_ids(values)

    def note_ids(self, values: list[str]) -> None:
        """Keep the highest of the numeric ``values`` (the tree merge numbers its revisions above it)."""
        for value in values:
            if value.isdigit():
                self.top_id = max(self.top_id, int(value))


def scan(package: bytes, name: str, *, count_ids: bool = True) -> Scan:
    """Read part ``name`` of ``package`` block by block (``count_ids``: note the highest ``w:id``);
    raises :class:`Irregular` for a part that is not plain."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - the merge closes it
    try:
        return _scan(package, name, spool, count_ids)
    except BaseException:
        spool.close()
        raise


def _scan(package: bytes, name: str, spool: IO[bytes], count_ids: bool) -> Scan:
    """:func:`scan` into ``spool``."""
    with zipfile.ZipFile(io.BytesIO(package)) as z, z.open(name) as part:
        first = part.read(CHUNK)
        out = Scan(Context(first), spool, count_ids=count_ids)
        out.note_ids(out.context.ids())
        for body, done in _bodies(first, part):
            if body.text is not None or body.getparent().text is not None:
                raise Irregular("text in the body")
            count = len(body) if done else len(body) - 1
            child = None
            for k, child in enumerate(body.iterchildren()):
                if k == count:
                    break
                _block(out, child)
            del child  # no proxy left: lxml frees the blocks at once
            del body[:count]
    return out


def _bodies(first: bytes, part: IO[bytes]) -> Iterator[tuple[Element, bool]]:
    """The body as the parser has it after each piece of the part, and whether it is finished."""
    parser = etree.XMLPullParser(events=("start", "end"), tag=w("body"))
    body: Element = None
    chunk = first
    while chunk:
        parser.feed(chunk)
        done = False
        for event, el in parser.read_events():
            body = el if event == "start" else body
            done = done or event == "end"
        if body is not None:
            yield body, done
        chunk = part.read(CHUNK)
    parser.close()


def _block(out: Scan, el: Element) -> None:
    """Serialise one block of the body into the spool and note its key and shape."""
    if not isinstance(el.tag, str) or el.tail is not None:
        raise Irregular("a comment or text between blocks")
    kind = local(el)
    start = out.spool.tell()
    if kind == "sectPr":  # written after the blocks, so kept out of their stretch of the spool
        out.sections.append(out.context.serialised(el))
        out.note_ids_in(out.sections[-1])
        return
    if kind == "tbl" and el.text is None and len(el) and all(c.tail is None and isinstance(c.tag, str) for c in el):
        table = _table(out, el, start)
        if table is not None:
            out.blocks.append(table)
            return
    end = out.write(out.context.serialised(el))
    piece = Piece(kind, digest(block_key(el)), start, end)
    if kind == "tbl":
        piece.size = len(el.findall(GRID_COLS))
    elif kind == "p" and (el.find(_INS) is not None or el.find(_MARKED) is not None):
        piece.starts_ins, piece.candidate = starts_with_insertion(el), unjoin_candidate(el)
    out.blocks.append(piece)


def _table(out: Scan, el: Element, start: int) -> Piece | None:
    """A long table (rows after its properties, no table inside) kept as its children: its bytes are
    cut where each row starts; None for any other table."""
    kinds = [local(c) for c in el]
    rows = kinds.count("tr")
    if (
        len(el) <= ROWS_APART
        or el.attrib
        or not rows
        or "tr" in kinds[: len(el) - rows]
        or next(el.iterdescendants(_TBL), None) is not None
    ):
        return None
    xml = out.context.in_place(el)
    if xml is None or not xml.startswith(_HEAD) or not xml.endswith(_END):
        return None
    cuts = [m.start() for m in _ROW_START.finditer(xml)]
    if len(cuts) != rows:
        return None
    cuts.append(len(xml) - len(_END))
    texts = [text_of(c) for c in el]
    first = len(el) - rows
    children = [Piece("", b"", start + len(_HEAD), start + cuts[0])] if first else []
    for k, row in enumerate(el[first:]):
        children.append(Piece("tr", digest(texts[first + k]), start + cuts[k], start + cuts[k + 1], len(row.findall(_TC))))
    cols = sum(len(c.findall(_GRID_COL)) for c, kind in zip(el, kinds, strict=True) if kind == "tblGrid")
    end = out.write(xml)
    return Piece("tbl", digest(f"tbl|{cols}|{''.join(texts)}"), start, end, cols, head=_HEAD, children=children)


def block_key(block: Element) -> str:
    """The key a block is aligned by: its kind, style or column count, and text (the tree merge's)."""
    name = local(block)
    if name == "p":
        style = next((found for ppr in block.iterchildren(_PPR) if (found := ppr.find(_PSTYLE)) is not None), None)
        return f"p|{style.get(_VAL) if style is not None else ''}|{text_of(block)}"
    if name == "tbl":
        cols = len(block.findall(GRID_COLS))
        return f"tbl|{cols}|{text_of(block)}"
    return f"{name}|{text_of(block)}"
