"""How fast the cross-checks are on large registers, each check family on its own (issue 15).

Builds synthetic registers of 1,000 and 10,000 activities (synth.py), loads and models each once,
then times every check of ropa.checks.CHECKS (in pipeline order, on a fresh Context each run, so a
check that needs another's work gets it) and ``walk_models`` alone, as medians of several runs.
The gap table (``ropa.reporting.gaps.all_gaps``, which ``ropa gaps`` and every renderer read) is
timed beside them: it is not a check, but it walks the same models.

Timings before and after a change cannot come from one run, so each figure stands beside floors
measured in the same run on the same model objects:
- walk floor: a plain recursive Python visit of every model of the register through the fields
  that can hold models (listed once per class), building no paths and doing nothing at each:
  what any walk of the register costs before it records where each model is;
- dump floor: ``Register.model_dump()`` (pydantic's own walk, in Rust, building dicts).
Times are CPU seconds of this process (``time.process_time``): the machine may be shared.
The ratio to the walk floor is the figure to watch; microseconds per activity for 1,000 vs 10,000
show whether a check grows linearly (then the two stay about equal).

Last, the whole checks stage as ``ropa validate`` runs it (``run_checks`` on a fresh Context, the cyclic
collector paused), beside a clean ``validate_file`` of the same register end to end (load, model, checks,
positions): both as the best CPU time of several runs, the stage's share of the validate being the figure
issue 15 asks about.

Usage: python benchmarks/bench_checks.py [COUNTS...]   (default: 1000 10000)
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_register

from ropa.checks import CHECKS, Context, run_checks
from ropa.checks.evidence import walk_models
from ropa.collector import collector_paused
from ropa.loading.load import load_file
from ropa.model import Register
from ropa.reporting.gaps import all_gaps
from ropa.validate import validate_file

RUNS = 7
BEST_OF = 5  # runs of the whole stage and of the clean validate, the best taken


_FIELDS: dict[type, list[str]] = {}


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_holds_models(arg) for arg in get_args(annotation))


def _fields(cls: type[BaseModel]) -> list[str]:
    if cls not in _FIELDS:
        _FIELDS[cls] = [n for n, f in cls.model_fields.items() if n != "evidence" and _holds_models(f.annotation)]
    return _FIELDS[cls]


def _visit(obj: BaseModel) -> int:
    """The walk floor: every model under ``obj`` visited once through the fields that can hold models, no paths."""
    count = 1
    values = obj.__dict__
    for name in _fields(type(obj)):
        value = values[name]
        if isinstance(value, BaseModel):
            count += _visit(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    count += _visit(item)
    return count


def _median(job: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        gc.collect()
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return statistics.median(times)


def check_times(register: Register, base_dir: Path) -> dict[str, float]:
    """Median seconds of each check, run in pipeline order on a fresh Context each time."""
    samples: dict[str, list[float]] = {f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__}": [] for c in CHECKS}
    for _ in range(RUNS):
        ctx = Context(register=register, base_dir=base_dir)
        gc.collect()
        for check, times in zip(CHECKS, samples.values(), strict=True):
            start = time.process_time()
            for _issue in check(ctx):
                pass
            times.append(time.process_time() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def _best(job: Callable[[], object]) -> float:
    """The best CPU time of ``BEST_OF`` runs (the machine may be shared: the best run is the one least disturbed)."""
    times = []
    for _ in range(BEST_OF):
        gc.collect()
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return min(times)


def stage_and_validate(register: Register, path: Path) -> tuple[float, float]:
    """The checks stage as ``validate_file`` runs it (collector paused, fresh Context), and a clean validate of ``path``."""

    def stage() -> None:
        with collector_paused():
            run_checks(Context(register=register, base_dir=path.parent))

    return _best(stage), _best(lambda: validate_file(path))


def _row(name: str, seconds: float, floor: float, count: int) -> str:
    return f"  {name:<36} {seconds * 1000:8.1f} ms  {seconds / floor:5.2f}x walk floor  {seconds * 1e6 / count:7.2f} µs/activity"


def main(counts: list[int]) -> None:
    per_activity: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            path = write_register(Path(tmp) / str(n), n)
            data, _positions, _sha = load_file(path)
            register = Register.model_validate(data)
            nodes = _visit(register)
            floor = _median(lambda: _visit(register))  # noqa: B023 - called at once
            dump = _median(register.model_dump)
            walk = _median(lambda: sum(1 for _ in walk_models(register)))  # noqa: B023 - called at once
            checks = check_times(register, path.parent)
            gap_table = _median(lambda: all_gaps(register))  # noqa: B023 - called at once
            total = sum(checks.values())
            stage, clean = stage_and_validate(register, path)
            print(f"{n:,} activities, {nodes:,} models (medians of {RUNS} runs)")
            print(f"  {'floor: plain Python walk':<36} {floor * 1000:8.1f} ms  {1:5.2f}x walk floor  {floor * 1e6 / n:7.2f} µs/activity")
            print(_row("floor: Register.model_dump()", dump, floor, n))
            rows = {"walk_models": walk, **checks, "all checks": total, "gap table (all_gaps)": gap_table}
            for name, seconds in rows.items():
                print(_row(name, seconds, floor, n))
                per_activity.setdefault(name, {})[n] = seconds * 1e6 / n
            print(
                f"  {'checks stage (run_checks)':<36} {stage * 1000:8.1f} ms  best of {BEST_OF}, collector paused, "
                f"{stage / clean:4.0%} of a clean validate_file ({clean * 1000:.0f} ms, best of {BEST_OF})"
            )
    if len(counts) > 1:
        small, large = min(counts), max(counts)
        print(f"growth, µs/activity at {large:,} over {small:,} (1.00: linear)")
        for name, by_n in per_activity.items():
            if by_n[small] * small / 1e6 >= 0.0005:  # below half a millisecond the ratio is noise
                print(f"  {name:<36} {by_n[large] / by_n[small]:5.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
