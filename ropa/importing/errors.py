"""What an import reports: a failure that stops it (exit 2), and warnings about single cells."""

from __future__ import annotations

from dataclasses import dataclass


class ImportInputError(Exception):
    """The input cannot be imported: the message names the file, and the cell where there is one."""


@dataclass(frozen=True, order=True)
class Warn:
    """A cell (or column) that was not interpreted, or was interpreted with a caveat."""

    cell: str  # e.g. Template!L14
    message: str

    def __str__(self) -> str:
        return f"{self.cell}: {self.message}"
