"""What every `ropa` command shares: exit codes, how paths are shown, which files a command reads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from ropa.loading.discover import discover

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def register_files(paths: tuple[Path, ...]) -> list[Path]:
    files = discover(paths)
    if not files:
        raise click.UsageError("no register files found (a register is a YAML file with a top-level `ropa: 1`)")
    return files


def as_of_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """--as-of and --date: a date YYYY-MM-DD or `today`, or a usage error (exit 2)."""
    if value is None:
        return None
    if value == "today":
        return dt.date.today()
    try:
        if not _ISO_DATE.fullmatch(value):  # fromisoformat also takes 20260105 and 2026-W02-1
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: give YYYY-MM-DD (e.g. 2026-03-31) or `today`") from None
