"""Positions read from rapidyaml's tree on demand: no second parse when a finding needs a line.

rapidyaml's Python API has no node-location call, but its scalars are memoryviews into the buffer
it parsed in place, so a key's or value's byte offset is its address less the buffer's. From there
the mark is the one libyaml gives the same node (the builders in ``ropa.loading.yaml_events`` are
the reference): a scalar at its first character (a quoted one at its quote), a block mapping at its
first key, a flow collection at its bracket, a block sequence at its first dash, a value left empty
right after its colon (in a flow mapping: at the next token). Lines are counted in bytes, columns
in characters, as editors count them. A node that cannot be placed this way (an empty item, a block
scalar in a list) falls back to the strict builder's positions for the whole file, once.
"""

from __future__ import annotations

import ctypes
from itertools import accumulate
from typing import Any

from ropa.findings import Loc
from ropa.loading.positions import Positions, split_path


class _UnplacedError(Exception):
    """The tree does not say where this node starts; the strict builder will."""


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def address(view: Any) -> int:
    """The address of the first byte of a buffer (a memoryview rapidyaml returned, or the parsed buffer)."""
    buffer = _PyBuffer()
    _get_buffer(view, ctypes.byref(buffer), 0)
    try:
        return buffer.buf or 0
    finally:
        _release_buffer(ctypes.byref(buffer))


_BLANK = b" \r\n"


