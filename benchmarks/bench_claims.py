"""How fast the policy-claim checks are on large registers, every claim kind at once (issue 11).

Builds the synthetic registers of bench_checks (1,000 and 10,000 activities), gives each one claim of
every kind (plus a copy of each scoped to every other activity, and a limit on the free-of-charge one),
and times ``claims.contradictions`` with ``claim_breaches.charge_limits`` as medians of several runs,
beside the walk floor of bench_checks (a plain Python visit of every model) measured in the same run.
µs per activity at 1,000 and 10,000 show whether the checks grow linearly (then the two stay about equal).

Usage: python benchmarks/bench_claims.py [COUNTS...]   (default: 1000 10000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_checks import _median, _visit
from synth import write_register

from ropa.checks import Context, claim_breaches, claims
from ropa.loading.load import load_file
from ropa.model import Register
from ropa.model.enums import ClaimKind

QUOTE = [{"quote": "All data are encrypted in transit and at rest"}]


def with_claims(data: dict[str, Any], activity_ids: list[str]) -> Register:
    """The register with a claim of every kind, each once for the whole processing and once for every other activity."""
    every: list[dict[str, Any]] = [{"kind": kind.value, "evidence": QUOTE} for kind in ClaimKind]
    scoped = [{**claim, "activities": activity_ids[::2]} for claim in every]
    for claim in (*every, *scoped):
        if claim["kind"] == ClaimKind.RIGHTS_FREE_OF_CHARGE.value:
            claim["limits"] = [{"description": "once a year", "evidence": QUOTE}]
    return Register.model_validate({**data, "policy_claims": [*every, *scoped]})


def findings(register: Register, base_dir: Path) -> int:
    """Run the claim checks on a fresh context; the number of findings."""
    ctx = Context(register=register, base_dir=base_dir)
    return sum(1 for _ in claims.contradictions(ctx)) + sum(1 for _ in claim_breaches.charge_limits(ctx))


def main(counts: list[int]) -> None:
    per_activity: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            path = write_register(Path(tmp) / str(n), n)
            data, _positions, _sha = load_file(path)
            ids = [str(a["id"]) for a in data["activities"]]
            register = with_claims(data, ids)
            floor = _median(lambda: _visit(register))  # noqa: B023 - called at once
            start = time.process_time()
            seconds = _median(lambda: findings(register, path.parent))  # noqa: B023 - called at once
            count = findings(register, path.parent)
            print(
                f"{n:,} activities, {len(register.policy_claims)} claims, {count:,} findings (medians; {time.process_time() - start:.1f} s in all)"
            )
            print(f"  {'floor: plain Python walk':<36} {floor * 1000:8.1f} ms  {1:5.2f}x walk floor  {floor * 1e6 / n:7.2f} µs/activity")
            print(
                f"  {'claims + charge limits':<36} {seconds * 1000:8.1f} ms  {seconds / floor:5.2f}x walk floor  {seconds * 1e6 / n:7.2f} µs/activity"
            )
            per_activity[n] = seconds * 1e6 / n
    if len(counts) > 1:
        small, large = min(counts), max(counts)
        print(f"growth, µs/activity at {large:,} over {small:,} (1.00: linear): {per_activity[large] / per_activity[small]:5.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
