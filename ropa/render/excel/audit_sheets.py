"""Sheets for the reviewer: the gaps, the evidence behind every statement, and what was rendered from what."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from ropa.model.enums import Role
from ropa.model.markers import Attestation
from ropa.reference.adequacy import table as adequacy_table
from ropa.render.context import RenderInput
from ropa.render.excel import paths
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Column, Sheet, table
from ropa.render.excel.words import Cell, Kind, Words, lines
from ropa.reporting.gaps import Gap
from ropa.reporting.review_status import period_text, status_text

GAP_COLUMNS = (
    Column("xlsx.col.number", min_width=6, max_width=8),
    Column("xlsx.col.activity-id", min_width=12, max_width=22),
    Column("point.activity", min_width=14, max_width=28),
    Column("xlsx.col.point", min_width=20, max_width=40),
    Column("xlsx.col.article", min_width=14, max_width=26),
    Column("xlsx.col.status", min_width=14, max_width=24),
    Column("xlsx.col.yaml-path", min_width=20, max_width=45),
    Column("point.note", min_width=20, max_width=60),
)

EVIDENCE_COLUMNS = (
    Column("xlsx.col.number", min_width=6, max_width=8),
    Column("xlsx.col.activity-id", min_width=12, max_width=22),
    Column("xlsx.col.point", min_width=16, max_width=32),
    Column("xlsx.col.yaml-path", min_width=20, max_width=45),
    Column("point.quote", min_width=30, max_width=70),
    Column("point.source", min_width=16, max_width=36),
    Column("xlsx.col.locator", min_width=12, max_width=30),
)

ABOUT_COLUMNS = (
    Column("xlsx.col.item", min_width=18, max_width=32),
    Column("xlsx.col.value", min_width=40, max_width=90),
)

_ACTIVITY = re.compile(r"^activities\[(\d+)\]")


def cite_article(article: str, words: Words) -> str:
    """The gaps table's English citation ('Art. 30(1)(a), Art. 27', 'template') in the reader's convention."""
    specs = [part.strip().removeprefix("Art. ") for part in article.split(",")]
    try:
        return words.cite(*specs)
    except ValueError:
        return article


def _organisation(gap: Gap, w: Words) -> str:
    """'Organisation', or for an organisation-wide statement (`defaults`) 'Organisation (organisation-wide)'."""
    return f"{w('word.organisation')} {w('docx.org-wide-label')}" if gap.field.startswith("defaults.") else str(w("word.organisation"))


def _gap_row(n: int, gap: Gap, names: dict[str, str], look: Lookup) -> list[Cell]:
    w = look.w
    return [
        (str(n), Kind.NUMBER),
        (gap.activity, Kind.TEXT) if gap.activity else (_organisation(gap, w), Kind.TEXT),
        (names.get(gap.activity or "", ""), Kind.TEXT),
        (w(f"point.{gap.point.key}"), Kind.TEXT),
        (cite_article(gap.point.article, w), Kind.TEXT),
        w.not_stated,
        (gap.field, Kind.TEXT),
        (gap.note or "", Kind.TEXT),
    ]


def gaps_sheet(look: Lookup, gaps: Sequence[Gap]) -> Sheet:
    """Every point the source does not state: the organisation's first, then each activity's."""
    names = {a.id: a.name for a in look.register.activities}
    rows = (_gap_row(n, gap, names, look) for n, gap in enumerate(gaps, 1))
    return table("xlsx.sheet.gaps", GAP_COLUMNS, rows, look.w, freeze="B2")


def _evidence_rows(look: Lookup) -> Iterator[list[Cell]]:
    """One row per evidence item; an attestation shows who stated it and when (marker style) where a quote
    shows the source's words, the internal document where a quote names its source, the note where its locator."""
    w, reg = look.w, look.register
    for n, (where, ev) in enumerate(paths.evidence(reg), 1):
        found = _ACTIVITY.match(where)
        scope = reg.activities[int(found[1])].id if found else w("word.organisation")
        key = paths.point_key(where)
        head = [(str(n), Kind.NUMBER), (scope, Kind.TEXT), (w(key) if key else where.rsplit(".", 1)[-1], Kind.TEXT), (where, Kind.TEXT)]
        if isinstance(ev, Attestation):
            said = w.t("evidence.attested", by=ev.attested_by, date=ev.date.isoformat())
            yield [*head, (said, Kind.MARKER), (ev.document or "", Kind.TEXT), (ev.note or "", Kind.TEXT)]
        else:
            yield [*head, (ev.quote, Kind.TEXT), (look.source(ev.source), Kind.TEXT), (ev.locator or "", Kind.TEXT)]


