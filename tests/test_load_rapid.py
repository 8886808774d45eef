"""The rapidyaml fast path against the libyaml builder, the reference: same data and same positions, or no fast path.

A register that the fast path reads must mean exactly what the strict builder makes of it (``0123``
stays text, ``~`` is empty, a duplicate key is a finding), and every line and column a finding
would show must be the one the strict builder gives, found without parsing the file again.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.loading import load, tree_positions
from ropa.loading.load import LoadError, load_text
from ropa.loading.tree_positions import TreePositions
from ropa.loading.yaml_events import SUSPECT, build
from ropa.loading.yaml_rapid import _rapidyaml, build_rapid
from ropa.loading.yaml_screen import _BELOW_COMBINING, node_estimate

SUITE = Path(__file__).parent / "yaml_test_suite"
SHIPPED = sorted((Path(__file__).parent.parent / "policies").glob("*/*.yaml"))


def paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def same_as_strict(text: str) -> bool:
    """Assert that the fast path, where it is taken, agrees with the strict builder; say whether it was taken."""
    fast = build_rapid(text)
    try:
        strict, reference = build(text, [])
    except Exception:  # a finding, or libyaml's own error (load_text turns both into findings)
        strict = reference = None
    if reference is None:
        assert fast is SUSPECT, "the fast path accepts what the strict builder refuses"
        return False
    if fast is SUSPECT:
        return False
    assert isinstance(fast, tuple)
    data, positions = fast
    assert repr(data) == repr(strict)  # types too: 1 is not True, "1" is not 1
    for path in paths(strict):
        assert positions.walk(path) == reference.walk(path), path
        if path and isinstance(path[-1], str):
            assert positions.key_position(path) == reference.key_position(path), path
    missing = ("no-such-key", 0)
    assert positions.walk(missing) == reference.walk(missing)
    return True


# -- generated register-like YAML -------------------------------------------------------------

WORDS = [
    "plain", "0123", "yes", "NO", "1:30", "~", "null", "Null", "True", "true", "FALSE", "12", "-0", "1.5", ".5", "1e3",
    "0x1F", "+1", "007", "12345678901234567890", "é", "Örebro, Sweden", "e\u0301", "😀 emoji", "a #b", "a: b", "-x", "x-",
    "[x]", "it's", 'say "hi"', "multi word text", "back\\slash", "tab\there", "50%", "R&D", "*bold*", "why?", "!not",
    "key: value", "{a}", "",
]  # fmt: skip
KEYS = ["id", "name", "a", "b", "évidence", "1", "true", "key with space", "~", "'q'"]


@st.composite
def scalar_text(draw: st.DrawFn, indent: int, *, in_flow: bool) -> str:
    word = draw(st.sampled_from(WORDS))
    styles = ["plain", "single", "double"] if in_flow else ["plain", "single", "double", "literal", "folded", "lines"]
    style = draw(st.sampled_from(styles))
    if style == "lines":  # a plain or quoted scalar over several lines
        quote = draw(st.sampled_from(["", "'", '"']))
        more = draw(st.sampled_from([w for w in WORDS if w and "'" not in w and '"' not in w and "\\" not in w]))
        gap = draw(st.sampled_from(["\n", "\n\n"]))
        return f"{quote}{word.replace(quote, '') if quote else word}{gap}{' ' * (indent + 2)}{more}{quote}"
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style in ("literal", "folded"):
        chomp = draw(st.sampled_from(["", "-", "+"]))
        lines = draw(st.lists(st.sampled_from([w for w in WORDS if w] + [""]), min_size=1, max_size=3))
        pad = " " * (indent + 2)
        body = "".join(f"{pad}{line}\n" if line else "\n" for line in lines)
        return ("|" if style == "literal" else ">") + chomp + "\n" + body.rstrip("\n")
    return word


def flow(draw: st.DrawFn, node: Any) -> str:
    if isinstance(node, dict):
        return "{" + ", ".join(f"{key}: {flow(draw, value)}" for key, value in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(flow(draw, value) for value in node) + "]"
    return draw(scalar_text(0, in_flow=True))


def comment(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", "", "", "  # note", " #: x"]))


def block(draw: st.DrawFn, node: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)) and value and draw(st.booleans()):
                lines.append(f"{pad}{key}:{comment(draw)}")
                column = indent if isinstance(value, list) and draw(st.booleans()) else indent + 2
                lines += block(draw, value, column)
            elif isinstance(value, (dict, list)):
                lines.append(f"{pad}{key}: {flow(draw, value)}{comment(draw)}")
            else:
                text = draw(scalar_text(indent, in_flow=False))
                lines.append(f"{pad}{key}: {text}".rstrip() + ("" if "\n" in text else comment(draw)))
    else:
        for value in node:
            if isinstance(value, (dict, list)) and value and draw(st.booleans()):
                inner = block(draw, value, indent + 2)
                lines.append(pad + "- " + inner[0][indent + 2 :])
                lines += inner[1:]
            elif isinstance(value, (dict, list)):
                lines.append(f"{pad}- {flow(draw, value)}")
            else:
                lines.append(f"{pad}- {draw(scalar_text(indent + 2, in_flow=False))}".rstrip())
        if draw(st.booleans()):
            lines.insert(draw(st.integers(0, len(lines))), "")
    return lines


def trees() -> st.SearchStrategy[Any]:
    keys = st.sampled_from(KEYS)
    leaves = st.just("leaf")
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(keys, inner), max_size=4).map(_with_duplicates),
        max_leaves=12,
    )


def _with_duplicates(pairs: list[tuple[str, Any]]) -> Any:
    return _Pairs(pairs)


class _Pairs(dict):  # type: ignore[type-arg]
    """A mapping rendered with every pair, repeated keys included."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__()
        self.pairs = pairs

    def items(self) -> Any:
        return self.pairs

    def __bool__(self) -> bool:
        return bool(self.pairs)


