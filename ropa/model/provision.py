"""Art. 13(2)(e): whether the data subject must provide the data, on what ground, and what follows if they do not."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, model_validator

from ropa.model.enums import ProvisionRequirement
from ropa.model.markers import EvidenceList, Id, Model, Text


class ProvisionStatement(Model):
    """Art. 13(2)(e): whether providing the data is a statutory or contractual requirement, or a requirement necessary to
    enter into a contract; whether the data subject is obliged to provide them; the possible consequences of not doing so."""

    requirement: ProvisionRequirement = Field(description="`statutory`, `contractual`, `necessary-to-enter-into-contract` or `voluntary`.")
    obliged: Annotated[bool, Strict()] = Field(description="True when the data subject is obliged to provide the data.")
    consequences: Text | None = Field(
        default=None, description="What follows if the data are not provided, e.g. 'we cannot deliver the order'."
    )
    data_categories: list[Id] = Field(default_factory=list, description="The data categories it covers; empty means all of the activity's.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")

    @model_validator(mode="after")
    def _voluntary_not_obliged(self) -> ProvisionStatement:
        if self.requirement is ProvisionRequirement.VOLUNTARY and self.obliged:
            raise ValueError("voluntary data are not data the data subject is obliged to provide: set `obliged: false`")
        return self
