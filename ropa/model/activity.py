"""A processing activity: one row of the register, Art. 30(1)(b)-(g) and the template extras."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from pydantic import ConfigDict, Field, Strict, model_validator

from ropa.model.dpia_facts import DpiaScreening
from ropa.model.enums import (
    Art9Condition,
    Art10Basis,
    DataSource,
    DpiaStatus,
    LawfulBasis,
    Role,
    TransferMechanism,
)
from ropa.model.markers import (
    Entry,
    EntryOrNone,
    EvidenceList,
    Id,
    Items,
    ItemsOrNone,
    Model,
    Point,
    PointOrNone,
    Text,
)
from ropa.model.organisation import Party
from ropa.model.provision import ProvisionStatement
from ropa.model.types import CountryCode, Date, Duration


class LawfulBasisStatement(Model):
    """Art. 6(1): the lawful basis of one purpose."""

    basis: LawfulBasis = Field(description="The Art. 6(1) basis, (a) to (f).")
    legitimate_interest: Text | None = Field(default=None, description="For (f): the interest pursued (required then).")
    consent_withdrawal: Text | None = Field(default=None, description="For (a): how consent is withdrawn (Art. 7(3); required then).")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="Whether the source states the basis or clearly implies it, and how.")


class Purpose(Model):
    """Art. 30(1)(b): a purpose of the processing, with its lawful basis."""

    description: Text = Field(description="The purpose, in the source's terms.")
    lawful_basis: Entry[LawfulBasisStatement] = Field(description="The Art. 6(1) basis for this purpose.")
    evidence: EvidenceList


class Art9Statement(Model):
    """Art. 9(2): the condition under which special-category data are processed."""

    condition: Art9Condition = Field(description="The Art. 9(2) condition, (a) to (j).")
    data_categories: list[Id] = Field(default_factory=list, description="The special categories it covers; empty means all.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")


class Art10Statement(Model):
    """Art. 10: the basis for processing personal data on criminal convictions and offences."""

    basis: Art10Basis = Field(description="Official authority, or the Union or Member State law that authorises it.")
    legal_reference: Text | None = Field(default=None, description="The law that authorises the processing.")
    evidence: EvidenceList


class MechanismStatement(Model):
    """Art. 30(1)(e), Art. 44-49: the ground of a transfer and its documentation."""

    mechanism: TransferMechanism = Field(description="Adequacy (Art. 45), safeguard (Art. 46/47) or derogation (Art. 49).")
    documentation: Text | None = Field(
        default=None,
        description="Where the safeguards are documented; required for the Art. 49(1) second-subparagraph derogation.",
    )
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")


class Transfer(Model):
    """Art. 30(1)(e): a transfer to a third country or an international organisation."""

    country: CountryCode | None = Field(default=None, description="Destination country; or give `organisation` or `unnamed_destination`.")
    organisation: Text | None = Field(default=None, description="Destination international organisation, instead of a country.")
    unnamed_destination: Text | None = Field(
        default=None,
        description="The source says data leave the EEA but names no country: its words, e.g. 'outside of Sweden'. Reported as a gap.",
    )
    recipient: Id | None = Field(default=None, description="The recipient (by id) who receives the data there.")
    mechanism: Entry[MechanismStatement] = Field(description="The transfer ground; not stated when the source does not give it.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")

    @model_validator(mode="after")
    def _one_destination(self) -> Transfer:
        if (self.country, self.organisation, self.unnamed_destination).count(None) != 2:  # one given, two left out
            raise ValueError("give exactly one destination: `country`, `organisation` or `unnamed_destination`")
        return self


class RetentionRule(Model):
    """Art. 30(1)(f): how long data are kept, as a period, a rule with its trigger, or both."""

    data_categories: list[Id] = Field(default_factory=list, description="The data categories it covers; empty means all of the activity's.")
    period: Duration | None = Field(default=None, description="ISO 8601 duration, e.g. P2Y.")
    rule: Text | None = Field(default=None, description="The rule in words, e.g. 'until the subscription ends'.")
    trigger: Text | None = Field(default=None, description="The event the period counts from, e.g. 'end of the contract'.")
    legal_reference: Text | None = Field(default=None, description="The law that sets the period, e.g. 'Bokföringslagen 7 kap. 2 §'.")
    held_by: list[Id] = Field(
        default_factory=list,
        description="The recipients (ids, among the activity's) whose copy the rule is for, e.g. a hosting provider's 30 days;"
        " left out: the controller's own copy.",
    )
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")

    @model_validator(mode="after")
    def _period_or_rule(self) -> RetentionRule:
        if self.period is None and self.rule is None:
            raise ValueError("give a `period` (ISO 8601 duration), a `rule`, or both")
        return self


class AutomatedDecisions(Model):
    """Art. 22 and Art. 13(2)(f): profiling and decisions based solely on automated processing."""

    profiling: Annotated[bool, Strict()] = Field(description="True when personal aspects are evaluated (Art. 4(4)).")
    automated_decision: Annotated[bool, Strict()] = Field(
        description="True when decisions with legal or similar effect are made solely by automated means."
    )
    description: Text = Field(description="What happens, in the source's terms.")
    evidence: EvidenceList


class Dpia(Model):
    """Art. 35: whether a data protection impact assessment is needed, and where it is."""

    status: DpiaStatus = Field(description="Not required, required and planned, or required and done.")
    reference: Text | None = Field(default=None, description="Where the DPIA is kept.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The reasoning.")


class Location(Model):
    """Where the data are stored: systems and places (regulators' templates)."""

    description: Text = Field(description="The system or place, e.g. 'own data centre'.")
    country: CountryCode | None = Field(default=None, description="Country of the place, where stated.")
    recipient: Id | None = Field(default=None, description="The provider (a recipient id) that hosts it, if any.")
    evidence: EvidenceList


#: Points an activity may leave to the register's ``defaults`` (ropa.model.defaults.REQUIRED, kept here to avoid a cycle).
_INHERITABLE_REQUIRED = (
    "business_function",
    "data_source",
    "recipients",
    "transfers",
    "retention",
    "security_measures",
    "automated_decisions",
    "dpia",
    "storage_location",
)


def _optional_when_defaulted(schema: dict[str, Any]) -> None:
    """In the JSON Schema, points ``defaults`` may give are required by the register (see ``Register``), not here;
    and the ``inherited`` list that ``ropa export`` writes is allowed (``ropa.model.defaults.read_exported``)."""
    schema["required"] = [key for key in schema.get("required", []) if key not in _INHERITABLE_REQUIRED]
    schema.setdefault("properties", {})["inherited"] = {
        "description": (
            "Written by `ropa export`: the points this activity takes from `defaults`, whose effective values it shows beside."
            " Read back, a listed point whose value equals the one in `defaults` is inherited again; one edited is the activity's own."
        ),
        "items": {"enum": [*_INHERITABLE_REQUIRED, "last_reviewed"], "type": "string"},
        "type": "array",
        "uniqueItems": True,
    }


class Activity(Model):  # noqa: PLW1641 - pydantic gives a frozen model its __hash__
    """A processing activity: one row of the register."""

    model_config = ConfigDict(json_schema_extra=_optional_when_defaulted)

    @cached_property
    def inherited(self) -> frozenset[str]:
        """The points this activity takes from the register's ``defaults`` rather than stating itself.

        ``Register`` sets it, once, on an activity that inherits (pydantic lets a frozen model's cached property be
        set); any other reads none. Not a private attribute: pydantic would initialise one on every activity built.
        """
        return frozenset()

    def __eq__(self, other: object) -> bool:
        """Equal fields and equal ``inherited``, as when it was a private attribute."""
        same = super().__eq__(other)
        if same is True and isinstance(other, Activity):
            return self.inherited == other.inherited
        return same

    id: Id = Field(description="Identifier, unique in the register.")
    name: Text = Field(description="Short name of the activity (e.g. 'Newsletter').")
    description: Text | None = Field(default=None, description="What the activity is, in a sentence.")
    role: Role = Field(default=Role.CONTROLLER, description="Controller (Art. 30(1)) or processor (Art. 30(2)) for this activity.")
    controllers_served: list[Party] = Field(
        default_factory=list, description="Art. 30(2)(a): the controllers on whose behalf a processor activity runs."
    )
    business_function: Point[Text] = Field(description="The business function or owner of the activity.")
    purposes: list[Purpose] = Field(min_length=1, description="Art. 30(1)(b): the purposes, each with its lawful basis.")
    data_subjects: Point[list[Id]] = Field(description="Art. 30(1)(c): the categories of data subjects (ids).")
    data_categories: Point[list[Id]] = Field(description="Art. 30(1)(c): the categories of personal data (ids).")
    special_category_conditions: Items[Art9Statement] | None = Field(
        default=None, description="Art. 9(2) conditions; required when a data category is special."
    )
    criminal_offence_basis: Entry[Art10Statement] | None = Field(
        default=None, description="Art. 10 basis; required when a data category is criminal-offence data."
    )
    data_source: Point[list[DataSource]] = Field(description="Where the data come from (Art. 13/14).")
    provision_requirement: Items[ProvisionStatement] | None = Field(
        default=None,
        description="Art. 13(2)(e): whether the data subject must provide the data and what follows if not; optional:"
        " left out, not recorded and no gap; `not_stated`, a gap.",
    )
    recipients: PointOrNone[list[Id]] = Field(description="Art. 30(1)(d): the recipients (ids).")
    transfers: ItemsOrNone[Transfer] = Field(description="Art. 30(1)(e): transfers to third countries or international organisations.")
    retention: Items[RetentionRule] = Field(
        description="Art. 30(1)(f): time limits for erasure, per data category where the source distinguishes them."
    )
    security_measures: Point[list[Id]] = Field(
        description="Art. 30(1)(g): security measures for this activity (ids); organisation-wide ones apply too."
    )
    automated_decisions: EntryOrNone[AutomatedDecisions] = Field(
        description=(
            "Art. 22: profiling and automated decisions. `none` rules out decisions based solely on automated processing only,"
            " and leaves profiling not stated; to rule out both, state `{profiling: false, automated_decision: false, ...}`."
        )
    )
    dpia: Entry[Dpia] = Field(description="Art. 35: data protection impact assessment.")
    dpia_screening: DpiaScreening | None = Field(
        default=None,
        description="Art. 35, WP248 rev.01: the facts a DPIA screening needs beyond the points above; left out means not stated.",
    )
    storage_location: Items[Location] = Field(description="Where the data are stored.")
    last_reviewed: Point[Date] | None = Field(
        default=None, description="When this entry was last reviewed, if it differs from the register's date."
    )
    cookies: list[Id] | None = Field(
        default=None,
        description="The cookies (ids of the register's `cookies`) the activity uses; left out means no cookies are recorded for it.",
    )
