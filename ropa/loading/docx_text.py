"""The text of a Word document (.docx): body paragraphs and table cells in document order, then headers and footers.

The package is opened from bytes (no file, no link is followed) after a look at its zip directory:
a document that would unpack to more than :data:`MAX_UNPACKED` bytes, or has more than
:data:`MAX_PARTS` parts, is refused before python-docx reads it. python-docx parses the XML with
entity resolution off. Text is taken from the XML as Word shows it: tracked insertions are in,
tracked deletions, moved-away text, hidden text and field codes are out, a tab or line break is white space, each paragraph
(also in a cell or a text box) a line of its own.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ropa.loading.extract import UnreadableError
from ropa.loading.sources import MAX_BYTES

MAX_UNPACKED = 8 * MAX_BYTES
MAX_PARTS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _T, _TAB, _BR, _CR, _NB_HYPHEN, _SOFT_HYPHEN = (f"{_W}{n}" for n in ("p", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"))
_SKIPPED = frozenset({_P, _MC_FALLBACK, f"{_W}moveFrom", f"{_W}rPr", f"{_W}pPr"})  # text boxes, VML copies, moved-away text
_R, _VANISH = f"{_W}r", f"{_W}vanish"
_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


def _check_zip(file: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableError(f"source file `{file}` is not a Word document (.docx): it is not a zip package") from None
    if len(infos) > MAX_PARTS:
        raise UnreadableError(f"source file `{file}` has {len(infos):,} parts; a Word document has far fewer (at most {MAX_PARTS:,})")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED:
        raise UnreadableError(f"source file `{file}` would unpack to {unpacked:,} bytes; the limit is {MAX_UNPACKED:,}")


def _hidden(run: Any) -> bool:
    """A run formatted as hidden text (``w:vanish``), which Word does not show or print."""
    props = run.find(f"{_W}rPr")
    vanish = props.find(_VANISH) if props is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "true") not in {"false", "0", "off"}


def _paragraph(p: Any) -> str:
    """A paragraph's text, without the paragraphs of text boxes anchored in it (they come as their own lines)."""
    out: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _SKIPPED or (tag == _R and _hidden(node)):  # a text box's paragraph, a drawing's VML copy, hidden text
            continue
        if tag == _T:
            out.append(node.text or "")
        elif tag in (_TAB, _BR, _CR):
            out.append(" " if tag == _TAB else "\n")
        elif tag == _NB_HYPHEN:
            out.append("\u2011")
        elif tag == _SOFT_HYPHEN:
            out.append("\u00ad")
        stack.extend(reversed(list(node)))
    return "".join(out)


def _paragraphs(root: Any) -> Iterator[str]:
    """Every paragraph under ``root`` in document order (table cells and text boxes included)."""
    for p in root.iter(_P):
        if not any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
            yield _paragraph(p)


def docx_text(file: str, data: bytes) -> str:
    """The text of a .docx: body, then each header and footer part once, one paragraph a line."""
    _check_zip(file, data)
    try:
        import docx  # noqa: PLC0415 - python-docx loads only for a Word source

        document = docx.Document(io.BytesIO(data))
        lines = list(_paragraphs(document.element.body))
        for part in document.part.package.iter_parts():
            if part.content_type in (_HEADER, _FOOTER):
                lines.extend(_paragraphs(part.element))
    except Exception as exc:  # python-docx and lxml raise many kinds; each is a finding, never a traceback
        reason = (str(exc).splitlines() or [""])[0].strip("'\" ")[:160] or type(exc).__name__
        raise UnreadableError(f"source file `{file}` cannot be read as a Word document (.docx): {reason}") from None
    return "\n".join(lines)
