"""How fast the cookie checks and claims are on large registers where every activity names cookies (issue 11).

The synthetic register of synth.py gets a cookie registry (an 8-year cookie holding the billing data each activity
keeps 7 years, so every activity warns; a session cookie) and
every activity names both; the register carries the three cookie claims. Each figure is the median CPU time
of several runs, beside the floor measured in the same run on the same model: ``walk_models`` (the walk every
validation makes of the register), so the ratio is the figure to watch on a shared machine.

Usage: python benchmarks/bench_cookies.py [COUNTS...]   (default: 1000 10000)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import register_yaml

from ropa.checks import Context, claims, cookies, references
from ropa.checks.evidence import walk_models
from ropa.loading.load import load_text
from ropa.model import Register

RUNS = 7

_REGISTRY = """cookies:
  - id: stats
    name: _stats
    party: {value: third-party, evidence: [{quote: "Our hosting provider stores data"}]}
    provider: hosting
    purpose: {value: Statistics, evidence: [{quote: "Our hosting provider stores data"}]}
    lifetime: {value: P8Y, evidence: [{quote: "Our hosting provider stores data"}]}
    strictly_necessary: {value: false, evidence: [{quote: "Our hosting provider stores data"}]}
    identifies_device: {value: true, evidence: [{quote: "Our hosting provider stores data"}]}
    data_categories: [billing]
    evidence: [{quote: "Our hosting provider stores data"}]
  - id: session
    name: session
    party: {value: first-party, evidence: [{quote: "Our hosting provider stores data"}]}
    purpose: {value: Session, evidence: [{quote: "Our hosting provider stores data"}]}
    lifetime: {value: session, evidence: [{quote: "Our hosting provider stores data"}]}
    strictly_necessary: {value: true, evidence: [{quote: "Our hosting provider stores data"}]}
    evidence: [{quote: "Our hosting provider stores data"}]
activities:
"""
_CLAIMS = """roles: [controller]
policy_claims:
  - {kind: no-cookies-before-consent, evidence: [{quote: "Our hosting provider stores data"}]}
  - {kind: cookies-hold-no-personal-data, evidence: [{quote: "Our hosting provider stores data"}]}
  - {kind: anonymous-visit, evidence: [{quote: "Our hosting provider stores data"}]}
"""


def register_with_cookies(n: int) -> Register:
    """The synthetic register of ``n`` activities, each naming both cookies."""
    text = register_yaml(n).replace("activities:\n", _REGISTRY, 1).replace("roles: [controller]\n", _CLAIMS, 1)
    text = text.replace(
        "    storage_location: {not_stated: true}\n", "    storage_location: {not_stated: true}\n    cookies: [stats, session]\n"
    )
    data, _ = load_text(text)
    return Register.model_validate(data)


def _median(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main(counts: list[int]) -> None:
    for n in counts:
        register = register_with_cookies(n)
        found = list(cookies.lifetime_against_retention(Context(register, Path())))
        assert len(found) == n, len(found)  # an 8-year cookie holding billing data kept 7 years: a warning per activity
        floor = _median(lambda: walk_models(register))  # noqa: B023 - measured at once
        rows = {
            "walk_models (floor)": floor,
            "cookie lifetime vs retention": _median(lambda: list(cookies.lifetime_against_retention(Context(register, Path())))),  # noqa: B023
            "cookie provider vs recipients": _median(lambda: list(cookies.third_party_providers(Context(register, Path())))),  # noqa: B023
            "claims (with the cookie claims)": _median(lambda: list(claims.contradictions(Context(register, Path())))),  # noqa: B023
            "references (with cookie ids)": _median(lambda: list(references.resolve(Context(register, Path())))),  # noqa: B023
        }
        print(f"{n} activities, each naming 2 cookies (median of {RUNS}, CPU seconds):")
        for name, seconds in rows.items():
            print(f"  {name:<34} {seconds:8.4f} s  {seconds / floor:6.2f} x floor  {seconds / n * 1e6:8.1f} us/activity")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
