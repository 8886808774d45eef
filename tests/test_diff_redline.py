"""ropa diff --docx: the Word redline, read back with lxml and python-docx, and opened by LibreOffice.

Accepting every revision must give the NEW register's Word document, rejecting every revision
the OLD one's: the helpers here resolve the revisions the way Word does (a removed paragraph mark
joins the paragraph to the next one) without using any of ropa's own code.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ropa.diff import compare
from ropa.loading.discover import registers_in
from ropa.render.changes.redline import merge_documents, render_document, render_redline
from ropa.render.changes.revisions import Marks, Merger
from ropa.render.changes.summary import END_BOOKMARK
from ropa.validate import Outcome, validate_file

ROOT = Path(__file__).parent.parent
CM_2017 = ROOT / "policies" / "cm" / "register-2017-10-07.yaml"
CM_2018 = ROOT / "policies" / "cm" / "register-2018-08-15.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = Any


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@cache
def outcome(path: Path) -> Outcome:
    return validate_file(path, str(path.relative_to(ROOT)))


@cache
def documents(old: Path, new: Path, lang: str = "en") -> tuple[bytes, bytes, bytes]:
    """(OLD's Word register, NEW's Word register, the redline) for a pair."""
    a, b = outcome(old), outcome(new)
    assert a.register is not None
    assert b.register is not None
    report = compare(a.register, b.register, lang=lang)
    plain_old, plain_new = render_document(a, lang), render_document(b, lang)
    return plain_old, plain_new, merge_documents(plain_old, plain_new, report)


def part(package: bytes, name: str = "word/document.xml") -> Element:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return etree.fromstring(z.read(name))


def body(package: bytes) -> Element:
    return part(package).find(w("body"))


def register_part(redline: bytes) -> Element:
    """The redline's body after the summary page (the bookmarked page break ends it)."""
    b = body(redline)
    for i, child in enumerate(list(b)):
        if any(bm.get(w("name")) == END_BOOKMARK for bm in child.iter(w("bookmarkStart"))):
            for gone in list(b)[: i + 1]:
                b.remove(gone)
            return b
    raise AssertionError("no end-of-summary bookmark")


def _drop(tree: Element, drop: str) -> None:
    """Remove rows and run-level revisions of kind ``drop``; join paragraphs whose mark goes."""
    for tr in list(tree.iter(w("tr"))):
        if tr.find(f"{w('trPr')}/{w(drop)}") is not None:
            tr.getparent().remove(tr)
    for el in list(tree.iter(w(drop))):
        if el.getparent().tag != w("rPr"):
            el.getparent().remove(el)
    for p in list(tree.iter(w("p"))):
        if p.find(f"{w('pPr')}/{w('rPr')}/{w(drop)}") is None:
            continue
        following = p.getnext()
        content = [c for c in p if c.tag != w("pPr")]
        if following is not None and following.tag == w("p") and content:
            at = 1 if following.find(w("pPr")) is not None else 0
            for c in reversed(content):
                following.insert(at, c)
        p.getparent().remove(p)


def _keep(tree: Element, keep: str) -> None:
    """Unwrap revisions of kind ``keep`` (their content stays) and drop their marks."""
    for el in list(tree.iter(w(keep))):
        parent = el.getparent()
        if parent.tag in (w("rPr"), w("trPr")):
            parent.remove(el)
            continue
        at = parent.index(el)
        for c in reversed(list(el)):
            parent.insert(at, c)
        parent.remove(el)
    for t in tree.iter(w("delText")):
        t.tag = w("t")


def _properties(tree: Element, *, accept: bool) -> None:
    """Keep the new paragraph properties (accept) or put the old ones back (reject)."""
    for change in list(tree.iter(w("pPrChange"))):
        ppr = change.getparent()
        ppr.remove(change)
        if not accept:
            for c in [c for c in ppr if c.tag != w("rPr")]:
                ppr.remove(c)
            for c in reversed(list(change[0])):
                ppr.insert(0, c)


def resolve(tree: Element, *, accept: bool) -> Element:
    """Accept (or reject) every revision: drop w:del (w:ins), unwrap the other, apply marks."""
    tree = deepcopy(tree)
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    _drop(tree, drop)
    _keep(tree, keep)
    _properties(tree, accept=accept)
    return tree


def paragraphs(tree: Element) -> list[str]:
    """The text of every paragraph, in order (tabs and breaks included, field codes not)."""
    out = []
    for p in tree.iter(w("p")):
        text = []
        for node in p.iter(w("t"), w("tab"), w("br")):
            if node.tag == w("t"):
                text.append(node.text or "")
            elif node.tag == w("br"):
                text.append("\n")
            elif node.getparent().tag == w("r"):
                text.append("\t")
        out.append("".join(text))
    return out


