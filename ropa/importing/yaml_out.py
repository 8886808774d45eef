"""The register as block-style YAML, written directly: PyYAML's representer takes seconds on 10,000 activities.

Mappings and lists in block style (as a person writes a register), strings double-quoted the way
JSON quotes them (valid YAML) unless they are plain words that YAML cannot read as anything else,
dates as YYYY-MM-DD, booleans as true/false. No anchors or aliases (ropa refuses them).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from typing import Any

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9][A-Za-z0-9_-]*)*")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"})


def scalar(value: Any) -> str:  # noqa: PLR0911 - one return per YAML type
    if type(value) is str:
        return _text(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return _text(str(value))


@lru_cache(maxsize=65536)
def _text(text: str) -> str:
    """A string as plain YAML where it cannot be misread, else JSON-quoted (registers repeat their quotes: cached)."""
    if _PLAIN.fullmatch(text) and text.casefold() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def dump(data: Any) -> str:
    lines: list[str] = []
    _node(data, 0, lines)
    return "\n".join(lines) + "\n"


def _node(value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                _node(item, indent + (2 if isinstance(item, dict) else 0), lines)
            else:
                lines.append(f"{pad}{key}: {scalar(item) if not isinstance(item, dict | list) else _empty(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                inner: list[str] = []
                _node(item, indent + 2, inner)
                lines.append(f"{pad}- {inner[0][indent + 2 :]}")
                lines.extend(inner[1:])
            elif isinstance(item, list) and item:
                inner = []
                _node(item, indent + 2, inner)
                lines.append(f"{pad}-")
                lines.extend(inner)
            else:
                lines.append(f"{pad}- {_empty(item)}")


def _empty(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)
