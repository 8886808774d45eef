"""The fast builder and the position-tracking builder read every document the same way.

A clean file is read once by ``build_fast``; positions come later from ``build`` on the same text,
and any file ``build_fast`` doubts is read by ``build`` alone. If the two disagreed, a register
would mean one thing when clean and another when it has a finding, and a position lookup would
fail on a path that the fast data has. So: same data, or ``build_fast`` says SUSPECT and ``build``
reports a finding (or both meet the same syntax error).
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from ropa.loading.load import LoadError
from ropa.loading.yaml_events import SUSPECT, build, build_fast

# (rendered scalar, value both builders must give)
SCALARS: list[tuple[str, Any]] = [
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("tRUE", "tRUE"),
    ("yes", "yes"),
    ("no", "no"),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    ("nULL", "nULL"),
    ("0", 0),
    ("-0", 0),
    ("12", 12),
    ("-12", -12),
    ("012", "012"),
    ("+12", "+12"),
    ("1_000", "1_000"),
    ("1.5", "1.5"),
    ("123456789012345678", 123456789012345678),
    ("1234567890123456789", "1234567890123456789"),  # beyond 18 digits: text (a phone or account number)
    ('"true"', "true"),
    ("'12'", "12"),
    ('"~"', "~"),
    ("!!str true", "true"),
    ("!!str 12", "12"),
    ("!!str ~", "~"),
    ("!!str", ""),
    ("! 12", "12"),
    ("!!int 12", 12),
    ("!!bool true", True),
    ("!!null ~", None),
]


@pytest.mark.parametrize(("rendered", "expected"), SCALARS, ids=[r or "<empty>" for r, _ in SCALARS])
def test_both_builders_apply_the_same_scalar_rules(rendered: str, expected: Any) -> None:
    """true/false, nulls, integers and !!str mean the same to both builders, type for type."""
    text = f"a: {rendered}\n"
    assert repr(build_fast(text)) == repr({"a": expected})
    assert repr(build(text, [])[0]) == repr({"a": expected})


def outcome_fast(text: str) -> tuple[str, str]:
    try:
        data = build_fast(text)
    except yaml.YAMLError:
        return ("syntax", "")
    return ("suspect", "") if data is SUSPECT else ("data", repr(data))


def outcome_full(text: str) -> tuple[str, str]:
    try:
        data, _ = build(text, [])
    except yaml.YAMLError:
        return ("syntax", "")
    except LoadError as exc:
        return ("finding", exc.problems[0].code)
    return ("data", repr(data))


_WORDS = ["a", "b", "x y", "true", "False", "null", "~", "", "0", "-7", "012", "1.5", "0x1F", "NO", "-", "?x", "#", "é", "e\u0301"]
_PREFIXES = [*[""] * 12, "!!str ", "!!int ", "!!bool ", "!!null ", "! ", "!foo ", "!!float ", "!!binary ", "&a ", "!!map ", "!!seq "]
_KEYS = ["a", "b", "a", "true", "1", "~"]
_ESCAPES = ["\\t", "\\x01", "\\u00e9", "\\N", "\\\\", "\\u200b"]


@st.composite
def scalars(draw: st.DrawFn, block_ok: bool) -> str:
    word = draw(st.sampled_from(_WORDS))
    styles = ["plain", "plain", "plain", "single", "double", "double-escape", "alias"] + (["literal", "folded"] if block_ok else [])
    style = draw(st.sampled_from(styles))
    prefix = draw(st.sampled_from(_PREFIXES))
    if style == "alias":
        return "*a"
    body = {
        "plain": word,
        "single": f"'{word}'",
        "double": f'"{word}"',
        "double-escape": '"' + word + draw(st.sampled_from(_ESCAPES)) + '"',
        "literal": f"|\n  {word}\n",
        "folded": f">\n  {word}\n",
    }[style]
    return prefix + body


def flow(draw: st.DrawFn, depth: int) -> str:
    if depth <= 0 or draw(st.booleans()):
        return draw(scalars(block_ok=False))
    prefix = draw(st.sampled_from(_PREFIXES))
    items = draw(st.integers(0, 3))
    if draw(st.booleans()):
        return prefix + "[" + ", ".join(flow(draw, depth - 1) for _ in range(items)) + "]"
    return prefix + "{" + ", ".join(f"{draw(st.sampled_from(_KEYS))}: {flow(draw, depth - 1)}" for _ in range(items)) + "}"


def block(draw: st.DrawFn, depth: int, indent: int) -> str:
    """A block collection at ``indent`` (each line indented), or a scalar or flow node after a key."""
    pad = " " * indent
    lines = []
    is_map = draw(st.booleans())
    for _ in range(draw(st.integers(1, 3))):
        head = f"{pad}{draw(st.sampled_from(_KEYS))}:" if is_map else f"{pad}-"
        if depth > 0 and draw(st.booleans()):
            lines.append(head + "\n" + block(draw, depth - 1, indent + 2))
        else:
            node = draw(scalars(block_ok=True)) if draw(st.booleans()) else flow(draw, 2)
            node = node.replace("\n  ", "\n" + pad + "  ")
            lines.append(head + " " + node.rstrip("\n"))
    return "\n".join(lines)


@st.composite
def documents(draw: st.DrawFn) -> str:
    text = block(draw, 3, 0) if draw(st.booleans()) else flow(draw, 4)
    return draw(st.sampled_from(["", "---\n", "# c\n"])) + text + draw(st.sampled_from(["\n", "\n", "\n", "\n---\nb: 1\n", "\n...\n"]))


@settings(max_examples=400, deadline=None)
@given(documents())
def test_fast_and_full_builders_agree(text: str) -> None:
    """Same data; or the fast builder gives up and the full one reports a finding; or both meet a syntax error."""
    fast, full = outcome_fast(text), outcome_full(text)
    event(f"fast {fast[0]}, full {full[0]}")
    if fast[0] == "data":
        assert full == fast, text
    elif fast[0] == "suspect":
        assert full[0] in {"finding", "syntax"}, text
    else:
        assert full[0] == "syntax", text
