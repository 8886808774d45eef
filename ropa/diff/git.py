"""A register as it was at a git revision, with the source texts its quotes are checked against.

``git show REV:path`` gives the register file; the sources it names (``sources[].file``,
relative to the register) are taken from the same revision, so the old register validates
against the policy text it was encoded from, not today's. Everything is written into a
temporary folder that mirrors the repository layout; nothing in the working copy is touched.
"""

from __future__ import annotations

import posixpath
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ropa.loading.sources import lexically_safe


class GitError(Exception):
    """git is missing, the path is not in a repository, or the revision lacks the file."""


def _git(args: list[str], cwd: Path) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed")
    done = subprocess.run([exe, *args], cwd=cwd, capture_output=True, check=False)  # noqa: S603 - fixed program, arguments are not shell-parsed
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


def repo_path(path: Path) -> tuple[Path, PurePosixPath]:
    """The repository's top folder and ``path`` relative to it."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise GitError(f"{path}: no such folder")
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    return top, PurePosixPath(path.resolve().relative_to(top.resolve()).as_posix())


def _source_files(text: bytes) -> list[str]:
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, list):
        return []
    return [s["file"] for s in sources if isinstance(s, dict) and isinstance(s.get("file"), str)]


def materialise(rev: str, path: Path, into: Path) -> tuple[Path, str]:
    """Write the register ``path`` as of ``rev``, and its sources as of ``rev``, under ``into``.

    Returns the written register file and its display name (``REV:relative/path.yaml``). A source
    missing at ``rev`` is left out; validating the register then reports it.
    """
    top, rel = repo_path(path)
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except GitError:
        raise GitError(f"unknown revision {rev!r}") from None
    text = _git(["show", f"{rev}:{rel}"], top)
    target = into / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text)
    for name in _source_files(text):
        if not lexically_safe(name):
            continue  # refused by validation too: never looked up
        src = PurePosixPath(posixpath.normpath(str(rel.parent / name)))
        if src.is_absolute() or src.parts[:1] == ("..",):
            continue  # outside the repository: validation reports the missing source
        try:
            blob = _git(["show", f"{rev}:{src}"], top)
        except GitError:
            continue
        out = into / src
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob)
    return target, f"{rev}:{rel}"
