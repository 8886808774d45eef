"""Characters a register may not hold, tabs it may not indent with, and where each one sits.

Lines and columns are counted the way the YAML parser counts them (line breaks are LF, CR LF,
a lone CR, U+2028 and U+2029), so a finding here and a finding from the parser agree.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that Office formats cannot hold or that hide what a text says: C0/C1 controls
# (tab, line feed and carriage return allowed), surrogates, non-characters, zero-width
# characters, bidirectional overrides and isolates, and a byte-order mark inside the text.
FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
# A tab among the white space that starts a line holding a value (not a comment, not blank).
_TAB_INDENT = re.compile(r"^( *)\t[ \t]*[^ \t\r\n#]", re.MULTILINE)
# One escape sequence of a double-quoted scalar (an escaped backslash is consumed whole).
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SINGLE_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "e": "\x1b", "v": "\x0b", "f": "\x0c", "N": "\x85"}


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counted as the YAML parser counts them."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


def describe_char(ch: str) -> str:
    """Name a character the way an error message should: code point and Unicode name."""
    code = ord(ch)
    fallback = "control character" if code < 0xA0 else "surrogate" if 0xD800 <= code <= 0xDFFF else "non-character"
    name = unicodedata.name(ch, fallback)
    return f"U+{ord(ch):04X} ({name.lower()})"


# The same characters in UTF-8: control bytes, then the sequences after each lead byte that can start one
# (U+0080-U+009F; U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069; U+FDD0-U+FDEF, U+FFFE,
# U+FFFF, U+FEFF). Surrogates cannot be in UTF-8 at all. Each pattern opens with a literal byte, so it
# runs at the speed of a byte search, where one character class over the whole text costs ~60 ms per 13 MB.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_LEAD_BYTES = {
    0xC2: re.compile(rb"\xc2[\x80-\x9f]"),
    0xE2: re.compile(rb"\xe2(?:\x80[\x8b-\x8f\xaa-\xae]|\x81[\xa0-\xa4\xa6-\xa9])"),
    0xEF: re.compile(rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf]|\xbb\xbf)"),
}
#: The bytes that can start a refused character in UTF-8.
SUSPECT_BYTES = _CONTROL_BYTES + bytes(_LEAD_BYTES)
_BUT_SUSPECT_BYTES = bytes(range(256)).translate(None, SUSPECT_BYTES)


def may_hold_forbidden(raw: bytes | bytearray, kept: bytes | bytearray | None = None) -> bool:
    """Whether the UTF-8 text ``raw`` holds a refused character (exactly ``FORBIDDEN_CHARS``, surrogates apart).

    One pass keeps only the bytes that can start one; most registers keep none, or lead bytes whose
    sequences a byte search then rules out. ``forbidden_characters`` finds where, when this says yes.
    ``kept``, the bytes of ``raw`` that a pass of the caller kept (all of ``SUSPECT_BYTES`` among them,
    in order), spares that pass.
    """
    suspects = (raw if kept is None else kept).translate(None, _BUT_SUSPECT_BYTES)
    if not suspects:
        return False
    if suspects.translate(None, bytes(_LEAD_BYTES)):
        return True  # a control byte
    return any(lead in suspects and pattern.search(raw) for lead, pattern in _LEAD_BYTES.items())


def forbidden_characters(text: str, limit: int = 20) -> list[tuple[int, int, str]]:
    """Line, column and message of each refused character (the first ``limit``)."""
    found = []
    for match in FORBIDDEN_CHARS.finditer(text):
        line, col = line_col(text, match.start())
        found.append((line, col, f"character {describe_char(match.group())} is not allowed"))
        if len(found) >= limit:
            break
    return found


def forbidden_escape(text: str, start: int, end: int) -> int | None:
    """Index of the first escape in ``text[start:end]`` (a double-quoted scalar) that makes a refused character."""
    for match in _ESCAPE.finditer(text, start, end):
        body = match.group()[1:]
        ch = chr(int(body[1:], 16)) if len(body) > 1 else _SINGLE_ESCAPES.get(body, "")
        if FORBIDDEN_CHARS.fullmatch(ch):
            return match.start()
    return None


def tab_indents(text: str) -> list[tuple[int, int]]:
    """Index and 0-based column of each tab that begins a line's white space (after spaces only), on lines holding a value.

    The parser refuses most of them itself; inside flow collections and multi-line scalars it skips
    them as white space, even where they stand in for indentation. The builder decides which are.
    """
    if "\t" not in text:
        return []
    return [(m.start() + len(m.group(1)), len(m.group(1))) for m in _TAB_INDENT.finditer(text)]


TAB_MESSAGE = "a tab in the indentation; indent with spaces only (editors show a tab at different widths, so the file reads differently)"
