"""How fast `ropa diff` compares two large registers and writes the redline and the workbook, next to floors from the same run.

Cases (synthetic registers, benchmarks/synth.py):
- "1%": 1,000 and 10,000 activities against a copy that differs in 1% of them, realistic edits
  spread over the register: a purpose reworded, a recipient added, an activity deleted, one
  inserted, one moved 37 places down;
- "worst": 1,000 and 2,000 activities against a copy in which every activity has a new id and a
  new name and the order is shuffled: nothing pairs, nothing in the Word documents lines up.

Each step runs in a fresh process (``--child``), so its peak memory is that process's maxrss
(the interpreter and ropa's imports included, as a user sees them). Times are CPU seconds of the
process (less disturbed than wall time on a shared machine). Printed per case:
- load: validating both registers (``validate_file``), which ``ropa diff`` does anyway: the
  time floor of (a), and the memory floor of (a) and (c);
- "dump dicts": a plain dict comparison of the two model dumps, activity by id, the other floor of (a);
- (a) diff: ``ropa.diff.compare`` alone, from the two validated models;
- (b) docx: the redline, of which "2 Word docs" is rendering both Word registers (the floor:
  the redline needs them; its own process gives the memory floor) and "merge" is tracking the
  differences;
- (c) xlsx: the change workbook, beside openpyxl write-only writing the same cell texts;
- the ratio to each floor, and microseconds per activity; then how each grows, per activity,
  from the small case to the large one (1.0 is linear).

Usage: python benchmarks/bench_diff.py [--quick]   (--quick: 1,000 and the 1,000 worst case only)
"""

from __future__ import annotations

import gc
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from synth import ACTIVITY, HEAD, SOURCE

#: A third recipient both registers hold, so that an activity can newly name it.
PAYMENTS = """  - id: payments
    name: Payment provider
    kind: processor
    country: {value: SE, evidence: [{quote: "handles card payments in Sweden"}]}
    evidence: [{quote: "Our payment provider handles card payments"}]
"""
EXTRA_SOURCE = "Our payment provider handles card payments in Sweden.\n"
_PURPOSE = "Administering orders, cancellations and invoicing (unit {i})."
_REWORDED = "Administering orders, returns, cancellations and refunds (unit {i}), and answering questions about them."
_RECIPIENTS = "recipients: {value: [hosting, mail],"
_MOVE_BY = 37


def _head(n: int) -> str:
    head = HEAD.format(n=n)
    return head.replace("security_measures:\n", PAYMENTS + "security_measures:\n", 1)


def _activity(i: int) -> str:
    return ACTIVITY.format(i=i)


def one_percent(n: int) -> tuple[str, str]:
    """OLD and NEW YAML: NEW differs in one activity in a hundred, the five kinds of edit in turn."""
    old = [_activity(i) for i in range(n)]
    new: list[str | None] = list(old)
    moves: list[tuple[int, str]] = []
    inserts: dict[int, str] = {}
    for k, i in enumerate(range(50, n, 100)):
        kind = k % 5
        if kind == 0:
            new[i] = old[i].replace(_PURPOSE.format(i=i), _REWORDED.format(i=i))
        elif kind == 1:
            new[i] = old[i].replace(_RECIPIENTS, "recipients: {value: [hosting, mail, payments],")
        elif kind == 2:
            new[i] = None
        elif kind == 3:
            inserts[i] = ACTIVITY.format(i=f"{i}b").replace("Orders, unit", "Returns, unit")
        else:
            moves.append((min(i + _MOVE_BY, n - 1), old[i]))
            new[i] = None
    out: list[str] = []
    moved = dict(moves)
    for i, text in enumerate(new):
        if text is not None:
            out.append(text)
        if i in inserts:
            out.append(inserts[i])
        if i in moved:
            out.append(moved[i])
    return _head(n) + "".join(old), _head(n) + "".join(out)


def worst(n: int) -> tuple[str, str]:
    """OLD and NEW YAML: every activity of NEW renamed (id and name) and the order shuffled."""
    old = [_activity(i) for i in range(n)]
    new = [a.replace("id: activity-", "id: task-").replace("name: Orders, unit", "name: Order handling, unit") for a in old]
    random.Random(n).shuffle(new)  # noqa: S311 - a fixed shuffle, not a secret
    return _head(n) + "".join(old), _head(n) + "".join(new)


