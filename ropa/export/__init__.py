"""`ropa export`: a validated register as data for other tools, as JSON (the model) or CSV (the Register sheet's rows).

Both writers take a validated :class:`~ropa.model.Register` and return bytes, the same bytes for the same
register; nothing here prints, reads files or looks at the clock (the command line does that).
"""

from __future__ import annotations

from ropa.export.csv_rows import RECORDS, neutralise, record_counts, register_csv
from ropa.export.json_doc import register_json

__all__ = ["RECORDS", "neutralise", "record_counts", "register_csv", "register_json"]
