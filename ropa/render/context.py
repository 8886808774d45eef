"""What a renderer receives: the validated register and facts about the run (no wall clock)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ropa import __version__
from ropa.findings import Finding
from ropa.model import Register
from ropa.model.enums import Language

if TYPE_CHECKING:
    from ropa.validate import Outcome


@dataclass(frozen=True)
class RenderInput:
    """Everything a renderer may use; outputs depend on nothing else, so rebuilds are identical."""

    register: Register
    source_path: str
    sha256: str
    language: Language
    warnings: tuple[Finding, ...] = ()
    tool_version: str = __version__

    @classmethod
    def from_outcome(cls, outcome: Outcome, lang: str | None = None) -> RenderInput:
        """What ``ropa build`` renders for a validated file: its register, path, hash and warnings."""
        register = outcome.register
        if register is None:
            raise ValueError(f"{outcome.display} did not validate")
        return cls(
            register=register,
            source_path=outcome.display,
            sha256=outcome.sha256,
            language=Language(lang) if lang else register.info.language,
            warnings=tuple(f for f in outcome.findings if not f.is_error),
        )
