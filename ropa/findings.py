"""A finding is one problem in one register: where it is, how bad, and what to do."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    """How a finding affects the exit code: errors block a build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, positioned in the YAML file it comes from."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    field_path: str = ""
    related: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)


@dataclass(frozen=True, slots=True)
class Issue:
    """A finding before it is positioned: checks speak in document paths, not lines."""

    loc: Loc
    code: str
    message: str
    severity: Severity = Severity.ERROR
    related: tuple[str, ...] = ()


def dotted(loc: Loc) -> str:
    """Render a document path the way a person reads it: ``activities[2].purposes[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
