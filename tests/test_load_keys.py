"""The fast path's screen of keys and flow collections over lines (``ropa.loading.yaml_keys``), and edited registers.

Each case is one rapidyaml read where libyaml refuses, or read otherwise; ``same_as_strict`` is the oracle.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.loading.yaml_events import SUSPECT
from ropa.loading.yaml_rapid import build_rapid
from tests.test_load_rapid import register_like, same_as_strict

# What a person's edits leave in a register: a line broken anywhere (in a key, a quoted scalar, a flow
# collection), a comment next to a bracket, a key or a line near libyaml's 1,024-character limit, a stray mark.
_INSERTS = [" #c", " # }", " #]", ": ", '":', "':", '"', "'", "[", "{", "]", "}", ",", "&", "*", "|", ">", "@", "`", "-"]


@st.composite
def edited_register(draw: st.DrawFn) -> str:
    text = draw(register_like())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.integers(0, 3))
        if kind <= 1:
            piece = "\n" + " " * draw(st.integers(0, 4))
        elif kind == 2:
            piece = draw(st.sampled_from(_INSERTS))
        else:
            piece = draw(st.sampled_from("kxé ")) * draw(st.sampled_from([1020, 1023, 1024, 1025, 1100]))
        text = text[:at] + piece + text[at:]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_register())
def test_edited_registers_read_the_same_on_both_paths(text: str) -> None:
    """Each text is read alike by both paths, or refused by both (the fast path then doubts it)."""
    same_as_strict(text)


@pytest.mark.parametrize(
    "text",
    [
        'a: "x\n  y": 1\n',  # a quoted key over two lines
        "a: {'x\n  y': 1}\n",
        "a:\n  - 'x\n    y': 1\n",
        "a: 'it''s\n  x': 1\n",  # '' is a quote inside the key, not its end
        'a: ["x\n  y": 1]\n',
        'a: "x \\"\n  y": 1\n',  # an escaped quote before the line break
        'a:\n  "x\n  y"  : 1\n',  # spaces before the colon
        "a: {x\n y: 1}\n",  # a plain key over two lines, in a flow mapping
        "a: {b: 1,\n  x\n  y: 2}\n",
        "k" * 1025 + ": 1\n",  # keys over 1,024 characters
        "a:\n  " + "k" * 1100 + ": 1\n",
        '"' + "k" * 1100 + '": 1\n',
        "a: {" + "k" * 1100 + ": 1}\n",
        "a: {b: 1, " + "k" * 1100 + ": 1}\n",
        "a: [" + "k" * 1100 + ": 1]\n",
        "a: {\n  b: c #}\n",  # a comment in a flow collection over lines, on a line that opens no bracket
        "a: {b: [\n  c #\n ]}\n",
        'a: he said "x\n  y": z\n',  # a colon inside a plain scalar's next line: refused
        'a: x\n"b\n c": 1\n',
        'a:\n  b: >-\n    x\n  "c\n  d": 1\n',  # below a block scalar, not in it
    ],
)
def test_keys_libyaml_refuses_are_not_taken_by_the_fast_path(text: str) -> None:
    """A simple key stays on one line and within 1,024 characters for libyaml, and a comment ends no line
    inside a flow collection without a space; rapidyaml read these (``ropa.loading.yaml_keys``)."""
    assert build_rapid(text) is SUSPECT
    assert not same_as_strict(text)


@pytest.mark.parametrize(
    "text",
    [
        "k" * 1024 + ": 1\n",  # the longest key libyaml takes (the screen doubts it: a character may be a byte)
        "a: [b,\n  c]\n",  # flow collections over lines, each line opening a key or an item
        "a: {b: 1,\n  c: 2}\n",
        "a: [\n  b, c]\n",
        "a: {b: [c,\n  d], e: 1}\n",
        '"heading": text\n',  # quoted keys on one line
        "a: {'it''s': 1, \"b\": 2}\n",
        'a: x\nq: "a \\"b\\": c"\n',  # an escaped quote and a colon inside a value
        "a: " + "x " * 800 + "\n",  # a long line without a colon
        "a: 'one\n  two'\nb: \"three\n  four\"\n",  # quoted values over lines
        'a: >-\n  he said "x\n  y": z\n',  # a quoted phrase and a colon in a block scalar are text
        'a: |\n  text\n  "x\n  y": 1\nb: 2\n',
    ],
)
def test_keys_and_flow_over_lines_libyaml_takes_agree(text: str) -> None:
    """What the screen of keys lets through, both builders read alike; the ordinary shapes keep the fast path."""
    fast = same_as_strict(text)
    assert fast == (not text.startswith("k" * 1024)), "these ordinary shapes should keep the fast path"
