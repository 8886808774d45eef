"""The fast path of loading: rapidyaml parses, its JSON emitter hands the data to ``json.loads``.

It is taken only for a mapping document that a cheap screen (``screen``, on the UTF-8 bytes, tens
of milliseconds for 13 MB) finds plain: no anchors, aliases, tags, directives, document markers,
explicit or empty keys, colons apart from their key, comments inside a flow collection, tabs,
escapes other than ``\\"`` and ``\\\\``, line breaks other than LF and CR LF, a last line without
one, text that is not NFC, lines that could open nesting past ``MAX_DEPTH``, marks that cannot open a
node where one may start (``a: @x``, ``[%x]``, ``a: &``, ``- ]``), block scalar headers with an
indentation indicator, a line opening with a closing bracket (rapidyaml keeps a blank line before it), or a
key over two lines or 1,024 characters, or a comment in a flow collection over lines (``ropa.loading.yaml_keys``). The JSON is
doubted where it may blur a scalar: a plain ``~``, ``Null`` or ``True`` comes out as the quoted
text, and a float may be rewritten (``.5`` as ``0.5``), so those, duplicate keys, and anything
rapidyaml or ``json.loads`` refuses return ``SUSPECT`` and go to the builders of
``ropa.loading.yaml_events``. They stay the reference: the same text gives the same data and
positions, or the same finding, either way (tests/test_load_rapid.py: generated registers, the
YAML test suite, the shipped registers).

Positions come from the tree rapidyaml keeps (``ropa.loading.tree_positions``): no second parse.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from ropa.loading.tree_positions import TreePositions
from ropa.loading.yaml_events import MAX_DEPTH, SUSPECT
from ropa.loading.yaml_keys import keys_doubtful
from ropa.loading.yaml_scalars import INT_PATTERN


@cache
def _rapidyaml() -> Any:
    """rapidyaml, imported on first use (20 ms that a warm ``ropa validate`` does not pay), or None."""
    try:
        import ryml  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a dependency; without it every file takes the libyaml path
        return None
    return ryml


__all__ = ["build_rapid", "node_estimate", "screen"]

# Each of these bytes sends the text to the libyaml builders if its pattern finds it in a doubtful place:
# after white space, a flow indicator or at the start of the text. Each pattern opens with its byte and
# looks behind it, so the search runs at the speed of a byte search (~4 ms for 13 MB) even where the
# byte is common in prose ("Terms & conditions", a question in a note), where a pattern opening with
# the alternation costs ~300 ms.
_TELLTALES = {
    b"&": re.compile(rb"&(?<![^\s\[{,]&)[^\s\]},]"),  # an anchor
    b"*": re.compile(rb"\*(?<![^\s\[{,]\*)[^\s\]},]"),  # an alias
    b"!": re.compile(rb"!(?<![^\s\[{,]!)"),  # a tag
    b"?": re.compile(rb"\?(?<![^\s\[{,]\?)"),  # an explicit key
    b"\\": re.compile(rb"\\(?![\"\\])"),  # an escape other than \" and \\
    b"\r": re.compile(rb"\r(?!\n)"),  # a lone CR, a line break for libyaml only
    b"%": re.compile(rb"%(?<![^\n]%)"),  # a directive
    b"\t": re.compile(rb"\t"),  # tabs (their rules are the builders' job)
}
# Each found anywhere sends the text to the libyaml builders (each search runs at memchr speed or close).
# (A colon apart from its key: ``ropa.loading.yaml_keys``.)
_ANYWHERE = (
    re.compile(rb"\n(?:---|\.\.\.)"),  # a document marker
    re.compile(rb"\n[ -]{17}"),  # a line that may open deep block nesting (see _BLOCK_RUN)
)


def _node_mark(mark: int, openers: bytes) -> re.Pattern[bytes]:
    """The pattern of ``_NODE_MARKS`` for ``mark``, doubtful after one of ``openers`` (escaped for a class)."""
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
    return re.compile(m + not_after_text + b"(?:" + b"|".join(kept) + b")" + header_goes_on)


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
# Plain scalars that the JSON emitter turns into quoted strings or rewrites (``inf`` as ``.inf``, ``.NaN`` as
# ``.nan``), and keys it reads with the spaces before them (a key further right than its mapping's):
# one search of the JSON, with its quotes (the class first: as fast as the quotes alone were).
_BLURRED_JSON = re.compile(r'"(?=[~NTF.\-\s])(?:(?:~|Null|NULL|True|TRUE|False|FALSE|-?\.inf|\.nan)"|\s(?:[^"\\]|\\.)*": )')
# A block collection can start no further right than the run of spaces and dashes opening its line,
# and every two levels of block nesting move one column right, so lines opening with fewer than
# ``_BLOCK_RUN`` spaces and dashes nest block collections at most 2 * _BLOCK_RUN levels deep.
_BLOCK_RUN = 17
_START = re.compile(rb"%%|---|\.\.\.|:|[ -]{%d}" % _BLOCK_RUN)
_ALL_BUT_BRACKETS_AND_BREAKS = bytes(range(256)).translate(None, b"[]{}\n")
# Every byte of UTF-8 text but the lead bytes of U+0300 and above: a text of letters below the combining
# marks (ASCII, Latin-1, Latin Extended: å, ö, é, ł) is in NFC whatever it holds.
_BELOW_COMBINING = bytes(range(0xCC))


def screen(raw: bytes | bytearray, text: str) -> bool:
    """Whether ``raw`` (``text`` in UTF-8) may take the fast path (see the module's docstring)."""
    for byte, pattern in _TELLTALES.items():
        if byte in raw and pattern.search(raw):
            return False
    if any(pattern.search(raw) for pattern in _ANYWHERE) or _START.match(raw):
        return False
    if not raw.endswith(b"\n") or "\u2028" in text or "\u2029" in text:
        return False  # a block scalar at the very end reads otherwise; U+2028 and U+2029 are line breaks for libyaml only
    shape = raw.translate(None, _ALL_BUT_BRACKETS_AND_BREAKS)  # where flow collections open and close, and the lines
    if _comment_in_flow(raw) or _mark_opens_node(raw) or keys_doubtful(raw, shape):
        return False
    if not raw.isascii() and raw.translate(None, _BELOW_COMBINING) and not unicodedata.is_normalized("NFC", text):
        return False
    return _flow_depth(shape.replace(b"\n", b"")) <= MAX_DEPTH - 2 * _BLOCK_RUN


def _comment_in_flow(raw: bytes | bytearray) -> bool:
    """Whether a comment may stand inside a flow collection (rapidyaml reads ``{a: b #c}`` where libyaml refuses it)."""
    at = raw.find(b" #")
    while at >= 0:
        line = raw[raw.rfind(b"\n", 0, at) + 1 : at]
        if line.count(b"[") + line.count(b"{") > line.count(b"]") + line.count(b"}"):
            return True
        at = raw.find(b" #", at + 2)
    return False


def _mark_opens_node(raw: bytes | bytearray) -> bool:
    """Whether a mark of ``_NODE_MARKS`` may open a node (an indicator before it on its line, or nothing), or a closing bracket opens a line."""
    for mark, (pattern, openers) in _NODE_MARKS.items():
        if mark not in raw:
            continue
        for found in pattern.finditer(raw):
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


class _DoubtError(Exception):
    """Raised inside ``json.loads`` when the JSON does not say what the YAML said."""


class _KeyCount:
    """Counts the keys of every mapping ``json.loads`` makes, as its ``object_hook``.

    A duplicate key leaves one fewer key in its mapping than the JSON text names, which is how
    ``build_rapid`` finds one without handing every mapping's pairs to Python (a fifth of the load).
    """

    def __init__(self) -> None:
        self.keys = 0

    def __call__(self, mapping: dict[str, Any]) -> dict[str, Any]:
        self.keys += len(mapping)
        return mapping


def _integer(digits: str) -> Any:
    return int(digits) if INT_PATTERN.fullmatch(digits) else digits


def _doubt(_: str) -> Any:
    raise _DoubtError  # a float or NaN: the emitter may have rewritten it (.5 -> 0.5)


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to the null device for the block (where there is one to send)."""
    if sys.stderr is not None:
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all: nothing to keep quiet
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def build_rapid(text: str, buffer: bytearray | None = None) -> tuple[Any, TreePositions] | object:
    """The data and positions of a screened ``text``, or ``SUSPECT``.

    ``buffer``, the text in UTF-8 if the caller has it already, is parsed in place (and so changed).
    """
    if buffer is None:
        buffer = bytearray(text, "utf-8")
    ryml = _rapidyaml()
    if ryml is None or not screen(buffer, text):
        return SUSPECT
    parsed = _parse(ryml, buffer)
    if parsed is None:
        return SUSPECT
    tree, emitted = parsed
    counted = _KeyCount()
    try:
        data = json.loads(emitted, object_hook=counted, parse_int=_integer, parse_float=_doubt, parse_constant=_doubt)
    except (_DoubtError, ValueError, RecursionError):
        return SUSPECT
    if counted.keys != _keys_named(emitted):
        return SUSPECT  # a duplicate key: the libyaml builder reports it where it stands
    return data, TreePositions(data, tree, buffer, text)


def _keys_named(emitted: str) -> int:
    """How many keys the JSON ``emitted`` names: each ends in a quote that no backslash escapes, then `: `.

    Inside a string a quote is escaped (preceded by an odd run of backslashes; a key may end in escaped
    backslashes, an even run), so counting `": ` after runs of 0, 1, 2... backslashes with alternating
    signs counts each unescaped one once and each escaped one not at all.
    """
    named, sign, run = 0, 1, ""
    while found := emitted.count(run + '": '):
        named += sign * found
        sign, run = -sign, run + "\\"
    return named


def node_estimate(raw: bytes | bytearray) -> int:
    """About as many nodes as rapidyaml's tree of ``raw`` will hold, a little more rather than less.

    Every node but the root is a key with its value, or a list item: a colon, or a dash, a comma or an
    opening bracket before it (colons and commas in text count too, so the estimate runs over: 1.05-1.2x
    on the shipped registers). A tree that grows on its own doubles as it fills, copying itself each time:
    reserved once, a 10,000-activity register parses in half the time, in two thirds of the memory.
    """
    marks = raw.count(b":") + raw.count(b"- ") + raw.count(b",") + raw.count(b"[")
    return marks + marks // 16 + 16


def _parse(ryml: Any, buffer: bytearray) -> tuple[Any, str] | None:
    """rapidyaml's tree of a mapping document and its JSON, or None where it refuses or may blur a scalar."""
    try:
        with _quiet_stderr():  # rapidyaml writes its errors to file descriptor 2 before raising
            tree = ryml.Tree()
            tree.reserve(node_estimate(buffer))
            ryml.parse_in_place(buffer, tree=tree)
            root = tree.root_id()
            if not tree.is_map(root) or tree.is_stream(root) or tree.num_children(root) == 0:
                return None
            emitted: str = ryml.emit_json_malloc(tree, root)
    except Exception:  # any refusal of rapidyaml sends the text to the reference builder
        return None
    if _BLURRED_JSON.search(emitted):
        return None
    return tree, emitted
