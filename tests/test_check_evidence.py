"""Quotes checked against their source, and source paths kept inside the register's folder.

Tested through what `validate` reports, so the tests hold whatever the evidence module looks like inside.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL, findings_of, minimal_data, write_variant

MECHANISM = (
    "warning[transfer-mechanism-not-stated] activities[0].transfers[0].mechanism: "
    "transfer to US: the source states no transfer mechanism (Art. 44-49)"
)
POLICY = (MINIMAL / "policy.txt").read_text(encoding="utf-8")


def _found(folder: Path, data: dict[str, Any], policy: str | None = None) -> set[str]:
    return findings_of(write_variant(folder, data, policy)) - {MECHANISM}


def test_a_fact_without_a_quote_is_a_warning(tmp_path: Path) -> None:
    data = minimal_data()
    data["controller"]["name"]["evidence"] = []
    data["activities"][0]["data_subjects"]["evidence"] = []
    assert _found(tmp_path, data) == {
        "warning[evidence-missing] controller.name: no evidence supports this fact: add a quote of a source (`quote: ...`) or who stated it (`attested_by: ...`, `date: ...`)",
        "warning[evidence-missing] activities[0].data_subjects: no evidence supports this fact: add a quote of a source (`quote: ...`) or who stated it (`attested_by: ...`, `date: ...`)",
    }


def test_none_without_a_quote_needs_a_note(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["automated_decisions"] = {"none": True, "evidence": []}
    assert _found(tmp_path, data) == {
        "warning[evidence-missing] activities[0].automated_decisions: no evidence supports this fact: add a quote of a source (`quote: ...`) or who stated it (`attested_by: ...`, `date: ...`)"
    }
    data["activities"][0]["automated_decisions"] = {"none": True, "evidence": [], "note": "The policy describes only manual handling."}
    assert _found(tmp_path, data) == set()


def _source(tmp_path: Path, file: str) -> set[str]:
    folder = tmp_path / "register"
    folder.mkdir(exist_ok=True)
    data = minimal_data()
    data["sources"][0]["file"] = file
    return _found(folder, data)


def _escapes(file: str) -> set[str]:
    return {f"error[source-missing] sources[0].file: source path `{file}` must be relative to the register and stay inside its folder"}


def test_a_source_outside_the_folder_is_refused_even_when_it_exists(tmp_path: Path) -> None:
    """The policy text is really there one folder up; the path still may not leave the register's folder."""
    (tmp_path / "outside.txt").write_text(POLICY, encoding="utf-8")
    assert _source(tmp_path, "../outside.txt") == _escapes("../outside.txt")
    assert _source(tmp_path, "sub/../../outside.txt") == _escapes("sub/../../outside.txt")
    assert _source(tmp_path, "..\\outside.txt") == _escapes("..\\outside.txt")
    absolute = str(tmp_path / "outside.txt")
    assert _source(tmp_path, absolute) == _escapes(absolute)


def test_a_drive_or_stream_name_is_refused(tmp_path: Path) -> None:
    """`C:` paths (and NTFS streams) mean something else on Windows: refused everywhere."""
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "c").mkdir()
    (folder / "c" / "policy.txt").write_text(POLICY, encoding="utf-8")
    assert _source(tmp_path, "c:policy.txt") == _escapes("c:policy.txt")


def test_a_source_in_a_subfolder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "policy.txt").write_text(POLICY, encoding="utf-8")
    assert _source(tmp_path, "texts/policy.txt") == set()


def test_a_missing_source(tmp_path: Path) -> None:
    """Reported once, at the source; its quotes are not each reported as not found."""
    assert _source(tmp_path, "policy-2024.txt") == {
        "error[source-missing] sources[0].file: source file `policy-2024.txt` does not exist next to the register"
    }


def test_a_source_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "register" / "texts").mkdir(parents=True)
    assert _source(tmp_path, "texts") == {"error[source-missing] sources[0].file: source path `texts` is not a regular file"}


