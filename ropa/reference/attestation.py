"""How an attested fact reads in every output: who stated it, when, and where it is recorded.

A quote is shown as the source's words; an attestation has no words to show, so it reads
"Attested by Head of IT, 2026-03-01 (Server inventory, IT-42)" in the register's language.
"""

from __future__ import annotations

from ropa.model.markers import Attestation
from ropa.reference.labels import InLanguage


def attested(words: InLanguage, ev: Attestation) -> str:
    """'Attested by {who}, {date}', then the internal document and the note in brackets when given."""
    text = words.t("evidence.attested", by=ev.attested_by, date=ev.date.isoformat())
    extra = [x for x in (ev.document, ev.note) if x]
    return text + (f" ({'; '.join(extra)})" if extra else "")
