"""WordprocessingML ids: every bookmark, comment and tracked change has its own id in its document.

Word repairs (or silently drops bookmarks from) a document where two annotations share an id;
the Open XML SDK and openxml-audit report it. Checked on every .docx that ``ropa build`` writes,
the CM redline included, with lxml only.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from tests.outputs import CM_REPORT, shipped_outputs, xml_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Annotations that open with an id of their own (ECMA-376 Part 1, 17.13): a bookmark's and a
#: comment range's end, and a comment's reference, repeat their start's id instead.
OPENING = [
    "bookmarkStart",
    "commentRangeStart",
    "permStart",
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "moveFromRangeStart",
    "moveToRangeStart",
    "customXmlInsRangeStart",
    "customXmlDelRangeStart",
    "customXmlMoveFromRangeStart",
    "customXmlMoveToRangeStart",
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "tblPrExChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
]
CLOSING = {"bookmarkEnd": "bookmarkStart", "commentRangeEnd": "commentRangeStart", "permEnd": "permStart"}


def documents() -> dict[str, bytes]:
    return {name: blob for name, blob in shipped_outputs().items() if name.endswith(".docx")}


def annotation_ids(package: bytes) -> tuple[list[str], dict[str, list[str]]]:
    """(ids of the opening annotations, closing tag -> its ids) over the document's story parts."""
    opening: list[str] = []
    closing: dict[str, list[str]] = {tag: [] for tag in CLOSING}
    for name, blob in xml_parts(package).items():
        if not name.startswith("word/") or name.endswith(".rels"):
            continue
        root = etree.fromstring(blob)
        opening += [el.get(f"{W}id", "") for el in root.iter(*(W + t for t in OPENING))]
        for tag in CLOSING:
            closing[tag] += [el.get(f"{W}id", "") for el in root.iter(W + tag)]
    return opening, closing


def test_the_redline_is_among_the_documents_checked() -> None:
    assert len(documents()) == 6  # five registers and the CM redline
    opening, _ = annotation_ids(documents()[f"{CM_REPORT}.docx"])
    assert len(opening) > 100  # bookmarks of the table of contents and the tracked changes


def test_annotation_ids_are_unique() -> None:
    problems: dict[str, list[str]] = {}
    for name, package in documents().items():
        opening, _ = annotation_ids(package)
        assert opening, f"{name}: no bookmark at all, yet the table of contents links to bookmarks"
        assert all(i.isdigit() for i in opening), f"{name}: {opening}"
        repeated = sorted((i for i, n in Counter(opening).items() if n > 1), key=int)
        if repeated:
            problems[name] = repeated
    assert not problems, f"ids used by more than one annotation: {problems}"


def test_every_end_closes_one_start() -> None:
    problems: list[str] = []
    for name, package in documents().items():
        opening, closing = annotation_ids(package)
        for tag, ids in closing.items():
            repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
            if repeated:
                problems.append(f"{name}: {tag} ids repeated: {repeated}")
            if not set(ids) <= set(opening):
                problems.append(f"{name}: {tag} without a {CLOSING[tag]}: {sorted(set(ids) - set(opening))}")
    assert not problems, problems
