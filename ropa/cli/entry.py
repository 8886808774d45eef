"""The `ropa` program itself: the command line, then an exit that does not free the register object by object.

A validated register of 10,000 activities is some 450 MB of small objects. A process about to end gives
all its memory back at once; the interpreter's own teardown would first free each object (0.3 s of a
2.3 s `ropa validate`). Every file a command writes is closed before the command returns, and its
temporary folders are removed by context managers, so nothing waits for that teardown.

Tests call ``main`` (ropa.cli.commands) through click's runner; only the installed program and
``python -m ropa`` come through here.
"""

from __future__ import annotations

import os
import sys

from ropa.cli.commands import main

__all__ = ["run"]


def run() -> None:
    """Run ``main`` as the `ropa` program; leave with its exit code once the output is flushed."""
    try:
        main()  # click's standalone mode: it always ends by raising SystemExit
    except SystemExit as done:
        code = done.code
    else:  # pragma: no cover - click never returns in standalone mode
        code = 0
    if code is None:
        code = 0
    if not isinstance(code, int):
        raise SystemExit(code)  # a message as the code: Python prints it and exits 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`ropa validate | head -1`), a closed stream: the ordinary exit handles it
        raise SystemExit(code) from None
    os._exit(code)
