"""Sources in other formats than plain text: a saved web page (.html) and a Word document (.docx).

Quotes are checked the same way in each: what matters is the text a person reads in the document.
A document that cannot be read is a finding at its `file:` line, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ropa.build import build_outputs
from ropa.checks.evidence import read_source
from ropa.cli import main
from ropa.loading import docx_text
from ropa.loading.extract import text_of
from ropa.loading.sources import MAX_BYTES
from ropa.validate import validate_file
from tests.conftest import MINIMAL, findings_of, minimal_data, write_variant

MECHANISM = (
    "warning[transfer-mechanism-not-stated] activities[0].transfers[0].mechanism: "
    "transfer to US: the source states no transfer mechanism (Art. 44-49)"
)
POLICY = (MINIMAL / "policy.txt").read_text(encoding="utf-8")
EXAMPLE = Path(__file__).parent / "examples" / "valid" / "sources" / "register.yaml"


def _with_source(tmp_path: Path, name: str, content: bytes, quotes: dict[str, str] | None = None) -> set[str]:
    """The minimal register with a second source ``name`` holding ``content``; quotes of it placed on the controller's name."""
    data: dict[str, Any] = minimal_data()
    data["sources"].append({"id": "memo", "file": name, "title": "Internal memo", "language": "en", "date": {"not_stated": True}})
    data["controller"]["name"]["evidence"] = [{"quote": q, "source": "memo"} for q in (quotes or {"Example AB": ""})]
    (tmp_path / name).write_bytes(content)
    return findings_of(write_variant(tmp_path, data)) - {MECHANISM}


# --- HTML ------------------------------------------------------------------------------------------

_PAGE = b"""<!DOCTYPE html>
<html><head><title>Title not shown</title><meta charset="utf-8">
<style>p { color: red } .hidden-word { }</style>
<script>var secret = "Script text is never a quote";</script></head>
<body><nav>Home</nav><h1>Privacy policy</h1>
<p>We keep invoices for <b>seven</b> years &amp; delete them&nbsp;then.</p><p>Second paragraph</p>
<ul><li>First item</li><li>Second item</li></ul>
<table><tr><td>Cell one</td><td>Cell two</td></tr></table>
Line one<br>Line two &#8211; &eacute;t&eacute; &#x201C;quoted&#x201D;
<template>Template text</template><noscript>Enable JavaScript</noscript>
</body></html>"""


def test_the_visible_text_of_a_page() -> None:
    """No head, script, style or template; entities decoded; blocks end lines, inline elements do not."""
    text = text_of("policy.html", _PAGE)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == [
        "Home",
        "Privacy policy",
        "We keep invoices for seven years & delete them\u00a0then.",
        "Second paragraph",
        "First item",
        "Second item",
        "Cell one",
        "Cell two",
        "Line one",
        "Line two – été “quoted”",
    ]


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("We keep invoices for seven years & delete them then.", True),
        ('Line two - été "quoted"', True),  # typed dash and quotes fold in matching
        ("Script text is never a quote", False),
        ("Title not shown", False),
        ("paragraphSecond", False),  # blocks do not run together
        ("Cell one Cell two", True),  # cells are separate lines: white space between them
    ],
)
def test_quotes_of_a_web_page(tmp_path: Path, quote: str, found: bool) -> None:
    findings = _with_source(tmp_path, "policy.html", _PAGE, {quote: ""})
    missing = {f for f in findings if f.startswith("error[quote-not-found] controller.name")}
    assert (not missing) is found, missing


def test_a_page_in_the_charset_it_declares(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><p>Personuppgifter för medlemmar</p>'
    )
    assert text_of("a.htm", page.encode("cp1252")).strip() == "Personuppgifter för medlemmar"
    assert text_of("a.htm", b'<meta charset="iso-8859-1"><p>\x93quoted\x94</p>').strip() == "“quoted”"  # as a browser reads it
    assert text_of("a.htm", b"\xef\xbb\xbf<p>caf\xc3\xa9</p>").strip() == "café"


def test_a_page_that_cannot_be_decoded_is_a_finding(tmp_path: Path) -> None:
    assert _with_source(tmp_path, "page.html", b"<p>caf\xe9</p>") == {
        "error[source-missing] sources[1].file: source file `page.html` is not valid utf-8 (the character set the page declares, or UTF-8)"
    }
    assert _with_source(tmp_path, "page.html", b'<meta charset="klingon"><p>x</p>') == {
        "error[source-missing] sources[1].file: source file `page.html` declares the unknown character set `klingon`"
    }


