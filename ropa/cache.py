"""A findings cache for ``ropa validate``, so an unchanged register costs a hash, not a parse.

Like mypy's or ruff's cache, it lives in ``.ropa-cache/`` (or ``$ROPA_CACHE_DIR``) and is safe
to delete. An entry is keyed by the SHA-256 of the register's bytes and is used only when the
tool itself is unchanged (version and the size and time of every file of the package) and every
source text the register quoted still has the same SHA-256. This module must stay cheap to
import: no pydantic, no YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from ropa import __version__
from ropa.findings import Finding, Severity

DEFAULT_DIR = Path(".ropa-cache")
_FORMAT = 1


def cache_dir() -> Path:
    return Path(os.environ.get("ROPA_CACHE_DIR", DEFAULT_DIR))


@cache
def tool_fingerprint() -> str:
    """Changes whenever any file of the installed package changes (code, labels, adequacy table)."""
    root = Path(__file__).parent
    digest = hashlib.sha256(f"{_FORMAT}:{__version__}".encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".toml", ".tsv"}:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _entry_path(register_sha: str) -> Path:
    return cache_dir() / register_sha[:2] / f"{register_sha}.json"


def lookup(path: Path, display: str) -> list[Finding] | None:
    """The cached findings for ``path``, or None when they must be recomputed."""
    register_sha = _sha(path)
    if register_sha is None:
        return None
    try:
        entry: dict[str, Any] = json.loads(_entry_path(register_sha).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if entry.get("tool") != tool_fingerprint():
        return None
    for dep, sha in entry.get("deps", {}).items():
        if _sha(path.parent / dep) != sha:
            return None
    return [
        Finding(
            path=display,
            line=f["line"],
            column=f["column"],
            severity=Severity(f["severity"]),
            code=f["code"],
            message=f["message"],
            field_path=f["field_path"],
            related=tuple(f["related"]),
        )
        for f in entry["findings"]
    ]


def store(path: Path, register_sha: str, sources: list[str], findings: list[Finding]) -> None:
    """Remember ``findings`` for a register and the source files its checks read."""
    if not register_sha:
        return
    deps = {}
    for source in sources:
        sha = _sha(path.parent / source)
        if sha is None:
            return  # a missing source is re-checked every time
        deps[source] = sha
    rows = []
    for finding in findings:
        row = asdict(finding)
        row.pop("path")
        row["severity"] = finding.severity.value
        row["related"] = list(finding.related)
        rows.append(row)
    target = _entry_path(register_sha)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"tool": tool_fingerprint(), "deps": deps, "findings": rows}), encoding="utf-8")
        tmp.replace(target)
        ignore = cache_dir() / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by ropa: this folder is a cache\n*\n", encoding="utf-8")
    except OSError:
        return  # a cache that cannot be written is no error
