"""The two YAML builders behind ``ropa.loading.load``: both drive the parser event by event.

``build`` keeps the line and column of every key and value and reports every problem it meets;
``build_fast`` keeps nothing and gives up (``SUSPECT``) at the first doubt, so a clean file is read
once at the speed of the parser and a doubtful one is read again by ``build`` for its positions.
Both apply the same scalar and tag rules (``ropa.loading.yaml_scalars``), and both cap nesting at
``MAX_DEPTH`` in the event stream (``ropa.loading.yaml_depth`` for a parser that stops sooner).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from ropa.findings import Loc
from ropa.loading.positions import Positions
from ropa.loading.yaml_chars import FORBIDDEN_CHARS, TAB_MESSAGE, describe_char, forbidden_escape, line_col
from ropa.loading.yaml_scalars import (
    FALSE,
    INT_PATTERN,
    INT_START,
    MISFIT,
    NULLS,
    TRUE,
    fits_collection,
    scalar,
    tag_problem,
    tagged,
)

try:  # libyaml is an order of magnitude faster; the pure parser behaves the same
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 40


def parser(text: str) -> Any:
    """The event parser both builders use: libyaml's when PyYAML has it."""
    return _Parser(text)


@dataclass(frozen=True, slots=True)
class Problem:
    """A loading problem at a 1-based line and column."""

    line: int
    column: int
    code: str
    message: str


def depth_problem(line: int, col: int) -> Problem:
    """The finding for the collection that opens level ``MAX_DEPTH + 1``."""
    return Problem(line, col, "yaml-depth", f"nesting deeper than {MAX_DEPTH} levels; level {MAX_DEPTH + 1} opens here")


def version_problem(version: tuple[int, int]) -> str:
    """Why a %YAML directive other than 1.2 is refused."""
    major, minor = version
    return (
        f"%YAML {major}.{minor} asks for other rules than ropa's YAML 1.2 (in YAML 1.1, NO means false); "
        "remove the directive or write %YAML 1.2"
    )


