"""A findings cache for ``ropa validate``, so an unchanged register costs a hash, not a parse.

Like mypy's or ruff's cache, it lives in ``.ropa-cache/`` (or ``$ROPA_CACHE_DIR``) and is safe
to delete. An entry is keyed by the SHA-256 of the register's bytes and the date it was judged on
(``--as-of``: adequacy and reviews depend on it), and is used only when the
tool itself is unchanged (version and the size and time of every file of the package) and every
source text the register quoted still has the same SHA-256. This module must stay cheap to
import: no pydantic, no YAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from ropa import __version__
from ropa.findings import Finding, Severity
from ropa.loading.sources import MAX_BYTES, read_bytes, resolve

DEFAULT_DIR = Path(".ropa-cache")
_FORMAT = 3
_ROW_KEYS = frozenset({"line", "column", "severity", "code", "message", "field_path", "related"})


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


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str | None:
    """The SHA-256 of a register file, or None when it cannot be read or is too large to be one."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    return _sha(data) if len(data) <= MAX_BYTES else None


def _source_sha(base_dir: Path, file: str) -> str | None:
    """The SHA-256 of a source text, read only where ``ropa.loading.sources`` allows; None when refused or unreadable."""
    path, _problem = resolve(base_dir, file)
    if path is None:
        return None
    try:
        return _sha(read_bytes(path))
    except OSError:
        return None


def _entry_path(register_sha: str) -> Path:
    return cache_dir() / register_sha[:2] / f"{register_sha}.json"


def _checksum(body: dict[str, Any]) -> str:
    return _sha(json.dumps(body, sort_keys=True, ensure_ascii=True).encode())


def _finding(row: Any, display: str) -> Finding:
    """A finding from a cache row, exactly as written by :func:`store` (anything else raises)."""
    if not isinstance(row, dict) or set(row) != _ROW_KEYS:
        raise ValueError("not a finding row")
    line, column, related = row["line"], row["column"], row["related"]
    texts = (row["severity"], row["code"], row["message"], row["field_path"])
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (line, column)) or not all(isinstance(t, str) for t in texts):
        raise ValueError("not a finding row")
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        raise ValueError("not a finding row")
    return Finding(display, line, column, Severity(row["severity"]), row["code"], row["message"], row["field_path"], tuple(related))


def _judged_on(as_of: dt.date | None) -> str:
    """What the findings were judged on: a date, or the register's own date."""
    return as_of.isoformat() if as_of is not None else "register-date"


def _rows(path: Path, register_sha: str, as_of: dt.date | None) -> list[Any]:
    """The finding rows of the entry for ``path``; raises ValueError unless every check holds."""
    entry = json.loads(_entry_path(register_sha).read_text(encoding="utf-8"))
    body = entry["body"] if isinstance(entry, dict) and set(entry) == {"body", "sha256"} else None
    if not isinstance(body, dict) or entry["sha256"] != _checksum(body):
        raise ValueError("not an entry ropa wrote")
    expected = {"format": _FORMAT, "register": register_sha, "tool": tool_fingerprint(), "as_of": _judged_on(as_of)}
    deps, rows = body.get("deps"), body.get("findings")
    if any(body.get(k) != v for k, v in expected.items()) or not isinstance(deps, dict) or not isinstance(rows, list):
        raise ValueError("an entry for another register, tool or format")
    if any(_source_sha(path.parent, dep) != sha for dep, sha in deps.items()):
        raise ValueError("a source changed")
    return rows


def lookup(path: Path, display: str, as_of: dt.date | None = None) -> list[Finding] | None:
    """The cached findings for ``path``, or None when they must be recomputed.

    Anything in the cache that is not exactly what :func:`store` wrote (another format, a changed
    byte, a truncated file) is a miss, never an error.
    """
    register_sha = _file_sha(path)
    if register_sha is None:
        return None
    try:
        return [_finding(row, display) for row in _rows(path, register_sha, as_of)]
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def store(path: Path, register_sha: str, sources: list[str], findings: list[Finding], as_of: dt.date | None = None) -> None:
    """Remember ``findings`` for a register judged on ``as_of`` and the source files its checks read."""
    if not register_sha:
        return
    deps = {}
    for source in sources:
        sha = _source_sha(path.parent, source)
        if sha is None:
            return  # a missing or refused source is re-checked every time
        deps[source] = sha
    rows = []
    for finding in findings:
        row = asdict(finding)
        row.pop("path")
        row["severity"] = finding.severity.value
        row["related"] = list(finding.related)
        rows.append(row)
    body = {
        "format": _FORMAT,
        "register": register_sha,
        "tool": tool_fingerprint(),
        "as_of": _judged_on(as_of),
        "deps": deps,
        "findings": rows,
    }
    target = _entry_path(register_sha)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"body": body, "sha256": _checksum(body)}), encoding="utf-8")
        tmp.replace(target)
        ignore = cache_dir() / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by ropa: this folder is a cache\n*\n", encoding="utf-8")
    except OSError:
        return  # a cache that cannot be written is no error
