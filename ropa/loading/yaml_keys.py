"""The fast path's screen of keys (their colons, lines and length) and of flow collections over lines.

A colon apart from its key (``a :``, an empty key ``: x``) or against a flow indicator (``{a:}``) sends a
text to the strict builder at once. So do the texts where rapidyaml reads what libyaml refuses: a key
written without ``?`` (an implicit, "simple" key) must stay on one line and within 1,024 characters,
and a comment may not stand inside a flow collection, but rapidyaml reads ``a: "x\\n  y": 1``,
``{x\\n y: 1}``, a key of 1,100 characters and ``{\\n  b: c #}``. Each test here finds every text that
may hold one (a few others too, which then take the strict builder: the same data, more slowly) and
costs a byte search or two on texts that hold none.
"""

from __future__ import annotations

import re

__all__ = ["keys_doubtful"]

# A colon apart from its key (after a space or a line break: an empty key), against a flow indicator, or right
# after a quote: the end of a quoted key (or a quote in text). The colon opens the pattern: one pass at the
# speed of a byte search, where a pattern opening with a quote runs once per quote.
_COLON = re.compile(rb":(?:(?<=[ \n{\[,\"']:)|[,\]}])")
# A block scalar header ending its line: after a key, a dash or nothing (no comment before it), perhaps with a comment.
_BLOCK_HEADER = re.compile(rb"^(?!#)(?:(?:(?! #).)*?(?:- |: ))?[|>][+-]?(?: +#.*)?$")
_KEY_LIMIT = 1024  # libyaml: a simple key is at most 1,024 characters, from its first to the colon
_BLOCK = _KEY_LIMIT // 2  # every line of more than 1,024 bytes holds a whole 512-byte block with no line break


def keys_doubtful(raw: bytes | bytearray, shape: bytes | bytearray) -> bool:
    """Whether ``raw`` may hold a key over two lines or over 1,024 characters, or a comment in a flow collection over lines.

    ``shape`` is the text's brackets and line breaks alone.
    """
    return _colon_doubtful(raw) or _long_key(raw) or _flow_over_lines_doubtful(raw, shape)


def _colon_doubtful(raw: bytes | bytearray) -> bool:
    """Whether a colon stands apart from its key or against a flow indicator, or right after a quote that may
    close a key opened on an earlier line, outside a block scalar.

    On the line of a quoted key's closing quote, before it, stand its opening quote and pairs of
    quotes (other scalars, or ``''`` inside a single-quoted one): an odd number. An even number (none:
    only escaped ones, or ``''``) means the scalar opened on an earlier line, unless the line is the
    text of a block scalar (``note: >-`` above it), where a quoted phrase and a colon are only text.
    """
    for found in _COLON.finditer(raw):
        at = found.start() - 1
        quote = bytes(raw[at : at + 1]) if at >= 0 else b""
        if quote not in (b'"', b"'") or raw[at + 2 : at + 3] in (b",", b"]", b"}"):
            return True  # apart from its key, or against a flow indicator
        start = raw.rfind(b"\n", 0, at) + 1
        if _unescaped(raw, quote, start, at) % 2 == 0 and not _in_block_scalar(raw, start):
            return True
    return False


def _in_block_scalar(raw: bytes | bytearray, start: int) -> bool:
    """Whether the line from ``start`` may only be the text of a block scalar: the nearest line above it
    that is less indented (its owner) ends in a block scalar header (``|``, ``>-``, perhaps a comment)."""
    line = raw[start : raw.find(b"\n", start)]
    indent = len(line) - len(line.lstrip(b" "))
    end = start - 1
    while end > 0:
        begin = raw.rfind(b"\n", 0, end) + 1
        above = raw[begin:end].rstrip(b"\r ")
        text = above.lstrip(b" ")
        if text and len(above) - len(text) < indent:
            return _BLOCK_HEADER.search(text) is not None
        end = begin - 1
    return False


def _unescaped(raw: bytes | bytearray, quote: bytes, start: int, end: int) -> int:
    """How many ``quote`` marks in ``raw[start:end]`` no backslash escapes (for ``'``, all: YAML escapes it as ``''``).

    A double quote is escaped after an odd run of backslashes: counting it after runs of 0, 1, 2...
    backslashes with alternating signs counts each unescaped one once and each escaped one not at all.
    """
    if quote == b"'":
        return raw.count(quote, start, end)
    count, sign, run = 0, 1, quote
    while found := raw.count(run, start, end):
        count += sign * found
        sign, run = -sign, b"\\" + run
    return count


def _long_key(raw: bytes | bytearray) -> bool:
    """Whether a line of more than 1,024 bytes holds a colon further right than 1,024 bytes from its start.

    A key starts on its colon's line, and a character is at least one byte: a key of more than 1,024
    characters ends on such a line, beyond that point. Lines that long are found a block at a time.
    """
    find = raw.find
    for block in range(0, len(raw), _BLOCK):
        if find(b"\n", block, block + _BLOCK) >= 0:
            continue
        start = raw.rfind(b"\n", 0, block) + 1
        end = find(b"\n", block)
        end = len(raw) if end < 0 else end
        if end - start > _KEY_LIMIT and find(b":", start + _KEY_LIMIT, end) >= 0:
            return True
    return False


def _flow_over_lines_doubtful(raw: bytes | bytearray, shape: bytes | bytearray) -> bool:
    """Whether a flow collection over several lines may hold a comment, or a key that its line does not open.

    Brackets that open and close on one line are taken away; if none is left, no flow collection runs
    over lines (``_comment_in_flow`` of ``ropa.loading.yaml_screen`` reads the comments of those on one
    line). Otherwise each line inside one is read: a ``#`` may open a comment, and a colon on a line
    after one that ends in neither ``,`` nor an opening bracket may end a plain key begun above it.
    """
    brackets = shape
    while True:
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(brackets):
            break
        brackets = shorter
    if not brackets.strip(b"\n"):
        return False
    depth, before = 0, b""
    for line in bytes(raw).split(b"\n"):
        text = line.strip()
        if depth > 0 and text and (b"#" in text or (b":" in text and before[-1:] not in b",[{")):
            return True
        depth += line.count(b"[") + line.count(b"{") - line.count(b"]") - line.count(b"}")
        before = text or before
    return False
