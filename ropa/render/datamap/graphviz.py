"""Running Graphviz's ``dot`` program: found on PATH, called without a shell, with a time limit.

Its SVG is made reproducible and fit to embed: the XML declaration, the DOCTYPE and the comments
(one names the Graphviz version) are dropped, so the same DOT text gives the same bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess

#: Seconds one drawing may take; a register's map takes well under one.
TIMEOUT = 120
#: How to get the map, said once by ``ropa build`` when ``dot`` is missing.
HOW_TO_INSTALL = (
    "Graphviz's `dot` is not on PATH: install graphviz "
    "(Debian/Ubuntu: `apt-get install graphviz` or `./scripts/install-system-deps map`; macOS: `brew install graphviz`)"
)

_COMMENT = re.compile(rb"<!--.*?-->\s*", re.DOTALL)
_PROLOG = re.compile(rb"\A.*?(?=<svg\b)", re.DOTALL)


class GraphvizError(Exception):
    """``dot`` failed or took too long on a map."""


def dot_program() -> str | None:
    """The path of ``dot`` on PATH, or None."""
    return shutil.which("dot")


def available() -> bool:
    """True when the map can be drawn here."""
    return dot_program() is not None


def run(source: str, fmt: str) -> bytes:
    """``dot -T<fmt>`` on ``source``; raises GraphvizError when dot is missing, fails or times out."""
    program = dot_program()
    if program is None:
        raise GraphvizError(HOW_TO_INSTALL)
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
            [program, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise GraphvizError(f"dot took longer than {TIMEOUT} s") from exc
    except OSError as exc:
        raise GraphvizError(f"cannot run dot: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizError(f"dot failed: {message[-1] if message else f'exit status {done.returncode}'}")
    return done.stdout


def svg(source: str) -> str:
    """The picture as an ``<svg>`` element: no XML declaration, DOCTYPE or comments."""
    raw = _COMMENT.sub(b"", run(source, "svg"))
    return _PROLOG.sub(b"", raw, count=1).decode("utf-8").strip() + "\n"


def png(source: str, dpi: int) -> bytes:
    """The picture as PNG at ``dpi`` dots per inch (Cairo, no time stamp)."""
    return run(source.replace("digraph datamap {", f'digraph datamap {{\n  graph [dpi="{dpi}"];', 1), "png:cairo")