class TreePositions(Positions):
    """Positions of a document that ``yaml_rapid.build_rapid`` loaded, computed for the paths asked for."""

    __slots__ = ("_base", "_buffer", "_lines", "_raw", "_strict", "_text", "_tree")

    def __init__(self, root: Any, tree: Any, buffer: bytearray, text: str) -> None:
        super().__init__(root=root)
        self._tree = tree
        self._buffer = buffer  # rapidyaml's scalars point into it: it must live as long as the tree
        self._base = address(buffer)
        self._text = text
        self._raw = b""
        self._lines: list[int] = []
        self._strict: Positions | None = None

    def walk(self, loc: Loc) -> tuple[int, int, Loc, Loc]:
        if self._strict is None:
            try:
                return self._walk(loc)
            except _UnplacedError:
                self._strict = _strict_positions(self._text)
        return self._strict.walk(loc)

    def key_position(self, loc: Loc) -> tuple[int, int] | None:
        if self._strict is None:
            try:
                return self._key_position(loc)
            except _UnplacedError:
                self._strict = _strict_positions(self._text)
        return self._strict.key_position(loc)

    def _walk(self, loc: Loc) -> tuple[int, int, Loc, Loc]:
        tree = self._tree
        found, clean = split_path(self.root, loc)
        node: Any = self.root
        tid = tree.root_id()
        offset = self._start(tid)
        for part in found:
            if isinstance(node, dict):
                child = tree.find_child(tid, str(part).encode("utf-8"))
                offset = self._value_offset(tid, child)
            else:
                child = tree.child(tid, part)
                offset = self._start(child)
            tid = child
            node = node[part]
        line, col = self._line_col(offset)
        return line, col, found, clean

    def _key_position(self, loc: Loc) -> tuple[int, int] | None:
        key = loc[-1] if loc else None
        if not isinstance(key, str):
            return None
        _, _, found, _ = self._walk(loc[:-1])
        node: Any = self.root
        tid = self._tree.root_id()
        for part in found:
            tid = self._tree.find_child(tid, str(part).encode("utf-8")) if isinstance(node, dict) else self._tree.child(tid, part)
            node = node[part]
        if not isinstance(node, dict) or key not in node:
            return None
        return self._line_col(self._key_offset(self._tree.find_child(tid, key.encode("utf-8"))))

    # -- offsets in the UTF-8 text ---------------------------------------------------------------

    def _bytes(self) -> bytes:
        if not self._raw:
            self._raw = self._text.encode("utf-8")
        return self._raw

    def _offset(self, view: Any) -> int:
        offset = address(view) - self._base
        if not 0 <= offset < len(self._buffer):
            raise _UnplacedError
        return offset

    def _key_offset(self, node: int) -> int:
        tree = self._tree
        view = tree.key(node)
        if view is None or len(view) == 0:
            raise _UnplacedError
        offset = self._offset(view)
        if tree.is_key_quoted(node):
            offset -= 1
            if self._bytes()[offset : offset + 1] not in (b'"', b"'"):
                raise _UnplacedError
        return offset

    def _key_end(self, node: int, start: int) -> int:
        """Where the key that starts at ``start`` ends (after its closing quote)."""
        raw = self._bytes()
        quote = raw[start : start + 1]
        if not self._tree.is_key_quoted(node):
            return start + len(self._tree.key(node))
        at = start + 1
        while True:
            at = raw.find(quote, at)
            if at < 0:
                raise _UnplacedError
            if quote == b"'" and raw[at + 1 : at + 2] == b"'":
                at += 2
            elif quote == b'"' and _escaped(raw, at):
                at += 1
            else:
                return at + 1

    def _value_offset(self, parent: int, node: int) -> int:
        """The mark of the value of mapping entry ``node``."""
        raw = self._bytes()
        key_start = self._key_offset(node)
        at = self._key_end(node, key_start)
        while raw[at : at + 1] == b" ":
            at += 1
        if raw[at : at + 1] != b":":
            raise _UnplacedError
        at += 1
        tree = self._tree
        if not tree.is_container(node) and tree.is_val_plain(node) and len(tree.val(node) or b"") == 0:
            return _skip_blank(raw, at) if tree.is_flow(parent) else at
        return _skip_blank(raw, at)

    def _start(self, node: int) -> int:
        """The mark of a list item or of the document: the node's own first character."""
        tree = self._tree
        if tree.is_map(node) or tree.is_seq(node):
            first = tree.first_child(node)
            if tree.num_children(node) == 0:
                raise _UnplacedError
            inner = self._key_offset(first) if tree.is_map(node) else self._start(first)
            if tree.is_map(node) and not tree.is_flow(node):
                return inner
            return _back_to(self._bytes(), inner, b"{" if tree.is_map(node) else b"[" if tree.is_flow(node) else b"-")
        view = tree.val(node)
        if view is None or len(view) == 0 or tree.is_val_literal(node) or tree.is_val_folded(node):
            raise _UnplacedError
        offset = self._offset(view)
        return offset - 1 if tree.is_val_quoted(node) else offset

    def _line_col(self, offset: int) -> tuple[int, int]:
        raw = self._bytes()
        if not self._lines:  # line breaks before each block of _BLOCK bytes: a few milliseconds for 13 MB
            counts = [raw.count(b"\n", at, at + _BLOCK) for at in range(0, len(raw), _BLOCK)]
            self._lines = list(accumulate(counts, initial=0))
        block = offset // _BLOCK
        line_start = raw.rfind(b"\n", 0, offset) + 1
        line = self._lines[block] + raw.count(b"\n", block * _BLOCK, offset) + 1
        return line, len(raw[line_start:offset].decode("utf-8")) + 1


_BLOCK = 1 << 16


def _escaped(raw: bytes, at: int) -> bool:
    backslashes = 0
    while raw[at - 1 - backslashes : at - backslashes] == b"\\":
        backslashes += 1
    return backslashes % 2 == 1


def _skip_blank(raw: bytes, at: int) -> int:
    """The first character at or after ``at`` that is not white space, a line break or a comment."""
    while at < len(raw):
        byte = raw[at : at + 1]
        if byte in (b" ", b"\r", b"\n"):
            at += 1
        elif byte == b"#":
            end = raw.find(b"\n", at)
            at = len(raw) if end < 0 else end
        else:
            return at
    return at


def _back_to(raw: bytes, at: int, opener: bytes) -> int:
    """The ``opener`` right before ``at``, white space between; else the node cannot be placed."""
    at -= 1
    while at >= 0 and raw[at : at + 1] in (b" ", b"\r", b"\n"):
        at -= 1
    if at < 0 or raw[at : at + 1] != opener:
        raise _UnplacedError
    return at


def _strict_positions(text: str) -> Positions:
    from ropa.loading.yaml_events import build  # noqa: PLC0415 - the rare way back to the reference builder

    _, positions = build(text, [])
    return positions
