"""The command line: the only part of ropa that prints or exits.

``main`` parses and dispatches (ropa.cli.commands); ``init``, ``import`` and ``export`` live in ropa.cli.exchange; exit codes,
path display and file discovery in ropa.cli.common; ``python -m ropa.cli.reference`` writes docs/cli.md from the help.
The installed `ropa` program and ``python -m ropa`` run ``main`` through ropa.cli.entry, which leaves without
the interpreter's teardown.
"""

from ropa.cli.commands import main

__all__ = ["main"]