@st.composite
def register_like(draw: st.DrawFn) -> str:
    root = _Pairs(draw(st.lists(st.tuples(st.sampled_from(KEYS), trees()), min_size=1, max_size=5)))
    lines = block(draw, root, 0)
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.integers(0, 9)) == 0:
        text = "# a register\n" + text
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register_like())
def test_generated_registers_read_the_same_on_both_paths(text: str) -> None:
    same_as_strict(text)


def test_the_generator_reaches_the_fast_path() -> None:
    """The property above would pass vacuously if every generated text were screened out."""
    taken = 0

    @settings(max_examples=200, deadline=None, database=None)
    @given(register_like())
    def count(text: str) -> None:
        nonlocal taken
        taken += same_as_strict(text)

    count()
    assert taken > 20


# -- the YAML test suite, the shipped registers, a large register -----------------------------


def test_the_yaml_test_suite_reads_the_same_on_both_paths() -> None:
    cases: dict[str, dict[str, Any]] = json.loads((SUITE / "cases.json").read_text(encoding="utf-8"))
    taken = [name for name, case in sorted(cases.items()) if same_as_strict(case["yaml"])]
    assert len(taken) >= 20, taken  # plain block and flow collections take the fast path


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_shipped_registers_take_the_fast_path_with_the_same_positions(path: Path) -> None:
    assert same_as_strict(path.read_text(encoding="utf-8"))


def test_an_error_in_a_large_register_is_placed_without_a_second_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def second_parse(text: str) -> None:
        raise AssertionError("the whole file was parsed again")

    monkeypatch.setattr(tree_positions, "_strict_positions", second_parse)
    text = "register: {id: big}\nactivities:\n" + "".join(
        f"  - id: activity-{i}\n    name: Orders, unit {i}\n    dpia: {{not_stated: true}}\n    note: 'Örebro, it''s {i}'\n"
        for i in range(300)
    )
    _, positions = load_text(text)
    assert isinstance(positions, TreePositions)
    line, col, found = positions.locate(("activities", 298, "dpia", "not_stated"))
    assert found == ("activities", 298, "dpia", "not_stated")
    assert text.splitlines()[line - 1][col - 1 :] == "true}"
    key = positions.key_position(("activities", 299, "name"))
    assert key is not None
    assert text.splitlines()[key[0] - 1][key[1] - 1 :].startswith("name: Orders, unit 299")


def test_columns_count_characters_not_bytes() -> None:
    text = "a: Örebro\nb: [é, 😀, x]\n"
    _, positions = load_text(text)
    assert isinstance(positions, TreePositions)
    assert positions.locate(("b", 2)) == (2, 11, ("b", 2)) == build(text, [])[1].locate(("b", 2))


def test_a_text_rapidyaml_refuses_goes_to_the_strict_builder_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """rapidyaml prints its own errors on file descriptor 2; a user sees only ropa's finding."""
    with pytest.raises(LoadError) as info:
        load_text("a: [b, c\nd: e\n")
    assert info.value.problems[0].code == "yaml-syntax"
    assert capfd.readouterr().err == ""


