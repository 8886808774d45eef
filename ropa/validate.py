"""The validation pipeline: file -> strict load -> models -> cross-checks -> positioned findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ropa.checks import Context, run_checks
from ropa.collector import collector_paused
from ropa.findings import Finding, Issue, Severity, dotted
from ropa.loading.load import LoadError, load_file
from ropa.loading.positions import Positions
from ropa.model import Register
from ropa.model.defaults import origin
from ropa.model_errors import map_errors


@dataclass
class Outcome:
    """The result of validating one register file."""

    path: Path
    display: str
    register: Register | None = None
    findings: list[Finding] = field(default_factory=list)
    sha256: str = ""
    positions: Positions | None = None  # where each value sits in the file, for reports that point at lines

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def ok(self) -> bool:
        return self.register is not None and not self.errors


def position(issues: list[Issue], positions: Positions, display: str, inherited: tuple[frozenset[str], ...] = ()) -> list[Finding]:
    """Findings at their lines; one about a value an activity inherits sits at ``defaults``, once per fact."""
    findings = []
    seen: set[tuple[object, ...]] = set()
    for issue in issues:
        loc = origin(inherited, issue.loc)
        if loc[:1] == ("defaults",):
            key = (loc, issue.code, issue.message, issue.severity)
            if key in seen:
                continue
            seen.add(key)
        line, col, _found = positions.locate(loc)
        findings.append(Finding(display, line, col, issue.severity, issue.code, issue.message, dotted(loc), issue.related))
    return findings


def validate_file(path: Path, display: str | None = None, as_of: dt.date | None = None) -> Outcome:
    """Validate one register file; never raises for bad input.

    ``as_of`` is the date adequacy and reviews are judged on; None: the register's own date.
    """
    shown = display if display is not None else str(path)
    outcome = Outcome(path=path, display=shown)
    with collector_paused():
        try:
            data, positions, outcome.sha256 = load_file(path)
        except LoadError as exc:
            outcome.findings = [Finding(shown, p.line, p.column, Severity.ERROR, p.code, p.message) for p in exc.problems]
            return outcome
        try:
            register = Register.model_validate(data)
        except ValidationError as exc:
            outcome.findings = sorted(map_errors(exc, positions, shown), key=Finding.sort_key)
            return outcome
        issues = run_checks(Context(register=register, base_dir=path.parent, as_of=as_of))
        outcome.register = register
        outcome.positions = positions
        outcome.findings = sorted(position(issues, positions, shown, register.inherited), key=Finding.sort_key)
    return outcome
