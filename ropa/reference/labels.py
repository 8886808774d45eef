"""The label catalogue shared by every renderer: English, Swedish, Dutch, German and French.

Labels live in ``ropa/data/labels/*.toml``, one table per key with ``en``, ``sv``, ``nl``, ``de`` and ``fr``.
Only labels are translated; free text from a register never is. A register may be written in any
ISO 639-1 language; where the catalogue has no labels in it, outputs use English (``labels_for``).
"""

from __future__ import annotations

import enum
import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from ropa.reference.languages import language_name

LANGUAGES = ("en", "sv", "nl", "de", "fr")

#: The catalogue's language for a register whose own language it does not speak.
FALLBACK = "en"


class MissingLabelError(KeyError):
    """A renderer asked for a label the catalogue does not have."""


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key with its labels, merged from all catalogue files (a key defined twice is an error)."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("ropa.data").joinpath("labels")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        for key, labels in tomllib.loads(entry.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"label {key!r} is defined twice (again in {entry.name})")
            merged[key] = labels
    return merged


def labels_for(language: str) -> str:
    """The catalogue language outputs of a register in ``language`` are labelled in: itself, or English."""
    return language if language in LANGUAGES else FALLBACK


def label(key: str, lang: str) -> str:
    """The label for ``key`` in ``lang`` (``en``, ``sv``, ``nl``, ``de`` or ``fr``)."""
    try:
        return catalogue()[key][lang]
    except KeyError:
        raise MissingLabelError(f"no {lang!r} label for {key!r}") from None


def enum_label(member: enum.Enum, lang: str) -> str:
    """The label of an enum member, e.g. ``LawfulBasis.CONSENT`` -> 'Consent (Art. 6(1)(a))'."""
    return label(f"enum.{type(member).__name__}.{member.value}", lang)


class InLanguage:
    """Mixin for whatever shows labels in one language (``self.lang``), each looked up once."""

    if TYPE_CHECKING:
        lang: str

    def t(self, key: str, **values: object) -> str:
        """The label ``key``, with ``{placeholders}`` filled in from ``values``."""
        cache_: dict[str, str] = self.__dict__.setdefault("_label_cache", {})
        text = cache_.get(key)
        if text is None:
            text = cache_[key] = label(key, self.lang)
        return text.format(**values) if values else text

    def enum(self, member: enum.Enum) -> str:
        """The label of an enum member."""
        return self.t(f"enum.{type(member).__name__}.{member.value}")

    def language_name(self, code: str) -> str:
        """The name of an ISO 639-1 language in this language: 'fi' -> 'Finnish', 'Finnisch'."""
        return language_name(code, self.lang)
