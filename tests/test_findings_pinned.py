"""Every finding, word for word, of every example, every shipped register and a few altered registers.

The cross-checks are tuned for speed (issue 15); this pins what a user reads, so such work cannot
change a code, a message, a position or the order of findings without the diff showing it here.
tests/test_examples.py asserts the (severity, code, line) each case declares; this file pins the
rest: columns, messages, field paths and order, including the closest-passage hints of missing quotes.

After a deliberate change of findings, regenerate the expectation and read its diff:
    .venv/bin/python -m tests.test_findings_pinned
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa.checks import evidence
from ropa.loading.discover import registers_in
from ropa.validate import validate_file
from tests.conftest import ROOT

EXPECTED = Path(__file__).parent / "findings_pinned.txt"
_QUOTE = re.compile(r'quote: "([^"\\]{12,})"')
#: How many missing quotes get a closest passage in the altered registers (the real limit is 1,000).
_HINTS = 25

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import ACTIVITY, HEAD, SOURCE  # noqa: E402


def _altered_register(folder: Path) -> Path:
    """The CM 2018 register with every second quote of 12 characters or more altered in one word."""
    original = ROOT / "policies" / "cm" / "register-2018-08-15.yaml"
    for source in original.parent.iterdir():
        shutil.copy(source, folder / source.name)
    count = 0

    def alter(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count % 2:
            return match.group(0)
        words = match.group(1).split(" ")
        words[len(words) // 2] = f"ALTERED{count}"
        return f'quote: "{" ".join(words)}"'

    target = folder / original.name
    target.write_text(_QUOTE.sub(alter, original.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _synthetic_register(folder: Path) -> Path:
    """A synthetic register whose quotes go wrong in every way the quote check knows, past the hint limit."""
    (folder / "policy.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "other.txt").write_text("Our shop sends newsletters to subscribers who asked for them.\n", encoding="utf-8")
    head = HEAD.format(n=12).replace(
        "controller:",
        "  - id: other\n    file: other.txt\n    title: Newsletter notice\n    language: en\n    date: {not_stated: true}\ncontroller:",
        1,
    )
    body = []
    for i in range(12):
        activity = ACTIVITY.format(i=i)
        if i % 3 == 0:  # every quote unique and wrong, each with a close passage to find
            activity = activity.replace('{quote: "', f'{{quote: "unit {i}: ')
        elif i % 3 == 1:  # a quote of the other source, not named; one named, of a source that is not there
            activity = activity.replace('"to administer orders"', '"sends newsletters to subscribers"')
            activity = activity.replace(  # the same words, named and found first: the unnamed ones still fail
                '{quote: "to administer orders, cancellations and invoicing"}', '{source: other, quote: "sends newsletters to subscribers"}'
            )
            activity = activity.replace('{quote: "Invoices', '{source: nowhere, quote: "Invoices')
        else:  # too short, and a fact without evidence
            activity = activity.replace('"to administer orders"', '"with their"').replace(
                'evidence: [{quote: "We process your name, e-mail address"}]', "evidence: []"
            )
        body.append(activity)
    path = folder / "synthetic.yaml"
    path.write_text(head + "".join(body), encoding="utf-8")
    return path


def _lines(path: Path, shown: str) -> Iterator[str]:
    for f in validate_file(path, display=shown).findings:
        related = f" related={'|'.join(f.related)}" if f.related else ""
        yield f"{f.path}:{f.line}:{f.column}: {f.severity.value}[{f.code}] at {f.field_path or '-'}{related}: {f.message}"


def findings_now(tmp: Path) -> str:
    """All pinned findings, one a line, in a fixed order of files."""
    cases = sorted((ROOT / "tests" / "examples").rglob("*.yaml")) + registers_in(ROOT / "policies")
    lines = [line for path in cases for line in _lines(path, path.relative_to(ROOT).as_posix())]
    for name, make in (("altered-cm", _altered_register), ("synthetic", _synthetic_register)):
        folder = tmp / name
        folder.mkdir()
        lines.extend(_lines(make(folder), name))
    return "\n".join(lines) + "\n"


def test_findings_are_pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings of every pinned register read exactly as stored in tests/findings_pinned.txt."""
    monkeypatch.setattr(evidence, "MAX_HINTS", _HINTS)
    assert findings_now(tmp_path) == EXPECTED.read_text(encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    evidence.MAX_HINTS = _HINTS
    with tempfile.TemporaryDirectory() as tmp:
        EXPECTED.write_text(findings_now(Path(tmp)), encoding="utf-8")
    print(f"wrote {EXPECTED.relative_to(ROOT)}")
