"""``ropa diff --xlsx``: a workbook with one row per change, to filter, sort and annotate.

Sheet 1 lists the changes (area, item, Art. 30 point, article, what happened, old and new value,
substantive or evidence, risk); sheet 2 names the two registers; sheet 3 shows how items were
paired. The sheets are written by the register workbook's writer (:mod:`ropa.render.excel`), so
they share its look and behaviour: styled frozen header and autofilter, row heights that show
every line of a wrapped cell (LibreOffice does not grow rows by itself), landscape pages fitted
to the width with the header row repeated, the same footer, and the same bytes on every rebuild.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa import __version__
from ropa.diff.model import Change, Report, Risk, Side
from ropa.diff.text import article_text
from ropa.render.excel import footer_text
from ropa.render.excel.layout import Column, Sheet, sheet_names, table
from ropa.render.excel.package import Properties, write_workbook
from ropa.render.excel.words import Cell, Kind, Words

#: The columns of the Changes sheet, with the width bounds (characters) the writer fits them into.
CHANGE_COLUMNS = (
    Column("diff.col.area", min_width=12, max_width=20),
    Column("diff.col.item", min_width=14, max_width=30),
    Column("diff.col.id", min_width=10, max_width=24),
    Column("diff.col.point", min_width=14, max_width=26),
    Column("diff.col.article", min_width=10, max_width=18),
    Column("diff.col.change", min_width=10, max_width=14),
    Column("diff.col.old", min_width=20, max_width=50),
    Column("diff.col.new", min_width=20, max_width=50),
    Column("diff.col.kind", min_width=12, max_width=14),
    Column("diff.col.risk", min_width=8, max_width=10),
)
SIDE_COLUMNS = (
    Column("diff.col.side", min_width=8, max_width=10),
    Column("diff.col.register", min_width=16, max_width=24),
    Column("diff.col.date", min_width=12, max_width=12),
    Column("diff.col.controller", min_width=16, max_width=30),
    Column("diff.point.title", min_width=20, max_width=50),
    Column("diff.col.file", min_width=20, max_width=40),
    Column("diff.col.open-points", min_width=10, max_width=12),
)
PAIRING_COLUMNS = (
    Column("diff.col.area", min_width=14, max_width=26),
    Column("diff.col.old-id", min_width=14, max_width=28),
    Column("diff.col.new-id", min_width=14, max_width=28),
    Column("diff.col.name", min_width=20, max_width=50),
    Column("diff.col.matched-by", min_width=12, max_width=24),
)


def _value(lines: tuple[str, ...], w: Words) -> Cell:
    """An old or new value, one item per line; a point the source does not state looks like a gap in the register."""
    text = "\n".join(lines)
    return (text, Kind.NOT_STATED if text == w.not_stated[0] else Kind.TEXT)


def _change_row(c: Change, w: Words) -> list[Cell]:
    ident = c.new_id if c.new_id == c.old_id or not c.old_id else (f"{c.old_id} → {c.new_id}" if c.new_id else c.old_id)
    plain = Kind.ALERT if c.risk is Risk.HIGH else Kind.TEXT
    old, new = _value(c.old, w), _value(c.new, w)
    return [
        (w(f"diff.area.{c.area.value}"), plain),
        (c.item, plain),
        (ident, plain),
        (w(c.point) if c.point else "", plain),
        (article_text(c.article, w.lang), plain),
        (w(f"diff.action.{c.action.value}"), plain),
        old if old[1] is Kind.NOT_STATED else (old[0], plain),
        new if new[1] is Kind.NOT_STATED else (new[0], plain),
        (w(f"diff.kind.{c.kind.value}"), plain),
        (w(f"diff.risk.{c.risk.value}"), plain),
    ]


def _side_row(name: str, side: Side) -> list[Cell]:
    texts = (name, side.id, side.date.isoformat(), side.controller, side.title, side.path)
    return [*((t, Kind.TEXT) for t in texts), (str(side.open_points), Kind.NUMBER)]


def _pairing_rows(report: Report, w: Words) -> Iterator[list[Cell]]:
    for p in report.pairings:
        yield [
            (w(f"diff.area.{p.area.value}"), Kind.TEXT),
            (p.old_id, Kind.TEXT),
            (p.new_id, Kind.TEXT),
            (p.name, Kind.TEXT),
            (w(f"diff.by.{p.by}"), Kind.TEXT),
        ]


def workbook_plan(report: Report) -> tuple[list[Sheet], list[str], Properties]:
    """The three sheets, their names and the document properties, dated the NEW register's date."""
    w = Words(report.lang, report.kind)
    sheets = [
        table("diff.sheet.changes", CHANGE_COLUMNS, [_change_row(c, w) for c in report.changes], w, freeze="A2", wide=True),
        table(
            "diff.sheet.registers",
            SIDE_COLUMNS,
            [_side_row(w("diff.old"), report.old), _side_row(w("diff.new"), report.new)],
            w,
            freeze="A2",
        ),
        table("diff.sheet.pairings", PAIRING_COLUMNS, _pairing_rows(report, w), w, freeze="A2"),
    ]
    names = sheet_names([w(s.key) for s in sheets])
    title = w.colon(w("diff.title"), f"{report.old.id} → {report.new.id}")
    props = Properties(
        title=title,
        subject=w("xlsx.subject"),
        company=report.new.controller,
        creator=f"ropa {__version__}",
        keywords="GDPR; Art. 30; ROPA; change report",
        description=f"{report.old.path or report.old.id} → {report.new.path or report.new.id}",
        language=report.lang,
        identifier=f"{report.old.id}_to_{report.new.id}",
        day=report.new.date,
        footer_left=footer_text(f"{report.new.controller} \N{EM DASH} {title}"),
        footer_right=w("xlsx.footer.page"),
        cut_label=w("xlsx.cut"),
    )
    return sheets, names, props


def render_xlsx(report: Report) -> bytes:
    """The change workbook as .xlsx bytes, dated the NEW register's date; identical for identical input."""
    return write_workbook(*workbook_plan(report))