def test_a_source_that_is_not_utf8(tmp_path: Path) -> None:
    data = minimal_data()
    path = write_variant(tmp_path, data)
    (tmp_path / "policy.txt").write_bytes(POLICY.replace("Example AB", "Exämple AB").encode("cp1252"))
    assert findings_of(path) - {MECHANISM} == {"error[source-missing] sources[0].file: source file `policy.txt` is not UTF-8"}


def test_quotes_match_across_a_bom_white_space_and_unicode_forms(tmp_path: Path) -> None:
    """A BOM before the text, other line breaks and spaces, and decomposed accents do not hide a quote."""
    policy = "\ufeff" + POLICY.replace("Stockholm, Sweden", "Stockholm,\n  Sweden\u00a0(Södermalm)")
    data = minimal_data()
    data["sources"][0]["title"] = "Privacy policy of Example AB"
    data["controller"]["name"]["evidence"] = [{"quote": "Privacy policy of Example AB"}]
    data["controller"]["country"]["evidence"] = [{"quote": unicodedata.normalize("NFD", "Stockholm, Sweden (Södermalm)")}]
    assert _found(tmp_path, data, policy) == set()


def test_a_quote_not_in_the_source_shows_the_closest_passage(tmp_path: Path) -> None:
    """An edited quote comes with the passage it was taken from; a made-up one with no hint."""
    data = minimal_data()
    data["controller"]["address"]["evidence"] = [{"quote": "Storgatan 2, 111 22 Stockholm, Sweden"}]
    data["controller"]["contacts"][0]["evidence"] = [
        {"quote": "Questions: privacy@example.se."},
        {"quote": "Our office is open on Mondays."},
    ]
    edited, invented = sorted(_found(tmp_path, data))
    assert edited.startswith(
        "error[quote-not-found] controller.address.evidence[0].quote: quote not found in source `policy`: "
        '"Storgatan 2, 111 22 Stockholm, Sweden"; closest passage: "Storgatan 1, 111 22 Stockholm, Sweden'
    )
    assert invented == (
        "error[quote-not-found] controller.contacts[0].evidence[1].quote: quote not found in source `policy`: "
        '"Our office is open on Mondays."'
    )


def test_the_same_wrong_quote_is_reported_at_each_place(tmp_path: Path) -> None:
    data = minimal_data()
    wrong = [{"quote": "Our office is open on Mondays."}]
    data["controller"]["name"]["evidence"] = wrong
    data["controller"]["country"]["evidence"] = wrong
    assert {f.split(":")[0] for f in _found(tmp_path, data)} == {
        "error[quote-not-found] controller.name.evidence[0].quote",
        "error[quote-not-found] controller.country.evidence[0].quote",
    }


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("x" * 80, "x" * 80),
        ("y" * 81, "y" * 79 + "…"),
        ("Our   office\nis open", "Our office is open"),
    ],
)
def test_a_long_quote_is_cut_in_the_message(tmp_path: Path, quote: str, shown: str) -> None:
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": quote}]
    assert _found(tmp_path, data) == {
        f'error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`: "{shown}"'
    }


def _two_sources(tmp_path: Path) -> dict[str, Any]:
    data = minimal_data()
    (tmp_path / "terms.txt").write_text("Terms of Example AB. We never sell data.", encoding="utf-8")
    data["sources"].append({"id": "terms", "file": "terms.txt", "title": "Terms", "language": "en", "date": {"not_stated": True}})
    for item in data["controller"]["contacts"][0]["evidence"]:
        item["source"] = "policy"
    return data


def test_with_several_sources_a_quote_naming_none_refers_to_the_first(tmp_path: Path) -> None:
    """Only quotes of the other sources name theirs: a second source adds no finding to the quotes of the first."""
    data = _two_sources(tmp_path)
    for item in data["controller"]["contacts"][0]["evidence"]:
        del item["source"]
    assert _found(tmp_path, data) == set()
    data["controller"]["name"]["evidence"] = [{"quote": "We never sell data."}]
    (found,) = _found(tmp_path, data)
    assert found.startswith("error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`")
    data["controller"]["name"]["evidence"] = [{"quote": "We never sell data.", "source": "terms"}]
    assert _found(tmp_path, data) == set()


