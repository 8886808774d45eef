"""DPIA screening (Art. 35): the nine WP248 rev.01 criteria and the national list, judged from what the register states.

A criterion is met, not met, or not judged because a point it needs is not stated; a point that is
not stated is never taken as absent. Every renderer, ``ropa gaps``, ``ropa diff`` and the
``dpia-likely-required`` check read this module, so a screening reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ropa.model import Register
from ropa.model.activity import Activity, AutomatedDecisions, Dpia
from ropa.model.dpia_facts import Scale
from ropa.model.enums import DpiaStatus
from ropa.model.markers import Evidence, Fact, NotStated, plain, quotes_of
from ropa.model.registries import DataCategory, SubjectCategory
from ropa.reference.dpia_lists import NationalList, for_country
from ropa.reporting.dpia_terms import Criterion, Judgement, ListMatch, Result

__all__ = ["Criterion", "Judgement", "ListMatch", "Lookups", "Result", "Screening", "lookups_of", "may_conclude", "screen", "screen_all"]


@dataclass(frozen=True, slots=True)
class Screening:
    """The screening of one activity."""

    activity: str
    index: int
    judgements: tuple[Judgement, ...]
    national_list: NationalList | None
    list_matches: tuple[ListMatch, ...]
    dpia: str  # the DPIA status as recorded: a DpiaStatus value, or "not-stated"
    dpia_reasoned: bool  # a "not required" DPIA status with the reasoning recorded

    def with_result(self, result: Result) -> list[Judgement]:
        return [j for j in self.judgements if j.result is result]

    @property
    def met(self) -> list[Judgement]:
        return self.with_result(Result.MET)

    @property
    def not_stated(self) -> list[Judgement]:
        return self.with_result(Result.NOT_STATED)

    @property
    def dpia_recorded(self) -> bool:
        return self.dpia in (DpiaStatus.REQUIRED_DONE, DpiaStatus.REQUIRED_PLANNED)

    @property
    def likely_required(self) -> bool:
        """WP248 rev.01: two or more criteria met and no DPIA recorded (nor reasons for not doing one)."""
        return not self.dpia_reasoned and not self.dpia_recorded and len(self.met) >= 2

    @property
    def inconclusive(self) -> bool:
        """Fewer than two criteria met, but with those not judged two or more may be, and no DPIA recorded: no conclusion.

        Without this, '1 of the nine criteria met, 8 not judged' reads as 'no DPIA needed', which the register does not state.
        """
        undecided = len(self.met) < 2 <= len(self.met) + len(self.not_stated)
        return undecided and not self.dpia_recorded and not self.dpia_reasoned and not self.list_required

    @property
    def list_required(self) -> bool:
        """A national-list entry applies and no DPIA is recorded."""
        return any(m.name is not None for m in self.list_matches) and not self.dpia_recorded


def _quote(evidence: list[Evidence], note: str | None = None) -> str:
    if evidence:
        return plain(next(iter(quotes_of(evidence)), evidence[0]))  # a quote when there is one
    return note or "stated without a quote"


def _stated(evidence: list[Evidence], note: str | None) -> str:
    """The quote and the encoder's note with it (an inference, a caveat, how a judgement was made), never one hiding the other."""
    quote = _quote(evidence, note)
    return f"{quote} ({note})" if evidence and note else quote


def _flag(value: object, field: str, criterion: Criterion, what: str) -> Judgement:
    if value is not None and type(value) is not NotStated and isinstance(value, Fact):  # the common cases first: no ABC check
        if value.value is True:
            quote = _stated(value.evidence, value.note)
            return Judgement(criterion, Result.MET, f"{what}: {quote}", field, quote)
        quote = _stated(value.evidence, value.note)
        return Judgement(criterion, Result.NOT_MET, f"not {what}: {quote}", field, quote)
    note = value.note if isinstance(value, NotStated) and value.note else None
    return Judgement(criterion, Result.NOT_STATED, note or f"{what}: not stated", field, note or "")