def revisions(tree: Element) -> list[Element]:
    return list(tree.iter(w("ins"), w("del"), w("pPrChange")))


def revised_text(tree: Element, tag: str) -> str:
    return " ".join(t.text or "" for el in tree.iter(w(tag)) for t in el.iter(w("t"), w("delText")))


# --- the CM pair ---------------------------------------------------------------------------------


def test_every_revision_is_by_ropa_on_the_new_register_date() -> None:
    """Insertions and deletions are real revisions by author "ropa", dated 2018-08-15, with unique ids."""
    redline = documents(CM_2017, CM_2018)[2]
    marks = revisions(part(redline))
    assert len(marks) > 100
    assert {m.get(w("author")) for m in marks} == {"ropa"}
    assert {m.get(w("date")) for m in marks} == {"2018-08-15T00:00:00Z"}
    ids = [m.get(w("id")) for m in marks]
    assert len(ids) == len(set(ids))
    assert part(redline, "word/settings.xml").find(w("trackRevisions")) is not None


def test_insertions_and_deletions_where_expected() -> None:
    """The old entity, KVK number, tools and servers are deleted; the new ones inserted."""
    tree = register_part(documents(CM_2017, CM_2018)[2])
    deleted, inserted = revised_text(tree, "del"), revised_text(tree, "ins")
    for old in ("Online", "53384911", "NL850861482B01", "nl@cmtelecom.com", "AdRoll", "Bidswitch", "Breda and Rijen"):
        assert old in deleted, old
    for new in ("Groep", "20095946", "support@cm.nl", "Unbounce", "Linkedin Insights", "data centre"):
        assert new in inserted, new


def test_accept_all_gives_the_new_document() -> None:
    """Accepting every revision yields exactly the paragraphs of NEW's plain Word register."""
    plain_old, plain_new, redline = documents(CM_2017, CM_2018)
    assert paragraphs(resolve(register_part(redline), accept=True)) == paragraphs(body(plain_new))
    assert paragraphs(body(plain_old)) != paragraphs(body(plain_new))


def test_reject_all_gives_the_old_content() -> None:
    """Rejecting every revision yields exactly the paragraphs of OLD's plain Word register."""
    plain_old, _, redline = documents(CM_2017, CM_2018)
    assert paragraphs(resolve(register_part(redline), accept=False)) == paragraphs(body(plain_old))


def test_accept_and_reject_the_other_way_round() -> None:
    """The same holds from 2018 back to 2017."""
    plain_old, plain_new, redline = documents(CM_2018, CM_2017)
    tree = register_part(redline)
    assert paragraphs(resolve(tree, accept=True)) == paragraphs(body(plain_new))
    assert paragraphs(resolve(tree, accept=False)) == paragraphs(body(plain_old))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ROOT / "policies" / "cab" / "register.yaml", ROOT / "policies" / "cmt" / "register.yaml"),
        (ROOT / "policies" / "cmm" / "register.yaml", CM_2018),
    ],
    ids=["cab-to-cmt", "cmm-to-cm2018"],
)
def test_accept_and_reject_across_organisations(old: Path, new: Path) -> None:
    """Two unrelated registers (another language, other tables) still merge exactly both ways."""
    plain_old, plain_new, redline = documents(old, new)
    tree = register_part(redline)
    assert paragraphs(resolve(tree, accept=True)) == paragraphs(body(plain_new))
    assert paragraphs(resolve(tree, accept=False)) == paragraphs(body(plain_old))


