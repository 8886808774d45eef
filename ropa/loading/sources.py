"""Where a register's source texts are, decided once: a regular file inside the register's folder.

A source path comes from the register, that is from whoever wrote the YAML. Every reader (the
quote check, the findings cache, ``ropa diff --rev``) goes through :func:`resolve` and opens only
the path it returns, so a path the validator refuses is never opened anywhere: not an absolute
path, not one with ``..``, not a link that leads out of the folder, not a device or a folder, not
a file too large to be a policy text. This module must stay cheap to import (the cache uses it).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

MAX_BYTES = 32 * 1024 * 1024  # the register's own limit: a policy text is far smaller


def lexically_safe(file: str) -> bool:
    """True when ``file`` is a relative path that does not climb out of its folder, on any platform."""
    path = PurePosixPath(file.replace("\\", "/"))
    return bool(file) and not path.is_absolute() and ".." not in path.parts and ":" not in file and "\0" not in file


def resolve(base_dir: Path, file: str) -> tuple[Path | None, str | None]:
    """The real path of source ``file`` of a register in ``base_dir``, or None and why it is refused.

    Links are followed, then the target must still be inside ``base_dir`` (itself resolved) and
    be a regular file of at most :data:`MAX_BYTES`.
    """
    if not lexically_safe(file):
        return None, f"source path `{file}` must be relative to the register and stay inside its folder"
    try:
        folder = base_dir.resolve(strict=True)
        target = (folder / file).resolve(strict=True)
    except FileNotFoundError:
        return None, f"source file `{file}` does not exist next to the register"
    except (OSError, RuntimeError) as exc:  # a loop of links, a name too long, no permission
        return None, f"source file `{file}` cannot be read: {getattr(exc, 'strerror', None) or exc}"
    if not target.is_relative_to(folder):
        return None, f"source path `{file}` leads outside the register's folder (through a link); copy the text next to the register"
    problem = _unfit(target, file)
    return (None, problem) if problem else (target, None)


def _unfit(target: Path, file: str) -> str | None:
    """Why the resolved ``target`` cannot be a source text, or None when it can."""
    try:
        info = target.stat()
    except OSError as exc:
        return f"source file `{file}` cannot be read: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return f"source path `{file}` is not a regular file"
    if info.st_size > MAX_BYTES:
        return f"source file `{file}` is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}"
    return None


def read_bytes(path: Path) -> bytes:
    """The bytes of a path :func:`resolve` returned, reading at most :data:`MAX_BYTES` (it may have grown since)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(0, f"larger than {MAX_BYTES:,} bytes")
    return data


def read_text(base_dir: Path, file: str) -> tuple[str | None, str | None]:
    """The text of source ``file`` as a person reads it (a page's visible text, a Word document's paragraphs), or None and why not.

    The file is found and read only through :func:`resolve` and :func:`read_bytes`; the text is
    extracted by ``ropa.loading.extract`` (imported here, not at the top: the cache needs only bytes).
    """
    path, problem = resolve(base_dir, file)
    if path is None:
        return None, problem
    try:
        data = read_bytes(path)
    except OSError as exc:
        return None, f"source file `{file}` cannot be read: {exc.strerror}"
    from ropa.loading.extract import UnreadableError, text_of  # noqa: PLC0415 - the cache imports this module for bytes only

    try:
        return text_of(file, data), None
    except UnreadableError as exc:
        return None, str(exc)
