"""The fast path's screen of keys and flow collections that run over lines, where rapidyaml reads what libyaml refuses.

A key written without ``?`` (an implicit, "simple" key) must stay on one line and within 1,024
characters, and a comment may not stand inside a flow collection. rapidyaml reads ``a: "x\\n  y": 1``,
``{x\\n y: 1}``, a key of 1,100 characters and ``{\\n  b: c #}`` where libyaml refuses them; each test
here finds every text that may hold one (a few others too, which then take the strict builder: the
same data, more slowly) and costs a byte search or two on texts that hold none.
"""

from __future__ import annotations

import re

__all__ = ["keys_doubtful"]

# A closing quote that a colon follows, perhaps after spaces: the end of a quoted key (or a quote in text).
_QUOTE_THEN_COLON = {quote: re.compile(re.escape(quote) + rb"(?= *:)") for quote in (b'"', b"'")}
# A block scalar header ending its line: after a key, a dash or nothing, perhaps with a comment.
_BLOCK_HEADER = re.compile(rb"(?:^|- |: )[|>][+-]?(?: +#[^\n]*)?$")
_KEY_LIMIT = 1024  # libyaml: a simple key is at most 1,024 characters, from its first to the colon
_BLOCK = _KEY_LIMIT // 2  # every line of more than 1,024 bytes holds a whole 512-byte block with no line break
_KEEP_BRACKETS = bytes(range(256)).translate(None, b"[]{}\n")


def keys_doubtful(raw: bytes | bytearray) -> bool:
    """Whether ``raw`` may hold a key over two lines or over 1,024 characters, or a comment in a flow collection over lines."""
    return _quoted_key_over_lines(raw) or _long_key(raw) or _flow_over_lines_doubtful(raw)


def _quoted_key_over_lines(raw: bytes | bytearray) -> bool:
    """Whether a quote that a colon follows may close a scalar opened on an earlier line, outside a block scalar.

    On the line of a quoted key's closing quote, before it, stand its opening quote and pairs of
    quotes (other scalars, or ``''`` inside a single-quoted one): an odd number. An even number (none:
    only escaped ones, or ``''``) means the scalar opened on an earlier line, unless the line is the
    text of a block scalar (``note: >-`` above it), where a quoted phrase and a colon are only text.
    """
    for quote, pattern in _QUOTE_THEN_COLON.items():
        if quote not in raw:
            continue
        for found in pattern.finditer(raw):
            at = found.start()
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


def _flow_over_lines_doubtful(raw: bytes | bytearray) -> bool:
    """Whether a flow collection over several lines may hold a comment, or a key that its line does not open.

    Brackets that open and close on one line are taken away; if none is left, no flow collection runs
    over lines (``_comment_in_flow`` of ``ropa.loading.yaml_rapid`` reads the comments of those on one
    line). Otherwise each line inside one is read: a ``#`` may open a comment, and a colon on a line
    after one that ends in neither ``,`` nor an opening bracket may end a plain key begun above it.
    """
    brackets = raw.translate(None, _KEEP_BRACKETS)
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
