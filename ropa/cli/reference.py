"""Generate docs/cli.md from the click commands, so the CLI reference is never written twice.

Run ``python -m ropa.cli.reference`` (``make docs``); a test fails when the committed copy is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ropa.cli import main

TARGET = Path("docs") / "cli.md"


def render() -> str:
    parts = ["# Command-line reference", "", "Generated from the commands' own help by `make docs`; do not edit by hand.", ""]
    ctx = click.Context(main, info_name="ropa", terminal_width=100, max_content_width=100, **main.context_settings)
    parts += ["## ropa", "", "```text", main.get_help(ctx).rstrip(), "```", ""]
    for name in sorted(main.list_commands(ctx)):
        command = main.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
        parts += [f"## ropa {name}", "", "```text", command.get_help(sub).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
