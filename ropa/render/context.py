"""What a renderer receives: the validated register and facts about the run (no wall clock)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ropa import __version__
from ropa.findings import Finding
from ropa.model import Register
from ropa.model.activity import Activity
from ropa.model.enums import Language
from ropa.model.markers import Fact
from ropa.reference.labels import labels_for

if TYPE_CHECKING:
    from ropa.render.datamap import DataMap
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
    #: The data map, drawn once by ``ropa build`` when Graphviz is installed (ropa.render.datamap); None: no map.
    data_map: DataMap | None = None

    def __post_init__(self) -> None:
        # a register's own language (any ISO 639-1 code) names the catalogue language it is labelled in
        if not isinstance(self.language, Language):
            object.__setattr__(self, "language", Language(labels_for(self.language)))

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
            language=Language(lang or labels_for(register.info.language)),
            warnings=tuple(f for f in outcome.findings if not f.is_error),
        )


def registry_users(register: Register, point: Callable[[Activity], object]) -> dict[str, list[Activity]]:
    """Registry id -> the activities whose stated point (data subjects or data categories) names it, in register order."""
    users: dict[str, list[Activity]] = {}
    for act in register.activities:
        value = point(act)
        if isinstance(value, Fact):
            for rid in dict.fromkeys(value.value):
                users.setdefault(rid, []).append(act)
    return users
