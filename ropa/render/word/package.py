"""The .docx package written reproducibly: same input, same bytes.

python-docx's own ``save`` stamps every zip entry with the current time. Here the parts are
serialised in python-docx's stable order (content types, package relationships, then each part
and its relationships, depth-first through the relationship graph) into a zip whose entries all
carry the register's date and fixed attributes. The main document part can come from a writer
instead (:mod:`ropa.render.word.stream`): it is then streamed into its zip entry, never held whole.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import IO, Any

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from ropa.files import zip_stamp

_UNIX = 3  # "made by" Unix, whatever platform builds the file
_MODE = 0o100644 << 16  # a regular file, rw-r--r--


Writer = Callable[[IO[bytes]], None]
"""Writes a part's bytes to an open zip entry."""


def _entries(document: Any, main: Writer | None) -> list[tuple[str, bytes | Writer]]:
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    entries: list[tuple[str, bytes | Writer]] = [
        (CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),  # type: ignore[no-untyped-call]
        (PACKAGE_URI.rels_uri.membername, package.rels.xml),
    ]
    for part in parts:
        entries.append((part.partname.membername, main if main is not None and part is document.part else part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    return entries


def to_bytes(document: Any, day: dt.date, main: Writer | None = None) -> bytes:
    """The document as .docx bytes, every zip entry dated ``day`` at midnight.

    ``main`` writes the main document part (``word/document.xml``) in place of python-docx's
    serialisation of its tree; the entry is compressed as it is written.
    """
    stamp = zip_stamp(day)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in _entries(document, main):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _MODE
            if isinstance(content, bytes):
                archive.writestr(info, content)
            else:
                # As writestr does, less the size known in advance: the header is rewritten with it on close.
                with archive.open(info, "w") as entry:
                    content(entry)
    return buffer.getvalue()
