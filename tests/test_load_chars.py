"""Refused characters as a person reads them: the character named, at the line and column where it is written.

A character that hides text or breaks an Office file is named by code point and Unicode name; one
that has no name (controls, surrogates, non-characters) by what it is. In a double-quoted scalar
the finding points at the escape that makes the character, not at the scalar.
"""

from __future__ import annotations

import pytest

from ropa.loading.load import LoadError, load_text
from ropa.loading.yaml_chars import FORBIDDEN_CHARS, may_hold_forbidden


def problems(text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(LoadError) as caught:
        load_text(text)
    return [(p.line, p.column, p.code, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x01", "U+0001 (control character)"),
        ("\x9f", "U+009F (control character)"),
        ("\ud800", "U+D800 (surrogate)"),
        ("\udfff", "U+DFFF (surrogate)"),
        ("\ufdd0", "U+FDD0 (non-character)"),
        ("\ufffe", "U+FFFE (non-character)"),
        ("\u200b", "U+200B (zero width space)"),
    ],
)
def test_a_refused_character_is_named(char: str, name: str) -> None:
    """Written in the file, each refused character is named in the message, at its line and column."""
    assert problems(f"a: x{char}\n") == [(1, 5, "character", f"character {name} is not allowed")]


def test_the_line_counts_a_break_at_the_very_start() -> None:
    """A file that starts with an empty line: the character on line 2 is reported on line 2."""
    assert problems("\n\x01") == [(2, 1, "character", "character U+0001 (control character) is not allowed")]


def test_at_most_twenty_characters_are_reported() -> None:
    """A file full of refused characters gives the first twenty, not a flood."""
    found = problems("a: " + "\x01" * 25 + "\n")
    assert [(line, col) for line, col, _, _ in found] == [(1, col) for col in range(4, 24)]


@pytest.mark.parametrize(
    ("scalar", "column", "name"),
    [
        (r'"\x1f"', 5, "U+001F (control character)"),  # a hex escape read in base 16
        (r'"ab\e"', 7, "U+001B (control character)"),  # a one-letter escape
        (r'"\x41\x01"', 9, "U+0001 (control character)"),  # \x41 is 'A': the finding is at the second escape
        (r'"\u1001\x01"', 11, "U+0001 (control character)"),  # \u1001 is a Myanmar letter, allowed
        (r'"ok\u200b"', 7, "U+200B (zero width space)"),
    ],
)
def test_an_escape_is_reported_where_it_is_written(scalar: str, column: int, name: str) -> None:
    """In a double-quoted scalar, the finding points at the escape that makes the refused character."""
    assert problems(f"a: {scalar}\n") == [(1, column, "character", f"character {name} is not allowed")]


def test_escapes_that_make_allowed_characters_load() -> None:
    """Hex and Unicode escapes of ordinary characters load as those characters."""
    data, _ = load_text("a: \"\\x41\\u1001\\u00e9\"\nb: 'C:\\e'\n")
    assert data == {"a": "A\u1001é", "b": "C:\\e"}


def test_the_byte_screen_finds_exactly_the_refused_characters() -> None:
    """The quick screen of the UTF-8 bytes (which spares most registers the character-class search)
    says yes for every refused character and for no other, across all of Unicode, alone or in text."""
    disagree = [
        code
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and may_hold_forbidden(chr(code).encode("utf-8")) != bool(FORBIDDEN_CHARS.fullmatch(chr(code)))
    ]
    assert disagree == []
    prose = "Örebro “quoted” — ’s 😀 ".encode()
    assert not may_hold_forbidden(prose * 3)
    assert may_hold_forbidden(prose + "\u2066".encode() + prose)
    assert may_hold_forbidden(prose + b"\x7f")


def test_a_refused_character_among_other_text_is_reported_where_it_is_written() -> None:
    assert problems("a: “x”\nb: ok\u200dok\n") == [(2, 6, "character", "character U+200D (zero width joiner) is not allowed")]
