"""The screen of the fast path (``ropa.loading.yaml_rapid``): which texts rapidyaml may read, on their UTF-8 bytes.

A text passes where nothing in it is read otherwise by rapidyaml than by libyaml, or refused by one
and not the other (the list is in ``yaml_rapid``'s docstring). Every test is a byte search, a pattern
that opens with a byte (so it runs at about the speed of one), or a count; the bytes several tests
count (brackets, line breaks, colons, commas, lead bytes of U+0300 and above) are kept in one pass
(``counted``), which also gives ``ropa.loading.yaml_keys`` the shape of the flow collections and
``node_estimate`` the size of rapidyaml's tree.
"""

from __future__ import annotations

import re
import unicodedata

from ropa.loading.yaml_chars import SUSPECT_BYTES
from ropa.loading.yaml_events import MAX_DEPTH
from ropa.loading.yaml_keys import keys_doubtful

__all__ = ["counted", "node_estimate", "screen"]

# Each of these bytes sends the text to the libyaml builders if its pattern finds it in a doubtful place:
# after white space, a flow indicator or at the start of the text. Each pattern opens with its byte and
# looks behind it, so the search runs at the speed of a byte search (~4 ms for 13 MB) even where the
# byte is common in prose ("Terms & conditions", a question in a note), where a pattern opening with
# the alternation costs ~300 ms.
# The telltales of the marks of ``_NODE_MARKS`` share its patterns (one search of the byte, not two).
_TELLTALES = {
    b"!": re.compile(rb"!(?<![^\s\[{,]!)"),  # a tag
    b"?": re.compile(rb"\?(?<![^\s\[{,]\?)"),  # an explicit key
    b"\\": re.compile(rb"\\(?![\"\\])"),  # an escape other than \" and \\
    b"\r": re.compile(rb"\r(?!\n)"),  # a lone CR, a line break for libyaml only
    b"\t": re.compile(rb"\t"),  # tabs (their rules are the builders' job)
}
# A block collection can start no further right than the run of spaces and dashes opening its line,
# and every two levels of block nesting move one column right, so lines opening with fewer than
# ``_BLOCK_RUN`` spaces and dashes nest block collections at most 2 * _BLOCK_RUN levels deep.
_BLOCK_RUN = 17
# Found anywhere, a document marker or a line that may open deep block nesting sends the text to the libyaml
# builders (one search of the line breaks; a colon apart from its key: ``ropa.loading.yaml_keys``).
_ANYWHERE = re.compile(rb"\n(?:---|\.\.\.|[ -]{%d})" % _BLOCK_RUN)


# What follows a telltale mark of ``_NODE_MARKS`` where it sends the text to the libyaml builders wherever
# it is found: an anchor, an alias (after white space, a flow indicator or at the start), a directive.
_TELLTALE_MARKS = {
    ord("&"): rb"(?<![^\s\[{,]\&)(?=[^\s\]},])",
    ord("*"): rb"(?<![^\s\[{,]\*)(?=[^\s\]},])",
    ord("%"): rb"(?<![^\n]\%)",
}


def _node_mark(mark: int, openers: bytes) -> re.Pattern[bytes]:
    """The pattern of ``_NODE_MARKS`` for ``mark``, doubtful after one of ``openers`` (escaped for a class).

    Where ``mark`` has a telltale (``_TELLTALE_MARKS``), the pattern finds it too, first, as group ``telltale``.
    """
    m = b"\\%c" % mark
    not_after_text = b"(?<![^ %s\\-?\\n]%s)" % (openers, m)  # nothing but a space, an indicator or a break before it
    kept = (
        b"(?<=[%s\\n]%s)" % (openers, m),  # right after an indicator or a line break
        b"(?<=[%s\\-?\\n] %s)" % (openers, m),  # one space after one ("- " and "? " too)
        b"(?<=  %s)" % m,  # two spaces after anything
        b"(?<![\\x00-\\xff]%s)" % m,  # at the start of the text
    )
    # A block scalar header with more than a chomping indicator and a comment, or a comment holding + or -
    # (rapidyaml reads ``| # a-b`` as ``|-``).
    header_goes_on = rb"(?![+-]?(?: +#[^\n+-]*| *)\r?\n)" if mark in b"|>" else b""
    telltale = b"%s(?P<telltale>)|" % _TELLTALE_MARKS[mark] if mark in _TELLTALE_MARKS else b""
    return re.compile(m + b"(?:" + telltale + not_after_text + b"(?:" + b"|".join(kept) + b")" + header_goes_on + b")")


