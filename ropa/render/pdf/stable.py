"""Make LibreOffice's PDF the same on every rebuild: the clock's traces replaced by the register's date.

LibreOffice stamps the export time in four places: the document information's ``CreationDate``,
the XMP packet's ``xmp:CreateDate``, the creation date inside the sRGB colour profile of the PDF/A
output intent (a compressed stream), and, derived from them, the file identifier ``/ID`` and its own
``/DocChecksum``. The dates become the register's date at midnight UTC; the identifiers a digest of
the file. The colour profile's stream is recompressed, so the objects after it move: the
cross-reference table is rewritten with their new offsets. Everything else LibreOffice writes is
already the same for the same document (font subset names included).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib

_INFO_DATE = re.compile(rb"/CreationDate\(D:(\d{14})Z'?\)")
_XMP_DATE = re.compile(rb"<xmp:CreateDate>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z</xmp:CreateDate>")
_ID = re.compile(rb"/ID \[ ?<([0-9A-F]{32})>\s*<([0-9A-F]{32})> ?\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")
_STREAM = re.compile(rb"(\d+) 0 obj\s*<<(/N 3/Length (\d+) 0 R/Filter/FlateDecode)>>\s*stream\n")
_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
#: ICC header: the profile's creation date is six big-endian 16-bit numbers at byte 24.
_ICC_DATE = slice(24, 36)


def stabilise(pdf: bytes, day: dt.date) -> bytes:
    """``pdf`` with its creation dates set to ``day`` and its identifiers derived from its content."""
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement), in file order
    stamp = day.strftime("%Y%m%d000000").encode()
    for match in _INFO_DATE.finditer(pdf):
        edits.append((match.start(1), match.end(1), stamp))
    iso = day.strftime("%Y-%m-%dT00:00:00").encode()
    for match in _XMP_DATE.finditer(pdf):
        edits.append((match.start(1), match.end(1), iso))
    edits += _profile_edits(pdf, day)
    edits.sort()
    out = _apply(pdf, edits)
    digest = hashlib.md5(_ID.sub(b"", _CHECKSUM.sub(b"", out)), usedforsecurity=False).hexdigest().upper().encode()
    out = _CHECKSUM.sub(b"/DocChecksum /" + digest, out)
    return _ID.sub(b"/ID [ <" + digest + b">\n<" + digest + b"> ]", out)


def _profile_edits(pdf: bytes, day: dt.date) -> list[tuple[int, int, bytes]]:
    """The colour profile's stream with its creation date set, and its /Length object to match."""
    edits = []
    for match in _STREAM.finditer(pdf):
        start = match.end()
        length_obj = re.compile(rb"\n" + match.group(3) + rb" 0 obj\n(\d+)\nendobj")
        found = length_obj.search(pdf)
        if found is None:
            continue
        end = start + int(found.group(1))
        try:
            profile = bytearray(zlib.decompress(pdf[start:end]))
        except zlib.error:
            continue
        if profile[36:40] != b"acsp":
            continue
        profile[_ICC_DATE] = b"".join(n.to_bytes(2, "big") for n in (day.year, day.month, day.day, 0, 0, 0))
        packed = zlib.compress(bytes(profile), 9)
        edits.append((start, end, packed))
        edits.append((found.start(1), found.end(1), str(len(packed)).encode()))
    return edits


def _apply(pdf: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply the edits and move every offset in the cross-reference table (one classic table, as LibreOffice writes)."""
    if not edits:
        return pdf

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - start) for start, end, new in edits if end <= offset)

    parts, last = [], 0
    for start, end, new in edits:
        parts += [pdf[last:start], new]
        last = end
    parts.append(pdf[last:])
    out = b"".join(parts)
    tail = _XREF.search(out)
    if tail is None:
        raise ValueError("no startxref: not a PDF LibreOffice wrote")
    xref = moved(int(tail.group(1)))
    if out[xref : xref + 4] != b"xref":
        raise ValueError("the cross-reference table is not where startxref says")
    head = re.compile(rb"xref\n(\d+) (\d+)\n").match(out, xref)
    if head is None:
        raise ValueError("not a classic cross-reference table")
    first = head.end()
    table = bytearray(out[first : first + 20 * int(head.group(2))])
    for i in range(0, len(table), 20):
        if table[i + 17 : i + 18] == b"n":
            table[i : i + 10] = b"%010d" % moved(int(table[i : i + 10]))
    out = out[:first] + bytes(table) + out[first + len(table) :]
    return out[: tail.start(1)] + str(xref).encode() + out[tail.end(1) :]
