"""The DPIA screening (Art. 35, WP248 rev.01) in the Word register: a block per activity and an annex.

The annex heading is written here, not through ``annexes``, which imports ``activities``, which imports this module."""

from __future__ import annotations

from ropa.render.word.ooxml import Body, Inline, Run, TableSpec
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import HEADINGS, NOT_STATED, NOTE, REGISTER_TABLE
from ropa.render.word.values import Context
from ropa.reporting.dpia import Criterion, Judgement, Result, Screening


def _criterion(ctx: Context, criterion: Criterion) -> str:
    """A criterion's name (looked up once for the document)."""
    name = ctx.memo.get(("dpia.criterion", criterion))
    if name is None:
        name = ctx.memo["dpia.criterion", criterion] = ctx.t(f"dpia.criterion.{criterion.value}")
    return name


def _verdict(ctx: Context, s: Screening) -> list[str]:
    """The screening's conclusions (worked out once: shown under the activity and in the annex)."""
    found = ctx.made_once.get(("dpia-verdict", s.activity))
    if found is None:
        found = ctx.made_once["dpia-verdict", s.activity] = _conclusions(ctx, s)
    return found


def _conclusions(ctx: Context, s: Screening) -> list[str]:
    out = []
    if s.list_required and s.national_list is not None:
        # every activity screened against the same list (its country's): the sentence is made once
        key = ("dpia.list-required", f"{s.national_list.country} {s.national_list.reference}")
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.t("dpia.list-required", authority=s.national_list.authority, date=ctx.date(s.national_list.date))
            ctx.memo[key] = found
        out.append(found)
    if s.likely_required:
        out.append(ctx.t("dpia.likely-required"))
    if s.inconclusive:
        out.append(ctx.t("dpia.open"))
    return out


def _entries(ctx: Context, s: Screening) -> list[str]:
    return [f"{m.entry} {m.name or '?'}" + ("" if m.verified else f" ({ctx.t('dpia.unverified')})") for m in s.list_matches]


def _met(ctx: Context, met: list[Judgement]) -> list[list[Inline]]:
    """One paragraph per criterion met: the criterion and the register's words for it."""
    out = []
    for j in met:
        runs: list[Inline] = [Run(ctx.t("dpia.result.met") + ctx.t("punct.colon"), "Strong"), _criterion(ctx, j.criterion)]
        if j.shown:
            runs.append(" — " + j.shown)
        out.append(runs)
    return out


def _listed(ctx: Context, judgements: list[Judgement], result: Result) -> list[list[Inline]]:
    """The criteria with ``result`` (``judgements``) in one paragraph; a not-stated one is marked as every gap is, with its note."""
    items = [_criterion(ctx, j.criterion) + (f" ({j.shown})" if j.shown and result is Result.NOT_STATED else "") for j in judgements]
    if not items:
        return []
    head = Run(ctx.t("status.not-stated"), NOT_STATED) if result is Result.NOT_STATED else Run(ctx.t("dpia.result.not-met"), NOTE)
    return [[head, ctx.t("punct.colon") + ctx.t("punct.semicolon").join(items)]]


def write_screening(ctx: Context, body: Body, s: Screening) -> None:
    """Under the activity: a 'DPIA screening' heading and the screening's paragraphs, kept together on one page."""
    heading = xml_para(ctx.t("dpia.heading"), HEADINGS[3], keep_next=True)
    met, unknown = s.met, s.not_stated
    block: list[list[Inline]] = [[ctx.t("dpia.summary", met=len(met), unknown=len(unknown))]]
    block += _met(ctx, met) + _listed(ctx, unknown, Result.NOT_STATED) + _listed(ctx, s.with_result(Result.NOT_MET), Result.NOT_MET)
    block += [[Run(ctx.t("dpia.national-list") + ctx.t("punct.colon"), "Strong"), entry] for entry in _entries(ctx, s)]
    block += [[Run(line, "Strong")] for line in _verdict(ctx, s)]
    # a summary at a page's foot with its criteria overleaf reads as the whole
    last = len(block) - 1
    body.add(heading, *[xml_para(content, keep_next=n < last) for n, content in enumerate(block)])


def write_annex(ctx: Context, body: Body, screenings: list[Screening]) -> None:
    """The annex: the method, the national list used, and one row per activity."""
    body.heading(1, "", f"{ctx.t('docx.annex', letter=ctx.annex['dpia'])} – {ctx.t('docx.annex.dpia')}", HEADINGS[1])
    body.add(xml_para(ctx.t("dpia.annex-intro")))
    national = next((s.national_list for s in screenings if s.national_list is not None), None)
    if national is not None:
        body.add(
            xml_para(
                [
                    Run(ctx.t("dpia.national-list") + ctx.t("punct.colon"), "Strong"),
                    f"{national.authority}, {national.title} ({ctx.date(national.date)}; {national.reference}; {national.url}). {national.note}",
                ]
            )
        )
    spec = TableSpec((2400, 2300, 2300, 2412), style=REGISTER_TABLE)
    keys = ["point.activity", "dpia.result.met", "dpia.result.not-stated", "dpia.result"]
    tbl = spec.new(body, [ctx.t(k) for k in keys])
    for s in screenings:
        met = [_criterion(ctx, j.criterion) for j in s.met]
        unknown = [_criterion(ctx, j.criterion) for j in s.not_stated]
        outcome = _verdict(ctx, s) + [ctx.t("dpia.national-list") + ctx.t("punct.colon") + e for e in _entries(ctx, s)]
        outcome = outcome or [ctx.t("dpia.summary", met=len(met), unknown=len(unknown))]
        spec.row(
            tbl,
            (ctx.text(ctx.activity_ref(s.activity)), ctx.lines(met or ["–"]), ctx.lines(unknown or ["–"]), ctx.lines(outcome)),
        )
        body.checkpoint(tbl)