def has_attestations(look: Lookup) -> bool:
    """Whether any fact of the register is attested rather than quoted (the legend then explains it)."""
    return any(isinstance(ev, Attestation) for _where, ev in paths.evidence(look.register))


def evidence_sheet(look: Lookup) -> Sheet:
    """Each quote, the statement (by YAML path) it supports, and the source it comes from."""
    return table("xlsx.sheet.evidence", EVIDENCE_COLUMNS, _evidence_rows(look), look.w, freeze="B2")


def _about_rows(data: RenderInput, look: Lookup, gaps: Sequence[Gap], sheet_keys: Sequence[str]) -> Iterator[list[Cell]]:
    w, reg = look.w, data.register
    info = reg.info

    def row(key: str, value: str | Cell) -> list[Cell]:
        return [(w(key), Kind.TEXT), value if isinstance(value, tuple) else (value, Kind.TEXT)]

    controllers = sum(1 for a in reg.activities if a.role is Role.CONTROLLER)
    yield row("xlsx.about.title", title_of(data))
    yield row("word.organisation", reg.controller.name.value)
    yield row("xlsx.about.register-id", info.id)
    yield row("xlsx.about.register-date", info.date.isoformat())
    yield row("point.last-reviewed", look.day(info.last_reviewed))
    yield row("point.review-period", period_text(reg, w.t))
    yield row("point.review-status", status_text(reg, w.t, dt.date.isoformat))
    yield row("xlsx.about.source-file", data.source_path)
    yield row("xlsx.about.sha256", data.sha256)
    yield row("xlsx.about.tool", f"ropa {data.tool_version}")
    yield row("xlsx.about.labels-language", w.enum(data.language))
    yield row("xlsx.about.register-language", w.language_name(info.language))
    yield row("point.adequacy-table-date", adequacy_table().valid_as_of.isoformat())
    counts = f"{len(reg.activities)} ({w('enum.Role.controller')}: {controllers}, {w('enum.Role.processor')}: {len(reg.activities) - controllers})"
    yield row("xlsx.about.activities", counts)
    yield row("xlsx.about.gaps", str(len(gaps)))
    for source in reg.sources:  # one row each: a cell holds at most one page of text
        dated = f"{w('xlsx.word.date')}: {look.day(source.date)[0]}" + (f" ({source.date.note})" if source.date.note else "")
        yield row("xlsx.about.sources", lines([source.title, source.file, *([source.url] if source.url else []), dated]))
    for f in data.warnings:
        yield row("xlsx.about.warnings", f"{f.path}:{f.line}:{f.column}: {f.severity.value}[{f.code}] {f.message}")
    if not data.warnings:
        yield row("xlsx.about.warnings", w.none)
    yield [w.not_stated, (w("xlsx.about.legend-not-stated"), Kind.TEXT)]
    yield [w.none, (w("xlsx.about.legend-none"), Kind.TEXT)]
    yield [(w.not_applicable, Kind.MARKER), (w("xlsx.about.legend-not-applicable"), Kind.TEXT)]
    if has_attestations(look):
        yield [(w("evidence.attested-mark"), Kind.MARKER), (w("evidence.legend-attested"), Kind.TEXT)]
    for key in sheet_keys:
        yield [(w(key), Kind.TEXT), (w(key.replace("xlsx.sheet.", "xlsx.about.sheet.")), Kind.TEXT)]


def title_of(data: RenderInput) -> str:
    """The register's title, or 'Record of processing activities: <controller>'."""
    reg = data.register
    return reg.info.title or f"{Words(data.language.value)('xlsx.title')}: {reg.controller.name.value}"


def about_sheet(data: RenderInput, look: Lookup, gaps: Sequence[Gap], sheet_keys: Sequence[str]) -> Sheet:
    """What was rendered, from which file (and its SHA-256), on which date, by which version; and a legend."""
    return table("xlsx.sheet.about", ABOUT_COLUMNS, _about_rows(data, look, gaps, sheet_keys), look.w, freeze="A2")