#: What states profiling and automated decisions, when `none` answers Art. 22 only.
_PROFILING_YAML = "automated_decisions: {profiling: false, automated_decision: false, description: ..., evidence: [...]}"


def _automated(act: Activity, base: str) -> list[Judgement]:
    field = f"{base}.automated_decisions"
    ad = act.automated_decisions
    if type(ad) is AutomatedDecisions:  # model classes by identity: isinstance goes through ABCMeta (none is subclassed)
        quote = _quote(ad.evidence, ad.description)
        return [
            Judgement(
                Criterion.EVALUATION,
                Result.MET if ad.profiling else Result.NOT_MET,
                ("profiling; " if ad.profiling else "no profiling; ") + quote,
                field,
                quote,
            ),
            Judgement(
                Criterion.AUTOMATED_DECISION,
                Result.MET if ad.automated_decision else Result.NOT_MET,
                ("automated decision; " if ad.automated_decision else "no automated decision; ") + quote,
                field,
                quote,
            ),
        ]
    if type(ad) is NotStated:
        why = ad.note or "automated decisions and profiling are not stated"
        return [Judgement(c, Result.NOT_STATED, why, field, ad.note or "") for c in (Criterion.EVALUATION, Criterion.AUTOMATED_DECISION)]
    # "none" (or not applicable) answers Art. 22 and 13(2)(f): no decision based solely on automated processing. It does
    # not say that nobody is evaluated or scored (criterion 1 is wider than Art. 22): that needs `profiling` stated.
    quote = _quote(getattr(ad, "evidence", []), getattr(ad, "note", None) or getattr(ad, "reason", None))
    return [
        Judgement(
            Criterion.EVALUATION,
            Result.NOT_STATED,
            f"no automated decisions ({quote}), but not whether people are evaluated or scored: state it, e.g. `{_PROFILING_YAML}`",
            field,
        ),
        Judgement(Criterion.AUTOMATED_DECISION, Result.NOT_MET, "none: " + quote, field, quote),
    ]


def _sensitive(shared: Lookups, act: Activity, base: str) -> Judgement:
    """Criterion 4: Art. 9/10 data, or data stated to be of a highly personal nature; unflagged other data leave it not judged."""
    field = f"{base}.data_categories"
    found = _sensitive_found(shared, act)
    if found is None:
        return Judgement(Criterion.SENSITIVE, Result.NOT_STATED, "the data categories are not stated", field)
    return Judgement(Criterion.SENSITIVE, found[0], found[1], field, found[2])


def _sensitive_found(shared: Lookups, act: Activity) -> _Found | None:
    """Criterion 4 for an activity, but for the field (None: its data categories are not stated), judged once per id list."""
    return _once_per_ids(act.data_categories, shared.sensitive, shared.categories, _sensitive_of)


def _once_per_ids(
    stated: object, memo: dict[tuple[str, ...], _Found], registry: dict[str, Any], judge: Callable[[list[Any]], _Found]
) -> _Found | None:
    """``judge`` of the registry entries a stated id list names, remembered per list; None where the list is not stated."""
    if type(stated) is NotStated or not isinstance(stated, Fact):
        return None
    key = tuple(stated.value)
    found = memo.get(key)
    if found is None:
        found = memo[key] = judge([registry[i] for i in key if i in registry])
    return found


def _sensitive_of(chosen: list[DataCategory]) -> _Found:
    """Criterion 4 for the categories an activity names (the same for every activity naming the same ones)."""
    special = [c for c in chosen if c.special_category is not None or c.criminal_offence]
    personal = [c for c in chosen if c not in special and isinstance(c.highly_personal, Fact) and c.highly_personal.value is True]
    if special or personal:
        hits = [f"{c.id} ({c.special_category.value if c.special_category else 'criminal offences'})" for c in special]
        hits += [f"{c.id} (highly personal)" for c in personal]
        return Result.MET, "Art. 9/10 or highly personal data: " + ", ".join(hits), ", ".join(c.name for c in special + personal)
    unknown = [c for c in chosen if not isinstance(c.highly_personal, Fact)]
    if unknown:
        text = ", ".join(c.id for c in unknown)
        return (
            Result.NOT_STATED,
            f"no Art. 9/10 data; not stated whether of a highly personal nature: {text}",
            ", ".join(c.name for c in unknown),
        )
    return Result.NOT_MET, "no Art. 9/10 data, and no category is of a highly personal nature", ""


