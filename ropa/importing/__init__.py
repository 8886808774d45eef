"""`ropa import`: a register folder from the spreadsheet a DPO already keeps.

The workbook is read defensively (``safety``), flattened into cells (``grid``), its header row
found and its columns matched by their header text (``columns``), each cell read the way a DPO
writes it (``notation``), and the register assembled (``assemble``) with every fact quoting the
line of the source text (``source_text``) that holds its cell. ``run`` ties them together; the
CLI prints the summary and the warnings.
"""

from ropa.importing.errors import ImportInputError
from ropa.importing.run import ImportResult, import_file

__all__ = ["ImportInputError", "ImportResult", "import_file"]
