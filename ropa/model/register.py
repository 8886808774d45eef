"""The register document: one organisation's record of processing activities at one date."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, ModelWrapValidatorHandler, model_validator

from ropa.model.activity import Activity
from ropa.model.cookies import Cookie
from ropa.model.defaults import REQUIRED, SCHEMA_KEY, Defaults, read_exported, with_defaults
from ropa.model.enums import Role
from ropa.model.joint import JointController
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


def _defaults_or_activities(schema: dict[str, Any]) -> None:
    """Each point ``defaults`` may give is required of every activity when ``defaults`` does not give it;
    ``$schema``, which ``ropa export`` writes, is allowed."""
    schema["properties"] = {
        SCHEMA_KEY: {
            "description": "The JSON Schema this document follows (its `$id`), as `ropa export` writes it; ignored when read.",
            "type": "string",
        },
        **schema.get("properties", {}),
    }
    schema["allOf"] = [
        {
            "if": {"required": ["defaults"], "properties": {"defaults": {"required": [point]}}},
            "else": {"properties": {"activities": {"items": {"required": [point]}}}},
        }
        for point in REQUIRED
    ]


class Register(Model):
    """A GDPR Article 30 record of processing activities, encoded from its sources."""

    model_config = ConfigDict(json_schema_extra=_defaults_or_activities)

    ropa: Literal[1] = Field(description="Version of the register format; always 1.")
    info: RegisterInfo = Field(alias="register", description="Identity, date and language of this register.")
    sources: list[Source] = Field(min_length=1, description="The documents this register is encoded from.")
    controller: Controller = Field(description="Art. 30(1)(a): the controller.")
    representative: EntryOrNone[Party] = Field(description="Art. 27 and 30(1)(a): the representative in the Union.")
    dpo: EntryOrNone[Party] = Field(description="Art. 37 and 30(1)(a): the data protection officer; `none` if not appointed.")
    joint_controllers: ItemsOrNone[JointController] = Field(
        description="Art. 26 and 30(1)(a): joint controllers, each with the essence of the arrangement (`arrangement`)."
    )
    supervisory_authority: Entry[Authority] = Field(description="The lead or competent supervisory authority (Art. 56).")
    roles: list[Role] = Field(min_length=1, description="Whether the organisation keeps a controller record, a processor record, or both.")
    art30_5: Art305 = Field(description="Art. 30(5): applicability of the exemption for organisations under 250 employees.")
    data_subject_rights: Items[RightStatement] = Field(description="The data-subject rights the source grants and how to exercise them.")
    policy_claims: list[PolicyClaim] = Field(default_factory=list, description="Promises the source makes about the processing as a whole.")
    data_subject_categories: list[SubjectCategory] = Field(min_length=1, description="Registry of data-subject categories.")
    data_categories: list[DataCategory] = Field(min_length=1, description="Registry of personal-data categories.")
    recipients: list[Recipient] = Field(default_factory=list, description="Registry of recipients and named tools.")
    security_measures: list[SecurityMeasure] = Field(default_factory=list, description="Registry of security measures.")
    cookies: list[Cookie] = Field(
        default_factory=list,
        description="Registry of cookies and similar technologies the website sets (ePrivacy Directive 2002/58/EC Art. 5(3)); activities name those they use.",
    )
    defaults: Defaults | None = Field(
        default=None, description="Organisation-wide statements: points every activity inherits unless it states its own."
    )
    activities: list[Activity] = Field(min_length=1, description="The processing activities, one register row each.")

    @model_validator(mode="wrap")
    @classmethod
    def _inherit(cls, data: Any, handler: ModelWrapValidatorHandler[Register]) -> Register:
        """Activities take the points they leave out from ``defaults`` (whole, never merged) and remember which.

        A ``ropa export`` document reads back too: its ``$schema`` and ``inherited`` keys are taken out first.
        """
        resolved, taken = with_defaults(read_exported(data))
        register = handler(resolved)
        for act, points in zip(register.activities, taken, strict=False):
            if points:
                act.inherited = points  # set once, as the register is built
        return register

    @property
    def inherited(self) -> tuple[frozenset[str], ...]:
        """Per activity (by index), the points it takes from ``defaults``."""
        return tuple(a.inherited for a in self.activities)

    @property
    def default_source(self) -> str:
        """The id of the source a quote naming none refers to: ``register.default_source``, else the first listed source."""
        return self.info.default_source or self.sources[0].id
