"""The shortcuts of the fast path's screen and JSON checks, each held to what it stands for.

Each test gives texts that the shortcut must still send to the strict builder, or a property that
makes the shortcut exact (the reference is ``ropa.loading.yaml_events``; see tests/test_load_rapid.py).
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from ropa.loading.yaml_chars import may_hold_forbidden
from ropa.loading.yaml_events import SUSPECT
from ropa.loading.yaml_rapid import _emit_json, _rapidyaml, build_rapid
from ropa.loading.yaml_screen import _E2_BUT_PUNCTUATION, counted, node_estimate
from tests.test_load_rapid import same_as_strict


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: c #d}\n",  # a comment in a flow collection, found from its '#'
        "a: [b, c #d]\n",
        "a: 1\n...\n",  # a document end marker, found in the same search as the deep lines
        "a: 1\n---\n",
        "a:\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, 10)) + " " * 20 + "x: 1\n",  # a line of deep block nesting
        "a: " + "[" * 60 + "]" * 60 + "\n",  # flow nesting, bounded from the counted marks
        "a: \u2126\n",  # the Ohm sign has lead byte E2 and is not in NFC
        "a: \u2000x\n",  # U+2000 neither (NFC makes it U+2002)
        "a: “x” e\u0301\n",  # curly quotes beside a combining accent
        "a: &x 1\n",  # an anchor, an alias, a directive: found by the node-mark patterns of their bytes
        "a: [b, *x]\n",
        "a: R&D &x\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: b\n%x: 1\n",
        "a: True\n",  # plain scalars the JSON emitter quotes, found from their first letter
        "a: [FALSE]\n",
        "Null: 1\n",
        "a: {b: ~}\n",
        "a: 1\na: 2\n",  # a duplicate key, counted in JSON without a backslash
        'a: "x\\\\"\nb: 1\nb: 2\n',  # and with one
        "a: x\x00y\n",  # a NUL, where emit_json_malloc cut the JSON
        "a: -inf\n",  # plain scalars the JSON emitter rewrites (".inf", "-.inf", ".nan"), found from 'inf"' and 'nan"'
        "a: [x, .NaN]\n",
        'a: "say \\"hi\\" now"\nb:\n c:\n - []\n \n  d: 1\n',  # a key read with its space, found past an escaped quote
        "a: >\n  x\n&  #c\n",  # the screen's own: a mark opening the line that ends a block scalar,
        "a: R&D\n&\n",  # a mark no further right than the key above it,
        "a: | # c-\n  yes\n",  # a comment holding - after a block scalar header,
        "a: {\n  b: c #}\n",  # a comment in a flow mapping over lines (its shape from the counted marks),
        'a: "x\n  y": 1\n',  # a quoted key over two lines
    ],
)
def test_each_shortcut_of_the_screen_still_doubts_what_it_stands_for(text: str) -> None:
    """Each of these texts goes to the strict builder (rapidyaml reads it otherwise, or the JSON blurs it)."""
    assert build_rapid(text) is SUSPECT, text
    assert not same_as_strict(text)


@pytest.mark.parametrize(
    "text",
    [
        'a: [" b", "c\\" d"]\n',  # a quote then a space that opens or ends no key
        "a: [in, nan-y, .info, -5, NaN]\n",  # near the rewritten floats, not them
        "a: x\nb: [c,\n  d]\n",  # a flow sequence over lines, no comment in it
    ],
)
def test_the_json_checks_spare_what_reads_alike(text: str) -> None:
    """The JSON's checks send only what they stand for to the strict builder: these take the fast path, and read alike."""
    assert build_rapid(text) is not SUSPECT, text
    assert same_as_strict(text)


def test_punctuation_above_the_combining_marks_takes_the_fast_path() -> None:
    """The NFC check is spared for U+2002-U+20CF only if each of them is a starter that NFC keeps and composes
    with nothing, and the screen's pattern finds every other character with lead byte E2."""
    seconds = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    spared = range(0x2002, 0x20D0)
    assert all(unicodedata.combining(chr(code)) == 0 and unicodedata.is_normalized("NFC", chr(code)) for code in spared)
    assert not seconds.intersection(spared)
    assert all(bool(_E2_BUT_PUNCTUATION.search(chr(code).encode())) == (code not in spared) for code in range(0x2000, 0x3000))
    assert same_as_strict("a: “Terms” – 5 €, 10‰…\nb: ‘x’\n")


def test_the_json_is_emitted_whole_where_the_first_buffer_is_too_small() -> None:
    """The JSON is emitted into a buffer of a guessed size; where that is too small it is emitted again."""
    ryml = _rapidyaml()
    buffer = bytearray(b"a: [b, c]\nd: {e: f}\n")  # the tree's scalars point into it: it must live as long
    tree = ryml.parse_in_place(buffer)
    kind = tree.type(tree.root_id())
    small = _emit_json(ryml, tree, tree.root_id(), 4)
    assert small == _emit_json(ryml, tree, tree.root_id(), 4096)
    assert json.loads(small) == {"a": ["b", "c"], "d": {"e": "f"}}
    assert tree.type(tree.root_id()) == kind  # the root keeps its block style (positions read it)


def test_the_estimate_covers_a_register_of_flow_mappings_and_prose_commas() -> None:
    """A comma that a colon follows is left out of the node estimate; the tree must still fit in it."""
    text = "activities:\n" + "".join(
        f"  - id: a{i}\n    name: Orders, unit {i}, note\n    basis: {{value: x, evidence: [{{quote: 'a, b'}}, {{quote: c}}]}}\n"
        f"    roles: [a, b, c]\n    dpia: {{not_stated: true}}\n"
        for i in range(200)
    )
    flow = "".join(f"m{i}: {{a: 1, b: 2, c: 3, d: 4}}\n" for i in range(300))  # every comma parts a flow mapping
    for register in (text, flow):
        raw = bytearray(register, "utf-8")
        estimate = node_estimate(raw)
        size = _rapidyaml().parse_in_place(raw).size()
        assert size <= estimate <= 1.2 * size


def test_refused_characters_are_found_from_the_counted_marks() -> None:
    """``may_hold_forbidden`` reads the bytes the screen's pass kept; it must say what it says of the whole text."""
    for code in [*range(0x00, 0x300), *range(0x2000, 0x2100), *range(0xFDC0, 0x10000)]:
        if 0xD800 <= code <= 0xDFFF:
            continue
        raw = ("a: x" + chr(code) + "y\n").encode()
        assert may_hold_forbidden(raw, counted(raw)) == may_hold_forbidden(raw), hex(code)