def test_the_register_names_another_default_source(tmp_path: Path) -> None:
    """`register.default_source`: quotes naming no source are looked for in that one; the others name theirs."""
    data = _two_sources(tmp_path)
    data["register"]["default_source"] = "terms"
    data["controller"]["name"]["evidence"] = [{"quote": "Terms of Example AB"}]
    found = _found(tmp_path, data)
    assert "error[quote-not-found] controller.name.evidence[0].quote" not in {f.split(":")[0] for f in found}
    assert any(
        f.startswith("error[quote-not-found] controller.address.evidence[0].quote: quote not found in source `terms`") for f in found
    )
    assert not any("contacts" in f for f in found)  # they name `policy`


def test_an_unknown_default_source_is_one_error_with_a_suggestion(tmp_path: Path) -> None:
    data = _two_sources(tmp_path)
    data["register"]["default_source"] = "term"
    assert _found(tmp_path, data) == {
        "error[evidence-source] register.default_source: default source `term` is not one of the sources; did you mean `terms`?"
    }
    data["register"]["default_source"] = "website"
    assert _found(tmp_path, data) == {
        "error[evidence-source] register.default_source: default source `website` is not one of the sources; the sources are policy, terms"
    }


def test_a_quote_from_an_unknown_source(tmp_path: Path) -> None:
    data = _two_sources(tmp_path)
    data["controller"]["contacts"][0]["evidence"] = [{"quote": "We never sell data.", "source": "privacy"}]
    found = {f for f in _found(tmp_path, data) if f.startswith("error[evidence-source] controller.contacts")}
    assert found == {"error[evidence-source] controller.contacts[0].evidence[0].source: `privacy` is not one of the sources: policy, terms"}
    data["controller"]["contacts"][0]["evidence"] = [{"quote": "We never sell data.", "source": "terms"}]
    assert not any(
        f.startswith(("error[evidence-source] controller.contacts", "error[quote-not-found] controller.contacts"))
        for f in _found(tmp_path, data)
    )
    data["controller"]["contacts"][0]["evidence"] = [{"quote": "We never sell data.", "source": "policy"}]
    assert any(
        f.startswith("error[quote-not-found] controller.contacts[0].evidence[0].quote: quote not found in source `policy`")
        for f in _found(tmp_path, data)
    )


def test_a_purpose_without_a_quote_is_a_warning(tmp_path: Path) -> None:
    data = minimal_data()
    data["activities"][0]["purposes"][0]["evidence"] = []
    assert _found(tmp_path, data) == {
        "warning[evidence-missing] activities[0].purposes[0]: no evidence supports this fact: add a quote of a source (`quote: ...`) or who stated it (`attested_by: ...`, `date: ...`)"
    }


def test_the_closest_passage_never_shows_the_bom(tmp_path: Path) -> None:
    """A source saved with a byte-order mark: the hint starts at the first word, without an invisible character."""
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": "Privacy policy of Exampel AB"}]
    (found,) = _found(tmp_path, data, "\ufeff" + POLICY)
    assert found.startswith(
        "error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`: "
        '"Privacy policy of Exampel AB"; closest passage: "Privacy policy of Example AB'
    )


def test_a_one_word_quote_also_gets_its_closest_passage(tmp_path: Path) -> None:
    data = minimal_data()
    data["controller"]["contacts"][0]["evidence"] = [{"quote": "privacy@exmaple.se"}]
    (found,) = _found(tmp_path, data)
    assert found.startswith(
        "error[quote-not-found] controller.contacts[0].evidence[0].quote: quote not found in source `policy`: "
        '"privacy@exmaple.se"; closest passage: "privacy@example.se'
    )


def test_a_quote_too_short_to_support_a_fact(tmp_path: Path) -> None:
    """`the` occurs in any text: it proves nothing, and the message says what a quote needs."""
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": "the"}]
    assert _found(tmp_path, data) == {
        'error[quote-too-short] controller.name.evidence[0].quote: quote "the" is too short to support a fact: '
        "a quote needs at least 6 letters or digits, among them a word of 4 or more that is not a common word such as "
        "`the`, `with` or `och`"
    }


