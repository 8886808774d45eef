"""The loader at its edges: encodings, limits and parser errors, each as the finding a person reads (line, column, message)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ropa.loading import load
from ropa.loading.load import LoadError, decode, load_file, load_text, syntax_problem
from ropa.loading.yaml_events import Problem

UTF16 = Problem(1, 1, "encoding", "file is UTF-16 (or has NUL bytes); save it as UTF-8")


def _problems(data: bytes) -> list[Problem]:
    with pytest.raises(LoadError) as info:
        decode(data)
    return info.value.problems


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffāēūī".encode("utf-16-le"),  # little-endian with its mark, no NUL byte in it
        "\ufeffāēūī".encode("utf-16-be"),
        b"a: 1\x00\n",  # a NUL byte without a UTF-16 mark
        b"\xef\xbb\xbf\x00a: 1\n",  # a NUL right after a UTF-8 mark
        b"\xef\xbb\xbf" + b"a" * 4093 + b"\x00",  # the NUL is within the first 4096 bytes after the mark
    ],
)
def test_utf16_or_nul_bytes_are_one_finding_at_the_start(data: bytes) -> None:
    assert _problems(data) == [UTF16]


def test_a_nul_byte_far_into_the_file_is_left_to_the_character_check() -> None:
    """Only the first 4096 bytes are sniffed for UTF-16; a later NUL is a character problem at its place."""
    text = decode(b"a" * 4096 + b"\x00")
    assert text == "a" * 4096 + "\x00"


def test_a_file_without_mark_is_not_cut() -> None:
    """The first three bytes are skipped only when they are the UTF-8 mark."""
    assert _problems(b"\x00\x00\x00a: 1\n") == [UTF16]


def test_an_unmarked_parser_error_is_a_finding_at_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser error with no position (a reader error) still becomes a finding, never a traceback."""

    def fails(text: str) -> object:
        raise yaml.YAMLError("the reader gave up")

    monkeypatch.setattr(load, "build_fast", fails)
    with pytest.raises(LoadError) as info:
        load_text("a: ~\n")  # ~ keeps it off the rapidyaml path
    assert info.value.problems == [Problem(1, 1, "yaml-syntax", "YAML: the reader gave up")]


def test_a_syntax_error_without_a_mark_is_placed_at_the_start() -> None:
    exc = yaml.MarkedYAMLError(context="while parsing a block mapping", problem="expected <block end>")
    assert syntax_problem(exc) == Problem(1, 1, "yaml-syntax", "YAML syntax: while parsing a block mapping expected <block end>")
    assert load._depth_or_syntax("a:\n\tb: 1\n", exc, [(3, 0)]) == syntax_problem(exc)


def test_a_file_of_exactly_the_limit_is_read_one_byte_more_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_BYTES", 10)
    path = tmp_path / "r.yaml"
    path.write_bytes(b"a: 123456\n")
    assert load_file(path)[0] == {"a": 123456}
    path.write_bytes(b"a: 1234567\n")
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.problems == [Problem(1, 1, "too-large", "file is 11 bytes; the limit is 10")]


def test_an_unreadable_file_says_why_at_the_start(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_file(tmp_path)
    assert info.value.problems == [Problem(1, 1, "unreadable", "cannot read file: Is a directory")]
