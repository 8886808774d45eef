"""Properties every shipped register must keep, whatever its organisation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ropa.loading.discover import registers_in
from ropa.validate import validate_file
from tests.conftest import ROOT

REGISTERS = registers_in(ROOT / "policies")
_QUOTE = re.compile(r'quote: "([^"\\]{12,})"')


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: str(p.relative_to(ROOT / "policies")))
def test_quote_check_bites(path: Path, tmp_path: Path) -> None:
    """Altering one word of one quote makes the register fail at that quote's line."""
    for source in path.parent.iterdir():
        shutil.copy(source, tmp_path / source.name)
    text = path.read_text(encoding="utf-8")
    match = _QUOTE.search(text)
    assert match, "no quote to alter"
    words = match.group(1).split(" ")
    words[len(words) // 2] = "ALTERED"
    altered = text[: match.start(1)] + " ".join(words) + text[match.end(1) :]
    target = tmp_path / path.name
    target.write_text(altered, encoding="utf-8")
    line = text.count("\n", 0, match.start()) + 1
    outcome = validate_file(target)
    assert [(f.code, f.line) for f in outcome.errors] == [("quote-not-found", line)]


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: str(p.relative_to(ROOT / "policies")))
def test_no_fact_without_evidence(path: Path) -> None:
    """Every stated fact of a shipped register carries a quote; nothing is unused."""
    codes = {f.code for f in validate_file(path).findings}
    assert "evidence-missing" not in codes
    assert "unused-entry" not in codes


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: str(p.relative_to(ROOT / "policies")))
def test_no_quote_cut_before_a_qualifier(path: Path) -> None:
    """No quote of a shipped register stops just before an "unless" or "except" that changes what it says."""
    assert [f.field_path for f in validate_file(path).findings if f.code == "quote-cut-before-qualifier"] == []


def test_each_source_is_shipped_unchanged_beside_its_register() -> None:
    """Each register names its policy text, which sits next to it in policies/."""
    for path in REGISTERS:
        outcome = validate_file(path)
        assert outcome.register is not None
        for source in outcome.register.sources:
            assert (path.parent / source.file).is_file(), source.file


def test_five_registers_ship() -> None:
    """CMM, CMT, CM (2017 and 2018) and CAB are all there."""
    assert sorted(str(p.relative_to(ROOT / "policies")) for p in REGISTERS) == [
        "cab/register.yaml",
        "cm/register-2017-10-07.yaml",
        "cm/register-2018-08-15.yaml",
        "cmm/register.yaml",
        "cmt/register.yaml",
    ]


#: SHA-256 of the policy texts as published (the seeds the registers were encoded from).
PUBLISHED = {
    "cab/cab-integritetspolicy.txt": "4b8cd6b0f7a7c24504bf7aabe7d008dbfa9f4a9d59211b76558e001bd7c3b449",
    "cmm/cmm-privacy-policy.txt": "6ff363f32de057ede2cd83fd89c5904fd6fd0822ad040b98c90836bdf4f79d41",
    "cmt/cmt-privacy-policy.txt": "33ea2e331b084a19dc632faa6db9492064eb6eb8d582d79df351632f6a613987",
    "cm/cm-privacy-policy-2017-10-07.md": "fb48a563be02fa3630c7361f99eac45dab7c2b4b1b74a44aa8406e2e7de6e81e",
    "cm/cm-privacy-policy-2018-08-15.md": "73e66c35374afbe7a949a4aa431e00edc2a042a52c3e96362d097bb9d8945c78",
}


@pytest.mark.parametrize(("name", "digest"), sorted(PUBLISHED.items()))
def test_policy_texts_are_unedited(name: str, digest: str) -> None:
    """The quoted policy texts are byte for byte the published ones: quotes are checked against them."""
    import hashlib

    assert hashlib.sha256((ROOT / "policies" / name).read_bytes()).hexdigest() == digest
