"""The words a reader sees: labels in the chosen language, article citations, countries, states.

Everything translated comes from the label catalogue (``ropa/data/labels``); free text from the
register is passed through untouched.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from functools import cache

from ropa.model.markers import NoneStated, NotApplicable, NotStated
from ropa.reference.countries import country_name
from ropa.reference.labels import POLICY, InLanguage, label

_ARTICLE = re.compile(r"^(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?$")
_RANGE = re.compile(r"^(\d+)-(\d+)$")


class Kind(enum.IntEnum):
    """How a cell is styled: plain text, a gap, an explicit none/not-applicable, a header, a whole number, or an alert."""

    TEXT = 0
    NOT_STATED = 1
    MARKER = 2
    HEADER = 3
    #: A whole number (row numbers), written as a number so that it sorts as one; styled as text.
    NUMBER = 4
    #: Text that needs a reviewer's attention (a high-risk change in ``ropa diff``'s workbook): a light red fill.
    ALERT = 5


#: A cell as the sheet writer takes it: the text and how it is styled.
Cell = tuple[str, Kind]


#: How each language cites an article, a paragraph and a point: (article, paragraph, point) formats.
_CITATION = {
    "en": ("Art. {}", "({})", "({})"),
    "sv": ("Art. {}", ".{}", " {}"),
    "nl": ("Art. {}", ", lid {}", ", onder {}"),
    "de": ("Art. {}", " Abs. {}", " lit. {}"),
    "fr": ("art. {}", ".{}", " {}"),
}


@cache
def cite(spec: str, lang: str) -> str:
    """An article citation in the reader's convention: ``30(1)(a)`` -> 'Art. 30(1)(a)', 'Art. 30.1 a', 'Art. 30, lid 1, onder a',
    'Art. 30 Abs. 1 lit. a', 'art. 30.1 a' (the CNIL's usage).

    ``spec`` is an article with optional paragraph and point, a range (``13-14``), or ``template``
    for the columns that come from the supervisory authorities' templates rather than the article.
    """
    if spec == "template":
        return label("xlsx.cite.template", lang)
    article_form, paragraph_form, point_form = _CITATION.get(lang, _CITATION["en"])
    ranged = _RANGE.match(spec)
    if ranged:
        return article_form.format(f"{ranged[1]}-{ranged[2]}")
    parts = _ARTICLE.match(spec)
    if parts is None:
        raise ValueError(f"not an article citation: {spec!r}")
    article, paragraph, point = parts.groups()
    return (
        article_form.format(article) + (paragraph_form.format(paragraph) if paragraph else "") + (point_form.format(point) if point else "")
    )


class Words(InLanguage):
    """Labels, enum names, countries and marker cells in one language, looked up once each."""

    def __init__(self, lang: str, kind: str = POLICY) -> None:
        self.lang = lang
        self.kind = kind
        self.not_stated: Cell = (self.t("status.not-stated"), Kind.NOT_STATED)
        self.none: Cell = (label("status.none", lang), Kind.MARKER)
        self.not_applicable = label("status.not-applicable", lang)

    def __call__(self, key: str) -> str:
        """The label for ``key``."""
        return self.t(key)

    def cite(self, *specs: str) -> str:
        """Citations joined: 'Art. 30(1)(e), Art. 44-49'; German names the regulation once: '..., Art. 44-49 DSGVO'."""
        joined = ", ".join(cite(s, self.lang) for s in specs)
        return f"{joined} DSGVO" if self.lang == "de" and any(s != "template" for s in specs) else joined

    def country(self, code: str) -> str:
        """A country's name in the reader's language."""
        return country_name(code, self.lang)

    def colon(self, head: str, text: str) -> str:
        """'head: text', spaced as the language spaces a colon (French: a no-break space before it)."""
        return f"{head}{self.t('punct.colon')}{text}"

    def semicolons(self, parts: Iterable[str]) -> str:
        """Parts of one value joined by semicolons, spaced as the language spaces them."""
        return self.t("punct.semicolon").join(parts)

    def yes_no(self, value: bool) -> str:
        return self("word.yes" if value else "word.no")

    def marker(self, value: NotStated | NoneStated | NotApplicable) -> Cell:
        """The cell of a point that holds a marker: not stated, none (with its note), not applicable (with the reason)."""
        if isinstance(value, NotStated):
            return self.not_stated
        if isinstance(value, NotApplicable):
            return (self.colon(self.not_applicable, value.reason), Kind.MARKER)
        return (self.colon(self.none[0], value.note), Kind.MARKER) if value.note else self.none


def lines(parts: Iterable[str]) -> str:
    """The parts of one value (a name, its address, its contacts), one per line."""
    return "\n".join(parts)


BULLET = "\N{BULLET} "


def items(values: Iterable[str]) -> str:
    """Several values, one per line, never comma soup; bulleted when there are several, so a wrapped value stays one item."""
    listed = list(values)
    if len(listed) <= 1:
        return listed[0] if listed else ""
    return "\n".join(BULLET + v for v in listed)
