"""Write docs/format.md (``make docs``)."""

from __future__ import annotations

import sys
from pathlib import Path

from ropa.format_doc.render import render

TARGET = Path("docs") / "format.md"

if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
