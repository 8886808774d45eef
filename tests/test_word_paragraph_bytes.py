"""Paragraphs written as bytes (ropa/render/word/paragraphs.py) are the bytes lxml writes for the element.

The streamed Word register writes table rows and body paragraphs from :meth:`Para.xml` instead of
building lxml elements; the whole-tree path (``render(stream=False)``) builds the elements. A reader
must never see a difference: every text, style and line break gives the same bytes both ways.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ropa.render.word.markup import NOT_PLAIN
from ropa.render.word.ooxml import Body, TableSpec, bookmarked_xml, hyperlink, linked_para, parse
from ropa.render.word.paragraphs import Para, Run, W, para, prefixed, run, text_paras, xml_para

_HOLDER = f'<w:body xmlns:w="{W}"/>'
#: Text as registers hold it: letters of several scripts, spaces of several kinds, markup characters, line breaks, tabs.
_TEXT = st.text(
    alphabet=st.sampled_from(list("aZé€中 \u00a0\u2003\t\n\r&<>\"'—;:.")) | st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    max_size=12,
)
_STYLES = st.sampled_from([None, "TableText", "Quote", "NotStated", "Strong"])


def _in_document(el: object) -> str:
    """How lxml serialises ``el`` inside a document that declares ``w``: the reference for every byte."""
    holder = etree.fromstring(_HOLDER)
    holder.append(el)
    xml: str = etree.tostring(holder, encoding="unicode")
    return xml[xml.index(">") + 1 : -len("</w:body>")]


def _both(content: object, style: str | None, keep_next: bool) -> tuple[str | None, str]:
    written = para(content, style, keep_next=keep_next)  # type: ignore[arg-type]
    built = para(content, style, keep_next=keep_next)  # type: ignore[arg-type]
    assert isinstance(written, Para)
    return written.xml(), _in_document(built.element())


@given(_TEXT, _STYLES, st.booleans())
def test_a_text_paragraph_is_written_as_lxml_writes_it(text: str, style: str | None, keep_next: bool) -> None:
    written, reference = _both(text, style, keep_next)
    assert written == reference


@given(st.lists(st.tuples(_TEXT, _STYLES, st.booleans()), max_size=4), _STYLES)
def test_runs_of_styled_text_are_written_as_lxml_writes_them(items: list[tuple[str, str | None, bool]], style: str | None) -> None:
    content = [Run(text, run_style) if styled else text for text, run_style, styled in items]
    written, reference = _both(content, style, False)
    assert written == reference


@pytest.mark.parametrize(
    "text",
    ["", " leading", "trailing\u00a0", "a & b < c > d", "line one\nline two", "\ttab first", "a\r\nb\rc", "\n", "x\n\ny", "emoji 😀"],
)
def test_the_awkward_texts_are_written_as_lxml_writes_them(text: str) -> None:
    for style in (None, "TableText"):
        written, reference = _both([Run(text, "Strong"), text], style, True)
        assert written == reference


def test_text_lxml_refuses_is_refused_as_before() -> None:
    """A control character: no bytes are made up for it, and building the element raises lxml's own error."""
    p = para("bell \x07", "TableText")
    assert p.xml() is None
    with pytest.raises(ValueError, match="XML compatible"):
        p.element()


def test_a_paragraph_changed_as_an_element_is_written_with_the_change() -> None:
    p = para("Marketing", "TableText")
    p.insert(1, run("1. "))  # what numbered items do
    assert isinstance(p, Para)
    assert p.xml() is None  # written from its element from now on
    assert "<w:t>1. </w:t>" not in _in_document(p.element())  # a trailing space keeps xml:space
    assert '<w:t xml:space="preserve">1. </w:t></w:r><w:r><w:t>Marketing</w:t>' in _in_document(p.element())


