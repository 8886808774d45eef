"""Data subjects and data categories (Art. 30(1)(c)): in an activity's table, and described once in their annex.

In an activity each entry of the registries reads by name with its description beneath (who belongs
to a category of data subjects, what a data category contains) and a line pointing to the annex. The
annex lists every entry once: name, description, the flags the register states (Art. 9, Art. 10,
vulnerable people, highly personal data), the activities using it, and the quotes behind it in the
document's evidence style, so a category's quotes are not repeated on every activity's page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ropa.model.activity import Activity
from ropa.model.markers import Fact, NotStated
from ropa.model.registries import DataCategory
from ropa.render.context import registry_users
from ropa.render.word.evidence import Quotes, evidence_block
from ropa.render.word.ooxml import Body, Element, Inline, Run, TableSpec
from ropa.render.word.paragraphs import xml_para
from ropa.render.word.styles import HEADINGS, NOT_STATED, NOTE, REGISTER_TABLE, TABLE_TEXT, TEXT_WIDTH
from ropa.render.word.values import Context

_DASH = "–"
_USED_WIDTH = 2000


def _users(ctx: Context, point: Callable[[Activity], object]) -> dict[str, list[str]]:
    """Registry id -> the activities whose point names it, as this output shows them."""
    return {rid: [ctx.numbers[a.id] for a in acts] for rid, acts in registry_users(ctx.register, point).items()}


def _described(description: str | None) -> list[Element]:
    """A registry entry's description beneath its name, in the note style (who belongs to it, what it contains)."""
    return [xml_para([Run(description, NOTE)], TABLE_TEXT)] if description else []


def subjects_cell(ctx: Context, ids: list[str]) -> list[Element]:
    """Each data subject category by name, its description beneath."""
    out = []
    for sid in ids:
        out += _entry_paras(ctx, "subject", sid)
    return [*out, _annex_ref(ctx)]


def categories_cell(ctx: Context, ids: list[str]) -> list[Element]:
    """Each data category by name, flagged for Art. 9 or Art. 10, its description beneath."""
    out = []
    for cid in ids:
        out += _entry_paras(ctx, "category", cid)
    return [*out, _annex_ref(ctx)]


def _entry_paras(ctx: Context, kind: str, rid: str) -> list[Element]:
    """A registry entry's paragraphs in an activity's cell (made once per entry: every activity naming it shows the same)."""
    found = ctx.made_once.get((kind, rid))
    if found is not None:
        return found
    if kind == "subject":
        subject = ctx.subjects.get(rid)
        out = [xml_para(subject.name if subject else rid, TABLE_TEXT), *_described(subject.description if subject else None)]
    else:
        cat = ctx.categories.get(rid)
        out = [xml_para(_category_name(ctx, cat), TABLE_TEXT), *_described(cat.description)] if cat else [xml_para(rid, TABLE_TEXT)]
    if all(type(p) is str for p in out):  # a paragraph object is placed once: made anew each time
        ctx.made_once[kind, rid] = out
    return out


def _annex_ref(ctx: Context) -> Element:
    """'What the source says of each category: Annex H.' (made once)."""
    return ctx.made(
        "categories-ref", lambda: xml_para([Run(ctx.t("docx.categories-ref", letter=ctx.annex["categories"]), NOTE)], TABLE_TEXT)
    )


def _category_name(ctx: Context, cat: DataCategory) -> list[Inline]:
    """'Health data (special category: ...)': the name, flagged for Art. 9 or Art. 10."""
    runs: list[Inline] = [cat.name]
    if cat.special_category:
        runs.append(Run(" (" + ctx.t("docx.special-category", category=ctx.enum(cat.special_category)) + ")", NOTE))
    if cat.criminal_offence:
        runs.append(Run(" (" + ctx.t("docx.criminal-offence") + ")", NOTE))
    return runs


def _flag(ctx: Context, key: str, value: object, quotes: Quotes, name: str) -> list[Element]:
    """A WP248 flag the register sets ('Data concerning vulnerable data subjects: No', or not stated with the
    encoder's note), its quotes joining the entry's; nothing when the register leaves it out."""
    label = ctx.t(key)
    if isinstance(value, NotStated):
        return [
            xml_para([Run(label + ctx.t("punct.colon"), NOTE), Run(ctx.t("status.not-stated"), NOT_STATED)], TABLE_TEXT),
            *ctx.note(value.note),
        ]
    if not isinstance(value, Fact):
        return []
    quotes.add(f"{name} ({label})", value.evidence)
    shown = xml_para([Run(label + ctx.t("punct.colon"), NOTE), ctx.yes_no(bool(value.value))], TABLE_TEXT)
    return [shown, *ctx.note(value.note)]


def _part(ctx: Context, body: Body, key: str, rows: Sequence[tuple[list[Element], str]], quotes: Quotes) -> None:
    """One half of the annex: a heading, a table of entries and the activities using each, then the quotes."""
    body.heading(2, "", ctx.t(key), HEADINGS[2])
    if not rows:
        body.add(xml_para(ctx.t("docx.empty")))
        return
    spec = TableSpec((TEXT_WIDTH - _USED_WIDTH, _USED_WIDTH), style=REGISTER_TABLE)
    tbl = spec.new(body, [ctx.t(key), ctx.t("docx.col.activities")])
    for entry, used in rows:
        spec.row(tbl, (entry, ctx.text(used or _DASH)))
        body.checkpoint(tbl)
    evidence_block(ctx, body, quotes)


def write_annex(ctx: Context, body: Body) -> None:
    """The annex: every category of data subjects and of personal data, described once with its quotes."""
    body.heading(1, "", f"{ctx.t('docx.annex', letter=ctx.annex['categories'])} – {ctx.t('docx.annex.categories')}", HEADINGS[1])
    reg = ctx.register
    quotes = Quotes()
    users = {rid: [ctx.numbers[a.id] for a in acts] for rid, acts in registry_users(ctx.register, lambda act: act.data_subjects).items()}
    rows: list[tuple[list[Element], str]] = []
    for subject in reg.data_subject_categories:
        quotes.add(subject.name, subject.evidence)
        entry = [xml_para([Run(subject.name, "Strong")], TABLE_TEXT), *_described(subject.description)]
        entry += _flag(ctx, "dpia.criterion.vulnerable-subjects", subject.vulnerable, quotes, subject.name)
        rows.append((entry, ", ".join(users.get(subject.id, []))))
    _part(ctx, body, "point.data-subjects", rows, quotes)
    body.checkpoint()

    quotes = Quotes()
    users = {rid: [ctx.numbers[a.id] for a in acts] for rid, acts in registry_users(ctx.register, lambda act: act.data_categories).items()}
    rows = []
    for cat in reg.data_categories:
        quotes.add(cat.name, cat.evidence)
        entry = [xml_para([Run(cat.name, "Strong"), *_category_name(ctx, cat)[1:]], TABLE_TEXT), *_described(cat.description)]
        entry += _flag(ctx, "dpia.criterion.sensitive-data", cat.highly_personal, quotes, cat.name)
        rows.append((entry, ", ".join(users.get(cat.id, []))))
    _part(ctx, body, "point.data-categories", rows, quotes)