# Marks that libyaml refuses where a node starts (``a: @x``, ``[%x]``, ``- ]``, an anchor or alias without a
# name: ``a: &``, a block scalar header with an indentation indicator or other text: ``a: >1.5``), and a
# closing bracket opening a line (rapidyaml keeps a blank line before it: ``{a: x\n\n}`` reads "x\n").
# Each pattern opens with its mark (a byte search) and keeps those right after an indicator or a line break,
# one space after one ("- " and "? " too), two spaces after anything, or at the start; ``_mark_opens_node``
# reads the line before each.
_NODE_MARKS = {
    mark: (_node_mark(mark, openers), openers.replace(b"\\", b""))
    for marks, openers in ((b"&*%@`|>", rb":\[{,"), (b"]}", b":,"))
    for mark in marks
}
# What the text may not open with: a directive, a document marker, a colon, a line of deep nesting.
_START = re.compile(rb"%%|---|\.\.\.|:|[ -]{%d}" % _BLOCK_RUN)
# Every byte of UTF-8 text but the lead bytes of U+0300 and above: a text of letters below the combining
# marks (ASCII, Latin-1, Latin Extended: å, ö, é, ł) is in NFC whatever it holds.
_BELOW_COMBINING = bytes(range(0xCC))
# Characters from U+2002 to U+20CF (general punctuation, super- and subscripts, currency signs: curly quotes,
# dashes, ellipsis, euro) are starters that NFC keeps as they are and composes with nothing, like those below
# U+0300; in UTF-8 they are E2 80 82 to E2 83 8F. This pattern finds any other character with lead byte E2.
_E2_BUT_PUNCTUATION = re.compile(rb"\xe2(?!\x80[\x82-\xbf]|[\x81\x82]|\x83[\x80-\x8f])")
# The bytes that the screen and ``node_estimate`` count, kept in one pass over the text (``counted``): flow
# brackets, line breaks, colons, commas, the lead bytes of U+0300 and above, and the bytes that can start a
# refused character (``yaml_chars.may_hold_forbidden`` reads them from the same pass).
_COUNTED = b"[]{}\n:," + bytes(range(256)).translate(None, _BELOW_COMBINING) + SUSPECT_BYTES
_ALL_BUT_COUNTED = bytes(range(256)).translate(None, _COUNTED)
_ALL_BUT_BRACKETS_AND_BREAKS = bytes(range(256)).translate(None, b"[]{}\n")


def counted(raw: bytes | bytearray) -> bytes | bytearray:
    """The bytes of ``_COUNTED`` in ``raw``, in order: what ``screen``, ``node_estimate`` and ``may_hold_forbidden`` count, in one pass."""
    return raw.translate(None, _ALL_BUT_COUNTED)


def screen(raw: bytes | bytearray, text: str, marks: bytes | bytearray | None = None) -> bool:
    """Whether ``raw`` (``text`` in UTF-8) may take the fast path (see the module's docstring).

    ``marks`` is ``counted(raw)`` where the caller has it.
    """
    for byte, pattern in _TELLTALES.items():
        if byte in raw and pattern.search(raw):
            return False
    if _ANYWHERE.search(raw) or _START.match(raw):
        return False
    if not raw.endswith(b"\n") or "\u2028" in text or "\u2029" in text:
        return False  # a block scalar at the very end reads otherwise; U+2028 and U+2029 are line breaks for libyaml only
    if marks is None:
        marks = counted(raw)
    shape = marks.translate(None, _ALL_BUT_BRACKETS_AND_BREAKS)  # where flow collections open and close, and the lines
    if _comment_in_flow(raw) or _mark_opens_node(raw) or keys_doubtful(raw, shape):
        return False
    if not marks.isascii() and not _normal_below_combining(raw, marks) and not unicodedata.is_normalized("NFC", text):
        return False
    return _flow_depth(shape.replace(b"\n", b"")) <= MAX_DEPTH - 2 * _BLOCK_RUN


def _normal_below_combining(raw: bytes | bytearray, marks: bytes | bytearray) -> bool:
    """Whether every character of ``raw`` lies below U+0300 or in U+2002-U+20CF, so the text is in NFC.

    ``marks`` holds every lead byte of U+0300 and above; where all are E2, a search of the E2 sequences
    (curly quotes and dashes are common in prose) spares the NFC check of the whole text (~20 ms for 13 MB).
    """
    high = marks.translate(None, _BELOW_COMBINING)
    return not high or (high.count(b"\xe2") == len(high) and not _E2_BUT_PUNCTUATION.search(raw))


