"""The archival PDF: the Word register converted by LibreOffice into PDF/A-2b.

LibreOffice's plain ``--convert-to pdf`` keeps the table of contents as the .docx carries it,
entries without page numbers. A Basic macro (``Ropa.xba``) opens the document, updates every
index, and exports PDF/A-2b with a bookmark for every heading. Each run gets its own user
profile, so concurrent runs (and a LibreOffice the user has open) do not collide; ``stable``
then replaces what LibreOffice takes from the clock, so a rebuild is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from importlib.resources import files
from pathlib import Path
from types import TracebackType

from ropa.render.pdf.stable import stabilise

#: How to get LibreOffice, said when ``soffice`` is not on PATH.
INSTALL_HINT = (
    "LibreOffice is not installed (no soffice on PATH): install it, e.g. `apt-get install libreoffice-writer` "
    "on Debian or Ubuntu, `./scripts/install-system-deps office`, or https://www.libreoffice.org/download/"
)
#: Seconds one document may take; a large register converts in well under a minute.
TIMEOUT = 600
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Ropa"/>
</library:library>
"""


class PdfError(Exception):
    """The PDF could not be made (LibreOffice missing, failing or silent)."""


def soffice() -> str | None:
    """LibreOffice's program on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class Office:
    """A headless LibreOffice with its own throwaway profile; ``convert`` turns a .docx into PDF/A bytes.

    Use as a context manager: the profile is made once (LibreOffice's first start fills it, then the
    macro is added) and removed at the end.
    """

    def __init__(self) -> None:
        program = soffice()
        if program is None:
            raise PdfError(INSTALL_HINT)
        self._program = program
        self._folder = Path(tempfile.mkdtemp(prefix="ropa-pdf-"))
        self._ready = False

    def __enter__(self) -> Office:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Remove the profile and the working files."""
        shutil.rmtree(self._folder, ignore_errors=True)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        profile = (self._folder / "profile").as_uri()
        env = {**os.environ, "TZ": "UTC"}  # dates in UTC ('Z'), so stable.py finds them in one form
        try:
            return subprocess.run(  # noqa: S603 - LibreOffice from PATH, our own arguments, no shell
                [self._program, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore", *args],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                env=env,
                cwd=self._folder,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice did not finish within {TIMEOUT} s") from exc
        except OSError as exc:
            raise PdfError(f"cannot run {self._program}: {exc.strerror or exc}") from exc

    def _prepare(self) -> None:
        """First start fills the profile (it would overwrite a macro put there before); then add ours."""
        if self._ready:
            return
        self._run("--terminate_after_init")
        library = self._folder / "profile" / "user" / "basic" / "Standard"
        if not library.is_dir():
            raise PdfError("LibreOffice did not create its user profile")
        (library / "Ropa.xba").write_bytes(files(__package__).joinpath("Ropa.xba").read_bytes())
        (library / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
        self._ready = True

    def convert(self, docx: bytes, day: dt.date) -> bytes:
        """The PDF/A-2b of the Word register ``docx``, its dates set to ``day`` (the register's date)."""
        self._prepare()
        source, target = self._folder / "register.docx", self._folder / "register.pdf"
        target.unlink(missing_ok=True)
        source.write_bytes(docx)
        done = self._run(f'macro:///Standard.Ropa.Export("{source}","{target}")')
        if not target.is_file() or target.stat().st_size == 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise PdfError("LibreOffice wrote no PDF" + (f": {detail[-1]}" if detail else ""))
        return stabilise(target.read_bytes(), day)
