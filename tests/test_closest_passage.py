"""The closest passage shown in a quote-not-found message, in a source where most words are common.

A policy repeats its common words ("the", "data") far more often than the index lets point at a
passage; these cases hold the search to what a reader would point at in such a text: by its rare
words, by pieces of misspelt words, by common words alone, and at the very start and end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.checks.evidence import closest_passage, fold
from ropa.checks.passages import parting
from tests.conftest import findings_of, minimal_data, write_variant

_FILLER = " ".join(["the data is kept by the company."] * 50)  # each of its words occurs 50 or 100 times
_TEXT = fold(f"Intro. {_FILLER} Invoices are kept for seven years as the Bookkeeping Act requires. {_FILLER} The end.")


@pytest.mark.parametrize(
    ("quote", "closest"),
    [
        ("Invoices are stored for seven years", "Invoices are kept for seven years"),  # rare words among common ones
        ("the data is kept by the firm.", "the data is kept by the company."),  # common words only
        ("Invoyces ar kept fr sevn yeers", "Invoices are kept for seven years"),  # every rare word misspelt
        ("Intro. the data iz", "Intro. the data is"),  # at the very start
        ("company. The end. Goodbye", "the company. The end."),  # runs past the end: as many words, ending with the text
        ("Bookkeeping Act demands.", "Bookkeeping Act requires."),
        ("Nothing of this kind at all", None),
        ("", None),
    ],
)
def test_closest_passage_in_a_text_of_common_words(quote: str, closest: str | None) -> None:
    assert closest_passage(fold(quote), _TEXT) == closest


def test_no_passage_in_an_empty_source() -> None:
    assert closest_passage("Invoices are kept", "") is None


def test_a_word_the_source_lacks_does_not_stop_the_search() -> None:
    """The quote's first word is nowhere in the source and its other words are too short to be cut into pieces."""
    text = fold("Our shop adds tax. The tax is 25 % VAT on all we sell, and 12 % on food. We ship to EU and UK only.")
    assert closest_passage(fold("Yes tax is 25 % VAT"), text) == "The tax is 25 % VAT"
    assert closest_passage(fold("Oui 12 % on fod"), text) == "and 12 % on food."


def test_a_quote_longer_than_the_source_is_compared_with_all_of_it() -> None:
    """The window cannot start after the source's first word when the quote has more words than the source."""
    text = fold("Intro. We keep every invoice for ten years, as the Bookkeeping Act requires. Outro.")
    quote = fold("We keep every invoice and every delivery note for seven years, as the Bookkeeping Act requires of us all.")
    assert closest_passage(quote, text) == text


_SHIELD = (
    "Members' contact details are stored by our newsletter provider in the United States, which is certified under the "
    "“Privacy Shield” framework, which the European Commission recognised as adequate for transfers of personal data."
)


def _message(tmp_path: Path, quote: str, policy: str = _SHIELD) -> str:
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": quote}]
    (found,) = {f for f in findings_of(write_variant(tmp_path, data, policy)) if "controller.name" in f}
    return found


@pytest.mark.parametrize(
    ("typo", "word", "in_quote", "in_source"),
    [
        ("framework, wich the", 22, "…“Privacy Shield” framework, wich the European…", "…“Privacy Shield” framework, which the European…"),
        ("Members' contakt details", 2, "Members' contakt details are…", "Members' contact details are…"),
        ("in the Unted States", 12, "…provider in the Unted States, which…", "…provider in the United States, which…"),
    ],
    ids=["late", "early", "middle"],
)
def test_a_long_quote_shows_where_it_parts_from_the_source(tmp_path: Path, typo: str, word: int, in_quote: str, in_source: str) -> None:
    """Quote and passage are too long to show whole: both sides of the first difference are shown, never alike."""
    right = typo.replace("wich", "which").replace("contakt", "contact").replace("Unted", "United")
    quote = _SHIELD.replace(right, typo)
    assert quote != _SHIELD
    message = _message(tmp_path, quote)
    assert message.endswith(f'; the closest passage differs at word {word}: quote: "{in_quote}"; source: "{in_source}"')
    assert in_quote != in_source


def test_a_dropped_word_shows_the_passage_with_it(tmp_path: Path) -> None:
    quote = _SHIELD.replace("the European Commission", "the Commission")
    assert _message(tmp_path, quote).endswith(
        '; the closest passage differs at word 24: quote: "…framework, which the Commission recognised…"; '
        'source: "…framework, which the European Commission recognised…"'
    )


def test_the_message_shows_the_source_as_written_while_matching_folds_its_punctuation(tmp_path: Path) -> None:
    """A straight-quoted copy of the typeset sentence is found; a typo in it is shown beside the source's own quotes."""
    plain = _SHIELD.replace("“", '"').replace("”", '"')
    data = minimal_data()
    data["controller"]["name"]["evidence"] = [{"quote": plain}]
    assert not {f for f in findings_of(write_variant(tmp_path, data, _SHIELD)) if "controller.name" in f}
    assert _message(tmp_path, plain.replace("Shield", "Sheld")).endswith(
        'quote: "…under the \\"Privacy Sheld\\" framework, which…"; source: "…under the “Privacy Shield” framework, which…"'.replace(
            "\\", ""
        )
    )


def test_parting_of_texts_alike_in_the_matching_form_is_none() -> None:
    assert parting("the “data”", 'the "data"') is None
