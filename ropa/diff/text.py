"""``ropa diff`` for the terminal: a summary line, then high-risk changes, then each area, then
evidence-only changes. A list shows only the items that went (-) and came (+)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa.diff.model import Action, Area, Change, Kind, Report, Risk, Side
from ropa.reference.labels import counted, label

_WITH_IDS = frozenset({Area.ACTIVITY, Area.RECIPIENT, Area.SECURITY, Area.DATA_CATEGORY, Area.SUBJECT_CATEGORY, Area.GAP})
_SIGN = {Action.ADDED: "+", Action.REMOVED: "-", Action.CHANGED: "~", Action.OPENED: "!", Action.CLOSED: "✓"}


class _Words:
    def __init__(self, lang: str, kind: str = "policy") -> None:
        self.lang = lang
        self.kind = kind

    def __call__(self, key: str, **values: object) -> str:
        text = label(key, self.lang, self.kind)
        return text.format(**values) if values else text


def summary_line(report: Report) -> str:
    """'103 substantive changes (4 high risk), 42 evidence-only changes; gaps: 3 opened, 3 closed'."""
    t = _Words(report.lang, report.kind)
    if report.equal:
        return t("diff.no-changes")
    sub = report.of_kind(Kind.SUBSTANTIVE)
    return t(
        "diff.summary",
        substantive=len(sub),
        high=sum(c.risk is Risk.HIGH for c in sub),
        evidence=len(report.of_kind(Kind.EVIDENCE)),
        opened=sum(c.action is Action.OPENED for c in report.changes),
        closed=sum(c.action is Action.CLOSED for c in report.changes),
    )


def side_line(side: Side, lang: str) -> str:
    """'Acme AB, register acme of 2026-03-01 (1 open point)'."""
    text = counted(label("diff.side", lang), side.open_points)
    return text.format(controller=side.controller, id=side.id, date=side.date.isoformat(), open=side.open_points)


def article_text(article: str, lang: str) -> str:
    """A change's article as the reader's language writes it: 'Art. 30(1)(d)' as it is, 'template' translated."""
    return label("diff.article.template", lang) if article == "template" else article


def heading(change: Change, lang: str) -> str:
    """'~ Contact after a web form: Recipients (Art. 30(1)(d))': sign, item, point, article."""
    t = _Words(lang)
    ident = change.new_id or change.old_id
    item = f"{change.item} [{ident}]" if change.area in _WITH_IDS else change.item
    point = f": {t(change.point)}" if change.point else ""
    article = f" ({article_text(change.article, lang)})" if change.article and "Art." not in point else ""
    action = f"  ({t(f'diff.action.{change.action.value}')})" if change.action is not Action.CHANGED else ""
    return f"{_SIGN[change.action]} {item}{point}{article}{action}"


def detail(change: Change, lang: str) -> Iterator[str]:
    """The lines under a change: whole values for one-item values, else the items that went and came."""
    if change.action in (Action.ADDED, Action.REMOVED) or (len(change.old) <= 1 and len(change.new) <= 1):
        yield from (f"- {x}" for x in change.old)
        yield from (f"+ {x}" for x in change.new)
        return
    yield from (f"- {x}" for x in change.removed_items)
    yield from (f"+ {x}" for x in change.added_items)
    kept = len(change.new) - len(change.added_items)
    if kept:
        yield f"= {_Words(lang)('diff.unchanged-items', n=kept)}"


def _block(changes: Iterable[Change], lang: str) -> Iterator[str]:
    for c in changes:
        yield f"  {heading(c, lang)}"
        yield from (f"      {line}" for line in detail(c, lang))


def render_text(report: Report) -> str:
    """The whole report as text."""
    t = _Words(report.lang, report.kind)
    old, new = report.old, report.new
    out = [
        f"{t('diff.title')}: {old.path or old.id} -> {new.path or new.id}",
        f"  {t('diff.old')}: {side_line(old, report.lang)}",
        f"  {t('diff.new')}: {side_line(new, report.lang)}",
        f"  {summary_line(report)}",
    ]
    if report.equal:
        return "\n".join(out)
    high = [c for c in report.changes if c.risk is Risk.HIGH]
    if high:
        out += ["", t("diff.highest-risk"), *_block(high, report.lang)]
    rest = [c for c in report.changes if c.risk is not Risk.HIGH and c.kind is Kind.SUBSTANTIVE]
    for area in Area:
        in_area = [c for c in rest if c.area is area]
        pairs = [p for p in report.pairings if p.area is area and p.by == "name"]
        if not in_area and not pairs:
            continue
        out += ["", t(f"diff.area.{area.value}")]
        out += [f"  = {t('diff.paired-by-name')}: {p.old_id} -> {p.new_id} ({p.name})" for p in pairs]
        out += list(_block(in_area, report.lang))
    evidence = report.of_kind(Kind.EVIDENCE)
    if evidence:
        out += ["", t("diff.evidence-changes"), *_block(evidence, report.lang)]
    return "\n".join(out)
