"""Evidence quotes: collected per section with the points they support, shown as quotations.

A quote that supports several points (the same sentence often names the data subjects, the
data and the source) is shown once, followed by its source and the points it is evidence for.
"""

from __future__ import annotations

from collections.abc import Iterable

from ropa.model.markers import Evidence
from ropa.render.word.ooxml import Body, para
from ropa.render.word.styles import HEADINGS, QUOTE, QUOTE_SOURCE
from ropa.render.word.values import Context

_Key = tuple[str, str | None, str | None]


class Quotes:
    """Quotes of the source in first-seen order, each with the labels of the points it supports."""

    def __init__(self) -> None:
        self._points: dict[_Key, list[str]] = {}

    def add(self, point: str, evidence: Iterable[Evidence]) -> None:
        """Record that each quote in ``evidence`` supports ``point`` (a label)."""
        for ev in evidence:
            points = self._points.setdefault((ev.quote, ev.source, ev.locator), [])
            if point not in points:
                points.append(point)

    def add_from(self, point: str, value: object) -> None:
        """Record the evidence a value carries, if any (a Fact, a statement, a 'none' marker)."""
        evidence = getattr(value, "evidence", None)
        if evidence:
            self.add(point, evidence)

    def __len__(self) -> int:
        return len(self._points)

    def items(self) -> Iterable[tuple[_Key, list[str]]]:
        return self._points.items()


def evidence_block(ctx: Context, body: Body, quotes: Quotes) -> None:
    """A Heading 3 and each quote as a Quote paragraph, its source and points beneath."""
    if not quotes:
        return
    body.add(para(ctx.t("docx.evidence"), HEADINGS[3]))
    default_source = ctx.register.default_source
    for (quote, source, locator), points in quotes.items():
        title = ctx.sources[source].title if source in ctx.sources else ctx.sources[default_source].title
        where = f"{title}, {locator}" if locator else title
        body.add(
            para(ctx.t("docx.quote", quote=quote), QUOTE, keep_next=True),
            para(f"— {where}. {ctx.t('docx.evidence-for')}: {'; '.join(points)}", QUOTE_SOURCE),
        )
