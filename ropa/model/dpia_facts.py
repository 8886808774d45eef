"""Art. 35 and WP248 rev.01: the facts a DPIA screening needs that the Art. 30 points do not hold.

Every point is optional (a register that validates today keeps validating) and, when given, is
stated with evidence or marked not stated; a point left out counts as not stated, so a criterion
that depends on it is reported as not judged, never as absent.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from ropa.model.enums import GeographicReach
from ropa.model.markers import Entry, EvidenceList, Id, Model, Point, Text

Bool = Annotated[bool, Strict(), Field(title="Bool")]
Count = Annotated[int, Strict(), Field(ge=0, title="Count")]


class Scale(Model):
    """WP248 rev.01 criterion 5: the factors of "large scale" (number of people, reach) and the controller's judgement."""

    large_scale: Bool = Field(description="The controller's judgement that the processing is on a large scale, from the factors below.")
    data_subjects: Count | None = Field(default=None, description="Approximate number of people whose data are processed.")
    geographic_reach: GeographicReach | None = Field(default=None, description="Local, regional, national or international.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="How the judgement was made.")


class ListEntry(Model):
    """Art. 35(4): an entry of the national list of processing that always needs a DPIA, named by the register."""

    entry: Id = Field(description="The entry's id in ropa's copy of the list of the controller's country, e.g. `nl-ap-07`.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="Why the activity falls under the entry.")


class DpiaScreening(Model):
    """What the nine WP248 rev.01 criteria need beyond the Art. 30 points; each point is stated or not stated."""

    scale: Entry[Scale] | None = Field(default=None, description="Criterion 5: large scale, with the number of people and the reach.")
    systematic_monitoring: Point[Bool] | None = Field(
        default=None, description="Criterion 3: systematic observation, monitoring or control of data subjects (Art. 35(3)(c))."
    )
    combines_datasets: Point[Bool] | None = Field(
        default=None, description="Criterion 6: datasets from different operations or controllers are matched or combined."
    )
    innovative_technology: Point[Bool] | None = Field(
        default=None, description="Criterion 8: innovative use or new technological or organisational solutions."
    )
    prevents_right_or_service: Point[Bool] | None = Field(
        default=None,
        description="Criterion 9: the processing itself prevents people from exercising a right or using a service or contract.",
    )
    national_list: list[ListEntry] = Field(
        default_factory=list,
        description="Art. 35(4): entries of the national list (of the controller's country) that the activity falls under; matched only by naming them.",
    )


__all__ = ["Bool", "Count", "DpiaScreening", "ListEntry", "Scale"]
