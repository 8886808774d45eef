"""Art. 26: a joint controller and the essence of the arrangement between the joint controllers.

Art. 26(1) asks joint controllers to set out, in an arrangement, who does what (in particular who
gives the Art. 13 and 14 information and who answers data subjects exercising their rights), and
lets them designate a contact point; Art. 26(2) asks that the essence of the arrangement be made
available to the data subject. Each part is stated with its evidence, or marked not stated.
"""

from __future__ import annotations

from pydantic import Field

from ropa.model.enums import ArrangementParty, JointDuty
from ropa.model.markers import Entry, EvidenceList, Id, Items, Model, Point, Text
from ropa.model.organisation import Contact, Party


class ContactPoint(Model):
    """Art. 26(1), 26(3): who answers data subjects; under Art. 26(3) they may exercise their rights against each controller anyway."""

    answered_by: ArrangementParty = Field(description="This controller, the joint controller, or each of them.")
    contacts: list[Contact] = Field(
        default_factory=list, description="The contact channels of the contact point, where the source gives them."
    )
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")


class Responsibility(Model):
    """Art. 26(1): one responsibility of the arrangement and which controller holds it."""

    duty: JointDuty = Field(description="What is to be done, e.g. `information-art13-14` (giving the Art. 13/14 information).")
    by: ArrangementParty = Field(description="This controller, the joint controller, or each of them.")
    description: Text | None = Field(default=None, description="The responsibility in the source's terms.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")


class Arrangement(Model):
    """Art. 26(1)-(2): the essence of the arrangement between the joint controllers."""

    contact_point: Entry[ContactPoint] = Field(description="Art. 26(1): who answers data subjects, with the contact channels.")
    responsibilities: Items[Responsibility] = Field(
        description="Art. 26(1): who does what, in particular who gives the Art. 13/14 information and who answers requests."
    )
    essence_available: Point[Text] = Field(
        description="Art. 26(2): how the essence of the arrangement is made available to data subjects, e.g. 'in the privacy policy'."
    )
    activities: list[Id] = Field(
        default_factory=list, description="The activities (ids) the joint control covers; empty: the source does not narrow it."
    )
    note: Text | None = Field(default=None, description="The encoder's remark.")


class JointController(Party):
    """Art. 26: a joint controller; without the essence of the arrangement (`arrangement`) it is a gap."""

    arrangement: Entry[Arrangement] | None = Field(
        default=None,
        description="Art. 26(1)-(2): the essence of the arrangement; left out or not stated, it is reported as a gap.",
    )