@pytest.mark.parametrize("path", registers_in(ROOT / "policies"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_change_no_revision(path: Path) -> None:
    """A register against itself: the redline body is its Word register, without a single revision."""
    _, plain, redline = documents(path, path)
    tree = register_part(redline)
    assert revisions(tree) == []
    assert paragraphs(tree) == paragraphs(body(plain))


def test_summary_page_comes_first_untracked() -> None:
    """The document opens with the change summary (no revisions in it), then NEW's title page."""
    redline = documents(CM_2017, CM_2018)[2]
    whole = paragraphs(body(redline))
    assert whole[0] == "Change report"
    rest = register_part(redline)
    summary_len = len(whole) - len(paragraphs(rest))
    summary_text = "\n".join(whole[:summary_len])
    for fact in ("CM Online B.V.", "CM Groep B.V.", "2018-08-15", "Processing activities added", "chat"):
        assert fact.lower() in summary_text.lower(), fact
    children = list(body(redline))
    end = next(i for i, c in enumerate(children) if any(bm.get(w("name")) == END_BOOKMARK for bm in c.iter(w("bookmarkStart"))))
    assert end > 3
    assert not [el for child in children[: end + 1] for el in revisions(child)]


def test_python_docx_opens_the_redline_and_rebuilds_are_identical(tmp_path: Path) -> None:
    """python-docx reads the package; rendering twice gives the same bytes (dates from the register)."""
    a, b = outcome(CM_2017), outcome(CM_2018)
    assert a.register is not None
    assert b.register is not None
    report = compare(a.register, b.register)
    first, second = render_redline(report, a, b), render_redline(report, a, b)
    assert first == second
    document = docx.Document(io.BytesIO(first))
    assert document.paragraphs[0].text == "Change report"
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2018, 8, 15, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2018-08-15T00:00:00Z" in core


def _paragraph(*parts: str) -> Element:
    xml = "".join(f'<w:r><w:t xml:space="preserve">{p}</w:t></w:r>' for p in parts)
    return etree.fromstring(f'<w:p xmlns:w="{W}">{xml}</w:p>')


def test_insertions_at_a_paragraph_boundary_stay_apart() -> None:
    """'A' -> 'A B' then 'D' -> 'C D': the first paragraph must not end with an insertion touching
    the one that starts the second (LibreOffice would join the paragraphs on reject-all)."""
    marks = Marks("ropa", "2018-08-15T00:00:00Z", 1)
    merged = Merger(marks).blocks([_paragraph("A"), _paragraph("D")], [_paragraph("A B"), _paragraph("C D")])
    assert merged[1][0].tag == w("ins")
    assert merged[0][-1].tag != w("ins")
    wrapper = etree.Element(w("body"))
    wrapper.extend(merged)
    assert paragraphs(resolve(wrapper, accept=True)) == ["A B", "C D"]
    assert paragraphs(resolve(wrapper, accept=False)) == ["A", "D"]


def shown(p: Element) -> list[tuple[str, str]]:
    """A paragraph as a reviewer sees it with changes shown: (kept | del | ins, text) stretches in order."""
    out: list[tuple[str, str]] = []
    for node in p.iter(w("t"), w("delText")):
        kind = next((k for k in ("ins", "del") if any(a.tag == w(k) for a in node.iterancestors())), "")
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + (node.text or ""))
        else:
            out.append((kind, node.text or ""))
    return out


def _merge(old: str, new: str) -> Element:
    (p,) = Merger(Marks("ropa", "2018-08-15T00:00:00Z", 1)).paragraph(_paragraph(old), _paragraph(new))
    for tree, want in ((resolve(p, accept=True), new), (resolve(p, accept=False), old)):
        assert paragraphs(tree) == [want]
    return p


REWRITE_OLD = "Letters are printed in Breda. Sent by post to the address the customer gave in the order form. Kept 7 years."
REWRITE_NEW = "Letters are printed in Rijen. Sent by courier to the office address the board itself chose in the contract. Kept 7 years."


def test_rewritten_sentence_is_deleted_and_inserted_whole() -> None:
    """A sentence changed in several places reads as the old sentence struck through, then the new one,
    never as old and new words in turn; a one-word change next to it keeps its word-level mark."""
    p = _merge(REWRITE_OLD, REWRITE_NEW)
    assert shown(p) == [
        ("", "Letters are printed in "),
        ("del", "Breda."),
        ("ins", "Rijen."),
        ("", " "),
        ("del", "Sent by post to the address the customer gave in the order form."),
        ("ins", "Sent by courier to the office address the board itself chose in the contract."),
        ("", " Kept 7 years."),
    ]


def test_small_edits_keep_word_level_marks() -> None:
    """A name changed twice in a long sentence, or one word inserted: only those words are marked."""
    p = _merge(
        "Data of CM Online B.V. customers are kept by CM Online B.V. in its own data centre in Breda.",
        "Data of CM Groep B.V. customers are kept by CM Groep B.V. in its own data centre in Breda.",
    )
    assert [text for kind, text in shown(p) if kind] == ["Online", "Groep", "Online", "Groep"]
    p = _merge("Sent by post to the address the customer gave.", "Sent by post to the postal address the customer gave.")
    assert [(kind, text) for kind, text in shown(p) if kind] == [("ins", "postal ")]


def test_abbreviations_do_not_end_a_sentence() -> None:
    """'B.V. (legal...)' and 'Art. 30' do not cut a sentence: its rewrite is still marked whole."""
    old = "Kept by CM Online B.V. (Breda office) under Art. 30 of the GDPR for the board of the group."
    new = "Kept by CM Groep B.V. (Breda office) under Art. 28 of the GDPR for the group itself."
    assert shown(_merge(old, new)) == [("del", old), ("ins", new)]


_WORDS = st.sampled_from(["The", "data", "are", "kept.", "B.V.", "Art.", "30", "Sent", "by", "post.", "“Quoted”", "(NL)", "CM", "stored!"])
_TEXT = st.lists(_WORDS, min_size=1, max_size=24).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(old=_TEXT, new=_TEXT)
def test_any_edit_accepts_to_new_and_rejects_to_old(old: str, new: str) -> None:
    """Whatever is marked word by word or sentence by sentence, accepting gives NEW and rejecting OLD."""
    if old != new:
        _merge(old, new)


NOTE_OLD = "Note: The data are stored on CM's own servers in the Netherlands; no transfer is named."
NOTE_NEW = "Note: The policy says all data is processed and stored in CM's own data centre in the Netherlands, but does not say where the subsidiaries are."


def test_cm_rewritten_note_is_not_interleaved() -> None:
    """In the CM redline no changed paragraph shows old and new words in turn within one sentence: the
    rewritten encoder's note is its old text deleted whole, then its new text inserted whole."""
    seen = [shown(p) for p in register_part(documents(CM_2017, CM_2018)[2]).iter(w("p"))]
    assert [("del", NOTE_OLD), ("ins", NOTE_NEW)] in seen
    # before, 18 paragraphs read like 'The data arepolicy says all data is processed and stored onin CM's...'
    assert [s for s in seen if sum(1 for kind, _ in s if kind == "del") >= 3] == []


# --- LibreOffice ---------------------------------------------------------------------------------

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(path As String, target As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.CurrentController.Frame, command, &quot;&quot;, 0, Array())
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(target), save())
  doc.close(True)
