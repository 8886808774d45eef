"""Word-level or sentence-level revisions: how a changed paragraph's differences are marked.

Word-level marks suit a small edit ('CM ~~Online~~ Groep B.V.'). When a sentence is rewritten,
word-level marks interleave the old and the new words ('~~Sent by~~ Internal knowledge
~~post~~; the board itself...') and neither version can be read. So the word-level changes are
grouped by the sentence they fall in, and a sentence whose changes go beyond a few words is
marked as its old text deleted, then its new text inserted, whole.

A sentence ends with '.', '!' or '?' (closing quotes and brackets may follow) before a word that
starts with a capital letter, or at a line break; an abbreviation such as 'B.V. (legal...)' or
'Art. 30' does not end one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ropa.render.changes.wordml import Atom

Opcode = tuple[str, int, int, int, int]

#: A sentence edited in more than this many words (or in a third of its words or more) is rewritten whole.
SMALL_EDIT = 3
_BREAKS = frozenset({"\n", "\f"})
_END = re.compile(r"[.!?][\"'”’)\]]*$")
_OPENING = "\"'“‘«"


def _ends_sentence(atoms: Sequence[Atom], k: int) -> bool:
    """Whether the atoms before index ``k`` end a sentence (or a line, or nothing comes before)."""
    k -= 1
    while k >= 0 and atoms[k].key.isspace() and atoms[k].key not in _BREAKS:
        k -= 1
    return k < 0 or atoms[k].key in _BREAKS or bool(_END.search(atoms[k].key))


def _starts_sentence(old: Sequence[Atom], new: Sequence[Atom], i: int, j: int) -> bool:
    """Whether a sentence starts at ``old[i]`` and ``new[j]`` (the same word, in a stretch both sides have)."""
    if j > 0 and new[j - 1].key in _BREAKS and i > 0 and old[i - 1].key in _BREAKS:
        return True
    word = new[j].key.lstrip(_OPENING)
    return word[:1].isupper() and _ends_sentence(new, j) and _ends_sentence(old, i)


def _words(atoms: Sequence[Atom]) -> int:
    return sum(1 for a in atoms if not a.key.isspace())


def _rewritten(group: Sequence[Opcode], old: Sequence[Atom], new: Sequence[Atom]) -> bool:
    """Whether a sentence's changes go beyond a small edit: two or more changes, and over a few words."""
    changes = [op for op in group if op[0] != "equal"]
    if len(changes) < 2:
        return False  # one deletion next to one insertion: nothing interleaves
    changed = sum(max(_words(old[i1:i2]), _words(new[j1:j2])) for _, i1, i2, j1, j2 in changes)
    return changed > SMALL_EDIT or 3 * changed >= _words(new[group[0][3] : group[-1][4]])


def by_sentence(ops: Sequence[Opcode], old: Sequence[Atom], new: Sequence[Atom]) -> list[Opcode]:
    """``ops`` (word-level differences of ``old`` and ``new``) with every rewritten sentence one replacement."""
    groups: list[list[Opcode]] = [[]]
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if tag != "equal":
            groups[-1].append(op)
            continue
        start = j1
        for j in range(j1, j2):
            if not new[j].key.isspace() and _starts_sentence(old, new, i1 + j - j1, j):
                if j > start:
                    groups[-1].append(("equal", i1 + start - j1, i1 + j - j1, start, j))
                groups.append([])
                start = j
        groups[-1].append(("equal", i1 + start - j1, i2, start, j2))
    out: list[Opcode] = []
    for group in groups:
        if not group or not _rewritten(group, old, new):
            out.extend(group)
            continue
        i2, j2 = group[-1][2], group[-1][4]
        space = 0  # the space before the next sentence stays unmarked
        while group[-1][0] == "equal" and j2 - space > group[-1][3] and new[j2 - space - 1].key.isspace():
            space += 1
        out.append(("replace", group[0][1], i2 - space, group[0][3], j2 - space))
        if space:
            out.append(("equal", i2 - space, i2, j2 - space, j2))
    return out
