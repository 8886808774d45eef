"""Refuse what is not an .xlsx workbook, or is built to hurt the reader, before any XML is parsed.

openpyxl guards against XML entity expansion only with defusedxml installed (a dependency of
ropa), and against zip bombs not at all: the declared sizes of the members are checked here (a
member is never read beyond its declared size), and no part may carry a DTD (Office never writes
one; entity expansion needs one).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ropa.importing.errors import ImportInputError

#: Uncompressed bytes a workbook may hold in all, and the compression ratio a large member may have.
MAX_TOTAL = 1 << 30
MAX_RATIO = 500
_RATIO_FROM = 1 << 20  # small members compress as they like
#: Bytes of each XML part searched for a DTD (it must come before the first element).
_PROLOG = 1 << 16
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
_DTD_MARKS = tuple(m for s in ("<!DOCTYPE", "<!ENTITY") for m in (s.encode(), s.encode("utf-16-le"), s.encode("utf-16-be")))


def kind_of(path: Path, layout: str) -> str:
    """``xlsx`` or ``csv``, from the file's first bytes; anything else is refused with the reason."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(_OLE2):
                fh.seek(0)
                body = fh.read()
    except OSError as exc:
        raise ImportInputError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if head.startswith(_OLE2):
        if "EncryptionInfo".encode("utf-16-le") in body:
            raise ImportInputError(
                f"{path}: the workbook is encrypted (password-protected); save an unprotected copy as .xlsx and import that"
            )
        raise ImportInputError(
            f"{path}: is an Excel 97-2003 workbook (.xls), which ropa does not read; open it in Excel or LibreOffice and save it as .xlsx"
        )
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "xlsx"
    if layout == "csv" or path.suffix.casefold() in {".csv", ".tsv", ".txt"}:
        return "csv"
    raise ImportInputError(f"{path}: is not a workbook: ropa imports .xlsx workbooks and .csv files")


def check_package(path: Path) -> None:
    """An .xlsx package that is safe to hand to openpyxl, or ImportInputError saying why not."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if "mimetype" in names:
                mime = archive.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    raise ImportInputError(
                        f"{path}: is an OpenDocument spreadsheet (.ods), which ropa does not read; save it as .xlsx in LibreOffice and import that"
                    )
            if "xl/workbook.xml" not in names:
                raise ImportInputError(f"{path}: is a zip file but not an Excel workbook (no xl/workbook.xml); ropa imports .xlsx and .csv")
            _sizes(path, members)
            for member in members:
                if member.filename.endswith((".xml", ".rels", ".vml")):
                    _no_dtd(path, archive, member)
    except zipfile.BadZipFile as exc:
        raise ImportInputError(f"{path}: is not a readable workbook: the zip package is damaged ({exc})") from None
    except (OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportInputError(f"{path}: is not a readable workbook: {exc}") from None


def _sizes(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_TOTAL:
            raise ImportInputError(f"{path}: unpacks to more than {MAX_TOTAL >> 20:,} MiB; refused as a possible zip bomb")
        if member.file_size > _RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ImportInputError(
                f"{path}: member {member.filename} is compressed more than {MAX_RATIO}:1 "
                f"({member.compress_size:,} to {member.file_size:,} bytes); refused as a possible zip bomb"
            )


def _no_dtd(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    with archive.open(member) as fh:
        head = fh.read(_PROLOG)
    if any(mark in head for mark in _DTD_MARKS):
        raise ImportInputError(f"{path}: part {member.filename} declares a DTD or XML entities, which Office never writes; refused")
