"""Tracked changes between two WordprocessingML bodies: NEW's content, every difference from OLD
a revision (``w:ins`` / ``w:del``) by one author at one date, as Word and LibreOffice show them.

Blocks (paragraphs and tables) are aligned by their text; a changed paragraph gets word-level
insertions and deletions (a rewritten sentence deleted and inserted whole, :mod:`ropa.render.changes.sentences`), a paragraph or table row that only one side has is inserted or deleted
whole, paragraph marks and rows included, so that accepting every revision gives NEW's text and
rejecting every revision gives OLD's. A changed paragraph style is kept as ``w:pPrChange``.

Two things are never tracked, so the document stays well-formed in every state: bookmarks (only
NEW's are kept, ids and names stay unique) and field characters (NEW's TOC field stands for both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import deepcopy
from difflib import SequenceMatcher
from typing import TypeVar

from lxml import etree

from ropa.render.changes.align import opcodes
from ropa.render.changes.scan import block_key
from ropa.render.changes.sentences import Opcode, by_sentence
from ropa.render.changes.wordml import (
    FIELD,
    GRID_COLS,
    TOKEN,
    Element,
    Marks,
    flatten,
    local,
    mark_paragraph,
    ppr_of,
    runs,
    separate_insertions,
    strip,
    text_of,
    w,
    wrap_runs,
)

__all__ = ["Element", "Marks", "Merger", "local", "text_of", "w"]

T = TypeVar("T")


class Merger:
    """Merges OLD's blocks into NEW's as tracked changes."""

    def __init__(self, marks: Marks) -> None:
        self.marks = marks

    # --- whole blocks -------------------------------------------------------------------

    def deleted(self, block: Element) -> Element:
        """OLD's paragraph or table, deleted whole."""
        el = deepcopy(block)
        strip(el, fields=True)
        for t in el.iter(w("t")):
            t.tag = w("delText")
        self._track(el, "del")
        return el

    def inserted(self, block: Element) -> Element:
        """NEW's paragraph or table, inserted whole (its field characters stay untracked)."""
        el = deepcopy(block)
        self._track(el, "ins")
        return el

    def _track(self, el: Element, tag: str) -> None:
        paragraphs = [el] if local(el) == "p" else list(el.iter(w("p")))
        for p in paragraphs:
            if tag == "ins":
                for run in [r for r in p.iter(w("r")) if any(local(c) in FIELD for c in r)]:
                    run.tag = w("fieldrun")  # hidden from wrapping, restored below
            wrap_runs(p, tag, self.marks)
            for run in p.iter(w("fieldrun")):
                run.tag = w("r")
            mark_paragraph(p, self.marks.new(tag))
        for tr in el.iter(w("tr")):
            trpr = tr.find(w("trPr"))
            if trpr is None:
                trpr = etree.Element(w("trPr"))
                first_tc = tr.find(w("tc"))
                (first_tc.addprevious(trpr) if first_tc is not None else tr.append(trpr))
            trpr.append(self.marks.new(tag))

    # --- sequences of blocks ------------------------------------------------------------

    def blocks(self, old: list[Element], new: list[Element]) -> list[Element]:
        """NEW's blocks with OLD's differences tracked."""
        out: list[Element] = []
        for op, i1, i2, j1, j2 in opcodes([block_key(b) for b in old], [block_key(b) for b in new]):
            if op == "equal":
                out.extend(deepcopy(b) for b in new[j1:j2])
                continue
            for a, b in _pair_range(old[i1:i2], new[j1:j2]):
                if a is None:
                    out.append(self.inserted(b))
                elif b is None:
                    out.append(self.deleted(a))
                elif local(b) == "p":
                    out.extend(self.paragraph(a, b))
                else:
                    out.append(self.table(a, b))
        separate_insertions(out, self.marks)
        return out

    def paragraph(self, old: Element, new: Element) -> list[Element]:
        """One changed paragraph: word-level revisions, or deleted and inserted whole."""
        before, after = flatten(old), flatten(new)
        if before is None or after is None:
            return [self.deleted(old), self.inserted(new)]
        lead, new_atoms, tail = after
        old_atoms = before[1]
        p = etree.Element(w("p"))
        new_ppr, old_ppr = new.find(w("pPr")), old.find(w("pPr"))
        if new_ppr is not None:
            p.append(deepcopy(new_ppr))
        if _props(old_ppr) != _props(new_ppr):
            change = self.marks.new("pPrChange")
            change.append(deepcopy(old_ppr) if old_ppr is not None else etree.Element(w("pPr")))
            for extra in change[0].findall(w("rPr")) + change[0].findall(w("sectPr")):
                change[0].remove(extra)
            ppr_of(p).append(change)
        p.extend(deepcopy(x) for x in lead)
        matcher = SequenceMatcher(None, [a.key for a in old_atoms], [a.key for a in new_atoms], autojunk=False)
        if matcher.ratio() >= 0.3:
            ops = by_sentence(_coalesce(matcher.get_opcodes()), old_atoms, new_atoms)
        else:
            ops = [("replace", 0, len(old_atoms), 0, len(new_atoms))]
        for op, i1, i2, j1, j2 in ops:
            if op == "equal":
                p.extend(runs(new_atoms[j1:j2], deleted=False))
                continue
            if i2 > i1:
                rev = self.marks.new("del")
                rev.extend(runs(old_atoms[i1:i2], deleted=True))
                p.append(rev)
            if j2 > j1:
                rev = self.marks.new("ins")
                rev.extend(runs(new_atoms[j1:j2], deleted=False))
                p.append(rev)
        p.extend(deepcopy(x) for x in tail)
        return [p]

    def table(self, old: Element, new: Element) -> Element:
        """A table both sides have: rows aligned by text, changed rows merged cell by cell."""
        out = etree.Element(w("tbl"))
        out.extend(deepcopy(c) for c in new if local(c) != "tr")
        old_rows, new_rows = old.findall(w("tr")), new.findall(w("tr"))
        for op, i1, i2, j1, j2 in opcodes([text_of(r) for r in old_rows], [text_of(r) for r in new_rows]):
            if op == "equal":
                out.extend(deepcopy(r) for r in new_rows[j1:j2])
                continue
            for a, b in _pair_range(old_rows[i1:i2], new_rows[j1:j2]):
                if a is None:
                    out.append(self.inserted(b))
                elif b is None:
                    out.append(self.deleted(a))
                else:
                    out.append(self.row(a, b))
        return out

    def row(self, old: Element, new: Element) -> Element:
        tr = deepcopy(new)
        for new_tc, old_tc in zip(tr.findall(w("tc")), old.findall(w("tc")), strict=True):
            blocks = self.blocks(_cell_blocks(old_tc), _cell_blocks(new_tc))
            for child in _cell_blocks(new_tc):
                new_tc.remove(child)
            new_tc.extend(blocks)
        return tr