class _Sink:
    """A streamed body reduced to what a table needs: it takes every table's rows and keeps them."""

    def __init__(self) -> None:
        self.rows: list[str] = []
        self.written: list[str] = []

    def takes_rows(self, table: object) -> bool:
        return True

    def write_row(self, xml: str) -> None:
        self.rows.append(xml)

    def write_xml(self, xml: str) -> bool:
        self.written.append(xml)
        return True

    def element_xml(self, el: object) -> str:
        return _in_document(el)

    def open_table(self, table: object, xml: str) -> bool:
        return self.write_xml(xml)


def _cells() -> list[list[object]]:
    """A label cell, and a value cell of a paragraph of text and one built as an element."""
    return [
        [para([Run("Purposes"), Run("\nArt. 30(1)(b)", "ArticleRef")], "TableLabel")],
        [para("Send the newsletter & more", "TableText"), parse("<w:p><w:r><w:t>built</w:t></w:r></w:p>")],
    ]


def test_a_row_written_as_bytes_is_the_row_lxml_writes() -> None:
    spec = TableSpec((2835, 6577), style="RegisterTable", label_column=True)
    body = Body(etree.fromstring(_HOLDER))
    table = spec.new(body, ["Point", "Entry"])
    spec.row(table, _cells())  # no streamed body: rows go into the table as elements
    spec.row(table, [[], []])
    spec.span_row(table, [para("A group", "TableLabel")])
    reference = [_in_document(tr) for tr in table.iterfind(f"{{{W}}}tr")][1:]

    sink = _Sink()
    body.rows = sink
    spec.row(table, _cells())
    spec.row(table, [[], []])
    spec.span_row(table, [para("A group", "TableLabel")])
    assert sink.rows == reference
    assert "&amp; more" in sink.rows[0]


def test_a_paragraph_is_placed_once() -> None:
    spec = TableSpec((1000, 1000), style="RegisterTable")
    body = Body(etree.fromstring(_HOLDER))
    table = spec.new(body)
    body.rows = _Sink()
    shared = para("twice", "TableText")
    spec.row(table, [[shared], []])
    with pytest.raises(ValueError, match="already placed"):
        spec.row(table, [[shared], []])
    with pytest.raises(AssertionError, match="after it was written"):
        shared.insert(0, run("late"))  # a change that would never reach the document


def test_a_table_start_written_as_bytes_is_the_start_lxml_writes() -> None:
    """Start tag, properties, grid and header row: the table as an element, less its end tag."""
    spec = TableSpec((2835, 6577), style="RegisterTable", label_column=True)
    header = ["Point", "Entry & <more>"]
    reference = _in_document(spec.new(Body(etree.fromstring(_HOLDER)), header))
    body = Body(etree.fromstring(_HOLDER))
    sink = _Sink()
    body.rows = sink
    table = spec.new(body, header)
    assert sink.written == [reference.removesuffix("</w:tbl>")]
    spec.row(table, _cells())  # its rows follow as bytes
    assert len(sink.rows) == 1


@pytest.mark.parametrize("new_page", [False, True])
@pytest.mark.parametrize(("number", "title"), [("3.2", "Newsletter & <more>"), ("", " Annex A – Recipients ")])
def test_a_heading_written_as_bytes_is_the_heading_lxml_writes(new_page: bool, number: str, title: str) -> None:
    """Bookmarked (the target of the contents' hyperlink), with the page break before it where asked."""
    holder = etree.fromstring(_HOLDER)
    built = Body(holder)
    built.heading(2, number, title, "Heading2", new_page=new_page)
    written = Body(etree.fromstring(_HOLDER))
    sink = _Sink()
    written.rows = sink
    written.heading(2, number, title, "Heading2", new_page=new_page)
    assert sink.written == [_in_document(holder[-1])]
    assert written.outline == built.outline
    assert ("<w:pageBreakBefore/>" in sink.written[0]) is new_page


def test_a_bookmark_name_is_written_only_when_nothing_in_it_needs_escaping() -> None:
    xml = para("Title", "Heading1").xml()
    assert xml is not None
    assert bookmarked_xml(xml, "_Toc00000001", 1).count("_Toc00000001") == 1
    with pytest.raises(ValueError, match="plain name"):
        bookmarked_xml(xml, 'a"b', 1)


