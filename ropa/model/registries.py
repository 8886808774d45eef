"""Registries that activities refer to by id: data subjects, data, recipients, security measures."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from ropa.model.enums import RecipientKind, SecurityKind, SpecialCategory
from ropa.model.markers import Entry, EvidenceList, Id, Model, Point, PointOrNone, Text
from ropa.model.relations import RecipientLink
from ropa.model.types import CountryCode


class SubjectCategory(Model):
    """Art. 30(1)(c): a category of data subjects (customers, newsletter subscribers, callers)."""

    id: Id = Field(description="Identifier activities refer to.")
    name: Text = Field(description="Name of the category.")
    description: Text | None = Field(default=None, description="Who belongs to it.")
    vulnerable: Point[Annotated[bool, Strict(), Field(title="Bool")]] | None = Field(
        default=None,
        description="WP248 rev.01 criterion 7: vulnerable people (children, employees, patients, the elderly...); left out means not stated.",
    )
    evidence: EvidenceList


class DataCategory(Model):
    """Art. 30(1)(c): a category of personal data, flagged when Art. 9 or Art. 10 applies."""

    id: Id = Field(description="Identifier activities refer to.")
    name: Text = Field(description="Name of the category (e.g. 'e-mail address', 'IP address').")
    description: Text | None = Field(default=None, description="What it contains.")
    special_category: SpecialCategory | None = Field(default=None, description="The Art. 9(1) special category, if it is one.")
    criminal_offence: Annotated[bool, Strict()] = Field(
        default=False, description="True for Art. 10 data on criminal convictions and offences."
    )
    highly_personal: Point[Annotated[bool, Strict(), Field(title="Bool")]] | None = Field(
        default=None,
        description="WP248 rev.01 criterion 4: data of a highly personal nature beyond Art. 9/10 (financial, location, communications...); left out means not stated.",
    )
    evidence: EvidenceList


class Recipient(Model):
    """Art. 30(1)(d): a recipient or category of recipients, with where it is and on what terms."""

    id: Id = Field(description="Identifier activities and transfers refer to.")
    name: Text = Field(description="Name as the source gives it (e.g. 'MailChimp', 'subsidiaries of CM Groep B.V.').")
    kind: Entry[RecipientKind] = Field(
        description="Processor, affiliate, authority, independent controller, the public...; `{not_stated: true, note: ...}` when the source does not say in which role the recipient receives the data."
    )
    description: Text | None = Field(default=None, description="What the recipient does with the data.")
    country: PointOrNone[CountryCode] = Field(description="Where the recipient processes the data (ISO 3166-1 alpha-2).")
    contract: Point[Text] | None = Field(
        default=None, description="Art. 28 processor contract or other agreement (e.g. an NDA), where recorded."
    )
    dpf_certified: Point[Annotated[bool, Strict(), Field(title="Bool")]] | None = Field(
        default=None, description="For US recipients: certified under the EU-US Data Privacy Framework (Decision (EU) 2023/1795)."
    )
    privacy_shield_certified: Point[Annotated[bool, Strict(), Field(title="Bool")]] | None = Field(
        default=None,
        description="For US recipients on a register dated 2016-08-01 to 2020-07-15: certified under the EU-US Privacy Shield (Decision (EU) 2016/1250, invalidated by C-311/18 on 2020-07-16).",
    )
    website: Text | None = Field(default=None, description="Website of the recipient, as the source gives it.")
    relations: list[RecipientLink] = Field(
        default_factory=list,
        description="How this recipient relates to other recipients: the processor it is a sub-processor of, "
        "the company it represents in the Union, its group companies.",
    )
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark, e.g. how the kind was judged.")


class SecurityMeasure(Model):
    """Art. 30(1)(g) and Art. 32(1): a technical or organisational security measure."""

    id: Id = Field(description="Identifier activities refer to.")
    description: Text = Field(description="The measure, in the source's terms.")
    kind: SecurityKind | None = Field(default=None, description="Technical or organisational, where clear.")
    organisation_wide: Annotated[bool, Strict()] = Field(default=False, description="True when it protects every activity.")
    evidence: EvidenceList