def test_entities_do_not_expand_and_nothing_is_fetched(tmp_path: Path) -> None:
    """A DOCTYPE with entity definitions is inert text to the HTML parser: no expansion, no external file read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET CONTENT", encoding="utf-8")
    page = (
        f'<!DOCTYPE html [<!ENTITY x "{"a" * 100}"><!ENTITY y SYSTEM "file://{secret}">]>'
        '<p>Example AB &x;&x;&y;</p><img src="http://127.0.0.1:9/x.png"><iframe src="http://127.0.0.1:9/"></iframe>'
    ).encode()
    text = text_of("page.html", page)
    assert "SECRET" not in text
    assert "aaaa" not in text
    assert "Example AB &x;&x;&y;" in text


# --- Word ------------------------------------------------------------------------------------------


def _memo() -> bytes:
    """A memo as an IT lead writes one: a header, paragraphs, a table, a footer."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Example AB internal memo"
    document.sections[0].footer.paragraphs[0].text = "Page footer: confidential"
    document.add_heading("Where our servers are", level=1)
    document.add_paragraph("Our servers are in Frankfurt; ").add_run("backups go to Stockholm.").bold = True
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["System", "Location"], ["Member database", "Own servers in Frankfurt"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("After the table: sub\u00adprocessors are listed in the DPA.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_text_of_a_word_document() -> None:
    """Paragraphs and table cells in document order, then the header and footer; runs of one paragraph joined."""
    assert text_of("memo.docx", _memo()).splitlines() == [
        "Where our servers are",
        "Our servers are in Frankfurt; backups go to Stockholm.",
        "System",
        "Location",
        "Member database",
        "Own servers in Frankfurt",
        "After the table: sub\u00adprocessors are listed in the DPA.",
        "Example AB internal memo",
        "Page footer: confidential",
    ]


@pytest.mark.parametrize(
    "quote",
    [
        "Our servers are in Frankfurt; backups go to Stockholm.",
        "Member database Own servers in Frankfurt",
        "subprocessors are listed in the DPA",  # a soft hyphen is no character
        "Example AB internal memo",
    ],
)
def test_quotes_of_a_word_document(tmp_path: Path, quote: str) -> None:
    assert _with_source(tmp_path, "memo.docx", _memo(), {quote: ""}) == set()


def test_a_quote_missing_from_a_word_document_shows_its_closest_passage(tmp_path: Path) -> None:
    (found,) = _with_source(tmp_path, "memo.docx", _memo(), {"Our servers are in Berlin; backups go to Stockholm.": ""})
    assert found == (
        "error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `memo`: "
        '"Our servers are in Berlin; backups go to Stockholm."; closest passage: "Our servers are in Frankfurt; backups go to Stockholm."'
    )


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda: b"plain text, not a zip", "source file `memo.docx` is not a Word document (.docx): it is not a zip package"),
        (
            lambda: _zip({"hello.txt": b"hi"}),
            "source file `memo.docx` cannot be read as a Word document (.docx): There is no item named '[Content_Types].xml' in the archive",
        ),
        (
            lambda: _zip({f"p{i}.xml": b"" for i in range(10_001)}),
            "source file `memo.docx` has 10,001 parts; a Word document has far fewer (at most 10,000)",
        ),
    ],
    ids=["not-a-zip", "not-word", "too-many-parts"],
)
def test_a_word_document_that_cannot_be_read_is_a_finding(tmp_path: Path, content: Callable[[], bytes], message: str) -> None:
    assert _with_source(tmp_path, "memo.docx", content()) == {f"error[source-missing] sources[1].file: {message}"}


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sizes the zip directory declares are added up first (python-docx would unpack every part into memory)."""
    assert docx_text.MAX_UNPACKED == 8 * MAX_BYTES
    monkeypatch.setattr(docx_text, "MAX_UNPACKED", 1000)
    bomb = _zip({"word/document.xml": b"\0" * 1001})
    assert len(bomb) < 200
    assert _with_source(tmp_path, "memo.docx", bomb) == {
        "error[source-missing] sources[1].file: source file `memo.docx` would unpack to 1,001 bytes; the limit is 1,000"
    }


def test_a_broken_word_document_through_the_cli(tmp_path: Path) -> None:
    """`ropa validate` prints the finding at the source's `file:` line and exits 1, without a traceback."""
    _with_source(tmp_path, "memo.docx", _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}))
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "register.yaml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if "source-missing" in line]
    file_line = next(i for i, text in enumerate((tmp_path / "register.yaml").read_text().splitlines(), 1) if "memo.docx" in text)
    assert f"register.yaml:{file_line}:" in line
    assert "cannot be read as a Word document (.docx): " in line


