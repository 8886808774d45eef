"""The text of a source document, by its kind: plain text (.txt, .md), a web page (.html) or Word (.docx).

Every reader takes the bytes :func:`ropa.loading.sources.read_bytes` returned and gives back the
text a person reads in the document, or raises :class:`UnreadableError` with a sentence saying why; no
reader opens a file, a link or the network. Kept apart from ``ropa.loading.sources`` so that the
cache, which only hashes bytes, never imports the Word reader.
"""

from __future__ import annotations

from pathlib import PurePosixPath


class UnreadableError(ValueError):
    """A source whose text cannot be extracted; the message names the file and says why."""


#: Formats ropa cannot read as text yet, with the advice a person needs.
_REFUSED = {
    ".pdf": "PDF sources are not read yet: save the document as text (.txt), a web page (.html) or Word (.docx)",
    ".doc": "old Word documents (.doc) are not read: save it as .docx",
    ".odt": "OpenDocument text (.odt) is not read: save it as .docx",
    ".rtf": "RTF is not read: save the document as .docx or .txt",
}

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx"})


def kind(file: str) -> str:
    """The reader a source file name calls for: ``html``, ``docx`` or ``text`` (anything else is read as UTF-8 text)."""
    suffix = PurePosixPath(file.replace("\\", "/")).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return "text"


def plain_text(file: str, data: bytes) -> str:
    """A UTF-8 text (a byte-order mark before it is dropped)."""
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableError(f"source file `{file}` is not UTF-8") from None


def text_of(file: str, data: bytes) -> str:
    """The text of source ``file`` (its name as the register gives it) from its bytes; raises :class:`UnreadableError`."""
    suffix = PurePosixPath(file.replace("\\", "/")).suffix.lower()
    if suffix in _REFUSED:
        raise UnreadableError(f"source file `{file}`: {_REFUSED[suffix]}")
    reader = kind(file)
    if reader == "html":
        from ropa.loading.html_text import html_text  # noqa: PLC0415 - each reader loads only for its kind

        return html_text(file, data)
    if reader == "docx":
        from ropa.loading.docx_text import docx_text  # noqa: PLC0415 - python-docx loads only for a Word source

        return docx_text(file, data)
    return plain_text(file, data)
