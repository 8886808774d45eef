"""The source-path guard at its edges: what a person reads when a source text is refused, and where the limits lie.

The common cases (a path out of the folder, a link out of it, a folder, a pipe) are in test_faults.py and
test_check_evidence.py; these are the edges a slip in ``ropa.loading.sources`` would move without a sound.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest

from ropa.checks.evidence import read_source
from ropa.loading import sources
from ropa.loading.sources import MAX_BYTES, read_bytes, resolve


def test_a_text_of_exactly_the_limit_is_accepted_one_byte_more_is_refused(tmp_path: Path) -> None:
    """The limit is inclusive; the message gives both sizes with separators (sparse files: nothing is written)."""
    with open(tmp_path / "at-limit.txt", "wb") as handle:
        handle.truncate(MAX_BYTES)
    with open(tmp_path / "over.txt", "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert resolve(tmp_path, "at-limit.txt") == ((tmp_path / "at-limit.txt").resolve(), None)
    assert resolve(tmp_path, "over.txt") == (None, "source file `over.txt` is 33,554,433 bytes; the limit is 33,554,432")


def test_a_nul_in_the_path_is_refused_not_a_crash(tmp_path: Path) -> None:
    """The operating system cannot take a name with NUL; ropa says the path is not acceptable instead of raising."""
    (tmp_path / "policy.txt").write_text("text", encoding="utf-8")
    assert resolve(tmp_path, "policy.txt\0.pdf") == (
        None,
        "source path `policy.txt\0.pdf` must be relative to the register and stay inside its folder",
    )


def test_a_name_too_long_says_why_in_words(tmp_path: Path) -> None:
    """The operating system's reason, not a Python error text with an errno and the full path."""
    name = "a" * 300
    assert resolve(tmp_path, name) == (None, f"source file `{name}` cannot be read: File name too long")


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    path, problem = resolve(tmp_path, "a.txt")
    assert path is None
    assert problem is not None
    assert problem.startswith("source file `a.txt` cannot be read: ")


def test_reading_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text that grew past the limit after it was checked is refused on reading, with the limit in the message."""
    monkeypatch.setattr(sources, "MAX_BYTES", 8)
    (tmp_path / "eight.txt").write_bytes(b"12345678")
    (tmp_path / "nine.txt").write_bytes(b"123456789")
    assert read_bytes(tmp_path / "eight.txt") == b"12345678"
    with pytest.raises(OSError, match="larger than") as refused:
        read_bytes(tmp_path / "nine.txt")
    assert refused.value.strerror == "larger than 8 bytes"


def test_reading_grown_text_tells_the_person_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the quote check, as the finding's message reads."""
    (tmp_path / "policy.txt").write_bytes(b"123456789")
    monkeypatch.setattr(sources, "_unfit", lambda target, file: None)  # it grew after the check
    monkeypatch.setattr(sources, "MAX_BYTES", 8)
    assert read_source(tmp_path, "policy.txt") == (None, "source file `policy.txt` cannot be read: larger than 8 bytes")


def test_reading_does_not_follow_a_link(tmp_path: Path) -> None:
    """A link swapped in after the check is not followed when the text is opened."""
    (tmp_path / "real.txt").write_text("text", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_bytes(tmp_path / "real.txt") == b"text"
    with pytest.raises(OSError, match="symbolic links") as refused:
        read_bytes(tmp_path / "link.txt")
    assert refused.value.strerror == "Too many levels of symbolic links"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_reading_a_pipe_swapped_in_returns_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A named pipe swapped in after the check would block a reader: it is opened without waiting and refused."""
    pipe = tmp_path / "policy.txt"
    os.mkfifo(pipe)

    def unblock() -> None:  # only needed if the open waits for a writer (that is the defect)
        with contextlib.suppress(OSError):
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(3, unblock)
    timer.start()
    start = time.monotonic()
    try:
        monkeypatch.setattr(sources, "_unfit", lambda target, file: None)
        assert read_source(tmp_path, "policy.txt") == (None, "source file `policy.txt` cannot be read: not a regular file")
    finally:
        timer.cancel()
    assert time.monotonic() - start < 2
