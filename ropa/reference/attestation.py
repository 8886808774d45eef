"""How an attested fact reads in every output: who stated it, when, and where it is recorded.

A quote is shown as the source's words; an attestation has no words to show, so it reads
"Attested by Head of IT, 2026-03-01 (Server inventory, IT-42)" in the register's language
(in Word "Attested by Head of IT, 1 March 2026 (...)", its dates being written out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ropa.model.markers import Attestation
from ropa.reference.labels import InLanguage


def attested(words: InLanguage, ev: Attestation, day: Callable[[dt.date], str] = dt.date.isoformat) -> str:
    """'Attested by {who}, {date}', then the internal document and the note in brackets when given.

    ``day`` writes the date as the output writes its other dates: ISO 8601 in the workbook and the
    change report, '1 March 2026' in the Word document.
    """
    text = words.t("evidence.attested", by=ev.attested_by, date=day(ev.date))
    extra = [x for x in (ev.document, ev.note) if x]
    return text + (f" ({'; '.join(extra)})" if extra else "")