def test_formats_not_read_say_what_to_do(tmp_path: Path) -> None:
    assert read_source(tmp_path, "policy.pdf")[1] == "source file `policy.pdf` does not exist next to the register"
    (tmp_path / "policy.pdf").write_bytes(b"%PDF-1.7")
    assert read_source(tmp_path, "policy.pdf") == (
        None,
        "source file `policy.pdf`: PDF sources are not read yet: save the document as text (.txt), a web page (.html) or Word (.docx)",
    )


def test_the_cache_keys_on_the_bytes_of_a_word_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached clean result is reused while the .docx is unchanged, and not once its text changes."""
    assert _with_source(tmp_path, "memo.docx", _memo(), {"Own servers in Frankfurt": ""}) == set()
    register = str(tmp_path / "register.yaml")
    runner = CliRunner()
    assert runner.invoke(main, ["validate", register]).exit_code == 0
    calls: list[str] = []

    def spy(file: str, data: bytes) -> str:
        calls.append(file)
        return ""

    monkeypatch.setattr(docx_text, "docx_text", spy)
    assert runner.invoke(main, ["validate", register]).exit_code == 0  # from the cache: the document is not read
    assert calls == []
    monkeypatch.undo()
    (tmp_path / "memo.docx").write_bytes(_memo_moved())
    result = runner.invoke(main, ["validate", register])
    assert result.exit_code == 1
    assert "error[quote-not-found]" in result.output


def _memo_moved() -> bytes:
    document = docx.Document(io.BytesIO(_memo()))
    for paragraph in document.tables[0].cell(1, 1).paragraphs:
        paragraph.text = "Own servers in Berlin"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_outputs_name_the_default_source_for_quotes_naming_none(tmp_path: Path) -> None:
    """tests/examples/valid/sources: the page is the default though listed second; the memo's quotes carry the memo's title."""
    outcome = validate_file(EXAMPLE)
    assert not outcome.errors
    build_outputs(outcome, out_dir=tmp_path)
    evidence = {(row[3], row[4]): row[5] for row in load_workbook(tmp_path / "example.xlsx")["Evidence"].iter_rows(values_only=True)}
    assert evidence[("register.last_reviewed", "Reviewed by the Head of IT on 1 May 2025.")] == "IT memo on member data"
    assert evidence[("controller.name", "Example AB (org.nr 556000-0000)")] == "Privacy policy of Example AB"
    assert evidence[("data_subject_rights[0]", "You can unsubscribe at any time - through the link in every newsletter.")] == (
        "Privacy policy of Example AB"
    )  # the quote as the register writes it: folding is for matching only
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "example.docx")).paragraphs]
    assert "— IT memo on member data. Evidence for: Storage location" in paragraphs
    assert "— Privacy policy of Example AB. Evidence for: Controller" in paragraphs


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _package(body: str, doctype: str = "") -> bytes:
    """A .docx of the three parts Word needs, around ``body`` (WordprocessingML inside w:body)."""
    document = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    return _zip({"[Content_Types].xml": types.encode(), "_rels/.rels": rels.encode(), "word/document.xml": document.encode()})


def test_word_text_as_word_shows_it() -> None:
    """Tracked insertions in; deletions, moved-away and hidden text, field codes out; tabs and breaks are white space."""
    body = (
        "<w:p><w:r><w:t>Kept for </w:t></w:r><w:del><w:r><w:delText>ten</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>seven</w:t></w:r></w:ins><w:r><w:t xml:space='preserve'> years</w:t></w:r>"
        "<w:moveFrom><w:r><w:t> MOVED</w:t></w:r></w:moveFrom>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t> HIDDEN</w:t></w:r><w:r><w:rPr><w:vanish w:val='false'/></w:rPr><w:t> shown</w:t></w:r>"
        '<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:tab/><w:t>after a tab</w:t><w:br/><w:t>and a break</w:t></w:r>'
        "<w:r><w:t>co</w:t><w:noBreakHyphen/><w:t>operation</w:t></w:r></w:p>"
    )
    assert text_of("memo.docx", _package(body)) == "Kept for seven years shown after a tab\nand a breakco\u2011operation"


def test_word_entities_are_not_expanded() -> None:
    """A DOCTYPE defining entities (a billion laughs, an external file) is not expanded: the XML parser resolves no entity."""
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e SYSTEM "file:///etc/passwd">]>'
    )
    assert text_of("memo.docx", _package("<w:p><w:r><w:t>Kept &c;&e;</w:t></w:r></w:p>", doctype)) == "Kept "
