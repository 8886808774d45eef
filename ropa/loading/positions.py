"""Where each value of a loaded YAML document sits, to map document paths back to lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ropa.findings import Loc


@dataclass(slots=True)
class Positions:
    """Where each value of a loaded document sits, for mapping document paths to lines."""

    root: Any = None
    # id(container) -> {key or index: (line, column)} of the value (1-based)
    marks: dict[int, dict[Any, tuple[int, int]]] = field(default_factory=dict)
    # id(mapping) -> {key: (line, column)} of the key itself
    keys: dict[int, dict[str, tuple[int, int]]] = field(default_factory=dict)
    start: dict[int, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc) -> tuple[int, int, Loc]:
        """Return line, column and the part of ``loc`` that exists in the document.

        Segments that name no key (pydantic's union branch tags) are skipped; a missing
        key stops the walk at the mapping that should hold it.
        """
        line, col, found, _ = self.walk(loc)
        return line, col, found

    def walk(self, loc: Loc) -> tuple[int, int, Loc, Loc]:
        """Like ``locate``, and also ``loc`` without union branch tags (the path a person reads)."""
        found, clean = split_path(self.root, loc)
        node: Any = self.root
        line, col = self.start.get(id(node), (1, 1))
        for part in found:
            line, col = self.marks[id(node)][part]
            node = node[part]
        return line, col, found, clean

    def key_position(self, loc: Loc) -> tuple[int, int] | None:
        """Position of the key at the end of ``loc`` (for unknown or duplicate keys)."""
        key = loc[-1] if loc else None
        if not isinstance(key, str):
            return None
        _, _, found = self.locate(loc[:-1])
        node: Any = self.root
        for part in found:
            node = node[part]
        if isinstance(node, dict):
            return self.keys.get(id(node), {}).get(key)
        return None


def split_path(root: Any, loc: Loc) -> tuple[Loc, Loc]:
    """The part of ``loc`` that exists in the document, and ``loc`` without union branch tags.

    Segments that name no key (pydantic's union branch tags) are skipped; a missing key stops the walk at the
    mapping that should hold it.
    """
    node: Any = root
    found: list[str | int] = []
    clean: list[str | int] = []
    walking = True
    for part in loc:
        exists = isinstance(node, dict) and part in node
        exists = exists or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        if walking and exists:
            node = node[part]
            found.append(part)
        elif isinstance(part, str) and _is_branch(part):
            continue
        else:
            walking = False
        clean.append(part)
    return tuple(found), tuple(clean)


def _is_branch(part: str) -> bool:
    return part[:1].isupper() or "[" in part or part in BRANCH_TAGS


#: Discriminator tags used by the models' unions; they appear in pydantic error paths.
BRANCH_TAGS = {"stated", "not_stated", "none", "not_applicable"}
