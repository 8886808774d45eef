"""``ropa diff --format json``: the report for tools, every change with its old and new items."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ropa.diff.model import Action, Change, Kind, Report, Risk, Side
from ropa.reference.labels import label


def _side(side: Side) -> dict[str, Any]:
    return {
        "id": side.id,
        "date": side.date.isoformat(),
        "controller": side.controller,
        "title": side.title,
        "path": side.path,
        "open_points": side.open_points,
    }


def _change(c: Change, lang: str) -> dict[str, Any]:
    return {
        "area": c.area.value,
        "item": c.item,
        "old_id": c.old_id,
        "new_id": c.new_id,
        "action": c.action.value,
        "kind": c.kind.value,
        "risk": c.risk.value,
        "point": c.point,
        "point_label": label(c.point, lang) if c.point else "",
        "article": c.article,
        "old": list(c.old),
        "new": list(c.new),
        "removed": list(c.removed_items),
        "added": list(c.added_items),
    }


def render_json(report: Report) -> str:
    """The report as a JSON document (UTF-8, indented, keys in a fixed order)."""
    sub = report.of_kind(Kind.SUBSTANTIVE)
    doc = {
        "equal": report.equal,
        "language": report.lang,
        "old": _side(report.old),
        "new": _side(report.new),
        "summary": {
            "substantive": len(sub),
            "evidence": len(report.of_kind(Kind.EVIDENCE)),
            "high_risk": sum(c.risk is Risk.HIGH for c in report.changes),
            "gaps_opened": sum(c.action is Action.OPENED for c in report.changes),
            "gaps_closed": sum(c.action is Action.CLOSED for c in report.changes),
            "by_area": dict(Counter(c.area.value for c in report.changes)),
        },
        "pairings": [{"area": p.area.value, "old_id": p.old_id, "new_id": p.new_id, "name": p.name, "by": p.by} for p in report.pairings],
        "changes": [_change(c, report.lang) for c in report.changes],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
