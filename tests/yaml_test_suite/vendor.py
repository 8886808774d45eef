"""Refresh ``cases.json`` from a clone of https://github.com/yaml/yaml-test-suite (its ``data`` branch).

    python tests/yaml_test_suite/vendor.py /path/to/yaml-test-suite.git [REV]

Keeps, per case (``ID`` or ``ID/NN`` for a case's numbered variants), only what the test needs:
the case's name (``===``), its input (``in.yaml``), the JSON it loads as (``in.json``, when the
suite gives one) and whether the input is invalid YAML (``error``). Update ``SOURCE.md`` with the
commit it printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def git(repo: str, *args: str) -> str:
    out = subprocess.run(["git", f"--git-dir={repo}", *args], capture_output=True, check=True).stdout
    return out.decode("utf-8")  # bytes first: text mode would turn CR LF into LF


def main(repo: str, rev: str = "data") -> None:
    commit = git(repo, "rev-parse", rev).strip()
    files = git(repo, "ls-tree", "-r", "--name-only", commit).splitlines()
    folders = sorted({f.rsplit("/", 1)[0] for f in files if f.endswith("/in.yaml")})
    present = set(files)
    cases: dict[str, dict[str, object]] = {}
    for folder in folders:

        def show(name: str, folder: str = folder) -> str | None:
            path = f"{folder}/{name}"
            return git(repo, "show", f"{commit}:{path}") if path in present else None

        cases[folder] = {
            "name": (show("===") or "").strip(),
            "yaml": show("in.yaml"),
            "json": show("in.json"),
            "error": f"{folder}/error" in present,
        }
    (HERE / "cases.json").write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases from commit {commit}")


if __name__ == "__main__":
    main(*sys.argv[1:])
