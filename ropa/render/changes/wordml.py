"""WordprocessingML pieces for tracked changes: text of an element, revision marks, a paragraph
as words with their run properties, and whole runs or paragraphs marked inserted or deleted."""

from __future__ import annotations

import itertools
import re
from copy import deepcopy
from typing import Any, NamedTuple

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = Any

TOKEN = re.compile(r"\S+|\s+")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ANCHORS = {"bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd"}
_RUN_ATOMS = {"tab", "br", "cr", "noBreakHyphen", "softHyphen"}
FIELD = {"fldChar", "instrText", "delInstrText"}
GRID_COLS = f"{{{W}}}tblGrid/{{{W}}}gridCol"
_TEXT_TAGS = tuple(f"{{{W}}}{tag}" for tag in ("t", "tab", "br", "cr"))
#: Tags seen, without their namespace (a document uses a few dozen).
_NAMES: dict[Any, str] = {}
_T, _TAB, _TYPE, _RPR, _R, _DEL_TEXT = (f"{{{W}}}{tag}" for tag in ("t", "tab", "type", "rPr", "r", "delText"))


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(el: Element) -> str:
    """The tag without its namespace (empty for comments and processing instructions)."""
    tag = el.tag
    name = _NAMES.get(tag)
    if name is None:
        name = _NAMES[tag] = tag.rpartition("}")[2] if isinstance(tag, str) else ""
    return name


def text_of(el: Element) -> str:
    """The text a reader sees: ``w:t`` text, tabs and breaks (deleted text and field codes left out)."""
    out = []
    for node in el.iter(_TEXT_TAGS):
        tag = node.tag
        if tag == _T:
            out.append(node.text or "")
        elif tag == _TAB:
            if local(node.getparent()) == "r":
                out.append("\t")
        else:
            out.append("\f" if node.get(_TYPE) == "page" else "\n")
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

    @property
    def next_id(self) -> int:
        """The id the next mark gets."""
        return self._next


class Atom(NamedTuple):
    """A word, a space, a tab or a break, with the run properties it had (a tuple: a paragraph holds many)."""

    key: str
    rpr: bytes
    payload: Element  # None for a word or a space (the text is ``key``); the tab or break element


def flatten(p: Element) -> tuple[list[Element], list[Atom], list[Element]] | None:
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
        rpr_el = child.find(_RPR)
        rpr = etree.tostring(rpr_el) if rpr_el is not None else b""
        for part in child:
            kind = local(part)
            if kind == "t":
                atoms.extend(Atom(token, rpr, None) for token in TOKEN.findall(part.text or ""))
            elif kind in _RUN_ATOMS:
                atoms.append(Atom(text_of(part) if kind != "tab" else "\t", rpr, part))
            elif kind not in ("rPr", "lastRenderedPageBreak"):
                return None
    return lead, atoms, tail


def runs(atoms: list[Atom], *, deleted: bool) -> list[Element]:
    """Runs holding ``atoms``, one per stretch of equal run properties; the words and spaces of a stretch in one text."""
    out: list[Element] = []
    tag = _DEL_TEXT if deleted else _T
    for rpr, group in itertools.groupby(atoms, key=_rpr):
        run = etree.Element(_R)
        if rpr:
            run.append(etree.fromstring(rpr))
        out.append(run)
        for is_text, stretch in itertools.groupby(group, key=_is_text):
            if is_text:
                t = etree.SubElement(run, tag)
                t.text = "".join(atom.key for atom in stretch)
                t.set(_XML_SPACE, "preserve")
            else:
                run.extend(deepcopy(atom.payload) for atom in stretch)
    return out


def _rpr(atom: Atom) -> bytes:
    """The run properties an atom had, serialised: atoms with equal ones share a run."""
    return atom.rpr


def _is_text(atom: Atom) -> bool:
    """A word or a space (a tab or a break is an element of its own)."""
    return atom.payload is None


def ppr_of(p: Element) -> Element:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    return ppr


