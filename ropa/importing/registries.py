"""The registries activities refer to by id: each name once, with a stable id made from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ropa.importing.cells import Cell, clip
from ropa.importing.notation import slug


@dataclass
class Registry:
    """Entries by name (case and spacing ignored), in the order first met; ids unique, from the names."""

    name_key: str = "name"
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ids: set[str] = field(default_factory=set)

    def add(self, name: str, cell: Cell, **extra: Any) -> str:
        """The id of the entry called ``name``, made on first sight with ``cell`` as its evidence."""
        found = self.entries.get(_key(name))
        if found is not None:
            return str(found["id"])
        return self._enter(slug(name), name, cell, extra)

    def seed(self, ident: str, name: str, cell: Cell, **extra: Any) -> None:
        """An entry called ``name`` with the id a workbook ropa built gives it (made unique like any other), before the
        rows name it; nothing if the name is already entered."""
        if _key(name) not in self.entries:
            self._enter(slug(ident, 64), name, cell, extra)

    def _enter(self, base: str, name: str, cell: Cell, extra: dict[str, Any]) -> str:
        new_id, n = base, 1
        while new_id in self._ids:
            n += 1
            new_id = f"{base}-{n}"
        self._ids.add(new_id)
        self.entries[_key(name)] = {"id": new_id, self.name_key: clip(name), **extra, "evidence": cell.evidence}
        return new_id

    def named(self, name: str) -> dict[str, Any] | None:
        """The entry called ``name`` (case and spacing ignored), if any."""
        return self.entries.get(_key(name))

    def get(self, ident: str) -> dict[str, Any] | None:
        return next((e for e in self.entries.values() if e["id"] == ident), None)

    def listed(self) -> list[dict[str, Any]]:
        return list(self.entries.values())


def _key(name: str) -> str:
    """A name with case and spacing ignored."""
    return " ".join(name.casefold().split())


@dataclass
class Registries:
    subjects: Registry = field(default_factory=Registry)
    data: Registry = field(default_factory=Registry)
    recipients: Registry = field(default_factory=Registry)
    measures: Registry = field(default_factory=lambda: Registry("description"))
