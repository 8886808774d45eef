"""The 40-level nesting cap is ropa's rule: the same finding whichever parser build is installed.

libyaml 0.2.6 (PyYAML 6.0.3+) stops at 1,000 levels on its own, and for a dense line of ``[`` its
scanner stops before any event reaches ropa; older libyaml and PyYAML's pure-Python parser have no
limit. Whatever the parser, level 40 loads, and level 41 is ``yaml-depth`` where it opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from ropa.loading import yaml_events
from ropa.loading.load import LoadError, _depth_or_syntax, load_text
from ropa.loading.yaml_events import MAX_DEPTH


def flow_seq_one_line(n: int) -> tuple[str, tuple[int, int]]:
    return "[" * n + "]" * n, (1, MAX_DEPTH + 1)


def flow_seq_in_register(n: int) -> tuple[str, tuple[int, int]]:
    # the mapping is level 1, so level 41 is the 40th bracket, after "register: "
    return "ropa: 1\nregister: " + "[" * (n - 1) + "]" * (n - 1) + "\n", (2, 11 + MAX_DEPTH - 1)


def flow_seq_one_per_line(n: int) -> tuple[str, tuple[int, int]]:
    return "[\n" * n + "]\n" * n, (MAX_DEPTH + 1, 1)


def flow_map_one_line(n: int) -> tuple[str, tuple[int, int]]:
    return "{a: " * n + "1" + "}" * n, (1, 1 + 4 * MAX_DEPTH)


def block_seq_compact(n: int) -> tuple[str, tuple[int, int]]:
    return "- " * n + "x\n", (1, 1 + 2 * MAX_DEPTH)


def block_map_indented(n: int) -> tuple[str, tuple[int, int]]:
    return "".join(" " * i + "a:\n" for i in range(n)) + " " * n + "x\n", (MAX_DEPTH + 1, MAX_DEPTH + 1)


def mixed_block_and_flow(n: int) -> tuple[str, tuple[int, int]]:
    # 21 block levels (a mapping, then ten lists each holding a mapping), then flow mappings
    block = "a:\n" + "".join("  " * i + "- a:\n" for i in range(9)) + "  " * 9 + "- a: "
    return block + "{b: " * (n - 21) + "1" + "}" * (n - 21) + "\n", (11, 24 + 4 * (MAX_DEPTH - 21))


Shape = Callable[[int], tuple[str, tuple[int, int]]]
SHAPES: list[Shape] = [
    flow_seq_one_line,
    flow_seq_in_register,
    flow_seq_one_per_line,
    flow_map_one_line,
    block_seq_compact,
    block_map_indented,
    mixed_block_and_flow,
]
# a block mapping 50,000 levels deep would take over a gigabyte of indentation: 1,200 is past libyaml's own limit
HUGE: dict[Shape, int] = {block_map_indented: 1200}


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each test with the libyaml parser and with PyYAML's pure-Python one."""
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_events, "_Parser", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("PyYAML has no libyaml here")
    return str(request.param)


def depth(data: Any) -> int:
    level = 0
    while isinstance(data, dict | list):
        level += 1
        items = list(data.values()) if isinstance(data, dict) else data
        data = items[-1] if items else None
    return level


@pytest.mark.parametrize("shape", SHAPES, ids=lambda f: f.__name__)
def test_forty_levels_load(shape: Shape, parser: str) -> None:
    """A document exactly 40 levels deep is accepted, all of it."""
    text, _ = shape(MAX_DEPTH)
    data, _ = load_text(text)
    assert depth(data) == MAX_DEPTH


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 50_000], ids=["41", "50000"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda f: f.__name__)
def test_level_41_is_reported_where_it_opens(shape: Shape, levels: int, parser: str) -> None:
    """One finding, yaml-depth, at the line and column of the collection that opens level 41."""
    text, where = shape(HUGE.get(shape, levels) if levels > MAX_DEPTH + 1 else levels)
    with pytest.raises(LoadError) as info:
        load_text(text)
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.code) == (*where, "yaml-depth")
    assert problem.message == "nesting deeper than 40 levels; level 41 opens here"


def test_a_syntax_error_before_the_parser_limit_is_still_a_syntax_error() -> None:
    """Only the parser's own depth limit becomes yaml-depth; an earlier mistake keeps its message."""
    with pytest.raises(LoadError) as info:
        load_text("a: [1, 2\nb: " + "[" * 5000)
    [problem] = info.value.problems
    assert problem.code == "yaml-syntax"
    assert problem.line == 2


def test_a_syntax_error_met_before_level_41_is_reported_as_such() -> None:
    """If the parser stopped at its limit but a mistake comes before level 41, that mistake is the finding."""
    text = "a: [1, 2\nb: " + "[" * 50
    libyaml_limit = yaml.MarkedYAMLError(
        "while increasing flow level", None, "exceeded maximum nesting depth", yaml.Mark("<unicode string>", len(text) - 1, 1, 52, None, 0)
    )
    problem = _depth_or_syntax(text, libyaml_limit)
    assert (problem.line, problem.code) == (2, "yaml-syntax")
    assert problem.message.startswith("YAML syntax: while parsing a flow sequence ")


class _AlwaysAtItsLimit:
    """A parser whose own limit fires at the last ``[`` of whatever text it is given, before any event."""

    def __init__(self, text: str) -> None:
        index = text.rindex("[")
        line = text.count("\n", 0, index)
        self.error = yaml.MarkedYAMLError(
            "while increasing flow level",
            None,
            "exceeded maximum nesting depth",
            yaml.Mark("<unicode string>", index, line, index - (text.rfind("\n", 0, index) + 1), None, 0),
        )

    def get_event(self) -> None:
        raise self.error


def test_a_parser_that_stops_again_is_replaced_by_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the parser's own limit, the finding is where level 41 opens."""
    monkeypatch.setattr(yaml_events, "_Parser", _AlwaysAtItsLimit)
    with pytest.raises(LoadError) as info:
        load_text("a: 1\nb: " + "[" * 60 + "]" * 60 + "\n")
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.code) == (2, 4 + MAX_DEPTH - 1, "yaml-depth")
