"""How fast `ropa validate` is where it is felt: on every commit, and on a large register.

Prints, from one run on this machine:
- the floor: a Python process that imports pydantic, yaml and click, and nothing else;
- `ropa validate` on the shipped registers, cold (--no-cache) and warm (findings cache), as medians
  and as a ratio to the floor (target: at most 1.3x);
- validate time and peak memory for synthetic registers of 1,000 and 10,000 activities, clean and
  with one error near the end (target: 10,000 activities, about 10 MB, under 2 s with line numbers);
- for 10,000 activities, each figure beside its floor from the same run (issue 15): clean validate
  against ``json.loads`` of the same data (target <= 4x), the one-error run against the clean one
  (target <= 1.2x), the time per reported position (target < 1 ms), the loader alone against
  ``json.loads`` (target <= 2x), with libyaml's own event loop for scale (no libyaml-based loader
  can go under it). ``json.loads`` is the floor as issue 15 measured it (the collector running), and
  again with the collector paused as ropa pauses it while loading and validating: the like-for-like
  ratio, printed beside the other so that neither flatters. The loader runs again on descriptions holding
  marks that YAML reads as indicators elsewhere (``&``, ``?``, ``%``, ``*``, ``!``) and curly quotes, as
  real registers do, where the synthetic one holds none. Then the clean run stage by stage: starting
  Python and importing, loading, building the models, the checks, and the rest. Last, the floor of the
stack itself: a process that starts Python, imports ropa's models, reads the same data with ``json.loads`` and
lets pydantic build the register, with no YAML and no checks: what no loader or check can take back.

Every program runs with the compiled modules Python writes beside the source, as a user's does, even
where the shell sets PYTHONDONTWRITEBYTECODE.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_register

from ropa.checks import Context, run_checks
from ropa.collector import collector_paused
from ropa.loading.load import load_text
from ropa.loading.yaml_events import parser
from ropa.model import Register

ROOT = Path(__file__).parent.parent
PY = sys.executable
RUNS = 7
# The programs run as a user's do: with the compiled modules Python keeps beside the source. A shell that
# sets PYTHONDONTWRITEBYTECODE would make every run recompile ropa's modules (~70 ms of a cold validate).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

# The ropa program, timed inside: it leaves as ropa.cli.entry does, without the interpreter's teardown.
_MEASURE = """
import os, resource, sys, time
t = time.perf_counter()
from ropa.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write(f"@@ {time.perf_counter() - t:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
"""


def wall(cmd: list[str], env: dict[str, str] = ENV) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def median_wall(cmd: list[str], env: dict[str, str] = ENV) -> float:
    return statistics.median(wall(cmd, env) for _ in range(RUNS))


def measured(args: list[str]) -> tuple[float, float, float, str]:
    """Wall time of the whole process, in-process time, peak RSS in MB, and the last output line."""
    start = time.perf_counter()
    out = subprocess.run([PY, "-c", _MEASURE, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    total = time.perf_counter() - start
    marker = next(line for line in out.stderr.splitlines() if line.startswith("@@ "))
    _, seconds, rss_kb = marker.split()
    last = (out.stdout.strip().splitlines() or [""])[0]
    return total, float(seconds), int(rss_kb) / 1024, last


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ropa-bench-cache-") as cache:
        run({**ENV, "ROPA_CACHE_DIR": cache})


def run(env: dict[str, str]) -> None:
    floor = median_wall([PY, "-c", "import pydantic, yaml, click"])
    ropa = [PY, "-m", "ropa", "validate"]
    wall([*ropa, "--no-cache"], env)  # compiles the modules validate imports, once, as a user's first run does
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
            clean = [measured(["validate", "--no-cache", str(path)]) for _ in range(3 if n == 10000 else 1)]
            total, inner, rss, _ = min(clean)
            print(f"{n:>6} activities, {size:5.1f} MB, clean:       {total:6.2f} s wall ({inner:5.2f} s in ropa), peak {rss:6.0f} MB")
            text = path.read_text(encoding="utf-8")
            cut = text.rindex("    dpia: {not_stated: true}")
            path.write_text(
                text[:cut] + "    dpia: {not_stated: maybe}" + text[cut + len("    dpia: {not_stated: true}") :], encoding="utf-8"
            )
            wrong = [measured(["validate", "--no-cache", str(path)]) for _ in range(3 if n == 10000 else 1)]
            error_total, error_inner, error_rss, first = min(wrong)
            print(
                f"{n:>6} activities, {size:5.1f} MB, one error:   {error_total:6.2f} s wall ({error_inner:5.2f} s in ropa), "
                f"peak {error_rss:6.0f} MB  -> {first.split(': ', 1)[-1][:100]}"
            )
            if n == 10000:
                floors(text, path.parent, total, error_total)


def best(action: Callable[[], object], runs: int = 3) -> float:
    """The fastest of ``runs`` timings of ``action()`` (the least disturbed by other processes)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def floors(text: str, folder: Path, clean: float, error: float) -> None:
    """Issue 15's figures for 10,000 activities, each beside its floor measured here and now."""
    as_json = json.dumps(load_text(text)[0])
    floor = best(lambda: json.loads(as_json))
    with collector_paused():
        paused = best(lambda: json.loads(as_json))
    events = best(lambda: _event_loop(text), 2)
    loader = best(lambda: load_text(text))
    # Prose as registers hold it: marks that are YAML indicators elsewhere, curly quotes (not ASCII, not Latin-1).
    prose = text.replace("cancellations and invoicing (unit", "cancellations & invoicing, “why?”, 100% done, 5*3 items! (unit")
    loader_prose = best(lambda: load_text(prose))
    _, positions = load_text(text)
    start = time.perf_counter()
    positions.locate(("activities", 9998, "dpia", "not_stated"))
    first = time.perf_counter() - start
    paths = [("activities", i, "purposes", 0, "lawful_basis", "basis") for i in range(0, 10000, 10)]
    start = time.perf_counter()
    for loc in paths:
        positions.locate(loc)
    each = (time.perf_counter() - start) / len(paths)
    print(f"floor  json.loads of the same data (10,000 activities)  {floor:6.3f} s")
    print(f"       libyaml's event loop alone                       {events:6.3f} s   {events / floor:4.2f}x json.loads")
    print(f"       json.loads with the collector paused, as ropa loads  {paused:6.3f} s")
    print(f"loader alone (load_text)                                {loader:6.3f} s   {loader / floor:4.2f}x json.loads (target <= 2x)")
    print(
        f"                                                                   {loader / paused:4.2f}x json.loads, collector paused in both"
    )
    print(f"loader, descriptions with & ? % * ! and curly quotes    {loader_prose:6.3f} s   {loader_prose / floor:4.2f}x json.loads")
    print(f"validate --no-cache, clean, end to end                  {clean:6.3f} s   {clean / floor:4.2f}x json.loads (target <= 4x)")
    print(f"validate --no-cache, one error near the end             {error:6.3f} s   {error / clean:4.2f}x the clean run (target <= 1.2x)")
    print(f"first position asked for (encodes the text, counts lines){first * 1000:6.2f} ms")
    print(f"each further position ({len(paths)} paths)                     {each * 1000:6.3f} ms   (target < 1 ms)")
    stages(text, folder, clean, floor, loader)
    (folder / "data.json").write_text(as_json, encoding="utf-8")
    stack = statistics.median(_stack_floor(folder / "data.json") for _ in range(3))
    print(
        f"the stack's own floor: Python, ropa's models imported, json.loads, pydantic builds the register (no YAML, no checks)\n"
        f"                                                        {stack:6.3f} s   {stack / floor:4.2f}x json.loads"
    )


# A program that does what any validate on this stack must: start Python, import the models, read the data (from JSON,
# the fastest reader there is) and let pydantic build the register, with the collector paused as ropa pauses it; it leaves
# as ropa does, without the interpreter's teardown. Timed whole, as the clean validate above is.
_STACK = """
import json, os, sys
from ropa.collector import collector_paused
from ropa.model import Register
raw = open(sys.argv[1], encoding="utf-8").read()
with collector_paused():
    Register.model_validate(json.loads(raw))
os._exit(0)
"""


def _stack_floor(data: Path) -> float:
    """Seconds from starting Python to a built register, read from JSON: the floor of ropa's stack, whatever the YAML loader."""
    start = time.perf_counter()
    subprocess.run([PY, "-c", _STACK, str(data)], cwd=ROOT, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def stages(text: str, folder: Path, clean: float, floor: float, loader: float) -> None:
    """Where the clean run's time goes, stage by stage in this process (the collector paused, as ropa pauses it)."""
    started = median_wall([PY, "-c", "import ropa.cli.commands, ropa.validate"])
    data, _ = load_text(text)
    with collector_paused():
        models = best(lambda: Register.model_validate(data))
        register = Register.model_validate(data)
        checks = best(lambda: run_checks(Context(register=register, base_dir=folder, as_of=None)))
    rest = clean - started - loader - models - checks
    print("where the clean run's time goes, stage by stage:")
    for name, seconds in (
        ("Python, then importing what validate needs", started),
        ("load (the loader alone, above)", loader),
        ("models: pydantic builds the register", models),
        ("checks", checks),
        ("the rest: positions, findings, output", rest),
    ):
        print(f"  {name:<52}  {seconds:6.3f} s   {seconds / floor:4.2f}x json.loads")


def _event_loop(text: str) -> None:
    events = parser(text)
    while events.get_event() is not None:
        pass


if __name__ == "__main__":
    main()
