"""Aligning two sequences of keys (a document's blocks, a table's rows) as difflib opcodes, in time
that grows with the length and the changes, not with the square of the length.

:class:`difflib.SequenceMatcher` finds the longest common stretch and recurses on either side of
it; each search visits every place in NEW where a key of OLD occurs. A register document repeats
many blocks (the same "Not stated in the source" under each activity), so on a register of
thousands of activities that is quadratic: minutes for a redline of 1,000 activities.

Two sequences with more than :data:`SMALL` pairs of positions are therefore first cut at their
common head and tail, then anchored on the keys that occur exactly once on each side, in the
longest order both sides agree on (patience diff); the stretches between anchors, short as a rule,
are aligned the same way, and each short one by SequenceMatcher. A stretch that is long and has
no anchor is left unaligned (replaced whole: the caller pairs its blocks by shape and similarity).
Short sequences go to SequenceMatcher whole, so a document of a few hundred blocks aligns exactly
as it always has.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]
Match = tuple[int, int, int]  # OLD index, NEW index, length

#: At most this many pairs of positions (len(old) x len(new)) are aligned by SequenceMatcher alone.
SMALL = 250_000


def opcodes(old: Sequence[Hashable], new: Sequence[Hashable], *, small: int | None = None) -> list[Opcode]:
    """How to turn ``old`` into ``new``: ``SequenceMatcher(None, old, new, autojunk=False).get_opcodes()``
    for short sequences, an anchored alignment in the same form for long ones (more than ``small``
    pairs of positions, :data:`SMALL` by default)."""
    small = SMALL if small is None else small
    if len(old) * len(new) <= small:
        return list(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    found: list[Match] = []
    _match(old, new, (0, len(old), 0, len(new)), small, found)
    return _opcodes(_joined(found), len(old), len(new))


def _match(a: Sequence[Hashable], b: Sequence[Hashable], span: tuple[int, int, int, int], small: int, out: list[Match]) -> None:
    """Append the matches of ``a[alo:ahi]`` and ``b[blo:bhi]`` to ``out``, in order."""
    alo, ahi, blo, bhi = span
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        out.append((alo, blo, 1))
        alo, blo = alo + 1, blo + 1
    tail = 0
    while alo < ahi - tail and blo < bhi - tail and a[ahi - 1 - tail] == b[bhi - 1 - tail]:
        tail += 1
    ahi, bhi = ahi - tail, bhi - tail
    if alo < ahi and blo < bhi:
        if (ahi - alo) * (bhi - blo) <= small:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        else:
            i, j = alo, blo
            for ai, bj in _anchors(a, b, (alo, ahi, blo, bhi)):
                _match(a, b, (i, ai, j, bj), small, out)
                out.append((ai, bj, 1))
                i, j = ai + 1, bj + 1
            if (i, j) != (alo, blo):  # no anchor: the stretch stays unaligned
                _match(a, b, (i, ahi, j, bhi), small, out)
    out.extend((ahi + k, bhi + k, 1) for k in range(tail))


def _anchors(a: Sequence[Hashable], b: Sequence[Hashable], span: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """Keys found once in ``a[alo:ahi]`` and once in ``b[blo:bhi]``: the longest run of them in the same order on both sides."""
    alo, ahi, blo, bhi = span
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1}
    pairs = [(i, where[a[i]]) for i in range(alo, ahi) if in_a[a[i]] == 1 and a[i] in where]
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (in OLD order) whose NEW indexes increase; the earliest such on a tie."""
    tops: list[int] = []  # the smallest NEW index ending an increasing run of each length
    ends: list[int] = []  # the pair at that position
    before: list[int] = []  # for each pair, the pair before it in its run (-1: none)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tops, j)
        if at == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[at], ends[at] = j, k
        before.append(ends[at - 1] if at else -1)
    out: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        out.append(pairs[k])
        k = before[k]
    return out[::-1]


def _joined(matches: list[Match]) -> list[Match]:
    """Adjacent matches as one."""
    out: list[Match] = []
    for i, j, n in matches:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            pi, pj, pn = out[-1]
            out[-1] = (pi, pj, pn + n)
        else:
            out.append((i, j, n))
    return out


def _opcodes(matches: list[Match], la: int, lb: int) -> list[Opcode]:
    """Opcodes from matches, as ``SequenceMatcher.get_opcodes`` builds them."""
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*matches, (la, lb, 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            out.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out
