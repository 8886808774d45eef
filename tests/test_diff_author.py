"""Who the redline's tracked changes are by: --author, else git's user.name, else "ropa".

Read back as Word shows it: the ``w:author`` of every insertion, deletion and property change.
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from ropa.cli import main
from ropa.render.changes.author import git_user_name, revision_author

ROOT = Path(__file__).parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def _fresh_git_lookup() -> Iterator[None]:
    git_user_name.cache_clear()
    yield
    git_user_name.cache_clear()


@pytest.fixture
def cm(tmp_path: Path) -> Path:
    """A copy of policies/cm outside any git repository."""
    folder = tmp_path / "cm"
    shutil.copytree(ROOT / "policies" / "cm", folder)
    return folder


def _git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Only this global configuration counts: no system configuration, no ~/.gitconfig."""
    config = tmp_path / "gitconfig"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def authors(docx: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return {el.get(f"{{{W}}}author") for tag in ("ins", "del", "pPrChange") for el in root.iter(f"{{{W}}}{tag}")}


def diff_docx(cm: Path, target: Path, *options: str) -> tuple[int, str]:
    args = ["diff", str(cm / "register-2017-10-07.yaml"), str(cm / "register-2018-08-15.yaml"), "--docx", str(target), *options]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stderr


def test_author_option_names_every_revision(cm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--author wins over git's user.name; the same name gives the same bytes."""
    _git_config(tmp_path, monkeypatch, "[user]\n\tname = Git Person\n")
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert diff_docx(cm, first, "--author", "Jane Reviewer (DPO office)")[0] == 1
    assert diff_docx(cm, second, "--author", "Jane Reviewer (DPO office)")[0] == 1
    assert authors(first.read_bytes()) == {"Jane Reviewer (DPO office)"}
    assert first.read_bytes() == second.read_bytes()


def test_git_user_name_is_the_default(cm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --author, the tracked changes are by git's user.name."""
    _git_config(tmp_path, monkeypatch, "[user]\n\tname = Åsa Öberg\n")
    target = tmp_path / "redline.docx"
    assert diff_docx(cm, target)[0] == 1
    assert authors(target.read_bytes()) == {"Åsa Öberg"}


def test_ropa_without_a_git_name(cm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user.name configured: the changes are by "ropa"."""
    _git_config(tmp_path, monkeypatch, "")
    target = tmp_path / "redline.docx"
    assert diff_docx(cm, target)[0] == 1
    assert authors(target.read_bytes()) == {"ropa"}


def test_ropa_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git not installed: "ropa", no error."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert revision_author(None, tmp_path) == "ropa"
    assert revision_author("Jane", tmp_path) == "Jane"


def test_a_hanging_git_is_given_up_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A git that does not answer is stopped after the timeout: "ropa", quickly."""
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    start = time.monotonic()
    assert git_user_name(tmp_path, timeout=0.5) is None
    assert time.monotonic() - start < 10


def test_a_git_name_a_document_cannot_hold_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user.name with a control character falls back to "ropa" rather than breaking the document."""
    _git_config(tmp_path, monkeypatch, '[user]\n\tname = "bad\\bname"\n')
    assert revision_author(None, tmp_path) == "ropa"


@pytest.mark.parametrize("bad", ["", "   ", "a\x07b", "x" * 256])
def test_unusable_author_is_a_usage_error(cm: Path, tmp_path: Path, bad: str) -> None:
    """An empty name, a control character or a name too long: exit 2 with a message, nothing written."""
    target = tmp_path / "redline.docx"
    code, err = diff_docx(cm, target, "--author", bad)
    assert code == 2
    assert "--author" in err
    assert "Traceback" not in err
    assert not target.exists()
