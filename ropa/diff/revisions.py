"""Tracked changes between two WordprocessingML bodies: NEW's content, every difference from OLD
a revision (``w:ins`` / ``w:del``) by one author at one date, as Word and LibreOffice show them.

Blocks (paragraphs and tables) are aligned by their text; a changed paragraph gets word-level
insertions and deletions, a paragraph or table row that only one side has is inserted or deleted
whole, paragraph marks and rows included, so that accepting every revision gives NEW's text and
rejecting every revision gives OLD's. A changed paragraph style is kept as ``w:pPrChange``.

Two things are never tracked, so the document stays well-formed in every state: bookmarks (only
NEW's are kept, ids and names stay unique) and field characters (NEW's TOC field stands for both).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = Any

_TOKEN = re.compile(r"\S+|\s+")
_ANCHORS = {"bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd"}
_RUN_ATOMS = {"tab", "br", "cr", "noBreakHyphen", "softHyphen"}
_FIELD = {"fldChar", "instrText", "delInstrText"}
_GRID_COLS = f"{{{W}}}tblGrid/{{{W}}}gridCol"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(el: Element) -> str:
    return str(etree.QName(el).localname) if isinstance(el.tag, str) else ""


def text_of(el: Element) -> str:
    """The text a reader sees: ``w:t`` text, tabs and breaks (deleted text and field codes left out)."""
    out = []
    for node in el.iter():
        name = local(node)
        if name == "t":
            out.append(node.text or "")
        elif name == "tab" and local(node.getparent()) == "r":
            out.append("\t")
        elif name in ("br", "cr"):
            out.append("\f" if node.get(w("type")) == "page" else "\n")
    return "".join(out)


class Marks:
    """Revision marks by one author at one date, each with a fresh id."""

    def __init__(self, author: str, date: str, first_id: int) -> None:
        self.author, self.date, self._next = author, date, first_id

    def new(self, tag: str) -> Element:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self._next))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self._next += 1
        return el


@dataclass(frozen=True, slots=True)
class Atom:
    """A word, a space, a tab or a break, with the run properties it had."""

    key: str
    rpr: bytes
    payload: Element  # a w:t holding the token, or a copy of the tab/break element


def _flatten(p: Element) -> tuple[list[Element], list[Atom], list[Element]] | None:
    """A plain paragraph as (leading anchors, atoms, trailing anchors); None when it holds more."""
    lead: list[Element] = []
    tail: list[Element] = []
    atoms: list[Atom] = []
    for child in p:
        name = local(child)
        if name == "pPr":
            continue
        if name in _ANCHORS:
            (tail if atoms else lead).append(child)
            continue
        if name != "r" or tail:
            return None
        rpr_el = child.find(w("rPr"))
        rpr = etree.tostring(rpr_el) if rpr_el is not None else b""
        for part in child:
            kind = local(part)
            if kind == "t":
                for token in _TOKEN.findall(part.text or ""):
                    t = etree.Element(w("t"))
                    t.text = token
                    atoms.append(Atom(token, rpr, t))
            elif kind in _RUN_ATOMS:
                atoms.append(Atom(text_of(part) if kind != "tab" else "\t", rpr, part))
            elif kind not in ("rPr", "lastRenderedPageBreak"):
                return None
    return lead, atoms, tail


def _runs(atoms: list[Atom], *, deleted: bool) -> list[Element]:
    """Runs holding ``atoms``, one per stretch of equal run properties."""
    out: list[Element] = []
    last: bytes | None = None
    run: Element = None
    for atom in atoms:
        if run is None or atom.rpr != last:
            run = etree.Element(w("r"))
            if atom.rpr:
                run.append(etree.fromstring(atom.rpr))
            out.append(run)
            last = atom.rpr
        payload = atom.payload
        if local(payload) == "t":
            tag = "delText" if deleted else "t"
            prev = run[-1] if len(run) and local(run[-1]) == tag else None
            if prev is not None:
                prev.text = (prev.text or "") + (payload.text or "")
                continue
            t = etree.SubElement(run, w(tag))
            t.text = payload.text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            run.append(deepcopy(payload))
    return out


def _ppr(p: Element) -> Element:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    return ppr


def _mark_paragraph(p: Element, mark: Element) -> None:
    """Mark the paragraph mark of ``p`` inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
    ppr = _ppr(p)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        later = [c for c in ppr if local(c) in ("sectPr", "pPrChange")]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)


