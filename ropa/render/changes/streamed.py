"""The redline's body merged from two scanned parts (:mod:`ropa.render.changes.scan`), in the
memory of the largest changed block rather than of two whole documents.

The blocks are aligned by their keys' digests exactly as the tree merge aligns them
(:meth:`Merger.blocks <ropa.render.changes.revisions.Merger.blocks>`); a stretch both sides share
is copied from NEW's spool as bytes, a changed block is parsed back and merged by the same
:class:`~ropa.render.changes.revisions.Merger`, and a table both sides have in pieces is merged
row by row, each row as the tree merge writes it into its table. Revisions are numbered in the
tree merge's order: the few that keep neighbouring insertions apart at the top level come last
there, so the paragraphs holding them are written when the merge is done (:class:`Output`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from typing import IO

from ropa.render.changes.align import opcodes
from ropa.render.changes.revisions import Merger, pair_range
from ropa.render.changes.scan import CHUNK, SPOOL_IN_MEMORY, Context, Piece, Scan
from ropa.render.changes.wordml import Element, Marks, separate, starts_with_insertion, text_of, unjoin_candidate, w

#: Elements serialised together, blocks parsed back together.
BATCH = 64


class LateMarks(Marks):
    """Revision marks numbered only when the merge is done, after every other mark."""

    def __init__(self, author: str, date: str) -> None:
        super().__init__(author, date, 0)
        self.made: list[Element] = []

    def new(self, tag: str) -> Element:
        """A mark whose id is set by :meth:`number`."""
        el = super().new(tag)
        self.made.append(el)
        return el

    def number(self, first: int) -> None:
        """Give the marks made so far the ids from ``first`` on, in the order they were made."""
        for k, el in enumerate(self.made):
            el.set(w("id"), str(first + k))


class Output:
    """The merged body's bytes in a spool, and the paragraphs written only at the end, with their places.

    Elements are serialised a batch at a time, in the document's context (:meth:`Context.held_all`).
    """

    def __init__(self, context: Context) -> None:
        self.spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - closed by the caller
        self.later: list[tuple[int, Element]] = []
        self._context = context
        self._batch: list[Element] = []

    def element(self, el: Element) -> None:
        """Append an element made by the merge."""
        self._batch.append(el)
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Serialise the elements appended so far."""
        if self._batch:
            self.spool.write(self._context.held_all(self._batch))

    def write(self, data: bytes) -> None:
        """Append bytes."""
        self.flush()
        self.spool.write(data)

    def write_later(self, el: Element) -> None:
        """Keep the place for an element serialised at the end."""
        self.flush()
        self.later.append((self.spool.tell(), el))

    def copy(self, scan: Scan, start: int, end: int) -> None:
        """Append ``scan``'s spool from ``start`` to ``end``, a piece at a time."""
        self.flush()
        while start < end:
            data = scan.read(start, min(end, start + CHUNK))
            self.spool.write(data)
            start += len(data)

    def write_to(self, dest: IO[bytes], context: Context) -> None:
        """Copy the spool into ``dest``, each late paragraph (serialised now) in its place."""
        self.flush()
        self.spool.seek(0)
        at = 0
        for place, el in [*self.later, (-1, None)]:
            while place < 0 or at < place:
                data = self.spool.read(CHUNK if place < 0 else min(CHUNK, place - at))
                if not data:
                    break
                dest.write(data)
                at += len(data)
            if el is not None:
                dest.write(context.held(el))


class TopLevel:
    """The body's blocks on their way out: a paragraph that ends with an insertion waits for the
    next block (see :func:`ropa.render.changes.wordml.separate`)."""

    def __init__(self, out: Output, context: Context, late: LateMarks) -> None:
        self.out, self.context, self.late = out, context, late
        self._pending: Element = None

    def element(self, el: Element) -> None:
        """A block made by the merge."""
        self.settle(starts_with_insertion(el))
        if unjoin_candidate(el):
            self._pending = el
        else:
            self.out.element(el)

    def settle(self, next_starts_with_insertion: bool) -> None:
        """Write the waiting paragraph, separated from the next block if that starts with an insertion."""
        p, self._pending = self._pending, None
        if p is None:
            return
        made = len(self.late.made)
        separate(p, next_starts_with_insertion, self.late)
        if len(self.late.made) != made:
            self.out.write_later(p)
        else:
            self.out.element(p)


def merge_body(old: Scan, new: Scan, merger: Merger, top: TopLevel) -> None:
    """NEW's blocks with OLD's differences tracked, written to ``top``."""
    for op, i1, i2, j1, j2 in opcodes([b.key for b in old.blocks], [b.key for b in new.blocks]):
        if op == "equal":
            _copy(new, new.blocks[j1:j2], top)
            continue
        get_old, get_new = Loader(old, old.blocks[i1:i2]), Loader(new, new.blocks[j1:j2])
        for a, b in _paired(get_old, get_new):
            if a is None or b is None:
                top.element(_one_sided(merger, get_old, get_new, a, b))
            elif b.kind == "p":
                for el in merger.paragraph(get_old(a), get_new(b)):
                    top.element(el)
            elif a.children is not None and b.children is not None:
                top.settle(False)
                _table(old, new, (a, b), merger, top.out)
            else:
                top.element(merger.table(get_old(a), get_new(b)))
    top.settle(False)