# --- the child: one step in a fresh process ------------------------------------------------------


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of one call (this process's, so the other work on a shared machine counts less), and its result."""
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _dump_compare(old: Any, new: Any) -> int:
    """The floor of a comparison: both models dumped to dicts, activities compared by id."""
    a, b = old.model_dump(), new.model_dump()
    before = {x["id"]: x for x in a["activities"]}
    after = {x["id"]: x for x in b["activities"]}
    differ = sum(1 for k, v in after.items() if before.get(k) != v) + sum(1 for k in before if k not in after)
    return differ + sum(1 for k in a if k != "activities" and a[k] != b.get(k))


def _xlsx_floor(report: Any) -> bytes:
    """openpyxl write-only, plain values: the workbook's cell texts, the least an openpyxl writer can do."""
    from openpyxl import Workbook  # noqa: PLC0415

    from ropa.render.changes.xlsx import workbook_plan  # noqa: PLC0415

    sheets, names, _ = workbook_plan(report)
    wb = Workbook(write_only=True)
    for sheet, name in zip(sheets, names, strict=True):
        ws = wb.create_sheet(name)
        ws.append([text for text, _ in sheet.header])
        for row in sheet.rows:
            ws.append([text for text, _ in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def child(step: str, old_path: Path, new_path: Path) -> dict[str, float]:
    """Run one step; the seconds of each phase and the process's peak memory (MiB)."""
    from ropa.diff import compare  # noqa: PLC0415
    from ropa.validate import validate_file  # noqa: PLC0415

    times: dict[str, float] = {}
    times["load"], (old, new) = _timed(lambda: (validate_file(old_path), validate_file(new_path)))
    assert old.register is not None, old.findings
    assert new.register is not None, new.findings
    if step == "load":
        times["dump"], _ = _timed(lambda: _dump_compare(old.register, new.register))
    if step in ("compare", "redline", "xlsx"):
        times["compare"], report = _timed(lambda: compare(old.register, new.register, lang="en"))
        times["changes"] = len(report.changes)
    if step in ("word", "redline"):
        from ropa.render.changes.redline import merge_documents, render_document  # noqa: PLC0415

        times["word"], (old_doc, new_doc) = _timed(lambda: (render_document(old, "en"), render_document(new, "en")))
        if step == "redline":
            times["merge"], payload = _timed(lambda: merge_documents(old_doc, new_doc, report))
            times["bytes"] = len(payload)
    if step == "xlsx":
        from ropa.render.changes.xlsx import render_xlsx  # noqa: PLC0415

        times["xlsx"], _ = _timed(lambda: render_xlsx(report))
        times["xlsx_floor"], _ = _timed(lambda: _xlsx_floor(report))
    times["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


# --- the parent: cases, children, the table ------------------------------------------------------


def _run(step: str, old: Path, new: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", step, str(old), str(new)], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _write(folder: Path, name: str, texts: tuple[str, str]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.txt").write_text(SOURCE + EXTRA_SOURCE, encoding="utf-8")
    old, new = folder / f"{name}-old.yaml", folder / f"{name}-new.yaml"
    old.write_text(texts[0], encoding="utf-8")
    new.write_text(texts[1], encoding="utf-8")
    return old, new


def measure(folder: Path, name: str, n: int, texts: tuple[str, str]) -> dict[str, dict[str, float]]:
    old, new = _write(folder, name, texts)
    return {step: _run(step, old, new) for step in ("load", "compare", "word", "redline", "xlsx")}


@dataclass(frozen=True)
class Figure:
    """One measured step beside its floor: CPU seconds, and peak memory where measured."""

    label: str
    seconds: float
    floor_name: str
    floor: float
    mib: float = 0.0
    floor_mib: float = 0.0


def _line(f: Figure, n: int) -> str:
    memory = f"   peak {f.mib:5.0f} MiB / {f.floor_mib:5.0f} MiB = {f.mib / f.floor_mib:4.2f}x" if f.mib else ""
    return (
        f"  {f.label:<10} {f.seconds:8.2f} s  {f.floor_name:<18} {f.floor:8.2f} s  ratio {f.seconds / f.floor:6.2f}x"
        f"  {f.seconds / n * 1e6:8.0f} us/activity{memory}"
    )


def report(title: str, n: int, r: dict[str, dict[str, float]]) -> None:
    load, cmp, word, red, xl = r["load"], r["compare"], r["word"], r["redline"], r["xlsx"]
    print(f"{title}: {n:,} activities, {int(cmp['changes']):,} changes, redline .docx {red['bytes'] / 2**20:.1f} MiB (CPU seconds)")
    print(f"  {'load':<10} {load['load']:8.2f} s  both registers validated, peak {load['maxrss']:.0f} MiB (the memory floor)")
    for figure in (
        Figure("(a) diff", cmp["compare"], "floor: load", cmp["load"], cmp["maxrss"], load["maxrss"]),
        Figure("(a) diff", cmp["compare"], "floor: dump dicts", load["dump"]),
        Figure("(b) docx", red["word"] + red["merge"], "floor: 2 Word docs", red["word"], red["maxrss"], word["maxrss"]),
        Figure("    merge", red["merge"], "floor: 2 Word docs", red["word"]),
        Figure("(c) xlsx", xl["xlsx"], "floor: openpyxl", xl["xlsx_floor"], xl["maxrss"], cmp["maxrss"]),
    ):
        print(_line(figure, n))


def growth(label: str, small: tuple[int, dict[str, dict[str, float]]], large: tuple[int, dict[str, dict[str, float]]]) -> None:
    """Time per activity from the small to the large case: 1.0 is linear, the size ratio is quadratic."""
    (n1, a), (n2, b) = small, large
    rows = [("load", "load", "load"), ("(a) diff", "compare", "compare"), ("(b) word", "redline", "word")]
    rows += [("(b) merge", "redline", "merge"), ("(c) xlsx", "xlsx", "xlsx")]
    print(f"growth, {label}: {n1:,} -> {n2:,} activities, CPU time per activity large / small (1.0 linear, {n2 / n1:.0f} quadratic)")
    print("  " + "   ".join(f"{name} {(b[s][k] / n2) / (a[s][k] / n1):.2f}" for name, s, k in rows))


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        folder = Path(tmp)
        sizes = (1000,) if quick else (1000, 10_000)
        worst_sizes = (1000,) if quick else (1000, 2000)
        results = []
        for n in sizes:
            r = measure(folder, f"one-{n}", n, one_percent(n))
            report("1% changed", n, r)
            results.append((n, r))
        worst_results = []
        for n in worst_sizes:
            r = measure(folder, f"worst-{n}", n, worst(n))
            report("worst case (all renamed, shuffled)", n, r)
            worst_results.append((n, r))
        if len(results) == 2:
            growth("1% changed", results[0], results[1])
        if len(worst_results) == 2:
            growth("worst case", worst_results[0], worst_results[1])


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        main()