def test_doubtful_texts_are_not_taken_by_the_fast_path() -> None:
    for text in (
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: ~\n",
        "a: 1.5\n",
        "a: 1\na: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: e\u0301\n",
        "- a\n",
        "a: '\\x'\n",
        "&x a: 1\n",
        "a: [b, *x]\n",
        "a: {b: !c d}\n",
        "a:\n  ? b\n",
        '"a\\\\": 1\n"a\\\\": 2\n',
        'a: "say \\"hi\\": now"\na: 2\n',
    ):
        assert build_rapid(text) is SUSPECT, text
    assert load.load_text("a: e\u0301\n")[0] == {"a": "é"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_tree_is_reserved_once_for_a_register(path: Path) -> None:
    """The estimate of the tree's nodes covers the tree rapidyaml builds (else it would grow by doubling,
    copying itself) without reserving much more than it needs."""
    raw = bytearray(path.read_bytes())
    estimate = node_estimate(raw)
    tree = _rapidyaml().parse_in_place(raw)
    assert tree.size() <= estimate <= 1.5 * tree.size()


def test_prose_with_the_marks_of_anchors_tags_and_quotes_takes_the_fast_path() -> None:
    """The screen doubts a mark only where YAML would read it; in prose (a question, "Terms & conditions",
    a quoted heading before a colon, a key ending in a backslash) the text still takes the fast path."""
    for text in (
        "a: Terms & conditions, R&D\nb: Why? Because.\n",
        "a: 5*3 stars! 100% sure\nb: [x&y, z?]\n",
        'a: "\\"Any information\\": every category"\nb: "\\\\"\n',
        '"k\\\\": 1\nc: None of True nor ~x\n',
    ):
        assert same_as_strict(text), text


def test_letters_below_the_combining_marks_spare_the_normal_form_check() -> None:
    """The screen skips the NFC check for a text whose characters all lie below U+0300; that holds only if
    each of them is a starter that NFC keeps as it is, and every character from U+0300 on keeps a byte."""
    below = "".join(chr(code) for code in range(0x300))
    assert unicodedata.is_normalized("NFC", below)
    assert not any(unicodedata.combining(ch) for ch in below)
    assert not below.encode().translate(None, _BELOW_COMBINING)
    assert all(chr(code).encode().translate(None, _BELOW_COMBINING) for code in range(0x300, 0x110000) if not 0xD800 <= code <= 0xDFFF)
    assert same_as_strict("a: Örebro, Łódź, São\n")
    assert build_rapid("a: Cafe\u0301\n") is SUSPECT


@pytest.mark.parametrize(
    "text",
    [
        "a: &\n",  # an anchor or alias without a name
        "a: [*]\n",
        "a: [&, v]\n",
        "a: {%: x}\n",  # marks that cannot open a plain scalar
        "a: [%x]\n",
        "a: @x\n",
        "a: [`x]\n",
        "'x y{': }\n",
        "a: [x,\n  @y]\n",
        "a:\n  @x\n",
        "@x: 1\n",
        "a: # c\n  `x\n",
        "a:\n# c\n  &\n",
        "a: >1.5\n",  # a block scalar header with other text
        "v: |5*3\n",
        "a: >1\n  \n",  # an indentation indicator: rapidyaml reads '' where libyaml reads ' \n'
        "{a: x\n\n}\n",  # a blank line before a closing bracket: rapidyaml keeps it ('x\n')
        "a: {b: x\n\n }\n",
        "a: {b\n\n }\n",
        "{a: x\r\n  \r\n# \r\n  }\r\n",
        "a: | # c-\n  yes\n",  # a comment holding - or + after a block scalar header: rapidyaml reads it as chomping
        "v: > #c+\n  x\n\n",
        "a: >\n  x\n&  #c\n",  # a mark opening the line that ends a block scalar
        "a:\n  b: >\n    x\n  &  #c\n",
        "a: R&D\n&\n",  # a mark opening a line no further right than the key above it
        "- a: x\n  &\n",
        "a: inf\n",  # plain scalars the JSON emitter rewrites: inf as .inf, nan as .nan
        "a: [-inf, nan]\n",
        "a: .NaN\n",
        "  inf: \n",
        "a:\n b:\n - []\n \n  c: 1\n",  # a key further right than its mapping's, read with its spaces
        "id:\n  - id:\n    - []\n\n        id: []\n",
    ],
)
def test_texts_libyaml_refuses_or_reads_otherwise_are_not_taken_by_the_fast_path(text: str) -> None:
    """Found by a random generator of register-like texts: rapidyaml accepted these (or read them with
    another value), and the fast path took them; the strict builder is the reference."""
    assert not same_as_strict(text)
