"""How fast `ropa import` reads a large ICO-layout workbook, next to the floor measured in the same run.

The floor is openpyxl's read-only mode merely reading every cell value of the same workbook: the
least any openpyxl-based reader can do (with the garbage collector paused, as the import runs). The target is at most 3x that floor. Peak memory is
tracemalloc's peak for each (Python allocations; the workbook is made by this script).

Usage: python benchmarks/bench_import.py [activities]   (default 10,000)
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).parent.parent))
from ropa.importing import import_file
from tests.ico_workbook import ICO_HEADERS, ROWS, ico_workbook


def _measure(run: Callable[[], object]) -> tuple[float, float]:
    """Time of one run without tracing, then the peak of Python allocations in a second, traced run."""
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 2**20


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [{**ROWS[n % 2], "Purpose of processing": f"{ROWS[n % 2]['Purpose of processing']} ({n})"} for n in range(count)]
        book = ico_workbook(folder / "big.xlsx", rows)

        def floor() -> None:  # with the collector paused, as ropa import runs: the same footing
            gc.disable()
            wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
            for ws in wb.worksheets:
                for _row in ws.iter_rows(values_only=True):
                    pass
            wb.close()
            gc.enable()

        runs = [0]

        def ours() -> None:
            runs[0] += 1
            import_file(book, out_dir=folder / f"out{runs[0]}")

        floor_t, floor_m = _measure(floor)
        ours_t, ours_m = _measure(ours)
        print(f"{count:,} activities, {len(ICO_HEADERS)} columns, workbook {book.stat().st_size / 2**20:.1f} MiB")
        print(f"floor (openpyxl read-only): {floor_t:.2f} s, peak {floor_m:.0f} MiB")
        print(f"ropa import:                {ours_t:.2f} s, peak {ours_m:.0f} MiB")
        print(f"ratio: {ours_t / floor_t:.2f}x time (target <= 3x), {ours_m / max(floor_m, 0.1):.1f}x memory")


if __name__ == "__main__":
    main()