def _vulnerable(shared: Lookups, act: Activity, base: str) -> Judgement:
    field = f"{base}.data_subjects"
    found = _vulnerable_found(shared, act)
    if found is None:
        return Judgement(Criterion.VULNERABLE, Result.NOT_STATED, "the data subjects are not stated", field)
    return Judgement(Criterion.VULNERABLE, found[0], found[1], field, found[2])


def _vulnerable_found(shared: Lookups, act: Activity) -> _Found | None:
    """Criterion 7 for an activity, but for the field (None: its data subjects are not stated), judged once per id list."""
    return _once_per_ids(act.data_subjects, shared.vulnerable, shared.subjects, _vulnerable_of)


def _vulnerable_of(chosen: list[SubjectCategory]) -> _Found:
    """Criterion 7 for the categories of data subjects an activity names (the same for every activity naming the same ones)."""
    vulnerable = [s for s in chosen if isinstance(s.vulnerable, Fact) and s.vulnerable.value is True]
    if vulnerable:
        text = "; ".join(
            f"{s.id}: {_quote(s.vulnerable.evidence, s.vulnerable.note)}" for s in vulnerable if isinstance(s.vulnerable, Fact)
        )
        names = "; ".join(
            f"{s.name}: {_quote(s.vulnerable.evidence, s.vulnerable.note)}" for s in vulnerable if isinstance(s.vulnerable, Fact)
        )
        return Result.MET, "vulnerable: " + text, names
    unknown = [s for s in chosen if not isinstance(s.vulnerable, Fact)]
    if unknown:
        text = ", ".join(
            s.id + (f" ({s.vulnerable.note})" if isinstance(s.vulnerable, NotStated) and s.vulnerable.note else "") for s in unknown
        )
        names = ", ".join(s.name for s in unknown)
        return Result.NOT_STATED, "not stated whether vulnerable: " + text, names
    return Result.NOT_MET, "no category of data subjects is stated as vulnerable", ""


#: The criteria judged from one flag of ``dpia_screening``: (its key, the criterion, what a finding calls it), in screening order.
_FLAGS = (
    ("systematic_monitoring", Criterion.MONITORING, "systematic monitoring"),
    ("combines_datasets", Criterion.COMBINED, "datasets combined"),
    ("innovative_technology", Criterion.INNOVATIVE, "innovative technology"),
    ("prevents_right_or_service", Criterion.PREVENTS, "prevents a right or a service"),
)
_SCALE_NOT_STATED = "the scale (number of people, reach) is not stated"


def _scale(value: object, field: str) -> Judgement:
    if value is not None and type(value) is not NotStated and isinstance(value, Scale):
        s = value
        facts = ["large scale" if s.large_scale else "not large scale"]
        if s.data_subjects is not None:
            facts.append(f"about {s.data_subjects:,} people")
        if s.geographic_reach is not None:
            facts.append(f"{s.geographic_reach.value} reach")
        quote = _stated(s.evidence, s.note)
        text = ", ".join(facts) + "; " + quote
        return Judgement(Criterion.LARGE_SCALE, Result.MET if s.large_scale else Result.NOT_MET, text, field, quote)
    note = value.note if isinstance(value, NotStated) and value.note else None
    return Judgement(Criterion.LARGE_SCALE, Result.NOT_STATED, note or _SCALE_NOT_STATED, field, note or "")


#: A criterion judged from the categories an activity names: the result, the evidence and the words shown.
_Found = tuple[Result, str, str]


@dataclass(frozen=True, slots=True)
class Lookups:
    """What every activity's screening looks up in the register: its categories by id and the national list;
    and criteria 4 and 7 as judged so far, by the ids an activity names (activities often name the same ones)."""

    categories: dict[str, DataCategory]
    subjects: dict[str, SubjectCategory]
    national: NationalList | None
    sensitive: dict[tuple[str, ...], _Found]
    vulnerable: dict[tuple[str, ...], _Found]


