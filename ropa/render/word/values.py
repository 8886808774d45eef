"""Register values as the Word register shows them: labels, dates, markers and cell content.

Every point that may be left open goes through :meth:`Context.point`, so "not stated in source"
looks the same in every table: the ``status.not-stated`` label in the ``NotStated`` character
style, followed by the encoder's note when there is one.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ropa.model import Register
from ropa.model.markers import Fact, NoneStated, NotApplicable, NotStated
from ropa.model.organisation import Contact, Party
from ropa.reference.countries import country_name
from ropa.reference.labels import InLanguage
from ropa.render.context import RenderInput
from ropa.render.word.ooxml import Element, Inline, Run
from ropa.render.word.paragraphs import text_paras, xml_para
from ropa.render.word.styles import ARTICLE, MARKER, NOT_STATED, NOTE, TABLE_LABEL, TABLE_TEXT
from ropa.reporting import gaps

_DURATION = re.compile(r"(\d+)([YMWD])|T|(\d+)([HMS])")

#: Annex letters, in the order the annexes appear.
#: The data subjects and data categories come last, so the letters of the earlier annexes stay as they were.
ANNEXES = ("recipients", "transfers", "retention", "security", "gaps", "sources", "warnings", "dpia", "categories", "cookies")


@dataclass
class Context(InLanguage):
    """What every part of the document needs: the input, the language and lookups by id."""

    data: RenderInput
    numbers: dict[str, str] = field(default_factory=dict)
    _label_cells: dict[tuple[str, str | None], Element] = field(default_factory=dict)
    #: Texts every activity's table repeats, made once for the document: keyed by a name and a registry id, never free text.
    memo: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Paragraphs (as bytes) or lines made once for the document, keyed by a name and a registry id: an entry's paragraphs
    #: in activities' cells, an activity's DPIA verdict (shown under the activity and in the annex).
    made_once: dict[tuple[str, str], list[Element]] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """The label ``key``, with ``{placeholders}`` filled in from ``values`` (one dictionary lookup once seen)."""
        text = self._labels.get(key)
        if text is None:
            text = self._labels[key] = super().t(key)
        return text.format(**values) if values else text

    def __post_init__(self) -> None:
        self._labels: dict[str, str] = {}
        self._marks: dict[tuple[str, str, str], Element] = {}
        self._made: dict[str, Element] = {}
        self._enums: dict[int, str] = {}
        self._table_text = text_paras(TABLE_TEXT)
        reg = self.register
        self.lang = self.data.language.value
        self.kind = reg.info.kind.value
        self.subjects = {s.id: s for s in reg.data_subject_categories}
        self.categories = {c.id: c for c in reg.data_categories}
        self.recipients = {r.id: r for r in reg.recipients}
        self.measures = {m.id: m for m in reg.security_measures}
        self.sources = {s.id: s for s in reg.sources}
        self.numbers = {a.id: f"3.{i}" for i, a in enumerate(reg.activities, start=1)}
        self.refs = {a.id: f"{self.numbers[a.id]} {a.name}" for a in reg.activities}
        letters = "ABCDEFGHIJ"
        shown = [a for a in ANNEXES if (a != "warnings" or self.data.warnings) and (a != "cookies" or reg.cookies)]
        self.annex = {name: letters[i] for i, name in enumerate(shown)}

    @property
    def register(self) -> Register:
        return self.data.register

    @cached_property
    def org_wide_security(self) -> bool:
        """Whether the register states organisation-wide security measures (every activity's table refers to them)."""
        return any(m.organisation_wide for m in self.register.security_measures)

    @cached_property
    def missing(self) -> list[gaps.Gap]:
        """The points the source does not state (``ropa.reporting.gaps``), computed once for the document."""
        return gaps.missing(self.register)

    def country(self, code: str) -> str:
        return country_name(code, self.lang)

    def date(self, day: dt.date) -> str:
        """A date written out: 1 June 2025, 1 juni 2025, 1. Juni 2025, 1er juin 2025."""
        month = self.t("docx.months").split("|")[day.month - 1]
        if self.lang == "de":
            return f"{day.day}. {month} {day.year}"
        if self.lang == "fr" and day.day == 1:
            return f"1er {month} {day.year}"
        return f"{day.day} {month} {day.year}"

    def duration(self, iso: str) -> str:
        """An ISO 8601 duration in words, with the code kept: '7 years (P7Y)' (worked out once per code)."""
        words = self.memo.get(("duration", iso))
        if words is None:
            words = self.memo["duration", iso] = self._duration(iso)
        return words

    def _duration(self, iso: str) -> str:
        parts, in_time = [], False
        for m in _DURATION.finditer(iso[1:]):
            if m.group(0) == "T":
                in_time = True
                continue
            n, unit = (int(m.group(3)), m.group(4)) if in_time else (int(m.group(1)), m.group(2))
            key = "TM" if in_time and unit == "M" else unit
            one, many = self.t(f"docx.unit.{key}").split("|")
            parts.append((one if n == 1 else many).format(n=n))
        return f"{', '.join(parts)} ({iso})" if parts else iso

    def enum(self, member: enum.Enum) -> str:
        """The label of an enum member (looked up once: by identity, as members of two StrEnums may be equal)."""
        found = self._enums.get(id(member))
        if found is None:
            found = self._enums[id(member)] = super().enum(member)
        return found

    def activity_ref(self, activity_id: str) -> str:
        """'3.2 Newsletter': the number and name of an activity."""
        return self.refs.get(activity_id, activity_id)

    # --- cell content -------------------------------------------------------------------

    def label_cell(self, key: str, article: str | None = None) -> list[Element]:
        """The left cell of a label/value row: the label and the article it records (serialised once)."""
        tmpl = self._label_cells.get((key, article))
        if tmpl is None:
            runs: list[Inline] = [Run(self.t(key))]
            if article:
                runs.append(Run("\n" + article, ARTICLE))
            tmpl = self._label_cells[(key, article)] = xml_para(runs, TABLE_LABEL)
        return [tmpl]

    def marker(self, value: object) -> list[Element] | None:
        """The paragraphs for a marker (not stated, none, not applicable); None for a stated value."""
        if isinstance(value, NotStated):
            return self.not_stated(value.note)
        if isinstance(value, NoneStated):
            return [self.mark("status.none", MARKER), *self.note(value.note)]
        if isinstance(value, NotApplicable):
            return [xml_para([Run(self.t("status.not-applicable"), MARKER), self.t("punct.colon") + value.reason], TABLE_TEXT)]
        return None

    def not_stated(self, note: str | None = None, *, style: str = TABLE_TEXT) -> list[Element]:
        """The one way a gap is shown: the label in the ``NotStated`` style, then the note."""
        return [self.mark("status.not-stated", NOT_STATED, style), *self.note(note)]

    def made(self, name: str, make: Callable[[], Element]) -> Element:
        """The paragraph ``make()`` gives, made once for the document under ``name`` (a fixed text: a label, a reference)."""
        found = self._made.get(name)
        if found is None:
            found = make()
            if type(found) is str:  # a paragraph object is placed once: made anew each time
                self._made[name] = found
        return found

    def mark(self, key: str, run_style: str, style: str = TABLE_TEXT) -> Element:
        """A paragraph in ``style`` of the label ``key`` alone, in character style ``run_style`` (serialised once)."""
        found = self._marks.get((key, run_style, style))
        if found is None:
            found = xml_para([Run(self.t(key), run_style)], style)
            if type(found) is str:  # a Para is placed once: made anew each time
                self._marks[key, run_style, style] = found
        return found

    def note(self, note: str | None) -> list[Element]:
        if not note:
            return []
        return [xml_para([Run(self.t("point.note") + self.t("punct.colon"), NOTE), Run(note, NOTE)], TABLE_TEXT)]

    def point(self, value: Any, show: Callable[[Any], list[Element]]) -> list[Element]:
        """A point's cell: its marker, or ``show(value)`` for a stated value (a Fact shows its note)."""
        marked = self.marker(value)
        if marked is not None:
            return marked
        if isinstance(value, Fact):
            return show(value.value) + self.note(value.note)
        return show(value)

    def lines(self, texts: Iterable[str]) -> list[Element]:
        """One table paragraph per text."""
        text_para = self._table_text
        return [text_para(t) for t in texts]

    def text(self, value: Any) -> list[Element]:
        return [self._table_text(value if type(value) is str else str(value))]

    def yes_no(self, flag: bool) -> str:
        return self.t("word.yes" if flag else "word.no")

    def contacts(self, contacts: Sequence[Contact]) -> list[Element]:
        out = []
        for c in contacts:
            runs: list[Inline] = [Run(self.enum(c.kind) + self.t("punct.colon"), NOTE), c.value]
            if c.purpose:
                runs.append(f" ({c.purpose})")
            out.append(xml_para(runs, TABLE_TEXT))
        return out

    def party(self, party: Party) -> list[Element]:
        """A named person or organisation: name, address, country, contacts, note."""
        out = []
        if party.name:
            out.append(xml_para([Run(party.name, "Strong")], TABLE_TEXT))
        if party.address:
            out.append(xml_para(party.address, TABLE_TEXT))
        if party.country:
            out.append(xml_para(self.country(party.country), TABLE_TEXT))
        return out + self.contacts(party.contacts) + self.note(party.note)

    def names(self, ids: Iterable[str], table: dict[str, Any]) -> list[str]:
        return [table[i].name if i in table else i for i in ids]
