"""Pairing the items of OLD with those of NEW: by id, then by name where ids differ.

An activity renamed in YAML (``customer-account`` -> ``accounts``) but still called "Customer
accounts" is the same activity to a reviewer; pairing it by name shows one changed activity
instead of one removed and one added. Names are compared case-insensitively, ignoring
punctuation and spacing, and only where the name is unique on both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

_WORD = re.compile(r"\w+")


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


@dataclass(frozen=True, slots=True)
class Pair(Generic[T]):
    """An item of OLD, of NEW, or of both; ``by`` says how they were matched."""

    old: T | None
    new: T | None
    by: str = ""


def name_key(name: str) -> str:
    """A name reduced to its words, lower case: 'Google Analytics (Google Inc.)' -> 'google analytics google inc'."""
    return " ".join(_WORD.findall(name.casefold()))


def pair(old: Sequence[T], new: Sequence[T]) -> list[Pair[T]]:
    """Every item of both sides, paired where possible, in NEW's order with removed items kept
    near the place they had in OLD."""
    new_by_id = {n.id: n for n in new}
    match: dict[int, tuple[int, str]] = {}  # old index -> (new index, how)
    new_index = {n.id: j for j, n in enumerate(new)}
    for i, o in enumerate(old):
        if o.id in new_by_id:
            match[i] = (new_index[o.id], "id")
    taken = {j for j, _ in match.values()}
    old_names = Counter(name_key(o.name) for o in old)
    new_names = Counter(name_key(n.name) for n in new)
    free_new = {name_key(n.name): j for j, n in enumerate(new) if j not in taken}
    for i, o in enumerate(old):
        key = name_key(o.name)
        if i not in match and key in free_new and old_names[key] == 1 and new_names[key] == 1:
            match[i] = (free_new.pop(key), "name")
    by_new = {j: (i, how) for i, (j, how) in match.items()}
    out: list[Pair[T]] = []
    next_old = 0
    emitted: set[int] = set()
    for j, n in enumerate(new):
        if j in by_new:
            i, how = by_new[j]
            while next_old < i:
                if next_old not in match and next_old not in emitted:
                    out.append(Pair(old[next_old], None))
                    emitted.add(next_old)
                next_old += 1
            out.append(Pair(old[i], n, how))
            next_old = max(next_old, i + 1)
        else:
            out.append(Pair(None, n))
    out.extend(Pair(old[i], None) for i in range(len(old)) if i not in match and i not in emitted)
    return out
