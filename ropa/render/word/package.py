"""The .docx package written reproducibly: same input, same bytes.

python-docx's own ``save`` stamps every zip entry with the current time. Here the parts are
serialised in python-docx's stable order (content types, package relationships, then each part
and its relationships, depth-first through the relationship graph) into a zip whose entries all
carry the register's date and fixed attributes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from ropa.files import zip_stamp

_UNIX = 3  # "made by" Unix, whatever platform builds the file
_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def _entries(document: Any) -> list[tuple[str, bytes]]:
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    entries = [
        (CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),  # type: ignore[no-untyped-call]
        (PACKAGE_URI.rels_uri.membername, package.rels.xml),
    ]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    return entries


def to_bytes(document: Any, day: dt.date) -> bytes:
    """The document as .docx bytes, every zip entry dated ``day`` at midnight."""
    stamp = zip_stamp(day)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, blob in _entries(document):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _MODE
            archive.writestr(info, blob)
    return buffer.getvalue()
