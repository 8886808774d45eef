"""Strict YAML loading with positions.

The register is read as YAML 1.2 "core" data with no guessing: ``NO`` stays "NO", ``0123`` stays
"0123" and ``1:30`` stays "1:30". Anchors, aliases, non-core tags, several documents, duplicate
keys, deep nesting, tabs in the indentation, encodings other than UTF-8 and characters that cannot
appear in an Office document are rejected with their line and column (see ``ropa.loading.yaml_events``
for the builders). The official YAML test suite holds it to account: tests/yaml_test_suite/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ropa.collector import collector_paused
from ropa.loading.positions import Positions
from ropa.loading.yaml_chars import FORBIDDEN_CHARS, TAB_MESSAGE, forbidden_characters, may_hold_forbidden, tab_indents
from ropa.loading.yaml_depth import first_too_deep, is_parser_depth_limit
from ropa.loading.yaml_events import SUSPECT, LazyPositions, LoadError, Problem, build, build_fast
from ropa.loading.yaml_rapid import build_rapid
from ropa.loading.yaml_screen import counted

__all__ = ["FORBIDDEN_CHARS", "MAX_BYTES", "LoadError", "Problem", "decode", "load_file", "load_text"]

MAX_BYTES = 32 * 1024 * 1024


def decode(data: bytes) -> str:
    """Decode UTF-8 (a byte-order mark is kept, for ``load_text`` to accept); anything else is a clear error."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in body[:4096]:
        raise LoadError([Problem(1, 1, "encoding", "file is UTF-16 (or has NUL bytes); save it as UTF-8")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8").removeprefix("\ufeff")) + 1  # characters, as editors count
        raise LoadError(
            [
                Problem(
                    line,
                    col,
                    "encoding",
                    f"byte 0x{data[exc.start]:02x} is not valid UTF-8 (is the file cp1252 or Latin-1?); save it as UTF-8",
                )
            ]
        ) from None


def load_text(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document strictly; return plain data and its positions.

    One leading byte-order mark is accepted (editors on Windows write it); anywhere else it is refused.
    A plain text is read by rapidyaml (``ropa.loading.yaml_rapid``); any other, or one it doubts, by
    libyaml's events, fast without positions first, then strictly where they are needed. The cyclic
    garbage collector is paused meanwhile: the data has no cycles, and its passes over a million new
    objects would cost about as much as the parse.
    """
    with collector_paused():
        return _load_text(text.removeprefix("\ufeff"))


def _load_text(text: str) -> tuple[Any, Positions]:
    """``load_text`` of a text without its byte-order mark."""
    try:
        raw: bytearray | None = bytearray(text, "utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which forbidden_characters reports
        raw = None
    problems: list[Problem] = []
    marks = None if raw is None else counted(raw)  # one pass for the refused characters and the fast path's screen
    if raw is None or may_hold_forbidden(raw, marks):
        problems = [Problem(line, col, "character", message) for line, col, message in forbidden_characters(text)]
        if problems:
            raise LoadError(problems)
    tabs = tab_indents(text)
    try:
        if not tabs and raw is not None:
            rapid = build_rapid(text, raw, marks)  # a plain register: rapidyaml, positions from its tree
            if isinstance(rapid, tuple):
                return rapid
            data = build_fast(text)
            if data is not SUSPECT:
                return data, LazyPositions(text)
        return build(text, problems, tabs)
    except yaml.MarkedYAMLError as exc:
        problems.append(_depth_or_syntax(text, exc, tabs))
    except yaml.YAMLError as exc:  # reader errors carry no mark
        problems.append(Problem(1, 1, "yaml-syntax", f"YAML: {exc}"))
    raise LoadError(problems)


def _depth_or_syntax(text: str, exc: yaml.MarkedYAMLError, tabs: Sequence[tuple[int, int]] = ()) -> Problem:
    """The finding for a parser error: a tab at the start of the line where the parser stopped,
    ropa's depth cap if it stopped at a limit of its own, else what the parser says."""
    mark = exc.problem_mark
    if mark is not None and tabs:
        line_start = mark.index - mark.column
        for index, column in tabs:
            if index - column == line_start:
                return Problem(mark.line + 1, column + 1, "yaml-tab", TAB_MESSAGE)
    if is_parser_depth_limit(exc):
        try:
            return first_too_deep(text, exc)
        except yaml.MarkedYAMLError as pure:
            exc = pure
    return syntax_problem(exc)


def syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    """A parser error as a finding at the parser's mark, saying where the construct started."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    start = exc.context_mark
    if start is not None and exc.problem_mark is not None and start.line != exc.problem_mark.line:
        message += f" (it started at line {start.line + 1}, column {start.column + 1})"
    return Problem(line, col, "yaml-syntax", f"YAML syntax: {message}")


def load_file(path: Path) -> tuple[Any, Positions, str]:
    """Read and parse a register file; return data, positions and the SHA-256 of its bytes.

    The size is capped before the file is read whole.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError([Problem(1, 1, "too-large", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")])
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError([Problem(1, 1, "unreadable", f"cannot read file: {exc.strerror}")]) from None
    data_, positions = load_text(decode(data))
    return data_, positions, hashlib.sha256(data).hexdigest()