def _comment_in_flow(raw: bytes | bytearray) -> bool:
    """Whether a comment may stand inside a flow collection (rapidyaml reads ``{a: b #c}`` where libyaml refuses it).

    Each ``#`` is found by a byte search (``" #"`` as a needle costs a slow pass) and kept if a space is before it.
    """
    at = raw.find(b"#", 1)
    while at >= 0:
        if raw[at - 1] == 0x20:
            line = raw[raw.rfind(b"\n", 0, at - 1) + 1 : at - 1]
            if line.count(b"[") + line.count(b"{") > line.count(b"]") + line.count(b"}"):
                return True
        at = raw.find(b"#", at + 1)
    return False


def _mark_opens_node(raw: bytes | bytearray) -> bool:
    """Whether a mark of ``_NODE_MARKS`` may open a node (an indicator before it on its line, or nothing), or a closing bracket
    opens a line; or the text holds a telltale mark (``_TELLTALE_MARKS``)."""
    for mark, (pattern, openers) in _NODE_MARKS.items():
        if mark not in raw:
            continue
        for found in pattern.finditer(raw):
            if pattern.groups and found.group("telltale") is not None:
                return True  # an anchor, an alias or a directive
            at = found.start()
            start = raw.rfind(b"\n", 0, at) + 1
            before = raw[start:at].rstrip(b" ")
            if not before:
                if mark in b"]}" or _line_start_opens_node(raw, start, at):
                    return True
            elif before[-1] in openers or (before[-1] in b"-?" and raw[at - 1] == 0x20):  # "- " and "? " need their space
                return True
    return False


def _line_start_opens_node(raw: bytes | bytearray, start: int, at: int) -> bool:
    """Whether the mark at ``at``, first on the line from ``start``, may open a node rather than go on a plain scalar.

    It may where its line holds a key (``@x: 1``), or the line before ends in an indicator (``[a,\\n @b]``),
    holds a comment (``a: # c``), stands further right (the text of a block scalar that ends there:
    ``a: >\\n  x\\n&``) or holds a key no further left (``a: x\\n&``: a plain scalar goes on only right of its key);
    a line of prose that goes on a multi-line plain scalar (a backtick opening it) does not.
    """
    end = raw.find(b"\n", at)
    line = raw[at : len(raw) if end < 0 else end].rstrip(b"\r ")
    if b": " in line or line.endswith(b":"):
        return True
    end_before = start
    while end_before and raw[end_before - 1] in b" \r\n":  # back over blank lines
        end_before -= 1
    before = raw[raw.rfind(b"\n", 0, end_before) + 1 : end_before]  # the last line that is not blank
    column = at - start
    further_right = len(before) - len(before.lstrip(b" ")) > column
    no_further_than_key = b": " in before and column <= len(before) - len(before.lstrip(b" -"))  # "a: x\n&": not "a"'s text
    return not before or b"#" in before or before[-1:] in b":-?[{," or further_right or no_further_than_key  # "a: # c" too


def _flow_depth(brackets: bytes | bytearray) -> int:
    """An upper bound of the nesting of flow collections from the text's brackets alone (brackets in quoted text
    count too), or a large number."""
    depth = 0
    while brackets:
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(brackets):
            return MAX_DEPTH + 1  # unbalanced (brackets inside quoted text): no bound
        brackets = shorter
        depth += 1
        if depth > MAX_DEPTH:
            break
    return depth


def node_estimate(raw: bytes | bytearray, marks: bytes | bytearray | None = None) -> int:
    """About as many nodes as rapidyaml's tree of ``raw`` will hold, a little more rather than less.

    Every node but the root is a key with its value, or a list item: a colon, or a dash, a comma or an
    opening bracket before it. A comma that the next colon follows, with no bracket and at most one line
    break between, parts the entries of a flow mapping (``{a: x, b: y}``), whose colons count already, or
    stands in the text of a value before the next key (``name: Orders, unit 3``): it is left out (one
    that a blank line parts from the colon counts: the estimate runs over). Colons and commas in other
    text count, so the estimate runs over (1.16-1.26x on the shipped registers, 1.09x on the synthetic
    ones). It runs under by a node for each item of a flow sequence of one-entry mappings (``[a: 1, b: 2]``)
    and each dash alone on its line, which the margin of a sixteenth covers where they are few (too small a
    tree costs time, not correctness). A tree that grows on its own
    doubles as it fills, copying itself each time: reserved once, a 10,000-activity register parses in
    half the time, in two thirds of the memory; each node reserved costs 144 bytes the kernel must map.
    Colons, commas and brackets are counted in ``marks`` (``counted(raw)``, which the caller may have).
    """
    if marks is None:
        marks = counted(raw)
    colons, commas = marks.count(b":"), marks.count(b",") - marks.count(b",:") - marks.count(b",\n:")
    nodes = colons + raw.count(b"- ") + commas + marks.count(b"[")
    return nodes + nodes // 16 + 16
