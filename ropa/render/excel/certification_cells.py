"""The Recipients sheet's certification columns (Privacy Shield, Data Privacy Framework), each shown only when it
can matter for the register's date or a recipient states it (``ropa.reference.certification``)."""

from __future__ import annotations

from ropa.model import Register
from ropa.model.markers import Fact
from ropa.model.registries import Recipient
from ropa.reference.certification import eras, shown
from ropa.render.excel.facts import point_cell
from ropa.render.excel.layout import Column
from ropa.render.excel.words import Cell, Kind, Words

COLUMNS = {
    "privacy_shield_certified": Column("xlsx.col.privacy-shield-certified", ("45",), 12, 20),
    "dpf_certified": Column("xlsx.col.dpf-certified", ("45",), 12, 20),
}


def field_of(condition: str | None) -> str | None:
    """The recipient field that meets the condition of an adequacy row (``data/adequacy.toml``), if any."""
    return next((e.field for e in eras() if e.condition == condition), None)


def fields(register: Register) -> list[str]:
    """The certification fields the register's Recipients sheet shows, in the order of their eras."""
    return [e.field for e in eras() if shown(e.field, register.info.date, register.recipients)]


def cell(rec: Recipient, field: str, w: Words) -> Cell:
    """Yes / No / the marker; not stated for a US recipient that leaves it out, not applicable for the others."""
    value = getattr(rec, field)
    if value is not None:
        return point_cell(value, w.yes_no, w)
    us = isinstance(rec.country, Fact) and rec.country.value == "US"
    return w.not_stated if us else (w.not_applicable, Kind.MARKER)
