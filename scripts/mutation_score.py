"""Print the mutation score of each mutated module from mutmut's results in mutants/ (make mutation).

Score = killed / (killed + survived), where a timeout counts as killed (the mutant made the code hang,
which a test run notices) and a mutant no test reaches ("no tests") counts as survived. Mutants listed
in tests/mutation-equivalent.txt (one name a line, with the reason after a #) cannot change behaviour:
they are left out of the score and printed with their reason.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, 37, 24, -24, 152, 255}  # failed test, pytest error, timeouts, type check
SURVIVED = {0, 5, 33}  # passed, no tests reach it


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    equivalent: dict[str, str] = {}
    listing = root / "tests" / "mutation-equivalent.txt"
    if listing.exists():
        for line in listing.read_text(encoding="utf-8").splitlines():
            name, _, reason = line.partition("#")
            if name.strip():
                equivalent[name.strip()] = reason.strip()
    rows = []
    survivors: list[str] = []
    for meta in sorted((root / "mutants").rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        count: Counter[str] = Counter()
        for name, code in codes.items():
            if name in equivalent:
                count["equivalent"] += 1
            elif code in KILLED:
                count["killed"] += 1
            elif code in SURVIVED:
                count["survived"] += 1
                survivors.append(name)
            else:
                count["not run"] += 1
        module = str(meta.relative_to(root / "mutants")).removesuffix(".meta")
        judged = count["killed"] + count["survived"]
        score = 100 * count["killed"] / judged if judged else 0.0
        rows.append((module, count, score))
    print(f"{'module':<26} {'killed':>7} {'survived':>8} {'equiv.':>6} {'not run':>7} {'score':>6}")
    for module, count, score in rows:
        print(f"{module:<26} {count['killed']:>7} {count['survived']:>8} {count['equivalent']:>6} {count['not run']:>7} {score:>5.1f}%")
    if "-v" in sys.argv:
        print("\nsurvivors (mutmut show NAME):", *survivors, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
