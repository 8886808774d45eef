"""The header row of a register table, found by its texts, and what each column holds.

A header is matched by the words it contains, not its exact text, so reworded, reordered, added
and missing columns are all understood; the first alias that fits wins, specific ones first
('Link to DPIA' before 'DPIA', 'Source of the personal data' before 'personal data').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ropa.importing import ropa_labels
from ropa.importing.errors import ImportInputError
from ropa.importing.grid import Sheet

#: Columns a register may have, the aliases that name them; ``=text`` must be the whole header.
#: A key starting with ``-`` is known but has no place in a register: reported as not imported.
ALIASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "dpia_link",
        (
            "link to dpia",
            "link to the dpia",
            "link to the data protection impact",
            "link to data protection impact",
            "dpia link",
            "dpia reference",
        ),
    ),
    ("dpia_progress", ("dpia progress", "data protection impact assessment progress", "impact assessment progress", "dpia status")),
    ("dpia", ("dpia", "data protection impact", "impact assessment")),
    ("-consent-record", ("record of consent",)),
    ("-lia-record", ("legitimate interests assessment", "legitimate interest assessment", "=lia")),
    ("-breach", ("breach",)),
    ("mechanism", ("safeguard", "transfer mechanism", "mechanism", "transfer ground")),
    ("transfers", ("third countr", "international organisation", "transfers", "countries outside", "outside the eea", "outside the uk")),
    ("contract", ("contract with processor", "link to contract", "processor contract", "data processing agreement", "=dpa", "contract")),
    ("joint", ("joint controller",)),
    ("legitimate_interest", ("legitimate interest",)),
    ("art9", ("art 9", "special categor", "special category")),
    ("art10", ("art 10", "criminal")),
    ("lawful_basis", ("art 6", "lawful basis", "legal basis", "lawful ground", "basis for processing", "lawful")),
    ("rights", ("rights",)),
    ("automated", ("automated", "profiling")),
    ("data_source", ("source",)),
    ("location", ("location", "where stored", "where is", "storage", "stored in", "hosting", "=system", "systems")),
    ("retention", ("retention", "erasure", "time limit", "how long", "keep")),
    ("security", ("security", "technical and organisational", "=toms", "=tom")),
    ("subjects", ("categories of individuals", "category of individuals", "individuals", "data subject", "subjects")),
    ("recipients", ("recipient", "shared with", "disclosed to")),
    ("data", ("personal data", "data categor", "types of data", "type of data", "categories of data", "data items", "data processed")),
    ("business_function", ("business function", "department", "business area", "business unit", "=function", "=team", "=owner")),
    ("purpose", ("purpose",)),
    ("last_reviewed", ("last reviewed", "review date", "date reviewed", "=reviewed")),
    ("id", ("=activity id", "=id", "=ref", "=reference", "=ref no", "=no", "=number")),
    ("name", ("processing activity", "activity name", "=activity", "=name", "name of processing", "=process", "process name")),
    ("description", ("=description", "description of processing", "activity description")),
    ("-notes", ("=notes", "=note", "=comments", "=remarks")),
)

#: What each key is called in the summary.
LABELS = {
    "dpia_link": "DPIA reference",
    "dpia_progress": "DPIA progress",
    "dpia": "DPIA",
    "mechanism": "transfer safeguards",
    "transfers": "transfers",
    "contract": "processor contract",
    "joint": "joint controllers",
    "legitimate_interest": "legitimate interests",
    "art9": "Art. 9 condition",
    "art10": "Art. 10 basis",
    "lawful_basis": "lawful basis",
    "rights": "rights",
    "automated": "automated decisions",
    "data_source": "source of the data",
    "location": "storage location",
    "retention": "retention",
    "security": "security measures",
    "subjects": "data subjects",
    "recipients": "recipients",
    "data": "data categories",
    "business_function": "business function",
    "purpose": "purpose",
    "last_reviewed": "last reviewed",
    "id": "activity id",
    "name": "activity name",
    "description": "description",
    "notes": "encoder's notes (ropa's own workbook)",
}
#: A row naming at least this many different columns is a header row.
MIN_HEADERS = 3
#: How far down a sheet a header row is looked for.
SEARCH_ROWS = 100
_ARTICLE = re.compile(r"\barticle\b")


def normal(header: str) -> str:
    """A header as matched: lower case, words only, 'Article' as 'art', one space between words."""
    text = header.casefold().replace("&", " and ").replace("organization", "organisation")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " " + " ".join(_ARTICLE.sub("art", text).split()) + " "


def match(header: str) -> str | None:
    """The key a header names, or None: ropa's own headers (any catalogue language) first, then the aliases."""
    own = ropa_labels.headers().get(header.strip().split("\n", 1)[0].strip().casefold())
    if own is not None:
        return own
    norm = normal(header)
    for key, aliases in ALIASES:
        for alias in aliases:
            if alias.startswith("="):
                if norm.strip() == alias[1:]:
                    return key
            elif " " + alias in norm:
                return key
    return None


@dataclass
class Table:
    """A sheet's header row and what each of its columns holds."""

    sheet: Sheet
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)  # key -> column (1-based)
    unmapped: list[tuple[int, str, str]] = field(default_factory=list)  # column, header, why


def _score(cells: list[str]) -> int:
    return len({k for c in cells if c and (k := match(c)) is not None and not k.startswith("-")})


def find_table(path: str, sheets: list[Sheet]) -> Table:
    """The sheet and row that name most register columns (at least three), or ImportInputError."""
    best: tuple[int, int, int] | None = None  # score, -sheet index, -row
    for s, sheet in enumerate(sheets):
        for n, cells in enumerate(sheet.rows[:SEARCH_ROWS], 1):
            score = _score(cells)
            if score >= MIN_HEADERS and (best is None or (score, -s, -n) > best):
                best = (score, -s, -n)
    if best is None:
        names = ", ".join(sheet.name for sheet in sheets) or "none"
        raise ImportInputError(
            f"{path}: no header row found: no row in the first {SEARCH_ROWS} of any sheet ({names}) names at least {MIN_HEADERS} "
            "register columns such as 'Purpose of processing', 'Categories of individuals', 'Categories of personal data', 'Retention schedule'"
        )
    sheet = sheets[-best[1]]
    return _map(sheet, -best[2])


def _map(sheet: Sheet, row: int) -> Table:
    table = Table(sheet, row)
    for col, header in enumerate(sheet.rows[row - 1], 1):
        if not header:
            continue
        key = match(header)
        if key is None:
            table.unmapped.append((col, header, "not a column ropa knows"))
        elif key.startswith("-"):
            table.unmapped.append((col, header, "has no place in an Art. 30 register"))
        elif key in table.columns:
            table.unmapped.append((col, header, f"a second column for {LABELS[key]} (the first is used)"))
        else:
            table.columns[key] = col
    if "id" in table.columns:  # ropa's own workbook: its notes go back where ropa took them from (ropa.importing.own_notes)
        for n, (col, header, _why) in enumerate(table.unmapped):
            if match(header) == "-notes":
                table.columns["notes"] = col
                del table.unmapped[n]
                break
    return table