def mark_paragraph(p: Element, mark: Element) -> None:
    """Mark the paragraph mark of ``p`` inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
    ppr = ppr_of(p)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        later = [c for c in ppr if local(c) in ("sectPr", "pPrChange")]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)


def wrap_runs(container: Element, tag: str, marks: Marks) -> None:
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


def strip(el: Element, *, fields: bool) -> None:
    """Drop bookmarks (and, for OLD's content, the runs of field characters) from a copy."""
    for node in list(el.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        node.getparent().remove(node)
    if fields:
        for run in list(el.iter(w("r"))):
            if any(local(c) in FIELD for c in run):
                run.getparent().remove(run)


# --- keeping neighbouring insertions apart ---------------------------------------------------
#
# LibreOffice joins an insertion that ends a paragraph with an insertion that starts the next
# one (same author and date) into one range, paragraph break included: rejecting it then joins
# the two paragraphs. Word does not. So a paragraph whose own mark is not tracked must not end
# with an insertion when the next paragraph starts with one: the trailing insertion is moved in
# front of a deletion, or takes the last kept word with it (deleted and re-inserted).


def _content(p: Element) -> list[Element]:
    return [c for c in p if local(c) not in ("pPr", *_ANCHORS)]


def _mark_of(p: Element) -> str:
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    found = [local(c) for c in rpr if local(c) in ("ins", "del")] if rpr is not None else []
    return found[0] if found else ""


def starts_with_insertion(block: Element) -> bool:
    """Whether ``block`` is a paragraph whose mark is inserted or whose content starts with an insertion."""
    if local(block) != "p":
        return False
    content = _content(block)
    return _mark_of(block) == "ins" or bool(content and local(content[0]) == "ins")


def _take_last_word(run: Element) -> Element | None:
    """Remove the last word (or tab, or break) of ``run`` and return it as an element."""
    last = run[-1] if len(run) else None
    if last is None or local(last) == "rPr":
        return None
    if local(last) != "t":
        run.remove(last)
        return last
    tokens = TOKEN.findall(last.text or "")
    if not tokens:
        return None
    last.text = "".join(tokens[:-1])
    if not last.text:
        run.remove(last)
    t = etree.Element(w("t"))
    t.text = tokens[-1]
    t.set(_XML_SPACE, "preserve")
    return t


def _unjoin(p: Element, marks: Marks) -> None:
    content = _content(p)
    ins = content[-1]
    before = content[-2] if len(content) > 1 else None
    if before is not None and local(before) == "del":
        before.addprevious(ins)  # [del][ins] -> [ins][del]: the paragraph now ends with a deletion
        return
    if before is None or local(before) != "r":
        return
    word = _take_last_word(before)
    if word is None:
        return
    rpr = before.find(w("rPr"))
    kept, gone = etree.Element(w("r")), etree.Element(w("r"))
    for run, piece in ((kept, deepcopy(word)), (gone, deepcopy(word))):
        if rpr is not None:
            run.append(deepcopy(rpr))
        run.append(piece)
    if local(word) == "t":
        gone[-1].tag = w("delText")
    ins.insert(0, kept)
    deletion = marks.new("del")
    deletion.append(gone)
    ins.addnext(deletion)
    if not [c for c in before if local(c) != "rPr"]:
        p.remove(before)


def unjoin_candidate(p: Element) -> bool:
    """Whether ``p`` is a paragraph, its mark not tracked, that ends with an insertion."""
    if local(p) != "p" or _mark_of(p):
        return False
    content = _content(p)
    return bool(content) and local(content[-1]) == "ins"


def separate(p: Element, following_starts_with_insertion: bool, marks: Marks) -> None:
    """Keep the insertion ending ``p`` apart from one starting the block after it."""
    if following_starts_with_insertion and unjoin_candidate(p):
        _unjoin(p, marks)


def separate_insertions(blocks: list[Element], marks: Marks) -> None:
    """Make sure no paragraph ends with an insertion that touches one starting the next block."""
    for p, following in itertools.pairwise(blocks):
        if local(p) == "p" and not _mark_of(p) and starts_with_insertion(following):
            separate(p, True, marks)
