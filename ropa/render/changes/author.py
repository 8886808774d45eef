"""Who the Word redline's tracked changes are by: ``--author``, else git's ``user.name``, else "ropa".

Word and LibreOffice show the author next to every revision and let a reviewer accept or reject
one author's changes, so the name should be the person who produced the report. git is asked
without a shell, with a timeout, and any failure (git missing, no name set, a name that cannot
be written into a document) falls back to "ropa". The same name gives the same bytes on rebuild.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

DEFAULT = "ropa"
#: Longer names are refused: an author is a person's or a team's name.
MAX_LENGTH = 255
#: Seconds to wait for ``git config``.
GIT_TIMEOUT = 5.0


def author_problem(name: str) -> str | None:
    """Why ``name`` cannot be the author of tracked changes, or None when it can."""
    if not name.strip():
        return "the author is empty"
    if len(name) > MAX_LENGTH:
        return f"the author is longer than {MAX_LENGTH} characters"
    bad = next((ch for ch in name if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ch in "\ufffe\uffff"), None)
    if bad is not None:
        return f"the author contains the character U+{ord(bad):04X}, which a document cannot hold"
    return None


@cache
def git_user_name(folder: Path, timeout: float = GIT_TIMEOUT) -> str | None:
    """git's ``user.name`` as seen from ``folder`` (repository, global and system configuration), or None."""
    exe = shutil.which("git")
    if exe is None or not folder.is_dir():
        return None
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program and fixed arguments, no shell
            [exe, "config", "--get", "user.name"], cwd=folder, capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        name = done.stdout.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    return name if author_problem(name) is None else None


def revision_author(given: str | None, folder: Path) -> str:
    """``given`` (``--author``) when set, else git's ``user.name`` seen from ``folder``, else "ropa"."""
    if given is not None:
        return given.strip()
    return git_user_name(folder.resolve()) or DEFAULT
