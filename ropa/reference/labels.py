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


#: The labels that speak of "the source" (``register.kind: policy``, the default), each with the label an
#: internal register (the organisation's own record, ``register.kind: internal``) reads instead: there a
#: gap is "Not recorded", never "Not stated in source". Every renderer asks for the first key; this is the
#: one place that knows the register's kind changes the wording.
INTERNAL_WORDING: dict[str, str] = {
    "status.not-stated": "status.not-recorded",
    "docx.annex.gaps": "internal.docx.annex.gaps",
    "docx.evidence": "internal.docx.evidence",
    "docx.col.not-stated": "status.not-recorded",
    "docx.gaps.intro": "internal.docx.gaps.intro",
    "docx.gaps.none": "internal.docx.gaps.none",
    "docx.reading": "internal.docx.reading",
    "dpia.result.not-stated": "internal.dpia.result.not-stated",
    "dpia.annex-intro": "internal.dpia.annex-intro",
    "dpia.summary": "internal.dpia.summary",
    "xlsx.about.sheet.dpia": "internal.xlsx.about.sheet.dpia",
    "xlsx.word.country-not-stated": "internal.xlsx.word.country-not-stated",
    "xlsx.word.adequacy-unknown": "internal.xlsx.word.adequacy-unknown",
    "xlsx.about.gaps": "internal.xlsx.about.gaps",
    "xlsx.about.legend-not-stated": "internal.xlsx.about.legend-not-stated",
    "xlsx.about.legend-none": "internal.xlsx.about.legend-none",
    "xlsx.about.sheet.gaps": "internal.xlsx.about.sheet.gaps",
    "xlsx.about.sheet.evidence": "internal.xlsx.about.sheet.evidence",
    "map.group.kind-not-stated": "internal.map.group.kind-not-stated",
}

POLICY = "policy"


def worded(key: str, kind: str = POLICY) -> str:
    """The key to show for ``key`` in a register of ``kind`` (``policy`` or ``internal``)."""
    return INTERNAL_WORDING.get(key, key) if kind == "internal" else key


def labels_for(language: str) -> str:
    """The catalogue language outputs of a register in ``language`` are labelled in: itself, or English."""
    return language if language in LANGUAGES else FALLBACK


def label(key: str, lang: str, kind: str = POLICY) -> str:
    """The label for ``key`` in ``lang`` (``en``, ``sv``, ``nl``, ``de`` or ``fr``), worded for a register of ``kind``."""
    key = worded(key, kind)
    try:
        return catalogue()[key][lang]
    except KeyError:
        raise MissingLabelError(f"no {lang!r} label for {key!r}") from None


def counted(text: str, n: int) -> str:
    """A label's form for ``n`` things: a label ``one|many`` gives ``one`` for 1, ``many`` otherwise; one without ``|`` is both."""
    one, _bar, many = text.partition("|")
    return one if n == 1 or not many else many


def enum_label(member: enum.Enum, lang: str) -> str:
    """The label of an enum member, e.g. ``LawfulBasis.CONSENT`` -> 'Consent (Art. 6(1)(a))'."""
    return label(f"enum.{type(member).__name__}.{member.value}", lang)


class InLanguage:
    """Mixin for whatever shows labels in one language (``self.lang``), each looked up once."""

    if TYPE_CHECKING:
        lang: str

    #: The register's kind (``policy`` or ``internal``): which wording a gap takes (see ``worded``).
    kind: str = POLICY

    def t(self, key: str, **values: object) -> str:
        """The label ``key``, with ``{placeholders}`` filled in from ``values``."""
        cache_: dict[str, str] = self.__dict__.setdefault("_label_cache", {})
        text = cache_.get(key)
        if text is None:
            text = cache_[key] = label(key, self.lang, self.kind)
        return text.format(**values) if values else text

    def counted(self, key: str, n: int, **values: object) -> str:
        """The label ``key`` in its form for ``n`` things (see :func:`counted`), with ``{placeholders}`` filled in."""
        text = counted(self.t(key), n)
        return text.format(**values) if values else text

    def enum(self, member: enum.Enum) -> str:
        """The label of an enum member."""
        return self.t(f"enum.{type(member).__name__}.{member.value}")

    def language_name(self, code: str) -> str:
        """The name of an ISO 639-1 language in this language: 'fi' -> 'Finnish', 'Finnisch'."""
        return language_name(code, self.lang)