def _wrap_runs(container: Element, tag: str, marks: Marks) -> None:
    """Put every run inside ``container`` (at any depth) into ``w:ins`` or ``w:del`` elements,
    one per stretch of neighbouring runs."""
    for parent in [container, *container.iter(w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"))]:
        group: Element = None
        for child in list(parent):
            if local(child) != "r":
                group = None
                continue
            if group is None:
                group = marks.new(tag)
                child.addprevious(group)
            group.append(child)


def _strip(el: Element, *, fields: bool) -> None:
    """Drop bookmarks (and, for OLD's content, the runs of field characters) from a copy."""
    for node in list(el.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        node.getparent().remove(node)
    if fields:
        for run in list(el.iter(w("r"))):
            if any(local(c) in _FIELD for c in run):
                run.getparent().remove(run)


class Merger:
    """Merges OLD's blocks into NEW's as tracked changes."""

    def __init__(self, marks: Marks) -> None:
        self.marks = marks

    # --- whole blocks -------------------------------------------------------------------

    def deleted(self, block: Element) -> Element:
        """OLD's paragraph or table, deleted whole."""
        el = deepcopy(block)
        _strip(el, fields=True)
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
                for run in [r for r in p.iter(w("r")) if any(local(c) in _FIELD for c in r)]:
                    run.tag = w("fieldrun")  # hidden from wrapping, restored below
            _wrap_runs(p, tag, self.marks)
            for run in p.iter(w("fieldrun")):
                run.tag = w("r")
            _mark_paragraph(p, self.marks.new(tag))
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
        matcher = SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new], autojunk=False)
        out: list[Element] = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
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
        return out

    def paragraph(self, old: Element, new: Element) -> list[Element]:
        """One changed paragraph: word-level revisions, or deleted and inserted whole."""
        before, after = _flatten(old), _flatten(new)
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
            _ppr(p).append(change)
        p.extend(deepcopy(x) for x in lead)
        matcher = SequenceMatcher(None, [a.key for a in old_atoms], [a.key for a in new_atoms], autojunk=False)
        ops = _coalesce(matcher.get_opcodes()) if matcher.ratio() >= 0.3 else [("replace", 0, len(old_atoms), 0, len(new_atoms))]
        for op, i1, i2, j1, j2 in ops:
            if op == "equal":
                p.extend(_runs(new_atoms[j1:j2], deleted=False))
                continue
            if i2 > i1:
                rev = self.marks.new("del")
                rev.extend(_runs(old_atoms[i1:i2], deleted=True))
                p.append(rev)
            if j2 > j1:
                rev = self.marks.new("ins")
                rev.extend(_runs(new_atoms[j1:j2], deleted=False))
                p.append(rev)
        p.extend(deepcopy(x) for x in tail)
        return [p]

    def table(self, old: Element, new: Element) -> Element:
        """A table both sides have: rows aligned by text, changed rows merged cell by cell."""
        out = etree.Element(w("tbl"))
        out.extend(deepcopy(c) for c in new if local(c) != "tr")
        old_rows, new_rows = old.findall(w("tr")), new.findall(w("tr"))
        matcher = SequenceMatcher(None, [text_of(r) for r in old_rows], [text_of(r) for r in new_rows], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
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


Opcode = tuple[str, int, int, int, int]


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


def _key(block: Element) -> str:
    name = local(block)
    if name == "p":
        style = block.find(f"{w('pPr')}/{w('pStyle')}")
        return f"p|{style.get(w('val')) if style is not None else ''}|{text_of(block)}"
    if name == "tbl":
        cols = len(block.findall(_GRID_COLS))
        return f"tbl|{cols}|{text_of(block)}"
    return f"{name}|{text_of(block)}"


def _compatible(a: Element, b: Element) -> bool:
    """Whether two blocks (or rows) can be merged rather than deleted and inserted."""
    if local(a) != local(b):
        return False
    if local(a) == "tr":
        return len(a.findall(w("tc"))) == len(b.findall(w("tc")))
    if local(a) == "tbl":
        return _key(a).split("|")[1] == _key(b).split("|")[1]
    return local(a) == "p"


def _similar(a: Element, b: Element) -> bool:
    """At least half the words in common, in order."""
    matcher = SequenceMatcher(None, _TOKEN.findall(text_of(a)), _TOKEN.findall(text_of(b)), autojunk=False)
    return matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5


def _pair_range(old: list[Element], new: list[Element]) -> list[tuple[Element | None, Element | None]]:
    """Pairs for a replaced stretch: one to one when the shapes agree, else by similarity."""
    if len(old) == len(new) and all(_compatible(a, b) for a, b in zip(old, new, strict=True)):
        return list(zip(old, new, strict=True))
    out: list[tuple[Element | None, Element | None]] = []
    i = 0
    pending: list[Element] = []
    for b in new:
        k = next((k for k in range(i, len(old)) if _compatible(old[k], b) and _similar(old[k], b)), None)
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
