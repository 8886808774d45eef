"""A quote that stops just before an "unless", "except" or "sauf" says more than its source: a warning.

Tested through what `validate` reports: the source's sentence goes on past the quote, and whether
the words that follow qualify it decides the warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL, findings_of, minimal_data, write_variant

POLICY = (MINIMAL / "policy.txt").read_text(encoding="utf-8")
MECHANISM = "warning[transfer-mechanism-not-stated]"
WHERE = "warning[quote-cut-before-qualifier] activities[0].purposes[0].evidence[0].quote: "


def _cut(folder: Path, sentence: str, quote: str, language: str = "en") -> set[str]:
    """The qualifier warnings for one quote of one added sentence of the minimal policy."""
    data: dict[str, Any] = minimal_data()
    data["sources"][0]["language"] = language
    data["activities"][0]["purposes"][0]["evidence"] = [{"quote": quote}]
    findings = findings_of(write_variant(folder, data, POLICY + "\n" + sentence + "\n"))
    return {f for f in findings if not f.startswith(MECHANISM) and "quote-cut-before-qualifier" in f}


def test_the_cm_processor_terms_cut_before_unless(tmp_path: Path) -> None:
    """The case of issue 11: the warning shows the qualifier as the source writes it, cut with its closing bracket."""
    sentence = (
        "They may also not use your personal information for their own purposes, sell it to third parties or "
        "disclose it (unless required to do so by law, as permitted by us, or as stated in this Privacy Policy). "
        "Next sentence."
    )
    quote = "They may also not use your personal information for their own purposes, sell it to third parties or disclose it"
    assert _cut(tmp_path, sentence, quote) == {
        WHERE + 'quote stops before "(unless required to do so by law, as permitted by us, or as …)": '
        "quote the qualifier too, and state the fact as the source qualifies it"
    }


def test_quoting_the_qualifier_too_clears_it(tmp_path: Path) -> None:
    sentence = "We never share your e-mail address, except with the company that sends our newsletter."
    assert _cut(tmp_path, sentence, "We never share your e-mail address")
    assert _cut(tmp_path, sentence, "We never share your e-mail address, except with the company that sends our newsletter") == set()


@pytest.mark.parametrize(
    ("language", "sentence", "quote", "shown"),
    [
        (
            "en",
            "We keep your data for two years — provided that you stay a customer.",
            "We keep your data for two years",
            "— provided that you stay a customer",
        ),
        ("en", 'Your data is deleted after a year "unless you object".', "Your data is deleted after a year", '"unless you object"'),
        ("sv", "Vi delar inte dina uppgifter, utom med våra leverantörer.", "Vi delar inte dina uppgifter", ", utom med våra leverantörer"),
        (
            "nl",
            "Wij bewaren uw gegevens niet langer dan een jaar, tenzij de wet dat vereist.",
            "Wij bewaren uw gegevens niet langer dan een jaar",
            ", tenzij de wet dat vereist",
        ),
        (
            "de",
            "Wir geben Ihre Daten nicht weiter, außer an unsere Dienstleister.",
            "Wir geben Ihre Daten nicht weiter",
            ", außer an unsere Dienstleister",
        ),
        (
            "de",
            "Wir geben Ihre Daten nicht weiter, es sei denn, das Gesetz verlangt es.",
            "Wir geben Ihre Daten nicht weiter",
            ", es sei denn, das Gesetz verlangt es",
        ),
        (
            "fr",
            "Nous ne partageons pas vos données, sauf avec nos prestataires.",
            "Nous ne partageons pas vos données",
            ", sauf avec nos prestataires",
        ),
        (
            "fr",
            "Nous ne partageons pas vos données à moins que la loi ne l'exige !",
            "Nous ne partageons pas vos données",
            "à moins que la loi ne l'exige",
        ),
    ],
)
def test_qualifiers_of_each_language(tmp_path: Path, language: str, sentence: str, quote: str, shown: str) -> None:
    """Each checked language has its qualifiers; the message shows the clause up to the end of the sentence."""
    [finding] = _cut(tmp_path, sentence, quote, language)
    assert finding.startswith(f'{WHERE}quote stops before "{shown}":')


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("We share your data with partners. Unless you object, we also call you.", "We share your data with partners."),
        ("We share your data with partners. Unless you object, we also call you.", "We share your data with partners"),
        ("We share your data with exceptional care.", "We share your data with"),
        ("We share your data, and keep it safe unless told otherwise.", "We share your data"),
        ("We share your data with our processors only.", "We share your data with our processors"),
    ],
    ids=["quote-ends-the-sentence", "next-sentence", "word-that-starts-like-one", "qualifier-later-in-the-sentence", "no-qualifier"],
)
def test_what_is_not_a_cut_qualifier(tmp_path: Path, sentence: str, quote: str) -> None:
    """A qualifier in the next sentence, later in the sentence, or a word merely starting like one, is no finding."""
    assert _cut(tmp_path, sentence, quote) == set()


def test_a_language_without_a_list_is_not_checked(tmp_path: Path) -> None:
    """Only en, sv, nl, de and fr have qualifier lists: an Italian source is not checked, even for English words."""
    sentence = "We share your data with partners, unless you object."
    assert _cut(tmp_path, sentence, "We share your data with partners", "it") == set()


def test_a_language_only_counts_its_own_words(tmp_path: Path) -> None:
    """ "sauf" after a quote of an English source is no qualifier: each source is read in its own language."""
    assert _cut(tmp_path, "Our office is called Chez Nous, sauf for its name.", "Our office is called Chez Nous") == set()


def test_the_same_cut_quote_is_reported_at_each_place(tmp_path: Path) -> None:
    data: dict[str, Any] = minimal_data()
    cut = [{"quote": "We never share your e-mail address"}]
    data["activities"][0]["purposes"][0]["evidence"] = cut
    data["controller"]["name"]["evidence"] = [*data["controller"]["name"]["evidence"], *cut]
    policy = POLICY + "\nWe never share your e-mail address, except with the company that sends our newsletter.\n"
    found = [f for f in findings_of(write_variant(tmp_path, data, policy)) if "quote-cut-before-qualifier" in f]
    assert sorted(f.split(":")[0] for f in found) == [
        "warning[quote-cut-before-qualifier] activities[0].purposes[0].evidence[0].quote",
        "warning[quote-cut-before-qualifier] controller.name.evidence[1].quote",
    ]


def test_an_attestation_is_not_checked(tmp_path: Path) -> None:
    data: dict[str, Any] = minimal_data()
    data["activities"][0]["purposes"][0]["evidence"] = [{"attested_by": "Head of IT, unless on leave", "date": "2025-05-01"}]
    policy = POLICY + "\nHead of IT, unless on leave.\n"
    assert not [f for f in findings_of(write_variant(tmp_path, data, policy)) if "quote-cut-before-qualifier" in f]


@pytest.mark.parametrize(
    "text",
    [
        "- We share your data with our partners\n- Except for payment data, which we keep.",
        "We share your data with our partners\n\nExcept on Sundays the office is closed.",
    ],
    ids=["next-list-item", "next-paragraph"],
)
def test_a_line_break_ends_the_sentence(tmp_path: Path, text: str) -> None:
    """A qualifier on the next line (a list item, a paragraph) does not continue the quote's sentence."""
    assert _cut(tmp_path, text, "We share your data with our partners") == set()


def test_a_line_break_ends_the_clause_shown(tmp_path: Path) -> None:
    """A qualifier is shown up to the end of its line when the sentence runs on no further."""
    [finding] = _cut(tmp_path, "We share your data, unless you object\nHeading", "We share your data")
    assert f'"{", unless you object"}"' in finding


def test_the_qualifier_is_shown_as_the_source_writes_it(tmp_path: Path) -> None:
    """Typographic quotes and an ellipsis earlier in the source: the message shows the source's own characters."""
    sentence = "Wait… We keep it “unless you ask us to delete it” — says the policy."
    [finding] = _cut(tmp_path, sentence, "We keep it")
    assert '"“unless you ask us to delete it” — says the policy"' in finding
