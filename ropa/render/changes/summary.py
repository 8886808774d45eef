"""The one-page summary that opens the Word redline: who, when, how many changes, which first.

Written as plain WordprocessingML paragraphs and a small table in the styles of the Word register
(``Title``, ``Heading2``, ``TableText``...; Word falls back to Normal for a style it lacks). Lists
are cut so the summary stays on one page; the tracked changes and the workbook hold everything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from lxml import etree

from ropa.diff.model import Action, Area, Change, Kind, Report, Risk
from ropa.diff.points import DEFAULTS_ID
from ropa.diff.text import side_line, summary_line
from ropa.reference.labels import label
from ropa.render.changes.revisions import Element, w

#: The bookmark on the page break that ends the summary: the register document starts after it.
END_BOOKMARK = "_RopaChangeSummaryEnd"
_MAX_LINE = 160
_MAX_HIGH = 4
_MAX_LINES = 10
_NAVY = "1F3864"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ILLEGAL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


def _p(text: str, *, size: int = 18, bold: bool = False, before: int = 0, after: int = 60, color: str = "") -> Element:
    """A paragraph formatted directly (size in half-points), so the page looks the same whatever
    the document's styles, and no summary line turns up in the table of contents."""
    p = etree.Element(w("p"))
    spacing = etree.SubElement(etree.SubElement(p, w("pPr")), w("spacing"))
    spacing.set(w("before"), str(before))
    spacing.set(w("after"), str(after))
    spacing.set(w("line"), "252")
    spacing.set(w("lineRule"), "auto")
    r = etree.SubElement(p, w("r"))
    rpr = etree.SubElement(r, w("rPr"))
    if bold:
        etree.SubElement(rpr, w("b"))
    if color:
        etree.SubElement(rpr, w("color")).set(w("val"), color)
    etree.SubElement(rpr, w("sz")).set(w("val"), str(size))
    etree.SubElement(rpr, w("szCs")).set(w("val"), str(size))
    t = etree.SubElement(r, w("t"))
    t.text = text.translate(_ILLEGAL)
    t.set(_XML_SPACE, "preserve")
    return p


def _heading(text: str) -> Element:
    return _p(text, size=22, bold=True, before=160, after=60, color=_NAVY)


def _cut(text: str) -> str:
    return text if len(text) <= _MAX_LINE else text[: _MAX_LINE - 1] + "…"


def _cell(tr: Element, width: int, text: str, *, header: bool) -> None:
    tc = etree.SubElement(tr, w("tc"))
    tcpr = etree.SubElement(tc, w("tcPr"))
    tcw = etree.SubElement(tcpr, w("tcW"))
    tcw.set(w("w"), str(width))
    tcw.set(w("type"), "dxa")
    if header:
        shade = etree.SubElement(tcpr, w("shd"))
        shade.set(w("val"), "clear")
        shade.set(w("color"), "auto")
        shade.set(w("fill"), _NAVY)
    tc.append(_p(text, size=16, bold=header, after=0, color="FFFFFF" if header else ""))