def lookups_of(register: Register) -> Lookups:
    """What every activity's screening looks up, made once for the register."""
    country = register.controller.country.value if isinstance(register.controller.country, Fact) else None
    return Lookups(
        {c.id: c for c in register.data_categories},
        {s.id: s for s in register.data_subject_categories},
        for_country(str(country) if country else None),
        {},
        {},
    )


def screen(register: Register, index: int, lookups: Lookups | None = None) -> Screening:
    """The screening of the activity at ``index`` (``lookups``: the register's, made once for all its activities)."""
    shared = lookups if lookups is not None else lookups_of(register)
    act = register.activities[index]
    base = f"activities[{index}]"
    facts = act.dpia_screening
    s = f"{base}.dpia_screening"
    if facts is None:  # no screening facts recorded: the criteria that need them are not judged (the common case, made directly)
        flags = [Judgement(criterion, Result.NOT_STATED, f"{what}: not stated", f"{s}.{key}") for key, criterion, what in _FLAGS]
        scale = Judgement(Criterion.LARGE_SCALE, Result.NOT_STATED, _SCALE_NOT_STATED, f"{s}.scale")
    else:
        flags = [_flag(getattr(facts, key), f"{s}.{key}", criterion, what) for key, criterion, what in _FLAGS]
        scale = _scale(facts.scale, f"{s}.scale")
    monitoring, combined, innovative, prevents = flags
    judgements = (
        *_automated(act, base),
        monitoring,
        _sensitive(shared, act, base),
        scale,
        combined,
        _vulnerable(shared, act, base),
        innovative,
        prevents,
    )
    national = shared.national
    matches = []
    for entry in facts.national_list if facts else []:
        found = national.entry(entry.entry) if national else None
        matches.append(
            ListMatch(
                entry.entry,
                found.name if found else None,
                found.verified if found else False,
                _stated(entry.evidence, entry.note),
            )
        )
    dpia = act.dpia
    status, reasoned = "not-stated", False
    if type(dpia) is Dpia:  # or NotStated, told apart by identity (isinstance goes through ABCMeta)
        status, reasoned = dpia.status.value, dpia.status is DpiaStatus.NOT_REQUIRED and bool(dpia.note)
    return Screening(act.id, index, judgements, national, tuple(matches), status, reasoned)


_RECORDED = (DpiaStatus.REQUIRED_DONE, DpiaStatus.REQUIRED_PLANNED)


def may_conclude(register: Register, index: int, shared: Lookups) -> bool:
    """Whether the screening of the activity at ``index`` names national-list entries or finds a DPIA likely required,
    told without putting each criterion into words: False exactly when :func:`screen` gives no list match and
    ``likely_required`` is False, as for most activities (tests/test_dpia_quick.py holds the two to agreeing)."""
    act = register.activities[index]
    facts = act.dpia_screening
    if facts is not None and facts.national_list:
        return True
    dpia = act.dpia
    if type(dpia) is Dpia and (dpia.status in _RECORDED or (dpia.status is DpiaStatus.NOT_REQUIRED and bool(dpia.note))):
        return False
    ad = act.automated_decisions
    met = bool(ad.profiling) + bool(ad.automated_decision) if type(ad) is AutomatedDecisions else 0
    if facts is not None:
        for key, _criterion, _what in _FLAGS:
            value = getattr(facts, key)
            met += value is not None and type(value) is not NotStated and isinstance(value, Fact) and value.value is True
        scale = facts.scale
        met += scale is not None and type(scale) is not NotStated and isinstance(scale, Scale) and bool(scale.large_scale)
    for found in (_sensitive_found(shared, act), _vulnerable_found(shared, act)):
        met += found is not None and found[0] is Result.MET
    return met >= 2


def screen_all(register: Register) -> list[Screening]:
    shared = lookups_of(register)
    return [screen(register, i, shared) for i in range(len(register.activities))]
