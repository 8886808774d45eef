"""ropa's nesting cap, whatever limits the installed parser has of its own.

Both builders count nesting in the event stream and stop where level ``MAX_DEPTH + 1`` opens.
libyaml 0.2.6 (PyYAML 6.0.3 and later) also stops at 1,000 levels, and its scanner reads ahead
of the events it has delivered: 1,000 ``[`` on one line fail inside the scanner before the
builders see level 41. When that happens the text is read again only up to the bracket libyaml
refused, where its own limit cannot be reached, so its events show where level 41 opens, and the
finding is ``yaml-depth`` there. (Should a parser stop again, PyYAML's pure-Python parser, which
has no limit, reads that part.) A clean file never comes here.
"""

from __future__ import annotations

from typing import Any

import yaml

from ropa.loading import yaml_events
from ropa.loading.yaml_events import MAX_DEPTH, Problem, depth_problem


def is_parser_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    """Whether the parser stopped at a nesting limit of its own (libyaml 0.2.6: 1,000 levels)."""
    return "nesting depth" in (exc.problem or "")


def first_too_deep(text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Where level ``MAX_DEPTH + 1`` opens in ``text``, read up to where ``exc`` stopped the parser.

    A syntax error that the parser meets before that level is raised as it is.
    """
    mark = exc.problem_mark
    prefix = text if mark is None else text[: mark.index]
    try:
        found = _level_past_cap(yaml_events.parser(prefix))
    except yaml.MarkedYAMLError as again:
        if not is_parser_depth_limit(again):
            raise
        found = _level_past_cap(yaml.SafeLoader(prefix))
    if found is None:  # pragma: no cover - the parser counted deeper than its events went
        return depth_problem(mark.line + 1, mark.column + 1) if mark else depth_problem(1, 1)
    return found


def _level_past_cap(parser: Any) -> Problem | None:
    depth = 0
    while (ev := parser.get_event()) is not None:
        if isinstance(ev, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                start = ev.start_mark
                return depth_problem(start.line + 1, start.column + 1) if start else depth_problem(1, 1)
        elif isinstance(ev, yaml.CollectionEndEvent):
            depth -= 1
    return None
