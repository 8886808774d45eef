"""pre-commit runs the published hook for real in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal"
BIN = Path(sys.executable).parent


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def hook_repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of ropa's hook definition at a commit."""
    src = tmp_path / "ropa-src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "output", "*.egg-info", "__pycache__", ".*_cache"))
    _git(src, "init", "-q")
    _git(src, "add", "-A")
    _git(src, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "hook")
    return src


def _user_repo(tmp_path: Path, hook_src: Path) -> Path:
    repo = tmp_path / "user"
    (repo / "policies" / "example").mkdir(parents=True)
    shutil.copy(MINIMAL / "register.yaml", repo / "policies" / "example" / "register.yaml")
    shutil.copy(MINIMAL / "policy.txt", repo / "policies" / "example" / "policy.txt")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_src, capture_output=True, text=True, check=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(f"repos:\n  - repo: {hook_src}\n    rev: {rev}\n    hooks:\n      - id: ropa-validate\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def _run(repo: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--color", "never", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_hook_passes_and_fails_for_real(tmp_path: Path, hook_repo: Path) -> None:
    """The hook passes a clean register, then fails with path:line:col when only the source text changed.

    Only the policy text is staged in the second run, so the hook must bring in the register
    that quotes it by itself.
    """
    repo = _user_repo(tmp_path, hook_repo)
    clean = _run(repo, tmp_path, "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "registers")

    policy = repo / "policies" / "example" / "policy.txt"
    policy.write_text(policy.read_text().replace("encrypted in transit", "protected"))
    _git(repo, "add", "policies/example/policy.txt")
    broken = _run(repo, tmp_path)
    assert broken.returncode == 1
    assert "Failed" in broken.stdout
    assert "policies/example/register.yaml:" in broken.stdout
    assert "error[quote-not-found]" in broken.stdout


@pytest.mark.slow
def test_this_repository_checks_itself(tmp_path: Path, hook_repo: Path) -> None:
    """The repository's own .pre-commit-config.yaml runs the hook on the shipped registers and passes."""
    result = _run(hook_repo, tmp_path, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ropa validate (GDPR Art. 30 registers)" in result.stdout
    assert "Passed" in result.stdout
