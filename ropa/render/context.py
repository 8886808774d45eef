"""What a renderer receives: the validated register and facts about the run (no wall clock)."""

from __future__ import annotations

from dataclasses import dataclass

from ropa import __version__
from ropa.findings import Finding
from ropa.model import Register
from ropa.model.enums import Language


@dataclass(frozen=True)
class RenderInput:
    """Everything a renderer may use; outputs depend on nothing else, so rebuilds are identical."""

    register: Register
    source_path: str
    sha256: str
    language: Language
    warnings: tuple[Finding, ...] = ()
    tool_version: str = __version__
