"""The reference tables shipped as tab-separated files in ``ropa/data`` (countries, languages)."""

from __future__ import annotations

from importlib import resources


def read_tsv(name: str) -> dict[str, tuple[str, ...]]:
    """Code -> its other columns, from ``ropa/data/<name>``; blank lines and ``#`` comments skipped."""
    rows: dict[str, tuple[str, ...]] = {}
    text = resources.files("ropa.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, *names = line.split("\t")
            rows[code] = tuple(names)
    return rows
