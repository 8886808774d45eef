"""Strict YAML loading: what stays text, what is refused, and where problems are reported."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import FrameType

import pytest

from ropa import collector
from ropa.loading import load
from ropa.loading.load import LoadError, load_file, load_text
from ropa.loading.yaml_events import SUSPECT, build, build_fast
from ropa.validate import validate_file
from tests.conftest import MINIMAL


def test_yaml11_lookalikes_stay_text() -> None:
    """NO, 0123 and 1:30 reach the register as the text the DPO typed."""
    outcome = validate_file(MINIMAL / "yaml11-lookalikes.yaml")
    assert outcome.register is not None
    controller = outcome.register.controller
    assert controller.vat_number is not None
    assert getattr(controller.vat_number, "value", None) == "0123"
    assert getattr(controller.website, "value", None) == "1:30"
    norway = next(r for r in outcome.register.recipients if r.id == "norway-office")
    assert norway.name == "NO"
    assert getattr(norway.country, "value", None) == "NO"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: NO", "NO"),
        ("a: off", "off"),
        ("a: 0123", "0123"),
        ("a: 0x1F", "0x1F"),
        ("a: 1:30", "1:30"),
        ("a: +4930123456", "+4930123456"),
        ("a: 1.10", "1.10"),
        ("a: .inf", ".inf"),
        ("a: 12", 12),
        ("a: true", True),
        ("a: ~", None),
        ("a: 2018-01-01", "2018-01-01"),
    ],
)
def test_plain_scalars_follow_the_strict_core_schema(text: str, expected: object) -> None:
    """Only null, true/false and canonical integers are typed; everything else stays a string."""
    data, _ = load_text(text)
    assert data == {"a": expected}


def test_decomposed_accents_are_normalised() -> None:
    """Text is stored in Unicode NFC, so a pasted 'Örebro' in NFD equals the typed one."""
    data, _ = load_text("a: O\u0308rebro")
    assert data == {"a": "\u00d6rebro"}


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark (Notepad's habit) is fine."""
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    data, _, sha = load_file(path)
    assert data == {"a": 1}
    assert len(sha) == 64