class LoadError(Exception):
    """The file cannot be read as a register document; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def build(text: str, problems: list[Problem], tabs: Sequence[tuple[int, int]] = ()) -> tuple[Any, Positions]:  # noqa: C901, PLR0912, PLR0915
    """Build the data with the position of every key and value; every problem goes to ``problems``.

    ``tabs`` are the tabs that start lines' white space (``yaml_chars.tab_indents``): one is a
    problem where it stands in the indentation of the innermost block collection around it (at a
    column no greater than that collection's); further right it only separates, as the spec allows.
    """
    pos = Positions()
    next_tab = 0
    marks = pos.marks
    keys = pos.keys
    # each frame: [container, pending key or None, key line, key col]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    parser = _Parser(text)
    ScalarEvent = yaml.ScalarEvent  # noqa: N806 - local aliases keep the hot loop fast
    MappingStartEvent = yaml.MappingStartEvent  # noqa: N806
    SequenceStartEvent = yaml.SequenceStartEvent  # noqa: N806
    MappingEndEvent = yaml.MappingEndEvent  # noqa: N806
    SequenceEndEvent = yaml.SequenceEndEvent  # noqa: N806
    while True:
        ev: Any = parser.get_event()
        if ev is None:
            break
        cls = type(ev)
        if next_tab < len(tabs):
            next_tab = _check_tabs(text, tabs, next_tab, ev.start_mark.index, indent=stack[-1][4] if stack else -1, problems=problems)
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            m = ev.start_mark
            line = m.line + 1
            col = m.column + 1
            if ev.anchor is not None:
                problems.append(Problem(line, col, "yaml-anchor", f"anchor &{ev.anchor} is not allowed; write the value out"))
            tag = ev.tag
            if cls is ScalarEvent:
                value = scalar(tag, ev.style, ev.value)
                if value is MISFIT:
                    problems.append(Problem(line, col, "yaml-tag", tag_problem(tag, ev.value)))
                    value = ev.value
                if ev.style == '"' and (bad := FORBIDDEN_CHARS.search(ev.value)):
                    at = forbidden_escape(text, m.index, ev.end_mark.index)
                    bad_line, bad_col = line_col(text, at) if at is not None else (line, col)
                    problems.append(Problem(bad_line, bad_col, "character", f"character {describe_char(bad.group())} is not allowed"))
                container: Any = None
            else:
                value = {} if cls is MappingStartEvent else []
                if not fits_collection(tag, cls is MappingStartEvent):
                    problems.append(Problem(line, col, "yaml-tag", tag_problem(tag, value)))
                container = value
                marks[id(value)] = {}
                if cls is MappingStartEvent:
                    keys[id(value)] = {}
            if not stack:
                root = value
                pos.start[id(value)] = (line, col)
            else:
                frame = stack[-1]
                parent = frame[0]
                if type(parent) is list:
                    marks[id(parent)][len(parent)] = (line, col)
                    parent.append(value)
                elif frame[1] is None:  # this node is a key
                    if cls is not ScalarEvent:
                        problems.append(Problem(line, col, "yaml-key", "a key must be a plain text, not a mapping or list"))
                        frame[1] = f"<complex key at {line}:{col}>"
                    else:
                        key = ev.value
                        if key in parent:
                            first = keys[id(parent)].get(key)
                            where = f" (first at line {first[0]})" if first else ""
                            problems.append(Problem(line, col, "yaml-duplicate-key", f"duplicate key {key!r}{where}"))
                            frame[1] = _DUPLICATE
                        else:
                            frame[1] = key
                            frame[2] = line
                            frame[3] = col
                else:
                    key = frame[1]
                    frame[1] = None
                    if key is not _DUPLICATE:
                        parent[key] = value
                        marks[id(parent)][key] = (line, col)
                        keys[id(parent)][key] = (frame[2], frame[3])
            if container is not None:
                if len(stack) >= MAX_DEPTH:
                    problems.append(depth_problem(line, col))
                    raise LoadError(problems)
                indent = (stack[-1][4] if stack else -1) if ev.flow_style else m.column
                stack.append([container, None, 0, 0, indent])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
        elif cls is yaml.AliasEvent:
            m = ev.start_mark
            problems.append(Problem(m.line + 1, m.column + 1, "yaml-alias", f"alias *{ev.anchor} is not allowed; write the value out"))
            raise LoadError(problems)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if ev.version not in (None, (1, 2)):
                m = ev.start_mark
                problems.append(Problem(m.line + 1, m.column + 1, "yaml-version", version_problem(ev.version)))
            if documents > 1:
                m = ev.start_mark
                problems.append(
                    Problem(
                        m.line + 1, m.column + 1, "yaml-documents", "more than one YAML document in the file; keep one register per file"
                    )
                )
                raise LoadError(problems)
        if len(problems) >= 50:
            break
    if documents == 0:
        problems.append(Problem(1, 1, "empty", "the file holds no YAML document"))
    if problems:
        raise LoadError(problems)
    pos.root = root
    return root, pos


_DUPLICATE = object()


def _check_tabs(text: str, tabs: Sequence[tuple[int, int]], start: int, before: int, *, indent: int, problems: list[Problem]) -> int:
    """Report the tabs before index ``before`` that stand within ``indent``; return the next tab's place."""
    while start < len(tabs) and tabs[start][0] < before:
        index, column = tabs[start]
        if column <= indent:
            problems.append(Problem(*line_col(text, index), "yaml-tab", TAB_MESSAGE))
        start += 1
    return start


class LazyPositions(Positions):
    """Positions computed on first use: a clean file never pays for them."""

    __slots__ = ("_ready", "_text")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._ready = False

    def _ensure(self) -> None:
        if not self._ready:
            _, full = build(self._text, [])
            self.root, self.marks, self.keys, self.start = full.root, full.marks, full.keys, full.start
            self._ready = True

    def walk(self, loc: Loc) -> tuple[int, int, Loc, Loc]:
        self._ensure()
        return super().walk(loc)

    def key_position(self, loc: Loc) -> tuple[int, int] | None:
        self._ensure()
        return super().key_position(loc)


SUSPECT = object()


def build_fast(text: str) -> Any:  # noqa: C901, PLR0911, PLR0912, PLR0915 - the hot loop, kept flat on purpose
    """Build the data without positions, or return ``SUSPECT`` at the first doubt.

    This path only has to be conservative: anything unusual sends the file through
    ``_build``, which reports problems with their positions. It is the hot loop of
    validation, so ``_scalar`` is inlined here.
    """
    get = _Parser(text).get_event
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    document_start = yaml.DocumentStartEvent
    forbidden = FORBIDDEN_CHARS.search
    nfc = unicodedata.normalize
    int_match = INT_PATTERN.fullmatch
    nulls, trues, falses, misfit = NULLS, TRUE, FALSE, MISFIT
    stack: list[Any] = []
    pending: list[Any] = []
    root: Any = None
    documents = 0
    no_key = _DUPLICATE
    parent: Any = None
    parent_is_list = False
    while True:
        ev: Any = get()
        if ev is None:
            break
        cls = type(ev)
        attrs = ev.__dict__
        if cls is scalar_event:
            if attrs["anchor"] is not None:
                return SUSPECT
            value: Any = attrs["value"]
            style = attrs["style"]
            if style == '"' and forbidden(value):
                return SUSPECT
            if attrs["tag"] is not None:
                value = tagged(attrs["tag"], value)
                if value is misfit:
                    return SUSPECT
            elif style:
                if not value.isascii():
                    value = nfc("NFC", value)
            elif value in nulls:
                value = None
            elif value in trues:
                value = True
            elif value in falses:
                value = False
            elif value[0] in INT_START and int_match(value):
                value = int(value)
            elif not value.isascii():
                value = nfc("NFC", value)
            if parent_is_list:
                parent.append(value)
            elif parent is None:
                root = value
            else:
                key = pending[-1]
                if key is no_key:
                    raw = attrs["value"]
                    if raw in parent:
                        return SUSPECT
                    pending[-1] = raw
                else:
                    parent[key] = value
                    pending[-1] = no_key
            continue
        if cls is mapping_start or cls is sequence_start:
            if attrs["anchor"] is not None or (attrs["tag"] is not None and not fits_collection(attrs["tag"], cls is mapping_start)):
                return SUSPECT
            value = {} if cls is mapping_start else []
            if parent_is_list:
                parent.append(value)
            elif parent is None:
                root = value
            else:
                key = pending[-1]
                if key is no_key:
                    return SUSPECT  # a mapping or list used as a key
                parent[key] = value
                pending[-1] = no_key
            if len(stack) >= MAX_DEPTH:
                return SUSPECT
            stack.append(value)
            pending.append(no_key)
            parent = value
            parent_is_list = cls is sequence_start
        elif cls in ends:
            stack.pop()
            pending.pop()
            parent = stack[-1] if stack else None
            parent_is_list = type(parent) is list
        elif cls is document_start:
            documents += 1
            if documents > 1 or attrs["version"] not in (None, (1, 2)):
                return SUSPECT
        elif cls is yaml.AliasEvent:
            return SUSPECT
    if documents == 0:
        return SUSPECT
    return root