def test_six_characters_with_a_four_letter_word_are_enough(tmp_path: Path) -> None:
    """At the limits (6 letters or digits, one word of 4) a quote is long enough; it is then looked for in the source."""
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": "12 wxyz"}]
    (found,) = _found(tmp_path, data)
    assert found.startswith('error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`: "12 wxyz"')


_TYPESET = (
    "Example\u00a0AB’s “members’ register” is kept 2019–2024 — and longer\u202fif the law requires… "
    "Daten\u00adschutz is «important» to us ‚always‘ – even for ‹minors›, 10 − 2 tests, co‑operation and e‐mail."
)
_TYPED = (
    "Example AB's \"members' register\" is kept 2019-2024 - and longer if the law requires... "
    "Datenschutz is \"important\" to us 'always' - even for 'minors', 10 - 2 tests, co-operation and e-mail."
)


@pytest.mark.parametrize(("policy", "quote"), [(_TYPESET, _TYPED), (_TYPED, _TYPESET)], ids=["typed-quote", "typeset-quote"])
def test_typographic_punctuation_folds_in_matching(tmp_path: Path, policy: str, quote: str) -> None:
    """Curly quotes, guillemets, apostrophes, dashes, the ellipsis, no-break spaces and soft hyphens match their typed forms."""
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": quote}]
    assert {f for f in _found(tmp_path, data, POLICY + "\n" + policy) if "controller.name" in f} == set()


def test_folding_does_not_make_different_words_match(tmp_path: Path) -> None:
    """Only punctuation folds: letters, digits and case still have to be the source's."""
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": "Example AB's \"Members' register\""}]
    (found,) = _found(tmp_path, data, POLICY + "\n" + _TYPESET)
    assert found == (
        "error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`: "
        '"Example AB\'s "Members\' register""; closest passage: "Example AB’s “members’ register”"'
    )


@pytest.mark.parametrize(
    ("policy", "quote"),
    [
        ("We publish ‘Voorbeeld Nieuws’ monthly.", 'We publish "Voorbeeld Nieuws" monthly.'),
        ("We publish „Voorbeeld Nieuws“ monthly.", "We publish «Voorbeeld Nieuws» monthly."),
        ("We publish ‚Voorbeeld Nieuws‘ monthly.", "We publish `Voorbeeld Nieuws` monthly."),
        ("We publish ‹Voorbeeld Nieuws› monthly.", "We publish 'Voorbeeld Nieuws' monthly."),
        ("Our members’ register is kept.", 'Our members" register is kept.'),
    ],
    ids=["single-curly-for-double", "german-for-guillemets", "low-single-for-backtick", "chevron-for-straight", "apostrophe"],
)
def test_every_quotation_mark_folds_with_every_other(tmp_path: Path, policy: str, quote: str) -> None:
    """Which quotation mark a policy uses is typography: single, double, low, guillemet and backtick all match."""
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": quote}]
    assert {f for f in _found(tmp_path, data, POLICY + "\n" + policy) if "controller.name" in f} == set()


def test_a_quote_of_another_source_says_which_and_how_to_name_it(tmp_path: Path) -> None:
    """The quote is not in its source (the default or the one named) but is in another: the message names that one."""
    data = _two_sources(tmp_path)
    data["controller"]["name"]["evidence"] = [{"quote": "We never sell data."}]
    assert _found(tmp_path, data) == {
        "error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`: "
        '"We never sell data."; found in source `terms`: add `source: terms`'
    }
    data["controller"]["name"]["evidence"] = [{"quote": "We never sell data.", "source": "policy"}]
    assert _found(tmp_path, data) == {
        "error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `policy`: "
        '"We never sell data."; found in source `terms`: write `source: terms`'
    }
    data["controller"]["name"]["evidence"] = [{"quote": "Privacy policy of Example AB", "source": "terms"}]
    assert _found(tmp_path, data) == {
        "error[quote-not-found] controller.name.evidence[0].quote: quote not found in source `terms`: "
        '"Privacy policy of Example AB"; found in source `policy`: write `source: policy`'
    }
