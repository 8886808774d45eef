"""The closest passage shown in a quote-not-found message, in a source where most words are common.

A policy repeats its common words ("the", "data") far more often than the index lets point at a
passage; these cases hold the search to what a reader would point at in such a text: by its rare
words, by pieces of misspelt words, by common words alone, and at the very start and end.
"""

from __future__ import annotations

import pytest

from ropa.checks.evidence import closest_passage, fold

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