def _table(rows: list[list[str]]) -> Element:
    widths = (4800, 1500, 1500, 1500)
    tbl = etree.Element(w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    width = etree.SubElement(tblpr, w("tblW"))
    width.set(w("w"), str(sum(widths)))
    width.set(w("type"), "dxa")
    borders = etree.SubElement(tblpr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = etree.SubElement(borders, w(side))
        edge.set(w("val"), "single")
        edge.set(w("sz"), "4")
        edge.set(w("space"), "0")
        edge.set(w("color"), "BFBFBF")
    grid = etree.SubElement(tbl, w("tblGrid"))
    for wd in widths:
        etree.SubElement(grid, w("gridCol")).set(w("w"), str(wd))
    for n, row in enumerate(rows):
        tr = etree.SubElement(tbl, w("tr"))
        if n == 0:
            etree.SubElement(etree.SubElement(tr, w("trPr")), w("tblHeader"))
        for wd, text in zip(widths, row, strict=True):
            _cell(tr, wd, text, header=n == 0)
    return tbl


def _names(changes: list[Change], more: str, point: Callable[[str], str] | None = None) -> str:
    """The items' names (with the point changed, given ``point``), as many as fit in a line, then how many more there are."""
    seen: list[str] = []
    for c in changes:
        name = c.item.rstrip(".") + (f" — {point(c.point)}" if point and c.point else "")
        if name not in seen:
            seen.append(name)
    shown: list[str] = []
    for name in seen:
        if shown and len("; ".join([*shown, name])) > _MAX_LINE:
            break
        shown.append(name)
    rest = len(seen) - len(shown)
    return "; ".join(shown) + (f" {more.format(n=rest)}" if rest else "")


def summary(report: Report, section: Element | None = None, *, author: str = "ropa") -> list[Element]:
    """The summary page's blocks, ending with a bookmarked section break (``section``: the
    summary's section properties) or page break; ``author``: whom the tracked changes are by."""
    lang = report.lang

    def t(key: str, **values: object) -> str:
        text = label(key, lang, report.kind)
        return text.format(**values) if values else text

    out = [
        _p(t("diff.title"), size=40, after=120, color=_NAVY),
        _p(f"{t('diff.old')}{t('punct.colon')}{side_line(report.old, lang)}"),
        _p(f"{t('diff.new')}{t('punct.colon')}{side_line(report.new, lang)}"),
        _p(summary_line(report), bold=True, before=60),
        _p(t("diff.docx.how-to-read", date=report.new.date.isoformat(), author=author)),
    ]
    counts = Counter((c.area, c.kind) for c in report.changes)
    high = Counter(c.area for c in report.changes if c.risk is Risk.HIGH)
    rows = [[t("diff.col.area"), t("diff.kind.substantive"), t("diff.kind.evidence"), t("diff.docx.high-risk")]]
    for area in Area:
        sub, ev = counts[(area, Kind.SUBSTANTIVE)], counts[(area, Kind.EVIDENCE)]
        if sub or ev:
            rows.append([t(f"diff.area.{area.value}"), str(sub), str(ev), str(high[area])])
    if len(rows) > 1:
        out += [_heading(t("diff.docx.by-area")), _table(rows)]
    lines: list[str] = []
    risky = [c for c in report.changes if c.risk is Risk.HIGH]
    for c in risky[:_MAX_HIGH]:
        point = f" — {t(c.point)}" if c.point else ""
        lines.append(f"{t('diff.docx.high-risk')}{t('punct.colon')}{c.item}{point} ({t(f'diff.action.{c.action.value}')})")
    if len(risky) > _MAX_HIGH:
        lines.append(t("diff.docx.more", n=len(risky) - _MAX_HIGH))
    for area in (Area.TRANSFER, Area.ORGANISATION, Area.ACTIVITY, Area.RECIPIENT, Area.SECURITY):
        name = t(f"diff.area.{area.value}")
        substantive = [c for c in report.in_area(area) if c.kind is Kind.SUBSTANTIVE]
        if area is Area.ORGANISATION:  # of the organisation, the statements every activity inherits: by point
            substantive = [c for c in substantive if DEFAULTS_ID in (c.new_id, c.old_id)]
        for action, key in (
            (Action.ADDED, "diff.docx.items-added"),
            (Action.REMOVED, "diff.docx.items-removed"),
            (Action.CHANGED, "diff.docx.items-changed"),
        ):
            chosen = [c for c in substantive if c.action is action]
            if chosen:
                named = _names(chosen, t("diff.docx.and-more"), t if area is Area.ORGANISATION else None)
                lines.append(f"{t(key, area=name)}{t('punct.colon')}{named}")
    if lines:
        if len(lines) > _MAX_LINES:
            lines = [*lines[: _MAX_LINES - 1], t("diff.docx.more", n=len(lines) - _MAX_LINES + 1)]
        out.append(_heading(t("diff.docx.changes")))
        out += [_p(_cut(line)) for line in lines]
    out.append(_end(section))
    return out


def _end(section: Element | None) -> Element:
    """The summary's last paragraph: a section break (the summary is a section of its own, without
    the register's header and footer) or, without section properties, a page break."""
    end = etree.Element(w("p"))
    if section is not None:
        etree.SubElement(end, w("pPr")).append(section)
    start = etree.SubElement(end, w("bookmarkStart"))
    start.set(w("id"), "0")
    start.set(w("name"), END_BOOKMARK)
    if section is None:
        etree.SubElement(etree.SubElement(end, w("r")), w("br")).set(w("type"), "page")
    etree.SubElement(end, w("bookmarkEnd")).set(w("id"), "0")
    return end