@given(st.lists(st.tuples(_TEXT, _STYLES, st.booleans()), max_size=4), _STYLES, st.booleans())
def test_a_paragraph_made_as_its_bytes_is_the_paragraph_lxml_writes(
    items: list[tuple[str, str | None, bool]], style: str | None, keep_next: bool
) -> None:
    """``xml_para`` (and ``text_paras`` for one text) give at once the bytes of the element ``para`` builds."""
    content = [Run(text, run_style) if styled else text for text, run_style, styled in items]
    made = xml_para(content, style, keep_next=keep_next)
    built = para(content, style, keep_next=keep_next)
    assert isinstance(built, Para)
    assert made == _in_document(built.element())
    for text, _, _ in items:
        assert text_paras(style, keep_next=keep_next)(text) == _in_document(para(text, style, keep_next=keep_next).element())


def test_text_lxml_refuses_is_still_refused_from_a_paragraph_made_as_bytes() -> None:
    p = xml_para("bell \x07", "TableText")
    assert isinstance(p, Para)
    with pytest.raises(ValueError, match="XML compatible"):
        p.element()


@pytest.mark.parametrize("style", [None, "TableItem"])
@pytest.mark.parametrize("text", ["Marketing", " spaced ", "a & b\nc", ""])
def test_a_prefix_on_a_paragraph_as_bytes_is_the_prefix_lxml_writes(text: str, style: str | None) -> None:
    """What numbered items and labelled mechanisms do: the bytes, the content and the element give the same paragraph."""
    items = ("2. ", Run("Mechanism: ", "Note"))
    as_bytes = prefixed(xml_para(text, "TableText"), items, style)
    as_content = prefixed(para(text, "TableText"), items, style)
    built = para(text, "TableText")
    as_element = prefixed(built.element(), items, style)
    reference = _in_document(as_element)
    assert isinstance(as_bytes, str)
    assert as_bytes == reference
    assert isinstance(as_content, Para)
    assert as_content.xml() == reference
    assert '<w:t xml:space="preserve">2. </w:t>' in reference
    assert ('w:val="TableItem"' in reference) is (style is not None)


def test_a_paragraph_as_bytes_goes_into_any_number_of_rows_and_into_a_built_table() -> None:
    """Bytes are written as they are, and parsed into the element where the table is built (the title page, stream=False)."""
    shared = xml_para("Not stated", "TableText")
    spec = TableSpec((2835, 6577), style="RegisterTable", label_column=True)
    body = Body(etree.fromstring(_HOLDER))
    table = spec.new(body)
    spec.row(table, [[shared], [shared, para("value", "TableText")]])
    reference = _in_document(table[-1])
    sink = _Sink()
    body.rows = sink
    spec.row(table, [[shared], [shared, para("value", "TableText")]])
    spec.row(table, [[shared], [shared, xml_para("value", "TableText")]])
    assert sink.rows == [reference, reference]
    assert reference.count("Not stated") == 2


@given(_TEXT)
def test_a_contents_entry_parsed_from_its_bytes_is_the_entry_built(text: str) -> None:
    """The contents' hyperlinked entries: the same paragraph as built from a hyperlink element, whatever the heading."""
    entry = linked_para("_Toc00000003", f"3.1\t{text}", "TOC2")
    assert _in_document(entry) == _in_document(para([hyperlink("_Toc00000003", [f"3.1\t{text}"])], "TOC2"))


def test_a_printable_text_without_markup_characters_is_plain() -> None:
    """The quick test before the pattern: every character the pattern finds is "&", "<", ">" or not printable."""
    found = [c for c in map(chr, range(0x110000)) if NOT_PLAIN.match(c) and c.isprintable() and c not in "&<>"]
    assert found == []
    assert xml_para("a\u00a0b", "TableText") == _in_document(para("a\u00a0b", "TableText").element())  # not printable, still plain