def _paired(get_old: Loader, get_new: Loader) -> Iterator[tuple[Piece | None, Piece | None]]:
    """The pieces of a changed stretch (blocks, or a table's rows), paired as the tree merge pairs them."""
    olds, news = get_old.pieces, get_new.pieces
    texts = (_reading(get_old), _reading(get_new))
    yield from pair_range(olds, news, [_shape(p) for p in olds], [_shape(p) for p in news], texts)


def _one_sided(merger: Merger, get_old: Loader, get_new: Loader, a: Piece | None, b: Piece | None) -> Element:
    """A piece only NEW has, marked inserted, or one only OLD has, marked deleted."""
    if a is None:
        assert b is not None
        return merger.inserted(get_new(b))
    return merger.deleted(get_old(a))


def _copy(new: Scan, blocks: list[Piece], top: TopLevel) -> None:
    """Blocks both sides share: NEW's bytes, but a paragraph that may need separating as an element."""
    k = 0
    while k < len(blocks):
        if blocks[k].candidate:
            top.element(deepcopy(new.element(blocks[k])))
            k += 1
            continue
        end = k
        while end < len(blocks) and not blocks[end].candidate:
            end += 1
        top.settle(blocks[k].starts_ins)
        top.out.copy(new, blocks[k].start, blocks[end - 1].end)
        k = end


def _reading(load: Loader) -> Callable[[Piece], str]:
    """What a reader sees of a piece ``load`` parses back."""
    return lambda piece: text_of(load(piece))


def _shape(piece: Piece) -> tuple[str, int]:
    """The shape of a block or row as :func:`ropa.render.changes.revisions.shape` gives it."""
    return piece.kind, piece.size if piece.kind in ("tr", "tbl") else 0


class Loader:
    """Blocks (or rows of ``table``) of one side, parsed back from its spool a batch at a time as
    the merge asks for them, in order."""

    def __init__(self, scan: Scan, pieces: list[Piece], table: Piece | None = None) -> None:
        self.scan, self.pieces, self.table = scan, pieces, table
        self._index = {id(p): k for k, p in enumerate(pieces)}
        self._loaded: dict[int, Element] = {}

    def __call__(self, piece: Piece) -> Element:
        """``piece`` as an element (of the document's context)."""
        found = self._loaded.get(id(piece))
        if found is None:
            self._load(self._index[id(piece)])
            found = self._loaded[id(piece)]
        return found

    def _load(self, first: int) -> None:
        """Parse the pieces from ``first`` on that lie together in the spool, up to a batch's size."""
        batch = [self.pieces[first]]
        for p in self.pieces[first + 1 : first + BATCH]:
            if p.children is not None or p.start != batch[-1].end or p.end - batch[0].start > CHUNK:
                break
            batch.append(p)
        head = self.table.head if self.table is not None else b""
        els = self.scan.context.parse_all(self.scan.read(batch[0].start, batch[-1].end), head)
        if len(els) != len(batch):
            els = [self.scan.context.parse(self.scan.read(p.start, p.end), head) for p in batch]
        self._loaded = {id(p): el for p, el in zip(batch, els, strict=True)}


def _table(old: Scan, new: Scan, pair: tuple[Piece, Piece], merger: Merger, out: Output) -> None:
    """A table both sides have in pieces, merged row by row as :meth:`Merger.table` merges it."""
    a, b = pair
    assert a.children is not None
    assert b.children is not None
    out.write(b"<w:tbl>")
    for c in b.children:
        if c.kind != "tr":
            for el in new.elements(c, b):
                out.element(deepcopy(el))
    olds = [c for c in a.children if c.kind == "tr"]
    news = [c for c in b.children if c.kind == "tr"]
    for op, i1, i2, j1, j2 in opcodes([r.key for r in olds], [r.key for r in news]):
        if op == "equal":
            for r in news[j1:j2]:
                out.copy(new, r.start, r.end)
            continue
        get_old, get_new = Loader(old, olds[i1:i2], a), Loader(new, news[j1:j2], b)
        for x, y in _paired(get_old, get_new):
            if x is None or y is None:
                out.element(_one_sided(merger, get_old, get_new, x, y))
            else:
                out.element(merger.row(get_old(x), get_new(y)))
    out.write(b"</w:tbl>")


def write_blocks(out: Output, blocks: Iterable[Element]) -> None:
    """Write elements made outside the merge (the summary page) into the body."""
    for el in blocks:
        out.element(el)