def test_size_is_capped_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the size limit is refused with its size, without being parsed."""
    monkeypatch.setattr(load, "MAX_BYTES", 10)
    path = tmp_path / "r.yaml"
    path.write_text("a: 12345678901234567890\n")
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.problems[0].code == "too-large"


def test_unreadable_file(tmp_path: Path) -> None:
    """A missing file is a finding, not a traceback."""
    with pytest.raises(LoadError) as info:
        load_file(tmp_path / "nope.yaml")
    assert info.value.problems[0].code == "unreadable"


def test_positions_point_at_values_and_keys() -> None:
    """Document paths map back to 1-based lines and columns, of values and of keys."""
    _, positions = load_text("a:\n  b:\n    - x\n    - {c: 1}\n")
    assert positions.locate(("a", "b", 1, "c")) == (4, 11, ("a", "b", 1, "c"))
    assert positions.key_position(("a", "b")) == (2, 3)
    # a missing key stops at the mapping that should hold it
    line, col, found = positions.locate(("a", "missing", "deeper"))
    assert (line, col, found) == (2, 3, ("a",))


def test_every_problem_is_collected() -> None:
    """Anchors, tags and duplicate keys in one file are all reported, with their lines."""
    with pytest.raises(LoadError) as info:
        load_text("a: &x 1\nb: !foo 2\nc: 3\nc: 4\n")
    codes = [(p.code, p.line) for p in info.value.problems]
    assert codes == [("yaml-anchor", 1), ("yaml-tag", 2), ("yaml-duplicate-key", 4)]


@pytest.mark.parametrize(
    "text",
    [
        'a: !foo "x"',
        "a: !foo 'x'",
        "a: !foo x",
        "a: !!binary |\n  aGk=\n",
        "a: !!binary >\n  aGk=\n",
        "a: !!float '1.5'",
        "a: !!float 1.5",
        "a: !!set {x: null}",
        "a: !!omap [x: 1]",
        "a: !<tag:example.com,2000:x> y",
    ],
)
def test_every_non_core_tag_is_refused_on_every_path(text: str) -> None:
    """Quoted, plain and block scalars and collections alike: the fast path gives up and the finding names the tag."""
    assert build_fast(text) is SUSPECT
    with pytest.raises(LoadError) as info:
        load_text(text)
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.code) == (1, 4, "yaml-tag")
    assert problem.message.startswith("tag !")
    assert "is not allowed" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: ! 12", "12"),  # the non-specific tag makes a string (spec example 6.28)
        ("a: !\n", ""),
        ("a: !!str 12", "12"),
        ("a: !!str true", "true"),
        ("a: !!int '12'", 12),  # an explicit tag decides, whatever the quotes
        ('a: !!bool "false"', False),
        ("a: !!null ''", None),
        ("a: !!map {b: 1}", {"b": 1}),
        ("a: !!seq [1]", [1]),
    ],
)
def test_core_tags_mean_what_they_say(text: str, expected: object) -> None:
    """Core tags are honoured, identically by both builders."""
    data, _ = load_text(text)
    assert repr(data) == repr({"a": expected})
    assert repr(build(text, [])[0]) == repr(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int abc", "tag !!int does not fit 'abc'; remove the tag or correct the value"),
        ("a: !!int 0x1F", "tag !!int does not fit '0x1F'; remove the tag or correct the value"),
        ("a: !!bool yes", "tag !!bool does not fit 'yes'; remove the tag or correct the value"),
        ("a: !!null none", "tag !!null does not fit 'none'; remove the tag or correct the value"),
        ("a: !!seq x", "tag !!seq does not fit 'x'; remove the tag or correct the value"),
        ("a: !!map [1]", "tag !!map does not fit a list; remove the tag or correct the value"),
        ("a: !!seq {b: 1}", "tag !!seq does not fit a mapping; remove the tag or correct the value"),
    ],
)
def test_a_core_tag_that_does_not_fit_is_an_error_never_a_silent_string(text: str, message: str) -> None:
    """`!!int abc` used to load as the string 'abc'."""
    assert build_fast(text) is SUSPECT
    with pytest.raises(LoadError) as info:
        load_text(text)
    assert [(p.line, p.column, p.code, p.message) for p in info.value.problems] == [(1, 4, "yaml-tag", message)]


TAB = "a tab in the indentation; indent with spaces only (editors show a tab at different widths, so the file reads differently)"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('foo: "bar\n\tbaz"', (2, 1)),  # a quoted scalar's next line (libyaml accepted it)
        ("- [\n\tfoo,\n foo\n ]", (2, 1)),  # inside a flow list (libyaml accepted it)
        ("x:\n  a: b\n \tc", (3, 2)),  # a plain scalar's next line, the tab within the mapping's indentation
        ("x: [a,\n\tb]", (2, 1)),
        ("foo:\n \tbar", (2, 2)),  # where libyaml stops with a syntax error of its own
        ("a:\n  - x\n\t- y", (3, 1)),
        ("a: |\n  x\n\t\ty\n", (3, 1)),  # less indented than the block scalar's text: not its content
    ],
)
def test_a_tab_in_the_indentation_is_an_error_at_the_tab(text: str, where: tuple[int, int]) -> None:
    """A register edited in two editors must not change meaning: tabs never indent."""
    with pytest.raises(LoadError) as info:
        load_text(text)
    assert [(p.line, p.column, p.code, p.message) for p in info.value.problems] == [(*where, "yaml-tab", TAB)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: |\n  x\n  \ty\n", {"a": "x\n\ty\n"}),  # after a block scalar's indentation, a tab is text
        ("a: 'x\ty'\n", {"a": "x\ty"}),
        ("a: b\n \tc", {"a": "b c"}),  # past the mapping's indentation a tab only separates (the spec allows it)
        ('a: "b\n  \tc"', {"a": "b c"}),
        ("x: [a,\n \tb]", {"x": ["a", "b"]}),
        ("[a,\n\tb]", ["a", "b"]),  # a flow list at the top needs no indentation
    ],
)
def test_a_tab_beyond_the_indentation_is_white_space(text: str, expected: object) -> None:
    """Tabs that stand where no indentation is needed change nothing and are accepted."""
    assert load_text(text)[0] == expected


def test_a_leading_byte_order_mark_is_one_rule_for_text_and_files(tmp_path: Path) -> None:
    """load_text accepts a leading BOM as load_file does; a BOM anywhere else hides text and is refused."""
    assert load_text("\ufeffa: 1")[0] == {"a": 1}
    path = tmp_path / "r.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert load_file(path)[0] == {"a": 1}
    with pytest.raises(LoadError) as info:
        load_text("a: 1\n\ufeffb: 2")
    assert [(p.line, p.column, p.message) for p in info.value.problems] == [
        (2, 1, "character U+FEFF (zero width no-break space) is not allowed")
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: 1\nb: x\x01", (2, 5)),
        ("a: 1\r\nb: x\x01", (2, 5)),
        ("a: 1\rb: x\x01", (2, 5)),  # a lone CR breaks the line for the parser too
        ("a: 1\u2028b: x\x01", (2, 5)),  # so does U+2028
        ("a: 1\nbb: |\n  text\n  mo\x01re\n", (4, 5)),
        ('a: 1\nb: "xy\n  z\\x01"', (3, 4)),  # an escape on the second line of a quoted scalar: at the escape
        ('a: "\\\\\\x01"', (1, 7)),  # after an escaped backslash
    ],
)
def test_a_forbidden_character_is_reported_at_its_line_and_column(text: str, where: tuple[int, int]) -> None:
    """The column points at the character itself, on whichever line it is."""
    with pytest.raises(LoadError) as info:
        load_text(text)
    assert [(p.line, p.column, p.code, p.message) for p in info.value.problems] == [
        (*where, "character", "character U+0001 (control character) is not allowed")
    ]


def test_an_escaped_backslash_is_not_an_escape() -> None:
    r"""'\\x01' in double quotes is a backslash and the text x01."""
    assert load_text('a: "\\\\x01"')[0] == {"a": "\\x01"}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"a: 1\nb: caf\xe9\n", (2, 7)),
        (b"a: 1\nb: \xc3\xa9t\xe9\n", (2, 6)),  # after a two-byte character: counted as one column
        (b"\xef\xbb\xbfa: \xe9\n", (1, 4)),  # the byte-order mark is not a column
    ],
)
def test_a_byte_that_is_not_utf8_is_reported_at_its_character_column(tmp_path: Path, data: bytes, where: tuple[int, int]) -> None:
    """The column counts characters, as an editor shows them, not bytes."""
    path = tmp_path / "r.yaml"
    path.write_bytes(data)
    with pytest.raises(LoadError) as info:
        load_file(path)
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.code) == (*where, "encoding")
    assert problem.message == "byte 0xe9 is not valid UTF-8 (is the file cp1252 or Latin-1?); save it as UTF-8"


def test_every_problem_is_collected_with_what_a_person_reads() -> None:
    """Anchor, tag and duplicate key in one file: each message says what is wrong and what to do."""
    with pytest.raises(LoadError) as info:
        load_text("a: &x 1\nb: !foo 2\nc: 3\nc: 4\n")
    assert [(p.line, p.column, p.message) for p in info.value.problems] == [
        (1, 4, "anchor &x is not allowed; write the value out"),
        (2, 4, "tag !foo is not allowed; only plain YAML values are (write the value without a tag)"),
        (4, 1, "duplicate key 'c' (first at line 3)"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: *x\n", (2, 4, "yaml-alias", "alias *x is not allowed; write the value out")),
        ("a: 1\n---\nb: 2\n", (2, 1, "yaml-documents", "more than one YAML document in the file; keep one register per file")),
        ("[a, b]: 1\n", (1, 1, "yaml-key", "a key must be a plain text, not a mapping or list")),
        ("# nothing\n", (1, 1, "empty", "the file holds no YAML document")),
    ],
)
def test_structural_problems_say_where_and_what(text: str, expected: tuple[int, int, str, str]) -> None:
    with pytest.raises(LoadError) as info:
        load_text(text)
    first = info.value.problems[0]
    assert (first.line, first.column, first.code, first.message) == expected


def test_a_syntax_error_says_where_the_construct_started() -> None:
    """The parser's words, ropa's prefix, and where the unclosed list began (the parser stops on a later line)."""
    with pytest.raises(LoadError) as info:
        load_text("a: [1, 2\nb: 3\n")
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.code) == (2, 2, "yaml-syntax")
    assert problem.message.startswith("YAML syntax: while parsing a flow sequence ")
    assert problem.message.endswith(" (it started at line 1, column 4)")


def test_a_yaml_11_directive_is_refused_not_ignored() -> None:
    """%YAML 1.1 asks a reader for 1.1 rules (NO is false there); ropa reads 1.2 and says so instead of ignoring it."""
    assert build_fast("%YAML 1.1\n---\na: NO\n") is SUSPECT
    with pytest.raises(LoadError) as info:
        load_text("%YAML 1.1\n---\na: NO\n")
    assert [(p.line, p.column, p.code, p.message) for p in info.value.problems] == [
        (
            1,
            1,
            "yaml-version",
            "%YAML 1.1 asks for other rules than ropa's YAML 1.2 (in YAML 1.1, NO means false); remove the directive or write %YAML 1.2",
        )
    ]
    assert load_text("%YAML 1.2\n---\na: NO\n")[0] == {"a": "NO"}


def _collector_passes(text: str) -> tuple[list[int], list[int], int]:
    """Collector passes while ``text`` is parsed, and after (as the pause ends, or on the next allocations),
    each as the number of new objects it has to look at; and how many objects the pause froze."""
    passes: list[tuple[str, int]] = []

    def count(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            frame: FrameType | None = sys._getframe(1)
            while frame is not None and frame.f_code.co_name != "_load_text":
                frame = frame.f_back
            passes.append(("during" if frame is not None else "after", gc.get_count()[0]))

    was_enabled = gc.isenabled()
    gc.enable()  # another test may leave it off (the CLI turns it off for its short-lived process)
    gc.collect()  # the allocation counts start from zero: a pass due before the load cannot fall into it
    frozen = gc.get_freeze_count()
    gc.callbacks.append(count)
    try:
        try:
            data = load_text(text)
        except LoadError:
            data = None
        frozen = gc.get_freeze_count() - frozen
        _ = [[] for _ in range(2000)]  # enough allocations to start a pass if one is due
        del data
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
        enabled_after = gc.isenabled()
        if not was_enabled:
            gc.disable()
    assert enabled_after
    return [n for w, n in passes if w == "during"], [n for w, n in passes if w == "after"], frozen


def _items(count: int) -> str:
    return "items:\n" + "".join(f"  - {{id: x{i}, v: [{i}, b]}}\n" for i in range(count))


@pytest.mark.parametrize("text", [_items(2000), "a: [b\n"], ids=["small", "error"])
def test_the_collector_does_not_run_while_a_register_loads_and_runs_again_after(text: str) -> None:
    """No collector pass runs while a register loads, on either path or after an error; afterwards the
    collector is on again and takes what a small load left, as usual."""
    during, after, frozen = _collector_passes(text)
    assert during == []

    assert frozen == 0
    if not text.startswith("a:"):
        assert max(after) > 2000  # the pass as the pause ends looks at what the load left


def test_what_a_large_register_leaves_is_frozen_rather_than_passed_over() -> None:
    """A register of a million acyclic objects is not walked by the collector at the first allocation after
    loading (about as long as the loading): it is frozen, so no pass follows and reference counting frees it."""
    during, after, frozen = _collector_passes(_items(60000))
    assert during == []
    assert max(after, default=0) < 1000  # the passes after look at the few objects made since, not the register
    assert frozen > collector.FREEZE_FROM
