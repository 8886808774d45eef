"""The one way a register value becomes display text, shared by every output of ``ropa diff``.

Values are compared after this rendering, never as YAML: ``{not_stated: true}`` reads "Not stated
in source" wherever it appears, an id reads as the name it stands for, a country as its name and
code, a duration in words with its ISO code. A value becomes a tuple of items (one per list
entry); evidence quotes and the encoder's notes are kept apart (:meth:`Display.evidence`), so a
change of wording in a quote is never mistaken for a change of what the register records.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from ropa.diff.display_org import arrangement, contact_point, provision, responsibility
from ropa.diff.model import Shown
from ropa.model import Register
from ropa.model.activity import (
    Art9Statement,
    Art10Statement,
    AutomatedDecisions,
    Dpia,
    LawfulBasisStatement,
    Location,
    MechanismStatement,
    Purpose,
    RetentionRule,
    Transfer,
)
from ropa.model.joint import Arrangement, ContactPoint, JointController, Responsibility
from ropa.model.markers import Attestation, Evidence, Fact, NoneStated, NotApplicable, NotStated, Quote
from ropa.model.organisation import Authority, Contact, Party, PolicyClaim, RightStatement
from ropa.model.provision import ProvisionStatement
from ropa.model.relations import RecipientLink
from ropa.reference.attestation import attested
from ropa.reference.claim_words import claim_text
from ropa.reference.countries import country_name
from ropa.reference.labels import InLanguage

_DURATION = re.compile(r"(\d+)([YMWD])|T|(\d+)([HMS])")

#: What a bare string or list of strings stands for, when it is not free text.
Ref = str  # "recipient", "category", "subject", "measure", "cookie", "country" or "" for free text


class Display(InLanguage):
    """Display text of one register's values, in one language (``en``, ``sv``, ``nl``, ``de`` or ``fr``)."""

    def __init__(self, register: Register, lang: str, kind: str | None = None) -> None:
        self.register = register
        self.lang = lang
        self.kind = kind or register.info.kind.value
        #: what joins a label to its text, and two parts of one value (French: a no-break space before them)
        self.colon, self.semicolon = self.t("punct.colon"), self.t("punct.semicolon")
        self._names: dict[str, dict[str, str]] = {
            "recipient": {r.id: r.name for r in register.recipients},
            "category": {c.id: c.name for c in register.data_categories},
            "subject": {s.id: s.name for s in register.data_subject_categories},
            "measure": {m.id: m.description for m in register.security_measures},
            "cookie": {c.id: c.name for c in register.cookies},
        }
        self._formats: dict[type, Callable[[Any], str]] = {
            Contact: self.contact,
            Party: self._party,
            JointController: self._party,
            Arrangement: lambda a: arrangement(self, a),
            ContactPoint: lambda c: contact_point(self, c),
            Responsibility: lambda r: responsibility(self, r),
            ProvisionStatement: lambda p: provision(self, p),
            Authority: self._authority,
            LawfulBasisStatement: self._lawful_basis,
            Purpose: lambda p: p.description,
            Art9Statement: self._art9,
            Art10Statement: self._art10,
            MechanismStatement: self._mechanism,
            Transfer: self.transfer,
            RetentionRule: self._retention,
            AutomatedDecisions: self._automated,
            Dpia: self._dpia,
            Location: self._location,
            RightStatement: self._rights,
            PolicyClaim: lambda c: claim_text(self, c, "diff", {a.id: a.name for a in register.activities}),
            RecipientLink: lambda x: f"{self.enum(x.relation)} {self.name('recipient', x.recipient)}",
        }

    # --- words ------------------------------------------------------------------------------

    def country(self, code: str) -> str:
        """'United States (US)': the name in this language with the code."""
        return f"{country_name(code, self.lang)} ({code})"

    def name(self, ref: Ref, ident: str) -> str:
        """The name an id stands for in this register (the id itself when it is unknown)."""
        return self._names.get(ref, {}).get(ident, ident)

    def duration(self, iso: str) -> str:
        """'7 years (P7Y)': an ISO 8601 duration in words, with the code kept."""
        parts, in_time = [], False
        for m in _DURATION.finditer(iso[1:]):
            if m.group(0) == "T":
                in_time = True
                continue
            n, unit = (int(m.group(3)), m.group(4)) if in_time else (int(m.group(1)), m.group(2))
            one, many = self.t(f"diff.unit.{'TM' if in_time and unit == 'M' else unit}").split("|")
            parts.append((one if n == 1 else many).format(n=n))
        return f"{', '.join(parts)} ({iso})" if parts else iso

    # --- values -----------------------------------------------------------------------------

    def show(self, value: Any, ref: Ref = "", *, absent: str = "") -> Shown:
        """``value`` as display items. ``ref`` says what bare strings are ids of; ``absent`` is the
        label key shown for a missing optional value (nothing is shown when it is empty)."""
        if value is None:
            return (self.t(absent),) if absent else ()
        marked = self.marker(value)
        if marked is not None:
            return (marked,)
        if isinstance(value, Fact):
            return self.show(value.value, ref)
        if isinstance(value, list | tuple):
            items = [item for v in value for item in self.show(v, ref)]
            return tuple(sorted(items, key=str.casefold)) if ref else tuple(items)
        return (self.item(value, ref),)

    def marker(self, value: object) -> str | None:
        """The text of a marker (not stated, none, not applicable with its reason); None otherwise."""
        if isinstance(value, NotStated):
            return self.t("status.not-stated")
        if isinstance(value, NoneStated):
            return self.t("status.none")
        if isinstance(value, NotApplicable):
            return f"{self.t('status.not-applicable')}{self.colon}{value.reason}"
        return None

    def item(self, value: Any, ref: Ref = "") -> str:
        """One value as one line of text."""
        marked = self.marker(value)
        if marked is not None:
            return marked
        if isinstance(value, Fact):
            return self.semicolon.join(self.show(value.value, ref))
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            if ref == "country":
                return self.country(value)
            return self.name(ref, value) if ref else value
        return self._scalar(value)

    def _scalar(self, value: Any) -> str:
        if isinstance(value, bool):
            text = self.t("word.yes" if value else "word.no")
        elif isinstance(value, enum.Enum):
            text = self.enum(value)
        elif isinstance(value, dt.date):
            text = value.isoformat()
        elif type(value) in self._formats:
            text = self._formats[type(value)](value)
        elif isinstance(value, BaseModel):
            text = self._generic(value)
        else:
            text = str(value)
        return text

    def _generic(self, model: BaseModel) -> str:
        parts = []
        for name in type(model).model_fields:
            if name in ("evidence", "note"):
                continue
            shown = self.show(getattr(model, name))
            if shown:
                parts.append(f"{name.replace('_', ' ')}{self.colon}{', '.join(shown)}")
        return self.semicolon.join(parts)

    def joined(self, parts: Iterable[str | None]) -> str:
        return self.semicolon.join(p for p in parts if p)

    def contact(self, c: Contact) -> str:
        return f"{self.enum(c.kind)}{self.colon}{c.value}" + (f" ({c.purpose})" if c.purpose else "")

    def _party(self, p: Party) -> str:
        contacts = [self.contact(c) for c in p.contacts]
        return self.joined([p.name, p.address, self.country(p.country) if p.country else None, *contacts])

    def _authority(self, a: Authority) -> str:
        return self.joined([a.name, self.country(a.country), a.address, a.website, *(self.contact(c) for c in a.contacts)])

    def _lawful_basis(self, s: LawfulBasisStatement) -> str:
        extra = [
            f"{self.t('point.legitimate-interest')}{self.colon}{s.legitimate_interest}" if s.legitimate_interest else None,
            f"{self.t('diff.consent-withdrawal')}{self.colon}{s.consent_withdrawal}" if s.consent_withdrawal else None,
        ]
        return self.joined([self.enum(s.basis), *extra])

    def _art9(self, s: Art9Statement) -> str:
        cats = [self.name("category", c) for c in s.data_categories] or [self.t("word.all-categories")]
        return f"{self.enum(s.condition)}{self.colon}{', '.join(cats)}"

    def _art10(self, s: Art10Statement) -> str:
        return self.joined([self.enum(s.basis), s.legal_reference])

    def _mechanism(self, m: MechanismStatement) -> str:
        return self.joined([self.enum(m.mechanism), m.documentation])

    def destination(self, t: Transfer) -> str:
        """Where a transfer goes: a country, an international organisation, or the source's words."""
        if t.country:
            return self.country(t.country)
        if t.organisation:
            return t.organisation
        return f"{self.t('diff.unnamed-destination')}{self.colon}{t.unnamed_destination}"

    def transfer(self, t: Transfer) -> str:
        recipient = f"{self.t('diff.recipient')}{self.colon}{self.name('recipient', t.recipient)}" if t.recipient else None
        mechanism = f"{self.t('point.transfer-mechanism')}{self.colon}{self.item(t.mechanism)}"
        return self.joined([self.destination(t), recipient, mechanism])

    def _retention(self, r: RetentionRule) -> str:
        cats = [self.name("category", c) for c in r.data_categories]
        return self.joined(
            [
                f"{self.t('word.period')}{self.colon}{self.duration(r.period)}" if r.period else None,
                f"{self.t('word.rule')}{self.colon}{r.rule}" if r.rule else None,
                f"{self.t('word.trigger')}{self.colon}{r.trigger}" if r.trigger else None,
                f"{self.t('word.legal-reference')}{self.colon}{r.legal_reference}" if r.legal_reference else None,
                f"{self.t('point.data-categories')}{self.colon}{', '.join(cats)}" if cats else None,
                f"{self.t('point.held-by')}{self.colon}{', '.join(self.name('recipient', h) for h in r.held_by)}" if r.held_by else None,
            ]
        )

    def _automated(self, a: AutomatedDecisions) -> str:
        flags = f"{self.t('word.profiling')}{self.colon}{self.item(a.profiling)}{self.semicolon}{self.t('word.automated-decision')}{self.colon}{self.item(a.automated_decision)}"
        return f"{flags}; {a.description}"

    def _dpia(self, d: Dpia) -> str:
        return self.joined([self.enum(d.status), d.reference])

    def _location(self, loc: Location) -> str:
        provider = f"{self.t('diff.provider')}{self.colon}{self.name('recipient', loc.recipient)}" if loc.recipient else None
        return self.joined([loc.description, self.country(loc.country) if loc.country else None, provider])

    def _rights(self, r: RightStatement) -> str:
        return ", ".join(self.enum(x) for x in r.rights) + (f"{self.colon}{r.how}" if r.how else "")

    # --- evidence ---------------------------------------------------------------------------

    def evidence(self, value: Any) -> Shown:
        """Every quote (with its source and locator) and every encoder's note inside ``value``."""
        out: list[str] = []
        self._collect(value, out, deep=True)
        return tuple(out)

    def own_evidence(self, model: BaseModel) -> Shown:
        """The quotes and note attached to ``model`` itself, not to the values inside it."""
        out: list[str] = []
        self._collect(model, out, deep=False)
        return tuple(out)

    def _collect(self, value: Any, out: list[str], *, deep: bool) -> None:
        if isinstance(value, list | tuple):
            for v in value:
                self._collect(v, out, deep=deep)
            return
        if not isinstance(value, BaseModel):
            return
        if isinstance(value, (Quote, Attestation)):
            out.append(self._quote(value))
            return
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name == "evidence":
                self._collect(child, out, deep=True)
            elif name == "note" and child:
                out.append(f"{self.t('point.note')}{self.colon}{child}")
            elif deep:
                self._collect(child, out, deep=True)

    def _quote(self, ev: Evidence) -> str:
        """A quote with its source and place, or an attestation: who, when, and where it is recorded."""
        if isinstance(ev, Attestation):
            return attested(self, ev)
        where = ", ".join(x for x in (ev.source, ev.locator) if x)
        return f"“{ev.quote}”" + (f" ({where})" if where else "")