End Sub
</script:module>
"""


_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
"""


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing on CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return soffice


def _office(soffice: str, profile: Path, *args: str) -> None:
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _texts(package: bytes) -> list[str]:
    """Non-empty paragraphs (LibreOffice may turn a page break before a heading into a break)."""
    return [t.strip("\n\f") for t in paragraphs(body(package)) if t.strip()]


@pytest.mark.office
def test_libreoffice_accept_all_and_reject_all(tmp_path: Path) -> None:
    """LibreOffice's own Accept All / Reject All give the NEW and the OLD register's text.

    A paragraph next to a table cannot lose its mark, so an empty paragraph may stay behind where
    one was inserted or deleted whole; the text of every other paragraph must match exactly.
    """
    soffice = _soffice()
    profile = tmp_path / "profile"
    _office(soffice, profile, "--terminate_after_init")
    library = profile / "user" / "basic" / "Standard"
    library.mkdir(parents=True, exist_ok=True)
    (library / "Module1.xba").write_text(_MACRO, encoding="utf-8")
    index = library / "script.xlb"
    if not index.exists():
        index.write_text(_LIBRARY, encoding="utf-8")
    plain_old, plain_new, redline = documents(CM_2017, CM_2018)
    source = tmp_path / "redline.docx"
    source.write_bytes(redline)
    for command, expected in (("AcceptAllTrackedChanges", plain_new), ("RejectAllTrackedChanges", plain_old)):
        target = tmp_path / f"{command}.docx"
        _office(soffice, profile, f'macro:///Standard.Module1.Resolve("{source}","{target}",".uno:{command}")')
        want = _texts(expected)
        got = _texts(target.read_bytes())
        assert got[0] == "Change report"
        assert got[-len(want) :] == want, command


@pytest.mark.office
def test_libreoffice_converts_the_redline_to_pdf(tmp_path: Path) -> None:
    """LibreOffice opens the redline and converts it to PDF; the summary fills exactly the first page."""
    soffice = _soffice()
    source = tmp_path / "redline.docx"
    source.write_bytes(documents(CM_2017, CM_2018)[2])
    profile = tmp_path / "profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "redline.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.exists(), done.stdout + done.stderr
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Change report" in first
        assert "What changed" in first
        assert "What changed" not in second
        assert "Change report" not in second
        # with changes shown, as LibreOffice prints them: the old note, then the new one, never interleaved
        whole = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        assert NOTE_OLD + NOTE_NEW in whole
