"""The fast path of loading: rapidyaml parses, its JSON emitter hands the data to ``json.loads``.

It is taken only for a mapping document that a cheap screen (``ropa.loading.yaml_screen``, on the UTF-8 bytes, tens
of milliseconds for 13 MB) finds plain: no anchors, aliases, tags, directives, document markers,
explicit or empty keys, colons apart from their key, comments inside a flow collection, tabs,
escapes other than ``\\"`` and ``\\\\``, line breaks other than LF and CR LF, a last line without
one, text that is not NFC, lines that could open nesting past ``MAX_DEPTH``, marks that cannot open a
node where one may start (``a: @x``, ``[%x]``, ``a: &``, ``- ]``), block scalar headers with an
indentation indicator, a line opening with a closing bracket (rapidyaml keeps a blank line before it), or a
key over two lines or 1,024 characters, or a comment in a flow collection over lines (``ropa.loading.yaml_keys``). The JSON is
doubted where it may blur a scalar: a plain ``~``, ``Null`` or ``True`` comes out as the quoted
text, a float may be rewritten (``.5`` as ``0.5``, ``inf`` as ``.inf``), and a key may be read with the
spaces before it (a key further right than its mapping's), so those, duplicate keys, and anything
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from ropa.loading.tree_positions import TreePositions
from ropa.loading.yaml_events import SUSPECT
from ropa.loading.yaml_scalars import INT_PATTERN
from ropa.loading.yaml_screen import counted, node_estimate, screen


@cache
def _rapidyaml() -> Any:
    """rapidyaml, imported on first use (20 ms that a warm ``ropa validate`` does not pay), or None."""
    try:
        import ryml  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a dependency; without it every file takes the libyaml path
        return None
    return ryml


__all__ = ["build_rapid"]

# Plain scalars that the JSON emitter turns into quoted strings (``"~"``, ``"Null"``, ``"True"``...) or rewrites
# (``inf`` as ``".inf"``, ``.NaN`` as ``".nan"``), and keys it reads with the spaces before them (a key further
# right than its mapping's: ``" c": ``), each searched in the UTF-8 JSON where a byte search finds what the
# pattern opens with. Each scalar's pattern opens with its first characters and looks behind them for the
# quote: a search for the quote itself stops at every string of the JSON (~30 ms for 10,000 activities,
# against ~5 ms each). The JSON is on one line: a quote then a space opens a string (a closing quote is
# followed by ``:``, ``,`` or a bracket) or is escaped in one (``\" ``), so that pair is rare. White space
# other than a space is not YAML's (``\xa0``) or does not pass the screen and ``json.loads`` raw (tabs,
# line breaks).
_BLURRED_JSON = {
    b"~": re.compile(rb'~(?<="~)"'),
    b"N": re.compile(rb'N(?<="N)(?:ull|ULL)"'),
    b"T": re.compile(rb'T(?<="T)(?:rue|RUE)"'),
    b"F": re.compile(rb'F(?<="F)(?:alse|ALSE)"'),
    b'inf"': re.compile(rb'inf"(?:(?<="\.inf")|(?<="-\.inf"))'),
    b'nan"': re.compile(rb'nan"(?<="\.nan")'),
    b'" ': re.compile(rb'" (?:[^"\\]|\\.)*": '),
}


class _DoubtError(Exception):
    """Raised inside ``json.loads`` when the JSON does not say what the YAML said."""


def _key_counter() -> tuple[Callable[[dict[str, Any]], dict[str, Any]], Callable[[], int]]:
    """An ``object_hook`` for ``json.loads`` that counts the keys of every mapping it makes, and the count.

    A duplicate key leaves one fewer key in its mapping than the JSON text names, which is how
    ``build_rapid`` finds one without handing every mapping's pairs to Python (a fifth of the load).
    The hook is a plain function (a callable instance costs a third more per call: 240,000 calls for
    10,000 activities).
    """
    keys = 0

    def count(mapping: dict[str, Any]) -> dict[str, Any]:
        nonlocal keys
        keys += len(mapping)
        return mapping

    return count, lambda: keys


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


def build_rapid(text: str, buffer: bytearray | None = None, marks: bytes | bytearray | None = None) -> tuple[Any, TreePositions] | object:
    """The data and positions of a screened ``text``, or ``SUSPECT``.

    ``buffer``, the text in UTF-8 if the caller has it already, is parsed in place (and so changed);
    ``marks`` is ``yaml_screen.counted(buffer)``, if the caller has it.
    """
    if buffer is None:
        buffer = bytearray(text, "utf-8")
    ryml = _rapidyaml()
    if marks is None:
        marks = counted(buffer)
    if ryml is None or not screen(buffer, text, marks):
        return SUSPECT
    parsed = _parse(ryml, buffer, node_estimate(buffer, marks))
    if parsed is None:
        return SUSPECT
    tree, emitted, named = parsed
    count, keys = _key_counter()
    try:
        data = json.loads(emitted, object_hook=count, parse_int=_integer, parse_float=_doubt, parse_constant=_doubt)
    except (_DoubtError, ValueError, RecursionError):
        return SUSPECT
    if keys() != named:
        return SUSPECT  # a duplicate key: the libyaml builder reports it where it stands
    return data, TreePositions(data, tree, buffer, text)


def _keys_named(emitted: bytes | bytearray) -> int:
    """How many keys the JSON ``emitted`` names: each ends in a quote that no backslash escapes, then `: `.

    Inside a string a quote is escaped (preceded by an odd run of backslashes; a key may end in escaped
    backslashes, an even run), so counting `": ` after runs of 0, 1, 2... backslashes with alternating
    signs counts each unescaped one once and each escaped one not at all. Without a backslash (a byte
    search) the first count is the answer.
    """
    named = emitted.count(b'": ')
    if b"\\" not in emitted:
        return named
    sign, run = -1, b"\\"
    while found := emitted.count(run + b'": '):
        named += sign * found
        sign, run = -sign, run + b"\\"
    return named


def _parse(ryml: Any, buffer: bytearray, nodes: int) -> tuple[Any, str, int] | None:
    """rapidyaml's tree of a mapping document (``nodes`` reserved), its JSON and the keys the JSON names,
    or None where it refuses or may blur a scalar. The JSON is searched and counted in UTF-8, where a
    search costs the same whatever characters the text holds."""
    try:
        with _quiet_stderr():  # rapidyaml writes its errors to file descriptor 2 before raising
            tree = ryml.Tree()
            tree.reserve(nodes)
            ryml.parse_in_place(buffer, tree=tree)
            root = tree.root_id()
            if not tree.is_map(root) or tree.is_stream(root) or tree.num_children(root) == 0:
                return None
            emitted = _emit_json(ryml, tree, root, len(buffer) + len(buffer) // 4 + 4096)
    except Exception:  # any refusal of rapidyaml sends the text to the reference builder
        return None
    if b"\0" in emitted or any(opener in emitted and pattern.search(emitted) for opener, pattern in _BLURRED_JSON.items()):
        return None  # a NUL: emit_json_malloc, used before, cut the JSON there (json.loads refused the rest)
    return tree, emitted.decode("utf-8", "surrogateescape"), _keys_named(emitted)  # decoded as SWIG decoded emit_json_malloc's


def _emit_json(ryml: Any, tree: Any, root: int, room: int) -> bytearray:
    """The JSON of ``tree`` in UTF-8, emitted once into a buffer of ``room`` bytes, or twice where it needs more.

    ``emit_json_malloc`` emits twice (once to measure, once to write): a third of the emitter's time.
    The JSON of a register, on one line, is about as long as its YAML (0.95-1.01x on the shipped and
    synthetic registers); ``room`` should cover it without much more, as every byte of it is zeroed.
    The root is marked a flow mapping meanwhile, so the JSON comes on one line without indentation (a
    sixth shorter for a register: less to write, decode and scan), then marked as it was (positions
    read the style); where it cannot be, the error sends the text to the reference builder.
    """
    kind = tree.type(root)
    tree.set_container_style(root, ryml.FLOW_SL)
    try:
        out = bytearray(room)
        failed, size = ryml.emit_json_to_substr(tree, root, out)
        if failed:
            out = bytearray(size)
            failed, size = ryml.emit_json_to_substr(tree, root, out)
            if failed:  # pragma: no cover - the size it asked for
                raise ValueError(size)
    finally:
        tree.set_container_style(root, kind & ryml.CONTAINER_STYLE)
    if tree.type(root) != kind:  # pragma: no cover - rapidyaml keeps no other bit of style
        raise ValueError(kind)
    del out[size:]
    return out
