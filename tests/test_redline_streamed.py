"""The redline read block by block (ropa/render/changes/scan.py, streamed.py) is the redline the
whole-tree merge writes, byte for byte: a reviewer gets the same document however large the register."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ropa.diff import compare
from ropa.render.changes import scan as scan_module
from ropa.render.changes.redline import merge_documents, merge_trees, render_document
from ropa.validate import validate_file

ROOT = Path(__file__).resolve().parent.parent
CM = ROOT / "policies" / "cm"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"


def _pair() -> tuple[bytes, bytes, object]:
    old, new = validate_file(CM / "register-2017-10-07.yaml"), validate_file(CM / "register-2018-08-15.yaml")
    assert old.register is not None
    assert new.register is not None
    report = compare(old.register, new.register, lang="en")
    return render_document(old, "en"), render_document(new, "en"), report


@pytest.fixture(scope="module")
def cm() -> tuple[bytes, bytes, object]:
    return _pair()


def _with_body(package: bytes, blocks: str, *, space: str = "") -> bytes:
    """``package`` with its body's blocks replaced by ``blocks`` (its section kept; ``space``: text between them)."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts[DOCUMENT]
    start = xml.index(b"<w:body>") + len(b"<w:body>")
    section = xml.index(b"<w:sectPr", start)
    joined = space.join(f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>" for text in blocks.split("|"))
    parts[DOCUMENT] = xml[:start] + joined.encode() + space.encode() + xml[section:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("rows_apart", [64, 2])
def test_the_register_redline_is_the_tree_merge(cm: tuple[bytes, bytes, object], rows_apart: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """CM 2017 -> 2018, with long tables merged row by row (2: every table of more than two rows)."""
    old, new, report = cm
    monkeypatch.setattr(scan_module, "ROWS_APART", rows_apart)
    assert merge_documents(old, new, report, author="Reviewer") == merge_trees(old, new, report, author="Reviewer")  # type: ignore[arg-type]


def test_paragraphs_kept_apart_are_numbered_as_the_tree_merge_numbers_them(cm: tuple[bytes, bytes, object]) -> None:
    """'A' -> 'A B' then 'D' -> 'C D': the revision that keeps the two insertions apart is numbered last."""
    plain_old, plain_new, report = cm
    old, new = _with_body(plain_old, "A|D|E"), _with_body(plain_new, "A B|C D|E")
    merged = merge_documents(old, new, report)  # type: ignore[arg-type]
    assert merged == merge_trees(old, new, report)  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(merged)) as z:
        body = etree.fromstring(z.read(DOCUMENT)).find(f"{{{W}}}body")
    ids = [int(el.get(f"{{{W}}}id")) for el in body.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    first = next(p for p in body.iter(f"{{{W}}}p") if [t.text for t in p.iter(f"{{{W}}}delText")] == ["A"])
    assert first[-1].tag == f"{{{W}}}del"
    assert int(first[-1].get(f"{{{W}}}id")) == max(ids)


def test_a_body_with_text_between_its_blocks_is_merged_as_a_tree(cm: tuple[bytes, bytes, object]) -> None:
    plain_old, plain_new, report = cm
    old, new = _with_body(plain_old, "A|D", space="\n"), _with_body(plain_new, "A B|C D", space="\n")
    assert merge_documents(old, new, report) == merge_trees(old, new, report)  # type: ignore[arg-type]


def test_a_section_between_blocks_ends_up_after_them_as_in_the_tree_merge(cm: tuple[bytes, bytes, object]) -> None:
    plain_old, plain_new, report = cm
    section = "<w:sectPr><w:pgSz w:w='11906' w:h='16838'/></w:sectPr>"
    old = _with_body(plain_old, "A|D|E")
    new = _with_body(plain_new, "A B|D|E")
    with zipfile.ZipFile(io.BytesIO(new)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[DOCUMENT] = parts[DOCUMENT].replace(
        b"<w:p><w:r><w:t xml:space='preserve'>E</w:t>", section.encode() + b"<w:p><w:r><w:t xml:space='preserve'>E</w:t>", 1
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    new = out.getvalue()
    merged = merge_documents(old, new, report)  # type: ignore[arg-type]
    assert merged == merge_trees(old, new, report)  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(merged)) as z:
        body = etree.fromstring(z.read(DOCUMENT)).find(f"{{{W}}}body")
    assert [child.tag for child in body[-2:]] == [f"{{{W}}}sectPr"] * 2
