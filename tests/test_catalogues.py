"""Built-in data: the label catalogue, the country list and the adequacy table hold together."""

from __future__ import annotations

import datetime as dt
import enum

import pytest

from ropa.model import enums
from ropa.reference.adequacy import table
from ropa.reference.countries import COUNTRIES, EEA
from ropa.reference.labels import LANGUAGES, catalogue, enum_label, label
from ropa.reporting import gaps


def _enums() -> list[type[enum.Enum]]:
    return [v for v in vars(enums).values() if isinstance(v, type) and issubclass(v, enum.Enum) and v.__module__ == enums.__name__]


def test_every_label_has_every_language() -> None:
    """English, Swedish, Dutch, German and French are complete: no key lacks a language, none is empty."""
    for key, labels in catalogue().items():
        assert set(labels) == set(LANGUAGES), key
        assert all(text.strip() for text in labels.values()), key


@pytest.mark.parametrize("enum_cls", _enums(), ids=lambda e: e.__name__)
def test_every_enum_value_has_a_label(enum_cls: type[enum.Enum]) -> None:
    """Every closed-list value can be shown in every language."""
    for member in enum_cls:
        for lang in LANGUAGES:
            assert enum_label(member, lang)


def test_every_enum_cites_its_article() -> None:
    """Closed lists say which article of the GDPR they encode."""
    for enum_cls in _enums():
        doc = enum_cls.__doc__ or ""
        assert "Art." in doc or "Chapter" in doc or "ISO" in doc, enum_cls.__name__


def test_every_gap_point_has_a_label() -> None:
    """Each point of the completeness table has a label in every language."""
    for point in (*gaps.ORGANISATION_POINTS, *gaps.ACTIVITY_POINTS):
        for lang in LANGUAGES:
            assert label(f"point.{point.key}", lang)


def test_eea_is_thirty_countries_with_known_codes() -> None:
    """The EEA list is the 27 EU states plus IS, LI and NO, all valid ISO codes."""
    assert len(EEA) == 30
    assert set(COUNTRIES) >= EEA
    assert {"IS", "LI", "NO", "SE", "NL"} <= EEA
    assert "GB" not in EEA
    assert "CH" not in EEA


def test_adequacy_table_is_dated_and_consistent() -> None:
    """Each decision names a known destination and starts before it ends."""
    data = table()
    assert data.valid_as_of >= dt.date(2026, 1, 1)
    for decision in data.decisions:
        assert decision.destination in COUNTRIES or decision.destination.startswith("org:")
        assert decision.destination not in EEA
        assert decision.until is None or decision.start < decision.until


def test_adequacy_on_a_date() -> None:
    """Adequacy depends on the register's date: Japan from 2019, Privacy Shield only 2016-2020."""
    data = table()
    assert not data.find("JP", dt.date(2018, 12, 31))
    assert data.find("JP", dt.date(2019, 6, 1))
    shield = [d for d in data.find("US", dt.date(2017, 10, 7)) if d.condition == "privacy-shield"]
    assert shield
    assert not [d for d in data.find("US", dt.date(2021, 1, 1)) if d.condition == "privacy-shield"]
    assert [d.condition for d in data.find("US", dt.date(2024, 1, 1))] == ["dpf-certified"]


def test_country_table_is_fresh() -> None:
    """ropa/data/countries.tsv is what `make data` generates from pycountry's iso-codes data."""
    from ropa.data.generate_countries import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), "run `make data` and commit ropa/data/countries.tsv"
