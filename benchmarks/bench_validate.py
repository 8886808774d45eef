"""How fast `ropa validate` is where it is felt: on every commit, and on a large register.

Prints, from one run on this machine:
- the floor: a Python process that imports pydantic, yaml and click, and nothing else;
- `ropa validate` on the shipped registers, cold (--no-cache) and warm (findings cache), as medians
  and as a ratio to the floor (target: at most 1.3x);
- validate time and peak memory for synthetic registers of 1,000 and 10,000 activities, clean and
  with one error near the end (target: 10,000 activities, about 10 MB, under 2 s with line numbers).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_register

ROOT = Path(__file__).parent.parent
PY = sys.executable
RUNS = 7

_MEASURE = """
import resource, sys, time
t = time.perf_counter()
from ropa.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write(f"@@ {time.perf_counter() - t:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def median_wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    return statistics.median(wall(cmd, env) for _ in range(RUNS))


def measured(args: list[str]) -> tuple[float, float, float, str]:
    """Wall time of the whole process, in-process time, peak RSS in MB, and the last output line."""
    start = time.perf_counter()
    out = subprocess.run([PY, "-c", _MEASURE, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    total = time.perf_counter() - start
    marker = next(line for line in out.stderr.splitlines() if line.startswith("@@ "))
    _, seconds, rss_kb = marker.split()
    last = (out.stdout.strip().splitlines() or [""])[0]
    return total, float(seconds), int(rss_kb) / 1024, last


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ropa-bench-cache-") as cache:
        run({**os.environ, "ROPA_CACHE_DIR": cache})


def run(env: dict[str, str]) -> None:
    floor = median_wall([PY, "-c", "import pydantic, yaml, click"])
    ropa = [PY, "-m", "ropa", "validate"]
    cold = median_wall([*ropa, "--no-cache"], env)
    wall([*ropa], env)  # fill the cache
    warm = median_wall(ropa, env)
    print(f"floor  python -c 'import pydantic, yaml, click'   {floor * 1000:7.0f} ms")
    print(f"ropa validate, shipped registers, warm cache     {warm * 1000:7.0f} ms   {warm / floor:4.2f}x floor (target <= 1.3x)")
    print(f"ropa validate, shipped registers, --no-cache     {cold * 1000:7.0f} ms   {cold / floor:4.2f}x floor")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1000, 10000):
            path = write_register(Path(tmp) / str(n), n)
            size = path.stat().st_size / 1e6
            total, inner, rss, _ = measured(["validate", "--no-cache", str(path)])
            print(f"{n:>6} activities, {size:5.1f} MB, clean:       {total:6.2f} s wall ({inner:5.2f} s in ropa), peak {rss:6.0f} MB")
            text = path.read_text(encoding="utf-8")
            cut = text.rindex("    dpia: {not_stated: true}")
            path.write_text(
                text[:cut] + "    dpia: {not_stated: maybe}" + text[cut + len("    dpia: {not_stated: true}") :], encoding="utf-8"
            )
            total, inner, rss, first = measured(["validate", "--no-cache", str(path)])
            print(
                f"{n:>6} activities, {size:5.1f} MB, one error:   {total:6.2f} s wall ({inner:5.2f} s in ropa), peak {rss:6.0f} MB  -> {first.split(': ', 1)[-1][:100]}"
            )


if __name__ == "__main__":
    main()
