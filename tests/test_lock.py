"""The lock (requirements/*.txt) installs what pyproject.toml asks for, pinned and hashed.

`make build` and `make test` install only from the lock; a dependency added to pyproject.toml
without `make lock` would otherwise go missing on a fresh machine, or a range tightened in
pyproject.toml would be silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    """Name -> pinned version of a pip-compile lock file."""
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in _PIN.findall(text)}


def _project() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["build-system"]["requires"]
    runtime = project["project"]["dependencies"]
    dev = project["project"]["optional-dependencies"]["dev"]
    return {"run.txt": [*runtime, *build, "pip"], "dev.txt": [*runtime, *build, "pip", *dev]}


@pytest.mark.parametrize("lock", ["run.txt", "dev.txt"])
def test_lock_pins_every_requirement_within_its_range(lock: str) -> None:
    """Each requirement of pyproject.toml is pinned in the lock at a version its range allows."""
    pinned = pins(lock)
    problems = []
    for line in _project()[lock]:
        req = Requirement(line)
        version = pinned.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is not in requirements/{lock}: run `make lock UPGRADE=`")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} in requirements/{lock} is outside {req.specifier}: run `make lock UPGRADE=`")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lock", ["run.txt", "dev.txt"])
def test_every_pin_carries_a_hash(lock: str) -> None:
    """pip installs the lock with --require-hashes: a pin without a hash would fail on a fresh machine."""
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
    unhashed = [e.split()[0] for e in entries if "==" in e.split("\n")[0] and "--hash=sha256:" not in e]
    assert pins(lock), f"requirements/{lock} pins nothing"
    assert not unhashed


def test_runtime_and_dev_locks_agree() -> None:
    """The test suite runs the versions that `make build` installs."""
    run, dev = pins("run.txt"), pins("dev.txt")
    assert {name: dev.get(name) for name in run} == run
