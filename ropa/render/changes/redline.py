"""``ropa diff --docx``: the NEW register's Word document with every difference from OLD tracked.

Both registers are rendered by the Word renderer (:mod:`ropa.render.word`), exactly as ``ropa
build`` renders them; :mod:`ropa.render.changes.revisions` merges OLD's body into NEW's as insertions and
deletions by one author (``--author``, else git's user.name, else "ropa"; the summary names the same one), dated the NEW register's date; the one-page summary of
:mod:`ropa.render.changes.summary` goes first. Accepting every revision gives NEW's document, rejecting
every revision gives OLD's content. Headers, footers and properties are NEW's. Revision tracking
is switched on, so a reviewer's own edits are tracked too.

Both bodies are read block by block into spools (:mod:`ropa.render.changes.scan`) and merged from
there (:mod:`ropa.render.changes.streamed`), so the memory is that of the largest changed block,
not of two whole documents; a body holding more than blocks is merged as two trees
(:func:`merge_trees`). Both ways write the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from typing import IO

from lxml import etree

from ropa.diff.model import Report
from ropa.render.changes.package import w3c_datetime, write_package
from ropa.render.changes.revisions import Element, Marks, Merger, local, w
from ropa.render.changes.scan import Irregular, Scan, scan
from ropa.render.changes.streamed import LateMarks, Output, TopLevel, merge_body, write_blocks
from ropa.render.changes.summary import summary
from ropa.render.context import RenderInput
from ropa.validate import Outcome

AUTHOR = "ropa"
_DOCUMENT, _SETTINGS = "word/document.xml", "word/settings.xml"

# CT_Settings is a sequence: w:trackRevisions must come before these (ECMA-376 Part 1, 17.15.1.78).
_AFTER_TRACK_NAMES = (
    "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet "
    "defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope "
    "summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
    "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly "
    "useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults "
    "footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
)
_AFTER_TRACK = frozenset(_AFTER_TRACK_NAMES.split())


def render_document(outcome: Outcome, lang: str) -> bytes:
    """The Word register of one side, as ``ropa build`` renders it, in the report's language."""
    from ropa.render.word import render  # noqa: PLC0415 - python-docx loads only for --docx

    return render(RenderInput.from_outcome(outcome, lang))


def _part(package: bytes, name: str) -> Element:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return etree.fromstring(z.read(name))


def _track_revisions(settings: Element) -> None:
    if settings.find(w("trackRevisions")) is not None:
        return
    track = etree.Element(w("trackRevisions"))
    later = next((c for c in settings if local(c) in _AFTER_TRACK), None)
    if later is not None:
        later.addprevious(track)
    else:
        settings.append(track)


def _max_id(root: Element) -> int:
    ids = [int(v) for el in root.iter() if (v := el.get(w("id"))) is not None and v.isdigit()]
    return max(ids, default=0)


def _summary_section(last: Element | None) -> Element | None:
    """The register's page set-up (its first ``w:sectPr``) without its headers, footers and title-page
    flag: the summary's section."""
    if last is None:
        return None
    section = deepcopy(last)
    for child in list(section):
        if local(child) in ("headerReference", "footerReference", "titlePg", "type"):
            section.remove(child)
    kind = etree.Element(w("type"))
    kind.set(w("val"), "nextPage")
    section.insert(0, kind)
    return section


def _keep_only_section(body: Element) -> None:
    """Empty the body but for its section properties (``w:sectPr``, the last child).

    lxml frees a removed element at once unless Python still holds it; one it must keep costs
    time in the size of the document (namespaces fixed), so removing the blocks of a 1,000-activity
    document one by one took minutes. The caller lets go of its blocks first.
    """
    sections = body.findall(w("sectPr"))
    body.clear(keep_tail=True)
    body.extend(sections)


def merge_documents(old_package: bytes, new_package: bytes, report: Report, *, author: str = AUTHOR) -> bytes:
    """NEW's package with OLD's differences tracked (by ``author``) in its body and the summary page first.

    Both bodies are read block by block (:mod:`ropa.render.changes.scan`) and merged from there
    (:mod:`ropa.render.changes.streamed`); a body that holds more than blocks is merged as a tree,
    to the same bytes.
    """
    try:
        old = scan(old_package, _DOCUMENT, count_ids=False)
    except Irregular:
        return merge_trees(old_package, new_package, report, author=author)
    with old.spool:
        try:
            new = scan(new_package, _DOCUMENT)
        except Irregular:
            return merge_trees(old_package, new_package, report, author=author)
        with new.spool:
            return _merge_scans(old, new, new_package, report, author)


def _merge_scans(old: Scan, new: Scan, new_package: bytes, report: Report, author: str) -> bytes:
    """The redline from two scanned bodies: summary, merged blocks, NEW's section, written into NEW's package."""
    date = w3c_datetime(report.new.date)
    marks, late, out = Marks(author, date, new.top_id + 2), LateMarks(author, date), Output(new.context)
    with out.spool:
        section = new.context.parse(new.sections[0]) if new.sections else None
        first = summary(report, _summary_section(section), author=author)
        for bm in first[-1].iter(w("bookmarkStart"), w("bookmarkEnd")):
            bm.set(w("id"), str(new.top_id + 1))
        write_blocks(out, first)
        merge_body(old, new, Merger(marks), TopLevel(out, new.context, late))
        for xml in new.sections:
            out.write(xml)
        late.number(marks.next_id)
        head, tail = new.context.document_ends()

        def document(dest: IO[bytes]) -> None:
            dest.write(head)
            out.write_to(dest, new.context)
            dest.write(tail)

        settings = _part(new_package, _SETTINGS)
        _track_revisions(settings)
        parts = {_SETTINGS: etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)}
        return write_package(new_package, parts, report.new.date, (_DOCUMENT, document))


def merge_trees(old_package: bytes, new_package: bytes, report: Report, *, author: str = AUTHOR) -> bytes:
    """:func:`merge_documents` with both bodies parsed whole: for a body that holds more than blocks."""
    old_root, new_root = _part(old_package, _DOCUMENT), _part(new_package, _DOCUMENT)
    old_body, new_body = old_root.find(w("body")), new_root.find(w("body"))
    # Ids above NEW's own (counted before its body is emptied): the summary's bookmark, then the revisions.
    top = _max_id(new_root)
    marks = Marks(author, w3c_datetime(report.new.date), top + 2)
    old_blocks = [c for c in old_body if local(c) != "sectPr"]
    new_blocks = [c for c in new_body if local(c) != "sectPr"]
    merged = Merger(marks).blocks(old_blocks, new_blocks)
    del old_blocks, new_blocks  # held blocks would make emptying the body quadratic
    _keep_only_section(new_body)
    first = summary(report, _summary_section(new_body.find(w("sectPr"))), author=author)
    for bm in first[-1].iter(w("bookmarkStart"), w("bookmarkEnd")):
        bm.set(w("id"), str(top + 1))
    new_body[:0] = [*first, *merged]
    settings = _part(new_package, _SETTINGS)
    _track_revisions(settings)
    parts = {
        _DOCUMENT: etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True),
        _SETTINGS: etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True),
    }
    return write_package(new_package, parts, report.new.date)


def render_redline(report: Report, old: Outcome, new: Outcome, *, author: str = AUTHOR) -> bytes:
    """The redline .docx for ``report``: NEW's Word register, OLD's differences tracked by ``author``."""
    return merge_documents(render_document(old, report.lang), render_document(new, report.lang), report, author=author)
