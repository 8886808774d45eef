"""Which certification lines Annex A gives a recipient: the Privacy Shield's and the Data Privacy Framework's, each
only when it can matter for the register's date or some recipient states it (``ropa.reference.certification``)."""

from __future__ import annotations

from ropa.model import Register
from ropa.reference.certification import eras, shown

#: Recipient field -> the label of its line.
LABELS = {"privacy_shield_certified": "docx.privacy-shield-certified", "dpf_certified": "docx.dpf-certified"}


def certification_lines(register: Register) -> list[tuple[str, str]]:
    """(field, label key) of each certification Annex A shows for this register, in the order of their eras."""
    return [(e.field, LABELS[e.field]) for e in eras() if shown(e.field, register.info.date, register.recipients)]
