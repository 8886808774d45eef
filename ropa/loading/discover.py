"""Which files are registers: explicit paths, folders searched, or everything under policies/."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

DEFAULT_ROOT = Path("policies")
_SUFFIXES = {".yaml", ".yml"}
_MARKER = re.compile(rb"^ropa:", re.MULTILINE)


def is_register(path: Path) -> bool:
    """A YAML file whose top level has the ``ropa:`` format key."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return bool(_MARKER.search(head))


def registers_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in _SUFFIXES and p.is_file() and is_register(p))


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand the command line into register files, sorted and without repeats.

    A folder is searched for registers; a YAML file is taken as a register; any other file
    (a policy text whose wording changed, say) brings in the registers of its folder, so that
    quotes are re-checked whichever files a pre-commit batch holds.
    """
    found: set[Path] = set()
    given = list(paths)
    if not given:
        return registers_in(DEFAULT_ROOT) if DEFAULT_ROOT.is_dir() else []
    for path in given:
        if path.is_dir():
            found.update(registers_in(path))
        elif path.suffix in _SUFFIXES:
            found.add(path)
        elif path.exists():
            found.update(p for p in path.parent.glob("*") if p.suffix in _SUFFIXES and is_register(p))
        else:
            found.add(path)  # reported as unreadable by the loader
    return sorted(found)
