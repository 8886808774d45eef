"""Writing output files: atomically, so a reader never sees a half-written file, and dated so a rebuild is identical."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then replace: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_ZIP_EARLIEST = dt.date(1980, 1, 1)  # the zip format cannot date an entry earlier
_ZIP_LATEST = dt.date(2107, 12, 31)  # nor later


def zip_stamp(day: dt.date) -> tuple[int, int, int, int, int, int]:
    """The zip entry time for ``day`` at midnight, clamped to what a zip header can hold."""
    day = min(max(day, _ZIP_EARLIEST), _ZIP_LATEST)
    return (day.year, day.month, day.day, 0, 0, 0)
