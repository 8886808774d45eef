"""Evidence quotes: collected per section with the points they support, shown as quotations.

A quote that supports several points (the same sentence often names the data subjects, the
data and the source) is shown once, followed by its source and the points it is evidence for.
An attested fact has no words to quote: it reads "Attested by Head of IT, 1 March 2026 (...)" in the
status-marker style, never as a quotation, and the section ends with the legend saying what that means.
"""

from __future__ import annotations

from collections.abc import Iterable

from ropa.model.markers import Attestation, Evidence
from ropa.reference.attestation import attested
from ropa.render.word.ooxml import Body, Run
from ropa.render.word.paragraphs import text_paras, xml_para
from ropa.render.word.styles import HEADINGS, MARKER, NOTE, QUOTE, QUOTE_SOURCE
from ropa.render.word.values import Context

_Key = Evidence


class Quotes:
    """Quotes of the source in first-seen order, each with the labels of the points it supports."""

    def __init__(self) -> None:
        self._points: dict[_Key, list[str]] = {}

    def add(self, point: str, evidence: Iterable[Evidence]) -> None:
        """Record that each quote in ``evidence`` supports ``point`` (a label)."""
        for ev in evidence:
            points = self._points.setdefault(ev, [])
            if point not in points:
                points.append(point)

    def add_from(self, point: str, value: object) -> None:
        """Record the evidence a value carries, if any (a Fact, a statement, a 'none' marker)."""
        evidence = getattr(value, "evidence", None) if _may_carry_evidence(type(value)) else None
        if evidence:
            self.add(point, evidence)

    def merge(self, other: Quotes, suffix: str) -> None:
        """Add ``other``'s quotes, each point's label followed by ``suffix`` (e.g. "(organisation-wide)")."""
        for key, points in other.items():
            held = self._points.setdefault(key, [])
            held.extend(label for label in (f"{p} {suffix}" for p in points) if label not in held)

    def __len__(self) -> int:
        return len(self._points)

    def items(self) -> Iterable[tuple[_Key, list[str]]]:
        return self._points.items()


_CARRIES_EVIDENCE: dict[type, bool] = {}


def _may_carry_evidence(kind: type) -> bool:
    """False for a model without an ``evidence`` field (a not-stated marker): pydantic's lookup of a missing attribute is slow."""
    found = _CARRIES_EVIDENCE.get(kind)
    if found is None:
        fields = getattr(kind, "model_fields", None)
        found = _CARRIES_EVIDENCE[kind] = "evidence" in fields if isinstance(fields, dict) else True
    return found


def evidence_block(ctx: Context, body: Body, quotes: Quotes) -> None:
    """A Heading 3 and each quote as a Quote paragraph, its source and points beneath."""
    if not quotes:
        return
    out = [xml_para(ctx.t("docx.evidence"), HEADINGS[3])]  # added to the body at once, in order
    sources = ctx.sources
    default_source = ctx.register.default_source
    any_attested = False
    evidence_for, semicolon = ctx.t("docx.evidence-for") + ctx.t("punct.colon"), ctx.t("punct.semicolon")
    quote = ctx.t("docx.quote")
    # the quotation marks around a quote, as format puts them (a template with braces of its own is formatted each time)
    marks = quote.split("{quote}")
    before, after = marks if len(marks) == 2 and not any(c in "".join(marks) for c in "{}") else (None, None)
    quote_para, source_para = text_paras(QUOTE, keep_next=True), text_paras(QUOTE_SOURCE)
    for ev, points in quotes.items():
        if isinstance(ev, Attestation):
            any_attested = True
            out.append(xml_para([Run(attested(ctx, ev, ctx.date), MARKER)], QUOTE_SOURCE, keep_next=True))
            out.append(source_para(f"— {evidence_for}{semicolon.join(points)}"))
            continue
        title = sources[ev.source].title if ev.source in sources else sources[default_source].title
        where = f"{title}, {ev.locator}" if ev.locator else title
        out.append(quote_para(f"{before}{ev.quote}{after}" if before is not None else quote.format(quote=ev.quote)))
        out.append(source_para(f"— {where}{'' if where.endswith('.') else '.'} {evidence_for}{semicolon.join(points)}"))
    if any_attested:
        out.append(xml_para([Run(ctx.t("evidence.legend-attested"), NOTE)], QUOTE_SOURCE))
    body.add(*out)
