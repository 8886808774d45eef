"""The register document: one organisation's record of processing activities at one date."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ropa.model.activity import Activity
from ropa.model.enums import Role
from ropa.model.markers import Entry, EntryOrNone, Items, ItemsOrNone, Model
from ropa.model.organisation import (
    Art305,
    Authority,
    Controller,
    Party,
    PolicyClaim,
    RegisterInfo,
    RightStatement,
    Source,
)
from ropa.model.registries import DataCategory, Recipient, SecurityMeasure, SubjectCategory

FORMAT_VERSION = 1


class Register(Model):
    """A GDPR Article 30 record of processing activities, encoded from its sources."""

    ropa: Literal[1] = Field(description="Version of the register format; always 1.")
    info: RegisterInfo = Field(alias="register", description="Identity, date and language of this register.")
    sources: list[Source] = Field(min_length=1, description="The documents this register is encoded from.")
    controller: Controller = Field(description="Art. 30(1)(a): the controller.")
    representative: EntryOrNone[Party] = Field(description="Art. 27 and 30(1)(a): the representative in the Union.")
    dpo: EntryOrNone[Party] = Field(description="Art. 37 and 30(1)(a): the data protection officer; `none` if not appointed.")
    joint_controllers: ItemsOrNone[Party] = Field(description="Art. 26 and 30(1)(a): joint controllers.")
    supervisory_authority: Entry[Authority] = Field(description="The lead or competent supervisory authority (Art. 56).")
    roles: list[Role] = Field(min_length=1, description="Whether the organisation keeps a controller record, a processor record, or both.")
    art30_5: Art305 = Field(description="Art. 30(5): applicability of the exemption for organisations under 250 employees.")
    data_subject_rights: Items[RightStatement] = Field(description="The data-subject rights the source grants and how to exercise them.")
    policy_claims: list[PolicyClaim] = Field(default_factory=list, description="Promises the source makes about the processing as a whole.")
    data_subject_categories: list[SubjectCategory] = Field(min_length=1, description="Registry of data-subject categories.")
    data_categories: list[DataCategory] = Field(min_length=1, description="Registry of personal-data categories.")
    recipients: list[Recipient] = Field(default_factory=list, description="Registry of recipients and named tools.")
    security_measures: list[SecurityMeasure] = Field(default_factory=list, description="Registry of security measures.")
    activities: list[Activity] = Field(min_length=1, description="The processing activities, one register row each.")

    @property
    def default_source(self) -> str:
        """The id of the source a quote naming none refers to: ``register.default_source``, else the first listed source."""
        return self.info.default_source or self.sources[0].id
