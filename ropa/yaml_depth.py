"""ropa's nesting cap, whatever limits the installed parser has of its own.

Both builders count nesting in the event stream and stop where level ``MAX_DEPTH + 1`` opens.
libyaml 0.2.6 (PyYAML 6.0.3 and later) also stops at 1,000 levels, and its scanner reads ahead
of the events it has delivered: 1,000 ``[`` on one line fail inside the scanner before the
builders see level 41. When that happens the text is read again, only up to where libyaml
stopped, by PyYAML's pure-Python parser, which has no limit of its own, and the finding is
``yaml-depth`` where level 41 opens. A clean file never comes here.
"""

from __future__ import annotations

import yaml

from ropa.yaml_events import MAX_DEPTH, Problem, depth_problem


def is_parser_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    """Whether the parser stopped at a nesting limit of its own (libyaml 0.2.6: 1,000 levels)."""
    return "nesting depth" in (exc.problem or "")


def first_too_deep(text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Where level ``MAX_DEPTH + 1`` opens in ``text``, read up to where ``exc`` stopped libyaml.

    A syntax error that PyYAML's parser meets before that level is raised as it is.
    """
    mark = exc.problem_mark
    end = len(text) if mark is None else min(len(text), mark.index + 1)
    depth = 0
    for ev in yaml.parse(text[:end], Loader=yaml.SafeLoader):
        if isinstance(ev, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                start = ev.start_mark or mark
                return depth_problem(start.line + 1, start.column + 1) if start else depth_problem(1, 1)
        elif isinstance(ev, yaml.CollectionEndEvent):
            depth -= 1
    # libyaml counted deeper than PyYAML did: report its place rather than nothing
    return depth_problem(mark.line + 1, mark.column + 1) if mark else depth_problem(1, 1)  # pragma: no cover
