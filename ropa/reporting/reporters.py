"""Reporters: findings as text for people, JSON for tools, annotations for GitHub Actions."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ropa.findings import Finding


def text(findings: Sequence[Finding], files: int) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity.value}[{f.code}]: {f.message}" for f in findings]
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    lines.append(
        f"{files} register{'s' if files != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )
    return "\n".join(lines)


def as_json(findings: Sequence[Finding], files: int) -> str:
    rows = [
        {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "severity": f.severity.value,
            "code": f.code,
            "message": f.message,
            "field": f.field_path,
            "related": list(f.related),
        }
        for f in findings
    ]
    return json.dumps({"files": files, "findings": rows}, indent=2, ensure_ascii=False)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(findings: Sequence[Finding], files: int) -> str:
    lines = [
        f"::{f.severity.value} file={_escape(f.path, True)},line={f.line},col={f.column},title={_escape(f.code, True)}::{_escape(f.message)}"
        for f in findings
    ]
    lines.append(text([], files).splitlines()[-1] if not findings else text(findings, files).splitlines()[-1])
    return "\n".join(lines)


REPORTERS: dict[str, Callable[[Sequence[Finding], int], str]] = {"text": text, "json": as_json, "github": github}
