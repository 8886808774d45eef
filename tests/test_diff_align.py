"""The alignment behind the Word redline: SequenceMatcher's opcodes for short documents, an
anchored alignment for long ones that finds the same few edits a reviewer made."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ropa.diff import compare
from ropa.render.changes import align
from ropa.render.changes.align import Opcode, opcodes
from ropa.render.changes.redline import merge_documents, render_document
from tests.test_diff_redline import CM_2017, CM_2018, body, outcome, paragraphs, register_part, resolve

keys = st.lists(st.sampled_from("abcdef"), max_size=40)


def _applied(old: list[str], new: list[str], ops: list[Opcode]) -> list[str]:
    """NEW rebuilt from OLD and the opcodes: equal stretches taken from OLD, the rest from NEW."""
    out: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j), "opcodes must cover both sequences in order"
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
            out.extend(old[i1:i2])
        else:
            out.extend(new[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))
    return out


@given(keys, keys)
def test_anchored_opcodes_turn_old_into_new(old: list[str], new: list[str]) -> None:
    """Forced onto the anchored path, the opcodes still cover both sides and equal means equal."""
    assert _applied(old, new, opcodes(old, new, small=0)) == new
    assert _applied(old, new, opcodes(old, new, small=4)) == new


@given(keys, keys)
def test_short_sequences_align_as_sequence_matcher_does(old: list[str], new: list[str]) -> None:
    assert opcodes(old, new) == SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _document(names: list[str]) -> list[str]:
    """Blocks of a register document: each activity a unique heading and table, then boilerplate every activity repeats."""
    out: list[str] = []
    for name in names:
        out += [f"heading {name}", f"table {name}", "Not stated in source", "Not stated in source", "Not concluded"]
    return out


def test_long_document_shows_only_the_edits() -> None:
    """2,000 activities, one deleted, one inserted, one moved: everything else lines up as equal."""
    names = [f"activity {i}" for i in range(2000)]
    edited = [n for n in names if n not in ("activity 100", "activity 900")]
    edited.insert(500, "activity new")
    edited.insert(1500, "activity 900")  # moved down
    old, new = _document(names), _document(edited)
    assert len(old) * len(new) > align.SMALL
    ops = opcodes(old, new)
    assert _applied(old, new, ops) == new
    unequal_old = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag != "equal")
    unequal_new = sum(j2 - j1 for tag, _, _, j1, j2 in ops if tag != "equal")
    assert (unequal_old, unequal_new) == (10, 10)  # two activities out of OLD, two into NEW, five blocks each


@pytest.mark.parametrize(("old_path", "new_path"), [(CM_2017, CM_2018), (CM_2018, CM_2017)])
def test_anchored_redline_accepts_to_new_and_rejects_to_old(monkeypatch: pytest.MonkeyPatch, old_path: Path, new_path: Path) -> None:
    """The CM redline with every alignment forced onto the anchored path is still a faithful redline."""
    monkeypatch.setattr(align, "SMALL", 0)
    a, b = outcome(old_path), outcome(new_path)
    assert a.register is not None
    assert b.register is not None
    plain_old, plain_new = render_document(a, "en"), render_document(b, "en")
    redline = merge_documents(plain_old, plain_new, compare(a.register, b.register, lang="en"))
    assert paragraphs(resolve(register_part(redline), accept=True)) == paragraphs(body(plain_new))
    assert paragraphs(resolve(register_part(redline), accept=False)) == paragraphs(body(plain_old))
