"""How fast the Excel register renders a large register, next to the floor measured in the same run.

The floor is openpyxl's write-only mode writing exactly the same cells (the same sheets, rows and
texts) as plain values, with no styles, widths, heights or print set-up: the least any
openpyxl-based writer can do. The target is at most 1.5x that floor, with memory bounded (the
rows are streamed, not held as a whole workbook).

Prints, for a synthetic register (benchmarks/synth.py; 10,000 activities by default):
- cells written, render time and floor time (best of RUNS each, interleaved), and their ratio;
- the memory each adds at its peak (peak RSS of a forked child less its RSS at the fork; Linux);
- the size of both files.

Usage: python benchmarks/bench_excel.py [activities]
"""

from __future__ import annotations

import gc
import io
import os
import resource
import sys
import time
from collections.abc import Callable
from itertools import chain
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from openpyxl import Workbook
from synth import build_register

from ropa.model.enums import Language
from ropa.render.context import RenderInput
from ropa.render.excel import render, workbook_plan

RUNS = 3
TARGET = 1.5


def same_cells(data: RenderInput) -> list[tuple[str, list[list[str]]]]:
    """Every sheet's name and the text of every cell the renderer writes, header row first."""
    sheets, names, _ = workbook_plan(data)
    return [
        (name, [[text for text, _ in row] for row in chain([sheet.header], sheet.rows)]) for sheet, name in zip(sheets, names, strict=True)
    ]


def floor(cells: list[tuple[str, list[list[str]]]]) -> bytes:
    """openpyxl write-only, plain values, the same cells: the floor."""
    wb = Workbook(write_only=True)
    for name, rows in cells:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def best(fn: Callable[[], bytes]) -> tuple[float, bytes]:
    """Seconds of one call (collector paused, as in `ropa build`), and its result."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def peak(fn: Callable[[], bytes]) -> float:
    """Memory ``fn`` adds at its peak, in MB: run in a forked child, its peak RSS less its RSS at the start.

    The child shares the parent's register model, so only what ``fn`` allocates is counted; a fork
    keeps this fast where tracemalloc would slow openpyxl's floor down for minutes.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without running the parent's clean-up
        os.close(read)
        start = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024
        fn()
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start
        os.write(write, f"{grown / 1024:.1f}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        value = float(pipe.read() or "nan")
    os.waitpid(pid, 0)
    return value


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    data = RenderInput(register=build_register(n), source_path=f"synthetic-{n}.yaml", sha256="0" * 64, language=Language.EN)
    cells = same_cells(data)
    count = sum(len(row) for _, rows in cells for row in rows)
    # memory first, before the timed runs leave freed memory in the heap for the children to reuse
    render_mb, floor_mb = peak(lambda: render(data)), peak(lambda: floor(cells))
    ours, theirs = [], []
    for _ in range(RUNS):  # interleaved, so drift on a busy machine hits both alike
        t, ours_bytes = best(lambda: render(data))
        ours.append(t)
        t, floor_bytes = best(lambda: floor(cells))
        theirs.append(t)
    render_s, floor_s = min(ours), min(theirs)
    ratio = render_s / floor_s
    print(f"synthetic register: {n:,} activities, {len(cells)} sheets, {count:,} cells")
    print(f"render (ropa.render.excel): {render_s:6.2f} s   best of {RUNS}: {', '.join(f'{x:.2f}' for x in ours)}")
    print(f"floor (openpyxl write-only, plain values): {floor_s:6.2f} s   best of {RUNS}: {', '.join(f'{x:.2f}' for x in theirs)}")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    print(f"memory added at the peak, render: {render_mb:7.1f} MB (the register model is not counted)")
    print(f"memory added at the peak, floor:  {floor_mb:7.1f} MB (its cells were prepared beforehand, not counted)")
    print(f"file size: render {len(ours_bytes) / 1e6:.1f} MB, floor {len(floor_bytes) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