def _coalesce(ops: Sequence[Opcode]) -> list[Opcode]:
    """Fold a lone word kept between two changes into them: 'a̶ b c̶' reads worse than 'a̶b̶c̶ abc'."""
    out: list[Opcode] = []
    for op in ops:
        if len(out) >= 2 and op[0] != "equal" and out[-1][0] == "equal" and out[-2][0] != "equal" and out[-1][4] - out[-1][3] <= 2:
            before = out[-2]
            out[-2:] = [("replace", before[1], op[2], before[3], op[4])]
        elif out and op[0] != "equal" and out[-1][0] != "equal":
            before = out[-1]
            out[-1] = ("replace", before[1], op[2], before[3], op[4])
        else:
            out.append(op)
    return out


def _props(ppr: Element) -> bytes:
    if ppr is None:
        return b""
    copy = deepcopy(ppr)
    for extra in copy.findall(w("rPr")):
        copy.remove(extra)
    return etree.tostring(copy) if len(copy) else b""


def _cell_blocks(tc: Element) -> list[Element]:
    return [c for c in tc if local(c) != "tcPr"]


def shape(el: Element) -> tuple[str, int]:
    """What two blocks (or rows) must share to be merged: the kind, and a row's cells or a table's columns."""
    name = local(el)
    if name == "tr":
        return name, len(el.findall(w("tc")))
    if name == "tbl":
        return name, len(el.findall(GRID_COLS))  # the column count of block_key
    return name, 0


def compatible(a: tuple[str, int], b: tuple[str, int]) -> bool:
    """Whether blocks (or rows) of these shapes can be merged rather than deleted and inserted."""
    return a == b and a[0] in ("p", "tr", "tbl")


def _similar(a: str, b: str) -> bool:
    """At least half the words in common, in order."""
    matcher = SequenceMatcher(None, TOKEN.findall(a), TOKEN.findall(b), autojunk=False)
    return matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5


def _pair_range(old: list[Element], new: list[Element]) -> list[tuple[Element | None, Element | None]]:
    """Pairs for a replaced stretch of blocks or rows (see :func:`pair_range`)."""
    return pair_range(old, new, [shape(a) for a in old], [shape(b) for b in new], (text_of, text_of))


def pair_range(
    old: Sequence[T],
    new: Sequence[T],
    old_shapes: list[tuple[str, int]],
    new_shapes: list[tuple[str, int]],
    text: tuple[Callable[[T], str], Callable[[T], str]],
) -> list[tuple[T | None, T | None]]:
    """Pairs for a replaced stretch: one to one when the shapes agree, else by similarity (``text``:
    what a reader sees of one of OLD's, of one of NEW's)."""
    if len(old) == len(new) and all(compatible(a, b) for a, b in zip(old_shapes, new_shapes, strict=True)):
        return list(zip(old, new, strict=True))
    texts: dict[tuple[int, int], str] = {}

    def text_at(side: int, k: int) -> str:
        found = texts.get((side, k))
        if found is None:
            found = texts[side, k] = text[side]((old if side == 0 else new)[k])
        return found

    out: list[tuple[T | None, T | None]] = []
    i = 0
    pending: list[T] = []
    for j, b in enumerate(new):
        k = next(
            (k for k in range(i, len(old)) if compatible(old_shapes[k], new_shapes[j]) and _similar(text_at(0, k), text_at(1, j))), None
        )
        if k is None:
            pending.append(b)
            continue
        out.extend((a, None) for a in old[i:k])
        out.extend((None, x) for x in pending)
        pending = []
        out.append((old[k], b))
        i = k + 1
    out.extend((a, None) for a in old[i:])
    out.extend((None, x) for x in pending)
    return out
