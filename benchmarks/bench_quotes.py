"""How fast `ropa validate` fails when many quotes are not found (a policy text replaced by a new version).

Every quote of a synthetic register is made unique and wrong ("unit 17: to administer orders"),
and the policy text is a real one (CM's 2017 policy) followed by the synthetic text, so each
missing quote has a close passage to find in about 1,900 words. Prints, from one run:
- `closest_passage` alone: milliseconds per missing quote;
- `ropa validate --no-cache` on registers with 500 and 5,000 missing quotes (target: 5,000 in a
  few seconds, every quote reported).

Usage: python benchmarks/bench_quotes.py [COUNTS...]   (default: 500 5000)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import measured
from synth import ACTIVITY, HEAD, SOURCE

from ropa.checks.evidence import closest_passage, fold

ROOT = Path(__file__).parent.parent
POLICY = (ROOT / "policies" / "cm" / "cm-privacy-policy-2017-10-07.md").read_text(encoding="utf-8") + "\n" + SOURCE
QUOTES_PER_ACTIVITY = ACTIVITY.count("quote:")


def wrong_register(folder: Path, missing: int) -> Path:
    """A register whose activities quote ``missing`` unique sentences that the policy does not contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.txt").write_text(POLICY, encoding="utf-8")
    activities = -(-missing // QUOTES_PER_ACTIVITY)
    body = "".join(ACTIVITY.format(i=i).replace('{quote: "', f'{{quote: "unit {i}: ') for i in range(activities))
    path = folder / f"wrong-{missing}.yaml"
    path.write_text(HEAD.format(n=activities) + body, encoding="utf-8")
    return path


def per_quote_ms(count: int) -> float:
    """Milliseconds per call of closest_passage, over ``count`` distinct missing quotes."""
    text = fold(POLICY)
    quotes = [fold(q) for q in re.findall(r'quote: "([^"]+)"', ACTIVITY)]
    start = time.perf_counter()
    found = 0
    for i in range(count):
        found += closest_passage(f"unit {i}: {quotes[i % len(quotes)]}", text) is not None
    elapsed = time.perf_counter() - start
    print(f"closest_passage: {count} missing quotes, {elapsed * 1000 / count:6.2f} ms each, a close passage for {found}")
    return elapsed


def main(counts: list[int]) -> None:
    per_quote_ms(200)
    with tempfile.TemporaryDirectory() as tmp:
        for missing in counts:
            path = wrong_register(Path(tmp) / str(missing), missing)
            total, inner, rss, _ = measured(["validate", "--no-cache", str(path)])
            print(
                f"ropa validate --no-cache, {missing:>5} missing quotes: {total:6.2f} s wall ({inner:5.2f} s in ropa), peak {rss:4.0f} MB"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 5000])
