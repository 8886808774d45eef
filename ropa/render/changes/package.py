"""Reproducible Office files: the same report gives the same bytes on every rebuild.

Writers stamp zip entries and ``docProps/core.xml`` with the current time. Here every entry is
re-written in its original order, dated the NEW register's date at midnight, with fixed
attributes, and the core properties' created and modified times are set to that date too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from typing import IO

from ropa.files import zip_stamp
from ropa.render.font_order import STYLES_PART, excel_font_order

_UNIX = 3
_MODE = 0o100644 << 16
_CORE = "docProps/core.xml"
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def w3c_datetime(day: dt.date) -> str:
    """Midnight UTC of ``day``, as Office writes dates: ``2018-08-15T00:00:00Z``."""
    return f"{day.isoformat()}T00:00:00Z"


def reproducible(data: bytes, day: dt.date) -> bytes:
    """``data`` (a zip package) re-written with every time set to ``day``."""
    return write_package(data, {}, day)


def write_package(
    base: bytes, parts: dict[str, bytes], day: dt.date, streamed: tuple[str, Callable[[IO[bytes]], None]] | None = None
) -> bytes:
    """``base`` (a zip package) with the named ``parts`` replaced, and the ``streamed`` part written
    by its function, every entry in its original order and every time set to ``day``."""
    stamp = zip_stamp(day)
    when = w3c_datetime(day).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _MODE
            if streamed is not None and entry.filename == streamed[0]:
                with dst.open(info, "w") as dest:
                    streamed[1](dest)
                continue
            blob = parts[entry.filename] if entry.filename in parts else src.read(entry)
            if entry.filename == _CORE:
                blob = _STAMP.sub(lambda m: m.group(1) + when + m.group(2), blob)
            elif entry.filename == STYLES_PART:
                blob = excel_font_order(blob)
            dst.writestr(info, blob)
    return out.getvalue()
